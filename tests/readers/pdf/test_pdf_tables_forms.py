"""PDF tables, form fields and tagged exports (fixtures built by fixtures/make_pdf_fixtures.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES
from wres_convert.errors import ConversionError
from wres_convert.model import Block, Cell, Control, Heading, ListItem, Paragraph, Table
from wres_convert.readers import pdf
from wres_convert.readers.pdf.tables import Extent, Rule, find_grids

FIXTURES = FIXTURES / "pdf"


def read(name: str) -> tuple[Block, ...]:
    return pdf.read((FIXTURES / name).read_bytes()).blocks


def shape(blocks: tuple[Block, ...]) -> list[object]:
    """Blocks as nested rows: kind, detail and text, so structure differences show."""
    rows: list[object] = []
    for b in blocks:
        if isinstance(b, Heading):
            rows.append(("h", b.level, b.text))
        elif isinstance(b, ListItem):
            rows.append(("ol" if b.ordered else "ul", b.level, b.text))
        elif isinstance(b, Paragraph):
            rows.append(("bold" if all(s.bold for s in b.inlines if s.text.strip()) else "p", b.text))
        elif isinstance(b, Table):
            rows.append(("table", [[(c.colspan, c.rowspan, shape(c.blocks)) for c in row] for row in b.rows]))
        elif isinstance(b, Control):
            rows.append(("control", b.tag, b.title, b.placeholder, shape(b.blocks)))
    return rows


def test_drawn_question_answer_table_across_a_page_break() -> None:
    answer = (
        "We trained sixty-four volunteers from across the trust to sit on interview panels for every post at "
        "band 7 and above, and each of them took part in at least three panels in the first year."
    )
    assert shape(read("table.pdf")) == [
        ("h", 1, "Case study return"),
        (
            "table",
            [
                [(2, 1, [("bold", "Your details")])],
                [
                    (1, 1, [("bold", "Organisation name:")]),
                    (1, 1, [("p", "Northmoor and Dales NHS Foundation Trust")]),
                ],
                [
                    (1, 1, [("bold", "What are your organisation's WRES objectives?")]),
                    (
                        1,
                        1,
                        [
                            ("p", "We have three objectives for this year:"),
                            ("ul", 0, "to take bias out of shortlisting for every post at band 7 and above;"),
                            ("ul", 0, "to publish our data."),
                        ],
                    ),
                ],
                # The page break split this row (the question cell is empty on page 2): still one row,
                # its answer one paragraph.
                [
                    (
                        1,
                        1,
                        [("bold", "Please describe your WRES initiative, its aims and any outcomes so far.")],
                    ),
                    (1, 1, [("p", answer)]),
                ],
                [(1, 1, [("bold", "Top tips:")]), (1, 1, [("p", "n/a")])],
            ],
        ),
        ("p", "Please complete and return to england.wres@nhs.net ."),
    ]


def test_libreoffice_exported_table_keeps_cells_apart() -> None:
    assert shape(read("table-libreoffice.pdf")) == [
        ("p", "Before the table."),
        (
            "table",
            [
                [
                    (1, 1, [("bold", "Organisation name:")]),
                    (1, 1, [("p", "Severn Vale Ambulance Service NHS Trust")]),
                ],
                [
                    (1, 1, [("bold", "What did you do?")]),
                    (
                        1,
                        1,
                        [
                            (
                                "p",
                                "We set up a reporting app so that crews can report abuse from their tablets.",
                            ),
                            ("ul", 0, "Body-worn cameras for all crews;"),
                            ("ul", 0, "a named manager for every report."),
                        ],
                    ),
                ],
                [(1, 1, [("bold", "What did you learn?")]), (1, 1, [("p", "Start with the data.")])],
            ],
        ),
        ("p", "After the table."),
    ]


def test_form_fields_become_controls_after_their_printed_questions() -> None:
    assert shape(read("form.pdf")) == [
        ("bold", "Organisation name:"),
        (
            "control",
            "details.organisation",
            "Organisation name",
            False,
            [("p", "Northmoor and Dales NHS Foundation Trust")],
        ),
        ("bold", "What did you do?"),
        (
            "control",
            "initiative",
            "Describe your initiative",
            False,
            [
                ("p", "We trained 64 ambassadors."),
                ("h", 3, "Preparation"),
                ("ul", 0, "Data checking"),
                ("ul", 0, "Local communications"),
                ("p", "We rewarded teams."),
            ],
        ),
        ("bold", "What did you learn?"),
        ("control", "learning", "Top tips", True, []),
        ("p", "Thank you"),
    ]


def test_tagged_export_drops_artifacts_and_keeps_headings_and_lists() -> None:
    blocks = read("tagged.pdf")
    assert shape(blocks) == [
        ("h", 1, "Sharing good practice"),
        ("h", 2, "What did you do?"),
        ("p", "We trained volunteers to sit on interview panels."),
        ("ul", 0, "take a full part in scoring;"),
        ("ul", 1, "questions not linked to the person specification;"),
        ("ul", 0, "complete a short report."),
        ("h", 2, "What did you learn?"),
        ("ol", 0, "Start with the data."),
        ("ol", 0, "Protect the time needed."),
    ]


def test_grid_spans_from_missing_rules() -> None:
    # Two columns; the top row has no rule between its cells (a colspan), the left column's middle
    # rule is missing (a rowspan).
    h = [Rule(True, y, 0, 200) for y in (0, 20, 60)] + [Rule(True, 40, 100, 200)]
    v = [Rule(False, 0, 0, 60), Rule(False, 200, 0, 60), Rule(False, 100, 20, 60)]
    (grid,) = find_grids(0, h + v)
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in grid.cells] == [
        (0, 0, 1, 2),
        (1, 0, 2, 1),
        (1, 1, 1, 1),
        (2, 1, 1, 1),
    ]


def test_a_box_round_text_is_not_a_table() -> None:
    box = [Rule(True, 0, 0, 100), Rule(True, 50, 0, 100), Rule(False, 0, 0, 50), Rule(False, 100, 0, 50)]
    assert find_grids(0, box) == []


def test_a_row_cut_by_a_page_break_is_closed_where_its_side_borders_end() -> None:
    # Chromium draws no rule where a row breaks: the verticals run on to the foot of the page's
    # text (one of them off the page).
    h = [Rule(True, y, 0, 200) for y in (0, 20)]
    v = [Rule(False, 0, 0, 300), Rule(False, 100, 0, 300), Rule(False, 200, 0, 900)]
    (grid,) = find_grids(0, h + v, Extent(-5.0, 295.0))
    assert grid.ys == [0, 20, 300]
    # The same borders with text going on below them: a form's boxes, not a row cut short; and
    # a cut row has all its borders, not its outer two alone.
    (grid,) = find_grids(0, h + v, Extent(-5.0, 500.0))
    assert grid.ys == [0, 20]
    outer = [Rule(False, 0, 0, 300), Rule(False, 100, 0, 20), Rule(False, 200, 0, 300)]
    (grid,) = find_grids(0, h + outer, Extent(-5.0, 295.0))
    assert grid.ys == [0, 20]


def test_a_page_inside_one_row_is_that_row_going_on() -> None:
    # Only the side borders, from above the page's text to below it; a cell border drawn twice.
    v = [Rule(False, x, 72, 720) for x in (96, 308.6, 309.3)] + [Rule(False, 521, 72, 1368)]
    (grid,) = find_grids(0, v, Extent(80.0, 710.0))
    assert (len(grid.xs), grid.ys) == (3, [72, 720])
    assert find_grids(0, v, Extent(30.0, 710.0)) == []  # text above them: a form's columns


def test_long_rules_round_a_ruled_table_are_a_form_outline_not_a_row() -> None:
    table = [Rule(True, y, 100, 300) for y in (200, 300)] + [
        Rule(False, x, 200, 300) for x in (100, 200, 300)
    ]
    outline = [Rule(False, x, 72, 720) for x in (50, 400, 500)]
    (grid,) = find_grids(0, table + outline, Extent(80.0, 710.0))
    assert (grid.xs, grid.ys) == ([100, 200, 300], [200, 300])


def test_a_comb_of_boxes_and_lone_rules_are_no_table() -> None:
    # A form's comb: one baseline with short ticks rising from it; two long rules side by side.
    comb = [Rule(True, 50, 0, 100)] + [Rule(False, x, 38, 50) for x in range(0, 101, 10)]
    assert find_grids(0, comb, Extent(40.0, 60.0)) == []
    assert find_grids(0, [Rule(False, x, 72, 720) for x in (96, 300)], Extent(80.0, 710.0)) == []


def test_chromium_prints_a_table_whose_rows_run_over_pages_as_one_table() -> None:
    # fixtures/make_producer_fixtures.py: the long answer's row runs over three page breaks, one
    # page lies wholly inside it, and Chromium closes none of them with a rule.
    blocks = pdf.read((FIXTURES.parent / "producers" / "chromium-table.pdf").read_bytes()).blocks
    assert [type(b).__name__ for b in blocks] == ["Heading", "Table", "Paragraph"]
    rows = [[[b.text for b in c.blocks] for c in row] for row in blocks[1].rows]  # type: ignore[attr-defined]
    assert [row[0][0][:20] for row in rows] == [
        "Organisation name:",
        "Your name and job ti",
        "Contact details:",
        "Which WRES indicator",
        "Please describe your",
        "What learning could ",
        "If you have a local ",
    ]
    answer = rows[4][1]
    assert len(answer) == 12 and answer[-1].startswith("Patients' representatives helped us")
    assert all(a.endswith("with the other wards in its division.") for a in answer)


def test_cells_are_table_cells() -> None:
    table = next(b for b in read("table-libreoffice.pdf") if isinstance(b, Table))
    assert all(isinstance(c, Cell) for row in table.rows for c in row)


@pytest.mark.parametrize("name", ["table.pdf", "form.pdf", "tagged.pdf", "table-libreoffice.pdf"])
def test_never_text_twice(name: str) -> None:
    def texts(blocks: tuple[Block, ...]) -> list[str]:
        out: list[str] = []
        for b in blocks:
            if isinstance(b, Table):
                for row in b.rows:
                    for c in row:
                        out += texts(c.blocks)
            elif isinstance(b, Control):
                out += texts(b.blocks)
            else:
                out.append(b.text)
        return out

    got = texts(read(name))
    assert len(got) == len(set(got))


# Every fixture added for tables, forms, tags and columns, damaged at random.
SEEDS = [
    (FIXTURES / n).read_bytes()
    for n in (
        "table.pdf",
        "form.pdf",
        "tagged.pdf",
        "tagged-cells.pdf",
        "columns.pdf",
        "columns-libreoffice.pdf",
        "borderless.pdf",
    )
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(SEEDS) - 1),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_tables_forms_tags_and_columns_only_raise_conversion_errors(
    which: int, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(SEEDS[which])
    for pos, value in flips:
        data[int(pos * (len(data) - 1))] = value
    try:
        doc = pdf.read(bytes(data[: max(1, int(cut * len(data))) if cut < 0.9 else len(data)]))
    except ConversionError:
        return
    assert doc.format == "pdf"
