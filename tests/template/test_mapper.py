"""The template mapper: questions found by wording (exact, prefix, fuzzy), answers between them,
"Your details" read as fields, boilerplate and empty answers dropped."""

from __future__ import annotations

from wres_convert.model import (
    Cell,
    Control,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Span,
    Table,
    text_inlines,
)
from wres_convert.template.mapper import map_document


def p(text: str, bold: bool = False) -> Paragraph:
    return Paragraph(text_inlines(text, bold=bold))


def doc(*blocks: object) -> Document:
    return Document(tuple(blocks), "text")  # type: ignore[arg-type]


def answers(mapping: object) -> dict[str, list[str]]:
    return {a.question.id: [b.text for b in a.blocks] for a in mapping.answers}  # type: ignore[attr-defined]


def test_questions_split_the_answers_and_details_are_fields() -> None:
    m = map_document(
        doc(
            p("Sharing good practice: case studies", bold=True),
            p("Your details", bold=True),
            p("Organisation name: Example NHS Trust"),
            p("Your name and job title: Ann Other, Head of EDI"),
            p("Contact details: ann.other@nhs.net Tel: 0113 496 0000"),
            p("What are your organisation's WRES objectives?", bold=True),
            ListItem(text_inlines("Objective one")),
            p("Please describe your WRES initiative, its aims and any outcomes so far.", bold=True),
            p("We did things."),
            p("Please complete and return to england.wres@nhs.net ."),
            p("Thank you"),
        )
    )
    assert m.fields["organisation"] == "Example NHS Trust"
    assert m.fields["name_and_title"] == "Ann Other, Head of EDI"
    assert "ann.other@nhs.net" in m.fields["contact"]
    assert answers(m) == {"objectives": ["Objective one"], "initiative": ["We did things."]}


def test_question_wording_from_another_template_version_and_numbering() -> None:
    m = map_document(
        doc(
            Heading(text_inlines("3. Describe your initiative, its aims and outcomes to date"), 2),
            p("Answer A"),
            Heading(text_inlines("Q4 Top tips – what could other organisations learn?"), 2),
            p("Answer B"),
        )
    )
    assert answers(m) == {"initiative": ["Answer A"], "learning": ["Answer B"]}
    assert [a.match.how for a in m.answers] == ["exact", "exact"]


def test_fuzzy_match_tolerates_small_wording_changes() -> None:
    m = map_document(
        doc(p("Please describe the WRES initiative, it's aims and any outcome so far"), p("Answer"))
    )
    assert answers(m) == {"initiative": ["Answer"]}
    assert m.answers[0].match.how == "fuzzy" and 90 <= m.answers[0].match.score < 100


def test_question_and_answer_in_one_paragraph_are_split_keeping_formatting() -> None:
    block = Paragraph(
        (Span("What are your organisation's WRES objectives? ", bold=True), Span("To be fair."))
    )
    m = map_document(doc(block))
    assert answers(m) == {"objectives": ["To be fair."]}
    assert m.answers[0].blocks[0].inlines == (Span("To be fair."),)  # type: ignore[union-attr]


def test_top_tips_then_learning_question_is_one_question() -> None:
    m = map_document(
        doc(
            p("Top tips:", True),
            p("What learning could other organisations take from your example above?", True),
            p("Tip"),
        )
    )
    assert answers(m) == {"learning": ["Tip"]}


def test_sentence_starting_with_a_short_wording_is_not_a_question() -> None:
    m = map_document(doc(p("Top tips:"), p("Top tips from our staff were collected weekly."), p("Second.")))
    assert answers(m) == {"learning": ["Top tips from our staff were collected weekly.", "Second."]}


def test_na_and_placeholder_answers_are_empty() -> None:
    m = map_document(
        doc(
            p("What are your organisation's WRES objectives?"),
            p("Click or tap here to enter text."),
            p("Supporting documents"),
            p("N/A"),
        )
    )
    assert answers(m) == {"objectives": [], "attachments": []}


def test_question_answer_table_is_read_in_reading_order() -> None:
    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell((p(t),) if t else ()) for t in texts)

    table = Table(
        (
            row("Organisation name:", "Example NHS Trust"),
            row("Please describe your WRES initiative, its aims and any outcomes so far.", "We did it."),
            row("What challenges or barriers have you had to overcome"),
            row("It was hard."),
        )
    )
    m = map_document(doc(table))
    assert m.fields["organisation"] == "Example NHS Trust"
    assert answers(m) == {"initiative": ["We did it."], "challenges": ["It was hard."]}


def test_a_table_inside_an_answer_stays_a_table() -> None:
    data = Table(((Cell((p("2021"),)), Cell((p("4.4%"),))),))
    m = map_document(doc(p("Please describe your WRES initiative, its aims and any outcomes so far."), data))
    assert m.answers[0].blocks == (data,)


def test_a_repeated_question_wording_later_on_stays_in_the_answer() -> None:
    m = map_document(
        doc(
            p("What barriers or challenges did you face?"),
            p("Some."),
            p("Top tips"),
            p("Plan ahead."),
            p("Challenges and barriers"),
            p("More."),
        )
    )
    assert answers(m) == {
        "challenges": ["Some."],
        "learning": ["Plan ahead.", "Challenges and barriers", "More."],
    }


