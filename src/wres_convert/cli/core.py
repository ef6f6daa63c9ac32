"""What the commands share that needs no typer, so the conversion's own fast path (cli/fast.py)
can use it without loading the CLI framework: the options' limits and checks, the output formats,
and the guard that turns a failure into one line and an exit code."""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from wres_convert.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    ConversionError,
    internal_error_line,
)
from wres_convert.run.terminal import say

SUBCOMMANDS = ("check", "review", "templates", "config", "read")

# Upper bounds of the numeric options: past them a value is a slip of the keyboard, and some would
# overflow (an input buffer of 1e308 MB, a wait longer than the system's clock can count).
MOST_MB_INPUT = 1024  # --max-size: a returned template is well under 5 MB
MOST_SECONDS = 24 * 60 * 60  # --timeout: a day
MOST_MB_MEMORY = 1024 * 1024  # --max-memory: a terabyte
LEAST_MB_INPUT = 0.001  # --max-size: a kilobyte; below it the limit would round to nothing
LEAST_MB_MEMORY = 128  # --max-memory: a conversion process starts at 52-68 MB of address space
MOST_PAGES = 100_000  # --max-pages
MB = 1024 * 1024

EXIT_CODES_HELP = (
    "Exit codes: 0 converted; 1 converted with review warnings (only with --strict); 2 usage error; "
    "3 a file could not be read (missing, damaged, encrypted, wrong kind, over a limit); 4 not a WRES "
    "case-study submission (or a page wres-convert wrote); 5 some files converted and some failed; "
    "6 an output file could not be written; 130 interrupted (Ctrl-C); 141 standard output was closed "
    "early (| head). When every file fails, the highest code is returned."
)


DEFAULT_TIMEOUT = "90"  # above LibreOffice's own 60 s for legacy files, so its clearer message wins


class InputFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    text = "text"
    html = "html"
    email = "email"


class Theme(StrEnum):
    default = "default"
    nhsuk = "nhsuk"


class OutputFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"


def most_jobs() -> int:
    """The largest -j: a few workers per core is already past any gain."""
    return max(32, 4 * (os.cpu_count() or 1))


def usage_error(message: str, hint: str = "") -> ConversionError:
    return ConversionError("usage", message, hint, EXIT_USAGE)


def _whole(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def positive(
    option: str, raw: str, *, unit: str = "", most: float, least: float = 0, whole: bool = False
) -> float:
    """``raw`` as a number above 0 and at most ``most``, or a usage error naming ``option``. Parsed
    here, not by typer, so "nan", "inf" and "1e308" get the same plain message as "abc"."""
    kind = "a whole number" if whole else "a number"
    units = f" ({unit})" if unit else ""
    value: float | None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if whole and value is not None and not (math.isfinite(value) and value.is_integer()):
        value = None  # "2.5" or "inf" jobs; "1e9" is a whole number, only too large
    if value is None or value != value or value <= 0:  # value != value: NaN
        raise usage_error(f"{option} must be {kind} above 0{units}, not {raw!r}")
    if value > most:
        raise usage_error(f"{option} must be at most {_whole(most)}{units}, not {raw!r}")
    if value < least:
        raise usage_error(f"{option} must be at least {_whole(least)}{units}, not {raw!r}")
    return value


def limit_options(
    max_size: str, timeout: str, jobs: str | None, max_memory: str | None, max_pages: str | None
) -> dict[str, Any]:
    """The resource limits shared by the conversion and ``check``, checked, as ``Options`` fields."""
    n_jobs = (
        int(positive("--jobs", jobs, most=most_jobs(), whole=True))
        if jobs is not None
        else os.cpu_count() or 1
    )
    size = positive("--max-size", max_size, unit="MB", most=MOST_MB_INPUT, least=LEAST_MB_INPUT)
    seconds = positive("--timeout", timeout, unit="seconds", most=MOST_SECONDS)
    if max_memory is not None:
        memory: int | None = int(
            positive("--max-memory", max_memory, unit="MB", most=MOST_MB_MEMORY, least=LEAST_MB_MEMORY) * MB
        )
    else:
        from wres_convert.run.memory import default_memory_limit

        memory = default_memory_limit(n_jobs)
    if max_pages is not None:
        pages: int | None = int(positive("--max-pages", max_pages, most=MOST_PAGES, whole=True))
    else:
        from wres_convert.run.convert import MAX_PAGES

        pages = MAX_PAGES
    return {
        "max_bytes": int(size * MB),
        "timeout": seconds,
        "jobs": n_jobs,
        "max_memory": memory,
        "max_pages": pages,
    }


class Stop(Exception):
    """A command's end with this exit code, its message already said: typer's Exit without typer."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextlib.contextmanager
def guard(debug: bool) -> Iterator[None]:
    """What no command lets out as a traceback. A closed standard output (``| head``) ends the run
    quietly, as Unix tools do; a full one is one line and exit 6; a bug is one line and exit 3,
    with its traceback under --debug. Each ends in ``Stop``."""
    from wres_convert.run.terminal import silence_stdout

    try:
        yield
    except Stop:
        raise
    except BrokenPipeError:
        silence_stdout()
        raise Stop(EXIT_BROKEN_PIPE) from None
    except ConversionError as exc:  # one that no file owns, such as standard output being full
        say(exc.line())
        raise Stop(exc.exit_code) from None
    except Exception as exc:
        # typer's own exits and usage errors are answers, not bugs: typer prints them.
        if debug or type(exc).__module__.split(".")[0] in ("typer", "click"):
            raise
        say(internal_error_line(None, exc))
        raise Stop(EXIT_UNREADABLE) from None


def config_error(exc: ConversionError, config: Path | None) -> str:
    """The line for a ConversionError met while setting up: a bad site setting names its file."""
    from wres_convert.writers.site import config_in_force

    if exc.code == "bad-config":
        return exc.line(str(config_in_force(config) or "wres-convert.toml"))
    return exc.line()
