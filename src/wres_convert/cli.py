"""The command line: ``wres-convert submission.docx`` writes ``submission.html`` beside it.

Standard output carries only data (with ``-o -``); every message goes to standard error, one line
per problem, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wres_convert import __version__
from wres_convert.errors import (
    EXIT_NOT_SUBMISSION,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    EXIT_WARNINGS,
    ConversionError,
)

EXIT_CODES_HELP = (
    "Exit codes: 0 converted; 1 converted with review warnings (only with --strict); 2 usage error; "
    "3 a file could not be read (missing, damaged, encrypted, wrong kind); 4 not a WRES case-study "
    "submission; 5 some files converted and some failed."
)

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a published page must be readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _choose_format(fmt: OutputFormat | None, output: str | None) -> str:
    from wres_convert.convert import SUFFIXES

    if fmt is not None:
        return fmt.value
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
    return "html"


def _target(source: Path, output: str | None, fmt: str, many: bool) -> Path | None:
    """Where one input's result goes: None for standard output."""
    ext = {"html": ".html", "md": ".md", "json": ".json"}[fmt]
    if output == "-":
        return None
    if output is None:
        return source.with_suffix(ext)
    out = Path(output)
    if many or out.is_dir() or output.endswith(("/", os.sep)):
        return out / (source.stem + ext)
    return out


def _show_version(value: bool) -> None:
    if value:
        print(f"wres-convert {__version__}")
        raise typer.Exit()


@app.command(epilog=EXIT_CODES_HELP)
def convert(
    files: Annotated[
        list[Path], typer.Argument(help="Returned templates: .docx, .pdf or .txt.", show_default=False)
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file, folder, or - for standard output. Default: beside each input.",
            show_default=False,
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
        typer.Option("--config", help="A TOML file of site settings (links, site name).", show_default=False),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a conversion has review warnings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", is_eager=True, callback=_show_version),
    ] = False,
) -> None:
    """Convert returned WRES case-study templates into the published case study page."""
    from wres_convert.convert import convert_file, render
    from wres_convert.site import load_site

    fmt_name = _choose_format(fmt, output)
    many = len(files) > 1
    try:
        site = load_site(config)
    except ConversionError as exc:
        _say(exc.line(str(config)))
        raise typer.Exit(exc.exit_code) from None

    codes: list[int] = []
    for source in files:
        name = str(source)
        try:
            cs = convert_file(source)
            text = render(
                cs, fmt_name, site, include_contact=include_contact, pretty=not (many and output == "-")
            )
            target = _target(source, output, fmt_name, many)
            if target is not None and target.resolve() == source.resolve():
                raise ConversionError(
                    "would-overwrite-input",
                    "the output would replace the input",
                    "choose another file with -o",
                )
        except ConversionError as exc:
            _say(exc.line(name))
            codes.append(exc.exit_code)
            if output == "-" and fmt_name == "json" and many:
                from wres_convert.writers.jsonout import dumps, error_dict

                sys.stdout.write(dumps(error_dict(source.name, exc.code, exc.message), pretty=False) + "\n")
            continue
        except Exception as exc:  # a bug, not bad input: still one line, and the batch goes on
            if debug:
                raise
            _say(
                f"{name}: internal error ({type(exc).__name__}: {exc}); please report it, with --debug for details"
            )
            codes.append(EXIT_UNREADABLE)
            continue
        if target is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            _write_atomic(target, text)
            if not quiet:
                _say(f"Wrote {target}")
        if not quiet:
            for w in cs.warnings:
                _say(f"{name}: warning: {w.message}")
        codes.append(EXIT_WARNINGS if strict and cs.warnings else EXIT_OK)

    raise typer.Exit(_exit_code(codes))


def _exit_code(codes: list[int]) -> int:
    failed = [c for c in codes if c not in (EXIT_OK, EXIT_WARNINGS)]
    if failed and len(failed) < len(codes):
        return EXIT_SOME_FAILED
    if failed:
        return EXIT_NOT_SUBMISSION if all(c == EXIT_NOT_SUBMISSION for c in failed) else max(failed)
    return EXIT_WARNINGS if EXIT_WARNINGS in codes else EXIT_OK


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:  # answer at once: no CLI framework needed
        print(f"wres-convert {__version__}")
        return
    try:
        app(args=args, prog_name="wres-convert", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
        sys.exit(code)


if __name__ == "__main__":
    main()
