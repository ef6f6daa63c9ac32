"""The main command's options and help, as typer reads them: ``wres-convert submission.docx``
writes ``submission.html`` beside it. The work is cli/converting.py's, which a plain command line
reaches without typer (cli/fast.py); the option table it parses with is made from this
declaration, so the options are declared here only."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from wres_convert.cli.common import (
    ConfigFile,
    CorrectionsDir,
    Debug,
    InputFormatOption,
    Jobs,
    MaxMemory,
    MaxPages,
    MaxSize,
    Recursive,
    StandardOption,
    Timeout,
    _show_version,
    new_app,
)
from wres_convert.cli.core import (
    DEFAULT_TIMEOUT,
    EXIT_CODES_HELP,
    OutputFormat,
    Stop,
    Theme,
)

app = new_app()


@app.command(epilog=EXIT_CODES_HELP)
def convert(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned templates: .docx, .pdf or .txt.",
            show_default=False,
            metavar="FILE",
            readable=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file, folder, or - for standard output. Default: beside each input.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md or json. Default: from the -o suffix, else html.",
            show_default=False,
        ),
    ] = None,
    include_contact: Annotated[
        bool,
        typer.Option("--include-contact", help="Add the submitter's contact details to JSON output only."),
    ] = False,
    config: ConfigFile = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="A folder of changed templates (from 'wres-convert templates export DIR'); "
            "files it lacks come from the packaged ones.",
            show_default=False,
            metavar="DIR",
            readable=False,
        ),
    ] = None,
    theme: Annotated[
        Theme | None,
        typer.Option(
            "--theme", help="Page design: default, or nhsuk (NHS.UK design system).", show_default=False
        ),
    ] = None,
    standard: StandardOption = None,
    fragment: Annotated[
        bool,
        typer.Option("--fragment", help="Write only the case study's body (no <html>/<head>), for a CMS."),
    ] = False,
    link_original: Annotated[
        bool,
        typer.Option(
            "--link-original",
            help="Publish a copy of each source, cleaned of the submitter's details, beside its page and link it under Further Reading.",
        ),
    ] = False,
    embed_images: Annotated[
        bool,
        typer.Option(
            "--embed-images",
            help="Put pictures into the page as data: URIs (a one-file page); in JSON, as base64.",
        ),
    ] = False,
    no_images: Annotated[
        bool, typer.Option("--no-images", help="Leave pictures out of the page, with a warning.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a conversion has review warnings.")
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact", help="Replace e-mail addresses, phone, NHS and NI numbers found in answers."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing output files that wres-convert did not write.")
    ] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review", help="Into a folder: also write review pages and review.html beside index.html."
        ),
    ] = False,
    omit_empty: Annotated[
        bool,
        typer.Option(
            "--omit-empty", help='Leave unanswered sections off the page instead of "Not provided…".'
        ),
    ] = False,
    corrections: CorrectionsDir = None,
    max_size: MaxSize = "50",
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_memory: MaxMemory = None,
    max_pages: MaxPages = None,
    jobs: Jobs = None,
    recursive: Recursive = False,
    input_format: InputFormatOption = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Keep running: convert each new or changed file in the inbox folder."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Debug = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Convert returned WRES case-study templates into the published case study page.

    FILE may be a file, a folder (an inbox: every submission in it), or - for standard input.
    Review how a file was read, question by question, with: wres-convert check FILE...
    See each return as read beside its page, to review before publishing: wres-convert review FILE... -o review/
    Copy the page templates out to change them with: wres-convert templates export DIR"""
    # Every option by its name, as convert_files takes them (choices as their strings): the
    # option list is written once, above.
    values = {k: v.value if isinstance(v, Enum) else v for k, v in locals().items() if k != "version"}
    from wres_convert.cli.converting import convert_files

    try:
        code = convert_files(**values)
    except Stop as stop:
        raise typer.Exit(stop.code) from None
    raise typer.Exit(code)
