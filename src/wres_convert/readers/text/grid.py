"""Grid tables drawn in text: pandoc's plain-text tables and the like.

    +-----------------------+-----------------------+
    | Organisation name:    | Northmoor and Dales   |
    |                       | NHS Foundation Trust  |
    +=======================+=======================+

A border line (``+`` between runs of ``-``, ``=`` or ``:``) gives the column edges at its ``+``
signs; the ``|`` lines between two border lines are one row, and each cell's text is what lies
between its edges on those lines, the lines kept (a blank one parts paragraphs). Reading the
cells' text into blocks is the caller's: it is typed text like any other.
"""

from __future__ import annotations

from itertools import pairwise

from wres_convert.readers.text.lines import line_marker
from wres_convert.text import patterns

_BORDER = patterns.compile(r"\+(?:[-=:]+\+)+")


def is_border(line: str) -> bool:
    return _BORDER.fullmatch(line.strip()) is not None


def grid_rows(lines: list[str]) -> tuple[list[list[str]], int] | None:
    """The rows (each a list of its cells' text) of the grid table that ``lines`` start with, and
    how many lines it takes; None when they start none (a border, then rows, then a border)."""
    if not lines or not is_border(lines[0]):
        return None
    first = lines[0].rstrip()
    edges = [i for i, ch in enumerate(first) if ch == "+"]
    column = {e: k for k, e in enumerate(edges)}
    rows: list[list[str]] = []
    current: list[list[str]] = []
    end = 0
    for n, raw in enumerate(lines[1:], start=1):
        line = raw.rstrip()
        if is_border(line):
            if current:
                widths = [b - a - 3 for a, b in pairwise(edges)]  # a pad each side of the text
                rows.append([_unwrap(part, width) for part, width in zip(current, widths, strict=True)])
            current, end = [], n + 1
            continue
        if not (line.lstrip().startswith("|") and line.endswith("|")):
            break  # the table ended without its last border: what follows it is not a row
        if len(line) != len(first) or line[edges[0]] != "|":
            return None  # a row the border does not fit (wide characters, a stray bar): plain text
        if not current:
            current = [[] for _ in edges[:-1]]
        # A cell spanning columns has no bar at the edges it covers: its text is all its first
        # column's.
        cuts = [e for e in edges if line[e] == "|"]
        for a, b in pairwise(cuts):
            text = line[a + 1 : b].rstrip()
            current[column[a]].append(text[1:] if text.startswith(" ") else text)  # the pad after "|"
    return (rows, end) if rows else None


def _unwrap(lines: list[str], width: int) -> str:
    """A cell's lines with those its width wrapped joined again: a line the next one's first word
    would not have fitted on was wrapped, so "0113 496" and "0412" are one number."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        words = line.split()
        wrapped = prev.strip() and words and len(prev) + 1 + len(words[0]) > width
        # An item starts a line of its own, and a table inside the cell keeps its lines.
        drawn = line.lstrip().startswith(("|", "+")) or prev.lstrip().startswith(("|", "+"))
        if wrapped and not drawn and line_marker(line.strip()) is None:
            out[-1] = f"{prev} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out).strip("\n")
