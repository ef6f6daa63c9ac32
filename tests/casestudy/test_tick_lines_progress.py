"""Tick lines keep their progress (issue 15): a ticked line's own text after the indicator's name
is progress; text under an unticked line stays with what it follows (the ticked line before it, or
the text before any indicator line). Only an unticked line's box and short label go. A plain-text
reader runs a tick list's lines, and the progress line after it, into one paragraph; the same
holds there. Nothing the trust wrote about its progress is lost."""

from __future__ import annotations

from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.casestudy.indicators import split_by_indicator
from wres_convert.model import Document, ListItem, Paragraph, text_inlines
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

INDICATORS_Q = (
    "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
)


def paragraphs(*lines: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text_inlines(t)) for t in lines)


def study(*lines: str | ListItem):  # type: ignore[no-untyped-def]
    answer = tuple(Paragraph(text_inlines(b)) if isinstance(b, str) else b for b in lines)
    doc = Document((Paragraph(text_inlines(INDICATORS_Q)), *answer), "text")
    return build_case_study(doc, source_for(b"", "x.txt", "text"))


def outcome(cs: object) -> str:
    return blocks_md(next(s for s in cs.sections if s.id == "outcome").blocks)  # type: ignore[attr-defined]


def segments_of(*lines: str) -> tuple[list[tuple[list[object], list[str]]], list[str]]:
    segments, before = split_by_indicator(paragraphs(*lines))
    return [(s.numbers, [b.text for b in s.blocks]) for s in segments], [b.text for b in before]


# A return typed as plain text: the tick list's lines and the progress after them have no blank
# line between them, so the reader gives one paragraph.
TEXT_RETURN = """\
Organisation name:
Fenwick Moor Community NHS Trust

Which WRES indicators has your organisation improved on? Mark each one and say what changed.
[ ] Indicator 1 – staff in each pay band
[x] Indicator 3 – formal disciplinary process: the likelihood fell from 2.4 to 1.3
[ ] Indicator 4 – access to non-mandatory training
[x] Indicator 5 – abuse from patients and the public
[ ] Indicator 9 – voting board membership
Update: reports of abuse from patients fell from 33% to 26% after the ward campaign.

Please describe your WRES initiative, its aims and any outcomes so far.
Every formal case is now reviewed by a panel before it starts, and wards ran a zero tolerance campaign.

What challenges or barriers have you had to overcome?
Ward staff were slow to report abuse at first.

What learning could other organisations take from your example?
Review cases before they start, not after.
"""


def test_a_text_return_keeps_the_progress_run_into_its_tick_list() -> None:
    cs = convert_bytes(TEXT_RETURN.encode(), "fenwick.txt")
    assert [i.number for i in cs.indicators] == [3, 5]
    text = outcome(cs)
    assert "the likelihood fell from 2.4 to 1.3" in text  # on the ticked line itself
    assert "reports of abuse from patients fell from 33% to 26% after the ward campaign." in text
    # The unticked lines and their labels are not published, nor is any box.
    for gone in ("staff in each pay band", "non-mandatory training", "voting board membership", "[ ]", "[x]"):
        assert gone not in text.replace("\\", "")
    assert not any(w.code == "no-indicator" for w in cs.warnings)


def test_a_ticked_lines_own_text_after_its_name_is_progress() -> None:
    found, before = segments_of("[x] Indicator 2 – appointments from shortlisting: fell from 1.71 to 1.19")
    assert found == [([2], ["appointments from shortlisting: fell from 1.71 to 1.19"])] and before == []


def test_text_on_following_lines_belongs_to_the_ticked_line_it_follows() -> None:
    found, _ = segments_of(
        "☒ Indicator 2 – shortlisting",
        "The ratio fell from 1.71 to 1.19.",
        "☐ Indicator 6 – bullying",
        "☒ Indicator 7 – progression",
        "Belief in equal opportunities rose from 39% to 51%.",
    )
    assert found == [
        ([2], ["The ratio fell from 1.71 to 1.19."]),
        ([7], ["Belief in equal opportunities rose from 39% to 51%."]),
    ]


def test_progress_under_an_unticked_line_stays_with_the_ticked_line_before_it() -> None:
    cs = study(
        "☐ Indicator 1 – representation",
        "☒ Indicator 2 – shortlisting",
        "☐ Indicator 9 – board",
        "Progress: the ratio fell from 1.71 to 1.19.",
    )
    assert [i.number for i in cs.indicators] == [2]
    assert outcome(cs).endswith("the ratio fell from 1.71 to 1.19.")  # its "Progress:" label is the mapper's


def test_progress_run_into_an_unticked_label_is_kept_and_the_label_goes() -> None:
    # The plain-text reader's paragraph: the next line's "Progress:" is run into the last label.
    found, before = segments_of(
        "[x] Indicator 2 – shortlisting [ ] Indicator 9 – board representation "
        "Progress: the ratio fell from 1.71 to 1.19 in two years."
    )
    assert found == [([2], ["Progress: the ratio fell from 1.71 to 1.19 in two years."])]
    assert before == []


def test_progress_under_an_unticked_line_before_any_ticked_one_is_text_before_them() -> None:
    found, before = segments_of(
        "[ ] Indicator 1 – representation Overall: BME staff at band 8a rose from 6% to 9%.",
        "[x] Indicator 3",
        "Cases fell.",
    )
    assert before == ["Overall: BME staff at band 8a rose from 6% to 9%."]
    assert found == [([3], ["Cases fell."])]


def test_an_unticked_lines_own_comment_stays_with_the_indicator_it_names() -> None:
    cs = study(
        "☒ Indicator 3 – disciplinary",
        "Cases fell from 14 to 6.",
        "☐ Indicator 4 – training: figures due in May 2025, not yet known",
    )
    assert [i.number for i in cs.indicators] == [3]  # no claim for 4
    text = outcome(cs)
    assert "Cases fell from 14 to 6." in text
    assert "Indicator 4 – training: figures due in May 2025, not yet known" in text


def test_an_unticked_line_with_only_its_label_is_dropped() -> None:
    found, before = segments_of(
        "[ ] Indicator 1 – workforce representation by band", "[x] Indicator 2", "Up."
    )
    assert found == [([2], ["Up."])] and before == []


def test_an_instruction_run_into_the_tick_list_is_split_from_it() -> None:
    found, before = segments_of(
        "Tick all that apply. [ ] Indicator 1 – representation [x] Indicator 8 – discrimination"
    )
    assert before == ["Tick all that apply."]
    assert found == [([8], [])]


def test_a_mention_in_prose_does_not_split_the_sentence() -> None:
    sentence = "We chose indicator 3 – disciplinary – because X indicator 4 scores were already good."
    found, before = segments_of(sentence)
    assert found == [] and before == [sentence]


def test_a_ticked_line_run_into_the_next_lines_label_keeps_both() -> None:
    found, _ = segments_of("☒ Indicator 7 – career progression Survey result: up from 39% to 51%")
    assert found == [([7], ["Survey result: up from 39% to 51%"])]
