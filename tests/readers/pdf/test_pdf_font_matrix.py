"""Issue 13, first step: sizes set by the text matrix, and characters beyond U+FFFF.

Hand-made PDFs: text set at ``1 Tf`` and scaled by ``12 0 0 12 x y Tm`` (as Quartz, PDFMaker,
Distiller, cairo and iText write it) must read as words with their spaces, at 12 pt; a character
beyond U+FFFF, which PDFium gives as two UTF-16 units, must come out whole.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from helpers import FONT, pdf, stream
from wres_convert.model import Paragraph
from wres_convert.readers import pdf as pdf_reader
from wres_convert.readers.pdf.glyphs import glyphs

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"


def _text(data: bytes) -> list[str]:
    doc = pdf_reader.read(data)
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def test_text_sized_by_the_text_matrix_reads_as_words() -> None:
    content = (
        b"BT /F1 1 Tf 12 0 0 12 72 700 Tm (Sharing good practice across the trust) Tj ET\n"
        b"BT /F1 1 Tf 12 0 0 12 72 686 Tm (keeps every word apart.) Tj ET\n"
    )
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert _text(data) == ["Sharing good practice across the trust keeps every word apart."]


def test_glyph_size_is_the_tf_size_scaled_by_the_matrix() -> None:
    content = b"BT /F1 1 Tf 12 0 0 12 72 700 Tm (Board) Tj ET\nBT /F1 2 Tf 9 0 0 9 72 650 Tm (Staff) Tj ET\n"
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    doc = pdfium.PdfDocument(data)
    try:
        text_page = doc[0].get_textpage()
        chars = glyphs(pdf_reader.pdfium(), text_page.raw, 0, 792.0, [], {}, {}).chars
    finally:
        doc.close()
    sizes = {c.text: c.size for c in chars}
    assert sizes["B"] == 12.0 and sizes["S"] == 18.0


def _type0_pdf(cmap_pairs: list[tuple[str, str]], codes: str, before: bytes = b"") -> bytes:
    """A PDF whose one font maps two-byte codes to Unicode through a ToUnicode CMap."""
    bf = "".join(f"<{c}> <{u}>\n" for c, u in cmap_pairs)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(cmap_pairs)} beginbfchar\n{bf}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
    cid = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>"
    )
    content = b"BT /F1 12 Tf " + before + b"72 700 Td <" + codes.encode() + b"> Tj ET\n"
    return pdf([CATALOG, PAGES, PAGE, font, stream(content), cid, stream(cmap)])


def test_characters_beyond_the_bmp_come_out_whole() -> None:
    # U+1D400 (mathematical bold capital A) and U+1F334 (palm tree), each two UTF-16 units.
    pairs = [("0001", "0053"), ("0002", "0065"), ("0003", "0020"), ("0004", "D835DC00"), ("0005", "D83CDF34")]
    data = _type0_pdf(pairs, "0001000200030004000300050003000100020002")
    assert _text(data) == ["Se \U0001d400 \U0001f334 See"]


def test_pdfium_generated_spaces_mark_narrow_word_gaps() -> None:
    # No space characters: the words are placed 1.8 pt apart (0.15 of the size), as Skia and
    # pdfTeX place them. PDFium generates a space there; kerning (0.6 pt) stays inside a word.
    content = b"BT /F1 12 Tf 72 700 Td [(execution) -150 (of) -150 (instructions) -150 (in) -150 (or) -50 (der)] TJ ET\n"
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert _text(data) == ["execution of instructions in order"]


def test_written_spaces_survive_two_columns() -> None:
    # ``-1.5 Tw`` prints each space 1.8 pt wide, under the gap that would make a space: the
    # written spaces must be kept when the page is read column by column.
    left = ["Our staff network met", "every month this year", "and shaped the plan", "for the board in June"]
    right = ["The survey results", "showed a clear rise", "in staff who felt", "their views were heard"]
    content = b""
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        for x, words in ((72, a), (330, b)):
            content += b"BT /F1 12 Tf -1.5 Tw %d %d Td (%s) Tj ET\n" % (x, 700 - 14 * n, words.encode())
    data = pdf([CATALOG, PAGES, PAGE, FONT, stream(content)])
    assert " ".join(_text(data)).split() == " ".join(left + right).split()
