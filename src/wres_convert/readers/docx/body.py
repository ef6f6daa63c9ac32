"""Block level of a Word body: paragraphs become headings, list items or paragraphs; tables stay
tables (``docx_tables``). A content control that names its question, or still shows its prompt,
becomes a ``Control`` (``docx_controls``); other controls, custom XML and ``mc:AlternateContent``
around blocks are unwrapped. What a paragraph anchors follows it: a text box's blocks, a SmartArt
diagram's list (``docx_drawings``); what is left out is counted by the paragraph it was in, for a
``dropped-content`` warning that says where. A drop cap (``w:framePr w:dropCap``) is a paragraph
of its own in Word's XML; its letter joins the next paragraph's first word."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from lxml import etree

from wres_convert.model import (
    Block,
    Heading,
    Inlines,
    ListItem,
    Paragraph,
    Span,
    merge_spans,
    strip_inlines,
)
from wres_convert.readers.docx.controls import control_info, wrap
from wres_convert.readers.docx.drawings import Anchored, Diagram, DrawnBlock, Dropped, TextBox
from wres_convert.readers.docx.inline import Format, InlineReader, choose_branch
from wres_convert.readers.docx.numbering import Numbering, Restarts
from wres_convert.readers.docx.package import MC, Props, props_of, w, wval
from wres_convert.readers.docx.styles import NumPr, Styles, read_indent, read_num_pr, read_outline_level
from wres_convert.readers.docx.tables import TableReader
from wres_convert.readers.nesting import MAX_LIST_LEVEL
from wres_convert.text.markers import typed_marker
from wres_convert.values import replace

BLOCK_WRAPPERS = {w("customXml"), w("ins"), w("moveTo")}
INDENT_STEP = 360  # twips: a quarter inch, Word's usual list indent step
_P, _P_PR, _P_STYLE, _FRAME_PR, _DROP_CAP = w("p"), w("pPr"), w("pStyle"), w("framePr"), w("dropCap")


class _Item(NamedTuple):
    """A block on its way out; ``indent`` is set on hand-typed list items so they can be nested."""

    block: Block
    indent: int | None = None


class BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering, inline: InlineReader, where: str = "") -> None:
        self._styles = styles
        self._numbering = numbering
        self._inline = inline
        self._restarts = Restarts(numbering)
        self._tables = TableReader(self.blocks)
        self._where = where  # "" for the body, "footnote 2" for a note's reader
        self._paragraphs = 0  # paragraphs read so far, empty ones too: where things are
        self._drop_cap: list[Span] | None = None  # a drop cap's letter, waiting for its word
        self.dropped: list[tuple[str, str]] = []  # (what, where) of everything left out
        self._base_formats: dict[tuple[str | None, bool], Format] = {}  # by paragraph style, heading

    def blocks(self, parent: etree._Element) -> list[Block]:
        items: list[_Item] = []
        outer, self._drop_cap = self._drop_cap, None  # a cell's drop cap stays in its cell
        self._collect(parent, items)
        self._flush_drop_cap(items)
        self._drop_cap = outer
        return _join_vertical_letters(_nest_typed_items(items))

    def _collect(self, parent: etree._Element, items: list[_Item]) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                items.extend(self._paragraph(child))
            elif tag == w("tbl"):
                self._flush_drop_cap(items)
                table = self._tables.read(child)
                self._restarts.interrupt()
                if table.rows:
                    items.append(_Item(table))
            elif tag in BLOCK_WRAPPERS:
                self._collect(child, items)
            elif tag == w("sdt"):
                self._control(child, items)
            elif tag == f"{{{MC}}}AlternateContent":
                branch = choose_branch(child)
                if branch is not None:
                    self._collect(branch, items)
            elif tag == w("altChunk"):  # HTML, RTF or another .docx imported whole: never read
                where = self._where or f"after paragraph {self._paragraphs}"
                self.dropped.append(("an embedded document (altChunk)", where))

    def _control(self, sdt: etree._Element, items: list[_Item]) -> None:
        info = control_info(sdt)
        content = sdt.find(w("sdtContent"))
        if info.placeholder or content is None:
            self._restarts.interrupt()
            items.extend(_Item(b) for b in wrap([], info))  # its prompt is never content
        elif not info.named:
            self._collect(content, items)  # nothing to say about it: its blocks, unwrapped
        else:
            items.extend(_Item(b) for b in wrap(self.blocks(content), info))

    # Paragraphs

    def _paragraph(self, p: etree._Element) -> list[_Item]:
        self._paragraphs += 1
        where = self._where or f"paragraph {self._paragraphs}"
        # Word writes w:pPr first; looking there saves a search of the paragraph.
        first = p[0] if len(p) else None
        ppr = props_of(first) if first is not None and first.tag == _P_PR else props_of(p.find(_P_PR))
        style_id = wval(ppr.get(_P_STYLE))
        level = self._styles.heading_level(style_id, read_outline_level(ppr))
        inline = self._inline.read_styled(p, self._base_format(style_id, heading=level is not None), style_id)
        frame = ppr.get(_FRAME_PR)
        if frame is not None and frame.get(_DROP_CAP, "none") != "none" and inline.spans:
            self._drop_cap = [*(self._drop_cap or []), *inline.spans]
            return self._anchored(inline.anchored, where)
        if self._drop_cap is not None:  # "T" + "he answer" reads "The answer", as Word shows it
            inline.spans[:0] = self._drop_cap
            self._drop_cap = None
        inlines = strip_inlines(inline.spans)  # which merges them first
        items = [self._classify(inlines, ppr, style_id, level)] if inlines else []
        if items and not isinstance(items[0].block, ListItem):
            self._restarts.interrupt()  # an empty paragraph leaves no gap between lists on the page
        control = inline.sole_control()
        if control is not None:  # a paragraph that is just one named field (or its prompt)
            items = [_Item(b) for b in wrap([item.block for item in items], control)]
        return items + self._anchored(inline.anchored, where)

    def _anchored(self, anchored: list[Anchored], where: str) -> list[_Item]:
        """What the paragraph anchors, after it: text boxes' blocks, SmartArt's list, pictures;
        what is left out is noted with the paragraph it was in."""
        items: list[_Item] = []
        for thing in anchored:
            if isinstance(thing, TextBox):
                items.extend(_Item(block) for block in self.blocks(thing.content))
            elif isinstance(thing, Diagram):
                self._restarts.interrupt()
                items.extend(_Item(item, None) for item in thing.items)
            elif isinstance(thing, DrawnBlock):
                items.append(_Item(thing.block))
            elif isinstance(thing, Dropped):
                self.dropped.append((thing.what, where))
        return items

    def _flush_drop_cap(self, items: list[_Item]) -> None:
        """A drop cap with no paragraph after it in its cell or body keeps its own paragraph."""
        if self._drop_cap is not None:
            inlines = strip_inlines(merge_spans(self._drop_cap))
            if inlines:
                items.append(_Item(Paragraph(inlines)))
            self._drop_cap = None

    def _base_format(self, style_id: str | None, heading: bool) -> Format:
        known = self._base_formats.get((style_id, heading))
        if known is None:
            known = self._base_formats[style_id, heading] = self._style_format(style_id, heading)
        return known

    def _style_format(self, style_id: str | None, heading: bool) -> Format:
        # A heading style's own bold is just how headings look; only say bold where a run says so.
        own = (None, None) if heading else (self._styles.bold(style_id), self._styles.italic(style_id))
        bold = next((v for v in (own[0], self._styles.default_bold) if v is not None), False)
        italic = next((v for v in (own[1], self._styles.default_italic) if v is not None), False)
        return Format(bold=bold, italic=italic)

    def _classify(self, inlines: Inlines, ppr: Props, style_id: str | None, level: int | None) -> _Item:
        if level is not None:
            return _Item(Heading(inlines, level))
        numbered = self._numbered(inlines, ppr, style_id)
        if numbered is not None:
            return _Item(numbered)
        typed = typed_marker(inlines)
        if typed is not None:
            ordered, rest = typed
            indent = read_indent(ppr)
            indent = indent if indent is not None else self._styles.indent(style_id)
            return _Item(ListItem(rest, 0, ordered), indent or 0)
        return _Item(Paragraph(inlines))

    def _numbered(self, inlines: Inlines, ppr: Props, style_id: str | None) -> ListItem | None:
        own = read_num_pr(ppr) or NumPr(None, None)
        inherited = self._styles.num_pr(style_id) or NumPr(None, None)
        num_id = own.num_id if own.num_id is not None else inherited.num_id
        ilvl = own.ilvl if own.ilvl is not None else inherited.ilvl
        kind = self._numbering.kind(num_id, ilvl or 0)
        if kind is None:
            return None
        level = ilvl or 0
        if own.num_id is None and level == 0:
            level = self._styles.implied_list_level(style_id)
        level = min(max(level, 0), MAX_LIST_LEVEL)
        restart = self._restarts.item(num_id or "", ilvl or 0, level, kind.ordered)
        return ListItem(inlines, level, kind.ordered, restart)


def _nest_typed_items(items: list[_Item]) -> list[Block]:
    """Hand-typed items in one run are nested by their distinct left indents, smallest outermost.
    Indents are compared in quarter-inch steps so a nudge of a few twips does not make a level."""
    blocks: list[Block] = []
    run: list[_Item] = []

    def step(item: _Item) -> int:
        return round((item.indent or 0) / INDENT_STEP)

    def flush() -> None:
        steps = sorted({step(item) for item in run})
        for item in run:
            level = min(steps.index(step(item)), MAX_LIST_LEVEL)
            blocks.append(
                replace(item.block, level=level) if isinstance(item.block, ListItem) else item.block
            )
        run.clear()

    for item in items:
        if item.indent is not None:
            run.append(item)
        else:
            flush()
            blocks.append(item.block)
    flush()
    return blocks


def _ideograph(block: Block) -> bool:
    text = block.text if isinstance(block, Paragraph) else ""
    return len(text) == 1 and unicodedata.name(text, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY"))


def _join_vertical_letters(blocks: list[Block]) -> list[Block]:
    """CJK set vertically by hand, one character per paragraph (a label down a form's margin), is
    one word: CJK puts no spaces between characters, so the paragraphs join without any."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and _ideograph(block):
            run.append(block)
            continue
        if len(run) > 1:
            out.append(
                Paragraph(merge_spans([s for b in run if isinstance(b, Paragraph) for s in b.inlines]))
            )
        else:
            out.extend(run)
        run = []
        if block is not None:
            out.append(block)
    return out
