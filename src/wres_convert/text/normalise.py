"""Text normalisation for matching template wording (never for output: output keeps text exactly)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from wres_convert.text import patterns

# Swapped after NFKC, which has already made the no-break spaces spaces, U+2011 a U+2010, and
# U+2033 two U+2032 (so two apostrophes): those entries say what is meant, not what is met.
_UNIFIED = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
}  # fmt: skip
_SWAP = patterns.translator(_UNIFIED)  # not str.translate: a tenth of a return's duplicate signature
# A leading question number as templates write it: "1.", "3.2", "Q4", "(a)", "b)".
_NUMBER = patterns.compile(
    r"^\s*(?:q(?:uestion)?\s*)?(?:\d{1,2}(?:\.\d{1,2})*[.):]?|\(?[a-h]\)|[ivx]{1,4}\))\s+", re.I
)
# Edge punctuation: before the text, after it. With its white space made single spaces first,
# stripping these characters is what the pattern ``^[\s\-•*:.;,]+|[\s:.;,?!*]+$`` removes,
# without the pattern's try at every character of a long text.
_NOT_DIGIT = patterns.compile(r"\D")
_LEADING = " -\u2022*:.;,"
_TRAILING = " :.;,?!*"


def unify(text: str) -> str:
    """NFKC, one kind of quote and dash, plain spaces."""
    return _SWAP(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)  # the mapper asks about the same block's text many times over
def normalise(text: str) -> str:
    """The comparable core of a question or label: lower case, no numbering or edge punctuation."""
    text = " ".join(unify(text).split()).lower()  # str.split's white space is the patterns' \s
    text = _NUMBER.sub("", text, count=1)
    return text.lstrip(_LEADING).rstrip(_TRAILING)


def digits_of(text: str) -> str:
    """The digits in ``text``, in order: a number however it is spaced or punctuated."""
    return _NOT_DIGIT.sub("", text)


def word_count(text: str) -> int:
    return len(text.split())


def normal_forms(texts: Iterable[str]) -> set[str]:
    """``texts`` with any accents both composed (NFC) and decomposed (NFD): "Zoë" is either, and
    a file may hold either whatever the readers hand on."""
    out = set(texts)
    if not all(t.isascii() for t in out):
        out |= {unicodedata.normalize(form, t) for t in list(out) for form in ("NFC", "NFD")}
    return out
