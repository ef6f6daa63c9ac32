"""How ``check`` and ``review`` read their files: each as a conversion reads it, in the same worker
processes and under the same limits, with the page left out, so both show exactly the warnings a
conversion gives."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from wres_convert.errors import EXIT_UNREADABLE
from wres_convert.run.terminal import say

if TYPE_CHECKING:
    from wres_convert.run.inputs import Found
    from wres_convert.run.isolate import Outcome
    from wres_convert.run.job import JobOutput
    from wres_convert.run.options import Options
    from wres_convert.writers.site import Site


def reading_options(
    site: Site, fmt: str, output: str, limits: dict[str, Any], *, input_format: str | None, debug: bool,
    recursive: bool, corrections: str | None = None,
) -> Options:  # fmt: skip
    """A conversion's own reading and limits, for a report rather than a page."""
    from wres_convert.run.options import Options, PageOptions, ReadOptions, RunOptions

    return Options(
        read=ReadOptions(
            input_format=input_format,
            max_bytes=limits["max_bytes"],
            max_pages=limits["max_pages"],
            corrections=corrections,
        ),
        page=PageOptions(site, fmt),
        run=RunOptions(
            output=output,
            debug=debug,
            recursive=recursive,
            timeout=limits["timeout"],
            jobs=limits["jobs"],
            max_memory=limits["max_memory"],
        ),
    )


def read_all(files: list[Path], opts: Options) -> tuple[Found, int, Iterator[Outcome[JobOutput]]]:
    """The files to read (folders expanded, what is skipped said), how many, and their outcomes
    as the workers finish them, in order. No file at all: one line, and exit 3."""
    from wres_convert.run.inputs import STDIN, expand, nothing_found
    from wres_convert.run.isolate import run_all
    from wres_convert.run.job import Place, conversion_job, preload

    found = expand(files, opts.run.recursive)
    for path, reason in found.skipped:
        say(f"{path}: skipped: {reason}")
    if not found.files:
        say(nothing_found(files).line())
        raise typer.Exit(EXIT_UNREADABLE)
    stdin_data = sys.stdin.buffer.read() if STDIN in found.files else None
    jobs = [
        conversion_job(f, Place(rel), opts, stdin_data if f == STDIN else None, page=False)
        for f, rel in zip(found.files, found.rels, strict=True)
    ]
    preload([f for f in found.files if f != STDIN])
    return (
        found,
        len(jobs),
        run_all(jobs, workers=opts.run.jobs, timeout=opts.run.timeout, memory=opts.run.max_memory),
    )


def failure(outcome: Outcome[JobOutput], name: str, debug: bool) -> tuple[int, str] | None:
    """A file that could not be read, said in one line: (its exit code, that line without the
    file's name); None when it was read. With --debug an unexpected error is raised, after the
    worker's own traceback."""
    from wres_convert.errors import ConversionError, internal_error_line

    if isinstance(outcome.error, ConversionError):
        say(outcome.error.line(name))
        return outcome.error.exit_code, outcome.error.line()
    if outcome.error is None and outcome.value is not None:
        return None
    error = outcome.error or RuntimeError("the conversion returned nothing")
    if debug:  # as the conversion does: the worker's own traceback, then the error
        if outcome.trace:
            sys.stderr.write(f"{name}: the conversion process's traceback:\n{outcome.trace}")
        raise error
    say(internal_error_line(name, error))
    return EXIT_UNREADABLE, internal_error_line(None, error)
