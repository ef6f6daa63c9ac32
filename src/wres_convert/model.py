"""The one small document model every reader produces and every later stage consumes.

Readers turn a format (DOCX, PDF, text) into a ``Document``: a flat sequence of blocks in reading
order. Format quirks stay inside the readers; nothing after them knows where a block came from.
Lists are flat ``ListItem`` blocks carrying their nesting level, as mammoth and Word itself hold
them; writers regroup consecutive items into nested lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from wres_convert.values import field, replace
from wres_convert.values import value as value  # the value classes' decorator, for every stage


@value
class Span:
    """A run of inline text with one set of formatting. A line break is a span whose text is "\\n".
    A note's mark is a span of its own: its text is the mark as printed ("1", "*"), ``note`` the
    note it calls."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    note: Note | None = None


Inlines = tuple[Span, ...]


@value
class Note:
    """A footnote or endnote, carried by the span of its mark in the paragraph it belongs to, so
    it never runs into the answer's text. Every reader gives its notes in this one form."""

    blocks: tuple[Block, ...]
    kind: str = "footnote"  # or "endnote"

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def plain_text(inlines: Inlines) -> str:
    """The text of the inlines. A note's mark is not part of it: "Trust¹" is the organisation
    "Trust", and a question with a note still reads as the question."""
    return "".join(s.text for s in inlines if s.note is None)


def all_italic(inlines: Inlines) -> bool:
    """True when every visible character is italic: how a form sets its guidance under a question."""
    visible = [s for s in inlines if s.text.strip() and s.note is None]
    return bool(visible) and all(s.italic for s in visible)


def all_bold(inlines: Inlines) -> bool:
    """True when every visible character is bold: the usual mark of a question or sub-heading."""
    visible = [s for s in inlines if s.text.strip() and s.note is None]  # a mark is set plain
    return bool(visible) and all(s.bold for s in visible)


@value
class Heading:
    inlines: Inlines
    level: int = 3  # 1-6; readers give the source's level, section building renumbers

    @cached_property  # asked for many times by the mapper; kept out of equality and hash
    def text(self) -> str:
        return plain_text(self.inlines)


@value
class Paragraph:
    inlines: Inlines

    @cached_property  # asked for many times by the mapper; kept out of equality and hash
    def text(self) -> str:
        return plain_text(self.inlines)


@value
class ListItem:
    inlines: Inlines
    level: int = 0  # 0 is the outermost list
    ordered: bool = False
    restart: bool = False  # a new list starts here, even if the item before is of the same kind

    @cached_property  # asked for many times by the mapper; kept out of equality and hash
    def text(self) -> str:
        return plain_text(self.inlines)


@value
class Cell:
    blocks: tuple[Block, ...]
    colspan: int = 1
    rowspan: int = 1  # the rows it covers; the rows below then hold no cell in its place

    @property
    def text(self) -> str:
        return "\n".join(block_text(b) for b in self.blocks)


@value
class Table:
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def text(self) -> str:
        return "\n".join(c.text for row in self.rows for c in row)


@value
class Control:
    """Content the form itself marks as one field: a Word content control, a PDF form field.

    Its tag, title or field name often names the question it answers, which is stronger evidence
    than any wording. ``placeholder`` is True for a control still showing its prompt ("Click or
    tap here to enter text."): an unanswered question, whose prompt is not content.
    """

    blocks: tuple[Block, ...]
    tag: str = ""
    title: str = ""
    placeholder: bool = False

    @property
    def text(self) -> str:
        return "\n".join(block_text(b) for b in self.blocks)


@value
class Picture:
    """An image in the answer, at its place: a pasted photo, a chart's picture, a logo.

    ``data`` is the image as the source holds it; nothing downstream publishes it as it is (the
    case study re-encodes it, see casestudy/images.py). ``media_type`` is sniffed from ``data``
    by the reader, never taken from a file name. ``alt`` is the author's description; a picture
    Word marks ``decorative`` is published with ``alt=""``. ``width``/``height`` are the display
    size in CSS px when the source gives one. ``caption`` is shown under it (a chart's title).
    ``kind`` is "picture" or "chart". ``link``: the address of an image the source only links to
    (never fetched; ``data`` is then empty)."""

    data: bytes = field(repr=False)
    media_type: str = ""
    alt: str = ""
    title: str = ""
    decorative: bool = False
    width: float | None = None
    height: float | None = None
    caption: Inlines = ()
    kind: str = "picture"
    link: str = ""

    @property
    def inlines(self) -> Inlines:
        # The caption is the picture's only formatted text: code that walks every block's
        # inlines (notes, privacy, links) sees it without knowing pictures.
        return self.caption

    @property
    def text(self) -> str:
        return "\n".join(t for t in (self.alt, plain_text(self.caption)) if t)


Block = Heading | Paragraph | ListItem | Table | Control | Picture


