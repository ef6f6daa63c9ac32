"""Faults a hostile review found in recognising returns by meaning, each kept fixed: details typed
as "Label - value" or in lower case, a trust's own lines that look like questions inside a known
template, a question split over lines, a contact named in a sentence, tick crosses, ranges, bare
numbers, and published headings used by a real return."""

from __future__ import annotations

import json

import pytest

from wres_convert.errors import ConversionError
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.jsonout import case_study_dict

Q = {
    "details": "Your details",
    "objectives": "What are your organisation's WRES objectives?",
    "indicators": "Which WRES indicators has your organisation improved on? Please provide details of the progress made.",
    "initiative": "Please describe your WRES initiative, its aims and any outcomes so far.",
    "challenges": "What challenges or barriers have you had to overcome to achieve this progress?",
    "learning": "Top tips:\n\nWhat learning could other organisations take from your example above?",
}
DETAILS = "Organisation name: Riverside Valley NHS Foundation Trust\nYour name and job title: Olu Adeyemi, Head of Inclusion\nContact details: olu.adeyemi@nhs.net Tel: 01632 960777"
ANSWERS = {
    "details": DETAILS,
    "objectives": "- Reduce disciplinary gap Q01",
    "indicators": "Indicator 3: the ratio fell from 1.9 to 1.1 Q02.",
    "initiative": "We introduced a review panel Q03.",
    "challenges": "Managers were sceptical Q04.",
    "learning": "Start with the data Q05.",
}
PRIVATE = ("Olu Adeyemi", "Adeyemi", "olu.adeyemi", "960777")


def convert(**answers: str):  # type: ignore[no-untyped-def]
    text = "".join(f"{Q[k]}\n\n{v}\n\n" for k, v in {**ANSWERS, **answers}.items())
    return convert_bytes(text.encode(), "r.txt")


def sections(cs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.id: " ".join(b.text for b in s.blocks) for s in cs.sections}


@pytest.mark.parametrize(
    "details",
    [
        "Organisation - Riverside Valley NHS Foundation Trust\nName - Olu Adeyemi\nEmail - olu.adeyemi@nhs.net\nPhone - 01632 960777",
        "trust: Riverside Valley NHS Foundation Trust\nname: Olu Adeyemi\ncontact: olu.adeyemi@nhs.net 01632 960777",
    ],
)
def test_details_typed_as_label_dash_value_or_in_lower_case_are_fields(details: str) -> None:
    cs = convert(details=details)
    assert cs.organisation == "Riverside Valley NHS Foundation Trust"
    out = json.dumps(case_study_dict(cs))
    for private in PRIVATE:
        assert private not in out, private


def test_an_answer_line_opening_with_what_is_the_answer() -> None:
    got = sections(
        convert(
            challenges="What made the difference was board sponsorship Q04.\n\nManagers were sceptical Q06."
        )
    )
    assert "Q04" in got["challenges"] and "Q06" in got["challenges"] and "Q06" not in got["outcome"]


def test_the_trusts_own_questions_inside_a_known_template_stay_in_its_answer() -> None:
    cs = convert(
        initiative="We introduced a review panel Q03.\n\nWhat difference has it made? Fewer cases Q07.\n\n"
        "What could the manager have done differently?\n\nThe panel decides Q08."
    )
    got = sections(cs)
    assert all(q in got["what-they-did"] for q in ("Q03", "Q07", "Q08"))
    assert "unrecognised-question" not in [w.code for w in cs.warnings]


def test_a_known_question_over_several_lines_is_never_its_answer() -> None:
    got = sections(
        convert(
            challenges="And what supports, enablers or valued partnerships have helped.\n\n"
            "And please describe any creative and innovative approaches you have adopted that have enabled you to make progress.\n\n"
            "Managers were sceptical Q04."
        )
    )
    assert got["challenges"] == "Managers were sceptical Q04."


def test_a_sentence_naming_the_lead_is_scrubbed_and_the_answer_kept() -> None:
    cs = convert(
        learning="Start with the data Q05. Our lead for this work is Dr Kwame Boateng (kwame.boateng1@nhs.net)."
    )
    out = json.dumps(case_study_dict(cs))
    assert "Q05" in sections(cs)["learning"]
    assert "Boateng" not in out and "kwame.boateng1" not in out


