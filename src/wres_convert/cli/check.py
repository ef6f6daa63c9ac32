"""``wres-convert check FILE…``: the review report for each file, without writing any page.

It reads its inputs as the conversion does (files, inbox folders with -r, ``-`` for standard
input) under the same limits, so it sees exactly the warnings a conversion would: ``check
--strict`` and ``wres-convert FILE --strict`` agree.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wres_convert.cli.common import (
    DEFAULT_TIMEOUT,
    EXIT_CODES_HELP,
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
    config_error,
    guarded,
    limit_options,
    new_app,
)
from wres_convert.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_WARNINGS,
    ConversionError,
    combined_exit_code,
    internal_error_line,
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
    from wres_convert.run.inputs import STDIN, expand, nothing_found
    from wres_convert.run.isolate import run_all
    from wres_convert.run.job import Place, conversion_job, preload
    from wres_convert.run.options import Options, PageOptions, ReadOptions, RunOptions
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
        opts = Options(
            read=ReadOptions(
                input_format=input_format.value if input_format else None,
                max_bytes=limits["max_bytes"],
                max_pages=limits["max_pages"],
            ),
            page=PageOptions(site, "json"),
            run=RunOptions(
                output="-",
                debug=debug,
                recursive=recursive,
                timeout=limits["timeout"],
                jobs=limits["jobs"],
                max_memory=limits["max_memory"],
            ),
        )
        found = expand(files, recursive)
        for path, reason in found.skipped:
            say(f"{path}: skipped: {reason}")
        if not found.files:
            say(nothing_found(files).line())
            raise typer.Exit(EXIT_UNREADABLE)
        stdin_data = sys.stdin.buffer.read() if STDIN in found.files else None
        jobs_ = [
            conversion_job(f, Place(rel), opts, stdin_data if f == STDIN else None, page=False)
            for f, rel in zip(found.files, found.rels, strict=True)
        ]
        preload([f for f in found.files if f != STDIN])
        codes: list[int] = []
        outcomes = run_all(jobs_, workers=opts.run.jobs, timeout=opts.run.timeout, memory=opts.run.max_memory)
        try:
            for source, outcome in zip(found.files, outcomes, strict=True):
                name = "standard input" if source == STDIN else str(source)
                if isinstance(outcome.error, ConversionError):
                    say(outcome.error.line(name))
                    codes.append(outcome.error.exit_code)
                    if fmt is ReportFormat.json:
                        error = error_dict(source.name, outcome.error.code, outcome.error.message)
                        write_stdout(dumps(error, pretty=False) + "\n")
                    continue
                if outcome.error is not None or outcome.value is None:
                    error = outcome.error or RuntimeError("the conversion returned nothing")
                    if debug:  # as the conversion does: the worker's own traceback, then the error
                        trace = getattr(outcome, "trace", None)
                        if trace:
                            sys.stderr.write(f"{name}: the conversion process's traceback:\n{trace}")
                        raise error
                    say(internal_error_line(name, error))
                    codes.append(EXIT_UNREADABLE)
                    continue
                for job in (outcome.value, *outcome.value.others):  # a message: each return attached
                    report = review(job.cs)
                    write_stdout(
                        dumps(report, pretty=False) + "\n"
                        if fmt is ReportFormat.json
                        else render_text(report)
                    )
                    codes.append(EXIT_WARNINGS if strict and report["needs_attention"] else EXIT_OK)
        except KeyboardInterrupt:
            say(message_line("error", None, f"interrupted; {len(codes)} of {len(jobs_)} files checked"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        finally:
            outcomes.close()  # stops the workers, also on Ctrl-C
    raise typer.Exit(combined_exit_code(codes))
