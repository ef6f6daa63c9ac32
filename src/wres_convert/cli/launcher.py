"""The ``wres-convert`` command's entry point: answers ``--version`` and ``-V`` before importing the
rest of the command (the fastest answer for scripts that check it), then hands everything else to
cli.main."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # Start-up makes tens of thousands of objects (modules, the pack, the option table) and frees
    # almost none: collecting while it runs was ~10 ms of a one-file run for nothing. run_all turns
    # collection back on, with start-up's objects frozen, before any file is read; the subcommands
    # (read, check, review, templates, config) turn it on as they start (cli/main.py).
    gc.disable()
    if sys.argv[1:] in (["--version"], ["-V"]):  # -V: as python -V, pip -V
        from wres_convert import __version__

        try:
            print(f"wres-convert {__version__}", flush=True)
        except OSError as exc:  # standard output closed or full: as cli.main answers it
            from wres_convert.errors import EXIT_BROKEN_PIPE, EXIT_CANNOT_WRITE, message_line
            from wres_convert.run.terminal import say, silence_stdout

            silence_stdout()
            if isinstance(exc, BrokenPipeError):
                sys.exit(EXIT_BROKEN_PIPE)
            say(message_line("error", None, f"cannot write standard output: {exc.strerror}"))
            sys.exit(EXIT_CANNOT_WRITE)
        return
    from wres_convert.cli.main import main as cli_main

    cli_main()
