"""What every subcommand shares with typer: the app set-up, the option declarations, and the
guard for a typer command. What needs no typer (the checks, the formats, the guard itself) is in
core.py."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from wres_convert import __version__
from wres_convert.cli.core import InputFormat, Stop, guard


def new_app() -> typer.Typer:
    """One command's app, set up alike for every subcommand: plain help (rich's help formatting
    costs start-up time), no completion installer, our own one-line errors instead of tracebacks."""
    return typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


@contextlib.contextmanager
def guarded(debug: bool) -> Iterator[None]:
    """core.guard for a typer command: its Stop becomes typer's Exit with the same code."""
    try:
        with guard(debug):
            yield
    except Stop as stop:
        raise typer.Exit(stop.code) from None


# Options the conversion and ``check`` share, so both read files under the same limits.
MaxSize = Annotated[
    str, typer.Option("--max-size", help="Refuse input files larger than this many MB.", metavar="MB")
]
Timeout = Annotated[
    str, typer.Option("--timeout", help="Stop a file's conversion after this many seconds.", metavar="S")
]
Jobs = Annotated[
    str | None,
    typer.Option(
        "--jobs",
        "-j",
        help="Files converted at once. Default: the number of cores.",
        show_default=False,
        metavar="N",
    ),
]
MaxMemory = Annotated[
    str | None,
    typer.Option(
        "--max-memory",
        help="Stop a file's conversion when it uses more memory than this many MB. "
        "Default: a share of the machine's memory for each of the --jobs.",
        show_default=False,
        metavar="MB",
    ),
]
MaxPages = Annotated[
    str | None,
    typer.Option(
        "--max-pages",
        help="Refuse a PDF with more pages than this. Default: the converter's own limit.",
        show_default=False,
        metavar="N",
    ),
]
Recursive = Annotated[bool, typer.Option("--recursive", "-r", help="Look inside sub-folders of a folder.")]
StandardOption = Annotated[
    str | None,
    typer.Option(
        "--standard",
        help="The standard the returns were made for: a pack's name (default wres) or a pack folder.",
        show_default=False,
        metavar="NAME",
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="docx, pdf, text, html or email: for standard input when it cannot be told.",
        show_default=False,
    ),
]
CorrectionsDir = Annotated[
    Path | None,
    typer.Option(
        "--corrections",
        help="Folder of corrections files (RETURN.corrections.toml); by default each is read from beside its return.",
        file_okay=False,
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="A TOML file of site settings (links, site name).",
        show_default=False,
        metavar="FILE",
        readable=False,
    ),
]


def _show_version(value: bool) -> None:
    if value:
        print(f"wres-convert {__version__}")
        raise typer.Exit()