def test_crosses_beside_ticks_are_no() -> None:
    cs = convert(indicators="✓ Indicator 3 – fell from 1.9 to 1.1 Q02\n✗ Indicator 5\n✘ Indicator 6")
    assert [i.number for i in cs.indicators] == [3]


@pytest.mark.parametrize(
    ("said", "numbers"),
    [
        ("3", [3]),
        ("3.", [3]),
        ("Indicators 5-8: all improved.", [5, 6, 7, 8]),
        ("Indicators 3 to 5: all improved.", [3, 4, 5]),
    ],
)
def test_bare_numbers_and_ranges_name_the_indicators(said: str, numbers: list[int]) -> None:
    cs = convert(indicators=said + "\n\nThe ratio fell Q02.")
    assert [i.number for i in cs.indicators] == numbers


def test_a_return_using_the_published_headings_as_its_own_is_converted() -> None:
    cs = convert(
        initiative="What they did\n\nWe introduced a panel Q03.\n\nWhat was the outcome?\n\nFewer cases.\n\nChallenges & barriers\n\nTime."
    )
    assert "Q03" in sections(cs)["what-they-did"]


def test_a_signature_with_no_sign_off_after_the_last_answer_is_private() -> None:
    cs = convert(
        learning="Start with the data Q05.\n\nOlu Adeyemi\n\nHead of Inclusion olu.adeyemi@nhs.net\n\n07700 900555"
    )
    out = json.dumps(case_study_dict(cs))
    assert sections(cs)["learning"] == "Start with the data Q05."
    for private in (*PRIVATE, "900555"):
        assert private not in out, private


def test_a_reworded_question_right_under_an_unanswered_known_one_is_still_a_question() -> None:
    text = (
        "".join(f"{Q[k]}\n\n" for k in Q)
        + "If you have a local template you have used, please attach a copy.\n\n"
    )
    with pytest.raises(ConversionError) as err:
        convert_bytes(text.encode(), "blank.txt")
    assert err.value.code == "blank-template"


def test_indicators_named_as_wres_numbers() -> None:
    cs = convert(indicators="WRES 6 and WRES 8. Bullying from colleagues fell Q02.")
    assert [i.number for i in cs.indicators] == [6, 8]


def test_the_forms_guidance_under_a_question_is_not_the_answer() -> None:
    from wres_convert.casestudy.build import build_case_study, source_for
    from wres_convert.model import Document, Paragraph, Span, text_inlines

    def italic(text: str) -> Paragraph:
        return Paragraph((Span(text, italic=True),))

    doc = Document(
        (
            Paragraph(text_inlines(Q["indicators"])),
            italic("Include figures where you can, e.g. the change in your indicator score."),
            Paragraph(text_inlines("Indicator 3: the ratio fell from 1.9 to 1.1.")),
            Paragraph(text_inlines(Q["initiative"])),
            italic("(max 500 words)"),
            Paragraph(text_inlines("We introduced a review panel.")),
            Paragraph(text_inlines(Q["challenges"])),
            italic("You made me feel heard, one nurse told us."),  # a staff member's words stay
        ),
        "docx",
    )
    got = sections(build_case_study(doc, source_for(b"", "x.docx", "docx")))
    assert got["what-they-did"] == "We introduced a review panel."
    assert "Include figures" not in got["outcome"]
    assert got["challenges"] == "You made me feel heard, one nurse told us."


def test_an_italic_indicator_line_under_the_question_is_the_answer() -> None:
    from wres_convert.casestudy.build import build_case_study, source_for
    from wres_convert.model import Document, Paragraph, Span, text_inlines

    doc = Document(
        (
            Paragraph(text_inlines(Q["indicators"])),
            Paragraph(
                (
                    Span(
                        "Indicator 7: Do you believe that your organisation provides equal opportunities?",
                        italic=True,
                    ),
                )
            ),
            Paragraph(text_inlines("It rose to 53%.")),
            Paragraph(text_inlines(Q["initiative"])),
            Paragraph(text_inlines("We ran a programme.")),
        ),
        "docx",
    )
    cs = build_case_study(doc, source_for(b"", "x.docx", "docx"))
    assert [i.number for i in cs.indicators] == [7]
