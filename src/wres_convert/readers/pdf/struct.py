"""Tagged PDFs: the structure tree says which glyphs make one paragraph, heading or list item.

Word and LibreOffice export a structure tree when asked for an accessible ("tagged") PDF. Every
piece of page content carries a marked-content ID (MCID); the tree's elements (``P``, ``H1``,
``LI``...) claim those IDs page by page. This module reads the tree with PDFium's own
``FPDF_StructTree_*`` calls (the tree is already parsed, and its element types already go through
the document's /RoleMap, so "Standard" arrives as ``P``) and hands ``pdf.py`` one ``Tag`` per MCID.

A tag names the *block* a glyph belongs to: its innermost heading, paragraph-like element or list
item. Its ``key`` is the element's path of child indexes from the root, which PDFium keeps the same
on every page (kids that live on other pages are left as empty slots), so a paragraph that a page
break split has the same key on both pages. The line → block code then uses keys instead of its
spacing heuristics wherever both lines are tagged (``pdf_blocks``).
"""

from __future__ import annotations

import ctypes
from typing import Any, NamedTuple

from wres_convert.text import patterns

# Elements whose content is one block of text (ISO 32000 block-level structure types).
_PARA = frozenset({"P", "Caption", "BlockQuote", "Note", "TOCI", "BibEntry", "Index", "Code"})
_HEADING = patterns.compile(r"^H([1-6])?$")
_CELL = frozenset({"TD", "TH"})  # text put straight into a cell, with no P round it
_MAX_DEPTH = 64  # a deeper tree is damaged or hostile: its lower levels are left to the heuristics


class Tag(NamedTuple):
    """The block a glyph belongs to, as the structure tree says."""

    key: tuple[int, ...]  # the block element's path from the root: the same on every page
    kind: str  # "h" heading, "p" paragraph, "li" list item
    level: int = 0  # heading level (0: the tree does not say) or list nesting (0 outermost)
    label: bool = False  # part of a list item's label (Lbl): the bullet or number, not the text


def is_tagged(raw: Any, doc: Any) -> bool:
    """/MarkInfo /Marked true and a /StructTreeRoot: only then is the tree worth walking."""
    return bool(raw.FPDFCatalog_IsTagged(doc))


def _type(raw: Any, elem: Any) -> str:
    size = raw.FPDF_StructElement_GetType(elem, None, 0)
    if size <= 2 or size > 256:
        return ""
    buf = ctypes.create_string_buffer(size)
    raw.FPDF_StructElement_GetType(elem, buf, size)
    return buf.raw[: size - 2].decode("utf-16-le", "replace")


def _tag(chain: list[tuple[str, tuple[int, ...]]]) -> Tag | None:
    """The tag for content whose ancestors (root first) are ``chain``."""
    for depth in range(len(chain) - 1, -1, -1):
        kind, path = chain[depth]
        if kind == "LI":
            # Nesting counts the lists round this item; a Lbl below it holds the marker.
            lists = sum(1 for k, _ in chain[:depth] if k == "L")
            label = any(k == "Lbl" for k, _ in chain[depth + 1 :])
            return Tag(path, "li", max(0, lists - 1), label)
    for kind, path in reversed(chain):
        if m := _HEADING.match(kind):
            return Tag(path, "h", int(m.group(1) or 0))
        if kind in _PARA or kind in _CELL:
            return Tag(path, "p")
    return None


def page_tags(raw: Any, page: Any) -> dict[int, Tag]:
    """MCID → tag for one page's content (an empty map when the page has no tree)."""
    tree = raw.FPDF_StructTree_GetForPage(page)
    if not tree:
        return {}
    out: dict[int, Tag] = {}
    try:
        stack: list[tuple[Any, list[tuple[str, tuple[int, ...]]]]] = []
        for i in reversed(range(raw.FPDF_StructTree_CountChildren(tree))):
            elem = raw.FPDF_StructTree_GetChildAtIndex(tree, i)
            if elem:
                stack.append((elem, [(_type(raw, elem), (i,))]))
        while stack:
            elem, chain = stack.pop()
            tag = _tag(chain)
            count = raw.FPDF_StructElement_CountChildren(elem)
            for i in reversed(range(count)):
                # Marked content on *this* page only: kids on other pages read as -1 here.
                mcid = raw.FPDF_StructElement_GetChildMarkedContentID(elem, i)
                if mcid >= 0 and tag is not None:
                    out.setdefault(mcid, tag)
                kid = raw.FPDF_StructElement_GetChildAtIndex(elem, i)
                if kid and len(chain) < _MAX_DEPTH:
                    stack.append((kid, [*chain, (_type(raw, kid), (*chain[-1][1], i))]))
    finally:
        raw.FPDF_StructTree_Close(tree)
    return out


def object_tag(raw: Any, obj: Any, tags: dict[int, Tag]) -> Tag | None:
    """The tag of a page object, through the MCID of the marked content it sits in."""
    if not tags:
        return None
    mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
    return tags.get(mcid) if mcid >= 0 else None
