"""Ruled tables: cell borders (vector rules) → a grid of cells that glyphs can be sorted into.

Word and LibreOffice draw a table's borders as separate thin lines or thin filled rectangles, never
as one object, so a table is found the way a person sees it: horizontal and vertical rules that
touch each other. Their distinct positions give the grid's row and column bands; a band boundary
with no rule across it inside a cell joins the neighbouring slots (column and row spans).

Like ``pdf_layout`` this module knows nothing about any PDF library: ``readers/pdf.py`` hands it
``Rule`` values in page coordinates with the y axis pointing down.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from wres_convert.readers.pdf.layout import Char
from wres_convert.values import field, record

SNAP = 2.0  # rules this close are one rule (LibreOffice offsets joined borders by half a point)
MIN_RULE = 4.0  # shorter strokes are glyph parts or dots, not borders
# Side borders running on this far past the last rule, to within this of the page's first or
# last line: a row the page break cut.
OPEN_ROW = 10.0
FRAME_MIN = 100.0  # side borders this long with no rule across: a page inside one row
FURNITURE_BAND = 0.08  # of the page's height, at its top and bottom: where headers and footers sit


class Rule(NamedTuple):
    """A horizontal (``x0..x1`` at ``y``) or vertical (``y0..y1`` at ``x``) stroke."""

    horizontal: bool
    pos: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@record(eq=False)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    x1: float
    top: float
    bottom: float


@record(eq=False)
class Grid:
    """One ruled table on one page."""

    page: int
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    slots: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) → cell index
    ruled: bool = True  # False: a borderless table's grid, inferred from its text (``borderless``)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def locate(self, x: float, y: float) -> int | None:
        """The cell holding the point, or None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        row = min(bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        return self.slots.get((row, col))

    def holds(self, rule: Rule) -> bool:
        """The rule's middle lies on or in the grid: it is one of the grid's borders."""
        x, y = (rule.start + rule.end) / 2, rule.pos
        if not rule.horizontal:
            x, y = y, x
        return self.xs[0] - SNAP <= x <= self.xs[-1] + SNAP and self.top - SNAP <= y <= self.bottom + SNAP

    def locate_char(self, c: Char) -> int | None:
        # The middle of the x-height: descenders and accents may poke over a border. (pdf_flow
        # uses the same point to tell table text from running text.)
        return self.locate(*c.centre())

    def same_columns(self, other: Grid) -> bool:
        # A borderless table's right edge is where its longest line ends, which differs by page.
        n = len(self.xs) if self.ruled and other.ruled else len(self.xs) - 1
        return len(self.xs) == len(other.xs) and all(
            abs(a - b) <= 2 * SNAP for a, b in zip(self.xs[:n], other.xs[:n], strict=True)
        )


def _cluster(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= SNAP:
            continue
        out.append(v)
    return out


def _merge(rules: list[Rule]) -> list[Rule]:
    """Join collinear, touching rules: Word draws one border per cell edge."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (r.horizontal, round(r.pos / SNAP), r.start)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.horizontal == r.horizontal
            and abs(last.pos - r.pos) <= SNAP
            and r.start <= last.end + SNAP
        ):
            out[-1] = Rule(r.horizontal, last.pos, last.start, max(last.end, r.end))
        else:
            out.append(r)
    return out


def _touch(h: Rule, v: Rule) -> bool:
    return h.start - SNAP <= v.pos <= h.end + SNAP and v.start - SNAP <= h.pos <= v.end + SNAP


def _components(rules: list[Rule]) -> list[list[Rule]]:
    """Groups of rules connected by crossings: each group is one candidate table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def _covers(rules: list[Rule], pos: float, lo: float, hi: float) -> bool:
    """Some rule at ``pos`` runs across the middle of ``lo..hi``."""
    mid = (lo + hi) / 2
    return any(abs(r.pos - pos) <= SNAP and r.start - SNAP <= mid <= r.end + SNAP for r in rules)


def _open_ends(vs: list[Rule], xs: list[float], ys: list[float], content: Extent) -> list[float]:
    """``ys`` with the edges of a row a page break cut open: a browser draws no rule where a row
    breaks, so every column's side border runs on past the last rule to the foot of the page's
    text (or from above its head to the first rule). The row ends where the first of them does:
    some run on off the page, under its margin. A form's boxes with borders running on mid-page
    are not cut rows."""
    out = list(ys)
    below = [r for r in vs if r.end - out[-1] > OPEN_ROW]
    if len(_cluster([r.pos for r in below])) == len(xs):
        end = min(r.end for r in below)
        out += [end] if end >= content.bottom - OPEN_ROW else []
    above = [r for r in vs if out[0] - r.start > OPEN_ROW]
    if len(_cluster([r.pos for r in above])) == len(xs):
        start = max(r.start for r in above)
        out[:0] = [start] if start <= content.top + OPEN_ROW else []
    return out


def _grid(page: int, group: list[Rule], content: Extent) -> Grid | None:
    hs = [r for r in group if r.horizontal]
    vs = [r for r in group if not r.horizontal]
    if not hs or len(vs) < 2:
        return None
    x_lo, x_hi = min(r.start for r in hs), max(r.end for r in hs)
    y_lo, y_hi = min(r.start for r in vs), max(r.end for r in vs)
    inside = [r for r in vs if x_lo - SNAP <= r.pos <= x_hi + SNAP]
    xs = _cluster([r.pos for r in inside])
    ruled = _cluster([r.pos for r in hs if y_lo - SNAP <= r.pos <= y_hi + SNAP])
    if len(xs) < 2 or not ruled:
        return None
    ys = _open_ends(inside, xs, ruled, content)
    # One rule is a table only between two cut rows (a page break on each side of it); one row
    # open on one side is a form's comb of boxes.
    if len(ys) < 2 or (len(ruled) < 2 and len(ys) < 3):
        return None
    return _slots(page, xs, ys, hs, vs)


def _slots(page: int, xs: list[float], ys: list[float], hs: list[Rule], vs: list[Rule]) -> Grid | None:
    """The grid of ``xs`` by ``ys``, its slots joined where no rule parts them."""
    nrows, ncols = len(ys) - 1, len(xs) - 1
    # Union slots that no rule separates; a cell is then a rectangle of slots.
    owner = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}

    def find(s: tuple[int, int]) -> tuple[int, int]:
        while owner[s] != s:
            owner[s] = owner[owner[s]]
            s = owner[s]
        return s

    for r in range(nrows):
        for c in range(ncols - 1):
            if not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                a, b = find((r, c)), find((r, c + 1))
                owner[max(a, b)] = min(a, b)
    for r in range(nrows - 1):
        for c in range(ncols):
            if not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                a, b = find((r, c)), find((r + 1, c))
                owner[max(a, b)] = min(a, b)
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for s in owner:
        members.setdefault(find(s), []).append(s)
    cells: list[GridCell] = []
    slots: dict[tuple[int, int], int] = {}
    for root in sorted(members):
        group_slots = members[root]
        r0, r1 = min(s[0] for s in group_slots), max(s[0] for s in group_slots)
        c0, c1 = min(s[1] for s in group_slots), max(s[1] for s in group_slots)
        if len(group_slots) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None  # an L-shaped region: not a table grid we understand
        for s in group_slots:
            slots[s] = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1]))
    if len(cells) < 2:
        return None  # a box drawn round text (a frame, a page border) is not a table
    return Grid(page, xs, ys, cells, slots)


