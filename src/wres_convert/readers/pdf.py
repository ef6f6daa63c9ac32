"""PDF reader: pypdfium2 supplies positioned glyphs, ``pdf_layout`` and ``pdf_blocks`` do the rest.

pypdfium2's raw PDFium calls give each glyph's box, size, font and link cheaply (a few
milliseconds a page, several times faster than pdfplumber's ``extract_text``), so pdfplumber stays
out of the hot path. Metadata (the Author is the submitter's name) is never read.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from wres_convert.errors import ConversionError
from wres_convert.model import Document, Message
from wres_convert.readers.pdf_flow import Widget, build_document
from wres_convert.readers.pdf_layout import Char, PageSize
from wres_convert.readers.pdf_objects import (
    FieldValue,
    inside,
    is_artifact,
    open_forms,
    page_fields,
    page_rules,
    to_control,
)
from wres_convert.readers.pdf_struct import Tag, is_tagged, object_tag, page_tags
from wres_convert.readers.pdf_tables import Grid, find_grids

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi|extrabold|ultrabold", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted|kursiv", re.IGNORECASE)
_FLAG_ITALIC = 1 << 6
_FLAG_FORCE_BOLD = 1 << 18
_RENDER_FILL_STROKE = 2  # Word's "fake bold" for fonts without a bold face
_PDFACTION_URI = 3
_FPDF_ERR_PASSWORD = 4
_FPDF_ERR_SECURITY = 5
_FPDF_PAGEOBJ_IMAGE = 3


@dataclass(frozen=True)
class _Font:
    bold: bool
    italic: bool


def _corrupt(detail: str) -> ConversionError:
    return ConversionError(
        "corrupt-pdf",
        f"the PDF is damaged or incomplete ({detail})",
        "open it in a PDF viewer and save or print it to a new PDF, then convert that",
    )


def _font(raw: Any, font: Any) -> _Font:
    buf = ctypes.create_string_buffer(256)
    n = raw.FPDFFont_GetBaseFontName(font, buf, 256)
    name = buf.raw[: max(0, n - 1)].decode("utf-8", "replace").split("+")[-1]
    flags = raw.FPDFFont_GetFlags(font)
    angle = ctypes.c_int(0)
    raw.FPDFFont_GetItalicAngle(font, angle)
    bold = (
        bool(_BOLD_NAME.search(name)) or raw.FPDFFont_GetWeight(font) >= 600 or bool(flags & _FLAG_FORCE_BOLD)
    )
    italic = bool(_ITALIC_NAME.search(name)) or bool(flags & _FLAG_ITALIC) or angle.value != 0
    return _Font(bold, italic)


def _links(raw: Any, doc: Any, page: Any, height: float) -> list[tuple[float, float, float, float, str]]:
    """URI link annotations on a page, as (x0, top, x1, bottom, uri) with the y axis pointing down."""
    out: list[tuple[float, float, float, float, str]] = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page, pos, link):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != _PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(doc, action, None, 0)
        buf = ctypes.create_string_buffer(max(1, size))
        raw.FPDFAction_GetURIPath(doc, action, buf, size)
        uri = buf.raw[: max(0, size - 1)].decode("utf-8", "replace").strip()
        if uri and raw.FPDFLink_GetAnnotRect(link, rect):
            x0, x1 = sorted((rect.left, rect.right))
            y0, y1 = sorted((rect.bottom, rect.top))
            out.append((x0, height - y1, x1, height - y0, uri))
    return out


def _has_image(raw: Any, page: Any) -> bool:
    return any(
        raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i)) == _FPDF_PAGEOBJ_IMAGE
        for i in range(raw.FPDFPage_CountObjects(page))
    )


@dataclass
class _Page:
    chars: list[Char]
    size: PageSize
    scanned: bool  # a picture without text: a scanned page
    grids: list[Grid]
    fields: list[FieldValue]


def _read_page(raw: Any, doc: Any, index: int, fonts: dict[int, _Font], form: Any, tagged: bool) -> _Page:
    """The page's glyphs (with their structure tags), size, ruled tables and form fields."""
    page = raw.FPDF_LoadPage(doc, index)
    if not page:
        raise _corrupt(f"page {index + 1} cannot be loaded")
    try:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        links = _links(raw, doc, page, height)
        tags = page_tags(raw, page) if tagged else {}
        text_page = raw.FPDFText_LoadPage(page)
        chars: list[Char] = []
        if text_page:
            try:
                chars = _glyphs(raw, text_page, index, height, links, fonts, tags)
            finally:
                raw.FPDFText_ClosePage(text_page)
        fields = page_fields(raw, form, page, height) if form else []
        scanned = not any(not c.text.isspace() for c in chars) and not fields and _has_image(raw, page)
        grids = find_grids(index, page_rules(raw, page, height)) if chars else []
        return _Page(_without_field_text(chars, fields), PageSize(width, height), scanned, grids, fields)
    finally:
        raw.FPDF_ClosePage(page)


