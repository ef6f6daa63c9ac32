"""What PDFium knows about a page besides its text: vector rules (table borders), the boxes of
other shapes and pictures, and form fields.

Both are read with pypdfium2's raw calls and handed on as library-free values (``Rule``,
``FieldValue``) with the y axis pointing down, like ``Char``.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any, NamedTuple

from wres_convert.errors import ConversionError
from wres_convert.model import Block, Control, Paragraph, text_inlines
from wres_convert.readers.pdf.geometry import Box
from wres_convert.readers.pdf.rotation import to_display
from wres_convert.readers.pdf.tables import Rule

_TEXT, _PATH, _IMAGE = 1, 2, 3
_THIN = 3.0  # a path box this thin is a stroke or a filled hairline rectangle
_MAX_SEGMENTS = 64  # a path with more parts is a drawing (a logo), not borders
_SEGMENT_LINETO, _SEGMENT_MOVETO = 0, 2
_ANNOT_TEXT, _ANNOT_FREETEXT, _ANNOT_WIDGET = 1, 3, 20
_NOT_SHOWN = 2 | 32  # the Hidden and NoView annotation flags
_FIELD_TEXT = 6


Place = Callable[[float, float], tuple[float, float]]


def placer(rotation: int, width: float, height: float) -> Place:
    """Where a user-space point (y up) lies on the page as displayed (/Rotate applied), y down."""

    def at(x: float, y: float) -> tuple[float, float]:
        dx, dy = to_display(x, y, rotation, width, height)
        return dx, height - dy

    return at


def _box(at: Place, left: float, bottom: float, right: float, top: float) -> Box:
    (ax, ay), (bx, by) = at(left, bottom), at(right, top)
    return Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


class Drawing(NamedTuple):
    rules: list[Rule]
    shapes: list[Box]  # other shapes and pictures
    pictures: bool  # an image object is on the page
    images: list[tuple[Any, Box]]  # each image object (valid while the page is open) and its box
    invisible: bool  # a text object is drawn at size 0: PDFium leaves it out of its text layer


def drawn_size(raw: Any, obj: Any) -> float:
    """A text object's font size as its text matrix scales it: 0.0 when it draws nothing at all
    ("0 Tf"); NaN when PDFium cannot say, which is never taken for invisible."""
    size = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    if not raw.FPDFTextObj_GetFontSize(obj, size) or not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return math.nan
    return abs(size.value) * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))


def page_drawing(raw: Any, page: Any, at: Place) -> Drawing:
    """In one pass over the page's objects: horizontal and vertical strokes, from lines,
    hairline boxes and rectangles; the boxes of the other shapes and pictures (as displayed);
    whether there is a picture, and whether some text is drawn at size 0."""
    out: list[Rule] = []
    shapes: list[Box] = []
    pictures = invisible = False
    images: list[tuple[Any, Box]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _TEXT:
            invisible = invisible or drawn_size(raw, obj) == 0.0  # about 3 µs an object
            continue
        if kind == _IMAGE:
            pictures = True
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                shapes.append(_box(at, left.value, bottom.value, right.value, top.value))
                images.append((obj, shapes[-1]))
        if kind != _PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, mode, stroke) or (mode.value == 0 and not stroke.value):
            continue  # a clipping path draws nothing
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        b = _box(at, left.value, bottom.value, right.value, top.value)
        w, h = b.x1 - b.x0, b.bottom - b.top
        if h <= _THIN and w > h:
            out.append(Rule(True, (b.top + b.bottom) / 2, b.x0, b.x1))
        elif w <= _THIN and h > w:
            out.append(Rule(False, (b.x0 + b.x1) / 2, b.top, b.bottom))
        else:
            shapes.append(b)
            if stroke.value:
                out.extend(_outline(raw, obj, at))
    return Drawing(out, shapes, pictures, images, invisible)


def _outline(raw: Any, obj: Any, at: Place) -> list[Rule]:
    """The straight axis-aligned edges of a stroked path: a rectangle or a whole grid in one path."""
    count = raw.FPDFPath_CountSegments(obj)
    if count <= 0 or count > _MAX_SEGMENTS:
        return []
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            return []
        px, py = at(m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        points.append((px, py, raw.FPDFPathSegment_GetType(seg), bool(raw.FPDFPathSegment_GetClose(seg))))
    out: list[Rule] = []
    start = prev = (0.0, 0.0)
    for px, py, kind, close in points:
        if kind == _SEGMENT_MOVETO:
            start = prev = (px, py)
            continue
        if kind == _SEGMENT_LINETO:
            out.extend(_edge(prev, (px, py)))
        prev = (px, py)
        if close:
            out.extend(_edge(prev, start))
            prev = start
    return out


def _edge(a: tuple[float, float], b: tuple[float, float]) -> list[Rule]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 1.0 and abs(ax - bx) >= 1.0:
        return [Rule(True, (ay + by) / 2, min(ax, bx), max(ax, bx))]
    if abs(ax - bx) < 1.0 and abs(ay - by) >= 1.0:
        return [Rule(False, (ax + bx) / 2, min(ay, by), max(ay, by))]
    return []


def is_artifact(raw: Any, obj: Any) -> bool:
    """The object sits in an /Artifact marked-content sequence (page furniture in a tagged PDF)."""
    marks = raw.FPDFPageObj_CountMarks(obj)
    if marks <= 0:
        return False  # most objects: no buffers to make
    out = ctypes.c_ulong()
    buf = ctypes.create_string_buffer(32)
    wide = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
    for k in range(marks):
        mark = raw.FPDFPageObj_GetMark(obj, k)
        if not mark or not raw.FPDFPageObjMark_GetName(mark, wide, 32, out):
            continue
        if buf.raw[: max(0, min(out.value, 32) - 2)].decode("utf-16-le", "replace") == "Artifact":
            return True
    return False


class FieldValue(NamedTuple):
    """A text form field's widget on a page."""

    name: str  # the fully qualified field name (/T of the field and its parents)
    title: str  # the tooltip (/TU)
    value: str
    x0: float
    x1: float
    top: float
    bottom: float


