"""Writing to the terminal: message lines on standard error, data on standard output."""

from __future__ import annotations

import errno
import os
import sys

from wres_convert.text.controls import printable


def say(message: str) -> None:
    """One message line on standard error, made printable: the single way messages reach it."""
    print(printable(message), file=sys.stderr, flush=True)


# A full disk or a failing device behind standard output: reported as a failed write (exit 6).
STDOUT_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def write_stdout(text: str) -> None:
    """Write data to standard output now. A closed pipe raises BrokenPipeError, which cli.main
    ends quietly on; a full disk or an I/O error raises the ConversionError that says so."""
    from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError

    if sys.stdout is None:  # started with standard output closed (>&-): Python gives None
        raise ConversionError(
            "cannot-write", "cannot write standard output: it is closed", "", EXIT_CANNOT_WRITE
        )
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise
    except OSError as exc:
        if exc.errno not in STDOUT_WRITE_ERRORS:
            raise
        silence_stdout()
        raise ConversionError(
            "cannot-write",
            f"cannot write standard output: {exc.strerror or type(exc).__name__}",
            "",
            EXIT_CANNOT_WRITE,
        ) from exc


def silence_stdout() -> None:
    """Point standard output at the null device, once writing to it has failed: what is still in
    its buffer would otherwise fail again when Python flushes it at exit, with a second message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no real standard output to redirect (a test's capture): nothing will flush to it