def _without_field_text(chars: list[Char], fields: list[FieldValue]) -> list[Char]:
    """Drop page text that merely repeats a field's value (a flattened copy printed under it)."""
    out = chars
    for f in fields:
        value = "".join(f.value.split())
        if not value:
            continue
        within = [c for c in out if inside(f, (c.x0 + c.x1) / 2, c.baseline - 0.3 * c.size)]
        printed = "".join("".join(c.text for c in within).split())
        if printed and printed in value:
            drop = {id(c) for c in within}
            out = [c for c in out if id(c) not in drop]
    return out


# The three PDFium calls made for every glyph, declared again with plain addresses for arguments
# and result: pypdfium2's typed pointers cost a conversion per call, and a PDF has thousands of
# glyphs. GetTextObject returns the object's address as an int, a key for the glyph's run.
_INT = ctypes.c_int
_ADDR = ctypes.c_void_p
_GLYPH_CALLS = (
    ("FPDFText_GetTextObject", ctypes.CFUNCTYPE(_ADDR, _ADDR, _INT)),
    ("FPDFText_GetCharBox", ctypes.CFUNCTYPE(_INT, _ADDR, _INT, _ADDR, _ADDR, _ADDR, _ADDR)),
    ("FPDFText_GetCharOrigin", ctypes.CFUNCTYPE(_INT, _ADDR, _INT, _ADDR, _ADDR)),
)


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


@cache
def _glyph_calls(raw: Any) -> list[Any]:
    return [proto(_address(getattr(raw, name))) for name, proto in _GLYPH_CALLS]


_WHITESPACE = frozenset((0x20, 0x0A, 0x0D, 0x09))  # the only characters PDFium generates


@dataclass(frozen=True)
class _Run:
    """What every glyph of one text object shares."""

    font: _Font
    tag: Tag | None
    size: float


def _glyphs(
    raw: Any,
    text_page: Any,
    index: int,
    height: float,
    links: list[tuple[float, float, float, float, str]],
    fonts: dict[int, _Font],
    tags: dict[int, Tag],
) -> list[Char]:
    """The page's glyphs. About three calls into PDFium per glyph: the text comes in one call,
    and style, size and angle once per text object, since all of an object's glyphs share them."""
    count = raw.FPDFText_CountChars(text_page)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    got = raw.FPDFText_GetText(text_page, 0, count, buffer)
    units = bytes(buffer)[: max(0, got - 1) * 2]
    codes = [int.from_bytes(units[k : k + 2], "little") for k in range(0, len(units), 2)]
    if len(codes) != count or any(0xD800 <= c < 0xE000 for c in codes):
        # A character outside the BMP takes two UTF-16 units, and the indexes no longer line up
        # with PDFium's: ask for each character instead.
        codes = [raw.FPDFText_GetUnicode(text_page, i) for i in range(count)]
    object_at, char_box, char_origin = _glyph_calls(raw)
    page_at = _address(text_page)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box = [ctypes.addressof(v) for v in (left, right, bottom, top)]
    origin = [ctypes.addressof(v) for v in (ox, oy)]
    runs: dict[int, _Run | None] = {}  # None: an artifact, or rotated text
    chars: list[Char] = []
    for i, code in enumerate(codes):
        if code == 0xFFFE:  # GetText's stand-in for a line-end hyphen (U+0002) and the like
            code = raw.FPDFText_GetUnicode(text_page, i)
        # PDFium adds spaces and line ends of its own; the layout code makes its own decisions.
        if code in (0, 0xFFFE, 0xFFFF) or (
            code in _WHITESPACE and raw.FPDFText_IsGenerated(text_page, i) == 1
        ):
            continue
        key = object_at(page_at, i) or 0
        run = runs.get(key, _Run)
        if run is _Run:
            run = runs[key] = _run(raw, text_page, i, key, fonts, tags)
        if run is None:
            continue
        char_box(page_at, i, *box)
        char_origin(page_at, i, *origin)
        x0, x1 = min(ox.value, left.value), max(right.value, left.value)
        baseline = height - oy.value
        href = None
        if links:
            cx = (x0 + x1) / 2
            for lx0, ltop, lx1, lbottom, uri in links:
                if lx0 <= cx <= lx1 and ltop - 1 <= baseline <= lbottom + 2:
                    href = uri
                    break
        # PDFium reports every hyphen that ends a line as U+0002; whether it is a real hyphen is
        # decided by pdf_blocks, so hand on the "-" that is printed.
        valid = code < 0x110000 and not 0xD800 <= code < 0xE000
        text = "-" if code == 2 else chr(code) if valid else "\ufffd"
        font = run.font
        chars.append(Char(text, index, x0, x1, baseline, run.size, font.bold, font.italic, href, i, run.tag))
    return chars


