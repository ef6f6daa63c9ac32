"""A detector's ``needs`` only spares running a pattern that could find nothing: whenever the
pattern finds a match, the text meets it (issue 18)."""

from __future__ import annotations

import random

import pytest

from wres_convert.casestudy.privacy import DETECTORS, EMAILS, PHONES, find_ranges

SAMPLES = [
    "Call 01246 512618 or +44 (0)113 496 0412, or e-mail jane.smith@nhs.net.",
    "NHS number 943 476 5919; NI number AB 12 34 56 C.",
    "+44 \u0667\u0667\u0660\u0660 \u0669\u0660\u0660\u0661\u0662\u0663",  # Arabic-Indic digits are \d too
    "07700-900-123 and 07700_900123 in report_07700 900123.docx",
    "**jane**@nhs.net and 0\u200b1246 512618",  # ignorable characters inside
    "Indicator 5 rose by 12% in 2023.",
    "QQ123456C is not one; AB123456D is",
]
ALPHABET = "0123456789 @.-+()/_abAB\u0660\u0661\u0667\n"


def _random_texts(n: int) -> list[str]:
    rng = random.Random(18)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(5, 40))) for _ in range(n)]


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.kind)
def test_every_match_meets_needs(detector) -> None:
    found = 0
    for text in SAMPLES + _random_texts(3000):
        if any(detector.valid(m) for m in detector.pattern.finditer(text)):
            found += 1
            assert detector.needs(text), text
    assert found  # the samples exercise the detector


def test_filtered_search_finds_the_same() -> None:
    for text in SAMPLES + _random_texts(1000):
        for d in DETECTORS:
            plain = [m.span() for m in d.pattern.finditer(text) if d.valid(m)]
            assert [m.span() for m in d.finditer(text)] == plain
            assert find_ranges(text, [d.finder()]) == find_ranges(
                text, [lambda t, d=d: (m.span() for m in d.pattern.finditer(t) if d.valid(m))]
            )


def test_needs_is_not_a_guess() -> None:
    assert EMAILS.needs("a@b") and not EMAILS.needs("no address here")
    assert PHONES.needs("+44 \u0667\u0667\u0660\u0660 \u0669\u0660\u0660\u0661\u0662\u0663")
    assert not PHONES.needs("Indicator 5 rose by 12% in 2023.")
