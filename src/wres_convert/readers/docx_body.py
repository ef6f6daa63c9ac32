"""Block level of a Word body: paragraphs become headings, list items or paragraphs; tables stay
tables. Content controls, custom XML and ``mc:AlternateContent`` around blocks are unwrapped."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from wres_convert.model import (
    Block,
    Cell,
    Heading,
    Inlines,
    ListItem,
    Message,
    Paragraph,
    Table,
    merge_spans,
    strip_inlines,
)
from wres_convert.readers.docx_inline import Format, InlineReader, choose_branch, is_placeholder
from wres_convert.readers.docx_markers import typed_marker
from wres_convert.readers.docx_numbering import Numbering
from wres_convert.readers.docx_package import MC, to_int, w, wval
from wres_convert.readers.docx_styles import NumPr, Styles, read_indent, read_num_pr, read_outline_level

BLOCK_WRAPPERS = {w("customXml"), w("ins"), w("moveTo")}
MAX_LIST_LEVEL = 8
INDENT_STEP = 360  # twips: a quarter inch, Word's usual list indent step


@dataclass(frozen=True)
class _Item:
    """A block on its way out; ``indent`` is set on hand-typed list items so they can be nested."""

    block: Block
    indent: int | None = None


class BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering, inline: InlineReader) -> None:
        self._styles = styles
        self._numbering = numbering
        self._inline = inline
        self.warnings: list[Message] = []

    def blocks(self, parent: etree._Element) -> list[Block]:
        items: list[_Item] = []
        self._collect(parent, items)
        return _nest_typed_items(items)

    def _collect(self, parent: etree._Element, items: list[_Item]) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                items.extend(self._paragraph(child))
            elif tag == w("tbl"):
                table = self._table(child)
                if table.rows:
                    items.append(_Item(table))
            elif tag in BLOCK_WRAPPERS:
                self._collect(child, items)
            elif tag == w("sdt"):
                content = _control_content(child)
                if content is not None:
                    self._collect(content, items)
            elif tag == f"{{{MC}}}AlternateContent":
                branch = choose_branch(child)
                if branch is not None:
                    self._collect(branch, items)
            elif tag == w("altChunk"):
                self._warn(
                    Message(
                        "unsupported", "an embedded document (altChunk) inside the Word file was not read"
                    )
                )

    # Paragraphs

    def _paragraph(self, p: etree._Element) -> list[_Item]:
        ppr = p.find(w("pPr"))
        style_id = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        level = self._styles.heading_level(style_id, read_outline_level(ppr))
        inline = self._inline.read(p, self._base_format(style_id, heading=level is not None))
        inlines = strip_inlines(merge_spans(inline.spans))
        items = [self._classify(inlines, ppr, style_id, level)] if inlines else []
        for box in inline.text_boxes:  # text box content follows the paragraph that anchors it
            items.extend(_Item(block) for block in self.blocks(box))
        return items

    def _base_format(self, style_id: str | None, heading: bool) -> Format:
        # A heading style's own bold is just how headings look; only say bold where a run says so.
        own = (None, None) if heading else (self._styles.bold(style_id), self._styles.italic(style_id))
        bold = next((v for v in (own[0], self._styles.default_bold) if v is not None), False)
        italic = next((v for v in (own[1], self._styles.default_italic) if v is not None), False)
        return Format(bold=bold, italic=italic)

    def _classify(
        self, inlines: Inlines, ppr: etree._Element | None, style_id: str | None, level: int | None
    ) -> _Item:
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

    def _numbered(
        self, inlines: Inlines, ppr: etree._Element | None, style_id: str | None
    ) -> ListItem | None:
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
        return ListItem(inlines, min(max(level, 0), MAX_LIST_LEVEL), kind.ordered)

    # Tables

    def _table(self, tbl: etree._Element) -> Table:
        rows = [tuple(self._cells(tr)) for tr in _rows(tbl)]
        return Table(tuple(row for row in rows if row))

    def _cells(self, tr: etree._Element) -> list[Cell]:
        cells: list[Cell] = []
        for tc, placeholder in _cell_elements(tr):
            tc_pr = tc.find(w("tcPr"))
            colspan = max(1, to_int(wval(tc_pr.find(w("gridSpan"))) if tc_pr is not None else None, 1))
            if _merge_continues(tc_pr, "hMerge") and cells:
                cells[-1] = Cell(cells[-1].blocks, cells[-1].colspan + colspan)
            elif _merge_continues(tc_pr, "vMerge") or placeholder:
                cells.append(Cell((), colspan))  # keeps the grid; the text lives in the cell above
            else:
                cells.append(Cell(tuple(self.blocks(tc)), colspan))
        return cells

    def _warn(self, message: Message) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _control_content(sdt: etree._Element) -> etree._Element | None:
    """A content control's content, or None when it only shows its placeholder prompt."""
    return None if is_placeholder(sdt) else sdt.find(w("sdtContent"))


def _rows(parent: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in parent:
        if child.tag == w("tr"):
            tr_pr = child.find(w("trPr"))
            if tr_pr is None or tr_pr.find(w("del")) is None:  # a row deleted with tracked changes
                rows.append(child)
        elif child.tag == w("sdt"):
            content = _control_content(child)
            rows.extend(_rows(content) if content is not None else [])
        elif child.tag == w("customXml"):
            rows.extend(_rows(child))
    return rows


def _cell_elements(tr: etree._Element, placeholder: bool = False) -> list[tuple[etree._Element, bool]]:
    """Cells of a row, each flagged when a placeholder content control wraps it."""
    cells: list[tuple[etree._Element, bool]] = []
    for child in tr:
        if child.tag == w("tc"):
            cells.append((child, placeholder))
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                cells.extend(_cell_elements(content, placeholder or is_placeholder(child)))
        elif child.tag == w("customXml"):
            cells.extend(_cell_elements(child, placeholder))
    return cells


def _merge_continues(tc_pr: etree._Element | None, name: str) -> bool:
    merge = None if tc_pr is None else tc_pr.find(w(name))
    return merge is not None and wval(merge, "continue") != "restart"


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
