"""The one list-marker grammar: "• ", "1. ", "(ii) ", "- a) " typed at the start of a line.

Real returns mix Word lists with hand-typed ones, and plain text and PDF carry their lists only as
typed markers; every reader and the section tidying read them with this grammar:

- a bullet, one of ``BULLETS`` (including the Symbol/Wingdings private-use glyphs Word exports);
- an enumerator: ``1.`` ``1)`` ``(1)`` (up to three digits), ``a.`` ``a)`` ``(a)``, ``i.`` ``ii)``
  ``(iv)``, ``A)`` ``(A)``, ``II.`` ``IV)`` ``(IX)``; or a bullet then an enumerator ("- a) Improving"
  is one ordered item);
- then white space, then text.

"A." and the single capitals "I." "V." "X." count only with ``capital_dot``: in typed prose
"J. Smith" is a name, not an item. Markers without a following space ("-5%", "e.g.", "1.48") are
text. An all-bold short line such as "a) Survey return rate" is a sub-heading, not an item
(``typed_marker``).
"""

from __future__ import annotations

import re

from wres_convert.model import Inlines, Span, all_bold, drop_chars, plain_text, strip_inlines, value
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.shapes import TITLE_MAX_WORDS
from wres_convert.values import replace

BULLETS = "•◦▪▫●○■□◆◇►▸‣⁃∙·➢➤✓✔\uf0a7\uf0b7\uf0d8\uf076\uf0fc-–—*+o"
_ROMAN = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"  # i to xxxix; a lone "i", "v" or "x" is also a letter
_UPPER_ROMAN = _ROMAN.upper()
_TOKEN = rf"\d{{1,3}}|{_ROMAN}|[a-z]|{_UPPER_ROMAN}|[A-Z]"
_ENUMERATOR = (
    rf"\(\s*(?:{_TOKEN})\s*\)"  # (1) (a) (iv) (A) (IV)
    rf"|(?:\d{{1,3}}|{_ROMAN}|[a-z])[.)]"  # 1. 1) a. a) iv. iv)
    rf"|(?:{_UPPER_ROMAN}|[A-Z])\)"  # A) IV)
    rf"|(?=[IVX]{{2}}){_UPPER_ROMAN}\."  # II. IV.: a roman numeral of two or more letters
)
_CAPITAL_DOT = r"|[A-Z]\."  # "A.", "I.": only where names cannot be mistaken for items
_TEMPLATE = r"\s*(?:(?P<bullet>[{bullets}])(?:[^\S\n]+(?P<enum>{enum}))?|(?P<alone>{enum}))[^\S\n]+(?=\S)"
_MARKER = patterns.compile(_TEMPLATE.format(bullets=re.escape(BULLETS), enum=_ENUMERATOR))
_MARKER_CAPITAL_DOT = lazy_pattern(
    _TEMPLATE.format(bullets=re.escape(BULLETS), enum=_ENUMERATOR + _CAPITAL_DOT)
)
# A list label on its own, as a tagged PDF's Lbl holds it: "1", "1.", "a)", "(iv)", "1.2."
_ORDERED_LABEL = lazy_pattern(r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.):]?")
_ENUM_PUNCTUATION = lazy_pattern(r"[().\s]")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


@value
class Marker:
    end: int  # where the item text starts
    enum: str | None  # the enumerator ("a)", "(ii)", "3.") or None for a plain bullet
    bullet: str | None  # the bullet character, also when an enumerator follows it

    @property
    def ordered(self) -> bool:
        return self.enum is not None

    def ordinals(self) -> frozenset[int]:
        """The positions this enumerator can stand for: "i" may be the 9th letter or roman 1."""
        token = _ENUM_PUNCTUATION().sub("", self.enum or "")
        if token.isdigit():
            return frozenset({int(token)})
        values = set()
        if len(token) == 1 and token.isalpha():
            values.add(ord(token.lower()) - ord("a") + 1)
        if token and all(ch in _ROMAN_VALUES for ch in token.lower()):
            values.add(_roman(token.lower()))
        return frozenset(values)


def _roman(token: str) -> int:
    total = 0
    for ch, nxt in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


def list_marker(text: str, *, capital_dot: bool = False) -> Marker | None:
    """The list marker at the start of ``text``, when there is one and text follows it.

    ``capital_dot``: also read "A." and "I." as enumerators (see the module docstring)."""
    match = (_MARKER_CAPITAL_DOT() if capital_dot else _MARKER).match(text)
    if match is None:
        return None
    return Marker(match.end(), match.group("enum") or match.group("alone"), match.group("bullet"))


def is_enumerated(text: str) -> bool:
    """``text`` starts with an enumerator: "a) Survey return rate", "1. Preparation"."""
    marker = list_marker(text)
    return marker is not None and marker.ordered


def is_ordered_label(label: str) -> bool:
    """A list label standing alone (a tagged PDF's Lbl) that numbers its item, not a bullet."""
    return _ORDERED_LABEL().fullmatch(label) is not None


def typed_marker(inlines: Inlines) -> tuple[bool, Inlines] | None:
    """``(ordered, inlines without the marker)`` when the paragraph starts with a typed marker."""
    marker = list_marker(plain_text(inlines))
    if marker is None:
        return None
    rest = drop_chars(inlines, marker.end)
    if all_bold(inlines) and len(plain_text(rest).split()) <= TITLE_MAX_WORDS:
        return None  # a bold "a) Survey return rate" is a sub-heading: keep its text as written
    return marker.ordered, strip_inlines(rest)


BULLET_RE = lazy_pattern(r"(?:^|(?<=\s))•(?=\s|$)")  # " • " inside a line: an item starts


def split_bullets(inlines: Inlines) -> tuple[Inlines, list[Inlines]]:
    """Split "Intro • First • Second" into the intro and one run of inlines per bullet."""
    text = "".join(s.text for s in inlines)
    cuts = [m.start() for m in BULLET_RE().finditer(text)]
    if not cuts:
        return strip_inlines(inlines), []
    pieces: list[list[Span]] = [[] for _ in range(len(cuts) + 1)]
    pos = piece = 0  # piece: how many bullets have been passed, cuts[piece] the next one
    for span in inlines:
        left, end = pos, pos + len(span.text)
        while piece < len(cuts) and cuts[piece] < end:
            pieces[piece].append(replace(span, text=span.text[left - pos : cuts[piece] - pos]))
            left = cuts[piece] + 1  # past the bullet character itself
            piece += 1
        pieces[piece].append(replace(span, text=span.text[left - pos :]))
        pos = end
    intro, *items = (strip_inlines(tuple(p)) for p in pieces)
    return intro, [i for i in items if i]
