"""Issue 13: footnotes printed at the foot of a PDF page become notes of the paragraph that calls
them: out of the answer's text, the mark never glued to its word, and shown on the page as notes.

``tests/fixtures/notes/footnotes.pdf`` is LibreOffice's print of ``footnotes.docx``: the
Chesterfield return with three Word footnotes (tests/fixtures/make_note_fixtures.py).
"""

from __future__ import annotations

import json
import re

from test_pdf_font_matrix import CATALOG, PAGE, PAGES

from helpers import FIXTURES, FONT, pdf, run_cli, stream
from wres_convert.casestudy.privacy import redact, spans_of
from wres_convert.model import Note, Paragraph, Span
from wres_convert.readers import pdf as pdf_reader
from wres_convert.writers.html import blocks_html
from wres_convert.writers.markdown import blocks_md

NOTES = FIXTURES / "notes"
TEXTS = [
    "NHS Staff Survey 2017, Chesterfield Royal NHS Foundation Trust benchmark report, page 12.",
    "Listening into Action is a staff engagement approach developed by Optimise Ltd.",
    "WRES data return, August 2018; figures rounded to one decimal place.",
]


def _json(path) -> dict:
    r = run_cli(str(path), "-f", "json", "-o", "-", "-q")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_footnotes_are_notes_of_the_paragraphs_that_call_them() -> None:
    doc = pdf_reader.read((NOTES / "footnotes.pdf").read_bytes())
    calls = [(b.text, s) for b in doc.blocks if isinstance(b, Paragraph) for s in b.inlines if s.note]
    assert [s.note.text for _, s in calls] == TEXTS
    assert [s.text for _, s in calls] == ["1", "2", "3"]
    assert calls[0][0].endswith("positively influenced by:")  # a mark is no part of the text
    assert not any(t in b.text for b in doc.blocks for t in TEXTS)  # out of the answers
    assert [w.code for w in doc.warnings] == ["pdf-footnotes"]


def _without_notes(section: dict) -> tuple[str, str]:
    md = re.sub(r"\[\^[\w-]+\]", "", section["markdown"].split("\n\n[^")[0])
    html = re.sub(r"<sup>.*?</sup>", "", section["html"])
    html = re.sub(r'\n?<div class="notes".*?</div>', "", html, flags=re.S)
    return md, html


def test_sections_are_the_docx_sections_with_the_notes_aside() -> None:
    from_pdf, from_docx = _json(NOTES / "footnotes.pdf"), _json(NOTES / "footnotes.docx")
    for a, b in zip(from_pdf["sections"], from_docx["sections"], strict=True):
        assert _without_notes(a) == _without_notes(b), a["id"]
        # The DOCX reader reads Word's own footnotes (issue 14): the same notes, the same marks.
        assert (a["markdown"], a["html"], a.get("notes")) == (b["markdown"], b["html"], b.get("notes"))
    notes = {s["id"]: [n["markdown"] for n in s.get("notes", [])] for s in from_pdf["sections"]}
    assert notes["what-they-did"] == TEXTS[:2] and notes["challenges"] == TEXTS[2:]


def test_marks_are_links_and_footnote_references_never_glued_text() -> None:
    data = _json(NOTES / "footnotes.pdf")
    did = next(s for s in data["sections"] if s["id"] == "what-they-did")
    assert "influenced by:[^what-they-did-1]" in did["markdown"]
    assert "organisation.[^what-they-did-2] Our initial" in did["markdown"]  # no "&#46;" before it
    assert f"\n\n[^what-they-did-1]: {TEXTS[0]}" in did["markdown"]
    assert re.search(
        r'<sup><a href="#note-what-they-did-1" id="note-ref-what-they-did-1" aria-label="Note 1"[^>]*>1</a></sup>',
        did["html"],
    )
    assert '<li id="note-what-they-did-1"><p>NHS Staff Survey 2017' in did["html"]
    assert "organisation.2" not in did["html"] and "by:1" not in did["html"]


