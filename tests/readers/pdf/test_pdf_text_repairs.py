"""Issue 13: text as printed from fonts and producers PDFium reads wrongly or that set text unusually.

- super- and subscripts join the word they belong to ("HCO3–", "m²"), however far they are raised;
- CJK text spread out by the layout is not letter-spaced;
- Ghostscript's byte-swapped ligature entries ("sta昀昀") and HKSCS code points that PDFium maps
  to the Private Use Area are put right, and only where the font says so;
- a font's name decides its weight when it has one (Ghostscript's StemV makes DejaVuSerif "752");
- page furniture (artifacts, running headers, page numbers) is kept apart: ``read`` shows it, the
  blocks do not carry it.

Hand-made PDFs throughout; the real documents of ``../shared/realworld`` are checked when present.
"""

from __future__ import annotations

import pytest
from test_pdf_font_matrix import CATALOG, PAGE, PAGES, _text, _type0_pdf

from helpers import FONT, SHARED, pdf, run_cli, stream
from wres_convert.readers import pdf as pdf_reader
from wres_convert.readers.pdf.charset import repair, swapped_ligatures

REALWORLD = SHARED / "realworld" / "docs"


def test_a_subscript_and_superscript_join_their_word() -> None:
    # "HCO" at 10 pt, "3" lowered and "–" raised at 6 pt, then ")" back on the baseline.
    content = (
        b"BT /F1 10 Tf 72 700 Td (Plasma HCO) Tj /F1 6 Tf -3 Ts (3) Tj 3.5 Ts (-) Tj "
        b"/F1 10 Tf 0 Ts ( rises, and m) Tj /F1 6 Tf 4 Ts (2) Tj /F1 10 Tf 0 Ts ( too.) Tj ET\n"
    )
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert _text(data) == ["Plasma HCO3- rises, and m2 too."]


def test_a_raised_glyph_that_does_not_touch_a_word_is_its_own_line() -> None:
    # Small text a whole line above, not touching anything: a line of its own, not a superscript.
    content = b"BT /F1 10 Tf 72 700 Td (Body text here) Tj ET\nBT /F1 6 Tf 300 706 Td (note) Tj ET\n"
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert "Body text here" in " ".join(_text(data)) and "herenote" not in "".join(_text(data))


def test_spread_out_cjk_is_one_word() -> None:
    # Four ideographs 3 pt apart at 9 pt (a third of an em): a spread label, not four words.
    pairs = [("0001", "4E2D"), ("0002", "6587"), ("0003", "59D3"), ("0004", "540D")]
    data = _type0_pdf(pairs, "0001000200030004", before=b"3 Tc ")
    assert _text(data) == ["中文姓名"]


def test_byte_swapped_ligatures_are_read_as_letters() -> None:
    # Ghostscript 10.0 writes "ff" as <66006600>: PDFium and pdftotext read two U+6600.
    pairs = [("0001", "0062"), ("0002", "0075"), ("0003", "66006600")]
    data = _type0_pdf(pairs, "000100020003")
    assert _text(data) == ["buff"]


def test_ligature_repair_needs_a_latin_neighbour_and_a_latin_font() -> None:
    staff = [0x73, 0x74, 0x61, 0x6600, 0x6600]
    assert swapped_ligatures(staff) == {3, 4}
    assert swapped_ligatures([0x6600, 0x6600, 0x20]) == set()  # Chinese text: no Latin beside it
    assert [chr(repair(c, False, i in {3, 4})) for i, c in enumerate(staff)] == list("staff")
    assert repair(0x6600, True, True) == 0x6600  # a CJK font's U+6600 is 昀


def test_hkscs_private_use_code_points_map_back_in_cjk_fonts_only() -> None:
    assert chr(repair(0xE687, True)) == "\U0002555b"  # 𥕛, Big5-HKSCS 0x93C7
    assert repair(0xE687, False) == 0xE687  # a symbol font's private character stays as it is
    assert repair(0xF8FF, True) == 0xF8FF  # outside the Big5 user-defined areas


