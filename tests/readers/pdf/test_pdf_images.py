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
from helpers import REPO
from wres_convert.model import Picture, pictures_of
from wres_convert.readers.sniff import image_type

pytest.importorskip("reportlab")

AFTER = "Our equality, diversity and inclusion agenda this year"


def _png(size: tuple[int, int], color: str) -> io.BytesIO:
    out = io.BytesIO()
    im = Image.new("RGB", size, "white")
    for x in range(10, size[0] - 10, 40):  # three bars: a chart, not a flat colour
        im.paste(color, (x, size[1] // 3, x + 25, size[1] - 10))
    im.save(out, "PNG")
    out.seek(0)
    return out


def make_pdf(path: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as Flowable
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    doc = wres_convert.read(REPO / "samples" / "chesterfield.txt")
    story = []
    for block in doc.blocks:
        text = escape(" ".join(block.text.split()))
        kind = type(block).__name__
        story.append(
            Paragraph(
                f"• {text}" if kind == "ListItem" else text,
                styles["Heading3" if kind == "Heading" else "BodyText"],
            )
        )
        if block.text.startswith(AFTER):
            story.append(Flowable(_png((300, 150), "#005eb8"), width=240, height=120))
            story.append(Flowable(_png((20, 20), "#000000"), width=12, height=12))  # an icon: too small
    logo = ImageReader(_png((120, 60), "#330072"))

    def header(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        canvas.drawImage(logo, 470, 780, width=80, height=40)

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=90).build(
        story, onFirstPage=header, onLaterPages=header
    )


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
