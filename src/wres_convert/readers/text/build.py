"""The text reader's line rules: typed text (a text return, a message's plain body, a web page's
``<pre>``) to blocks. Blank lines part blocks; bullet and number markers, indentation, short lines
standing alone as sub-headings, labels on a line of their own and lines an e-mail client wrapped
are read here. HTML in the text is read only when the caller hands in ``Markup`` (the text reader
does, from the web-page reader), so this module never imports that reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from wres_convert.model import Block, Cell, Heading, Inlines, ListItem, Message, Paragraph, Span, Table
from wres_convert.readers.replies import cut_history
from wres_convert.readers.text.grid import grid_rows, is_border
from wres_convert.readers.text.html import has_block_tag, has_tag, still_open
from wres_convert.readers.text.lines import is_label, line_marker, title_like
from wres_convert.text import patterns
from wres_convert.text.markers import split_bullets
from wres_convert.values import field, record


class Markup(NamedTuple):
    """How to read HTML found in the text: a fragment's blocks, a line's inline spans."""

    fragment: Callable[[str], tuple[list[Block], list[Message]]]
    inline: Callable[[str], tuple[Inlines, list[Message]]]


def read_lines(
    text: str, warnings: list[Message], markup: Markup | None = None
) -> tuple[list[Block], list[Message]]:
    """The blocks of typed ``text``, without earlier messages quoted under it, and what was said."""
    builder = _Builder(warnings, markup)
    builder.build(_blocks(_unquote(_raw_lines(text))))
    blocks, said = cut_history(builder.out)
    return blocks, [*builder.warnings, *said]


SUBHEADING_LEVEL = 3
# A short first line directly above a paragraph (no blank line) is a heading only when shorter
# still than a stand-alone one: "Your details" above "Organisation name: …".
LEAD_MAX_WORDS, LEAD_MAX_CHARS = 8, 60
WRAP_COLUMNS = 60  # a line this long was probably wrapped by an e-mail client, not ended by hand
QUESTION_LINE_WORDS = 20  # a question or label line ending in "?" or ":" is ended by hand
HAND_MAX_WORDS, HAND_MAX_CHARS = 6, 40  # a label or a signature line: ended by hand, never wrapped
# No client wraps lines this long: a fifth of the prose lines this long and the text is unwrapped.
UNWRAPPED_CHARS, UNWRAPPED_MIN_WORDS = 100, 8
# "what others could learn": a label typed in lower case
_LOWER_LABEL = patterns.compile(r"[a-z][a-z'’&/ -]{0,30}")
_BREAKS = patterns.translator({"\u2028": "\n", "\u2029": "\n\n", "\x0c": "\n\n", "\x0b": "\n", "\x85": "\n"})
_QUOTE_RE = patterns.compile(r"^[ \t]*>[ \t]?")


class Line(NamedTuple):
    indent: int  # columns of leading white space, a tab counting four
    text: str  # stripped


@record(eq=False)
class _Entry:
    """A paragraph or list item being gathered from physical lines."""

    kind: str  # "p" or "li"
    parts: list[str]
    indent: int = 0
    ordered: bool = False
    ordinals: frozenset[int] = frozenset()
    last_line: str = ""


def _unwrapped(block: list[Line]) -> bool:
    """Nothing wrapped the block's lines: each is a paragraph, one after another with no blank
    line between (Word's and LibreOffice's "plain text", a message sent unwrapped). Wrapped text
    has no line much longer than its wrap width; here long prose lines are common. Asked of each
    block, so a long disclaimer under a wrapped message leaves the message as it is."""
    prose = [line for line in block if len(line.text.split()) >= UNWRAPPED_MIN_WORDS]
    long = sum(1 for line in prose if len(line.text) > UNWRAPPED_CHARS)
    return long >= 2 and long * 5 >= len(prose)


def _at_subheadings(block: list[Line]) -> list[list[Line]]:
    """An unwrapped block cut before each sub-heading: a short title-like line after a finished
    sentence or list item, over a paragraph or a list ("Changes to shortlisting"); and round a
    numbered one that starts its numbering afresh ("a) Survey return rate" after "c) …"), which
    then stands alone as it would between blank lines. A value under its label ("Organisation
    name:" / "Northmoor …") follows no finished sentence."""
    parts: list[list[Line]] = [[]]
    for k, line in enumerate(block):
        prev = block[k - 1].text if k else ""
        nxt = block[k + 1] if k + 1 < len(block) else None
        finished = prev.endswith((".", "!", ";")) or line_marker(prev) is not None
        if k and _renumbers(prev, line.text, nxt):
            parts += [[line], []]
            continue
        if k and finished and _leads_paragraph(line.text, nxt):
            parts.append([])
        parts[-1].append(line)
    return [part for part in parts if part]


def _renumbers(prev: str, text: str, nxt: Line | None) -> bool:
    """``text`` is a numbered title that does not carry on the numbering of the line before and
    is no first item of a list going on below it."""
    marker = line_marker(text)
    if marker is None or not marker.ordered or not title_like(text):
        return False
    before = line_marker(prev)
    if before is not None and before.ordered and any(o - 1 in before.ordinals() for o in marker.ordinals()):
        return False
    after = line_marker(nxt.text) if nxt is not None else None
    return not (after is not None and after.ordered)


def _raw_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKS(text)
    return text.split("\n")


def _unquote(lines: list[str]) -> list[str]:
    """Remove "> " reply quoting when most of the text is quoted: a return forwarded or replied
    to, where the sender's own lines ("From: …", "Please see below") stay as they are."""
    for _ in range(8):
        filled = [line for line in lines if line.strip()]
        quoted = sum(1 for line in filled if _QUOTE_RE.match(line))
        if not filled or quoted * 5 < len(filled) * 3:  # fewer than 60% quoted: leave the text alone
            break
        lines = [_QUOTE_RE.sub("", line, count=1) for line in lines]
    return lines


def _blocks(lines: list[str]) -> list[list[Line]]:
    """Blocks of non-blank lines; a line holding only white space (even no-break spaces) is blank."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for raw in lines:
        text = raw.strip()
        if not text:
            if current:
                blocks.append(current)
            current = []
            continue
        lead = raw[: len(raw) - len(raw.lstrip())]
        current.append(Line(len(lead.expandtabs(4)), text))
    if current:
        blocks.append(current)
    return blocks


def _inlines(text: str, warnings: list[Message], markup: Markup | None) -> Inlines:
    if markup is None or not has_tag(text):
        return (Span(text),)
    inlines, found = markup.inline(text)
    _add_warnings(warnings, found)
    return inlines


def _add_warnings(warnings: list[Message], found: list[Message]) -> None:
    warnings.extend(w for w in found if w not in warnings)


@record(eq=False)
class _Builder:
    warnings: list[Message]
    markup: Markup | None = None
    unwrapped: bool = False  # the block being read: each line is a paragraph of its own (``_unwrapped``)
    out: list[Block] = field(default_factory=list)
    _indents: list[int] = field(default_factory=list)  # indentation of each open list level
    _ordinals: frozenset[int] | None = None  # the last item's enumerator, while a list is open

    def build(self, blocks: list[list[Line]]) -> None:
        parts: list[tuple[list[Line], bool]] = []
        for block in blocks:
            unwrapped = _unwrapped(block)
            parts += [(part, unwrapped) for part in (_at_subheadings(block) if unwrapped else [block])]
        for i, (part, unwrapped) in enumerate(parts):
            self.unwrapped = unwrapped
            self._block(part, parts[i + 1][0] if i + 1 < len(parts) else None)

    # --- emitting
    def _emit(self, block: Block) -> None:
        if not isinstance(block, ListItem):
            self._indents, self._ordinals = [], None
        self.out.append(block)

    def _level(self, indent: int) -> int:
        """Nesting from indentation, relative: deeper than the last item goes one level down, back
        to an indentation seen before goes back to that level."""
        while self._indents and indent < self._indents[-1]:
            self._indents.pop()
        if not self._indents or indent > self._indents[-1]:
            self._indents.append(indent)
        return len(self._indents) - 1

    def _emit_entry(self, entry: _Entry) -> None:
        inlines = _inlines(" ".join(entry.parts), self.warnings, self.markup)
        if not inlines:
            return
        if entry.kind == "p":
            self._emit(Paragraph(inlines))
            return
        self._emit(ListItem(inlines, self._level(entry.indent), entry.ordered))
        self._ordinals = entry.ordinals

    # --- one block
    def _block(self, lines: list[Line], next_block: list[Line] | None) -> None:
        i = 0
        while i < len(lines):
            if is_border(lines[i].text) and (
                found := grid_rows([" " * ln.indent + ln.text for ln in lines[i:]])
            ):
                self._table(found[0])
                i += found[1]
                continue
            if self.markup is not None and has_block_tag(lines[i].text):
                i = self._html(lines, i, self.markup)
                continue
            end = i
            while end < len(lines) and not (self.markup is not None and has_block_tag(lines[end].text)):
                end += 1
            following = lines[end] if end < len(lines) else None
            self._plain(lines[i:end], block_start=i == 0, following=following, next_block=next_block)
            i = end

    def _table(self, rows: list[list[str]]) -> None:
        """A grid table: each cell's text read as typed text of its own (its blocks only: a
        message's history is cut from the whole text, never from a cell)."""
        cells = []
        for row in rows:
            cells.append(tuple(Cell(tuple(self._cell(text))) for text in row))
        self._emit(Table(tuple(cells)))

    def _cell(self, text: str) -> list[Block]:
        builder = _Builder(self.warnings, self.markup)
        builder.build(_blocks(_raw_lines(text)))
        return builder.out

    def _html(self, lines: list[Line], i: int, markup: Markup) -> int:
        """Parse the HTML fragment starting at line ``i``; return the index after it. The fragment
        runs on while lines hold block tags or an element (``<p>``, ``<li>``, table) is open."""
        fragment = [lines[i].text]
        i += 1
        while i < len(lines) and (still_open("\n".join(fragment)) or has_block_tag(lines[i].text)):
            fragment.append(lines[i].text)
            i += 1
        blocks, found = markup.fragment("\n".join(fragment))
        _add_warnings(self.warnings, found)
        self._indents, self._ordinals = [], None
        for block in blocks:
            self._emit(block)
        self._indents, self._ordinals = [], None
        return i

    def _plain(
        self, lines: list[Line], *, block_start: bool, following: Line | None, next_block: list[Line] | None
    ) -> None:
        after_heading = False
        while True:  # a loop, not a call per label: a run of thousands of labels is text too
            if block_start and len(lines) == 1 and following is None:
                if self._alone_is_heading(lines[0].text, next_block):
                    self._emit(Heading((Span(lines[0].text),), SUBHEADING_LEVEL))
                    return
            elif block_start and _leads_paragraph(lines[0].text, (lines[1] if len(lines) > 1 else following)):
                self._emit(Heading((Span(lines[0].text),), SUBHEADING_LEVEL))
                lines, after_heading = lines[1:], True
            elif block_start and len(lines) > 1 and _label_line(lines[0].text, lines[1].text):
                # "what we did" typed above its answer: a label of its own, and what follows
                # starts afresh (a sub-heading there is still one).
                self._emit(Paragraph(_inlines(lines[0].text, self.warnings, self.markup)))
                # One line left is the label's value or answer ("Chesterfield Royal NHS
                # Foundation Trust"), never a sub-heading; more start afresh.
                lines, block_start = lines[1:], len(lines) > 2
                continue
            break
        for entry in _entries(lines, after_heading=after_heading, unwrapped=self.unwrapped):
            self._emit_entry(entry)

    def _alone_is_heading(self, text: str, next_block: list[Line] | None) -> bool:
        """A short title-like line standing alone, with more text after it, is a sub-heading."""
        if next_block is None or not title_like(text) or has_tag(text):
            return False
        next_marker = line_marker(next_block[0].text)
        marker = line_marker(text)
        if marker is not None:
            # "a) Survey return rate" alone is a heading, unless it carries on the list just
            # before it or starts one that goes on in the next block (a loose list).
            previous = self._ordinals
            continues = previous is not None and any(o - 1 in previous for o in marker.ordinals())
            return not continues and not (next_marker is not None and next_marker.ordered)
        # "Our aims were:" above a list introduces it; "Top tips:" above a question is a heading.
        return not (text.endswith(":") and next_marker is not None)


def _leads_paragraph(first: str, second: Line | None) -> bool:
    """ "Your details" directly above "Organisation name: …": a heading over a paragraph."""
    if second is None or line_marker(first) or has_tag(first):
        return False
    if not title_like(first, max_words=LEAD_MAX_WORDS, max_chars=LEAD_MAX_CHARS):
        return False
    nxt = second.text
    if first.endswith(":") and line_marker(nxt):
        return False  # "Ambassadors:" introducing a list
    if is_label(nxt) or line_marker(nxt) or has_block_tag(nxt):
        return True
    return (nxt[0].isupper() or nxt[0].isdigit()) and len(nxt) >= WRAP_COLUMNS


def _entries(lines: list[Line], *, after_heading: bool, unwrapped: bool = False) -> list[_Entry]:
    """Group physical lines into paragraphs and list items; in unwrapped text a line carries on
    only a list item it is indented under."""
    labels = sum(is_label(line.text) for line in lines)
    split_labels = labels >= 2 or (after_heading and labels >= 1)  # one field per line
    entries: list[_Entry] = []
    for line in lines:
        marker = line_marker(line.text)
        text = line.text[marker.end :] if marker else line.text
        intro, bullets = _bullet_split(text)
        if marker is not None:
            entries.append(_Entry("li", [intro], line.indent, marker.ordered, marker.ordinals(), line.text))
        elif intro:
            _add_plain(entries, Line(line.indent, intro), split_labels, unwrapped)
        entries.extend(_Entry("li", [b], line.indent, last_line=b) for b in bullets)
    return [e for e in entries if any(p.strip() for p in e.parts)]


def _bullet_split(text: str) -> tuple[str, list[str]]:
    """ "Intro • First • Second" on one line: the intro and the items."""
    if "•" not in text:
        return text, []
    intro, items = split_bullets((Span(text),))
    return "".join(s.text for s in intro), ["".join(s.text for s in item) for item in items]


def _add_plain(entries: list[_Entry], line: Line, split_labels: bool, unwrapped: bool = False) -> None:
    last = entries[-1] if entries else None
    if (
        last is not None
        and last.kind == "li"
        and (line.indent > last.indent or (not unwrapped and _wrapped(last.last_line, line.text)))
    ):
        last.parts.append(line.text)  # a continuation line of the item
    elif (
        not unwrapped
        and last is not None
        and last.kind == "p"
        and not (split_labels and is_label(line.text))
        and not _ended_by_hand(last.last_line, line.text)
    ):
        last.parts.append(line.text)  # a soft-wrapped paragraph
    else:
        entries.append(_Entry("p", [line.text], line.indent, last_line=line.text))
        return
    last.last_line = line.text


def _label_line(first: str, second: str) -> bool:
    """A block's short first line, ended by hand, that is neither a list item nor a field."""
    return _ended_by_hand(first, second) and not line_marker(first) and not is_label(first)


def _ended_by_hand(previous: str, text: str) -> bool:
    """A short line ended with Enter, not by wrapping: the next line's first word would have
    fitted after it ("what we did" above its answer, "Best wishes" above a name). A wrapped
    paragraph's lines are long until its last."""
    words = previous.split()
    if previous.endswith(("?", ":")) and len(words) <= QUESTION_LINE_WORDS and text[:1].isupper():
        return True  # "Top tips – what could others learn from your example:" above its answer
    return (
        0 < len(words) <= HAND_MAX_WORDS
        and len(previous) <= HAND_MAX_CHARS
        and not has_tag(previous)
        # "We did three things / and they worked well": one sentence; but "barriers / the
        # checklist was…", typed all in lower case, is a label over its answer.
        and (not text[:1].islower() or _LOWER_LABEL.fullmatch(previous) is not None)
        and not previous.endswith((".", ";", "-", "–"))
        and len(previous) + 1 + len(text.split()[0]) <= WRAP_COLUMNS
    )


def _wrapped(previous: str, text: str) -> bool:
    """An unindented line after an item carries it on when the item line was wrapped by the mail
    client (long) or the sentence plainly continues (lower-case start), but an e-mail address or
    a web address starting a line ("ian.siara@nhs.net Tel: …" under "3. Email address") is a new
    line's value, not a sentence going on."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if "@" in first or first.lower().startswith(("http", "www.")):
        return len(previous) >= WRAP_COLUMNS
    if text[:1].isupper() and _label_item(previous):
        return False  # "4. Second point of contact (name, email and phone)" above its answer
    return text[:1].islower() or len(previous) >= WRAP_COLUMNS


def _label_item(line: str) -> bool:
    """A numbered question or label ending as one ("?", ":" or a closing bracket), short."""
    return line.rstrip().endswith(("?", ":", ")")) and len(line.split()) <= QUESTION_LINE_WORDS
