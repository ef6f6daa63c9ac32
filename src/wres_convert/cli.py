"""The command line: ``wres-convert submission.docx`` writes ``submission.html`` beside it.

Standard output carries only data (with ``-o -``); every message goes to standard error, one line
per problem, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wres_convert import __version__
from wres_convert.errors import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    EXIT_WARNINGS,
    ConversionError,
)

if TYPE_CHECKING:
    pass

EXIT_CODES_HELP = (
    "Exit codes: 0 converted; 1 converted with review warnings (only with --strict); 2 usage error; "
    "3 a file could not be read (missing, damaged, encrypted, wrong kind); 4 not a WRES case-study "
    "submission; 5 some files converted and some failed; 6 an output file could not be written. "
    "When every file fails, the highest code is returned."
)


def new_app() -> typer.Typer:
    """One command's app, set up alike for every subcommand: plain help (rich's help formatting
    costs start-up time), no completion installer, our own one-line errors instead of tracebacks."""
    return typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = new_app()


class InputFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    text = "text"


class Theme(StrEnum):
    default = "default"
    nhsuk = "nhsuk"


class OutputFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _show_version(value: bool) -> None:
    if value:
        print(f"wres-convert {__version__}")
        raise typer.Exit()


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
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="A TOML file of site settings (links, site name).",
            show_default=False,
            metavar="FILE",
            readable=False,
        ),
    ] = None,
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
    fragment: Annotated[
        bool,
        typer.Option("--fragment", help="Write only the case study's body (no <html>/<head>), for a CMS."),
    ] = False,
    link_original: Annotated[
        bool,
        typer.Option(
            "--link-original",
            help="Copy each source file beside its page and link it under Further Reading.",
        ),
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
    max_size: Annotated[
        float, typer.Option("--max-size", help="Refuse input files larger than this many MB.", metavar="MB")
    ] = 50.0,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Stop a file's conversion after this many seconds.", metavar="S"),
    ] = 90.0,  # above LibreOffice's own 60 s for legacy files, so its clearer message wins
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Files converted at once. Default: the number of cores.", show_default=False
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Look inside sub-folders of a folder.")
    ] = False,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format",
            help="docx, pdf or text: for standard input when it cannot be told.",
            show_default=False,
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Keep running: convert each new or changed file in the inbox folder."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", is_eager=True, callback=_show_version),
    ] = False,
) -> None:
    """Convert returned WRES case-study templates into the published case study page.

    FILE may be a file, a folder (an inbox: every submission in it), or - for standard input.
    Review how a file was read, question by question, with: wres-convert check FILE...
    Copy the page templates out to change them with: wres-convert templates export DIR"""
    from wres_convert.batch import Options, run, watch_inbox
    from wres_convert.output import format_for
    from wres_convert.render import check_templates
    from wres_convert.site import config_in_force, load_site

    fmt_name = fmt.value if fmt is not None else format_for(output) or "html"
    try:
        if max_size <= 0 or timeout <= 0 or (jobs is not None and jobs < 1):
            raise ConversionError("usage", "--max-size, --timeout and --jobs must be above 0", "", EXIT_USAGE)
        if fmt_name == "json" and (fragment or link_original):
            raise ConversionError(
                "usage", "--fragment and --link-original are for html and md pages", "", EXIT_USAGE
            )
        if link_original and (output == "-" or Path("-") in files):
            raise ConversionError(
                "usage",
                "--link-original needs a source file and a page file to copy it beside",
                "name the file instead of standard input, and leave out -o -",
                EXIT_USAGE,
            )
        site = load_site(
            config,
            overrides={"templates": str(templates) if templates else None, "theme": theme and theme.value},
        )
        if fmt_name != "json":
            check_templates(site, site.templates)
        opts = Options(
            output=output,
            fmt=fmt_name,
            site=site,
            include_contact=include_contact,
            redact=redact,
            force=force,
            strict=strict,
            quiet=quiet,
            debug=debug,
            max_bytes=int(max_size * 1024 * 1024),
            timeout=timeout,
            jobs=jobs or os.cpu_count() or 1,
            recursive=recursive,
            input_format=input_format.value if input_format else None,
            titles=dict(site.title_overrides()),
            fragment=fragment,
            link_original=link_original,
        )
        code = run(files, opts, allow_empty=watch)
        if watch and code not in (EXIT_USAGE,):
            code = watch_inbox(files, opts)
    except ConversionError as exc:
        label = (
            str(config_in_force(config) or "wres-convert.toml")
            if exc.code == "bad-config"
            else "wres-convert"
        )
        _say(exc.line(label))
        raise typer.Exit(exc.exit_code) from None
    raise typer.Exit(code)


def _exit_code(codes: list[int]) -> int:
    failed = [c for c in codes if c not in (EXIT_OK, EXIT_WARNINGS)]
    if failed:
        return EXIT_SOME_FAILED if len(failed) < len(codes) else max(failed)
    return EXIT_WARNINGS if EXIT_WARNINGS in codes else EXIT_OK


def main() -> None:
    args = sys.argv[1:]
    try:
        if args[:1] == ["check"]:
            from wres_convert.cli_check import app as check_app

            check_app(args=args[1:], prog_name="wres-convert check", standalone_mode=True)
        elif args[:1] == ["templates"]:
            from wres_convert.cli_templates import app as templates_app

            templates_app(args=args[1:], prog_name="wres-convert templates", standalone_mode=True)
        elif args[:1] == ["config"]:
            from wres_convert.cli_config import app as config_app

            config_app(args=args[1:], prog_name="wres-convert config", standalone_mode=True)
        else:
            app(args=args, prog_name="wres-convert", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
        sys.exit(code)


if __name__ == "__main__":
    main()