def without_controls(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with every Control replaced by its content: what a reader of the page sees."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Control):
            out.extend(without_controls(b.blocks))
        else:
            out.append(b)
    return tuple(out)


def without_pictures(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], int]:
    """The blocks with every Picture left out (in tables and controls too), and how many were."""
    out: list[Block] = []
    dropped = 0
    for b in blocks:
        if isinstance(b, Picture):
            dropped += 1
        elif isinstance(b, Table):
            rows = []
            for row in b.rows:
                cells = []
                for c in row:
                    inner, n = without_pictures(c.blocks)
                    dropped += n
                    cells.append(replace(c, blocks=inner))
                rows.append(tuple(cells))
            out.append(Table(tuple(rows)))
        elif isinstance(b, Control):
            inner, n = without_pictures(b.blocks)
            dropped += n
            out.append(replace(b, blocks=inner))
        else:
            out.append(b)
    return tuple(out), dropped


def leaves(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block that holds text or a picture itself, in order: tables' cells and controls are
    opened, never given. The one walk for code that reads every block (pictures, notes, spans)."""
    for b in blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    yield from leaves(cell.blocks)
        elif isinstance(b, Control):
            yield from leaves(b.blocks)
        else:
            yield b


def pictures_of(blocks: tuple[Block, ...]) -> list[Picture]:
    """Every picture in the blocks, in tables and controls too, in order."""
    return [b for b in leaves(blocks) if isinstance(b, Picture)]


def notes_of(blocks: tuple[Block, ...]) -> list[Note]:
    """Every note the blocks call, once each, in the order of their marks."""
    notes = {id(s.note): s.note for b in leaves(blocks) for s in b.inlines if s.note is not None}
    return list(notes.values())


def block_text(block: Block) -> str:
    return block.text


@value
class Message:
    """A warning for the person reviewing the conversion: never silence, never a crash."""

    code: str
    message: str


@value
class Document:
    blocks: tuple[Block, ...]
    format: str  # "docx", "pdf" or "text"
    warnings: tuple[Message, ...] = field(default=())
    # Text the reader judged to be page furniture (running headers and footers, page and line
    # numbers, what a tagged PDF marks as an artifact), one block per line in page order. Kept so
    # that ``read`` shows everything; never mapped into a case study.
    furniture: tuple[Block, ...] = field(default=())
    # The text of charts and figures (titles, axis labels, values, legends), kept out of the
    # reading flow, one block per line in page order; a warning says where it was.
    figures: tuple[Block, ...] = field(default=())
    # Who sent it, when the file says (a message's From: name and address): the surest sign of the
    # submitter, so private like the details the form gives.
    sender: tuple[str, ...] = field(default=())


def text_inlines(text: str, *, bold: bool = False) -> Inlines:
    """Inlines for a plain string (no formatting)."""
    return (Span(text, bold=bold),) if text else ()


def merge_spans(spans: list[Span] | tuple[Span, ...]) -> Inlines:
    """Join neighbouring spans that share formatting, dropping empty ones."""
    out: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        same_format = out and (out[-1].bold, out[-1].italic, out[-1].href) == (s.bold, s.italic, s.href)
        if (
            same_format
            and out[-1].note is None
            and s.note is None
            and "\n" not in out[-1].text[-1:] + s.text[:1]
        ):
            out[-1] = replace(out[-1], text=out[-1].text + s.text)
        else:
            out.append(s)
    return tuple(out)


def strip_inlines(inlines: Inlines) -> Inlines:
    """Trim white space (and stray line breaks) from both ends of a run of inlines."""
    spans = list(merge_spans(inlines))
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if spans:  # replaced only when trimming changes them: most spans end as they should
        if (text := spans[0].text.lstrip()) != spans[0].text:
            spans[0] = replace(spans[0], text=text)
        if (text := spans[-1].text.rstrip()) != spans[-1].text:
            spans[-1] = replace(spans[-1], text=text)
    return tuple(spans)


def slice_inlines(inlines: Inlines, start: int, end: int | None = None) -> Inlines:
    """The inlines covering characters ``start:end`` of their plain text, formatting kept. A
    note's mark takes no room in the plain text: it goes with the text it follows."""
    out: list[Span] = []
    pos = 0
    for s in inlines:
        if s.note is not None:
            if (start < pos or pos == start == 0) and (end is None or pos <= end):
                out.append(s)
            continue
        lo, hi = pos, pos + len(s.text)
        pos = hi
        a, b = max(lo, start), hi if end is None else min(hi, end)
        if a < b:
            out.append(replace(s, text=s.text[a - lo : b - lo]))
    return tuple(out)


def split_lines(inlines: Inlines) -> list[Inlines]:
    """The inlines split at their hard line breaks ("\\n"), each line stripped."""
    lines: list[list[Span]] = [[]]
    for span in inlines:
        for i, part in enumerate(span.text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append(replace(span, text=part))
    return [strip_inlines(tuple(line)) for line in lines]


def drop_chars(inlines: Inlines, count: int) -> Inlines:
    """The inlines without their first ``count`` characters (a typed list marker)."""
    out: list[Span] = []
    for span in inlines:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        out.append(replace(span, text=span.text[count:]) if count else span)
        count = 0
    return tuple(out)
