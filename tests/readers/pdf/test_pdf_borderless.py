"""Borderless question/answer tables and flowing columns that share blank bands.

borderless.pdf is LibreOffice's export of a python-docx table with no borders
(fixtures/make_pdf_fixtures.py, BORDERLESS_ROWS): no rules to find, so the reader sees the table
in the text's layout.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, SHARED
from wres_convert.model import Block, Table
from wres_convert.readers import pdf
from wres_convert.readers.pdf.borderless import table
from wres_convert.readers.pdf.columns import split_columns
from wres_convert.readers.pdf.layout import Char, build_lines
from wres_convert.readers.pdf.tables import Grid, GridCell

PDF = FIXTURES / "pdf" / "borderless.pdf"


def texts(blocks: tuple[Block, ...]) -> list[str]:
    return [b.text for b in blocks]


def test_a_borderless_table_is_read_row_by_row_each_cell_whole() -> None:
    blocks = pdf.read(PDF.read_bytes()).blocks
    assert [type(b).__name__ for b in blocks] == ["Heading", "Table", "Paragraph", "Paragraph"]
    # An unanswered last row is read as the text after the table.
    assert texts(blocks[2:]) == [
        "If you have a local template in which the initiative is set out, please attach a copy.",
        "Thank you",
    ]
    table = blocks[1]
    assert isinstance(table, Table)
    rows = [[texts(cell.blocks) for cell in row] for row in table.rows]
    assert [row[0] for row in rows] == [
        ["Organisation name:"],
        ["Your name and job title:"],
        ["Contact details:"],
        # The first line nearly fills its cell: the gap before the answer is narrower than a gutter.
        ["Which WRES indicators has your organisation improved on? Please provide details."],
        # A second paragraph in the question's cell, beside running answer text, stays in its row.
        ["Please describe your WRES initiative, its aims and any outcomes so far.", "(Up to 500 words.)"],
        ["What learning could other organisations take from your example above?"],
    ]
    assert rows[0][1] == ["Harrowgate Vale NHS Foundation Trust"]
    assert rows[3][1][0].startswith("Indicator 5: Percentage of staff experiencing harassment")
    answer = rows[4][1]
    # Twelve paragraphs over four pages; the next two pages hold nothing but this answer.
    assert [" ".join(a.split()[:3]) for a in answer] == [
        "We gave every",
        "Each report of",
        "Signs in every",
        "Security staff were",
        "The trust wrote",
        "Staff told us",
        "Reports of abuse",
        "The network ran",
        "Each division now",
        "Ward managers were",
        "The police liaison",
        "Patients' representatives helped",
    ]
    assert all(a.endswith("with the other wards in its division.") for a in answer)
    assert rows[5][1] == ["Start with the data."]


def _words(y: float, x: float, text: str) -> list[Char]:
    return [Char(ch, 0, x + 6 * n, x + 6 * n + 5, y, 11.0) for n, ch in enumerate(text)]


LEFT = ["aaaa bbbbb ccc ddd eeeee fff", "ggg hhhh iiii jjj kkk llll", "mmm nnn ooo ppp qq rrrr sss", "ttt."]
RIGHT = ["Uuu vvv www xxx yyy zz", "aaa bbb ccc ddd eee fff", "ggg hhh iii.", "Jjj kkk lll mmm nnn"]


def _two_sides(left: list[str], right: list[str]) -> list[Char]:
    # Two lines, a blank band across both sides, two lines: as table rows or as columns set
    # with the same spacing both look like this.
    ys = [100.0, 114.0, 144.0, 158.0]
    chars: list[Char] = []
    for y, a, b in zip(ys, left, right, strict=True):
        chars += _words(y, 72, a) + _words(y, 300, b)
    return chars


def test_rows_of_running_text_on_both_sides_are_a_table() -> None:
    kept, tables = split_columns(build_lines(_two_sides(LEFT, RIGHT)))
    assert kept == [] and len(tables) == 1
    assert len(tables[0].grid.ys) == 3  # two rows


def test_text_running_on_from_the_left_side_into_the_right_is_columns_despite_a_band() -> None:
    # The left side's last line stops mid-sentence and the right side carries on in lower case.
    left = [*LEFT[:3], "ttt uuu vvv www and the"]
    right = ["uuu vvv www xxx yyy zz", *RIGHT[1:]]
    kept, tables = split_columns(build_lines(_two_sides(left, right)))
    assert tables == []
    assert [line.text for line in kept] == [*left, *right]  # the left column, then the right
    assert all(line.column for line in kept)


def test_a_borderless_table_carries_on_though_its_longest_line_differs_by_page() -> None:
    # It has no right border: only its left edge and the start of its answers must match.
    cells = [GridCell(0, c, 1, 1, x, x + 1, 0, 1) for c, x in enumerate((89.0, 304.0))]
    one = Grid(0, [89.0, 304.0, 512.0], [0.0, 1.0], cells, ruled=False)
    other = Grid(1, [89.5, 304.0, 471.0], [0.0, 1.0], cells, ruled=False)
    assert one.same_columns(other)
    assert not Grid(1, [89.5, 330.0, 512.0], [0.0, 1.0], cells, ruled=False).same_columns(one)
    assert not Grid(1, [89.5, 304.0, 471.0], [0.0, 1.0], cells).same_columns(Grid(0, one.xs, one.ys, cells))


def test_ruled_cells_keep_their_own_spacing_beside_a_borderless_table() -> None:
    # A tax form: a borderless block of filing options above ruled tables. The borderless cells'
    # line pitch must not change how the ruled cells' lines join.
    path = SHARED / "realworld" / "docs" / "fontmatrix-livecycle-01.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared/realworld)")
    blocks = pdf.read(path.read_bytes()).blocks
    cells = [c for b in blocks if isinstance(b, Table) for row in b.rows for c in row]
    assert any(texts(c.blocks) == ["Dependent’s social security number"] for c in cells)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            # baseline distance from the line above: wrapped lines, paragraph gaps, anything
            st.one_of(st.sampled_from([14.7, 14.7, 25.0, 30.0]), st.floats(8.0, 40.0)),
            st.sampled_from([0, 0, 3, 24, 30, 34]),  # left text length (0: none)
            st.sampled_from([0, 0, 5, 28, 32, 36]),  # right text length
            st.sampled_from([72.0, 72.0, 90.0, 110.0]),  # left text x
            st.sampled_from([306.0, 306.0, 324.0, 280.0]),  # right text x
        ),
        min_size=1,
        max_size=30,
    ),
    pages=st.integers(1, 3),
)
def test_every_glyph_is_read_once_whatever_the_two_sided_layout(
    rows: list[tuple[float, int, int, float, float]], pages: int
) -> None:
    # Columns, rows or neither, over page breaks: no glyph is lost or read twice.
    chars: list[Char] = []
    for page in range(pages):
        y = 80.0
        for gap, n_left, n_right, x_left, x_right in rows:
            y += gap
            chars += [
                Char("ab c."[k % 5], page, x_left + 6 * k, x_left + 6 * k + 5, y, 11.0) for k in range(n_left)
            ]
            chars += [
                Char("Xy z,"[k % 5], page, x_right + 6 * k, x_right + 6 * k + 5, y, 11.0)
                for k in range(n_right)
            ]
    kept, tables = split_columns(build_lines(chars))
    seen = [id(c) for line in kept for c in line.chars] + [id(c) for t in tables for c in t.chars]
    visible = [id(c) for c in chars if not c.text.isspace()]
    assert sorted(i for i in seen if i in set(visible)) == sorted(visible)


def test_a_table_carried_over_keeps_glyphs_left_of_its_edge_on_the_page_before() -> None:
    # The next page's margin is narrower: the carried table widens to hold its glyphs.
    before = Grid(0, [71.0, 299.0, 500.0], [0.0, 10.0], [GridCell(0, 0, 1, 1, 71.0, 299.0, 0.0, 10.0)])
    lines = build_lines(
        _words(100.0, 60, "continuation of the question") + _words(114.0, 300, "and its answer")
    )
    found = table(lines, ["left", "right"], 300.0, before)
    assert found is not None and found.grid.xs[0] <= 59.0
    assert {id(c) for c in found.chars} >= {id(c) for line in lines for c in line.chars}