def test_contact_fields_on_separate_lines_are_all_recorded() -> None:
    m = map_document(
        doc(
            p("Name of organisation: Example NHS Trust"),
            p("Name and job title of person completing this form: Ann Other, Head of EDI"),
            p("Email: ann.other@nhs.net"),
            p("Telephone: 0113 496 0000"),
            p("What are your organisation's objectives under the WRES?"),
            p("Fairness."),
        )
    )
    assert m.fields["organisation"] == "Example NHS Trust"
    assert m.fields["contact"] == "ann.other@nhs.net 0113 496 0000"
    assert answers(m) == {"objectives": ["Fairness."]}


# ----------------------------------------------------------------------------- form controls
def ctl(tag: str, *blocks: object, title: str = "", placeholder: bool = False) -> Control:
    return Control(tuple(blocks), tag=tag, title=title, placeholder=placeholder)  # type: ignore[arg-type]


def test_a_control_tag_names_the_question_without_any_question_text() -> None:
    m = map_document(
        doc(
            ctl("OrganisationName", p("Example NHS Trust")),
            ctl("q3_initiative", p("We did it."), ListItem(text_inlines("step"))),
            ctl("Text7", p("Unnamed control content")),
            ctl("TopTips", title="Top tips", placeholder=True),
        )
    )
    assert m.fields["organisation"] == "Example NHS Trust"
    assert answers(m) == {"initiative": ["We did it.", "step", "Unnamed control content"], "learning": []}
    how = {a.question.id: (a.match.how, a.placeholder) for a in m.answers}
    assert how == {"initiative": ("content-control", False), "learning": ("content-control", True)}
    assert [w.code for w in m.warnings] == ["placeholder-answer"]


def test_a_control_tag_outranks_the_wording_before_it() -> None:
    m = map_document(
        doc(
            p("Please describe your WRES initiative, its aims and any outcomes so far.", True),
            p("Intro."),
            ctl("challenges", p("It was hard.")),
        )
    )
    assert answers(m) == {"initiative": ["Intro."], "challenges": ["It was hard."]}


# ----------------------------------------------------------------------------- template versions
def test_reworded_questions_are_matched_by_their_words_when_set_out_as_questions() -> None:
    m = map_document(
        doc(
            p("What are the WRES objectives of your organisation?", True),
            p("Fairness."),
            p("Which of the WRES indicators have you improved on, and what progress has been made?", True),
            p("Indicator 4: details"),
            p("What challenges or barriers did you have to overcome, and what helped?", True),
            p("Time."),
            p("Top tips for other organisations", True),
            p("Plan."),
        )
    )
    assert [a.question.id for a in m.answers] == ["objectives", "indicators", "challenges", "learning"]
    assert {a.match.how for a in m.answers} == {"words"}


def test_answer_text_sharing_a_questions_words_is_not_a_question() -> None:
    m = map_document(
        doc(
            p("What barriers or challenges did you face?"),
            p("Our challenges and barriers in 2023 were many and varied across the trust."),
            p("Who was helped and how?", True),
            p("Staff."),
        )
    )
    assert answers(m) == {
        "challenges": [
            "Our challenges and barriers in 2023 were many and varied across the trust.",
            "Who was helped and how?",
            "Staff.",
        ]
    }


def test_an_unknown_question_is_flagged_and_its_answer_kept_unpublished() -> None:
    m = map_document(
        doc(
            p("Please describe your WRES initiative, its aims and any outcomes so far.", True),
            p("We did it."),
            p("How did you involve your staff networks in the work?", True),
            p("Through the BME network."),
            p("How we engaged our staff networks", True),
            p("More."),
        )
    )
    assert answers(m) == {
        "initiative": ["We did it."],
        "unrecognised-2": ["Through the BME network.", "How we engaged our staff networks", "More."],
    }
    other = m.answers[1]
    assert other.question.use == "unpublished" and other.question.label.startswith("How did you involve")
    assert [w.code for w in m.warnings] == ["unrecognised-question"]


# ----------------------------------------------------------------------------- e-mail returns
def test_a_signature_after_the_last_answer_is_left_out() -> None:
    m = map_document(
        doc(
            p("Top tips: What learning could other organisations take from your example above?"),
            ListItem(text_inlines("Start early.")),
            p("Thanks to all staff who took part."),
            p("Kind regards,"),
            p("Sam Patel"),
            p("Head of EDI | Mob: 07700 900456"),
        )
    )
    assert answers(m) == {"learning": ["Start early.", "Thanks to all staff who took part."]}
    assert [w.code for w in m.warnings] == ["signature"]


def test_the_templates_own_closing_lines_are_not_reported_as_a_signature() -> None:
    m = map_document(
        doc(p("Supporting documents"), p("n/a"), p("Thank you"), p("National WRES Implementation team"))
    )
    assert answers(m) == {"attachments": []} and m.warnings == ()


def test_a_bare_details_label_is_a_field_not_an_unknown_question() -> None:
    m = map_document(
        doc(
            p("Your details", True),
            p("Your name and job title:", True),
            p("Grace Mensah, Head of People"),
            p("Please describe your WRES initiative, its aims and any outcomes so far.", True),
            p("We did it."),
        )
    )
    assert m.fields["name_and_title"] == "Grace Mensah, Head of People"
    assert answers(m) == {"initiative": ["We did it."]}
