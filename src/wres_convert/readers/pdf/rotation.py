"""Glyphs as the page is displayed: the page's /Rotate applied, and runs of rotated text turned
to read along their own direction.

PDFium gives glyph boxes in the page's user space, before /Rotate. A landscape page stored as a
portrait page with ``/Rotate 90`` and its text set at 270° reads level once both are applied. Text
turned a quarter turn on the displayed page (a sideways table header, a label up the margin) is
turned back as a block: its lines keep their order and sit where the block was. Text at any other
angle is left out, with a warning.
"""

from __future__ import annotations

import math

from wres_convert.readers.pdf.layout import Char
from wres_convert.values import record

Point = tuple[float, float]


def quarter_turns(angle: float, rotation: int) -> int | None:
    """How many quarter turns (counter-clockwise, as displayed) a glyph at PDFium's char
    ``angle`` (radians, clockwise in user space) is turned on a page with ``/Rotate`` of
    ``rotation`` quarter turns (clockwise); None for an angle that is no multiple of 90°."""
    degrees = (math.degrees(angle) + 90 * rotation) % 360
    turns = round(degrees / 90)
    if abs(degrees - 90 * turns) > 1.0:
        return None
    return -turns % 4


def to_display(x: float, y: float, rotation: int, width: float, height: float) -> Point:
    """A user-space point on the displayed page, y up. ``width`` and ``height`` are the page's
    size as displayed (PDFium's page width and height already include /Rotate)."""
    if rotation == 1:  # 90° clockwise: the user space's left edge is the top
        return y, height - x
    if rotation == 2:
        return width - x, height - y
    if rotation == 3:  # 270° clockwise: the user space's left edge is the bottom
        return width - y, x
    return x, y


def _turn_back(p: Point, turns: int) -> Point:
    """``p`` turned ``turns`` quarter turns clockwise (y up)."""
    x, y = p
    for _ in range(turns):
        x, y = y, -x
    return x, y


@record(eq=False)
class Turned:
    """One glyph in displayed, y-up coordinates, waiting to become a Char."""

    char: Char
    origin: Point
    corners: tuple[Point, Point]
    turns: int


def place(glyphs: list[Turned], height: float) -> list[Char]:
    """The glyphs as Chars in top-down page coordinates, in their order. Glyphs turned on the
    displayed page are turned back, a block per turn, and each block is moved to where its glyphs
    were (same left edge, same top)."""
    shift: dict[int, Point] = {}
    for turns in {g.turns for g in glyphs} - {0}:
        before = [p for g in glyphs if g.turns == turns for p in (g.origin, *g.corners)]
        after = [_turn_back(p, turns) for p in before]
        shift[turns] = (
            min(p[0] for p in before) - min(p[0] for p in after),
            max(p[1] for p in before) - max(p[1] for p in after),
        )
    out: list[Char] = []
    for g in glyphs:
        dx, dy = shift.get(g.turns, (0.0, 0.0))
        ox, oy = _turn_back(g.origin, g.turns)
        (ax, _), (bx, _) = (_turn_back(p, g.turns) for p in g.corners)
        c = g.char
        c.x0 = min(ox, ax, bx) + dx
        c.x1 = max(ax, bx) + dx
        c.baseline = height - (oy + dy)
        out.append(c)
    return out
