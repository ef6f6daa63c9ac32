"""Faults a fifth round of returns written elsewhere (e-mails and web pages) found, each on the
sample return changed the way the held-out return was: none of them was about the format."""

from __future__ import annotations

import pytest

from helpers import SAMPLES
from wres_convert.run.convert import convert_bytes
from wres_convert.standard import Standard
from wres_convert.writers.markdown import blocks_md

TEXT = (SAMPLES / "chesterfield.txt").read_text("utf-8")
LEARNING_END = "are open to ideas for how to achieve this."


def section(cs, role: str) -> str:  # type: ignore[no-untyped-def]
    return next(blocks_md(s.blocks) for s in cs.sections if s.id == role)


def test_an_answer_sentence_that_reads_like_an_instruction_is_not_a_second_asking() -> None:
    extra = "Give mentors a space to support each other throughout the programme."
    text = TEXT.replace(LEARNING_END, f"{LEARNING_END}\n\n{extra}")
    cs = convert_bytes(text.encode(), "return.txt")
    assert section(cs, "learning").endswith(extra)


@pytest.mark.parametrize(
    "closing",
    [
        "Send your completed form to england.wres@nhs.net.",
        "Please e-mail the completed template to the National WRES Implementation Team by 29 March.",
        "Kindly return this case study to england.wres@nhs.net",
    ],
)
def test_the_forms_closing_instruction_in_other_words_is_never_published(closing: str) -> None:
    text = TEXT.replace("Please complete and return to england.wres@nhs.net .", closing)
    cs = convert_bytes(text.encode(), "return.txt")
    published = " ".join(blocks_md(s.blocks) for s in cs.sections)
    assert closing not in published


def test_a_sentence_of_an_answer_that_sends_something_to_the_board_is_kept() -> None:
    kept = "We send the completed action plan to the board every quarter."
    text = TEXT.replace(LEARNING_END, f"{LEARNING_END}\n\n{kept}")
    assert kept in section(convert_bytes(text.encode(), "return.txt"), "learning")


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        (
            "4 (access to non-mandatory training and CPD) and 7 (equal opportunities for career progression)",
            [4, 7],
        ),
        ("WRES indicators 4 (training and CPD) and 7 (career progression)", [4, 7]),
        ("Indicator 2 (19 of 20 staff)", [2]),
    ],
)
def test_numbers_with_a_description_in_brackets_name_their_indicators(line: str, numbers: list[int]) -> None:
    grammar = Standard.load("wres").grammar
    m = grammar.lead.match(line)
    found = grammar.bare_numbers(line) or (grammar.numbers_in(m.group("nums")) if m else [])
    assert found == numbers


def test_item_lines_with_a_description_in_brackets_each_name_their_indicator() -> None:
    """ "Indicator 4 (what it measures): …" opens an item line with its progress, not a line of
    bare numbers (the bracket rule above must not take it for one)."""
    text = """Organisation - Oakhurst and Lyne NHS Trust
Name / title - Priya Shah, Workforce Information Analyst

Objectives - Our race equality objectives focus on lifting representation of ethnic minority staff.

Indicators improved -
* Indicator 1 (representation across pay bands): ethnic minority staff at bands 7 and 8a rose from 11% to 18%
* Indicator 4 (access to non-mandatory training and CPD): the likelihood ratio improved from 1.33 to 1.07

Initiative - Stepping Up is a ring-fenced CPD fund that ethnic minority staff can apply to.

Challenges - We took legal advice to make sure the ring fence was lawful positive action.

Top tips - Check the legal basis for positive action early.
"""
    cs = convert_bytes(text.encode(), "return.txt")
    assert [i.number for i in cs.indicators] == [1, 4]


def test_a_signature_in_a_table_after_with_best_wishes_is_never_kept() -> None:
    """Signed off "With best wishes" above a logo | details table and a disclaimer: all of it is
    the signature, in no answer and not in ``unpublished``."""
    from email.message import EmailMessage
    from email.policy import default

    from wres_convert.writers.jsonout import case_study_dict

    answers = TEXT[: TEXT.index("Please complete and return")]  # the last answer is "n/a"
    html = "".join(f"<p>{line}</p>" for line in answers.split("\n\n")) + (
        "<p>With best wishes</p><table><tr><td><img src='cid:logo' alt='Trust logo'></td><td><b>Ian "
        "Siara</b><br>Equality Lead<br>Tel: 01246 277271 | Mob: 07700 900 318<br>ian.siara@nhs.net</td>"
        "</tr></table><p>This e-mail and any attachments are confidential.</p>"
    )
    m = EmailMessage(policy=default)
    m["From"] = "ian.siara@nhs.net"
    m.set_content(html, subtype="html")
    cs = convert_bytes(m.as_bytes(), "m.eml")
    published = str(case_study_dict(cs))
    assert "07700 900 318" not in published and "confidential" not in published
    assert "signature" in [w.code for w in cs.warnings]


@pytest.mark.parametrize(
    "named",
    [
        "Indicator 8 - discrimination from a manager, team leader or colleague.",
        "Indicator 8 – discrimination at work from managers or colleagues.",
    ],
)
def test_a_few_words_of_the_indicators_own_wording_only_name_it(named: str) -> None:
    start = TEXT.index("<p>Indicator 8:")
    end = TEXT.index("</p>", start) + 4
    text = TEXT[:start] + f"<p>{named}</p>" + TEXT[end:]
    outcome = section(convert_bytes(text.encode(), "return.txt"), "outcome")
    assert outcome.startswith("We have had an overall improvement")


def test_a_short_line_of_progress_after_the_name_is_kept() -> None:
    start = TEXT.index("<p>Indicator 8:")
    end = TEXT.index("</p>", start) + 4
    text = TEXT[:start] + "<p>Indicator 8 - discrimination from managers fell sharply.</p>" + TEXT[end:]
    outcome = section(convert_bytes(text.encode(), "return.txt"), "outcome")
    assert outcome.startswith("discrimination from managers fell sharply.")


def test_an_unknown_label_in_a_form_table_is_a_question_not_a_sub_heading() -> None:
    rows = [
        ("Question", "Answer"),
        ("Organisation", "Lindum County Hospitals NHS Trust"),
        ("WRES objectives", "Reduce bullying of BME staff from every source."),
        (
            "Indicators where you have made progress",
            "Indicator 6: bullying from colleagues fell from 28.7% to 23.4%.",
        ),
        ("Describe the initiative", "Our Speak Up programme trains staff to challenge bullying."),
        ("Challenges and barriers", "Some divisions were defensive about their figures."),
        ("Top tips for other organisations", "Share divisional data openly."),
        ("Supporting papers", "n/a"),
    ]
    html = (
        "<table>" + "".join(f"<tr><td><b>{q}</b></td><td><p>{a}</p></td></tr>" for q, a in rows) + "</table>"
    )
    cs = convert_bytes(html.encode(), "form.html")
    assert section(cs, "learning") == "Share divisional data openly."
    assert not any("Supporting papers" in section(cs, s.id) for s in cs.sections)
    said = [w.message for w in cs.warnings if w.code == "unrecognised-question"]
    assert any("'Supporting papers'" in m for m in said) and not any("'Question'" in m for m in said)
