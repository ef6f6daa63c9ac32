"""Needles: a cheap test that a text may hold what a pattern looks for, run before the pattern is
compiled. A submitter's details make a dozen patterns for every return, and Python compiles each
in pure Python (about 0.2 ms apiece), though most texts hold none of them. A needle must never say
no where its pattern would match: it may say yes where the pattern then finds nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from wres_convert.text import patterns

# An apostrophe as people and word processors write it: straight, curly (Word's smart quotes turn
# it ’, or ‘ after a space), a backtick, the modifier letter. One is any other in a name or address.
APOSTROPHE_MARKS = "'’‘`ʼ"
APOSTROPHES = "[" + APOSTROPHE_MARKS + "]"  # a pattern's apostrophe
EITHER_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, APOSTROPHES))  # for escaped text
_straight = patterns.translator(dict.fromkeys(APOSTROPHE_MARKS[1:], "'"))
# The only characters beyond ASCII that ``re.IGNORECASE`` pairs with an ASCII one, and what to read
# them as: "İ" and "ı" with i, the long "ſ" with s, the Kelvin sign with k (``str.lower`` does that
# one). Found by trying every code point against every ASCII character.
_ASCII_TWINS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


class Needle(Protocol):
    def search(self, text: str) -> object | None: ...


class Literals:
    """A needle for an alternation of literal ``forms``, case aside when ``ignore_case`` (as
    ``(?i:…)``), with any apostrophe in a form matching any other (``APOSTROPHES``) when
    ``apostrophes``. Tested with ``in``, without compiling anything, where that is exactly the
    pattern's answer: case-sensitively always (every apostrophe read as straight in both); case
    aside when the forms are ASCII, in the text lowered with the few characters that
    ``re.IGNORECASE`` pairs with ASCII letters read as those letters (``_ASCII_TWINS``). Forms
    beyond ASCII have many more pairs: their alternation is compiled, once."""

    def __init__(self, forms: Iterable[str], *, ignore_case: bool = False, apostrophes: bool = False) -> None:
        straight = {_straight(f) if apostrophes else f for f in forms}
        self._forms = tuple(sorted(straight, key=len, reverse=True))
        self._lowered = tuple({f.lower() for f in self._forms})
        self._ignore_case = ignore_case
        self._apostrophes = apostrophes
        self._ascii = all(f.isascii() for f in self._forms)
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> object | None:
        if not self._forms:
            return None
        if self._apostrophes:
            text = _straight(text)
        if not self._ignore_case:
            return True if any(f in text for f in self._forms) else None
        if self._ascii:
            lowered = _folded(text)
            return True if any(f in lowered for f in self._lowered) else None
        if self._compiled is None:
            forms = (re.escape(f) for f in self._forms)
            if self._apostrophes:
                forms = (f.translate(EITHER_APOSTROPHE) for f in forms)
            self._compiled = re.compile(f"(?i:{'|'.join(forms)})")
        return self._compiled.search(text)


@lru_cache(maxsize=4)  # each needle of a return asks about the same few texts
def _folded(text: str) -> str:
    """``text`` as ASCII forms are looked for in it, case aside (``Literals``)."""
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        text = text.translate(_ASCII_TWINS)
    return text.lower()
