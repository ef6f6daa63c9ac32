"""normalise() strips white space and edge punctuation with str methods instead of patterns (a
long text's signature no longer costs a pattern's try at every character): it must say exactly
what the patterns said, for any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SAMPLES
from wres_convert.text.normalise import _NUMBER, normalise, unify


def _by_patterns(text: str) -> str:
    """normalise() as it was written with patterns."""
    text = re.sub(r"\s+", " ", unify(text)).strip().lower()
    text = _NUMBER.sub("", text, count=1)
    return re.sub(r"^[\s\-\u2022*:.;,]+|[\s:.;,?!*]+$", "", text)


EDGES = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2007\u2028\u3000-\u2022*:.;,?!'\"`\u2019\u2013"))
WORDS = st.sampled_from(["1.", "Q4", "(a)", "b)", "iv)", "3.2", "question", "What", "WRES", "İ", "ﬁ", "x"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(EDGES, WORDS, st.text(max_size=3)), max_size=12).map("".join))
def test_normalise_says_what_the_patterns_said(text: str) -> None:
    normalise.cache_clear()
    assert normalise(text) == _by_patterns(text)


def test_on_whole_returns() -> None:
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    for line in [*text.splitlines(), text]:
        assert normalise(line) == _by_patterns(line)


_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
    }
)  # fmt: skip
ODD = st.sampled_from(
    list(
        "\u2018\u2019\u201a\u201b\u2032`\u201c\u201d\u201e\u2033\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0\u202f\u2007-'\"[]^\\ﬁ½"
    )
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(ODD, st.text(max_size=3)), max_size=16).map("".join))
def test_unify_swaps_what_its_table_said(text: str) -> None:
    """unify() swaps the odd quotes, dashes and spaces with one pattern, not str.translate (which
    looks up every character of a text holding any non-ASCII one): the same text for any text."""
    import unicodedata

    assert unify(text) == unicodedata.normalize("NFKC", text).translate(_TABLE)
