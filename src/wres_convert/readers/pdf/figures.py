"""Charts and figures drawn on a PDF page: their labels are kept out of the text.

A chart pasted into an answer prints as vector shapes (bars, slices, a frame, grid lines) with
its title, axis labels, values and legend as many short pieces of text. Read as text they become
stray sub-headings, paragraphs of numbers and, from the grid lines, a table.

Taking text out of an answer loses it from the page, so a figure must be certain, and a table,
a form or a paragraph never one. A figure is at least three drawn shapes that hold no text (bars,
slices, pictures), lying inside one frame or close together, not all the same size (a form's
boxes and a table's shaded cells are), and not cells of the ruled lines around them. Its region
is the frame, or the shapes' extent with a margin; every piece of text that touches the region
must lie wholly inside it; and that text must be short labels, many of them numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from wres_convert.readers.pdf.geometry import Box, union
from wres_convert.readers.pdf.layout import Char
from wres_convert.readers.pdf.tables import Rule

_MIN_SIDE = 12.0  # pt: a smaller shape is a bullet, a tick box or a legend key, not a chart's mark
_MIN_THICK = 8.0  # pt: a thinner one is a border or a rule drawn as a filled box
_MIN_AREA = 60.0  # pt²: the same for thin slivers
_MOST_SHAPES = 300  # more empty shapes than this is a drawing or a map: not worth the search
_NEAR = 24.0  # pt: frameless shapes this close belong to one figure...
_IN_LINE = 96.0  # ...or this close when they stand on one line, as bars do
_MARGIN = 18.0  # pt around frameless shapes: where a chart's axis labels and legend sit
_REACH = 72.0  # pt: a chart's title, ticks and legend sit this close to its marks; a table further
_MIN_SHAPES = 3
_SAME = 1.0  # pt: shapes this alike in width and height are a form's boxes or a table's cells
_ON_RULE = 1.5  # pt: an edge this close to a ruled line lies on it
_MIN_LABELS = 4
_SHORT_SHARE = 0.7  # of the pieces: labels have at most _LABEL_WORDS words
_LABEL_WORDS = 4
_LONGEST = 10  # words: a piece longer than this is prose, and prose is never a figure's
_NUMBER_SHARE = 0.4  # of the pieces hold a digit: values, years, scales
_PIECE_GAP = 1.5  # ems between two labels printed on one line
_TABLE_ROWS = 3  # a chart has one or two rows of several labels (its axis, its legend); a table more


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
    return a.near(b, _NEAR) or (on_one_line and a.near(b, _IN_LINE))


def _uniform(group: list[Box]) -> bool:
    first = group[0]
    return all(abs(b.width - first.width) <= _SAME and abs(b.height - first.height) <= _SAME for b in group)


def _cell(box: Box, rules: Sequence[Rule]) -> bool:
    """All four edges lie on ruled lines: the shading of a table's cell."""

    def on(horizontal: bool, pos: float, lo: float, hi: float) -> bool:
        return any(
            r.horizontal == horizontal
            and abs(r.pos - pos) <= _ON_RULE
            and r.start <= lo + _ON_RULE
            and r.end >= hi - _ON_RULE
            for r in rules
        )

    return (
        on(True, box.top, box.x0, box.x1)
        and on(True, box.bottom, box.x0, box.x1)
        and on(False, box.x0, box.top, box.bottom)
        and on(False, box.x1, box.top, box.bottom)
    )


def _pieces(chars: Sequence[Char]) -> list[list[Char]]:
    """Text as pieces: runs of glyphs on one baseline, split where a gap is wider than a space."""
    rows: dict[int, list[Char]] = {}
    for c in chars:
        rows.setdefault(round(c.baseline / 2), []).append(c)
    out: list[list[Char]] = []
    for row in rows.values():
        row.sort(key=lambda c: c.x0)
        piece: list[Char] = []
        for c in row:
            if piece and c.x0 - piece[-1].x1 > _PIECE_GAP * max(c.size, piece[-1].size):
                out.append(piece)
                piece = []
            piece.append(c)
        out.append(piece)
    return out


def _words(piece: list[Char]) -> list[str]:
    text, prev = "", None
    for c in piece:
        # a word space as layout.py judges one: a fifth of an em, or wherever PDFium put a space
        spaced = prev is not None and (c.spaced or c.x0 - prev.x1 >= 0.2 * c.size)
        text += " " + c.text if spaced else c.text
        prev = c
    return text.split()


def _labels(region: Box, extent: Box, chars: Sequence[Char]) -> bool:
    """The text touching the region lies wholly inside it, close to the figure's marks
    (``extent``), and reads as a figure's labels."""
    near = [c for c in chars if region.holds(*c.centre(), pad=3 * c.size)]
    pieces = []
    rows: dict[int, int] = {}  # baseline → pieces on it
    for piece in _pieces(near):
        inside = [region.holds(*c.centre()) for c in piece]
        if any(inside) and not all(inside):
            return False  # a line runs across the region's edge: a table's or a paragraph's
        if not all(inside):
            continue
        if not all(extent.holds(*c.centre(), pad=_REACH) for c in piece):
            return False  # text in the frame far from the marks: a table or notes beside a chart
        pieces.append(_words(piece))
        rows[round(piece[0].baseline / 2)] = rows.get(round(piece[0].baseline / 2), 0) + 1
    if sum(1 for n in rows.values() if n >= 3) >= _TABLE_ROWS:
        return False  # rows of several pieces under each other: a table of figures, not a chart
    short = [p for p in pieces if len(p) <= _LABEL_WORDS]
    numbers = [p for p in pieces if any(ch.isdigit() for w in p for ch in w)]
    return (
        len(pieces) >= _MIN_LABELS
        and len(short) >= _SHORT_SHARE * len(pieces)
        and len(numbers) >= _NUMBER_SHARE * len(pieces)
        and all(len(p) <= _LONGEST for p in pieces)
    )


def find_figures(
    chars: Sequence[Char], shapes: Sequence[Box], rules: Sequence[Rule], width: float, height: float
) -> list[Box]:
    """The regions of a page's charts and figures (see the module's note)."""
    page_area = width * height
    sized = [
        s
        for s in shapes
        if max(s.width, s.height) >= _MIN_SIDE
        and min(s.width, s.height) >= _MIN_THICK
        and _MIN_AREA <= s.area < 0.5 * page_area
    ]
    if len(sized) > _MOST_SHAPES:
        return []  # checked before anything costs shapes × glyphs
    visible = [c for c in chars if not c.text.isspace()]
    centres = [c.centre() for c in visible]
    empty = [s for s in sized if not any(s.holds(x, y) for x, y in centres) and not _cell(s, rules)]
    out: list[Box] = []
    for group in _clusters(empty, sized):
        if len(group) < _MIN_SHAPES or _uniform(group):
            continue
        extent = union(group)
        frames = [s for s in sized if s.covers(extent) and s.area <= 4 * max(extent.area, 1.0)]
        region = (
            max(frames, key=lambda s: s.area)
            if frames
            else Box(extent.x0 - _MARGIN, extent.top - _MARGIN, extent.x1 + _MARGIN, extent.bottom + _MARGIN)
        )
        if _labels(region, extent, visible):
            out.append(region)
    return out
