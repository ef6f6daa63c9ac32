"""The one "title-like" test (text/shapes.py) and the callers that pass other limits."""

from __future__ import annotations

import pytest

from wres_convert.casestudy.structure import HEADING_MAX_CHARS, HEADING_MAX_WORDS
from wres_convert.casestudy.structure import is_title_like as bold_title_like
from wres_convert.readers.text.lines import title_like as plain_title_like
from wres_convert.text.shapes import TITLE_MAX_CHARS, TITLE_MAX_WORDS, is_title_like


def test_the_default_limits() -> None:
    assert (TITLE_MAX_WORDS, TITLE_MAX_CHARS) == (12, 100)
    assert is_title_like(" ".join(["word"] * 12))
    assert not is_title_like(" ".join(["word"] * 13))
    assert is_title_like("x" * 100)
    assert not is_title_like("x" * 101)


@pytest.mark.parametrize(
    "text", ["Preparation", "a) Survey return rate", "Top tips:", "What went well?", "  Padded  "]
)
def test_titles(text: str) -> None:
    assert is_title_like(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "We ran a survey.", "First, second,", "One; two;", "Well done!", "Our aims -", "Our aims –",
     "Two\nlines"],
)  # fmt: skip
def test_not_titles(text: str) -> None:
    assert not is_title_like(text)


def test_named_limits() -> None:
    text = " ".join(["word"] * 14)
    assert not is_title_like(text)
    assert is_title_like(text, max_words=14)
    assert not is_title_like("Your details today", max_words=2)
    assert not is_title_like("x" * 61, max_chars=60)


def test_a_bold_paragraph_may_be_longer() -> None:
    # Its weight already marks a bold paragraph as a heading: 14 words or 110 characters.
    assert (HEADING_MAX_WORDS, HEADING_MAX_CHARS) == (14, 110)
    fourteen = " ".join(["Word"] * 14)
    assert bold_title_like(fourteen) and not is_title_like(fourteen)
    assert not bold_title_like(fourteen + " more")


def test_plain_text_adds_its_own_doubts_to_the_shape() -> None:
    assert plain_title_like("Survey return rate")
    for text in (
        "n/a",
        "None",
        "See www.example.org",
        "jane@example.org",
        "• Item",
        "Intro • item",
        "lower case",
    ):
        assert not plain_title_like(text), text
    assert not plain_title_like(" ".join(["Word"] * 13))
