"""Notes (footnotes, endnotes) of a run of blocks: the number each gets.

Writers number a section's notes 1, 2, … in the order their marks appear, whatever the source
printed, and make each id or label unique on the page by prefixing the section's id. The HTML and
Markdown writers ask ``current()`` for the numbering while they render a section's blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wres_convert.model import Note, value


@value
class Numbering:
    prefix: str  # "what-they-did-": ids and labels are unique on the page
    numbers: dict[int, int]  # id(note) → its number

    def number(self, note: Note) -> int | None:
        return self.numbers.get(id(note))

    def label(self, n: int) -> str:
        return f"{self.prefix}{n}"


_CURRENT: ContextVar[Numbering | None] = ContextVar("note_numbering", default=None)


def current() -> Numbering | None:
    return _CURRENT.get()


@contextmanager
def numbered(notes: list[Note] | None, prefix: str = "") -> Iterator[Numbering | None]:
    """Number ``notes`` while a section renders; None renders marks as plain text (inside a note)."""
    numbering = (
        Numbering(f"{prefix}-" if prefix else "", {id(n): i for i, n in enumerate(notes, start=1)})
        if notes is not None
        else None
    )
    token = _CURRENT.set(numbering)
    try:
        yield numbering
    finally:
        _CURRENT.reset(token)
