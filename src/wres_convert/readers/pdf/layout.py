"""Positioned characters → text lines, with page furniture removed.

This module knows nothing about any PDF library: a character source (``readers/pdf.py``, today
pypdfium2) hands it ``Char`` values in page coordinates with the y axis pointing *down*, and it
returns ``Line`` values in reading order. ``readers/pdf_blocks.py`` then groups lines into blocks.
Keeping the two apart means the character source can be swapped (pdfplumber, pdfminer) without
touching a single heuristic.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from wres_convert.model import Inlines, Note, Span, merge_spans
from wres_convert.readers.pdf.charset import is_cjk
from wres_convert.readers.pdf.struct import Tag
from wres_convert.text import patterns
from wres_convert.text.markers import is_ordered_label, list_marker
from wres_convert.values import record


# Not frozen: a frozen init costs a call per field, for thousands of glyphs. Never compared or
# printed, so without the generated __eq__ and __repr__ (cheaper to define).
@dataclass(slots=True, eq=False, repr=False)
class Char:
    """One glyph. ``baseline`` is measured from the top of the page, so it grows down the page."""

    text: str
    page: int
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool = False
    italic: bool = False
    href: str | None = None
    seq: int = 0  # position in the page's content stream: tells a ligature's parts from a reprint
    tag: Tag | None = None  # the block the structure tree puts it in (tagged PDFs only)
    spaced: bool = False  # PDFium put a space of its own between this glyph and the one before
    script: int = 0  # 1 a superscript, -1 a subscript of the glyph before it (attach_scripts)
    anchor: float | None = None  # the baseline of the line a super- or subscript belongs to
    note: Note | None = None  # the footnote this glyph is the mark of (notes.py)

    def centre(self) -> tuple[float, float]:
        """Where the glyph stands, for deciding which cell, field or figure holds it: mid-way
        across, and a third of an em above the baseline (mid x-height)."""
        return (self.x0 + self.x1) / 2, self.baseline - 0.3 * self.size


MIN_FONT_SIZE = 0.5  # points: a smaller size is not what the page shows ("0 Tf", or set by the matrix)
DEFAULT_FONT_SIZE = 11.0  # a glyph's size when nothing in the document says


def fill_unknown_sizes(chars: list[Char]) -> None:
    """Glyphs of unknown size (0.0: see pdf._fallback_size) take the document's commonest size,
    so no later step divides by zero or takes them for a heading."""
    unknown = [c for c in chars if not c.size > 0]
    if not unknown:
        return
    known = Counter(c.size for c in chars if c.size > 0)
    size = max(known.items(), key=lambda kv: (kv[1], -kv[0]))[0] if known else DEFAULT_FONT_SIZE
    for c in unknown:
        c.size = size


class PageSize(NamedTuple):
    width: float
    height: float


# Page numbers: "3", "Page 3", "Page 3 of 7", "3 of 7", "3/7", "- 3 -".
_PAGE_NUMBER_RE = patterns.compile(
    r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*[-–]?$", re.IGNORECASE
)
_EDGE_LINES = 3  # how many lines at a page's top or bottom can be furniture
_EDGE_ZONE = 0.15  # ... and only within this fraction of the page height from the edge
_DIGITS = patterns.compile(r"\d+")


@record(eq=False)
class Line:
    """A run of glyphs sharing a baseline, in reading order, with the space characters it needs."""

    page: int
    chars: list[Char]
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool  # every visible glyph is bold
    marker: str | None = None  # the list marker, when the line starts with one
    ordered: bool = False
    text_x: float = 0.0  # where the text after the marker starts
    body_start: int = 0  # index in ``chars`` where the text after the marker starts
    tag: Tag | None = None  # the structure tree's block for most of the line (tagged PDFs)
    column: int = 0  # 1 left, 2 right column of a two-column region; 0 full width
    sort_y: float | None = None  # reading-order position on the page, when not the baseline
    right_edge: float | None = None  # where wrapped lines of its column end (columns only)

    @property
    def text_bold(self) -> bool:
        """Every visible glyph after the marker is bold: Word often sets a bold item's number plain,
        and a note's mark is set plain on a bold heading."""
        # Asked twice for every line break: stop at the first plain glyph (most lines are plain).
        seen = False
        for c in self.chars[self.body_start :]:
            if c.note is None and not c.text.isspace():
                if not c.bold:
                    return False
                seen = True
        return True if seen else self.bold

    def first_word_width(self) -> float:
        """Width of the first word (up to a space or a hyphen): the fit test for hard line ends."""
        start = self.chars[self.body_start] if self.body_start < len(self.chars) else self.chars[0]
        end = start.x1
        for c in self.chars[self.body_start :]:
            if c.text.isspace():
                break
            end = c.x1
            if c.text in "-–/":
                break
        return end - self.x0 if self.marker is None else end - self.text_x

    def inlines(self, start: int = 0) -> Inlines:
        # Consecutive glyphs of one style make one span (grouping first: a span per glyph is slow).
        runs = groupby(self.chars[start:], key=_STYLE)
        return merge_spans([Span("".join([c.text for c in run]), *style) for style, run in runs])