def test_the_page_shows_the_notes_under_their_section(tmp_path) -> None:
    out = tmp_path / "page.html"
    r = run_cli(str(NOTES / "footnotes.pdf"), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    page = out.read_text()
    for text in TEXTS:
        assert page.count(text) == 1
    assert page.index(TEXTS[1]) < page.index("Challenges") < page.index(TEXTS[2])


def _page(content: bytes) -> bytes:
    return pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])


BODY = (
    b"BT /F1 11 Tf 72 700 Td (Our survey return rose across the trust.) Tj /F1 7 Tf 4 Ts (1) Tj "
    b"/F1 11 Tf 0 Ts ( The gap closed) Tj ET\n"
    b"BT /F1 11 Tf 72 686 Td (between white and BME staff this year, and the board took note) Tj ET\n"
    b"BT /F1 11 Tf 72 672 Td (of it in the spring; more text follows here for the body.) Tj ET\n"
)


def test_a_note_over_two_lines_is_one_note() -> None:
    foot = (
        b"BT /F1 8 Tf 72 108 Td (1 WRES data return, August 2018; figures rounded to one) Tj ET\n"
        b"BT /F1 8 Tf 72 99 Td (decimal place.) Tj ET\n"
    )
    doc = pdf_reader.read(_page(BODY + foot))
    notes = [s.note for b in doc.blocks for s in b.inlines if s.note]
    assert [n.text for n in notes] == ["WRES data return, August 2018; figures rounded to one decimal place."]
    assert "decimal place" not in " ".join(b.text for b in doc.blocks)


def test_small_print_whose_mark_calls_nothing_stays_text() -> None:
    # "2 …" at the foot, but no raised "2" above: small print, not a note.
    foot = b"BT /F1 8 Tf 72 108 Td (2 Main Street, Chesterfield, is where the board meets.) Tj ET\n"
    doc = pdf_reader.read(_page(BODY + foot))
    assert not any(s.note for b in doc.blocks for s in b.inlines)
    assert "2 Main Street, Chesterfield" in " ".join(b.text for b in doc.blocks)
    assert not doc.warnings


def test_contact_details_in_a_note_are_scrubbed() -> None:
    note = Note((Paragraph((Span("Ask jane.doe@nhs.net for the data."),)),))
    blocks = (Paragraph((Span("The figures rose."), Span("1", note=note))),)
    text = " ".join(s.text for s in spans_of(redact(blocks)))
    assert "jane.doe@nhs.net" not in text and "for the data" in text


def test_writers_number_notes_in_order_of_their_marks() -> None:
    first = Note((Paragraph((Span("First *note*."),)),))
    second = Note((Paragraph((Span("Second."),)),))
    blocks = (Paragraph((Span("One"), Span("9", note=second), Span(" and two"), Span("3", note=first))),)
    md = blocks_md(blocks, "s")
    assert md.startswith("One[^s-1] and two[^s-2]")
    assert md.endswith("[^s-1]: Second.\n\n[^s-2]: First \\*note\\*.")  # escaped like any text
    html = blocks_html(blocks, "s")
    assert html.index('id="note-s-1"><p>Second.') < html.index('id="note-s-2"><p>First *note*.')


# Review findings: what must not be taken for a note, and what must not go wrong when it is.
FILLER = [
    [("Our answer text runs here at the normal body size of eleven points.", False)],
    [("More answer text follows on a second body line of the paragraph.", False)],
]


def _drawn(body: list[list[tuple[str, bool]]], foot: list[str], foot_y: int = 80) -> bytes:
    """Body lines at 11 pt (raised runs at 7 pt, 4 pt up), then 9 pt lines from ``foot_y`` down."""
    content = b""
    for n, parts in enumerate(FILLER + body):
        content += b"BT 72 %d Td " % (780 - 15 * n)
        for text, raised in parts:
            content += b"/F1 %d Tf %d Ts (%s) Tj " % (7 if raised else 11, 4 if raised else 0, text.encode())
        content += b"ET\n"
    for n, text in enumerate(foot):
        content += b"BT /F1 9 Tf 72 %d Td (%s) Tj ET\n" % (foot_y - 12 * n, text.encode())
    return _page(content)


