"""Text lines → blocks: paragraphs, headings and list items, the way a person reads the page.

A line starts a new block when any of these holds (otherwise it is a soft-wrapped continuation):

- it starts with a list marker (``text.markers.list_marker``), unless the marker is a number the text
  merely wrapped before ("…from bands 3 to" / "7. Pairs met…"): an enumerator at the running
  text's left edge, straight after a full line that ended no sentence and is not in a list item
  whose marker sits at that position, is a continuation;
- its font size differs from the line above, or its text is all bold and the line above's is not
  (or the reverse; a list item's marker does not count): a bold question directly followed by its
  answer is two blocks. Under a hanging list item's text, only after a line ended by hand: a full
  line there wraps a bold lead-in;
- the vertical gap is clearly larger than the document's line pitch (paragraph spacing);
- its indentation does not match the block's continuation lines (a first-line indent is allowed,
  and so are centred lines sharing a centre);
- the line above ended early: this line's first word would have fitted after it, so the line
  above was ended by hand, not wrapped. Not inside a list item whose line hangs under the item's
  text in the same style: only the item's own text sits there (a new item has a marker, a new
  paragraph returns to the margin), so a short line there is a line break within the item;
- it is the first line of a page and the block before the break ended a sentence, or the style
  or indentation does not carry on (a paragraph split by a page break is joined).

Hyphenation: a line ending in a soft hyphen is joined without it. A line ending in "-" after a
letter, followed by a lower-case letter, is joined without a space; the hyphen is dropped only
when the document itself spells the joined word without a hyphen elsewhere, or when the second
half is a bare suffix ("organis-ation", "recruit-ment"). Otherwise it is kept ("well-being",
"twelve-month", "decision-making"): Word and LibreOffice rarely hyphenate automatically, so a
line-end hyphen in these returns is usually a real one.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from wres_convert.model import Block, Heading, ListItem, Paragraph, Span, merge_spans, strip_inlines
from wres_convert.readers.pdf.layout import Line, body_size
from wres_convert.text import patterns
from wres_convert.values import field, record, replace

SENTENCE_END = patterns.compile(r"[.!?:][\"'’”)\]]*$")
_SUFFIX = patterns.compile(
    r"(?:t?ion|ations?|[iy]sations?|[iy]zations?|ments?|ness(?:es)?|ity|ities|[ae]nces?|[ai]ble|[ai]bly"
    r"|ives?|ous|isms?|ists?|[iy][sz]ed|[iy][sz]ing|[iy][sz]es?|ally|ially|ical(?:ly)?|ory|ary|ures?)"
)
_WORD = patterns.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LETTERS = patterns.compile(r"[^\W\d_]*")
_LETTERS_AT_END = patterns.compile(r"[^\W\d_]*$")
_URL_AT_END = patterns.compile(r"(?:https?://|www\.)\S*$")
_SOFT_HYPHEN = "\xad"
_INDENT_TOLERANCE = 3.0
_MAX_FIRST_LINE_INDENT = 72.0


@record(eq=False)
class _Group:
    lines: list[Line] = field(default_factory=list)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def item(self) -> bool:
        return self.first.marker is not None

    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


class _Metrics(NamedTuple):
    body_size: float
    pitch_ratio: float  # baseline-to-baseline distance of wrapped lines, in ems
    right_margin: float


def _metrics(lines: Sequence[Line]) -> _Metrics:
    body = body_size(lines)
    ratios = sorted(
        round((b.baseline - a.baseline) / b.size, 2)
        for a, b in pairwise(lines)
        # size > 0: the reader gives every glyph a size, but a zero here must not end the conversion
        if a.page == b.page and a.size == b.size > 0 and 0.9 <= (b.baseline - a.baseline) / b.size <= 2.5
    )
    # The line pitch is the smallest spacing that recurs: paragraph gaps are larger, and a document
    # of one-line paragraphs may have more of them than wrapped lines.
    pitch = 1.2
    need = max(2, len(ratios) // 10)
    for r in ratios:
        if sum(1 for s in ratios if r <= s <= r + 0.05) >= need:
            pitch = r
            break
    ends = sorted(line.x1 for line in lines if line.size == body) or [0.0]
    return _Metrics(body, pitch, ends[int(0.95 * (len(ends) - 1))])


def _is_heading_size(size: float, m: _Metrics) -> bool:
    return size >= m.body_size * 1.08 and size - m.body_size >= 0.9


def _ended_by_hand(prev: Line, line: Line, m: _Metrics) -> bool:
    """The first word of ``line`` would have fitted at the end of ``prev``: ``prev`` ended a paragraph."""
    space = 0.3 * prev.size
    margin = m.right_margin if prev.right_edge is None else prev.right_edge  # a column ends sooner
    return prev.x1 + space + line.first_word_width() <= margin - 1.0


def _indent_continues(group: _Group, prev: Line, line: Line) -> bool:
    first = group.first
    if abs((prev.x0 + prev.x1) / 2 - (line.x0 + line.x1) / 2) < _INDENT_TOLERANCE and prev.x0 != line.x0:
        return True  # centred text
    here = [g for g in group.lines if g.page == line.page and g.column == line.column]
    if here and here[0] is not first:
        # Carried over from the column or page before: its lines here are all wrapped lines.
        return abs(line.x0 - here[0].x0) <= _INDENT_TOLERANCE
    if len(group.lines) > 1:
        return abs(line.x0 - group.lines[1].x0) <= _INDENT_TOLERANCE
    if group.item:
        return first.x0 - _INDENT_TOLERANCE <= line.x0 <= first.text_x + _INDENT_TOLERANCE
    return first.x0 - _MAX_FIRST_LINE_INDENT <= line.x0 <= first.x0 + _INDENT_TOLERANCE


def _bold_changes(prev: Line, line: Line) -> bool:
    """The text turns bold or plain at the line break: a bold question and its answer. A list
    item's marker does not count: Word often sets a bold item's number plain."""
    return line.text_bold != prev.text_bold


def _continues(group: _Group, line: Line, m: _Metrics) -> bool:
    prev = group.lines[-1]
    if prev.tag is not None and line.tag is not None:
        # The structure tree says where each paragraph starts and ends, across pages and columns.
        return prev.tag.key == line.tag.key
    if line.marker is not None or abs(line.size - prev.size) > 0.5:
        return False
    first = group.first
    # Under a hanging list item's text only the item's own text can sit: a new item has a marker
    # and a new paragraph returns to the margin.
    hangs = (
        group.item
        and first.text_x - first.x0 > _INDENT_TOLERANCE
        and abs(line.x0 - first.text_x) <= _INDENT_TOLERANCE
    )
    if _bold_changes(prev, line) and not (hangs and not _ended_by_hand(prev, line, m)):
        # In a hanging item a style change splits only at a line ended by hand: a bold question
        # item and its answer. A full line wrapped a bold lead-in ("3. **Development roadshows.**").
        return False
    if line.page == prev.page and prev.column == 1 and line.column == 2:
        return not SENTENCE_END.search(group.text())  # a column break reads like a page break
    if not _indent_continues(group, prev, line):
        return False
    if (
        first.ordered
        and first.bold
        and line.text[:1].isupper()
        and abs(line.x0 - first.x0) <= _INDENT_TOLERANCE
    ):
        return False  # "a) Survey return rate" then "Preparation": a typed sub-heading, then another
    heading_like = _is_heading_size(line.size, m)
    # In a hanging item, in the item's style, the position outweighs the margin estimate behind the
    # hand-ended test: a short line there is a line break within the item ("…improved on?" /
    # "Please provide details…"), not the end of it.
    if not heading_like and not hangs and _ended_by_hand(prev, line, m):
        return False
    if line.page == prev.page:
        gap = line.baseline - prev.baseline
        return 0 < gap <= m.pitch_ratio * line.size + max(1.0, 0.15 * line.size)
    return line.page == prev.page + 1 and not SENTENCE_END.search(group.text())


def _wrapped_number(group: _Group, line: Line, m: _Metrics) -> Line | None:
    """``line`` without its marker when the enumerator it starts with cannot start a list item here.

    An item can start after a line that ended a sentence or block, at the marker position of the
    item above, or hanging out of the running text, or after a line ended by hand (the number would
    have fitted on it: "2. … ; and" / "a) …" nested at the item's text). A number at the text's own
    left edge straight after a full line that ran on ("…from bands 3 to" / "7. Pairs met…") is
    where the text wrapped. A line that starts a block anyway (a gap, another style) is tried
    again with its marker.
    """
    if line.marker is None or not line.ordered or line.tag is not None:
        return None  # bullets are never wrapped words; a tagged PDF's tree says what is a list
    prev, first = group.lines[-1], group.first
    if SENTENCE_END.search(prev.text):
        return None
    if group.item and abs(line.x0 - first.x0) <= _INDENT_TOLERANCE:
        return None  # the next item of the list above ("…; and" / "b) …")
    edge = group.lines[1].x0 if len(group.lines) > 1 else first.text_x
    if abs(line.x0 - edge) > _INDENT_TOLERANCE:
        return None  # the marker hangs out of the running text: a list
    plain = replace(line, marker=None, ordered=False, text_x=line.x0, body_start=0)
    return None if _ended_by_hand(prev, plain, m) else plain


def group_lines(lines: Sequence[Line], m: _Metrics) -> list[_Group]:
    groups: list[_Group] = []
    for line in lines:
        if groups:
            plain = _wrapped_number(groups[-1], line, m)
            if plain is not None and _continues(groups[-1], plain, m):
                groups[-1].lines.append(plain)
                continue
            if _continues(groups[-1], line, m):
                groups[-1].lines.append(line)
                continue
        groups.append(_Group([line]))
    return groups


def _keep_hyphen(before: str, after: str, vocab: set[str]) -> bool:
    frag = _LETTERS_AT_END.search(before[:-1])
    nxt = _LETTERS.match(after)
    head = frag.group(0) if frag else ""
    tail = nxt.group(0) if nxt else ""
    if not head or not tail[:1].islower():
        return True  # "COVID-19", "BME-led" across lines with a capital: keep as written
    if f"{head}-{tail}".lower() in vocab:
        return True
    if (head + tail).lower() in vocab:
        return False
    return not _SUFFIX.fullmatch(tail.lower())


def _join_inlines(group: _Group, vocab: set[str], keep_marker: bool) -> list[Span]:
    spans: list[Span] = []
    for n, line in enumerate(group.lines):
        part = list(line.inlines(line.body_start if n == 0 and not keep_marker else 0))
        if spans and part:
            last = spans[-1].text
            head = part[0].text
            if last.endswith(_SOFT_HYPHEN):
                spans[-1] = replace(spans[-1], text=last[:-1])
            elif last.endswith("-") and len(last) > 1 and last[-2].isalpha() and head[:1].isalpha():
                text = "".join(s.text for s in spans)
                if not _keep_hyphen(text, head, vocab):
                    spans[-1] = replace(spans[-1], text=last[:-1])
            elif last.endswith("/") and _URL_AT_END.search(last):
                pass  # a URL wrapped after a slash
            else:
                prev = spans[-1]
                bold = prev.bold and part[0].bold
                italic = prev.italic and part[0].italic
                spans.append(Span(" ", bold, italic, prev.href if prev.href == part[0].href else None))
        spans.extend(part)
    return spans


def _assign_levels(groups: list[_Group], kinds: list[str]) -> list[int]:
    """Nesting from marker x positions, relative to the other markers in the same run of items."""
    levels = [0] * len(groups)
    i = 0
    while i < len(groups):
        if kinds[i] != "item":
            i += 1
            continue
        j = i
        while j < len(groups) and kinds[j] == "item":
            j += 1
        stops: list[float] = []
        for x in sorted(g.first.x0 for g in groups[i:j]):
            if not stops or x - stops[-1] > _INDENT_TOLERANCE:
                stops.append(x)
        for k in range(i, j):
            x = groups[k].first.x0
            levels[k] = min(range(len(stops)), key=lambda s, x=x: abs(stops[s] - x))
        i = j
    return levels


def _kind(group: _Group, m: _Metrics) -> str:
    first = group.first
    tag = first.tag
    if tag is not None:
        if tag.kind != "p":
            return "heading" if tag.kind == "h" else "item"
        if not group.item:
            return "para"  # a tagged P is a paragraph, however large its type
    if group.item:
        # An all-bold "a) Survey return rate" is a sub-heading, not a list item, unless its wrapped
        # lines hang under the text like a list's.
        hanging = any(abs(line.x0 - first.x0) > _INDENT_TOLERANCE for line in group.lines[1:])
        if first.ordered and first.bold and not hanging and len(group.text()) <= 100:
            return "para"
        return "item"
    text = group.text()
    if _is_heading_size(first.size, m) and len(group.lines) <= 3 and len(text) <= 200:
        return "heading"
    return "para"


@record(eq=False)
class _Plan:
    """One run of lines grouped and classified, waiting for the document's heading sizes."""

    groups: list[_Group]
    kinds: list[str]
    levels: list[int]


class Planner:
    """Turns runs of lines (the text between tables, a table cell) into blocks in two passes.

    Metrics, hyphenation vocabulary and heading levels are the whole document's, so a heading in a
    table cell and one above the table get the same level: ``plan`` every run first, then ``emit``.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        self.m = _metrics(lines)
        self.vocab = {w.lower() for line in lines for w in _WORD.findall(line.text)}
        self.heading_sizes: set[float] = set()

    def context(self, lines: Sequence[Line]) -> _Metrics:
        """Line pitch and right margin of one kind of text (running text, table cells), the body
        size of the whole document: table cells are often set tighter than the text around them."""
        if not any(line.size == self.m.body_size for line in lines):
            return self.m
        own = _metrics(lines)
        return self.m._replace(pitch_ratio=own.pitch_ratio, right_margin=own.right_margin)

    def plan(
        self, lines: Sequence[Line], m: _Metrics | None = None, right_margin: float | None = None
    ) -> _Plan:
        m = m or self.m
        if right_margin is not None:
            m = m._replace(right_margin=right_margin)
        groups = group_lines(lines, m)
        kinds = [_kind(g, m) for g in groups]
        self.heading_sizes.update(g.first.size for g, k in zip(groups, kinds, strict=True) if k == "heading")
        levels = _assign_levels(groups, kinds)
        for i, g in enumerate(groups):
            if g.first.tag is not None and g.first.tag.kind == "li":
                # The L elements' nesting, unless the indentation shows more: LibreOffice tags
                # each item of a Word list whose levels are styles ("List Bullet 2") as its own L.
                levels[i] = max(levels[i], g.first.tag.level)
        return _Plan(groups, kinds, levels)

    def emit(self, plan: _Plan) -> tuple[Block, ...]:
        sizes = sorted(self.heading_sizes, reverse=True)
        blocks: list[Block] = []
        for group, kind, level in zip(plan.groups, plan.kinds, plan.levels, strict=True):
            # A bold sub-heading keeps its "a)"; a list item loses its marker.
            inlines = strip_inlines(merge_spans(_join_inlines(group, self.vocab, keep_marker=kind != "item")))
            if not inlines:
                continue
            if kind == "heading":
                tag = group.first.tag
                level = tag.level if tag is not None and tag.level else sizes.index(group.first.size) + 1
                blocks.append(Heading(inlines, level=min(6, level)))
            elif kind == "item":
                blocks.append(ListItem(inlines, level=level, ordered=group.first.ordered))
            else:
                blocks.append(Paragraph(inlines))
        return tuple(blocks)
