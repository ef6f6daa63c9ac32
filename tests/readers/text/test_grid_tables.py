"""Grid tables in text: pandoc's ``-t plain`` of a question/answer table return
(fixtures/make_pdf_fixtures.py, table_texts): +---+ borders, each cell wrapped to its column."""

from __future__ import annotations

from helpers import FIXTURES
from wres_convert.model import Table
from wres_convert.readers.text.build import read_lines
from wres_convert.readers.text.grid import grid_rows

PANDOC = FIXTURES / "text-exports" / "table-pandoc.txt"


def test_a_grid_table_is_a_table_with_each_cell_read_as_text() -> None:
    blocks, _ = read_lines(PANDOC.read_text(encoding="utf-8"), [])
    assert [type(b).__name__ for b in blocks] == ["Heading", "Table", "Paragraph"]
    table = blocks[1]
    assert isinstance(table, Table)
    rows = [[[b.text for b in cell.blocks] for cell in row] for row in table.rows]
    assert rows[0] == [["Organisation name:"], ["Harrowgate Vale NHS Foundation Trust"]]
    # Lines the column wrapped are one again, so the number is whole for the privacy rules.
    assert rows[2] == [["Contact details:"], ["jo.okafor@nhs.net Tel: 0113 496 0731"]]
    assert rows[4][0] == [
        "Please describe your WRES initiative, its aims and any outcomes so far.",
        "(Up to 500 words.)",
    ]
    assert len(rows[4][1]) == 12 and all(p.endswith("other wards in its division.") for p in rows[4][1])
    assert [row[0][0][:12] for row in rows] == [
        "Organisation",
        "Your name an",
        "Contact deta",
        "Which WRES i",
        "Please descr",
        "What learnin",
        "If you have ",
    ]


def test_border_lines_without_rows_are_no_table() -> None:
    assert grid_rows(["+-----+-----+", "Just a rule above some text."]) is None
    assert grid_rows(["| a | b |"]) is None
    # A table whose last border is missing ends at its last complete row.
    rows, used = grid_rows(["+---+---+", "| a | b |", "+---+---+", "| c | d |"]) or ([], 0)
    assert (rows, used) == ([["a", "b"]], 3)
    # Text between two borders that is no row ends the table: it is never swallowed.
    lines = ["+---+---+", "| a | b |", "+---+---+", "Some text.", "+---+---+"]
    assert grid_rows(lines) == ([["a", "b"]], 3)


def test_a_cells_indentation_is_kept_for_its_lists() -> None:
    lines = [
        "+----------+----------------------+",
        "| Aims     | -   Outer point      |",
        "|          |     -   Inner point  |",
        "+----------+----------------------+",
    ]
    assert grid_rows(lines) == ([["Aims", "-   Outer point\n    -   Inner point"]], 4)


def test_a_row_the_border_does_not_fit_is_read_as_plain_text_with_nothing_lost() -> None:
    # Wide characters padded by display width, or a row longer than its border: every character
    # must still be read, so the lines stay text.
    for text in (
        "+---+\n| abcdefgh |\n+---+\n",
        "+------------+------------+\n| 名前       | 値         |\n+------------+------------+\n",
    ):
        blocks, _ = read_lines(text, [])
        assert "\n".join(b.text for b in blocks) == text.strip()


def test_a_cell_spanning_columns_keeps_all_its_text() -> None:
    text = "+-------+-------+\n| Name  | Role  |\n+=======+=======+\n| Total across  |\n+-------+-------+\n"
    assert grid_rows(text.splitlines()) == ([["Name", "Role"], ["Total across", ""]], 5)


def test_a_cell_is_read_as_blocks_only_with_no_history_cut_and_a_table_inside_kept() -> None:
    cell = [
        "-----Original Message-----",
        "From: Jane Smith",
        "Sent: 3 May 2024",
        "Please see the attached report.",
    ]
    width = max(map(len, cell)) + 30  # wide: no line was wrapped
    lines = (
        ["+" + "-" * width + "+"] + [f"| {c.ljust(width - 2)} |" for c in cell] + ["+" + "-" * width + "+"]
    )
    blocks, _ = read_lines("\n".join(lines) + "\n", [])
    assert isinstance(blocks[0], Table)
    assert "From: Jane Smith" in blocks[0].text and "-----Original Message-----" in blocks[0].text
    inner = "+-----------------+\n| +-----+-----+   |\n| | a   | b   |   |\n| +-----+-----+   |\n+-----------------+\n"
    (outer,), _ = read_lines(inner, [])
    assert isinstance(outer, Table) and isinstance(outer.rows[0][0].blocks[0], Table)


def test_many_columns_take_linear_time() -> None:
    # A border of 4,000 columns over 4,000 bare bars: refused at the first row, not sliced 16 M times.
    border = "+" + "-+" * 4000
    assert grid_rows([border, *["|"] * 4000, border]) is None
