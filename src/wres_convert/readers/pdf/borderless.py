"""Borderless two-column tables: a question/answer table whose borders were turned off.

Without rules there is no grid to sort glyphs into (``tables``), so the table is seen the way a
reader sees it: ``columns`` finds a gutter down a run of lines with blank bands across both sides,
and this module cuts that run into rows. A row starts where both cells start a block on the same
line, as top-aligned cells do (or where the left cell starts one beside an answer left empty); a
second paragraph in a question cell sits beside running answer text, so it stays in its row. The
rows become a ``Grid`` like a ruled table's, so cells, rows split by a page break and tables that
carry on over the page are read exactly as ruled ones are.
"""

from __future__ import annotations

from collections.abc import Sequence

from wres_convert.readers.pdf.layout import Char, Line
from wres_convert.readers.pdf.tables import Grid, plain_grid
from wres_convert.values import record

ROW_GAP = 1.7  # ems of blank baseline distance: a new block (and, across both sides, a row break)


@record(eq=False)
class Borderless:
    """A borderless table found on a page: its grid and every glyph that falls in it."""

    grid: Grid
    chars: list[Char]
    used: int  # how many of the run's lines it holds: rows after the last answer are left out


def _block_starts(lines: Sequence[Line], has: Sequence[bool]) -> set[int]:
    """Indexes of the lines where one side's text starts a block: its first line, or one after a gap."""
    starts: set[int] = set()
    prev: Line | None = None
    for k, line in enumerate(lines):
        if not has[k]:
            continue
        if prev is None or line.baseline - prev.baseline > ROW_GAP * max(line.size, prev.size):
            starts.add(k)
        prev = line
    return starts


def row_starts(lines: Sequence[Line], sides: Sequence[str]) -> list[int]:
    """The lines that start a row: the first, then each where both cells start a block together,
    or where the left one starts a block and the right cell holds nothing until the next one."""
    left = [s in ("left", "both") for s in sides]
    right = [s in ("right", "both") for s in sides]
    left_starts, right_starts = _block_starts(lines, left), _block_starts(lines, right)
    ordered = sorted(left_starts)
    out = [0]
    for n, k in enumerate(ordered):
        if k == 0:
            continue
        following = ordered[n + 1] if n + 1 < len(ordered) else len(lines)
        if k in right_starts or not any(right[k:following]):
            out.append(k)
    return out


def table(
    lines: Sequence[Line], sides: Sequence[str], column: float, carries: Grid | None = None
) -> Borderless | None:
    """The run of ``lines`` as a two-column table whose right cells' text starts at ``column``,
    or None when it is not one (fewer than two rows). Rows after the last one with an answer are
    the text after the table ("Thank you"), not rows with no answer. ``carries``: the table on the
    page before that this one goes on from, whose first row may be the rest of its last."""
    starts = row_starts(lines, sides)
    while len(starts) > 1 and all(side == "left" for side in sides[starts[-1] :]):
        lines, sides, starts = lines[: starts[-1]], sides[: starts[-1]], starts[:-1]
    if len(starts) < (1 if carries else 2):
        return None
    chars = [c for line in lines for c in line.chars]
    cut = column - 1.0  # left glyphs end a gap short of the right cells' text
    # Row boundaries pass between the glyph centres (a third of an em above the baseline) of a
    # row's last line and the next row's first.
    ys = [min(c.baseline - 0.3 * c.size for c in chars) - 1.0]
    for k in starts[1:]:
        above, below = lines[k - 1], lines[k]
        ys.append((above.baseline + below.baseline) / 2 - 0.3 * below.size)
    ys.append(max(c.baseline for c in chars) + 1.0)
    # A page that goes on with the answers alone keeps the table's left edge.
    x0 = min(c.x0 for c in chars) - 1.0
    x0 = min(carries.xs[0], x0) if carries else x0  # never a glyph left outside the table
    xs = [x0, cut, max(cut, *(c.x1 for c in chars)) + 1.0]
    return Borderless(plain_grid(lines[0].page, xs, ys, ruled=False), chars, len(lines))
