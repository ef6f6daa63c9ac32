"""Reading order across text, ruled tables and form fields: glyphs → blocks for the whole document.

The page's glyphs are sorted into table cells (``pdf_tables``) or left in the running text; each
run of running text between two tables or fields, and each cell, goes through the same
line → block pipeline (``pdf_layout``, ``pdf_blocks``). A table that carries on at the top of the
next page (same columns, nothing but page furniture between) is one ``Table``; a row that the
page break split (a cell of the continuation row is empty) stays one row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from wres_convert.model import Block, Cell, Control, Picture, Table
from wres_convert.readers.pdf.blocks import SENTENCE_END, Planner, _Plan
from wres_convert.readers.pdf.columns import split_columns
from wres_convert.readers.pdf.layout import Char, Line, PageSize, build_lines, split_furniture
from wres_convert.readers.pdf.notes import split_notes
from wres_convert.readers.pdf.tables import Grid
from wres_convert.values import field, record

_CELL_PAD = 8.0  # at most this much of a cell's left gap is padding (LibreOffice/Word: ~5.4pt)


class Widget(NamedTuple):
    """A form field on a page, its content already read, placed where a reader meets it."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    control: Control | Picture  # a form field's content, or a picture standing on the page

    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2

    @property
    def sort_y(self) -> float:
        # A label printed beside a one-line field shares its row and is read first.
        return self.top + min(self.bottom - self.top, 14.0)


@record(eq=False)
class _CellFlow:
    colspan: int
    rowspan: int
    x0: float
    x1: float
    lines: list[Line] = field(default_factory=list)
    widgets: list[Widget] = field(default_factory=list)


@record(eq=False)
class _TableFlow:
    grid: Grid  # the last page's grid: what a continuation must match
    rows: list[list[_CellFlow]]


_Item = Line | Widget | _TableFlow


def _key(item: _Item) -> tuple[int, float]:
    if isinstance(item, Line):
        return item.page, item.baseline if item.sort_y is None else item.sort_y
    if isinstance(item, Widget):
        return item.page, item.sort_y
    return item.grid.page, item.grid.top


def _table_flow(grid: Grid, chars: list[Char], widgets: list[Widget]) -> _TableFlow:
    flows = [_CellFlow(c.colspan, c.rowspan, c.x0, c.x1) for c in grid.cells]
    by_cell: dict[int, list[Char]] = defaultdict(list)
    for c in chars:
        idx = grid.locate_char(c)
        if idx is not None:
            by_cell[idx].append(c)
    for idx, cell_chars in by_cell.items():
        flows[idx].lines = build_lines(cell_chars)
    for w in widgets:
        idx = grid.locate(*w.centre())
        if idx is not None:
            flows[idx].widgets.append(w)
    rows: list[list[_CellFlow]] = [[] for _ in range(len(grid.ys) - 1)]
    for cell, flow in zip(grid.cells, flows, strict=True):
        rows[cell.row].append(flow)
    for row in rows:
        row.sort(key=lambda f: f.x0)
    return _TableFlow(grid, rows)


def _continues(prev: _TableFlow, nxt: _TableFlow) -> bool:
    return nxt.grid.page == prev.grid.page + 1 and prev.grid.same_columns(nxt.grid)


def _split_row(last: list[_CellFlow], first: list[_CellFlow]) -> bool:
    """The first row on the new page is the rest of the last row on the page before.

    Either its leading cell is empty where the row above has one (a new row starts with its label),
    or a cell's text stops mid-sentence and the cell below it carries on in lower case.
    """
    if len(last) != len(first) or not any(f.lines or f.widgets for f in first):
        return False
    if (last[0].lines or last[0].widgets) and not (first[0].lines or first[0].widgets):
        return True
    return any(
        a.lines and b.lines and not SENTENCE_END.search(a.lines[-1].text) and b.lines[0].text[:1].islower()
        for a, b in zip(last, first, strict=True)
    )


def _join(prev: _TableFlow, nxt: _TableFlow) -> None:
    rows = nxt.rows
    last = prev.rows[-1] if prev.rows else []
    if rows and _split_row(last, rows[0]):
        # The page break split this row: its cells carry on where they stopped.
        for a, b in zip(last, rows[0], strict=True):
            a.lines.extend(b.lines)
            a.widgets.extend(b.widgets)
        rows = rows[1:]
    prev.rows.extend(rows)
    prev.grid = nxt.grid


