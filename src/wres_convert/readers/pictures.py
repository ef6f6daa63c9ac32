"""A Word picture or chart as the model's ``Picture``: what a reader of ``w:drawing`` (and VML
``w:pict``) needs, kept apart from walking the document so the rules are written once.

A reader finds the picture's element and the bytes its ``r:embed`` relationship names; this module
reads what Word says about it: the alt text (``wp:docPr/@descr``), the title, Word's
"decorative" mark (``adec:decorative val="1"``), the display size (``wp:extent``, in EMU), and the
media type from the bytes themselves. ``a:blip/@r:embed`` is already the PNG Word stores beside an
SVG (``asvg:svgBlip``), so an SVG is never taken; an image only linked to (``r:link``, or an
external relationship) is a Picture with no bytes and its address, which is never fetched.
"""

from __future__ import annotations

from lxml import etree

from wres_convert.model import Picture, text_inlines
from wres_convert.readers.sniff import image_type

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
EMU_PER_PX = 9525  # 914400 EMU an inch, 96 CSS px an inch


def blip_reference(pic: etree._Element) -> tuple[str, bool]:
    """(relationship id, linked) of a ``pic:pic``'s picture: ``r:embed`` when the bytes are in the
    package, else ``r:link`` (an image outside it). ("", False) when there is neither."""
    blip = next(pic.iter(f"{{{A}}}blip"), None)
    if blip is None:
        return "", False
    if blip.get(f"{{{R}}}embed"):
        return blip.get(f"{{{R}}}embed", ""), False
    return blip.get(f"{{{R}}}link", ""), bool(blip.get(f"{{{R}}}link"))


def word_picture(
    container: etree._Element, data: bytes, *, link: str = "", kind: str = "picture", caption: str = ""
) -> Picture:
    """The Picture for a ``wp:inline`` or ``wp:anchor`` (``container``) whose image bytes are
    ``data`` (b"" when only linked: ``link`` is then its address). ``caption``: a chart's title."""
    doc_pr = next(container.iter(f"{{{WP}}}docPr"), None)
    alt = title = ""
    decorative = False
    if doc_pr is not None:
        alt = " ".join((doc_pr.get("descr") or "").split())
        title = " ".join((doc_pr.get("title") or "").split())
        decorative = any(
            (e.get("val") or "").lower() in ("1", "true") for e in doc_pr.iter(f"{{{DECORATIVE}}}decorative")
        )
    width = height = None
    extent = next(container.iter(f"{{{WP}}}extent"), None)
    if extent is not None:
        try:
            cx, cy = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
        except ValueError:
            cx = cy = 0
        if cx > 0 and cy > 0:
            width, height = cx / EMU_PER_PX, cy / EMU_PER_PX
    return Picture(
        data,
        image_type(data) if data else "",
        alt="" if decorative else alt,
        title=title,
        decorative=decorative,
        width=width,
        height=height,
        caption=text_inlines(caption),
        kind=kind,
        link=link,
    )


def chart_title(chart_part: etree._Element) -> str:
    """A chart part's (``c:chartSpace``) title as it reads: its runs' text, or "" without one."""
    title = next(chart_part.iter(f"{{{C}}}title"), None)
    if title is None:
        return ""
    return " ".join("".join(t.text or "" for t in title.iter(f"{{{A}}}t")).split())
