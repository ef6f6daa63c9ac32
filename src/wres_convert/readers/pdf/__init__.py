"""PDF reader: pypdfium2 supplies positioned glyphs (``pdf_glyphs``), ``pdf_layout`` and ``pdf_blocks`` do the rest.

pypdfium2's raw PDFium calls give each glyph's box, size, font and link cheaply (a few
milliseconds a page, several times faster than pdfplumber's ``extract_text``), so pdfplumber stays
out of the hot path. Metadata (the Author is the submitter's name) is never read.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from wres_convert.errors import ConversionError
from wres_convert.model import Document, Message, Paragraph
from wres_convert.readers.pdf.flow import Widget, build_document
from wres_convert.readers.pdf.geometry import Box
from wres_convert.readers.pdf.glyphs import Font, glyphs
from wres_convert.readers.pdf.images import Placed, chart_picture, page_pictures, without_repeats
from wres_convert.readers.pdf.layout import Char, PageSize, build_lines, fill_unknown_sizes
from wres_convert.readers.pdf.objects import (
    FieldValue,
    inside,
    open_forms,
    page_drawing,
    page_fields,
    placer,
    to_control,
)
from wres_convert.readers.pdf.rotation import to_display
from wres_convert.readers.pdf.struct import is_tagged, page_tags
from wres_convert.readers.pdf.tables import Grid, Rule, find_grids, text_extent
from wres_convert.values import record

_PDFACTION_URI = 3
_FPDF_ERR_PASSWORD = 4
_FPDF_ERR_SECURITY = 5


def _corrupt(detail: str) -> ConversionError:
    return ConversionError(
        "corrupt-pdf",
        f"the PDF is damaged or incomplete ({detail})",
        "open it in a PDF viewer and save or print it to a new PDF, then convert that",
    )


def _links(
    raw: Any, doc: Any, page: Any, width: float, height: float, rotation: int
) -> list[tuple[float, float, float, float, str]]:
    """URI link annotations on a page, as (x0, top, x1, bottom, uri) with the y axis pointing down,
    on the page as displayed."""
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
            ends = [
                to_display(x, y, rotation, width, height)
                for x, y in ((rect.left, rect.bottom), (rect.right, rect.top))
            ]
            x0, x1 = sorted(p[0] for p in ends)
            y0, y1 = sorted(p[1] for p in ends)
            out.append((x0, height - y1, x1, height - y0, uri))
    return out


@record(eq=False)
class _Page:
    chars: list[Char]
    furniture: list[Char]  # marked as artifacts: headers, footers, page and line numbers
    labels: list[Char]  # the text of charts and figures drawn on the page
    size: PageSize
    scanned: bool  # a picture without text: a scanned page
    invisible: bool  # some of its text is drawn at size 0 and was left out
    has_text_layer: bool  # PDFium found characters, readable or not
    turned: bool  # some text runs sideways or upside down on the page as displayed; read
    skewed: bool  # some text is set at a slant; left out
    grids: list[Grid]
    fields: list[FieldValue]
    comments: int  # sticky notes: a reviewer's remarks, not the return's text
    hidden: int  # typed boxes flagged hidden
    pictures: list[Placed]  # images of a meaningful size, where they stand
    lost: int  # pictures that could not be read (too large, damaged)


def _read_page(raw: Any, doc: Any, index: int, fonts: dict[int, Font], form: Any, tagged: bool) -> _Page:
    """The page's glyphs (with their structure tags), size, ruled tables and form fields."""
    page = raw.FPDF_LoadPage(doc, index)
    if not page:
        raise _corrupt(f"page {index + 1} cannot be loaded")
    try:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)  # as displayed
        rotation = raw.FPDFPage_GetRotation(page) % 4
        links = _links(raw, doc, page, width, height, rotation)
        tags = page_tags(raw, page) if tagged else {}
        text_page = raw.FPDFText_LoadPage(page)
        chars: list[Char] = []
        furniture: list[Char] = []
        invisible = counted = turned = skewed = False
        if text_page:
            try:
                counted = raw.FPDFText_CountChars(text_page) > 0
                found = glyphs(raw, text_page, index, height, links, fonts, tags, width, rotation)
                chars, furniture, invisible = found.chars, found.furniture, found.invisible
                turned, skewed = found.turned, found.skewed
            finally:
                raw.FPDFText_ClosePage(text_page)
        at = placer(rotation, width, height)
        fields, comments, hidden = page_fields(raw, form, page, at)
        blank = not any(not c.text.isspace() for c in chars)
        drawing = page_drawing(raw, page, at)
        # Text drawn at size 0 is left out of PDFium's text layer: only the objects show it.
        invisible = invisible or drawing.invisible
        scanned = blank and not invisible and not fields and drawing.pictures
        rules, shapes = (drawing.rules, drawing.shapes) if chars else ([], [])
        figures = _figures(chars, shapes, rules, width, height) if len(shapes) >= 3 else []
        labels: list[Char] = []
        if figures:  # a chart's labels and grid lines are not text or a table
            chars, labels = _apart(chars, lambda x, y: any(f.holds(x, y) for f in figures))
            rules = [r for r in rules if not any(f.holds(*_middle(r)) for f in figures)]
        grids = find_grids(index, rules, text_extent(chars, height)) if rules else []
        # A scanned page's image is the page (its warning says so); one under a figure's labels
        # is that figure's, whose labels were kept out of the text.
        shown = [(o, b) for o, b in drawing.images if not any(f.holds(*b.centre()) for f in figures)]
        pictures, lost = page_pictures(raw, index, shown) if shown and not scanned else ([], 0)
        for region in figures:
            chart = chart_picture(raw, page, index, region, _label_lines(labels, region))
            if chart is not None:
                pictures.append(chart)
        size = PageSize(width, height)
        chars = _without_field_text(chars, fields)
        return _Page(
            chars,
            furniture,
            labels,
            size,
            scanned,
            invisible,
            counted,
            turned,
            skewed,
            grids,
            fields,
            comments,
            hidden,
            pictures,
            lost,
        )
    finally:
        raw.FPDF_ClosePage(page)