class _Assembler:
    def __init__(self, text: list[Line], cells: list[Line], unruled: list[Line]) -> None:
        """``cells``: the lines of ruled tables' cells; ``unruled``: of borderless tables' cells,
        which have a line pitch and margins of their own, set as the text around them is."""
        self.planner = Planner([*text, *cells, *unruled])
        self.text_m = self.planner.context(text)
        self.cell_m = self.planner.context(cells)
        self.unruled_m = self.planner.context(unruled)

    def plan_items(
        self, items: Sequence[_Item], right_margin: float | None = None, ruled: bool = True
    ) -> list[object]:
        """Plans for each run of lines, with tables and widgets as they stand between them."""
        out: list[object] = []
        run: list[Line] = []
        for item in items:
            if isinstance(item, Line):
                run.append(item)
                continue
            if run:
                out.append(self._plan(run, right_margin, ruled))
                run = []
            out.append(item)
        if run:
            out.append(self._plan(run, right_margin, ruled))
        return out

    def _plan(self, run: list[Line], right_margin: float | None, ruled: bool) -> _Plan:
        if right_margin is None:
            return self.planner.plan(run, self.text_m)
        return self.planner.plan(run, self.cell_m if ruled else self.unruled_m, right_margin)

    def plan_table(self, table: _TableFlow) -> list[list[tuple[_CellFlow, list[object]]]]:
        planned = []
        for row in table.rows:
            cells = []
            for cell in row:
                items: list[_Item] = [*cell.lines, *cell.widgets]
                items.sort(key=_key)
                cells.append((cell, self.plan_items(items, _cell_margin(cell), table.grid.ruled)))
            planned.append(cells)
        return planned

    def emit(self, planned: list[object]) -> list[Block]:
        blocks: list[Block] = []
        for p in planned:
            if isinstance(p, _Plan):
                blocks.extend(self.planner.emit(p))
            elif isinstance(p, Widget):
                blocks.append(p.control)
            elif isinstance(p, list):  # a planned table
                rows = tuple(
                    tuple(Cell(tuple(self.emit(items)), cell.colspan, cell.rowspan) for cell, items in row)
                    for row in p
                )
                if any(c.blocks for row in rows for c in row):
                    blocks.append(Table(rows))
        return blocks


def _cell_margin(cell: _CellFlow) -> float:
    """Where wrapped lines in this cell end: the longest line when one nearly reaches the right
    border (glyph boxes sit a little inside the advance widths the word processor wrapped by), else
    the right border less the padding seen on the left."""
    if not cell.lines:
        return cell.x1
    pad = min(max(min(line.x0 for line in cell.lines) - cell.x0, 1.0), _CELL_PAD)
    edge = cell.x1 - pad
    longest = max(line.x1 for line in cell.lines)
    return longest if longest >= edge - 0.1 * (cell.x1 - cell.x0) else edge


class Flow(NamedTuple):
    blocks: tuple[Block, ...]
    furniture: list[Line]
    notes: int


def build_document(
    chars: Sequence[Char], pages: Sequence[PageSize], grids: Sequence[Grid], widgets: Sequence[Widget]
) -> Flow:
    """All blocks in reading order (running text, tables and form fields), the lines of page
    furniture left out of them, and how many footnotes were hung on their marks."""
    by_page: dict[int, list[int]] = defaultdict(list)  # page → indexes into grids
    for i, g in enumerate(grids):
        by_page[g.page].append(i)

    def grid_at(page: int, x: float, y: float) -> int | None:
        return next((i for i in by_page.get(page, ()) if grids[i].locate(x, y) is not None), None)

    outside: list[Char] = []
    in_grid: dict[int, list[Char]] = defaultdict(list)
    for c in chars:
        hit = grid_at(c.page, *c.centre()) if c.page in by_page else None
        if hit is None:
            outside.append(c)
        else:
            in_grid[hit].append(c)
    loose: list[Widget] = []
    grid_widgets: dict[int, list[Widget]] = defaultdict(list)
    for w in widgets:
        hit = grid_at(w.page, *w.centre())
        if hit is None:
            loose.append(w)
        else:
            grid_widgets[hit].append(w)
    content, furniture = split_furniture(build_lines(outside), pages)
    content, notes = split_notes(content)
    lines, borderless = split_columns(content)
    tables = [_table_flow(g, in_grid[i], grid_widgets[i]) for i, g in enumerate(grids)]
    tables += [_table_flow(b.grid, b.chars, []) for b in borderless]
    items: list[_Item] = [*lines, *loose, *tables]
    items.sort(key=_key)
    merged: list[_Item] = []
    for item in items:
        prev = merged[-1] if merged else None
        if isinstance(item, _TableFlow) and isinstance(prev, _TableFlow) and _continues(prev, item):
            _join(prev, item)
        else:
            merged.append(item)
    cells: dict[bool, list[Line]] = {True: [], False: []}  # by whether the table is ruled
    for t in merged:
        if isinstance(t, _TableFlow):
            cells[t.grid.ruled].extend(line for row in t.rows for cell in row for line in cell.lines)
    asm = _Assembler(lines, cells[True], cells[False])
    planned: list[object] = []
    for p in asm.plan_items(merged):
        planned.append(asm.plan_table(p) if isinstance(p, _TableFlow) else p)
    return Flow(tuple(asm.emit(planned)), furniture, notes)
