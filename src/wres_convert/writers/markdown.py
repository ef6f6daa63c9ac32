"""Blocks to CommonMark. Text from a submission is escaped so that it can never become markup."""

from __future__ import annotations

import re

from wres_convert.model import Block, Cell, Heading, Inlines, Paragraph, Span, Table, without_controls
from wres_convert.writers.links import safe_href
from wres_convert.writers.listtree import ListNode, group

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=|~-]|\d{1,9}(?=[.)]))")
_LINE_BREAK = re.compile(r"\r\n?|\n|\t")
# An ATX heading drops a closing run of "#" that follows a space: "## Use of #" reads "Use of".
_CLOSING_HASHES = re.compile(r"(^|[ \t])(#+[ \t]*)$")


def _escape_inline(text: str) -> str:
    """Escape a run of text so CommonMark reads it literally inside a line."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text.replace("\t", " "))
    return _ENTITY.sub(r"\\&", text)


def escape(text: str) -> str:
    """One line of text that CommonMark reads literally wherever a template puts it: inside a
    line, at its start (a paragraph, a list item: "# …", "1. …", "---" stay text) or in an ATX
    heading. Line breaks become spaces (a title, heading or organisation is one line, as on the
    HTML page, where white space collapses). Spaces at either end are dropped: Markdown drops
    them too, except four at the start of a block, which would read as code."""
    text = _LINE_BREAK.sub(" ", text).strip(" ")
    return _escape_line_start(_escape_closing_hashes(_escape_inline(text)))


def _escape_closing_hashes(line: str) -> str:
    return _CLOSING_HASHES.sub(r"\1\\\2", line)


def _escape_line_start(line: str) -> str:
    """Characters that only mean something at the start of a line: "#", "-", "1." …"""
    m = _LINE_START.match(line)
    if not m:
        return line
    lead, mark = m.groups()
    if mark[0].isdigit():
        return f"{lead}{mark}\\{line[m.end()]}{line[m.end() + 1 :]}"
    return f"{lead}\\{mark}{line[m.end() :]}"


def _wrap(text: str, delim: str) -> str:
    """Put emphasis delimiters inside the text's own leading/trailing spaces, as CommonMark needs."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{delim}{core}{delim}{trail}"


def _span(s: Span) -> str:
    parts = s.text.split("\n")
    out = []
    for part in parts:
        t = _escape_inline(part)
        if s.bold and s.italic:
            t = _wrap(t, "***")
        elif s.bold:
            t = _wrap(t, "**")
        elif s.italic:
            t = _wrap(t, "*")
        out.append(t)
    text = "\\\n".join(out)
    href = safe_href(s.href)
    if href and s.text.strip():
        dest = _destination(href)
        return f"[{text}](<{dest}>)"
    return text


def _destination(href: str) -> str:
    """A link destination in <…>, where anything but "<", ">" and a line break may stand, and
    backslash escapes and entities are still read: "\\" and "&" are escaped so the URL arrives
    exactly as written (it may hold spaces and parentheses, which <…> allows)."""
    dest = href.replace("\\", "\\\\").replace("<", "%3C").replace(">", "%3E")
    return _ENTITY.sub(r"\\&", dest.replace("\r", "%0D").replace("\n", "%0A"))


def inlines_md(inlines: Inlines) -> str:
    """Inline Markdown; hard line breaks become "\\" + newline."""
    text = "".join(_span(s) for s in inlines)
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _indent(text: str, pad: str) -> str:
    return "\n".join((pad + line) if line else line for line in text.split("\n"))


def _lists(nodes: list[ListNode]) -> list[str]:
    """Render sibling lists. CommonMark joins neighbouring lists of one kind into a single list,
    so a list that restarts after one of its kind switches delimiter ("1." / "1)", "-" / "*")."""
    out = []
    previous: ListNode | None = None
    alternate = False
    for node in nodes:
        alternate = previous is not None and previous.ordered == node.ordered and not alternate
        out.append(_list(node, alternate))
        previous = node
    return out


def _list(node: ListNode, alternate: bool = False) -> str:
    items = []
    for n, item in enumerate(node.items, start=1):
        marker = (f"{n})" if alternate else f"{n}.") if node.ordered else ("*" if alternate else "-")
        pad = " " * (len(marker) + 1)
        body = inlines_md(item.inlines) or ""
        text = f"{marker} {_indent(body, pad)[len(pad) :]}" if body else marker
        for child in _lists(item.children):
            text += "\n" + _indent(child, pad)
        items.append(text)
    return "\n".join(items)


def _cell_md(cell: Cell) -> str:
    """A GFM cell is one line of inlines: the cell's paragraphs, list items and nested tables are
    joined with spaces, line breaks become spaces, and "|" is escaped (GFM reads "\\|" as "|"
    before it reads the inlines, in link destinations too)."""
    parts = []
    for b in without_controls(cell.blocks):
        if isinstance(b, Table):
            parts += [_cell_md(c) for row in b.rows for c in row]
        else:
            parts.append(inlines_md(b.inlines))
    text = " ".join(parts).replace("\\\n", " ").replace("\n", " ")
    return text.replace("|", "\\|").strip()


def _grid(rows: list[tuple[Cell, ...]]) -> list[list[str]]:
    """The rows laid out on the table's grid. GFM cannot merge cells: a merged cell is written in
    its first position and the positions it covers are left empty, so every other cell stays in
    its column. A row below a rowspan holds no cell in the covered position (the model's rule, as
    in HTML), and a rowspan reaching past the last row is cut there, as browsers do."""
    grid: list[list[str | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            colspan, rowspan = max(1, cell.colspan), max(1, cell.rowspan)
            for dr in range(min(rowspan, len(rows) - r)):
                line = grid[r + dr]
                line.extend([None] * (c + colspan - len(line)))
                for dc in range(colspan):
                    line[c + dc] = _cell_md(cell) if dr == dc == 0 else ""
            c += colspan
    return [[text or "" for text in line] for line in grid]


def _table(table: Table) -> str:
    rows = [row for row in table.rows if row]
    if not rows:
        return ""
    grid = _grid(rows)
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
    return "\n".join(lines)


def _list_run(nodes: list[Block | ListNode], start: int) -> list[ListNode]:
    run: list[ListNode] = []
    for node in nodes[start:]:
        if not isinstance(node, ListNode):
            break
        run.append(node)
    return run


def blocks_md(blocks: tuple[Block, ...]) -> str:
    """A sequence of blocks as CommonMark, blocks separated by blank lines."""
    out: list[str] = []
    nodes = group(blocks)
    for i, node in enumerate(nodes):
        if isinstance(node, ListNode):
            if i == 0 or not isinstance(nodes[i - 1], ListNode):
                out.extend(_lists(_list_run(nodes, i)))
        elif isinstance(node, Heading):
            # an ATX heading is one line: a line break in it becomes a space
            text = inlines_md(node.inlines).replace("\\\n", " ").replace("\n", " ")
            out.append(f"{'#' * max(1, min(6, node.level))} {_escape_closing_hashes(text)}")
        elif isinstance(node, Paragraph):
            out.append(inlines_md(node.inlines))
        elif isinstance(node, Table):
            out.append(_table(node))
        else:  # a ListItem is always grouped into a ListNode
            out.append(inlines_md(node.inlines))
    return "\n\n".join(part for part in out if part)