def _figures(
    chars: list[Char], shapes: list[Box], rules: list[Rule], width: float, height: float
) -> list[Box]:
    from wres_convert.readers.pdf.figures import find_figures  # only pages with drawings look for charts

    return find_figures(chars, shapes, rules, width, height)


def _label_lines(labels: list[Char], region: Box) -> list[str]:
    """A figure's label lines, its largest first (the title, as a rule), then top to bottom."""
    lines = build_lines([c for c in labels if region.holds(*c.centre())])
    lines.sort(key=lambda x: (-x.size, x.baseline, x.x0))
    return [" ".join(line.text.split()) for line in lines]


def _apart(chars: list[Char], within: Callable[[float, float], bool]) -> tuple[list[Char], list[Char]]:
    """The glyphs outside a region, and those inside it (by their centres)."""
    out: list[Char] = []
    inside: list[Char] = []
    for c in chars:
        (inside if within(*c.centre()) else out).append(c)
    return out, inside


def _middle(rule: Rule) -> tuple[float, float]:
    mid = (rule.start + rule.end) / 2
    return (mid, rule.pos) if rule.horizontal else (rule.pos, mid)


def _without_field_text(chars: list[Char], fields: list[FieldValue]) -> list[Char]:
    """Drop page text that merely repeats a field's value (a flattened copy printed under it)."""
    out = chars
    for f in fields:
        value = "".join(f.value.split())
        if not value:
            continue
        within = [c for c in out if inside(f, *c.centre())]
        printed = "".join("".join(c.text for c in within).split())
        if printed and printed in value:
            drop = {id(c) for c in within}
            out = [c for c in out if id(c) not in drop]
    return out


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


