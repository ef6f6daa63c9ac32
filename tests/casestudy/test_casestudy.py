"""Building the published case study from a mapped submission: indicators and their progress,
the organisation, and the submitter's details kept off the page. Each case here is one a trust
really writes, found by trying the tool on returns that differ from the template."""

from __future__ import annotations

from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.model import Document, Paragraph, text_inlines
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

INDICATORS_Q = (
    "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
)
INITIATIVE_Q = "Please describe your WRES initiative, its aims and any outcomes so far."


def study(*lines: str):  # type: ignore[no-untyped-def]
    doc = Document(tuple(Paragraph(text_inlines(t)) for t in lines), "text")
    return build_case_study(doc, source_for(b"", "x.txt", "text"))


def section(cs: object, sid: str) -> str:
    return blocks_md(next(s for s in cs.sections if s.id == sid).blocks)  # type: ignore[attr-defined]


def test_shared_and_separate_progress_each_appear_once_in_indicator_order() -> None:
    cs = study(
        INDICATORS_Q,
        "Indicator 6 progress: fell from 29% to 22%.",
        "Indicators 5 and 6: harassment from the public and from staff.",
        "Both fell by 7 points.",
        "Indicator 5 progress: fell from 31% to 24%.",
    )
    assert [i.number for i in cs.indicators] == [5, 6]
    assert cs.title == "WRES Indicators 5 and 6"
    # "harassment from the public and from staff." only names them, in their own words: no progress
    assert section(cs, "outcome") == (
        "Both fell by 7 points.\n\nfell from 31% to 24%.\n\nfell from 29% to 22%."
    )


def test_a_sentence_starting_with_indicator_is_progress_not_a_claim() -> None:
    cs = study(
        INDICATORS_Q, "Indicator 8: a title", "Indicator 6 did not change, but indicator 8 fell by 3 points."
    )
    assert [i.number for i in cs.indicators] == [8]
    assert section(cs, "outcome") == "Indicator 6 did not change, but indicator 8 fell by 3 points."


def test_two_indicator_lines_joined_by_a_reader_are_split() -> None:
    cs = study(
        INDICATORS_Q,
        "Indicator 5 - harassment from the public Indicator 6 - bullying by staff",
        "Down 4 points.",
    )
    assert [i.number for i in cs.indicators] == [5, 6]
    assert section(cs, "outcome") == "Down 4 points."


def test_a_short_label_or_restated_question_after_the_number_is_not_progress() -> None:
    cs = study(
        INDICATORS_Q,
        "Indicator 9: board voting membership",
        "The board is now 18% BME.",
        "Indicator 2 – are BME staff as likely to be appointed from shortlisting?",
        "The ratio fell to 1.2.",
    )
    assert section(cs, "outcome") == "The ratio fell to 1.2.\n\nThe board is now 18% BME."
    assert section(cs, "objective").startswith("WRES Indicator 2: What is the relative likelihood")


def test_indicators_named_only_in_running_text_are_found() -> None:
    cs = study(INDICATORS_Q, "We improved on indicators 5 and 6 this year.")
    assert [i.number for i in cs.indicators] == [5, 6]
    assert section(cs, "outcome") == "We improved on indicators 5 and 6 this year."


def test_details_joined_into_one_paragraph_keep_the_organisation_clean() -> None:
    cs = study(
        "Name of organisation: Riverside Community NHS Trust Name and job title of person completing this form: "
        "Dr Priya Smith, Head of EDI Email: p.smith@nhs.net Tel: 0113 496 0999",
        INITIATIVE_Q,
        "Dr Smith led the first workshop; Priya Smith wrote the plan. Call 0113 4960999 or p.smith@nhs.net.",
    )
    assert cs.organisation == "Riverside Community NHS Trust"
    assert cs.contact.name == "Priya Smith"
    text = section(cs, "what-they-did")
    for leak in ("Priya", "Smith", "496", "p.smith"):
        assert leak not in text, text
    assert any(w.code == "contact-in-answer" for w in cs.warnings)


def test_sample_text_with_a_titled_name_in_an_answer() -> None:
    data = (
        "Your details\nOrganisation name: Example NHS Trust\nYour name and job title: Mr. Kwame Mensah-Bonsu, Director\n"
        "Contact details: k@nhs.net\n\n"
        + INITIATIVE_Q
        + "\n\nKWAME MENSAH-BONSU and Mr Mensah-Bonsu chaired it.\n"
    ).encode()
    cs = convert_bytes(data, "x.txt")
    text = section(cs, "what-they-did")
    assert "mensah" not in text.lower() and "chaired it." in text


def test_indicators_named_in_words_or_by_their_question_alone() -> None:
    q3 = "What is the relative likelihood of staff entering the formal disciplinary process, as measured by entry into a formal disciplinary investigation?"
    cs = study(
        INDICATORS_Q,
        "Indicator five: down.",
        "Fell 7 points.",
        q3,
        "Down to 1.12.",
        "WRES indicators 8 and nine: both better.",
    )
    assert [i.number for i in cs.indicators] == [3, 5, 8, 9]
    assert section(cs, "outcome") == "Down to 1.12.\n\ndown.\n\nFell 7 points.\n\nboth better."