def _run(
    raw: Any, text_page: Any, i: int, key: int, fonts: dict[int, _Font], tags: dict[int, Tag]
) -> _Run | None:
    """The shared style of the text object glyph ``i`` belongs to; None to leave its glyphs out."""
    # Rotated text: watermarks and margin notes, never the answers.
    if abs(raw.FPDFText_GetCharAngle(text_page, i)) > 0.01:
        return None
    obj = raw.FPDFText_GetTextObject(text_page, i) if key else None
    # Tagged PDFs mark running headers, footers and page numbers as artifacts: not content.
    if obj and is_artifact(raw, obj):
        return None
    size = round(raw.FPDFText_GetFontSize(text_page, i), 1)
    return _Run(_object_style(raw, obj, fonts), object_tag(raw, obj, tags) if obj else None, size)


def _object_style(raw: Any, obj: Any, fonts: dict[int, _Font]) -> _Font:
    if not obj:
        return _Font(False, False)
    font = raw.FPDFTextObj_GetFont(obj)
    fkey = ctypes.cast(font, ctypes.c_void_p).value or 0
    if fkey not in fonts:
        fonts[fkey] = _font(raw, font) if font else _Font(False, False)
    style = fonts[fkey]
    if not style.bold and raw.FPDFTextObj_GetTextRenderMode(obj) == _RENDER_FILL_STROKE:
        style = _Font(True, style.italic)
    return style


def _open(raw: Any, buf: Any, size: int) -> Any:
    doc = raw.FPDF_LoadMemDocument64(buf, size, None)
    if doc:
        return doc
    error = raw.FPDF_GetLastError()
    if error in (_FPDF_ERR_PASSWORD, _FPDF_ERR_SECURITY):
        raise ConversionError(
            "encrypted-pdf",
            "the PDF is password-protected",
            "remove the password (print to PDF without it) and convert that",
        )
    raise _corrupt("it cannot be opened")


_initialised = False


def pdfium() -> Any:
    """PDFium's raw bindings, started once. They come from pypdfium2's own bindings package,
    ``pypdfium2_raw``: importing ``pypdfium2.raw`` would first import pypdfium2's helper layer
    (logging, argparse, urllib…), twice the start-up for nothing this reader uses. Starting the
    library is what that layer would have done; PDFium ignores a second start."""
    global _initialised
    try:
        import pypdfium2_raw as raw  # lazy: only PDF conversions pay for PDFium
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise ConversionError(
            "pdf-support-missing", "PDF support is not installed", "pip install pypdfium2"
        ) from exc
    if not _initialised:
        config = raw.FPDF_LIBRARY_CONFIG(
            version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0
        )
        raw.FPDF_InitLibraryWithConfig(config)
        _initialised = True
    return raw


def read(data: bytes) -> Document:
    """Read the bytes of a PDF into the document model."""
    raw = pdfium()
    buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads from this buffer while open
    doc = _open(raw, buf, len(data))
    forms = None
    try:
        count = raw.FPDF_GetPageCount(doc)
        if count <= 0:
            raise _corrupt("it has no pages")
        forms = open_forms(raw, doc)
        fonts: dict[int, _Font] = {}
        tagged = is_tagged(raw, doc)
        form = forms[0] if forms else None
        pages = [_read_page(raw, doc, index, fonts, form, tagged) for index in range(count)]
    except ConversionError:
        raise
    except Exception as exc:  # PDFium is C: any Python-side failure means bytes it could not make sense of
        raise _corrupt(type(exc).__name__) from exc
    finally:
        if forms:
            raw.FPDFDOC_ExitFormFillEnvironment(forms[0])
        raw.FPDF_CloseDocument(doc)
    chars = [c for p in pages for c in p.chars]
    widgets = _widgets(pages)
    if not any(not c.text.isspace() for c in chars) and not any(w.control.blocks for w in widgets):
        raise ConversionError(
            "scanned-pdf",
            "the PDF has no text layer: it looks like a scan",
            "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`",
        )
    warnings = tuple(
        Message(
            "pdf-page-without-text", f"page {n} has no text layer (a scanned page?); its content is missing"
        )
        for n, p in enumerate(pages, start=1)
        if p.scanned
    )
    grids = [g for p in pages for g in p.grids]
    blocks = build_document(chars, [p.size for p in pages], grids, widgets)
    return Document(blocks=blocks, format="pdf", warnings=warnings)


def _widgets(pages: list[_Page]) -> list[Widget]:
    """One placed Control per text field: a field shown on several pages is read once."""
    seen: set[str] = set()
    out: list[Widget] = []
    for index, page in enumerate(pages):
        for f in page.fields:
            if f.name and f.name in seen:
                continue
            seen.add(f.name)
            out.append(Widget(index, f.x0, f.x1, f.top, f.bottom, to_control(f)))
    return out