def _frames(page: int, verticals: list[Rule], content: Extent) -> list[Grid]:
    """A page inside one row of a table: a browser draws the row's side borders from above the
    page's text to below it and no rule across. Three or more such verticals from the same top
    are that row, whose cells carry on the row above them; it ends where the first of them does."""
    out: list[Grid] = []
    tops: dict[int, list[Rule]] = {}
    for r in verticals:
        near = r.start <= content.top + OPEN_ROW and r.end >= content.bottom - OPEN_ROW
        if r.end - r.start >= FRAME_MIN and near:
            tops.setdefault(round(r.start / SNAP), []).append(r)
    for rules in tops.values():
        xs = _cluster([r.pos for r in rules])
        if len(xs) >= 3:
            out.append(plain_grid(page, xs, [min(r.start for r in rules), min(r.end for r in rules)]))
    return out


def plain_grid(page: int, xs: list[float], ys: list[float], ruled: bool = True) -> Grid:
    """The grid of ``xs`` by ``ys`` with every slot a cell of its own (nothing spans)."""
    cells: list[GridCell] = []
    slots: dict[tuple[int, int], int] = {}
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            slots[(r, c)] = len(cells)
            cells.append(GridCell(r, c, 1, 1, xs[c], xs[c + 1], ys[r], ys[r + 1]))
    return Grid(page, xs, ys, cells, slots, ruled)


def _overlap(a: Grid, b: Grid) -> bool:
    return a.xs[0] < b.xs[-1] and b.xs[0] < a.xs[-1] and a.top < b.bottom and b.top < a.bottom


class Extent(NamedTuple):
    """Where a page's text starts and ends, down the page."""

    top: float
    bottom: float


def text_extent(chars: Sequence[Char], height: float) -> Extent:
    """From the top of the page's first line to its last line's baseline, leaving out what lies
    in the top and bottom margins (a browser's date and address, page numbers)."""
    band = FURNITURE_BAND * height
    body = [c for c in chars if band < c.baseline < height - band]
    if not body:
        return Extent(float("inf"), float("-inf"))  # no text: nothing to cut a row short
    return Extent(min(c.baseline - c.size for c in body), max(c.baseline for c in body))


def find_grids(page: int, rules: Sequence[Rule], content: Extent | None = None) -> list[Grid]:
    """The ruled tables on one page, top to bottom; a table nested in another's cell is ignored."""
    merged = _merge([r for r in rules if r.end - r.start >= MIN_RULE])
    # ``content``: the page's text, for rows cut by a page break (none known: no cut rows).
    content = content or Extent(float("-inf"), float("inf"))
    grids = [g for grp in _components(merged) if (g := _grid(page, grp, content))]
    free = [r for r in merged if not r.horizontal and not any(g.holds(r) for g in grids)]
    # A frame round a ruled table is a form's outline, not a row going on.
    grids += [f for f in _frames(page, free, content) if not any(_overlap(f, g) for g in grids)]
    grids.sort(key=lambda g: (g.top, g.xs[0]))
    outer: list[Grid] = []
    for g in sorted(grids, key=lambda g: -(g.xs[-1] - g.xs[0]) * (g.bottom - g.top)):
        if not any(
            o.xs[0] <= g.xs[0] and g.xs[-1] <= o.xs[-1] and o.top <= g.top and g.bottom <= o.bottom
            for o in outer
        ):
            outer.append(g)
    return sorted(outer, key=lambda g: (g.top, g.xs[0]))
