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
# The only characters beyond ASCII that ``re.IGNORECASE`` pairs with an ASCII one, and what to read
# them as: "İ" and "ı" with i, the long "ſ" with s, the Kelvin sign with k (``str.lower`` does that
# one). Found by trying every code point against every ASCII character.
_ASCII_TWINS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


class Needle(Protocol):
    def search(self, text: str) -> object | None: ...


class Literals:
    """A needle for an alternation of literal ``forms``, case aside when ``ignore_case`` (as
    ``(?i:…)``). ``apostrophes``: "any" when an apostrophe in a form matches any other
    (``APOSTROPHES``), "optional" when it matches any other or none. Forms and text are read alike
    (every apostrophe straight, or none), then tested with ``in``, without compiling anything,
    where that is exactly the pattern's answer: case-sensitively always; case aside when the forms
    are ASCII, in the text lowered with the few characters that ``re.IGNORECASE`` pairs with ASCII
    letters read as those letters (``_ASCII_TWINS``). Forms beyond ASCII have many more pairs:
    their alternation is compiled, once."""

    def __init__(self, forms: Iterable[str], *, ignore_case: bool = False, apostrophes: str = "") -> None:
        self._read = _READ[apostrophes]
        read = {self._read(f) for f in forms}
        self._forms = tuple(sorted(read, key=len, reverse=True))
        self._lowered = tuple({f.lower() for f in self._forms})
        self._ignore_case = ignore_case
        self._ascii = all(f.isascii() for f in self._forms)
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> object | None:
        if not self._forms:
            return None
        text = self._read(text)
        if not self._ignore_case:
            return True if any(f in text for f in self._forms) else None
        if self._ascii:
            lowered = _folded(text)
            return True if any(f in lowered for f in self._lowered) else None
        if self._compiled is None:
            self._compiled = re.compile(f"(?i:{'|'.join(map(re.escape, self._forms))})")
        return self._compiled.search(text)


def _as_is(text: str) -> str:
    return text


_READ = {
    "": _as_is,
    "any": patterns.translator(dict.fromkeys(APOSTROPHE_MARKS[1:], "'")),
    "optional": patterns.translator(dict.fromkeys(APOSTROPHE_MARKS, "")),
}


@lru_cache(maxsize=4)  # each needle of a return asks about the same few texts
def _folded(text: str) -> str:
    """``text`` as ASCII forms are looked for in it, case aside (``Literals``)."""
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        text = text.translate(_ASCII_TWINS)
    return text.lower()