def _furniture_pdf() -> bytes:
    # Two pages, each with a running header, a line of body text and a page number.
    objects = [CATALOG, b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R >>"
    bodies = []
    for n in (1, 2):
        bodies.append(
            b"BT /F1 9 Tf 72 760 Td (Chesterfield Royal - OFFICIAL) Tj ET\n"
            b"BT /F1 11 Tf 72 600 Td (Body text of page %d.) Tj ET\n"
            b"BT /F1 9 Tf 300 40 Td (%d) Tj ET\n" % (n, n)
        )
    objects += [page % 5, FONT, stream(bodies[0]), page % 7, stream(bodies[1])]
    return pdf(objects)


def test_furniture_is_kept_apart_from_the_blocks() -> None:
    doc = pdf_reader.read(_furniture_pdf())
    assert " ".join(b.text for b in doc.blocks) == "Body text of page 1. Body text of page 2."
    assert [b.text for b in doc.furniture] == [
        "Chesterfield Royal - OFFICIAL",
        "1",
        "Chesterfield Royal - OFFICIAL",
        "2",
    ]


def test_read_shows_the_furniture_fenced_at_the_end(tmp_path) -> None:
    path = tmp_path / "two-pages.pdf"
    path.write_bytes(_furniture_pdf())
    result = run_cli("read", str(path))
    assert result.returncode == 0
    assert result.stdout.decode().endswith(
        "::: furniture\nChesterfield Royal - OFFICIAL\n1\nChesterfield Royal - OFFICIAL\n2\n:::\n"
    )
    json_out = run_cli("read", str(path), "-f", "json")
    assert b'"furniture"' in json_out.stdout


def _realworld(name: str):
    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared/realworld)")
    return path


def _read_md(name: str) -> str:
    result = run_cli("read", str(_realworld(name)))
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def test_realworld_hkscs_and_spread_cjk() -> None:
    text = _read_md("astral-itext-01.pdf")
    assert "中文姓名" in text and "胡駿\U0002555b" in text


def test_realworld_chemistry_keeps_its_subscripts() -> None:
    text = _read_md("fontmatrix-indesign-01.pdf")
    assert "HCO3–" in text and "PCO2" in text and "HCO –" not in text


def test_realworld_artifacts_are_furniture_not_lost() -> None:
    text = _read_md("fontmatrix-distiller-pscript5-01.pdf")
    body, _, furniture = text.partition("::: furniture\n")
    assert "Official - Subject to Final Review" in furniture and "Official" not in body
    assert furniture.split("\n")[1:4] == ["1", "2", "3"]  # the transcript's line numbers


def test_word_gaps_are_measured_between_advances_not_ink() -> None:
    # Letter-spaced small print (0.15 em between letters): around a narrow "i" or "l" the ink is
    # more than a fifth of an em apart, but the glyphs' advances touch. pdftotext and PDFium's own
    # spacing go by advances; so must the word gaps, or "sociale" reads "soc iale".
    content = b"BT /F1 7 Tf 1.05 Tc 72 700 Td (la securite sociale et les prestations illimitees) Tj ET\n"
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert _text(data) == ["la securite sociale et les prestations illimitees"]


def test_a_glyph_index_3_without_a_unicode_map_is_a_space() -> None:
    # Fonts without a ToUnicode map give PDFium their glyph indexes; TrueType's glyph 3 is the space.
    pairs = [("0001", "0062"), ("0002", "0075"), ("0003", "0003"), ("0004", "0069")]
    data = _type0_pdf(pairs, "0001000200030004")
    assert _text(data) == ["bu i"]


def test_a_written_space_after_a_subscript_still_parts_the_words() -> None:
    # Written spaces are placed after the glyph before them without asking PDFium; after a
    # lowered "2" the space must still stand between "PCO2" and "et".
    content = b"BT /F1 10 Tf 72 700 Td (PCO) Tj /F1 6 Tf -3 Ts (2) Tj /F1 10 Tf 0 Ts ( et HCO) Tj ET\n"
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert _text(data) == ["PCO2 et HCO"]


def test_a_foundrys_short_weight_name_is_bold() -> None:
    # "-Bd", "-Blk": the name says bold in the foundry's shorthand (no FontWeight to go by here).
    for name in (b"HelveticaNeueLTStd-Bd", b"FrutigerLTStd-Blk", b"MinionPro-BdIt"):
        font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % name
        content = b"BT /F1 12 Tf 72 700 Td (Our approach) Tj ET\n"
        doc = pdf_reader.read(pdf([CATALOG, PAGES, PAGE, font, stream(content)]))
        assert all(s.bold for b in doc.blocks for s in b.inlines), name


def test_an_ideograph_beside_latin_text_is_not_a_ligature() -> None:
    # 一 is U+4E00, "N" byte-swapped, but no ligature is spelt "N": Chinese beside "WRES" stays.
    assert swapped_ligatures([0x57, 0x52, 0x45, 0x53, 0x4E00, 0x5E74]) == set()
    assert swapped_ligatures([0x61, 0x6600, 0x6900]) == {1, 2}  # "a" + "fi"
