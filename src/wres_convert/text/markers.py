"""Typed list markers: "• ", "1. ", "(ii) " typed by hand at the start of a plain paragraph.

Real returns mix Word lists with hand-typed ones; both should come out as list items. An all-bold
short line such as "a) Survey return rate" is a sub-heading, not an item, so it is left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wres_convert.model import Inlines, Span, all_bold, plain_text, strip_inlines

_SPACE = r"[ \t\u00a0]+"
_BULLET = r"[•◦▪▫●○■□‣⁃·➢►✓✔\uf0a7\uf0b7\uf0d8\uf076\-–—*o]"
_ROMAN = r"(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})"
# Upper-case letters and single capitals with a dot are left out: "J. Smith" is a name, not an item.
_ORDERED = (
    rf"\d{{1,2}}[.)]|\(\d{{1,2}}\)"
    rf"|{_ROMAN}[.)]|\({_ROMAN}\)|{_ROMAN.upper()}\)|\({_ROMAN.upper()}\)|(?:II|III|IV|VI|VII|VIII|IX)\."
    r"|[a-z][.)]|\([a-z]\)|[A-Z]\)|\([A-Z]\)"
)
_MARKER = re.compile(rf"\s*(?:(?P<bullet>{_BULLET})|(?P<ordered>{_ORDERED})){_SPACE}(?=\S)")
SUBHEADING_MAX_WORDS = 12


def typed_marker(inlines: Inlines) -> tuple[bool, Inlines] | None:
    """``(ordered, inlines without the marker)`` when the paragraph starts with a typed marker."""
    match = _MARKER.match(plain_text(inlines))
    if match is None:
        return None
    rest = _drop_chars(inlines, match.end())
    if all_bold(inlines) and len(plain_text(rest).split()) <= SUBHEADING_MAX_WORDS:
        return None  # a bold "a) Survey return rate" is a sub-heading: keep its text as written
    return match.group("ordered") is not None, strip_inlines(rest)


def _drop_chars(inlines: Inlines, count: int) -> Inlines:
    out: list[Span] = []
    for span in inlines:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        out.append(replace(span, text=span.text[count:]) if count else span)
        count = 0
    return tuple(out)
