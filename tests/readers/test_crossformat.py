"""One submission, seven forms: the real Chesterfield return as DOCX, text, tagged PDF, untagged
PDF, fillable PDF, a flat PDF with the answers typed onto it (FreeText annotations, as Acrobat's
"Fill & Sign" saves them) and LibreOffice's unwrapped plain text (a paragraph a line) gives the
same sections in JSON, and they are the published ones.
(PDF fixtures: fixtures/make_crossformat_fixtures.py.)

And one return, many PDF printers (issue 13): the same DOCX made into PDF by LibreOffice,
re-saved by pdftocairo and Ghostscript, printed by Chromium, stored as PDFMaker stores landscape
pages, set at ``1 Tf`` with the size in ``Tm``, and with an emoji and a character beyond U+FFFF,
each gives the DOCX's own sections. (Fixtures: fixtures/make_producer_fixtures.py.)"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from helpers import FIXTURES, SAMPLES, expected_sections, run_cli
from wres_convert.model import Control
from wres_convert.readers import pdf
from wres_convert.run.convert import convert_bytes

CROSS = FIXTURES / "crossformat"
PRODUCED = FIXTURES / "producers"
FORMS = {
    "docx": SAMPLES / "chesterfield.docx",
    "text": SAMPLES / "chesterfield.txt",
    "tagged pdf": CROSS / "chesterfield-tagged.pdf",
    "untagged pdf": CROSS / "chesterfield-untagged.pdf",
    "fillable pdf": CROSS / "chesterfield-fillable.pdf",
    "annotated pdf": CROSS / "chesterfield-annotated.pdf",
    "libreoffice text": CROSS / "chesterfield-libreoffice.txt",
}


def sections(path: Path) -> dict[str, str]:
    r = run_cli(str(path), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return {s["id"]: s["markdown"] for s in json.loads(r.stdout)["sections"]}


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, str]]:
    return {form: sections(path) for form, path in FORMS.items()}


@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_gives_the_published_sections(results: dict[str, dict[str, str]], form: str) -> None:
    want = expected_sections()
    got = results[form]
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{form}: section {sid} differs"


def test_all_seven_forms_give_identical_json_sections(results: dict[str, dict[str, str]]) -> None:
    first, *rest = results.values()
    assert all(r == first for r in rest)


PRODUCERS = [
    "libreoffice",
    "pdftocairo",
    "ghostscript",
    "chromium",
    "pdfmaker-rotated",
    "unit-font-size",
    "emoji",
]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_each_pdf_producer_gives_the_docx_sections(results: dict[str, dict[str, str]], producer: str) -> None:
    # The emoji return is its own DOCX (the sample with two characters added): compare with that.
    want = sections(PRODUCED / "emoji.docx") if producer == "emoji" else results["docx"]
    got = sections(PRODUCED / f"{producer}.pdf")
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{producer}: section {sid} differs"


def test_the_producer_fixtures_are_what_they_say() -> None:
    """Each PDF carries its producer's mark, so a fixture rebuilt with the wrong tool shows."""

    def open_pdf(name: str) -> pdfium.PdfDocument:
        return pdfium.PdfDocument(PRODUCED / f"{name}.pdf")

    producers = {
        "libreoffice": "LibreOffice",
        "pdftocairo": "cairo",
        "ghostscript": "Ghostscript",
        "chromium": "Skia/PDF",
        "unit-font-size": "LibreOffice",
        "emoji": "LibreOffice",
    }
    for name, mark in producers.items():
        assert mark in open_pdf(name).get_metadata_dict()["Producer"], name

    rotated = open_pdf("pdfmaker-rotated")
    assert all(page.get_rotation() == 90 for page in rotated)
    assert all(page.get_mediabox() == (0, 0, 612, 792) for page in rotated)  # stored portrait

    sizes = set()
    for page in open_pdf("unit-font-size"):
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_TEXT]):
            size = ctypes.c_float()
            pdfium.raw.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
            sizes.add(size.value)
    assert sizes == {1.0}

    # Both characters come from the PDF's ToUnicode, and the DOCX reader keeps them.
    text = "".join(page.get_textpage().get_text_range() for page in open_pdf("emoji"))
    assert "\U0001f600" in text and "\U0001d70b" in text
    assert "refreshed \U0001f600 to include unconscious bias \U0001d70b." in "\n".join(
        sections(PRODUCED / "emoji.docx").values()
    )


def test_fillable_answers_are_controls_named_by_their_fields() -> None:
    blocks = pdf.read((CROSS / "chesterfield-fillable.pdf").read_bytes()).blocks
    controls = [b for b in blocks if isinstance(b, Control)]
    assert [c.tag for c in controls] == [
        "organisation",
        "name_and_title",
        "contact",
        "objectives",
        "indicators",
        "initiative",
        "challenges",
        "learning",
        "attachments",
    ]
    # Every answer is read once: from its field, never again from the page's own text.
    text = "\n".join(b.text for b in blocks)
    assert text.count("Chesterfield Royal NHS Foundation Trust") == 1
    assert text.count("We rewarded teams who gave us 100% return rates") == 1


def test_typed_answers_are_unnamed_controls_where_the_fields_were() -> None:
    """The annotated PDF has no form: its answers are FreeText annotations, read as controls
    without a name, in the fillable form's order, each once (never again from the appearance)."""
    data = (CROSS / "chesterfield-annotated.pdf").read_bytes()
    assert b"/AcroForm" not in data and data.count(b"/Subtype /FreeText") == 9
    blocks = pdf.read(data).blocks
    controls = [b for b in blocks if isinstance(b, Control)]
    assert [c.tag for c in controls] == [""] * 9
    fillable = pdf.read((CROSS / "chesterfield-fillable.pdf").read_bytes()).blocks
    assert [c.text for c in controls] == [b.text for b in fillable if isinstance(b, Control)]
    text = "\n".join(b.text for b in blocks)
    assert text.count("Chesterfield Royal NHS Foundation Trust") == 1
    assert text.count("We rewarded teams who gave us 100% return rates") == 1


# One question/answer table return (fixtures/make_pdf_fixtures.py, BORDERLESS_ROWS) in the forms
# whose reading this day's readers learned: borders off in a PDF, printed by Chromium with rows
# cut by page breaks, LibreOffice's unwrapped text and pandoc's grid-table text.
TABLE_RETURN = [
    FIXTURES / "pdf" / "borderless.pdf",
    PRODUCED / "chromium-table.pdf",
    FIXTURES / "text-exports" / "table-libreoffice.txt",
    FIXTURES / "text-exports" / "table-pandoc.txt",
]


@pytest.mark.parametrize("path", TABLE_RETURN, ids=lambda p: p.name)
def test_a_table_return_gives_its_sections_and_keeps_its_contact_private(path: Path) -> None:
    cs = convert_bytes(path.read_bytes(), path.name)
    assert cs.organisation == "Harrowgate Vale NHS Foundation Trust"
    assert [i.number for i in cs.indicators] == [5]
    got = {s.id: [b.text for b in s.blocks] for s in cs.sections}
    assert len(got["what-they-did"]) == 12 and got["what-they-did"][0].startswith("We gave every ward")
    assert got["learning"] == ["Start with the data."]
    published = " ".join(t for s in got.values() for t in s)
    assert "Okafor" not in published and "0731" not in published