def test_a_tick_box_table_claims_only_the_ticked_rows() -> None:
    from wres_convert.model import Cell, Table

    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell((Paragraph(text_inlines(t)),) if t else ()) for t in texts)

    table = Table(
        (
            row("Indicator", "Improved?", "Progress"),
            row("Indicator 1: representation", "☐", ""),
            row("Indicator 2: appointment from shortlisting", "☒", "Fell from 1.58 to 1.19."),
            row("Indicator 4: training", "☐", ""),
            row("Indicator 7: career progression", "X", "Rose to 53.6%."),
        )
    )
    doc = Document((Paragraph(text_inlines(INDICATORS_Q)), table), "docx")
    cs = build_case_study(doc, source_for(b"", "x.docx", "docx"))
    assert [i.number for i in cs.indicators] == [2, 7]
    assert section(cs, "outcome") == "Fell from 1.58 to 1.19.\n\nRose to 53.6%."


def test_a_question_sentence_added_by_a_new_template_is_not_published() -> None:
    cs = study(
        "Which WRES indicators has your organisation improved on? Please tick and provide details of the progress made.",
        "Indicator 2",
        "Better.",
        "Please describe your WRES initiative, its aims and any",
        "outcomes so far.",
        "We did it.",
    )
    assert section(cs, "outcome") == "Better."
    assert section(cs, "what-they-did") == "We did it."


def test_organisation_named_only_in_a_sentence_is_found_and_flagged() -> None:
    cs = study(
        "Your details",
        "This case study is submitted on behalf of Fenland Valley Healthcare NHS Trust by Gurpreet Whitcombe.",
        INITIATIVE_Q,
        "At Fenland Valley Healthcare NHS Trust we changed how we recruit.",
    )
    assert cs.organisation == "Fenland Valley Healthcare NHS Trust"
    assert "organisation-guessed" in [w.code for w in cs.warnings]


def test_with_no_details_the_body_named_most_often_in_the_answers_is_used() -> None:
    cs = study(
        INITIATIVE_Q,
        "The Royal Wolverhampton NHS Trust worked with Black Country Integrated Care Board.",
        "The Royal Wolverhampton NHS Trust then extended it.",
    )
    assert cs.organisation == "The Royal Wolverhampton NHS Trust"


def test_no_organisation_anywhere_is_a_warning_not_a_guess() -> None:
    cs = study(INITIATIVE_Q, "Our trust board agreed the plan.")
    assert cs.organisation == ""
    assert "missing-organisation" in [w.code for w in cs.warnings]


def test_an_unsafe_link_keeps_its_text_and_is_reported() -> None:
    from wres_convert.model import Span

    doc = Document(
        (
            Paragraph(text_inlines(INITIATIVE_Q)),
            Paragraph((Span("See "), Span("our toolkit", href="javascript:alert(1)"), Span("."))),
        ),
        "docx",
    )
    cs = build_case_study(doc, source_for(b"", "x.docx", "docx"))
    assert section(cs, "what-they-did") == "See our toolkit."
    assert [w.code for w in cs.warnings if w.code == "link-dropped"] == ["link-dropped"]


def test_scrubbing_contact_details_from_a_table_keeps_its_merged_cells() -> None:
    from wres_convert.casestudy.contact import Contact
    from wres_convert.casestudy.scrub import scrub
    from wres_convert.model import Cell, Table

    merged = Cell((Paragraph(text_inlines("Lead: Ian Siara")),), colspan=2, rowspan=3)
    table = Table(((merged, Cell((Paragraph(text_inlines("ian.siara@nhs.net")),))),))
    out, changed = scrub((table,), Contact(name="Ian Siara", emails=("ian.siara@nhs.net",)))
    assert changed
    cell = out[0].rows[0][0]
    assert (cell.colspan, cell.rowspan) == (2, 3)
    assert "Siara" not in cell.blocks[0].text and "ian.siara" not in out[0].rows[0][1].blocks[0].text
    untouched, changed = scrub((table,), Contact(name="Someone Else"))
    assert not changed and untouched == (table,)


def test_a_note_on_the_templates_own_text_is_named_when_left_out() -> None:
    from dataclasses import replace

    from helpers import SAMPLES
    from wres_convert.model import Note, Span
    from wres_convert.readers import read_document

    doc = read_document((SAMPLES / "chesterfield.txt").read_bytes(), "chesterfield.txt", "text")
    note = Note((Paragraph(text_inlines("Guidance for trusts, 2018.")),))
    at = next(
        i for i, b in enumerate(doc.blocks) if b.text.startswith("Please describe your WRES initiative")
    )
    question = doc.blocks[at]
    blocks = (
        *doc.blocks[:at],
        replace(question, inlines=(*question.inlines, Span("1", note=note))),
        *doc.blocks[at + 1 :],
    )
    cs = build_case_study(replace(doc, blocks=blocks), source_for(b"", "x.txt", "text"))
    assert "note-not-published" in [w.code for w in cs.warnings]
    assert [s.id for s in cs.sections if s.blocks][:2] == [
        "objective",
        "what-they-did",
    ]  # the question still read
