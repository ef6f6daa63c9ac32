"""How deep a document may nest, and flattening what goes deeper.

A return has a list or two levels deep and now and then a table in a table. A file with hundreds of
nested tables, lists or content controls is damaged or hostile, and every later stage (section
building, privacy checks, the writers, pickling the result back from the worker) walks the model
recursively. So every reader's document passes through ``limit_nesting``: list levels beyond
``MAX_LIST_LEVEL`` are put at that level, and tables or controls nested beyond their limits are
flattened into the blocks around them (their cells' paragraphs, in reading order). The text
always stays; a warning says it was flattened. Walking a too-deep part is iterative, so the limit
holds however deep the input went.
"""

from __future__ import annotations

from collections.abc import Iterator

from wres_convert.model import Block, Cell, Control, Document, ListItem, Message, Table
from wres_convert.values import replace

MAX_LIST_LEVEL = 8  # Word's nine list levels, 0-8
MAX_TABLE_DEPTH = 4  # a table in a table in a table in a table; deeper ones become paragraphs
MAX_CONTROL_DEPTH = 4  # content controls inside content controls; deeper ones are unwrapped
FLATTENED = Message(
    "nesting-flattened",
    "tables, lists or form fields were nested more deeply than a page can show; "
    "the deepest levels were flattened and their text kept",
)


def limit_nesting(doc: Document) -> Document:
    """``doc`` with no table, control or list nested beyond the limits (the same object when
    nothing was)."""
    walk = _Walk()
    blocks = walk.blocks(doc.blocks, 0, 0)
    if not walk.changed:
        return doc
    warnings = doc.warnings if FLATTENED in doc.warnings else (*doc.warnings, FLATTENED)
    return replace(doc, blocks=blocks, warnings=warnings)


class _Walk:
    """Recurses only while under the limits, so its own depth is bounded too."""

    def __init__(self) -> None:
        self.changed = False

    def blocks(self, blocks: tuple[Block, ...], tables: int, controls: int) -> tuple[Block, ...]:
        out: list[Block] = []
        for b in blocks:
            if isinstance(b, Table):
                if tables >= MAX_TABLE_DEPTH:
                    out.extend(self._flat(b))
                else:
                    out.append(self._table(b, tables + 1, controls))
            elif isinstance(b, Control):
                if controls >= MAX_CONTROL_DEPTH:
                    out.extend(self._flat(b))
                else:
                    inner = self.blocks(b.blocks, tables, controls + 1)
                    out.append(b if _same(inner, b.blocks) else replace(b, blocks=inner))
            else:
                out.append(self._level(b))
        return tuple(out)

    def _table(self, table: Table, tables: int, controls: int) -> Table:
        rows = tuple(tuple(self._cell(c, tables, controls) for c in row) for row in table.rows)
        return table if all(_same(a, b) for a, b in zip(rows, table.rows, strict=True)) else Table(rows)

    def _cell(self, cell: Cell, tables: int, controls: int) -> Cell:
        inner = self.blocks(cell.blocks, tables, controls)
        return cell if _same(inner, cell.blocks) else replace(cell, blocks=inner)

    def _flat(self, block: Block) -> list[Block]:
        self.changed = True
        return [self._level(b) for b in _leaves(block)]

    def _level(self, block: Block) -> Block:
        if isinstance(block, ListItem) and block.level > MAX_LIST_LEVEL:
            self.changed = True
            return replace(block, level=MAX_LIST_LEVEL)
        return block


def _same(new: tuple[object, ...], old: tuple[object, ...]) -> bool:
    """Nothing replaced: compared by identity, since == would walk the (deep) blocks."""
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))


def _leaves(block: Block) -> Iterator[Block]:
    """The paragraphs, headings and list items inside ``block``, in reading order, found with a
    stack rather than recursion: the nesting may be thousands deep."""
    stack: list[Iterator[Block]] = [iter((block,))]
    while stack:
        b = next(stack[-1], None)
        if b is None:
            stack.pop()
        elif isinstance(b, Table):
            stack.append(iter([inner for row in b.rows for cell in row for inner in cell.blocks]))
        elif isinstance(b, Control):
            stack.append(iter(b.blocks))
        else:
            yield b
