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
both sides at once: a blank band across both sides inside the region means rows, not columns.
Columns that ran to the foot of the page before go on at the head of this one, though: there a
band is two paragraphs that happen to end on the same line, as columns set with the same spacing
often do. Ruled tables never get here (their glyphs are sorted into cells first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from wres_convert.readers.pdf.layout import Char, Line, build_lines
from wres_convert.values import record

_MIN_GUTTER = 12.0  # a blank this wide (points) inside a line may be a gutter, never a word space
_MIN_LINES = 3  # lines of text on each side of the gutter before it counts as two columns
_MIN_WIDTH = 100.0  # points: a narrower "column" is a list's markers or a form's labels
_ROW_GAP = 1.7  # ems of blank baseline distance across both sides: a table row break


@record(eq=False)
class _Region:
    gutter: float
    start: int  # index of the first line of the region in the page's lines
    end: int  # one past the last


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


def _region(
    lines: Sequence[Line], spans: list[list[tuple[float, float]]], x: float, carried: bool = False
) -> _Region | None:
    """The longest run of lines that the gutter at ``x`` splits into two columns of running text.
    ``carried``: the page before ended in columns at this gutter, so a run from the page's head
    carries them on."""
    sides = [_side(s, x) for s in spans]
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
        if (
            "both" in sides[i:j]
            and min(n_left, n_right) >= _MIN_LINES
            and (best is None or j - i > best.end - best.start)
            and _running_text(spans[i:j], x)
            and ((carried and i == 0) or not _row_breaks(lines[i:j], sides[i:j]))
        ):
            best = _Region(x, i, j)
        i = j
    return best


def _running_text(spans: Sequence[list[tuple[float, float]]], x: float) -> bool:
    """Most left-side lines reach close to the gutter, as wrapped text does; labels do not."""
    ends = [max(b for _, b in s if b <= x) for s in spans if any(b <= x for _, b in s)]
    starts = [min(a for a, _ in s) for s in spans if s]
    width = x - min(starts)
    edge = max(ends)
    if edge - min(starts) < _MIN_WIDTH or max(b for s in spans for _, b in s) - x < _MIN_WIDTH:
        return False  # a column of bullets or numbers beside their text is a list, not a column
    return sum(1 for e in ends if edge - e <= 0.15 * width) >= 0.6 * len(ends)


def _row_breaks(lines: Sequence[Line], sides: Sequence[str]) -> bool:
    """A blank band across both sides, where both hold text: table rows, not flowing columns."""
    left = [line.baseline for line, side in zip(lines, sides, strict=True) if side != "right"]
    right = [line.baseline for line, side in zip(lines, sides, strict=True) if side != "left"]
    top, bottom = max(left[0], right[0]), min(left[-1], right[-1])
    inside = [line for line in lines if top <= line.baseline <= bottom]
    return any(b.baseline - a.baseline > _ROW_GAP * max(a.size, b.size) for a, b in pairwise(inside))


def _find(lines: Sequence[Line], carried: float | None = None) -> _Region | None:
    """The page's longest two-column region; ``carried``: the gutter of columns that ran to the
    foot of the page before."""
    spans = [_spans(line) for line in lines]
    candidates = sorted(
        {round((a[1] + b[0]) / 4) * 2.0 for s in spans for a, b in pairwise(s) if b[0] - a[1] >= _MIN_GUTTER}
    )
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


def split_columns(lines: Sequence[Line]) -> list[Line]:
    """``lines`` (reading order, one page after another) with each two-column region read by column."""
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)
    out: list[Line] = []
    carried: float | None = None  # the gutter of columns that ran to the foot of the page before
    for page in sorted(by_page):
        page_lines = by_page[page]
        region = _find(page_lines, carried if page - 1 in by_page else None)
        carried = region.gutter if region is not None and region.end == len(page_lines) else None
        if region is None:
            out.extend(page_lines)
            continue
        out.extend(page_lines[: region.start])
        out.extend(_columns(page_lines[region.start : region.end], region.gutter))
        out.extend(page_lines[region.end :])
    return out
