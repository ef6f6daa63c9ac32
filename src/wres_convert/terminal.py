"""Text bound for the terminal: whatever a submission or a file name holds, printed as text.

Organisation names, question lines and file names come from the submission; an escape sequence in
one (a title change, a screen clear, an OSC 8 link) must never reach the user's terminal. Every
message to standard error, and ``check``'s human-readable report, goes through ``printable``.
"""

from __future__ import annotations

import errno
import os
import re
import sys

# Whole escape sequences first, so no half of one ("]0;title", "[2J") is left behind as text:
# CSI (ESC [ or the 8-bit \x9b) up to its final byte; OSC, DCS, SOS, PM and APC strings (ESC ] P X ^ _
# or \x9d \x90 \x98 \x9e \x9f) up to BEL or the string terminator (ESC \ or \x9c), or to the end
# of the text when unterminated; any other ESC sequence (intermediate bytes, then a final one).
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
# Line breaks of every kind: kept as newlines in a document, one space in a message line.
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_OTHER_BREAKS = re.compile(r"\r\n?|[\v\f\x85]")
# What is left of C0 and C1, and DEL, after the sequences and the breaks kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The bidirectional overrides that make a terminal show text in another order than it is written
# ("Trojan Source"): out of messages, but kept in documents, where they are real text direction.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str, *, keep_breaks: bool = True) -> str:
    """``text`` without escape sequences or C0/C1 control characters. ``keep_breaks``: tabs and
    newlines stay and CR, CR LF, VT, FF and NEL become newlines (a document's text); otherwise every
    run of tabs and line breaks becomes one space (a message line)."""
    text = _SEQUENCES.sub("", text)
    text = _OTHER_BREAKS.sub("\n", text) if keep_breaks else _BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def printable(text: str) -> str:
    """``text`` without escape sequences or control characters; tabs and line breaks become one space."""
    return _BIDI.sub("", strip_controls(str(text), keep_breaks=False))


def say(message: str) -> None:
    """One message line on standard error, made printable: the single way messages reach it."""
    print(printable(message), file=sys.stderr, flush=True)


# A full disk or a failing device behind standard output: reported as a failed write (exit 6).
STDOUT_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def write_stdout(text: str) -> None:
    """Write data to standard output now. A closed pipe raises BrokenPipeError, which cli.main
    ends quietly on; a full disk or an I/O error raises the ConversionError that says so."""
    from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError

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
