"""Blocks to CommonMark. Text from a submission is escaped so that it can never become markup."""

from __future__ import annotations

import re

from wres_convert.model import Block, Cell, Heading, Inlines, Paragraph, Span, Table, without_controls
from wres_convert.writers.links import safe_href
from wres_convert.writers.listtree import ListNode, group

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=|~-]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """Escape a run of text so CommonMark reads it literally."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text.replace("\t", " "))
    return _ENTITY.sub(r"\\&", text)


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
        t = escape(part)
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
        dest = href.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        return f"[{text}](<{dest}>)"
    return text


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


def _table(table: Table) -> str:
    def cell(c: Cell) -> str:
        blocks = without_controls(c.blocks)
        text = " ".join(b.text if isinstance(b, Table) else inlines_md(b.inlines) for b in blocks)
        return text.replace("\\\n", " ").replace("\n", " ").replace("|", "\\|").strip()

    rows = [[cell(c) for c in row] for row in table.rows if row]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
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
            text = inlines_md(node.inlines).replace("\\\n", " ").replace("\n", " ")
            out.append(f"{'#' * max(1, min(6, node.level))} {text}")
        elif isinstance(node, Paragraph):
            out.append(inlines_md(node.inlines))
        elif isinstance(node, Table):
            out.append(_table(node))
        else:  # a ListItem is always grouped into a ListNode
            out.append(inlines_md(node.inlines))
    return "\n\n".join(part for part in out if part)
