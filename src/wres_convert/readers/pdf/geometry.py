"""Boxes on a PDF page as displayed, y pointing down: shared by the page-object reader and the
heuristics that use what it finds, so neither depends on the other."""

from __future__ import annotations

from typing import NamedTuple


class Box(NamedTuple):
    """A drawn shape's box on the page, y pointing down."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2

    @property
    def area(self) -> float:
        return self.width * self.height

    def holds(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.top - pad <= y <= self.bottom + pad

    def covers(self, other: Box, pad: float = 1.0) -> bool:
        return self.holds(other.x0, other.top, pad) and self.holds(other.x1, other.bottom, pad)

    def near(self, other: Box, gap: float) -> bool:
        return not (
            other.x0 > self.x1 + gap
            or other.x1 < self.x0 - gap
            or other.top > self.bottom + gap
            or other.bottom < self.top - gap
        )


def union(boxes: list[Box]) -> Box:
    return Box(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )
