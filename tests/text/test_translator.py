"""patterns.translator stands in for str.translate (which looks every character of a text holding
any non-ASCII one up in its table): it must give what str.translate gives, for any table of single
characters, those a pattern's character class treats specially among them, and any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wres_convert.text.patterns import translator

SPECIAL = list("]^\\-[.*\n\r\x0b\x0c\x85\u2028\u2029\u2019\u00a0")
# Lone surrogates too: a Python string may hold them (a file name decoded with surrogateescape).
CHARS = st.one_of(st.sampled_from(SPECIAL), st.characters(codec=None, categories=None))


@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(CHARS, st.text(max_size=3), min_size=1, max_size=8),
    st.lists(CHARS, max_size=40).map("".join),
)
def test_translator_gives_what_str_translate_gives(table: dict[str, str], text: str) -> None:
    assert translator(table)(text) == text.translate(str.maketrans(table))


def test_a_table_str_maketrans_refuses_is_refused() -> None:
    import pytest

    for table in ({}, {"ab": "x"}):
        with pytest.raises(ValueError):
            translator(table)


def test_the_table_is_copied() -> None:
    table = {"a": "b"}
    swap = translator(table)
    table["a"] = "c"
    table["x"] = "y"
    assert swap("ax") == "bx"
