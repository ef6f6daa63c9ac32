"""Charts and figures drawn on a PDF page: their labels are kept out of the text.

A chart pasted into an answer prints as vector shapes (bars, slices, a frame, grid lines) with
its title, axis labels, values and legend as many short pieces of text. Read as text they become
stray sub-headings, paragraphs of numbers and, from the grid lines, a table. A figure is found
where at least three drawn shapes that hold no text (bars, slices, pictures) lie close together;
its region is the drawn frame around them, or their extent with a margin; and most of the text in
the region must be short labels, many of them numbers (so a form's boxes and labels stay text). The caller keeps that text out of the flow and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wres_convert.readers.pdf.layout import Char

_MIN_SIDE = 12.0  # a drawn shape smaller than this both ways is a bullet, a tick box, a legend key
_MIN_AREA = 60.0
_NEAR = 24.0  # shapes this close belong to one figure
_MARGIN = 18.0  # around a figure's shapes when no frame is drawn: its axis labels and legend
_MIN_SHAPES = 3
_MIN_LABELS = 4
_SHORT_SHARE = 0.7
_LABEL_WORDS = 4
_FIGURE_SHARE = 0.4  # a chart's labels are mostly numbers; a form's boxes and labels are not
_PIECE_GAP = 1.5  # ems between two labels printed on one line


@dataclass(frozen=True)
class Box:
    """A drawn shape's box on the page, y pointing down."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.bottom - self.top)

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


def _union(boxes: Sequence[Box]) -> Box:
    return Box(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )


def _centre(c: Char) -> tuple[float, float]:
    return (c.x0 + c.x1) / 2, c.baseline - 0.3 * c.size


def _clusters(boxes: list[Box], shapes: Sequence[Box]) -> list[list[Box]]:
    """Shapes drawn inside one frame are one figure; frameless ones join when they are close, or
    stand on one line as bars do."""
    framed: dict[Box, list[Box]] = {}
    loose: list[Box] = []
    for b in boxes:
        frames = [s for s in shapes if s.covers(b) and s.area > 1.5 * b.area]
        if frames:
            framed.setdefault(min(frames, key=lambda s: s.area), []).append(b)
        else:
            loose.append(b)
    groups: list[list[Box]] = []
    for b in loose:
        joined = [g for g in groups if any(_together(b, o) for o in g)]
        merged = [b, *(o for g in joined for o in g)]
        groups = [g for g in groups if g not in joined] + [merged]
    return [*framed.values(), *groups]


def _together(a: Box, b: Box) -> bool:
    on_one_line = abs(a.bottom - b.bottom) < 1.0 or abs(a.x0 - b.x0) < 1.0  # bars, either way up
    return a.near(b, _NEAR) or (on_one_line and a.near(b, 4 * _NEAR))


def _pieces(chars: Sequence[Char]) -> list[str]:
    """The region's text as pieces: runs of glyphs on one baseline, split at wide gaps."""
    rows: dict[int, list[Char]] = {}
    for c in chars:
        rows.setdefault(round(c.baseline / 2), []).append(c)
    out: list[str] = []
    for row in rows.values():
        row.sort(key=lambda c: c.x0)
        piece = ""
        prev: Char | None = None
        for c in row:
            if prev is not None and c.x0 - prev.x1 > _PIECE_GAP * max(c.size, prev.size) and piece.strip():
                out.append(piece.strip())
                piece = ""
            piece += c.text if prev is None or c.x0 - prev.x1 < 0.2 * c.size else " " + c.text
            prev = c
        if piece.strip():
            out.append(piece.strip())
    return out


def find_figures(chars: Sequence[Char], shapes: Sequence[Box], width: float, height: float) -> list[Box]:
    """The regions of a page's charts and figures (see the module's note)."""
    centres = [_centre(c) for c in chars if not c.text.isspace()]
    page_area = width * height
    empty = [
        s
        for s in shapes
        if max(s.x1 - s.x0, s.bottom - s.top) >= _MIN_SIDE
        and s.area >= _MIN_AREA
        and s.area < 0.5 * page_area
        and not any(s.holds(x, y) for x, y in centres)
    ]
    out: list[Box] = []
    for group in _clusters(empty, shapes):
        if len(group) < _MIN_SHAPES:
            continue
        extent = _union(group)
        frames = [s for s in shapes if s.covers(extent) and s.area <= 4 * max(extent.area, 1.0)]
        region = (
            max(frames, key=lambda s: s.area)
            if frames
            else Box(extent.x0 - _MARGIN, extent.top - _MARGIN, extent.x1 + _MARGIN, extent.bottom + _MARGIN)
        )
        inside = [c for c in chars if not c.text.isspace() and region.holds(*_centre(c))]
        pieces = _pieces(inside)
        short = [p for p in pieces if len(p.split()) <= _LABEL_WORDS]
        figures = [p for p in pieces if any(ch.isdigit() for ch in p)]  # values, years, scales
        if (
            len(pieces) >= _MIN_LABELS
            and len(short) >= _SHORT_SHARE * len(pieces)
            and len(figures) >= _FIGURE_SHARE * len(pieces)
        ):
            out.append(region)
    return out
