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


def _grid(page: int, group: list[Rule]) -> Grid | None:
    hs = [r for r in group if r.horizontal]
    vs = [r for r in group if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    x_lo, x_hi = min(r.start for r in hs), max(r.end for r in hs)
    y_lo, y_hi = min(r.start for r in vs), max(r.end for r in vs)
    xs = _cluster([r.pos for r in vs if x_lo - SNAP <= r.pos <= x_hi + SNAP])
    ys = _cluster([r.pos for r in hs if y_lo - SNAP <= r.pos <= y_hi + SNAP])
    if len(xs) < 2 or len(ys) < 2:
        return None
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


def find_grids(page: int, rules: Sequence[Rule]) -> list[Grid]:
    """The ruled tables on one page, top to bottom; a table nested in another's cell is ignored."""
    long_rules = [r for r in rules if r.end - r.start >= MIN_RULE]
    grids = [g for grp in _components(_merge(long_rules)) if (g := _grid(page, grp))]
    grids.sort(key=lambda g: (g.top, g.xs[0]))
    outer: list[Grid] = []
    for g in sorted(grids, key=lambda g: -(g.xs[-1] - g.xs[0]) * (g.bottom - g.top)):
        if not any(
            o.xs[0] <= g.xs[0] and g.xs[-1] <= o.xs[-1] and o.top <= g.top and g.bottom <= o.bottom
            for o in outer
        ):
            outer.append(g)
    return sorted(outer, key=lambda g: (g.top, g.xs[0]))
