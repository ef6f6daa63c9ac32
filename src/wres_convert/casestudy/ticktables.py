"""Indicator tables in the items' answer: one row per indicator, named in any cell ("Indicator 7",
"7", its question or its title), perhaps with a tick box in any cell ("☒ | Indicator 7 | question").
When any row is ticked only the ticked rows count; otherwise (a progress table) a row counts when it
has progress and no unticked box, as such tables always did."""

from __future__ import annotations

from wres_convert.casestudy.itemnames import Segment, names, restates
from wres_convert.model import Block, Cell, Table
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.text.ticks import cell_tick, line_tick
from wres_convert.values import record


@record
class _Row:
    numbers: list[Number]
    tick: bool | None  # True ticked, False unticked, None no box
    progress: list[Block]


def _text(cell: Cell) -> str:
    return " ".join(cell.text.split()).strip()


def _row(cells: list[Cell], standard: Standard) -> _Row | None:
    """A row that names an indicator: which, its tick (if any) and its other text as progress."""
    ticks: dict[int, bool] = {}  # cell index -> its tick
    texts: dict[int, str] = {}  # cell index -> its text, less a tick typed before or after it
    for i, cell in enumerate(cells):
        text = _text(cell)
        whole = cell_tick(text)
        if whole is not None:
            ticks[i] = whole
            continue
        marked = line_tick(text)
        if marked is not None and names(text[marked[1] : marked[2]], standard, bare=True):
            ticks[i] = marked[0]  # "☒ Indicator 7" in one cell
            text = text[marked[1] : marked[2]]
        texts[i] = text
    # A bare "7" names an indicator only beside a tick box; in a table of figures it is a figure.
    named = next(((i, n) for i, t in texts.items() if (n := names(t, standard, bare=bool(ticks)))), None)
    if named is None:
        return None
    at, numbers = named
    progress = [
        b
        for i, cell in enumerate(cells)
        if i in texts and i != at and not restates(texts[i], numbers, standard)
        for b in cell.blocks
    ]
    tick = any(ticks.values()) if ticks else None
    return _Row(numbers, tick, progress)


def table_segments(table: Table, standard: Standard | None = None) -> list[Segment] | None:
    """A segment for each counted row of an indicator table; None for other tables."""
    standard = standard or Standard.load()
    rows = [r for row in table.rows if (r := _row([c for c in row if _text(c)], standard))]
    if any(r.tick for r in rows):
        return [Segment(r.numbers, r.progress) for r in rows if r.tick]
    if len(rows) < 2:
        return None
    return [Segment(r.numbers, r.progress) for r in rows if r.progress and r.tick is None]