def _notes_and_text(data: bytes) -> tuple[list[str], str]:
    doc = pdf_reader.read(data)
    notes = [s.note.text for b in doc.blocks for s in b.inlines if s.note]
    return notes, " ".join(b.text for b in doc.blocks)


def test_a_note_line_that_starts_with_a_number_runs_on() -> None:
    # "1 in 5" starts the note's second line: one note, not a second note "1" (which crashed).
    data = _drawn(
        [[("We found that staff felt heard", False), ("1", True), (" by the board.", False)]],
        [
            "1 Staff survey 2018: of the 300 invited we found that",
            "1 in 5 BME staff reported discrimination.",
        ],
    )
    notes, _ = _notes_and_text(data)
    assert notes == [
        "Staff survey 2018: of the 300 invited we found that 1 in 5 BME staff reported discrimination."
    ]


def test_a_small_list_above_the_notes_keeps_its_numbers() -> None:
    data = _drawn(
        [[("Staff felt heard", False), ("1", True), (" and valued", False), ("2", True), (".", False)]],
        [
            "1. Improve the survey return rate",
            "2. Train managers in fair recruitment",
            "1 Staff survey 2018.",
            "2 Pulse survey.",
        ],
        foot_y=200,
    )
    notes, text = _notes_and_text(data)
    assert notes == ["Staff survey 2018.", "Pulse survey."]
    assert "Improve the survey return rate" in text and "Train managers" in text


def test_units_and_powers_are_not_note_marks() -> None:
    for raised, foot in (
        ("m", "2 further wards will follow in 2020."),
        ("About 10", "3 of our 5 networks met monthly."),
    ):
        mark = foot[0]
        data = _drawn([[(raised, False), (mark, True), (" of space.", False)]], [foot])
        notes, text = _notes_and_text(data)
        assert notes == [] and foot in text  # no note 1 before it: small print, not a note


def test_a_note_goes_to_the_mark_after_a_word_not_to_a_power() -> None:
    data = _drawn(
        [
            [
                ("Staff felt heard", False),
                ("1", True),
                (" and the room is 40 m", False),
                ("2", True),
                (".", False),
            ],
            [("The board listened to the network", False), ("2", True), (" every month.", False)],
        ],
        ["1 Staff survey 2018.", "2 Board minutes, 2019."],
    )
    doc = pdf_reader.read(data)
    called = {s.note.text: b.text for b in doc.blocks for s in b.inlines if s.note}
    assert called["Staff survey 2018."].endswith("Staff felt heard and the room is 40 m2.")  # m2 as printed
    assert called["Board minutes, 2019."] == "The board listened to the network every month."


def test_plain_text_and_slices_leave_marks_out_and_keep_them() -> None:
    from wres_convert.model import all_bold, plain_text, slice_inlines

    note = Note((Paragraph((Span("Source."),)),))
    inlines = (Span("Chesterfield Trust", bold=True), Span("1", note=note), Span(" runs it.", bold=True))
    assert plain_text(inlines) == "Chesterfield Trust runs it."
    assert all_bold(inlines)  # the plain mark does not make a bold heading plain
    head, tail = slice_inlines(inlines, 0, 18), slice_inlines(inlines, 18)
    assert [s.note for s in head][-1] is note and not any(s.note for s in tail)


def test_the_submitters_details_glued_to_a_mark_are_still_found() -> None:
    from wres_convert.casestudy.contact import Contact
    from wres_convert.casestudy.scrub import scrub

    note = Note((Paragraph((Span("Directory."),)),))
    contact = Contact(name="Ian Siara", phones=("01246 512618",))
    for text in ("led by Ian Siara", "ring 01246 512618"):
        blocks = (Paragraph((Span(text), Span("2", note=note), Span(" each week."))),)
        (out,), changed = scrub(blocks, contact)
        assert changed and "Siara" not in out.text and "512618" not in out.text
        assert any(s.note is note for s in out.inlines)  # the mark and its note stay
