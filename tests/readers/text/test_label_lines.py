"""Labels typed on a line of their own above the answer ("what we did", "Challenges:") stand apart
from it, however the submitter typed them; a paragraph wrapped by a mail client stays one."""

from __future__ import annotations

from wres_convert.model import Heading, Paragraph
from wres_convert.readers.text import read


def texts(source: str) -> list[tuple[str, str]]:
    return [(type(b).__name__, b.text) for b in read(source.encode()).blocks]


def test_a_short_label_above_its_answer_is_its_own_line() -> None:
    got = texts("what we did\nWe ran listening events.\nIt went well.\n")
    assert got[0] == ("Paragraph", "what we did")
    assert got[1] == ("Paragraph", "We ran listening events. It went well.")


def test_a_label_typed_in_lower_case_over_a_lower_case_answer() -> None:
    got = texts("barriers\nthe checklist was seen as more paperwork at first.\n")
    assert [t for _, t in got] == ["barriers", "the checklist was seen as more paperwork at first."]


def test_a_question_line_ending_in_a_colon_stands_apart_from_its_answer() -> None:
    got = texts(
        "Our network meets monthly.\nTop tips – what could others learn from your example:\nMake it visible.\n"
    )
    assert ("Paragraph", "Make it visible.") in got


def test_a_signature_keeps_its_lines_apart() -> None:
    got = texts("Kind regards\nIan Siara\nDeputy Director of Workforce\n")
    assert [t for _, t in got][:2] == ["Kind regards", "Ian Siara"]


def test_a_label_with_one_line_under_it_gives_that_line_as_a_paragraph_not_a_heading() -> None:
    blocks = read(
        b"NHS organisation:\nChesterfield Royal NHS Foundation Trust\n\nNext:\nMore text here.\n"
    ).blocks
    assert isinstance(blocks[1], Paragraph) and not isinstance(blocks[1], Heading)


def test_a_wrapped_sentence_is_one_paragraph() -> None:
    assert len(texts("We did three things\nand they worked well for everyone.\n")) == 1
    wrapped = (
        "Our equality, diversity and inclusion agenda this year has had a more\n"
        "general focus, and our staff survey results have been positively\n"
        "influenced by a number of things.\n"
    )
    assert len(texts(wrapped)) == 1
