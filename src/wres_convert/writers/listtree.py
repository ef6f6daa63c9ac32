"""Regroup the model's flat list items into nested lists, for writers that nest (HTML, Markdown)."""

from __future__ import annotations

from wres_convert.model import Block, Inlines, ListItem, without_controls
from wres_convert.readers.nesting import MAX_LIST_LEVEL
from wres_convert.values import field, record


@record
class ItemNode:
    inlines: Inlines
    children: list[ListNode] = field(default_factory=list)


@record
class ListNode:
    ordered: bool
    items: list[ItemNode] = field(default_factory=list)


def _build(run: list[ListItem]) -> list[ListNode]:
    """Nest a run of consecutive items. A jump of several levels nests one level at a time, and
    never past ``MAX_LIST_LEVEL``: the writers recurse once per level (readers already keep to it,
    but a Document may be built by hand)."""
    top: list[ListNode] = []
    stack: list[list[ListNode]] = [top]  # stack[d]: the lists at depth d, the current one last
    levels: list[int] = []  # the source level that each depth stands for
    for item in run:
        while len(levels) > 1 and item.level < levels[-1]:
            levels.pop()
            stack.pop()
        if levels and item.level < levels[-1]:
            levels[-1] = item.level  # shallower than the run's first item: treat as the top
        elif not levels or (item.level > levels[-1] and len(levels) <= MAX_LIST_LEVEL):
            if levels:
                parent = stack[-1][-1].items[-1]
                stack.append(parent.children)
            levels.append(item.level)
        lists = stack[-1]
        if not lists or lists[-1].ordered != item.ordered or (item.restart and lists[-1].items):
            lists.append(ListNode(item.ordered))
        lists[-1].items.append(ItemNode(item.inlines))
    return top


def group(blocks: tuple[Block, ...]) -> list[Block | ListNode]:
    """Blocks with each run of consecutive list items replaced by its nested lists."""
    out: list[Block | ListNode] = []
    run: list[ListItem] = []
    for b in without_controls(blocks):
        if isinstance(b, ListItem):
            run.append(b)
            continue
        if run:
            out.extend(_build(run))
            run = []
        out.append(b)
    if run:
        out.extend(_build(run))
    return out
