"""What a Word drawing, VML picture or embedded object holds, sorted into what the reader keeps
and what it leaves out with a word.

A ``w:drawing``, ``w:pict`` or ``w:object`` in a run can be a text box (its paragraphs are read
as blocks after the paragraph that anchors it), a SmartArt diagram (its text becomes a list), a
picture (read by the pictures work, ``readers/pictures.py``, through ``picture_block``: the
model's ``Picture``, placed after the paragraph), a chart (named in a warning for now), an embedded
OLE object, a video, ink, or a kind this reader does not know. Nothing is left out silently: each
thing not read becomes a ``Dropped`` the body reader turns into a ``dropped-content`` warning
that says where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from wres_convert.model import Block, ListItem, Paragraph, Span
from wres_convert.readers.docx.namespaces import MC, R
from wres_convert.readers.docx.package import Relationship, w
from wres_convert.readers.docx.smartart import DGM, diagram_items
from wres_convert.readers.pictures import chart_picture, chart_table
from wres_convert.readers.pictures import picture_block as word_picture_block
from wres_convert.text import patterns

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
# graphicData kinds whose content is walked for text boxes, pictures and charts inside them.
SHAPES = {
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    PIC,
    CHART,
    DGM,
}
CHARTEX = "http://schemas.microsoft.com/office/drawing/2014/chartex"
# An embedded object's ProgID, by its first word, as a reviewer would name it.
OLE_NAMES = {
    "excel": "an embedded Excel worksheet",
    "word": "an embedded Word document",
    "powerpoint": "an embedded PowerPoint slide",
    "equation": "an Equation Editor 3.0 equation",
    "acroexch": "an embedded PDF",
    "package": "an embedded file",
    "visio": "an embedded Visio drawing",
}
_SAFE_NAME = patterns.compile(r"^[A-Za-z]+(?: [A-Za-z]+)? \d{1,4}$")  # Word's own "Chart 1", "Picture 2"


class TextBox(NamedTuple):
    """A text box's content (``w:txbxContent``), read as blocks after its paragraph."""

    content: etree._Element


class Diagram(NamedTuple):
    """A SmartArt diagram's text, as list items at the drawing's place."""

    items: tuple[ListItem, ...]


class Dropped(NamedTuple):
    """Something the reader leaves out, named for the reviewer ("a chart (Chart 1)")."""

    what: str


class DrawnBlock(NamedTuple):
    """A block read from a drawing (a picture, by ``picture_block``), placed after its paragraph."""

    block: Block


Anchored = TextBox | Diagram | Dropped | DrawnBlock
ReadPart = Callable[[str], bytes | None]


def picture_block(
    picture: etree._Element, drawing: etree._Element, rels: dict[str, Relationship], read_part: ReadPart
) -> Block | None:
    """The hook for pictures (issue 14): the block for one picture.

    ``picture`` is the ``pic:pic`` (its ``a:blip r:embed``/``r:link``), VML ``v:imagedata``
    (``r:id``) or a shape's ``a:blipFill``; ``drawing`` the ``w:drawing``/``w:pict`` around it
    (``wp:docPr`` holds the alt text, ``descr``/``title``); ``rels`` the relationships of the part
    it is in (the body's or the notes'), whose targets ``read_part`` reads (size-checked, see
    ``docx_package``). The pictures work (``readers/pictures.py``) reads it; None (no image named,
    or its part missing) makes the caller report the picture as dropped."""
    return word_picture_block(picture, drawing, rels, read_part)


