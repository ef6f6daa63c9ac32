"""A Chesterfield return as a PDF with pictures in it (issue 14), drawn with reportlab from the
return's own text: a chart picture in the answer to the initiative question, a small icon beside
it, and a logo at the top of every page."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

import wres_convert
from helpers import REPO

AFTER = "Our equality, diversity and inclusion agenda this year"


def _png(size: tuple[int, int], color: str) -> io.BytesIO:
    out = io.BytesIO()
    im = Image.new("RGB", size, "white")
    for x in range(10, size[0] - 10, 40):  # three bars: a chart, not a flat colour
        im.paste(color, (x, size[1] // 3, x + 25, size[1] - 10))
    im.save(out, "PNG")
    out.seek(0)
    return out


def make_pdf(path: Path, chart: tuple[float, float] = (240, 120)) -> None:
    """Write the PDF; ``chart`` is the chart's size on the page, in points."""
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
            story.append(Flowable(_png((300, 150), "#005eb8"), width=chart[0], height=chart[1]))
            story.append(Flowable(_png((20, 20), "#000000"), width=12, height=12))  # an icon: too small
    logo = ImageReader(_png((120, 60), "#330072"))

    def header(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        canvas.drawImage(logo, 470, 780, width=80, height=40)

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=90).build(
        story, onFirstPage=header, onLaterPages=header
    )
