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

import re
from collections.abc import Callable, Mapping
from typing import Protocol

from lxml import etree

from wres_convert.model import Cell, Paragraph, Picture, Table, text_inlines
from wres_convert.readers.sniff import image_type
from wres_convert.text import patterns

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


_MOST_SERIES, _MOST_CATEGORIES = 12, 40  # a chart's data larger than this is not a small table


def _cached(el: etree._Element | None) -> list[str]:
    """The values Word cached for a chart's reference (``c:strCache``/``c:numCache``), in order,
    as the chart shows them where its number format is a percentage or fixed decimals."""
    if el is None:
        return []
    code = "".join(next(el.iter(f"{{{C}}}formatCode"), etree.Element("x")).itertext())
    points = sorted(el.iter(f"{{{C}}}pt"), key=lambda p: int(p.get("idx", "0") or 0))
    return [_shown(" ".join("".join(p.itertext()).split()), code) for p in points]


_FORMAT = patterns.compile(r"^0(?:\.(0+))?(%?)$")  # "0%", "0.0%", "0.00": the formats charts use most


def _shown(value: str, code: str) -> str:
    m = _FORMAT.match(code.strip())
    if not m:
        return value
    try:
        number = float(value) * (100 if m.group(2) else 1)
    except ValueError:
        return value
    return f"{number:.{len(m.group(1) or '')}f}{m.group(2)}"


def chart_table(chart_part: etree._Element) -> Table | None:
    """A Word chart's data as Word cached it, as a small table: a row per category, a column per
    series. Where no picture of the chart is stored, this is what a reader of the page gets of it
    (besides its title), so its numbers are not lost; None when there is nothing, or too much."""
    series = list(chart_part.iter(f"{{{C}}}ser"))
    if not series or len(series) > _MOST_SERIES:
        return None
    names = [" ".join(_cached(s.find(f"{{{C}}}tx"))) or f"Series {n}" for n, s in enumerate(series, start=1)]
    values = [_cached(s.find(f"{{{C}}}val")) for s in series]
    categories = _cached(series[0].find(f"{{{C}}}cat")) or [str(n) for n in range(1, len(values[0]) + 1)]
    if not any(values) or len(categories) > _MOST_CATEGORIES:
        return None

    def cell(text: str) -> Cell:
        return Cell((Paragraph(text_inlines(text)),) if text else ())

    head = (cell(""), *(cell(name) for name in names))
    rows = [
        (cell(category), *(cell(v[k] if k < len(v) else "") for v in values))
        for k, category in enumerate(categories)
    ]
    return Table((head, *rows))


class _Relationship(Protocol):
    target: str
    external: bool


VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
_VML_SIZE = patterns.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|px|in|cm|mm)?", re.I)
_PX = {"pt": 96 / 72, "px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "": 96 / 72}


def picture_block(
    picture: etree._Element,
    drawing: etree._Element,
    rels: Mapping[str, _Relationship],
    read_part: Callable[[str], bytes | None],
) -> Picture | None:
    """The DOCX reader's ``picture_block`` hook, filled: the Picture for one ``pic:pic`` or VML
    ``v:imagedata`` inside ``drawing`` (the ``w:drawing``/``w:pict``), its bytes read through
    ``read_part`` from the part its relationship names, or its address when it is only linked.
    None when the picture names no image at all (the caller reports it as dropped)."""
    if etree.QName(picture).namespace == VML:
        rid, linked = picture.get(f"{{{R}}}id", ""), False
    else:
        rid, linked = blip_reference(picture)
    rel = rels.get(rid) if rid else None
    if rel is None:
        return None
    if linked or rel.external:
        found = word_picture(drawing, b"", link=rel.target)
    else:
        data = read_part(rel.target)
        if not data:
            return None
        found = word_picture(drawing, data)
    if etree.QName(picture).namespace == VML:
        found = _vml_details(picture, found)
    return found


def _vml_details(imagedata: etree._Element, found: Picture) -> Picture:
    """A VML picture has no ``wp:docPr``: its alt text is the shape's ``alt``, its title the
    image's ``o:title``, and its size the shape's style ("width:240pt;height:120pt")."""
    shape = imagedata.getparent()
    alt = " ".join(((shape.get("alt") if shape is not None else "") or "").split())
    title = " ".join((imagedata.get(f"{{{OFFICE}}}title") or "").split())
    size = {
        m.group(1).lower(): float(m.group(2)) * _PX[(m.group(3) or "").lower()]
        for m in _VML_SIZE.finditer(shape.get("style", "") if shape is not None else "")
    }
    return Picture(
        found.data,
        found.media_type,
        alt=alt or found.alt,
        title=title or found.title,
        width=size.get("width", found.width),
        height=size.get("height", found.height),
        link=found.link,
    )


def chart_picture(drawing: etree._Element, chart_part: etree._Element | None) -> Picture:
    """A ``c:chart`` with no picture of it stored (no ``mc:Fallback`` image): its title and alt
    text, kept as the chart's caption. The case study publishes them as text and warns that the
    chart itself is not on the page. (Where Word stored a fallback image, that ``pic:pic`` is read
    by ``picture_block`` instead, as any picture.)"""
    title = chart_title(chart_part) if chart_part is not None else ""
    found = word_picture(drawing, b"", kind="chart", caption=title)
    return found if title or not found.alt else word_picture(drawing, b"", kind="chart", caption=found.alt)
