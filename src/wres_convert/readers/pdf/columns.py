"""Two-column regions: a page whose text sits in two columns is read column by column.

Lines are first built across the whole page width, so a left-column line and the right-column
line beside it share one ``Line`` with a wide blank gap in the middle. A *gutter* is an x position
that no line's text covers over a run of consecutive lines, with text on both sides of it on
several of them. Inside that region the glyphs are split at the gutter and rebuilt as two columns
of lines, which are given ``sort_y`` positions so that the whole left column is read before the
right one, and ``right_edge`` values so that a column's own width decides which lines were ended
by hand. ``pdf_blocks`` joins a paragraph carried from the foot of the left column to the head of
the right one as it joins one carried over a page break.

A borderless question/answer table looks like two columns too, but its rows start and end on
both sides at once: a blank band across both sides inside the region means rows, not columns, and
``borderless`` reads the region as a table. Columns that ran to the foot of the page before go on
at the head of this one, though: there a band is two paragraphs that happen to end on the same
line, as columns set with the same spacing often do. Ruled tables never get here (their glyphs
are sorted into cells first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from wres_convert.readers.pdf.blocks import SENTENCE_END
from wres_convert.readers.pdf.borderless import ROW_GAP, Borderless, table
from wres_convert.readers.pdf.layout import Char, Line, build_lines
from wres_convert.readers.pdf.tables import Grid
from wres_convert.values import record

_MIN_GUTTER = 12.0  # a blank this wide (points) inside a line may be a gutter, never a word space
_MIN_LINES = 3  # lines of text on each side of the gutter before it counts as two columns
_MIN_WIDTH = 100.0  # points: a narrower "column" is a list's markers or a form's labels


@record(eq=False)
class _Region:
    gutter: float
    start: int  # index of the first line of the region in the page's lines
    end: int  # one past the last
    rows: Borderless | None = None  # a borderless table's rows, not flowing columns


def _spans(line: Line) -> list[tuple[float, float]]:
    """The line's text as x intervals; a word space never separates two intervals."""
    # Comprehensions only: this runs on every line of every PDF, most of which have no columns.
    chars = [c for c in line.chars if c.text != " "]
    gap = max(_MIN_GUTTER, 1.2 * line.size)
    cuts = [i for i in range(1, len(chars)) if chars[i].x0 - chars[i - 1].x1 >= gap]
    if not cuts:
        return [(line.x0, line.x1)]
    bounds = [0, *cuts, len(chars)]
    return [(chars[a].x0, max(c.x1 for c in chars[a:b])) for a, b in pairwise(bounds)]


def _side(spans: list[tuple[float, float]], x: float) -> str:
    """ "cross" when text covers x, else which sides hold text: "both", "left" or "right"."""
    if any(a < x < b for a, b in spans):
        return "cross"
    left = any(b <= x for _, b in spans)
    right = any(a >= x for a, _ in spans)
    return "both" if left and right else "left" if left else "right"


def _splits_at(line: Line, x: float, column: float) -> bool:
    """A gap at ``x`` narrower than a gutter but wider than a word space, with the text after it
    starting where the right side's does: a left cell's line that nearly fills the cell."""
    prev: Char | None = None
    for c in line.chars:
        if c.text.isspace():
            continue
        if prev is not None and prev.x1 <= x <= c.x0:
            return abs(c.x0 - column) <= 1.5 and c.x0 - prev.x1 >= 0.5 * line.size
        prev = c
    return False


def _sides(
    lines: Sequence[Line], spans: list[list[tuple[float, float]]], x: float, column: float | None = None
) -> tuple[list[str], float]:
    """Each line's side of the gutter at ``x``, and where the right side's text starts."""
    sides = [_side(s, x) for s in spans]
    if column is None:
        column = min((a for s in spans for a, _ in s if a >= x), default=x)
    for k, side in enumerate(sides):
        if side == "cross" and _splits_at(lines[k], x, column):
            sides[k] = "both"
    return sides, column


