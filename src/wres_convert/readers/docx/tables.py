"""Word tables as ``Table`` blocks: merged cells as spans, content controls around rows and cells.

Word draws a vertically merged cell as a first cell (``w:vMerge w:val="restart"``) and a
continuation cell in each row below (``w:vMerge``); here it is one cell with a ``rowspan`` and the
rows below hold nothing in its place. Columns are tracked on the table grid (``w:gridBefore``,
``w:gridSpan``) so a continuation finds the cell it continues.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from wres_convert.model import Block, Cell, Table
from wres_convert.readers.docx.controls import ControlInfo, control_info, wrap
from wres_convert.readers.docx.package import to_int, w, wval
from wres_convert.values import record


@record(eq=False)
class _Slot:
    """A cell being built: merges below may still add rows and blocks to it."""

    blocks: list[Block]
    colspan: int
    row: int
    rowspan: int = 1


def _inside(outer: ControlInfo | None, inner: ControlInfo) -> ControlInfo:
    return inner if outer is None else outer.around(inner)


class TableReader:
    def __init__(self, read_blocks: Callable[[etree._Element], list[Block]]) -> None:
        self._read_blocks = read_blocks

    def read(self, tbl: etree._Element) -> Table:
        rows: list[list[_Slot]] = []
        merging: dict[int, _Slot] = {}  # grid column → the vertically merged cell covering it
        for tr, row_control in _rows(tbl, None):
            elements = _cell_elements(tr, row_control)
            if not elements:
                continue
            row: list[_Slot] = []
            column = _grid_before(tr)
            for skipped in range(column):
                merging.pop(skipped, None)  # no cell there in this row: a merge cannot run through
            for tc, control in elements:
                tc_pr = tc.find(w("tcPr"))
                colspan = max(1, to_int(wval(tc_pr.find(w("gridSpan"))) if tc_pr is not None else None, 1))
                above = merging.get(column)
                if _merge_continues(tc_pr, "hMerge") and row:
                    row[-1].colspan += colspan
                elif _merge_continues(tc_pr, "vMerge") and above is not None:
                    above.rowspan = len(rows) - above.row + 1
                    blocks = self._content(tc, control)
                    if any(b.text.strip() for b in blocks):  # text left in a covered cell: keep it
                        above.blocks.extend(blocks)
                else:
                    slot = _Slot(self._content(tc, control), colspan, len(rows))
                    row.append(slot)
                    for covered in range(column, column + colspan):
                        merging.pop(covered, None)
                    if _merge_starts(tc_pr):
                        merging[column] = slot
                column += colspan
            rows.append(row)
        return Table(_freeze(rows))

    def _content(self, tc: etree._Element, control: ControlInfo | None) -> list[Block]:
        if control is not None and control.placeholder:
            return wrap([], control)  # the cell shows only the control's prompt
        return wrap(self._read_blocks(tc), control)


def _freeze(rows: list[list[_Slot]]) -> tuple[tuple[Cell, ...], ...]:
    """The finished rows. A row left empty because merged cells cover all of it is dropped, and
    the merged cells' row spans shrink to match."""
    for row in rows:
        for slot in row:
            if slot.rowspan > 1:
                slot.rowspan = sum(1 for r in range(slot.row, slot.row + slot.rowspan) if rows[r])
    return tuple(tuple(Cell(tuple(s.blocks), s.colspan, s.rowspan) for s in row) for row in rows if row)


def _rows(
    parent: etree._Element, control: ControlInfo | None
) -> list[tuple[etree._Element, ControlInfo | None]]:
    """The table's rows, each with the content control around it (if any); a row deleted with
    tracked changes is left out."""
    return [
        (tr, around)
        for tr, around in _wrapped(parent, w("tr"), control)
        if (tr_pr := tr.find(w("trPr"))) is None or tr_pr.find(w("del")) is None
    ]


def _cell_elements(
    tr: etree._Element, control: ControlInfo | None
) -> list[tuple[etree._Element, ControlInfo | None]]:
    """The row's cells, each with the content control around it or around its row (if any)."""
    return _wrapped(tr, w("tc"), control)


def _wrapped(
    parent: etree._Element, tag: str, control: ControlInfo | None
) -> list[tuple[etree._Element, ControlInfo | None]]:
    """``parent``'s ``tag`` children, looking through content controls and custom XML around
    them, each with the innermost control around it."""
    found: list[tuple[etree._Element, ControlInfo | None]] = []
    for child in parent:
        if child.tag == tag:
            found.append((child, control))
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                found.extend(_wrapped(content, tag, _inside(control, control_info(child))))
        elif child.tag == w("customXml"):
            found.extend(_wrapped(child, tag, control))
    return found


def _grid_before(tr: etree._Element) -> int:
    tr_pr = tr.find(w("trPr"))
    return max(0, to_int(wval(tr_pr.find(w("gridBefore"))) if tr_pr is not None else None, 0))


def _merge_starts(tc_pr: etree._Element | None) -> bool:
    merge = None if tc_pr is None else tc_pr.find(w("vMerge"))
    return merge is not None and wval(merge) == "restart"


def _merge_continues(tc_pr: etree._Element | None, name: str) -> bool:
    merge = None if tc_pr is None else tc_pr.find(w(name))
    return merge is not None and wval(merge, "continue") != "restart"
