"""Questions and fields recognised by their meaning: the cues in the standard pack, scored on
lines set out as labels, and the rules that keep an answer's own sub-headings in the answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wres_convert.errors import ConversionError
from wres_convert.model import Document, Heading, ListItem, Paragraph, Span, text_inlines
from wres_convert.standard import Standard
from wres_convert.standard.spec import TemplateSpec
from wres_convert.template.mapper import map_document
from wres_convert.template.matching import QuestionMatcher

PACK = Path(__file__).resolve().parents[2] / "src" / "wres_convert" / "data" / "standards" / "wres"


def matcher() -> QuestionMatcher:
    return QuestionMatcher.for_spec(Standard.load().template)


def P(text: str) -> Paragraph:
    return Paragraph(text_inlines(text))


def doc(*blocks: Paragraph | Heading | ListItem) -> Document:
    return Document(tuple(blocks), "text")


def answers(*blocks: Paragraph | Heading | ListItem) -> dict[str, list[str]]:
    m = map_document(doc(*blocks))
    return {a.question.id: [b.text for b in a.blocks] for a in m.answers}


# The issue's own examples of wordings no template lists, each with the role it asks for.
@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Your intervention", "initiative"),
        ("Actions taken", "initiative"),
        ("Summary of the work", "initiative"),
        ("Impact", "progress"),
        ("Results so far", "progress"),
        ("Has anything changed?", "progress"),
        ("Obstacles and enablers", "challenges"),
        ("Difficulties encountered", "challenges"),
        ("What supported you", "challenges"),
        ("Lessons learned", "learning"),
        ("Top tips for other trusts", "learning"),
        ("If you did it again…", "learning"),
        ("WRES metric(s) addressed", "indicators"),
        ("Indicator(s):", "indicators"),
        ("Lead contact", "other-contact"),
        ("Who to contact about this work", "other-contact"),
        ("Our work", "initiative"),
    ],
)
def test_a_wording_nobody_listed_is_known_by_its_cues(label: str, role: str) -> None:
    found = matcher().cue_question(label)
    assert found is not None and found[0].id == role, matcher().question_cues.scores(label)


@pytest.mark.parametrize(
    ("label", "field"),
    [("Trust", "organisation"), ("Name of organisation", "organisation"), ("Tel / email", "contact")],
)
def test_a_short_label_names_a_field_by_its_cues(label: str, field: str) -> None:
    found = matcher().cue_field(label)
    assert found is not None and found[0] == field


def test_a_field_word_inside_a_question_does_not_make_it_a_field() -> None:
    # "trusts" is the organisation's cue, but the line asks for the learning.
    assert matcher().cue_field("Top tips for other trusts") is None
    assert matcher().cue_question("Top tips for other trusts")[0].id == "learning"  # type: ignore[index]


@pytest.mark.parametrize(
    "label", ["Changes to shortlisting", "Planning and preparation", "Career conversations"]
)
def test_an_answers_own_sub_heading_says_too_little_to_be_a_question(label: str) -> None:
    assert matcher().cue_question(label) is None


def test_a_label_pointing_two_ways_equally_is_left_alone() -> None:
    # Progress and learning alike: neither is clear of the other by the margin.
    scores = matcher().question_cues.scores("Impact and lessons")
    assert {s.target for s in scores[:2]} == {"progress", "learning"}
    assert matcher().cue_question("Impact and lessons") is None


def test_label_and_answer_in_one_line_are_split() -> None:
    got = answers(
        P("Trust: Example NHS Trust"),
        P("Our work: we trained every manager in fair recruitment."),
        P("Impact - shortlisting ratios fell from 1.6 to 1.2."),
        P("Barriers: release time."),
    )
    assert got["initiative"] == ["we trained every manager in fair recruitment."]
    assert got["progress"] == ["shortlisting ratios fell from 1.6 to 1.2."]
    assert got["challenges"] == ["release time."]
    assert map_document(doc(P("Trust: Example NHS Trust"), P("Our work: x y z."))).fields == {
        "organisation": "Example NHS Trust"
    }


def test_a_question_run_together_with_its_answer_is_split_at_its_sentence() -> None:
    got = answers(
        P("Tell us about what you did and what it set out to do. We launched a programme."),
        P("What got in the way? Release time for managers."),
    )
    assert got["initiative"] == ["We launched a programme."]
    assert got["challenges"] == ["Release time for managers."]


def test_a_cue_line_inside_a_known_template_that_does_not_speak_to_the_trust_stays_in_the_answer() -> None:
    m = map_document(
        doc(
            P(
                "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
            ),
            P("Indicator 2: fell from 1.6 to 1.2."),
            P("Please describe your WRES initiative, its aims and any outcomes so far."),
            P("We changed shortlisting."),
            P("What challenges or barriers have you had to overcome to achieve this progress?"),
            P("Time."),
            Paragraph((Span("Lessons from the pilot", bold=True),)),
            P("Start small."),
        )
    )
    got = {a.question.id: [b.text for b in a.blocks] for a in m.answers}
    assert got["challenges"] == ["Time.", "Lessons from the pilot", "Start small."]
    assert "learning" not in got
    assert [p.match.text for p in m.passed] == ["Lessons from the pilot"]
    assert "sub-heading" in m.passed[0].reason


def test_a_sub_heading_taken_for_a_question_is_given_back_when_the_known_wording_comes() -> None:
    got = answers(
        P("What we did:"),
        P("We changed shortlisting."),
        Heading(text_inlines("Lessons so far"), 3),
        P("Managers liked it."),
        P("Top tips: What learning could other organisations take from your example above?"),
        P("Start small."),
    )
    assert got["initiative"] == ["We changed shortlisting.", "Lessons so far", "Managers liked it."]
    assert got["learning"] == ["Start small."]


def test_an_item_of_the_answers_own_numbered_list_is_never_a_question() -> None:
    got = answers(
        P("What we did:"),
        ListItem(text_inlines("Improving the return rate"), ordered=True),
        ListItem(text_inlines("A number of wider staff engagement initiatives"), ordered=True),
        ListItem(text_inlines("Leadership development"), ordered=True),
    )
    assert list(got) == ["initiative"] and len(got["initiative"]) == 3


def test_a_template_that_asks_about_one_role_twice_keeps_both_answers_in_order() -> None:
    got = answers(
        P("What did you do?"),
        P("We ran events."),
        P("What was difficult for you?"),
        P("Release time."),
        P("What did you learn?"),
        P("Start early."),
        P("What obstacles did you have to overcome?"),
        P("Budget."),
    )
    assert got["challenges"] == ["Release time."] and got["challenges#2"] == ["Budget."]


def test_the_documents_first_line_is_its_title_not_a_question() -> None:
    got = answers(
        Heading(text_inlines("Race equality lessons from Example Trust"), 1),
        P("What did you do?"),
        P("We ran events."),
        P("What would you tell another trust?"),
        P("Start early."),
    )
    assert got["learning"] == ["Start early."]


def test_an_indicator_line_typed_with_no_question_starts_the_indicators_answer() -> None:
    got = answers(
        P("Hello, here is our case study."),
        P("Indicators: 7 and 9. Career progression rose from 41% to 53%."),
        P("What we did: a talent pool."),
    )
    assert got["indicators"] == ["Indicators: 7 and 9. Career progression rose from 41% to 53%."]


def copy_pack(tmp_path: Path, edit: tuple[str, str]) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    path = pack / "template.toml"
    text = path.read_text("utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), "utf-8")
    return pack


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("intervention = 5", "intervention = 5\ninterventions = 2"), "same words once stemmed"),
        (("intervention = 5", 'intervention = "high"'), "must be a number"),
        (('field = "other_contact"', 'field = "nobody"'), "has field 'nobody'"),
        (('covers = ["name", "job_title"]', 'covers = ["name", "shoe_size"]'), "covers shoe_size"),
    ],
)
def test_a_mistake_in_a_packs_cues_is_one_clear_error(
    tmp_path: Path, edit: tuple[str, str], said: str
) -> None:
    TemplateSpec.load.cache_clear()
    with pytest.raises(ConversionError) as err:
        Standard.load(copy_pack(tmp_path, edit))
    assert said in err.value.message


def test_cues_live_in_the_pack_and_every_published_role_has_them() -> None:
    spec = Standard.load().template
    for q in spec.questions:
        assert q.cues, q.id
    roles = {q.use for q in spec.questions if q.cues}
    assert {"what-they-did", "challenges", "learning", "indicators"} <= roles


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Tell us what you actually did", "initiative"),  # a phrase's words with one between
        ("What did you actually do?", "initiative"),
        ("How did you go about it?", "initiative"),
        ("What difference has it made?", "progress"),  # "difference" is not "differently"
        ("Which WRES numbers got better, and by how much?", "indicators"),
        ("what we are aiming for", "objectives"),
    ],
)
def test_wordings_found_by_a_second_set_of_returns_written_elsewhere(label: str, role: str) -> None:
    found = matcher().cue_question(label)
    assert found is not None and found[0].id == role, matcher().question_cues.scores(label)


def test_a_two_word_phrase_must_stand_as_written() -> None:
    # "about you" (the details) is not in "Tell us about the work you did".
    fired = {s.target: s.fired for s in matcher().question_cues.scores("Tell us about the work you did")}
    assert "details" not in fired


def test_an_answer_that_opens_with_please_see_is_the_answer() -> None:
    got = answers(
        P("What did you do?"),
        P("We ran events."),
        P("If you have a local template in which the work is set out, please attach a copy."),
        P("Please see the attached evaluation summary."),
    )
    assert got["attachments"] == ["Please see the attached evaluation summary."]


def test_after_a_label_the_answer_in_lower_case_is_not_the_question_going_on() -> None:
    got = answers(
        P("which indicators: the bullying one (6). Staff reporting bullying dropped from 31% to 22%."),
        P("the initiative: we ran team conversations."),
    )
    assert got["indicators"] == ["the bullying one (6). Staff reporting bullying dropped from 31% to 22%."]


def test_a_question_that_opens_as_one_is_reported_even_unknown_but_an_indicators_own_is_not() -> None:
    m = map_document(
        doc(
            P(
                "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
            ),
            P("What is the relative likelihood of staff being appointed from shortlisting across all posts?"),
            P("It fell to 1.2."),
            P("What did you do?"),
            P("We changed shortlisting."),
            Paragraph((Span("Which staff networks were involved?", bold=True),)),
            P("Our race equality network."),
        )
    )
    got = {a.question.id: [b.text for b in a.blocks] for a in m.answers}
    assert got["indicators"][0].startswith("What is the relative likelihood")
    assert [w.code for w in m.warnings] == ["unrecognised-question"]