def _region(
    lines: Sequence[Line], spans: list[list[tuple[float, float]]], x: float, carried: bool = False
) -> _Region | None:
    """The longest run of lines that the gutter at ``x`` splits into two columns of running text,
    or into the rows of a borderless table. ``carried``: the page before ended in columns at this
    gutter, so a run from the page's head carries them on."""
    sides, column = _sides(lines, spans, x)
    best: _Region | None = None
    i = 0
    while i < len(lines):
        if sides[i] == "cross":
            i += 1
            continue
        j = i
        while j < len(lines) and sides[j] != "cross":
            j += 1
        run = range(i, j)
        # Columns of different leading rarely share baselines: count lines per side, not pairs.
        n_left = sum(1 for k in run if sides[k] in ("both", "left"))
        n_right = sum(1 for k in run if sides[k] in ("both", "right"))
        if "both" in sides[i:j] and (best is None or j - i > best.end - best.start):
            flows = (carried and i == 0) or _flows_on(lines[i:j], sides[i:j], x)
            if flows or not _row_breaks(lines[i:j], sides[i:j]):
                if min(n_left, n_right) >= _MIN_LINES and _running_text(
                    lines[i:j], sides[i:j], spans[i:j], x
                ):
                    best = _Region(x, i, j)
            elif (rows := _rows(lines, spans, sides, i, j, column)) is not None:
                best = rows
        i = j
    return best


def _rows(
    lines: Sequence[Line],
    spans: list[list[tuple[float, float]]],
    sides: list[str],
    i: int,
    j: int,
    column: float,
) -> _Region | None:
    """Lines ``i:j`` as a borderless table, from its first line with text in both cells; None when
    one side is too narrow or too short for cells (a list's markers, a form's one-word labels)."""
    i = sides.index("both", i)
    left = _left_ends(lines[i:j], sides[i:j], column)
    if len(left) < 2 or sum(1 for side in sides[i:j] if side != "left") < _MIN_LINES:
        return None
    x0 = min(s[0][0] for s in spans[i:j])
    if max(left) - x0 < _MIN_WIDTH or max(b for s in spans[i:j] for _, b in s) - column < _MIN_WIDTH:
        return None
    found = table(lines[i:j], sides[i:j], column)
    return None if found is None else _Region(column, i, i + found.used, found)


def _carried_rows(
    lines: Sequence[Line], spans: list[list[tuple[float, float]]], grid: Grid
) -> _Region | None:
    """The head of the page as the rest of the borderless table ``grid`` that ran to the foot of
    the page before: every line until one crosses its columns, whichever cells hold text."""
    column = grid.xs[1] + 1.0
    sides, _ = _sides(lines, spans, column - 2.0, column)
    j = sides.index("cross") if "cross" in sides else len(lines)
    if j and all(side == "left" for side in sides[:j]):
        # No answer text: only the rest of a question cut by the page break carries on
        # ("…senior management team (SMT) report" / "in which the initiative is set out").
        start = next((c.text for c in lines[0].chars if c.text.isalpha()), "")
        j = j if start.islower() else 0
    found = table(lines[:j], sides[:j], column, grid) if j else None
    return None if found is None else _Region(column, 0, found.used, found)


def _left_ends(lines: Sequence[Line], sides: Sequence[str], x: float) -> list[float]:
    """Where each line's text left of ``x`` ends, for the lines that hold some."""
    return [
        max((c.x1 for c in line.chars if (c.x0 + c.x1) / 2 < x and c.text != " "), default=line.x0)
        for line, side in zip(lines, sides, strict=True)
        if side in ("both", "left")
    ]


def _running_text(
    lines: Sequence[Line], sides: Sequence[str], spans: Sequence[list[tuple[float, float]]], x: float
) -> bool:
    """Most left-side lines reach close to the gutter, as wrapped text does; labels do not."""
    ends = _left_ends(lines, sides, x)
    starts = [min(a for a, _ in s) for s in spans if s]
    width = x - min(starts)
    edge = max(ends)
    if edge - min(starts) < _MIN_WIDTH or max(b for s in spans for _, b in s) - x < _MIN_WIDTH:
        return False  # a column of bullets or numbers beside their text is a list, not a column
    return sum(1 for e in ends if edge - e <= 0.15 * width) >= 0.6 * len(ends)


def _flows_on(lines: Sequence[Line], sides: Sequence[str], x: float) -> bool:
    """The left side's last line stops mid-sentence and the right side's first line carries on in
    lower case: text flowing from one column into the next, which a table's cells never do."""
    foot = next(
        (line for line, side in zip(reversed(lines), reversed(sides), strict=True) if side != "right"), None
    )
    head = next((line for line, side in zip(lines, sides, strict=True) if side != "left"), None)
    if foot is None or head is None:
        return False
    tail = "".join(c.text for c in foot.chars if (c.x0 + c.x1) / 2 < x).rstrip()
    start = next((c.text for c in head.chars if (c.x0 + c.x1) / 2 > x and c.text.isalpha()), "")
    return bool(tail) and not SENTENCE_END.search(tail) and start.islower()


