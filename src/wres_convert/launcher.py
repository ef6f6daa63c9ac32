"""The ``wres-convert`` command's entry point: answers ``--version`` before importing the CLI
framework (typer is most of the start-up), then hands everything else to cli.main."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from wres_convert import __version__

        print(f"wres-convert {__version__}")
        return
    from wres_convert.cli import main as cli_main

    cli_main()
