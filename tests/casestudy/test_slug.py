"""A case study's slug: made without python-slugify for plain text, and then exactly as slugify
would make it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from slugify import slugify

from wres_convert.casestudy.build import slug_for

PLAIN = "abcXYZ019 -./:;()"
OTHER = PLAIN + "&',é_!?\\t\u00a0"


def _slugify(organisation: str, title: str) -> str:
    return slugify(f"{organisation} {title}", max_length=120, word_boundary=True) or "case-study"


@given(st.text(PLAIN, max_size=70), st.text(PLAIN, max_size=40))
def test_a_plain_slug_is_slugifys(organisation: str, title: str) -> None:
    assert slug_for(organisation, title) == _slugify(organisation, title)


@given(st.text(OTHER, max_size=90), st.text(OTHER, max_size=60))
def test_any_slug_is_slugifys(organisation: str, title: str) -> None:
    assert slug_for(organisation, title) == _slugify(organisation, title)


def test_examples() -> None:
    for org, title in [
        ("Chesterfield Royal Hospital NHS Foundation Trust", "WRES Indicators 5 and 6"),
        ("", "WRES case study"),
        ("St George's (Tooting)", "WRES Indicator 8"),
        ("Barts Health NHS Trust - London", "WRES Indicator 1: 2,000 staff"),
        ("A" * 60, "B" * 60),
        ("--", "()"),
    ]:
        assert slug_for(org, title) == _slugify(org, title), (org, title)