_STYLE = attrgetter("bold", "italic", "href", "note")
_READING = attrgetter("anchor", "x0")


def _space_like(a: Char, b: Char) -> Char:
    # A space inherits formatting shared by both neighbours, so an all-bold line stays all bold.
    return Char(
        " ",
        a.page,
        a.x1,
        b.x0,
        a.baseline,
        a.size,
        a.bold and b.bold,
        a.italic and b.italic,
        a.href if a.href == b.href else None,
        a.seq,
        a.tag if a.tag == b.tag else None,
    )


_BLANKS = frozenset("\t\r\n")


_X_ORDER = attrgetter("x0", "seq")  # left to right; a ligature's parts in stream order


def _make_line(chars: list[Char]) -> Line | None:
    chars.sort(key=_X_ORDER)
    out: list[Char] = []
    prev: Char | None = None
    prev_text = ""
    for c in chars:
        text = c.text  # read once: a line's glyphs pass here one by one
        if text in _BLANKS:
            c = replace(c, text=" ")
            text = " "
        if prev is not None:
            # The same glyph printed twice at the same place, apart in the stream: fake bold or a
            # shadow. Neighbours in the stream at one place are the letters of a ligature ("ff").
            if text == prev_text and abs(c.x0 - prev.x0) < 0.15 * c.size and abs(c.seq - prev.seq) > 1:
                continue
            if text == " " and prev_text == " ":
                continue
            # A word space: a gap of a fifth of the size, or half that where PDFium, which knows
            # the font's own space width, put a space between these two glyphs of the stream.
            gap = c.x0 - prev.x1
            if gap > 0.09 * c.size or gap > 0.09 * prev.size:  # only then can it be a word space
                word_gap = 0.1 if c.spaced and prev.seq == c.seq - 2 else 0.2
                if is_cjk(ord(text[0])) and is_cjk(ord(prev_text[-1])):
                    word_gap = 1.0  # CJK is written without word spaces; a spread label is one word
                if gap > word_gap * max(c.size, prev.size) and not text.isspace() and not prev_text.isspace():
                    out.append(_space_like(prev, c))
        elif text == " ":
            continue
        out.append(c)
        prev, prev_text = c, text
    while out and out[-1].text == " ":
        out.pop()
    visible = [c for c in out if not c.text.isspace()]
    if not visible:
        return None
    first = visible[0].size
    # One pass over the glyphs for what the line needs of them all (a line per few dozen glyphs,
    # thousands of glyphs a page): one size, the lowest baseline, all bold, any tagged.
    one_size = bold = True
    tagged = False
    baseline = visible[0].baseline
    for c in visible:
        if c.size != first:
            one_size = False
        if c.baseline > baseline:
            baseline = c.baseline
        if not c.bold:
            bold = False
        if c.tag is not None:
            tagged = True
    if one_size:  # the usual line: one size, its glyphs' baseline
        size = round(first * 2) / 2
    else:
        sizes = Counter(round(c.size * 2) / 2 for c in visible)
        size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
        baseline = max(c.baseline for c in visible if abs(c.size - size) < 0.6)
    text = "".join([c.text for c in out])
    line = Line(
        page=out[0].page,
        chars=out,
        text=text,
        x0=visible[0].x0,
        x1=visible[-1].x1,
        baseline=baseline,
        size=size,
        bold=bold,
    )
    line.text_x = line.x0
    if tagged:  # untagged PDFs skip the count
        tags = Counter(c.tag for c in visible if c.tag is not None and not c.tag.label)
        line.tag = tags.most_common(1)[0][0] if tags else visible[0].tag
    lead = 0
    while lead < len(out) and ((out[lead].tag is not None and out[lead].tag.label) or out[lead].text == " "):
        lead += 1  # the list label the tree marks (Lbl): a bullet of any shape, or a number
    # "A." counts here: Word exports its upper-letter lists as text, and the block builder still
    # checks that the marker hangs where a list's would (blocks.py), so "J. Smith" stays prose.
    m = list_marker(text, capital_dot=True)
    if lead and lead < len(out) and out[0].tag is not None and out[0].tag.label:
        label = "".join(c.text for c in out[:lead]).strip()
        line.marker = label or "•"
        line.ordered = is_ordered_label(label)
        line.body_start = lead
        line.text_x = out[lead].x0
    elif m and len(text) > m.end:
        line.marker = m.enum or m.bullet
        line.ordered = m.ordered
        line.body_start = m.end
        line.text_x = out[m.end].x0
    return line


