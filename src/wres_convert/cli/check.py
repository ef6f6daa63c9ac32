"""``wres-convert check FILE…``: the review report for each file, without writing any page.

It reads its inputs as the conversion does (files, inbox folders with -r, ``-`` for standard
input) under the same limits, so it sees exactly the warnings a conversion would: ``check
--strict`` and ``wres-convert FILE --strict`` agree.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wres_convert.cli.common import (
    ConfigFile,
    Debug,
    InputFormatOption,
    Jobs,
    MaxMemory,
    MaxPages,
    MaxSize,
    Recursive,
    StandardOption,
    Timeout,
    guarded,
    new_app,
)
from wres_convert.cli.core import DEFAULT_TIMEOUT, EXIT_CODES_HELP, config_error, limit_options
from wres_convert.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_WARNINGS,
    ConversionError,
    combined_exit_code,
    message_line,
)
from wres_convert.run.terminal import say, write_stdout

app = new_app()


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(epilog=EXIT_CODES_HELP)
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned templates to review: files, folders (inboxes), or - for standard input.",
            metavar="FILE",
            readable=False,
        ),
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text (a table per file) or json (one object per line)."),
    ] = ReportFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when anything needs a person's attention.")
    ] = False,
    config: ConfigFile = None,
    standard: StandardOption = None,
    recursive: Recursive = False,
    input_format: InputFormatOption = None,
    max_size: MaxSize = "50",
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_memory: MaxMemory = None,
    max_pages: MaxPages = None,
    jobs: Jobs = None,
    debug: Debug = False,
) -> None:
    """Review how each returned template was read: every question, how it was recognised, whether it
    was answered, and anything that needs a person's attention before publishing."""
    from wres_convert.cli.studies import failure, read_all, reading_options
    from wres_convert.run.inputs import STDIN
    from wres_convert.writers.jsonout import dumps, error_dict
    from wres_convert.writers.report import render_text, review
    from wres_convert.writers.site import load_site

    with guarded(debug):
        try:
            limits = limit_options(max_size, timeout, jobs, max_memory, max_pages)
            site = load_site(config, overrides={"standard": standard})
        except ConversionError as exc:
            say(config_error(exc, config))
            raise typer.Exit(exc.exit_code) from None
        # The conversion's own reading, and its limits: the same warnings, the page left out.
        opts = reading_options(
            site,
            "json",
            "-",
            limits,
            input_format=input_format.value if input_format else None,
            debug=debug,
            recursive=recursive,
            corrections=None,
        )
        found, count, outcomes = read_all(files, opts)
        codes: list[int] = []
        try:
            for source, outcome in zip(found.files, outcomes, strict=True):
                name = "standard input" if source == STDIN else str(source)
                failed = failure(outcome, name, debug)
                if failed is not None:
                    codes.append(failed[0])
                    if fmt is ReportFormat.json and isinstance(outcome.error, ConversionError):
                        error = error_dict(source.name, outcome.error.code, outcome.error.message)
                        write_stdout(dumps(error, pretty=False) + "\n")
                    continue
                assert outcome.value is not None
                for job in (outcome.value, *outcome.value.others):  # a message: each return attached
                    report = review(job.cs)
                    write_stdout(
                        dumps(report, pretty=False) + "\n"
                        if fmt is ReportFormat.json
                        else render_text(report)
                    )
                    codes.append(EXIT_WARNINGS if strict and report["needs_attention"] else EXIT_OK)
        except KeyboardInterrupt:
            say(message_line("error", None, f"interrupted; {len(codes)} of {count} files checked"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        finally:
            outcomes.close()  # stops the workers, also on Ctrl-C
    raise typer.Exit(combined_exit_code(codes))
