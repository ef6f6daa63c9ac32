"""Issue 13, orientation: pages with /Rotate and rotated content read as displayed; text turned a
quarter turn reads in its own direction; text at a slant is left out, with a warning."""

from __future__ import annotations

from helpers import FONT, pdf, stream
from wres_convert.model import Paragraph
from wres_convert.readers import pdf as pdf_reader

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def _page(rotate: int) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate %d"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % rotate
    )


def _read(rotate: int, content: bytes) -> tuple[list[str], list[str]]:
    doc = pdf_reader.read(pdf([CATALOG, PAGES, _page(rotate), FONT, stream(content)]))
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)], [w.code for w in doc.warnings]


# A landscape page stored as PDFMaker writes it: portrait MediaBox, /Rotate 90, and the text set
# running up the user space, so that it reads level once the page is turned.
LANDSCAPE = (
    b"BT /F1 12 Tf 0 1 -1 0 72 72 Tm (Sharing good practice across the trust) Tj ET\n"
    b"BT /F1 12 Tf 0 1 -1 0 86 72 Tm (keeps every word in order.) Tj ET\n"
    b"BT /F1 12 Tf 0 1 -1 0 120 72 Tm (A second paragraph follows the first.) Tj ET\n"
)


def test_rotated_page_reads_its_words_in_order() -> None:
    paragraphs, warnings = _read(90, LANDSCAPE)
    text = " ".join(paragraphs)
    assert "Sharing good practice across the trust keeps every word in order." in text
    assert text.index("Sharing") < text.index("A second paragraph")
    assert "pdf-rotated-text" not in warnings  # level as displayed: nothing to warn about


def test_page_rotated_270_reads_too() -> None:
    content = b"BT /F1 12 Tf 0 -1 1 0 540 720 Tm (Sharing good practice across the trust) Tj ET\n"
    paragraphs, _ = _read(270, content)
    assert paragraphs == ["Sharing good practice across the trust"]


def test_fully_rotated_pdf_is_not_called_a_scan() -> None:
    paragraphs, _ = _read(90, LANDSCAPE)  # raised "scanned-pdf" before
    assert paragraphs


def test_sideways_text_on_a_level_page_is_read_with_a_warning() -> None:
    content = (
        b"BT /F1 12 Tf 72 700 Td (The level heading of the page.) Tj ET\n"
        b"BT /F1 10 Tf 0 1 -1 0 300 400 Tm (Sideways header) Tj ET\n"
    )
    paragraphs, warnings = _read(0, content)
    text = " ".join(paragraphs)
    assert "The level heading of the page." in text
    assert "Sideways header" in text
    assert "pdf-rotated-text" in warnings


def test_slanted_text_is_left_out_with_a_warning() -> None:
    content = (
        b"BT /F1 12 Tf 72 700 Td (The level heading of the page.) Tj ET\n"
        b"BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 150 300 Tm (DRAFT) Tj ET\n"
    )
    paragraphs, warnings = _read(0, content)
    assert "DRAFT" not in " ".join(paragraphs)
    assert "pdf-slanted-text" in warnings


def _table_content() -> bytes:
    """A landscape (792 x 612) page: a paragraph, then a ruled two-by-two table."""
    text = b"BT /F1 12 Tf 72 540 Td (Progress on each indicator this year:) Tj ET\n"
    rules = b"0.5 w 72 500 m 500 500 l S 72 470 m 500 470 l S 72 440 m 500 440 l S "
    rules += b"72 440 m 72 500 l S 286 440 m 286 500 l S 500 440 m 500 500 l S\n"
    cells = b"".join(
        b"BT /F1 11 Tf %d %d Td (%s) Tj ET\n" % (x, y, t)
        for x, y, t in (
            (80, 480, b"Indicator"),
            (294, 480, b"Change"),
            (80, 450, b"Indicator 8"),
            (294, 450, b"Down 1.0%"),
        )
    )
    return text + rules + cells


def test_a_ruled_table_on_a_rotated_page_is_a_table() -> None:
    # The same landscape page stored level, and stored as PDFMaker does: portrait, /Rotate 90,
    # its content turned by the cm. Rules and text must be placed alike, so both give a table.
    level = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 792 612] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    turned = b"q 0 1 -1 0 612 0 cm\n" + _table_content() + b"Q\n"
    a = pdf_reader.read(pdf([CATALOG, PAGES, level, FONT, stream(_table_content())]))
    b = pdf_reader.read(pdf([CATALOG, PAGES, _page(90), FONT, stream(turned)]))
    assert [type(x).__name__ for x in a.blocks] == ["Paragraph", "Table"]
    assert b.blocks == a.blocks
