"""An indicators answer that opens with only the indicators' numbers, then its progress, in the ways
returns typed into e-mails write it: the numbers name the indicators and never reach the page."""

from __future__ import annotations

import pytest

from wres_convert.casestudy.indicators import split_by_indicator
from wres_convert.model import Paragraph, text_inlines


def split(text: str) -> tuple[list[object], list[str], list[str]]:
    segments, before = split_by_indicator((Paragraph(text_inlines(text)),))
    return (
        [s.numbers for s in segments],
        [b.text for s in segments for b in s.blocks],
        [b.text for b in before],
    )


@pytest.mark.parametrize(
    ("text", "numbers", "progress"),
    [
        (
            "5 and 8. Abuse from patients fell from 30% to 20%.",
            [5, 8],
            "Abuse from patients fell from 30% to 20%.",
        ),
        ("Indicators - 2 and 7. Both rose.", [2, 7], "Both rose."),
        ("Seven: career progression rose to 53%.", [7], "career progression rose to 53%."),
        ("the bullying one (6). Reports fell from 31% to 22%.", [6], "Reports fell from 31% to 22%."),
    ],
)
def test_leading_numbers_name_the_indicators(text: str, numbers: list[int], progress: str) -> None:
    assert split(text)[:2] == ([numbers], [progress])


@pytest.mark.parametrize(
    "text",
    ["2023: a big year for us.", "We did it (2023). It worked.", "The figures: 3.2% up on last year."],
)
def test_years_percentages_and_prose_name_nothing(text: str) -> None:
    assert split(text) == ([], [], [text])


@pytest.mark.parametrize("n", [1, 5, 6])
def test_an_indicator_restated_in_the_technical_guidances_words_is_not_progress(n: int) -> None:
    from wres_convert.standard import Standard

    statement = Standard.load().items[n].statements[0]
    segments, _ = split_by_indicator(
        (
            Paragraph(text_inlines(f"Indicator {n}: {statement}")),
            Paragraph(text_inlines("It fell by 5 points.")),
        )
    )
    assert [s.numbers for s in segments] == [[n]]
    assert [b.text for s in segments for b in s.blocks] == ["It fell by 5 points."]