def read(data: bytes, *, max_pages: int | None = None) -> Document:
    """Read the bytes of a PDF into the document model. ``max_pages`` refuses a longer PDF before
    any page is loaded: a return is a few pages, and each page costs time and memory."""
    raw = pdfium()
    buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads from this buffer while open
    doc = _open(raw, buf, len(data))
    forms = None
    try:
        count = raw.FPDF_GetPageCount(doc)
        if count <= 0:
            raise _corrupt("it has no pages")
        if max_pages is not None and count > max_pages:
            raise ConversionError(
                "too-many-pages",
                f"the PDF has {count} pages, over the limit of {max_pages}",
                "raise the limit with --max-pages",
            )
        forms = open_forms(raw, doc)
        fonts: dict[int, Font] = {}
        tagged = is_tagged(raw, doc)
        form = forms[0] if forms else None
        pages = [_read_page(raw, doc, index, fonts, form, tagged) for index in range(count)]
    except (ConversionError, MemoryError):  # MemoryError: the worker's memory cap (isolate.py)
        raise
    except Exception as exc:  # PDFium is C: any Python-side failure means bytes it could not make sense of
        raise _corrupt(type(exc).__name__) from exc
    finally:
        if forms:
            raw.FPDFDOC_ExitFormFillEnvironment(forms[0])
        raw.FPDF_CloseDocument(doc)
    chars = [c for p in pages for c in p.chars]
    fill_unknown_sizes(chars)
    widgets = _widgets(pages)
    if not any(not c.text.isspace() for c in chars) and not any(w.control.blocks for w in widgets):
        raise _nothing_to_read(pages)
    warnings = tuple(
        Message(
            "pdf-page-without-text", f"page {n} has no text layer (a scanned page?); its content is missing"
        )
        for n, p in enumerate(pages, start=1)
        if p.scanned
    )
    warnings += _page_warnings(pages)
    # Pictures join the flow where they stand, as form fields do; a logo on every page does not.
    widgets += [
        Widget(p.page, p.box.x0, p.box.x1, p.box.top, p.box.bottom, p.picture())
        for p in without_repeats([p for page in pages for p in page.pictures])
    ]
    grids = [g for p in pages for g in p.grids]
    sizes = [p.size for p in pages]
    blocks, dropped, notes = build_document(chars, sizes, grids, widgets)
    if notes:
        warnings += (
            Message(
                "pdf-footnotes",
                f"{notes} footnote{'s' if notes > 1 else ''} printed at the foot of a page "
                f"{'were' if notes > 1 else 'was'} taken out of the text and kept as notes of the "
                "paragraphs that call them; check they belong there",
            ),
        )
    labels = [c for p in pages for c in p.labels]
    fill_unknown_sizes(labels)
    figures = tuple(Paragraph(line.inlines()) for line in build_lines(labels))
    marked = [c for p in pages for c in p.furniture]
    fill_unknown_sizes(marked)
    lines = sorted([*dropped, *build_lines(marked)], key=lambda x: (x.page, x.baseline, x.x0))
    furniture = tuple(Paragraph(line.inlines()) for line in lines)
    return Document(blocks=blocks, format="pdf", warnings=warnings, furniture=furniture, figures=figures)


def _nothing_to_read(pages: list[_Page]) -> ConversionError:
    """Why a PDF yields no text: said as it is, so a PDF with a text layer is never called a scan."""
    if any(p.invisible for p in pages):
        return ConversionError(
            "invisible-pdf-text",
            "the PDF's text is drawn at size 0, so it is invisible on the page; nothing was read",
            "send the document it was made from (.docx), or a PDF saved from it with its text showing",
        )
    if any(p.has_text_layer for p in pages) and not any(p.scanned for p in pages):
        return ConversionError(
            "unreadable-pdf-text",
            "the PDF has a text layer, but none of it could be read as text (its fonts give no "
            "letters, or all of it is rotated or marked as page furniture)",
            "send the document it was made from (.docx), or run OCR on it, e.g. "
            "`ocrmypdf --force-ocr in.pdf out.pdf`",
        )
    return ConversionError(
        "scanned-pdf",
        "the PDF has no text layer: it looks like a scan",
        "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`",
    )


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


# What was read unusually, or left out, page by page: (what the page shows, code, message).
_PAGE_WARNINGS: tuple[tuple[Callable[[_Page], object], str, str], ...] = (
    (
        lambda p: p.invisible,
        "pdf-invisible-text",
        "text drawn at size 0, which shows nowhere on the page, was left out (page {pages})",
    ),
    (
        lambda p: p.turned,
        "pdf-rotated-text",
        "text running sideways or upside down was read in its own direction and placed where it "
        "stands (page {pages}); check its place in the text",
    ),
    (
        lambda p: p.skewed,
        "pdf-slanted-text",
        "text set at a slant (a watermark?) was left out (page {pages})",
    ),
    (
        lambda p: p.comments,
        "comments",
        "the PDF has comments (sticky notes, page {pages}); they were left out of the case study",
    ),
    (
        lambda p: p.lost,
        "image-dropped",
        "a picture on the PDF (page {pages}) could not be read (too large to decode safely, or "
        "damaged) and was left out",
    ),
    (
        lambda p: p.hidden,
        "hidden-text",
        "text typed onto the PDF but flagged hidden (page {pages}) was left out, as a viewer hides it",
    ),
    (
        lambda p: p.labels,
        "pdf-figure-text",
        "a chart drawn on the PDF (page {pages}) is kept as a picture of it, with its labels as its "
        "alt text and its largest label as its caption; check they read well",
    ),
)


def _page_warnings(pages: list[_Page]) -> tuple[Message, ...]:
    """One warning for each kind of thing some pages show, naming the pages."""
    out: tuple[Message, ...] = ()
    for shows, code, text in _PAGE_WARNINGS:
        where = [str(n) for n, p in enumerate(pages, start=1) if shows(p)]
        if where:
            out += (Message(code, text.format(pages=", ".join(where))),)
    return out
