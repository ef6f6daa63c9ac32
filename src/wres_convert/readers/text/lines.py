"""What one line of a plain-text return is: a list item, a "Label: value" field, a title.

Plain text carries no structure, so these are the few signs people actually type: bullet and
enumerator markers at the start of a line, "Organisation name: …" fields, and short title-like
lines standing alone as sub-headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLETS = "-*+•·▪◦‣●○■□➢➤–—o"
_ROMAN = r"(?:(?=[ivx]{2})x{0,3}(?:ix|iv|v?i{0,3})|(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3}))"
_ENUM = rf"(?:\d{{1,3}}|[A-Za-z]|{_ROMAN})"
# A marker needs a space after it: "-5%" and "e.g." are text. An enumerator needs ")" or "."
# right after it, so a sentence starting "I " or "A " is not an item. "- a) Improving" is a bullet
# then a letter: one ordered item.
MARKER_RE = re.compile(
    rf"^(?:(?P<bullet>[{re.escape(BULLETS)}])\s+)?(?:(?P<enum>\(\s*{_ENUM}\s*\)|{_ENUM}[.)])\s+)?"
)
LABEL_RE = re.compile(r"^(?P<label>[A-Z][^:.?!]{0,40}?):\s+(?P<value>\S.*)$")
ANSWERS = {
    "none", "n/a", "na", "n.a", "nil", "no", "yes", "not applicable", "tbc", "tbd", "nothing",
    "not yet", "see attached", "none to date", "not known", "unknown",
}  # fmt: skip
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_OPENERS = "‘'\"“("


@dataclass(frozen=True)
class Marker:
    end: int  # where the item text starts
    enum: str | None  # the enumerator ("a)", "(ii)", "3.") or None for a plain bullet
    bullet: bool

    @property
    def ordered(self) -> bool:
        return self.enum is not None

    def ordinals(self) -> frozenset[int]:
        """The positions this enumerator can stand for: "i" may be the 9th letter or roman 1."""
        token = re.sub(r"[().\s]", "", self.enum or "")
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


def list_marker(text: str) -> Marker | None:
    """The list marker at the start of ``text`` (already stripped), if there is one and text follows."""
    match = MARKER_RE.match(text)
    if match is None or not (match.group("bullet") or match.group("enum")) or match.end() >= len(text):
        return None
    return Marker(match.end(), match.group("enum"), bool(match.group("bullet")))


def is_label(text: str) -> bool:
    """A "Label: value" field line such as "Organisation name: Chesterfield Royal …"."""
    match = LABEL_RE.match(text)
    return (
        match is not None and len(match.group("label").split()) <= 6 and "//" not in match.group("value")[:8]
    )


def is_answer(text: str) -> bool:
    """A whole short answer ("n/a", "None.") that must stay a paragraph."""
    return text.strip().rstrip(".!").strip().lower() in ANSWERS


def title_like(text: str, *, max_words: int = 12, max_chars: int = 100) -> bool:
    """Short, title-shaped text: a sub-heading candidate (the caller checks it stands alone)."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > max_words or len(text) > max_chars or is_answer(text):
        return False
    if (
        text[-1] in ".,;!-–—"
        or "•" in text
        or "@" in text
        or "http" in text.lower()
        or "www." in text.lower()
    ):
        return False
    label = LABEL_RE.match(text)
    if label and (
        len(label.group("value").split()) > 3 or sum(ch.isdigit() for ch in label.group("value")) >= 5
    ):
        return False  # "Organisation name: Chesterfield Royal NHS Foundation Trust" is a field
    marker = list_marker(text)
    if marker is not None and marker.bullet:
        return False
    body = text[marker.end :] if marker else text
    body = body.lstrip(_OPENERS)
    return bool(body) and (body[0].isupper() or body[0].isdigit()) and sum(ch.isalpha() for ch in body) >= 2
