"""The template mapper: questions found by wording (exact, prefix, fuzzy), answers between them,
"Your details" read as fields, boilerplate and empty answers dropped."""

from __future__ import annotations

from wres_convert.model import Cell, Document, Heading, ListItem, Paragraph, Span, Table, text_inlines
from wres_convert.template import map_document


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