def _wide(fn: Any, *args: Any) -> str:
    """A UTF-16LE string from one of PDFium's two-call string getters."""
    size = fn(*args, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    fn(*args, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
    return buf.raw[: size - 2].decode("utf-16-le", "replace")


def open_forms(raw: Any, doc: Any) -> tuple[Any, Any] | None:
    """A form-fill environment when the document has an AcroForm (kept with its config alive)."""
    if raw.FPDF_GetFormType(doc) != raw.FORMTYPE_ACRO_FORM:
        return None
    config = raw.FPDF_FORMFILLINFO(version=2)
    form = raw.FPDFDOC_InitFormFillEnvironment(doc, config)
    return (form, config) if form else None


class Annotations(NamedTuple):
    fields: list[FieldValue]  # text fields, and text typed onto the page
    comments: int  # sticky notes and callouts: a reviewer's remarks
    hidden: int  # typed text flagged hidden: not shown, not read


def page_fields(raw: Any, form: Any, page: Any, at: Place) -> Annotations:
    """The text fields' widgets on a page, in annotation order, as displayed, with the text typed
    onto the page as FreeText annotations (Acrobat's "Fill & Sign", Preview's text tool), read as
    fields without a name; and how many comments (sticky notes) and hidden typed boxes the page
    has. Checkboxes and buttons are skipped."""
    out: list[FieldValue] = []
    comments = hidden = 0
    rect = raw.FS_RECTF()
    for i in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            kind = raw.FPDFAnnot_GetSubtype(annot)
            if kind == _ANNOT_TEXT:
                comments += 1
                continue
            if kind == _ANNOT_FREETEXT:
                if raw.FPDFAnnot_HasKey(annot, b"CL"):  # a callout: a reviewer's remark
                    comments += 1
                    continue
                typed = _wide(raw.FPDFAnnot_GetStringValue, annot, b"Contents")
                shown = not raw.FPDFAnnot_GetFlags(annot) & _NOT_SHOWN
                hidden += bool(typed.strip()) and not shown
                if typed.strip() and shown and raw.FPDFAnnot_GetRect(annot, rect):
                    b = _box(at, rect.left, rect.bottom, rect.right, rect.top)
                    if b.width >= 1 and b.height >= 1:
                        out.append(FieldValue("", "", typed, b.x0, b.x1, b.top, b.bottom))
                    else:
                        hidden += 1  # a box of no size shows nothing
                continue
            if form is None or kind != _ANNOT_WIDGET:
                continue
            if raw.FPDFAnnot_GetFormFieldType(form, annot) != _FIELD_TEXT:
                continue
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            b = _box(at, rect.left, rect.bottom, rect.right, rect.top)
            out.append(
                FieldValue(
                    _wide(raw.FPDFAnnot_GetFormFieldName, form, annot),
                    _wide(raw.FPDFAnnot_GetFormFieldAlternateName, form, annot),
                    _wide(raw.FPDFAnnot_GetFormFieldValue, form, annot),
                    b.x0,
                    b.x1,
                    b.top,
                    b.bottom,
                )
            )
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return Annotations(out, comments, hidden)


def field_blocks(value: str) -> tuple[Block, ...]:
    """A typed answer as blocks: the text reader knows "- item" lines and lone sub-heading lines."""
    from wres_convert.readers.text import read as read_text

    try:
        return read_text(value.encode("utf-8")).blocks
    except ConversionError:
        return (Paragraph(text_inlines(value.strip())),)


def to_control(f: FieldValue) -> Control:
    if not f.value.strip():
        return Control((), tag=f.name, title=f.title, placeholder=True)
    return Control(field_blocks(f.value), tag=f.name, title=f.title)


def inside(f: FieldValue, x: float, y: float) -> bool:
    return f.x0 <= x <= f.x1 and f.top <= y <= f.bottom
