"""The text of a SmartArt diagram, from its data part (``word/diagrams/data*.xml``), as list items.

A diagram's text lives in the data model's points (``dgm:pt``), not in the document: the drawing
only points at it (``dgm:relIds r:dm``). The points' order as the author sees it comes from the
model's connections (``dgm:cxn``, parent to child, in ``srcOrd`` order), so the text is read
depth first from the document point; a level down in the diagram is a level down in the list.
A model without usable connections is read in document order, flat. The layout (arrows, cycles,
shapes) has no text form, so the caller warns that only the text was kept.
"""

from __future__ import annotations

from lxml import etree

from wres_convert.model import ListItem, Span
from wres_convert.readers.docx.package import to_int
from wres_convert.readers.nesting import MAX_LIST_LEVEL

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TEXT_POINTS = {"node", "asst"}  # points the author typed into; the rest are transitions and shapes


def dgm(local: str) -> str:
    return f"{{{DGM}}}{local}"


def diagram_items(data: etree._Element) -> list[ListItem]:
    """The diagram's text, one ``ListItem`` per point that has any, in the author's order."""
    points: dict[str, etree._Element] = {}
    root_id: str | None = None
    for pt in data.iter(dgm("pt")):
        kind = pt.get("type", "node")
        model_id = pt.get("modelId", "")
        if kind == "doc" and root_id is None:
            root_id = model_id
        elif kind in TEXT_POINTS and model_id:
            points[model_id] = pt
    children: dict[str, list[tuple[int, str]]] = {}
    for cxn in data.iter(dgm("cxn")):
        if cxn.get("type", "parOf") == "parOf" and cxn.get("destId") in points:
            children.setdefault(cxn.get("srcId", ""), []).append(
                (to_int(cxn.get("srcOrd"), 0), cxn.get("destId", ""))
            )
    items: list[ListItem] = []
    seen: set[str] = set()

    def walk(parent: str, level: int) -> None:
        for _, child in sorted(children.get(parent, [])):
            if child in seen:  # a damaged model may loop: read each point once
                continue
            seen.add(child)
            text = _point_text(points[child])
            if text:
                items.append(ListItem((Span(text),), min(level, MAX_LIST_LEVEL)))
            walk(child, level + 1 if text else level)

    if root_id is not None:
        walk(root_id, 0)
    # Points no connection reaches (or a model with none) still hold text the author typed.
    for model_id, pt in points.items():
        text = _point_text(pt) if model_id not in seen else ""
        if text:
            items.append(ListItem((Span(text),), 0))
    return items


def _point_text(pt: etree._Element) -> str:
    """A point's paragraphs, joined by spaces (a shape's lines are wrapped, not separate items)."""
    body = pt.find(dgm("t"))
    if body is None:
        return ""
    lines = ("".join(t.text or "" for t in p.iter(f"{{{A}}}t")) for p in body.iter(f"{{{A}}}p"))
    return " ".join(line.strip() for line in lines if line.strip())