def build_lines(chars: Iterable[Char]) -> list[Line]:
    """Cluster glyphs into lines by baseline (page by page), left to right within each line."""
    by_page: dict[int, list[Char]] = defaultdict(list)
    for c in chars:
        if c.text:
            by_page[c.page].append(c)
    lines: list[Line] = []
    for page in sorted(by_page):
        attach_scripts(by_page[page])
        pending = sorted(by_page[page], key=_READING)  # every glyph has its anchor now
        group: list[Char] = []
        ref = ref_size = 0.0  # the baseline and size of the group's first glyph
        for c in pending:
            # Half an em of baseline drift keeps bullets of another font on the line. (The larger
            # size is picked without max(): a call per glyph.)
            y: float = c.anchor  # type: ignore[assignment]  # set by attach_scripts
            if group and y - ref > 0.5 * (ref_size if ref_size > c.size else c.size):
                made = _make_line(group)
                if made:
                    lines.append(made)
                group = []
            if not group:
                ref, ref_size = y, c.size
            group.append(c)
        if group and (made := _make_line(group)):
            lines.append(made)
    return lines


def attach_scripts(chars: Sequence[Char]) -> None:
    """Mark super- and subscripts ("HCO3–", "π²", a footnote's mark) and anchor each to the
    baseline of the glyph it follows in the content stream, so it joins that glyph's line and word
    however far it is raised or lowered. Every other glyph is anchored to its own baseline. A script is smaller than the last full-size glyph before
    it (its base) and touches the glyph just before it; "HCO₃⁻" has two on one base."""
    prev: Char | None = None
    base: Char | None = None
    for c in chars:
        c.anchor = c.baseline  # a glyph's own line, unless it is a script
        if c.text.isspace():
            prev = base = None
            continue
        p, prev = prev, c
        if (
            p is None
            or base is None
            or p.page != c.page
            or not -0.1 * p.size <= c.x0 - p.x1 <= 0.3 * base.size
        ):
            base = c
            continue
        if c.size > 0.85 * base.size:
            base = c
            continue
        raised = base.baseline - c.baseline
        if 0.15 * base.size < raised < 0.7 * base.size:
            c.script = 1
        elif -0.45 * base.size < raised < -0.08 * base.size:
            c.script = -1
        elif p.script and abs(c.baseline - p.baseline) < 0.15 * c.size:
            c.script = p.script  # a script's next letter at the same height
        else:
            base = c
            continue
        c.anchor = base.anchor


def body_size(lines: Sequence[Line], default: float = DEFAULT_FONT_SIZE) -> float:
    """The size most of the text is set in, by characters; the smaller size on a tie."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return max(weights.items(), key=lambda kv: (kv[1], -kv[0]))[0] if weights else default


def _furniture_key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def split_furniture(lines: Sequence[Line], pages: Sequence[PageSize]) -> tuple[list[Line], list[Line]]:
    """Running headers/footers and page numbers at the top and bottom of each page, apart from
    the content: ``(content, furniture)``.

    A line counts when it is among the first or last few lines of its page and close to the page
    edge, and either looks like a page number or repeats (digits aside, at nearly the same height)
    at the same edge of another page.
    """
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_page[line.page].append(i)
    edge: dict[int, str] = {}  # line index → "top" / "bottom"
    for page, idx in by_page.items():
        height = pages[page].height if 0 <= page < len(pages) else 842.0
        for i in idx[:_EDGE_LINES]:
            if lines[i].baseline <= height * _EDGE_ZONE + lines[i].size:
                edge[i] = "top"
        for i in idx[-_EDGE_LINES:]:
            if lines[i].baseline >= height * (1 - _EDGE_ZONE):
                edge[i] = "bottom"
    for i in [i for i in edge if lines[i].tag is not None]:
        del edge[i]  # the structure tree calls it content: a tagged PDF marks its furniture Artifact
    seen: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for i, where in edge.items():
        seen[(where, _furniture_key(lines[i]))].append((lines[i].page, lines[i].baseline))
    drop: set[int] = set()
    for i, where in edge.items():
        line = lines[i]
        if _PAGE_NUMBER_RE.match(line.text.strip()):
            drop.add(i)
            continue
        others = {
            p for p, y in seen[(where, _furniture_key(line))] if p != line.page and abs(y - line.baseline) < 4
        }
        if others:
            drop.add(i)
    return [x for i, x in enumerate(lines) if i not in drop], [x for i, x in enumerate(lines) if i in drop]
