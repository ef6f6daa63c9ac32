"""Pictures in a PDF (issue 14): an image of a meaningful size is read as a Picture where it
stands in the text; a logo repeated in every page's header, and small images, are not.

The PDF is drawn here with reportlab from the Chesterfield return's own text, with a chart
picture in the answer to the initiative question and a logo at the top of every page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

import wres_convert
from helpers.pictures import AFTER, make_pdf
from wres_convert.model import Picture, pictures_of
from wres_convert.readers.sniff import image_type

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "chesterfield-picture.pdf"
    make_pdf(path)
    return path


def test_the_chart_is_read_where_it_stands_and_the_logo_and_icon_are_not(pdf: Path) -> None:
    doc = wres_convert.read(pdf)
    pictures = pictures_of(doc.blocks)
    assert len(pictures) == 1
    [p] = pictures
    assert image_type(p.data) == "image/png"
    assert Image.open(io.BytesIO(p.data)).size == (300, 150)  # the image's own pixels
    assert p.width == pytest.approx(320, abs=1) and p.height == pytest.approx(160, abs=1)  # 240 × 120 pt
    at = doc.blocks.index(p)
    assert doc.blocks[at - 1].text.startswith(AFTER)


def test_the_pdfs_chart_reaches_the_page_in_its_answer(pdf: Path) -> None:
    cs = wres_convert.convert(pdf)
    [section] = [s for s in cs.sections if pictures_of(s.blocks)]
    assert section.id == "what-they-did"
    assert any(w.code == "image-no-alt" for w in cs.warnings)  # a PDF's image has no description
    html = wres_convert.render(cs, "html")
    assert '<figure><img src="data:image/png;base64,' in html and 'width="320" height="160"' in html


def test_a_picture_is_never_taken_for_text(pdf: Path) -> None:
    doc = wres_convert.read(pdf)
    assert all(isinstance(b, Picture) or b.text for b in doc.blocks)


def test_a_picture_too_large_to_decode_is_named_in_a_warning() -> None:
    # 6000 x 5000 grey pixels (30 million, over the 25 million cap), all zero, so small when deflated.
    import zlib

    from helpers import FONT, pdf, stream
    from wres_convert.readers import pdf as pdf_reader

    pixels = zlib.compress(bytes(6000 * 5000), 9)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 6000 /Height 5000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>"
        b" /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>"
    )
    content = (
        b"BT /F1 11 Tf 72 700 Td (Our answer, with a photo below.) Tj ET\nq 200 0 0 160 72 400 cm /Im1 Do Q\n"
    )
    doc = pdf_reader.read(
        pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                page,
                FONT,
                stream(content),
                image,
            ]
        )
    )
    assert [w.code for w in doc.warnings] == ["image-dropped"] and "page 1" in doc.warnings[0].message