class DrawingReader:
    """Sorts drawings for one part (the body, or the notes) whose relationships are ``rels``;
    ``xml`` opens another part of the package by name (a SmartArt's data part), ``read_part``
    reads one's bytes (a picture's)."""

    def __init__(
        self,
        rels: dict[str, Relationship],
        xml: Callable[[str], etree._Element | None],
        read_part: ReadPart | None = None,
    ) -> None:
        self._rels = rels
        self._xml = xml
        self._read_part: ReadPart = read_part if read_part is not None else (lambda _name: None)
        self._drawing: etree._Element | None = None  # the w:drawing, w:pict or w:object being read
        self.smartart = False  # a SmartArt diagram's text was kept: the reader warns once

    def read(self, el: etree._Element) -> list[Anchored]:
        """What one ``w:drawing``, ``w:pict`` or ``w:object`` holds, in document order."""
        found: list[Anchored] = []
        self._drawing = el
        if el.tag == w("object"):
            ole = next(el.iter(f"{{{OFFICE}}}OLEObject"), None)
            if ole is not None:  # its picture is only a preview of the object: name the object
                return [Dropped(_ole_name(ole.get("ProgID", "")))]
        self._walk(el, found, _name(el))
        return found

    def _walk(self, el: etree._Element, found: list[Anchored], name: str) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            local = etree.QName(child).localname
            if tag == w("txbxContent"):
                found.append(TextBox(child))
            elif tag == f"{{{MC}}}AlternateContent":
                branch = choose_branch(child)
                if branch is not None:
                    self._walk(branch, found, name)
            elif tag in (
                f"{{{PIC}}}pic",
                f"{{{VML}}}imagedata",
                f"{{{A}}}blipFill",
            ):  # a:blipFill: a shape filled with a picture
                found.append(self._picture(child, name))
            elif tag == f"{{{VML}}}textpath" and (child.get("string") or "").strip():
                # Legacy WordArt: its text is an attribute of the shape, shown as large lettering.
                found.append(DrawnBlock(Paragraph((Span(child.get("string", "").strip()),))))
            elif tag in (f"{{{CHART}}}chart", f"{{{CHARTEX}}}chart"):
                # A chart with no stored picture of it (one in the Fallback is read as a picture):
                # its title and alt text are kept as the chart's caption, and its cached data as a
                # small table after it; the case study warns that the chart itself is not shown.
                rel = self._rels.get(child.get(f"{{{R}}}id", ""))
                part = self._xml(rel.target) if rel is not None and not rel.external else None
                drawing = self._drawing if self._drawing is not None else child
                found.append(DrawnBlock(chart_picture(drawing, part)))
                data = chart_table(part) if part is not None else None
                if data is not None:
                    found.append(DrawnBlock(data))
            elif tag == f"{{{DGM}}}relIds":
                found.append(self._diagram(child, name))
            elif local == "contentPart":
                found.append(Dropped(f"ink (a handwritten drawing){name}"))
            elif tag == w("control") or local == "OLEObject":
                found.append(Dropped(f"an embedded control or object{name}"))
            elif tag == f"{{{A}}}graphicData" and child.get("uri") not in SHAPES:
                before = len(found)
                self._walk(child, found, name)
                if len(found) == before:
                    found.append(Dropped(f"a drawing of a kind this reader does not know{name}"))
            else:
                self._walk(child, found, name)

    def _picture(self, el: etree._Element, name: str) -> Anchored:
        if any(etree.QName(e).localname in ("videoFile", "webVideoPr") for e in el.iter("{*}*")):
            return Dropped(f"a video{name}")
        drawing = self._drawing if self._drawing is not None else el
        block = picture_block(el, drawing, self._rels, self._read_part)
        return DrawnBlock(block) if block is not None else Dropped(f"a picture{name}")

    def _diagram(self, rel_ids: etree._Element, name: str) -> Anchored:
        rel = self._rels.get(rel_ids.get(f"{{{R}}}dm", ""))
        data = self._xml(rel.target) if rel is not None and not rel.external else None
        items = diagram_items(data) if data is not None else []
        if not items:
            return Dropped(f"a SmartArt diagram{name}")
        self.smartart = True
        return Diagram(tuple(items))


def choose_branch(alternate: etree._Element) -> etree._Element | None:
    """The one ``mc:AlternateContent`` branch to read: a Choice holding a text box, else the Fallback.

    Both branches usually hold the same text (DrawingML and VML versions), so reading both would
    duplicate it.
    """
    choices = alternate.findall(f"{{{MC}}}Choice")
    for choice in choices:
        if next(choice.iter(w("txbxContent")), None) is not None:
            return choice
    fallback = alternate.find(f"{{{MC}}}Fallback")
    if fallback is not None:
        return fallback
    return choices[0] if choices else None


def _name(el: etree._Element) -> str:
    """The drawing's name when Word gave it ("Chart 1"), to find it by; a name the author typed
    might be anything (a person's name), so it is left out of the warning."""
    doc_pr = next(el.iter("{*}docPr"), None)
    name = (doc_pr.get("name") or "") if doc_pr is not None else ""
    return f" ({name})" if _SAFE_NAME.match(name) else ""


def _ole_name(prog_id: str) -> str:
    first = prog_id.split(".")[0].lower()
    return OLE_NAMES.get(first, "an embedded object") + (f" ({prog_id})" if prog_id else "")
