"""Tagged PDFs (structure tree), two-column pages, Word's private-use bullets and plain questions.

Fixtures are built by fixtures/make_pdf_fixtures.py.
"""

from __future__ import annotations

import pypdfium2
import pytest

from helpers import FIXTURES
from wres_convert.model import Block, Cell, Heading, ListItem, Paragraph, Table
from wres_convert.readers import pdf
from wres_convert.readers.pdf.columns import split_columns
from wres_convert.readers.pdf.layout import Char, build_lines
from wres_convert.readers.pdf.struct import Tag, _tag
from wres_convert.run.convert import convert_bytes

FIXTURES = FIXTURES / "pdf"


def read(name: str) -> tuple[Block, ...]:
    return pdf.read((FIXTURES / name).read_bytes()).blocks


def shape(blocks: tuple[Block, ...]) -> list[object]:
    rows: list[object] = []
    for b in blocks:
        if isinstance(b, Heading):
            rows.append(("h", b.level, b.text))
        elif isinstance(b, ListItem):
            rows.append(("ol" if b.ordered else "ul", b.level, b.text))
        elif isinstance(b, Paragraph):
            rows.append(("bold" if all(s.bold for s in b.inlines if s.text.strip()) else "p", b.text))
        elif isinstance(b, Table):
            rows.append(("table", [[shape(c.blocks) for c in row] for row in b.rows]))
    return rows


FIRST = (
    "Be honest with your board that reporting numbers will go up before they come down, and agree in "
    "advance how you will describe this."
)


def test_tagged_cell_paragraphs_stay_apart_where_the_layout_cannot_tell() -> None:
    # The first answer paragraph's last line is nearly full, so "Involve" would not have fitted after
    # it: only the structure tree's two P elements show that a new paragraph starts.
    assert shape(read("tagged-cells.pdf")) == [
        ("h", 1, "Your return"),
        ("table", [[[("bold", "Top tips:")], [("p", FIRST), ("p", "Involve the police early.")]]]),
        ("ul", 0, "Questions"),
    ]


def test_untagged_export_of_the_same_cells_falls_back_to_the_layout() -> None:
    table = next(b for b in read("untagged-cells.pdf") if isinstance(b, Table))
    assert shape(table.rows[0][1].blocks) == [("p", f"{FIRST} Involve the police early.")]


def test_two_columns_are_read_column_by_column_and_the_carried_paragraph_joined() -> None:
    assert shape(read("columns.pdf")) == [
        ("h", 1, "Staff network newsletter: spring edition"),
        (
            "p",
            "Our newsletter went to every member of staff in the spring. It set out what the network had "
            "asked for and what the board had agreed to do about each request.",
        ),
        (
            "p",
            "The second story is about the reverse mentoring scheme, which paired twelve executives with BME "
            "colleagues from across the trust for a year. Each pair met every month and agreed one change the "
            "executive would make in their own directorate, and the changes were reported to the board in the "
            "autumn so that everyone could see what had been done and what was still to do.",
        ),
        ("p", "A final short story thanks the volunteers who ran the listening events."),
    ]


def test_libreoffice_columns_carry_a_paragraph_over_and_go_on_over_the_page() -> None:
    # A paragraph from the foot of the left column runs on for lines in the right one; on page 2
    # both columns break their paragraphs on the same lines, which alone would look like a
    # borderless table's rows, but the columns of page 1 ran to its foot and carry on here.
    # (make_pdf_fixtures.COLUMN_RETURN holds the whole text.)
    got = shape(read("columns-libreoffice.pdf"))
    ends = [(kind, " ".join(text.split()[:3]), " ".join(text.split()[-3:])) for kind, text in got[1:]]
    assert ends == [
        ("p", "Organisation name: Harrowgate", "NHS Foundation Trust"),
        ("bold", "What did you", "did you do?"),
        ("p", "We asked every", "ward went short."),
        ("p", "The panel met", "to the director."),
        ("p", "In its first", "at more closely."),
        ("p", "We have since", "nearest to us."),
        ("bold", "What was the", "the first year?"),
        ("p", "Formal cases against", "1.9 to 1.2."),
        ("p", "The network says", "trust the process."),
        ("bold", "What would you", "trust starting out?"),
        ("p", "Protect the panel's", "wards are busy."),
        ("p", "Take the names", "the names out."),
    ]
    carried = got[5][1]
    assert "the figures are shared with the staff network before each meeting, with a note" in carried


