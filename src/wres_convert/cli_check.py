"""``wres-convert check FILE…``: the review report for each file, without writing any page."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wres_convert.batch import Options, conversion_job, preload
from wres_convert.cli import EXIT_CODES_HELP, _exit_code, _say, new_app
from wres_convert.errors import EXIT_OK, EXIT_UNREADABLE, EXIT_WARNINGS, ConversionError
from wres_convert.isolate import run_all

app = new_app()


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(epilog=EXIT_CODES_HELP)
def check(
    files: Annotated[
        list[Path], typer.Argument(help="Returned templates to review.", metavar="FILE", readable=False)
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text (a table per file) or json (one object per line)."),
    ] = ReportFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when anything needs a person's attention.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Stop a file's conversion after this many seconds.", metavar="S"),
    ] = 90.0,  # above LibreOffice's own 60 s for legacy files, so its clearer message wins
) -> None:
    """Review how each returned template was read: every question, how it was recognised, whether it
    was answered, and anything that needs a person's attention before publishing."""
    from wres_convert.report import render_text, review
    from wres_convert.site import load_site
    from wres_convert.writers.jsonout import dumps, error_dict

    preload(files)
    opts = Options(output="-", fmt="json", site=load_site(), timeout=timeout)
    jobs = [conversion_job(f, None, opts, page=False) for f in files]
    codes: list[int] = []
    for source, outcome in zip(files, run_all(jobs, timeout=timeout), strict=True):
        if isinstance(outcome.error, ConversionError):
            _say(outcome.error.line(str(source)))
            codes.append(outcome.error.exit_code)
            if fmt is ReportFormat.json:
                sys.stdout.write(
                    dumps(error_dict(source.name, outcome.error.code, outcome.error.message), pretty=False)
                    + "\n"
                )
            continue
        if outcome.error is not None or outcome.value is None:
            _say(f"{source}: internal error ({outcome.error}); please report it")
            codes.append(EXIT_UNREADABLE)
            continue
        report = review(outcome.value.cs)
        sys.stdout.write(
            dumps(report, pretty=False) + "\n" if fmt is ReportFormat.json else render_text(report)
        )
        codes.append(EXIT_WARNINGS if strict and report["needs_attention"] else EXIT_OK)
    raise typer.Exit(_exit_code(codes))