def _row_breaks(lines: Sequence[Line], sides: Sequence[str]) -> bool:
    """A blank band across both sides, where both hold text: table rows, not flowing columns."""
    left = [line.baseline for line, side in zip(lines, sides, strict=True) if side != "right"]
    right = [line.baseline for line, side in zip(lines, sides, strict=True) if side != "left"]
    top, bottom = max(left[0], right[0]), min(left[-1], right[-1])
    inside = [line for line in lines if top <= line.baseline <= bottom]
    return any(b.baseline - a.baseline > ROW_GAP * max(a.size, b.size) for a, b in pairwise(inside))


def _candidates(lines: Sequence[Line], spans: list[list[tuple[float, float]]]) -> list[float]:
    """Gutter positions to try: the middle of each gutter-wide gap, and of each narrower one whose
    text resumes where a gutter-wide gap's does (a left cell's line that nearly fills it)."""
    wide = [(a, b) for s in spans for a, b in pairwise(s) if b[0] - a[1] >= _MIN_GUTTER]
    found = {round((a[1] + b[0]) / 4) * 2.0 for a, b in wide}
    resume = {round(b[0]) for _, b in wide}
    for line, s in zip(lines, spans, strict=True):
        if len(s) > 1 or not resume:
            continue
        glyphs = [c for c in line.chars if not c.text.isspace()]
        for a, b in pairwise(glyphs):
            if b.x0 - a.x1 >= 0.5 * line.size and round(b.x0) in resume:
                found.add(round((a.x1 + b.x0) / 4) * 2.0)
    return sorted(found)


def _find(lines: Sequence[Line], carried: float | Grid | None = None) -> _Region | None:
    """The page's longest two-column region; ``carried``: the gutter of columns, or the borderless
    table, that ran to the foot of the page before."""
    spans = [_spans(line) for line in lines]
    if isinstance(carried, Grid) and (rows := _carried_rows(lines, spans, carried)) is not None:
        return rows
    carried = carried if isinstance(carried, float) else None
    candidates = _candidates(lines, spans)
    best: _Region | None = None
    for x in candidates:
        found = _region(lines, spans, x, carried is not None and abs(x - carried) <= _MIN_GUTTER)
        if found and (best is None or found.end - found.start > best.end - best.start):
            best = found
    return best


def _columns(region_lines: Sequence[Line], gutter: float) -> list[Line]:
    """The region's glyphs rebuilt as the left column's lines, then the right column's."""
    left: list[Char] = []
    right: list[Char] = []
    for line in region_lines:
        # Spaces go with the glyphs: a printed space can be narrower than the gap that would
        # make one. One left at a column's edge is dropped as the line is rebuilt.
        for c in line.chars:
            (left if (c.x0 + c.x1) / 2 < gutter else right).append(c)
    top = min(line.baseline for line in region_lines)
    span = max(line.baseline for line in region_lines) - top + 1.0
    out: list[Line] = []
    for column, chars in ((1, left), (2, right)):
        built = build_lines(chars)
        edge = max((line.x1 for line in built), default=gutter)
        for line in built:
            line.column = column
            line.right_edge = edge
            # Left column into the top half of the region's band, right column into the bottom half.
            line.sort_y = top + (column - 1) * span / 2 + (line.baseline - top) / 2
        out.extend(built)
    return out


def split_columns(lines: Sequence[Line]) -> tuple[list[Line], list[Borderless]]:
    """``lines`` (reading order, one page after another) with each two-column region read by
    column, less those of borderless tables, which come back as tables."""
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)
    out: list[Line] = []
    tables: list[Borderless] = []
    carried: float | Grid | None = None  # the columns' gutter, or the table, that ran to the page's foot
    for page in sorted(by_page):
        page_lines = by_page[page]
        region = _find(page_lines, carried if page - 1 in by_page else None)
        carried = None
        if region is not None and region.end == len(page_lines):
            carried = region.gutter if region.rows is None else region.rows.grid
        if region is None:
            out.extend(page_lines)
            continue
        out.extend(page_lines[: region.start])
        if region.rows is not None:
            tables.append(region.rows)
        else:
            out.extend(_columns(page_lines[region.start : region.end], region.gutter))
        out.extend(page_lines[region.end :])
    return out, tables
