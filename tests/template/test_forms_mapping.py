"""Word forms end to end: the content control's tag decides which question it answers, even when
the question text is missing altogether; a control still showing its prompt is unanswered."""

from __future__ import annotations

import pytest

from helpers import FIXTURES
from wres_convert.run.convert import convert_file
from wres_convert.writers.markdown import blocks_md

DOCX = FIXTURES / "docx"


@pytest.mark.parametrize("name", ["form_controls.docx", "form_controls_untitled.docx"])
def test_tagged_controls_fill_the_right_sections(name: str) -> None:
    cs = convert_file(DOCX / name)
    sections = {s.id: blocks_md(s.blocks) for s in cs.sections}
    assert cs.organisation == "Ashbourne and District Community Health NHS Trust"
    assert [i.number for i in cs.indicators] == [4]
    assert (
        sections["outcome"]
        == "In 2021 White staff were 1.48 times more likely to access CPD; in 2023 the figure was 1.02."
    )
    assert sections["what-they-did"].startswith("Our workforce data showed BME staff were less likely")
    assert sections["learning"] == "Look at who is getting development, not just who asks for it."
    assert sections["challenges"] == ""
    how = {a.question.id: a.match.how for a in cs.mapping.answers}
    assert how["challenges"] == "content-control"
    assert next(a for a in cs.mapping.answers if a.question.id == "challenges").placeholder
    assert "placeholder-answer" in [w.code for w in cs.warnings]
    page = " ".join(sections.values())
    assert "Click or tap" not in page and "Grace Mensah" not in page


def test_with_no_question_text_the_tags_alone_place_every_answer() -> None:
    cs = convert_file(DOCX / "form_controls_untitled.docx")
    assert {a.question.id: a.match.how for a in cs.mapping.answers} == {
        "indicators": "content-control",
        "initiative": "content-control",
        "challenges": "content-control",
        "learning": "content-control",
        "attachments": "content-control",
    }
    assert cs.contact.name == "Grace Mensah"