def _row(y: float, *words: tuple[float, str]) -> list[Char]:
    chars: list[Char] = []
    for x, word in words:
        for n, ch in enumerate(word):
            chars.append(Char(ch, 0, x + 6 * n, x + 6 * n + 5, y, 11.0))
    return chars


def test_a_label_and_value_layout_is_not_two_columns() -> None:
    # Short labels at the left, values far to the right: rows of a borderless form, read row by row.
    chars = [
        c
        for n, (label, value) in enumerate(
            [("Name:", "Sam Adeyemi"), ("Organisation name:", "Fenwick Trust"), ("Phone:", "0113 496 0412")]
        )
        for c in _row(100 + 14 * n, (72, label), (300, value))
    ]
    lines = build_lines(chars)
    kept, tables = split_columns(lines)
    assert [line.text for line in kept] == [line.text for line in lines]
    assert all(line.sort_y is None for line in kept)
    assert tables == []


def test_word_private_use_bullets_are_list_items() -> None:
    # python-docx's List Bullet is Word's own: U+F0B7 in the Symbol font, exported as that code point.
    doc = pypdfium2.PdfDocument(FIXTURES / "libreoffice.pdf")
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    assert text.count("\uf0b7") == 4
    items = [b for b in read("libreoffice.pdf") if isinstance(b, ListItem) and not b.ordered]
    assert [(b.level, b.text[:20]) for b in items] == [
        (0, "take a full part in "),
        (0, "can pause the proces"),
        (1, "questions that are n"),
        (0, "complete a short rep"),
    ]
    assert not any("\uf0b7" in b.text for b in items)


def test_plain_questions_still_give_the_sections() -> None:
    # Questions set in the same plain face as the answers: the mapper finds them by wording.
    cs = convert_bytes((FIXTURES / "plain-questions.pdf").read_bytes(), "plain-questions.pdf")
    got = {s.id: [b.text for b in s.blocks] for s in cs.sections}
    assert got["what-they-did"] == [
        "We opened every development course to staff at all bands and published who applied and who was "
        "given a place each quarter."
    ]
    # "Indicator 4: Relative likelihood of … CPD." restates the indicator in the WRES technical
    # guidance's words (indicators.toml statements): the objective quotes it, the outcome does not.
    assert got["outcome"] == ["The ratio fell from 1.31 in 2021 to 1.02 in 2023."]
    assert got["challenges"] == [
        "Managers worried that release from duties would leave wards short, so we funded backfill for the "
        "first year."
    ]
    assert got["learning"] == [
        "Publish the data on who gets a place.",
        "Fund backfill so managers can say yes.",
    ]
    assert cs.organisation == "Fenwick Community Health NHS Trust"
    every = " ".join(t for texts in got.values() for t in texts)
    for question in ("Please describe your WRES initiative", "What challenges or barriers", "Top tips"):
        assert question not in every
    # ... and the same sections as the text the PDF was set from.
    text = convert_bytes((FIXTURES / "plain-questions.txt").read_bytes(), "plain-questions.txt")
    assert [(s.id, s.blocks) for s in text.sections] == [(s.id, s.blocks) for s in cs.sections]


@pytest.mark.parametrize(
    ("chain", "want"),
    [
        ([("Document", (0,)), ("H2", (0, 3))], Tag((0, 3), "h", 2)),
        ([("Document", (0,)), ("H", (0, 3))], Tag((0, 3), "h", 0)),
        (
            [("Document", (0,)), ("Table", (0, 1)), ("TR", (0, 1, 0)), ("TD", (0, 1, 0, 1))],
            Tag((0, 1, 0, 1), "p"),
        ),
        (
            [("L", (0,)), ("LI", (0, 2)), ("LBody", (0, 2, 1)), ("L", (0, 2, 1, 0)), ("LI", (0, 2, 1, 0, 0))],
            Tag((0, 2, 1, 0, 0), "li", 1),
        ),
        ([("L", (0,)), ("LI", (0, 2)), ("Lbl", (0, 2, 0))], Tag((0, 2), "li", 0, label=True)),
        ([("L", (0,)), ("LI", (0, 2)), ("LBody", (0, 2, 1)), ("P", (0, 2, 1, 0))], Tag((0, 2), "li", 0)),
        ([("Document", (0,)), ("Figure", (0, 4))], None),
    ],
)
def test_structure_element_to_block_tag(chain: list[tuple[str, tuple[int, ...]]], want: Tag | None) -> None:
    assert _tag(chain) == want


def test_cells_of_tagged_tables_are_cells() -> None:
    table = next(b for b in read("tagged-cells.pdf") if isinstance(b, Table))
    assert all(isinstance(c, Cell) for row in table.rows for c in row)
