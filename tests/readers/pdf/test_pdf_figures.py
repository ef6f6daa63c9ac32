"""Issue 13: the labels of a chart drawn in a PDF answer stay out of the answer, with a warning.

``tests/fixtures/notes/chart.pdf`` is LibreOffice's print of ``chart.docx``: the Chesterfield
return with a native Word column chart in the initiative's answer (make_note_fixtures.py). Its
title, values, years and legend used to become a sub-heading, a table (from the grid lines) and
stray paragraphs.
"""

from __future__ import annotations

import json
import re

from test_pdf_font_matrix import CATALOG, PAGE, PAGES

from helpers import FIXTURES, FONT, pdf, run_cli, stream
from wres_convert.model import Picture
from wres_convert.readers import pdf as pdf_reader
from wres_convert.readers.pdf.figures import find_figures
from wres_convert.readers.pdf.geometry import Box
from wres_convert.readers.pdf.layout import Char

NOTES = FIXTURES / "notes"
LABELS = ["Staff survey response rate by year", "2015 2016 2017 2018", "Response rate", "62%"]


def _sections(path) -> list[dict]:
    r = run_cli(str(path), "-f", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["sections"]


def _as_caption(section: dict) -> dict:
    """The section with a chart's picture written as its caption alone, as a Word chart with no
    stored picture of it is published."""
    md = re.sub(r"!\[[^\]]*\]\(<[^>]*>\)\n\n", "", section["markdown"])
    html = re.sub(
        r"<figure><img [^>]*><figcaption>(.*?)</figcaption></figure>", r"<p>\1</p>", section["html"]
    )
    return {k: v for k, v in section.items() if k != "images"} | {"markdown": md, "html": html}


def _without_data(section: dict) -> dict:
    """The section without the table of a chart's data that follows its caption."""
    md = re.sub(r"(Staff survey response rate by year\n\n)\|.*?\n\n", r"\1", section["markdown"], flags=re.S)
    html = re.sub(
        r"(by year</p>\n)<div class=\"table-wrap\".*?</table></div>\n", r"\1", section["html"], flags=re.S
    )
    return section | {"markdown": md, "html": html}


def test_a_chart_in_an_answer_leaves_the_answer_as_the_docx_has_it() -> None:
    # The PDF's chart is a picture of it with its title as caption; Word stored no picture of its
    # chart, so the DOCX has its title and its data as a table. Otherwise the answers are the same.
    pdf_sections, docx_sections = _sections(NOTES / "chart.pdf"), _sections(NOTES / "chart.docx")
    (chart,) = [i for s in pdf_sections for i in s.get("images", [])]
    assert chart["kind"] == "chart" and chart["alt"].startswith("Staff survey response rate by year; ")
    did = next(s for s in docx_sections if s["id"] == "what-they-did")
    assert "| 2018 | 71% |" in did["markdown"]
    assert [_as_caption(s) for s in pdf_sections] == [_without_data(s) for s in docx_sections]


def test_the_chart_labels_are_kept_apart_and_named_in_a_warning() -> None:
    doc = pdf_reader.read((NOTES / "chart.pdf").read_bytes())
    figure_text = "\n".join(b.text for b in doc.figures)
    assert all(label in figure_text for label in LABELS)
    body = "\n".join(b.text for b in doc.blocks if not isinstance(b, Picture))
    assert not any(label in body for label in LABELS)  # the picture's alt text and caption hold them
    assert [w.code for w in doc.warnings] == ["pdf-figure-text"]
    assert "page 2" in doc.warnings[0].message
    shown = run_cli("read", str(NOTES / "chart.pdf")).stdout.decode()
    assert "::: figure\n**Staff survey response rate by year**\n" in shown


def _char(text: str, x: float, y: float) -> list[Char]:
    return [Char(ch, 0, x + 6 * k, x + 6 * k + 5, y, 10.0) for k, ch in enumerate(text)]


def test_bars_with_number_labels_are_a_figure_and_a_form_is_not() -> None:
    bars = [Box(100 + 60 * k, 400 - 30 * k, 140 + 60 * k, 500) for k in range(4)]
    labels = [*_char("2015", 100, 515), *_char("2016", 160, 515), *_char("2017", 220, 515)]
    labels += [*_char("40%", 100, 390), *_char("Rate", 300, 300)]
    assert find_figures(labels, bars, [], 612, 792) != []
    # Three empty answer boxes beside their labels: a form, whose labels are words.
    boxes = [Box(200, 100 + 40 * k, 500, 130 + 40 * k) for k in range(3)]
    words = [*_char("Name:", 100, 120), *_char("Job title:", 100, 160), *_char("Trust:", 100, 200)]
    words += _char("Signed:", 100, 240)
    assert find_figures(words, boxes, [], 612, 792) == []


def test_a_page_of_text_with_a_few_drawn_boxes_is_all_text() -> None:
    content = b"".join(
        b"BT /F1 11 Tf 72 %d Td (Line %d of the answer, with 12 numbers and 2018 in it.) Tj ET\n"
        % (700 - 14 * n, n)
        for n in range(10)
    )
    content += b"0.9 g 72 300 100 40 re f 200 300 100 40 re f 330 300 100 40 re f\n"
    doc = pdf_reader.read(pdf([CATALOG, PAGES, PAGE, FONT, stream(content)]))
    assert not doc.figures and not doc.warnings
    assert "Line 9 of the answer" in " ".join(b.text for b in doc.blocks)


# Review findings: tables, forms and prose beside drawn shapes are never taken for a chart.
def _row(y: float, pieces: list[tuple[float, str]]) -> list[Char]:
    return [c for x, text in pieces for c in _char(text, x, y)]


def test_shaded_table_cells_on_rules_are_not_a_chart() -> None:
    from wres_convert.readers.pdf.tables import Rule

    cells = [Box(200, 100 + 20 * k, 260, 120 + 20 * k) for k in range(3)]
    rules = [Rule(True, 100 + 20 * k, 100, 400) for k in range(4)] + [
        Rule(False, x, 100, 160) for x in (100, 200, 260, 400)
    ]
    labels = [*_row(115, [(110, "Ind 5"), (270, "25%")]), *_row(135, [(110, "Ind 6"), (270, "22%")])]
    labels += _row(155, [(110, "Ind 7"), (270, "80%")])
    assert find_figures(labels, [*cells, Box(300, 200, 340, 260)], rules, 612, 792) == []


def test_boxes_all_alike_are_a_form_not_a_chart() -> None:
    boxes = [Box(100 + 40 * k, 100, 130 + 40 * k, 130) for k in range(5)]  # five 30 pt boxes
    labels = _row(145, [(100 + 40 * k, str(k + 1)) for k in range(5)])
    assert find_figures(labels, boxes, [], 612, 792) == []


def test_text_running_across_the_region_or_prose_in_it_is_not_a_chart() -> None:
    bars = [Box(100 + 60 * k, 400 - 30 * k, 140 + 60 * k, 500) for k in range(4)]
    years = _row(515, [(100, "2015"), (160, "2016"), (220, "2017"), (280, "2018")])
    across = _row(392, [(40, "Our 2018 figures rose steadily across every staff group this year")])
    assert find_figures([*years, *across], bars, [], 612, 792) == []
    prose = _row(512, [(100, "We estimate that next year the rate will rise again to 75%")])
    assert find_figures([*years, *prose, *_row(390, [(100, "40%")])], bars, [], 612, 792) == []


def test_a_table_of_figures_beside_bars_is_not_a_chart() -> None:
    bars = [Box(100 + 60 * k, 400 - 30 * k, 140 + 60 * k, 500) for k in range(4)]
    rows = [_row(420 + 14 * r, [(100, "Rev"), (160, "27.5"), (220, "29.6"), (280, "31.9")]) for r in range(4)]
    table = [c for row in rows for c in row]
    assert find_figures(table, bars, [], 612, 792) == []


def test_thousands_of_shapes_are_a_drawing_and_not_searched() -> None:
    shapes = [
        Box(10 + (k % 50) * 11, 10 + (k // 50) * 11, 20 + (k % 50) * 11, 20 + (k // 50) * 11)
        for k in range(2500)
    ]
    labels = _row(700, [(100, "1"), (200, "2"), (300, "3"), (400, "4")])
    assert find_figures(labels, shapes, [], 612, 792) == []
