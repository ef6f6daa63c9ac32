"""Control characters and terminal escape sequences: the one rule for taking them out of text.

Organisation names, question lines and file names come from a submission; an escape sequence in
one (a title change, a screen clear, an OSC 8 link) must never reach a page or the user's terminal.
The readers clean everything they read with ``strip_controls``; every message line goes through
``printable``.
"""

from __future__ import annotations

from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern

# Whole escape sequences first, so no half of one ("]0;title", "[2J") is left behind as text:
# CSI (ESC [ or the 8-bit \x9b) up to its final byte; OSC, DCS, SOS, PM and APC strings (ESC ] P X ^ _
# or \x9d \x90 \x98 \x9e \x9f) up to BEL or the string terminator (ESC \ or \x9c), or to the end
# of the text when unterminated; any other ESC sequence (intermediate bytes, then a final one).
_SEQUENCES = patterns.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
# Line breaks of every kind: kept as newlines in a document, one space in a message line.
_BREAKS = patterns.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_OTHER_BREAKS = lazy_pattern(r"\r\n?|[\v\f\x85]")
# What is left of C0 and C1, and DEL, after the sequences and the breaks kept.
_CONTROLS = patterns.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Any C0 control character or DEL: refused in a link or a path a user wrote.
ANY_CONTROL = patterns.compile(r"[\x00-\x1f\x7f]")
# The bidirectional overrides that make a terminal show text in another order than it is written
# ("Trojan Source"): out of messages, but kept in documents, where they are real text direction.
_BIDI = lazy_pattern(r"[\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str, *, keep_breaks: bool = True) -> str:
    """``text`` without escape sequences or C0/C1 control characters. ``keep_breaks``: tabs and
    newlines stay and CR, CR LF, VT, FF and NEL become newlines (a document's text); otherwise every
    run of tabs and line breaks becomes one space (a message line)."""
    text = _SEQUENCES.sub("", text)
    text = _OTHER_BREAKS().sub("\n", text) if keep_breaks else _BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def printable(text: str) -> str:
    """``text`` without escape sequences or control characters; tabs and line breaks become one space."""
    return _BIDI().sub("", strip_controls(str(text), keep_breaks=False))
