"""Literal HTML fragments inside returned text files.

Some returns were pasted out of a web form, so the text holds ``<p>…</p> <ul …> • item • item``,
``<a href>`` links and entities. These become document structure here, never visible tags: each
``<p>`` a Paragraph, each ``<li>`` (or `` • `` segment inside a list) a ListItem, ``<h1>``-``<h6>``
Headings, tables Tables, ``<b>``/``<i>``/``<a>`` formatted spans. Active content (script, style,
iframe, object, comments) is dropped with its contents, unknown tags are dropped but their text
kept, and only http, https and mailto links survive. Text comes out unescaped: writers escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from wres_convert.model import (
    Block,
    Cell,
    Heading,
    Inlines,
    ListItem,
    Message,
    Paragraph,
    Span,
    Table,
    merge_spans,
    strip_inlines,
)
from wres_convert.text.links import safe_href
from wres_convert.text.ticks import CHECKED, UNCHECKED

HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
BLOCK_TAGS = {
    "p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "blockquote", "section", "article", "header", "footer", "main", "nav", "aside", "pre", "dl",
    "dt", "dd", "hr", "address", "figure", "figcaption", "body", "html", "center", *HEADING_TAGS,
}  # fmt: skip
# Active or invisible content: dropped together with everything inside it.
DROP_TAGS = {"script", "style", "iframe", "object", "noscript", "template", "frameset", "noembed", "applet"}
INLINE_TAGS = {
    "span", "br", "strong", "em", "font", "small", "big", "sub", "sup", "mark", "code", "abbr",
    "cite", "strike", "del", "ins", "label", "img", "svg", "math", "embed", "form", "input",
    "button", "textarea", "select", "option", "video", "audio", "source", "link", "meta", "base",
    "head", "title", "wbr", "nobr", "frame", "param", "picture",
}  # fmt: skip
SHORT_TAGS = ("a", "b", "i", "u", "s", "q")  # one letter: only a complete tag counts, "<b and c" is prose
BOLD_TAGS = {"b", "strong"}
ITALIC_TAGS = {"i", "em"}

_DANGEROUS = "|".join(sorted(DROP_TAGS | {"img", "svg", "embed", "math", "form", "link", "meta", "base"}))
_named = "|".join(sorted((BLOCK_TAGS | INLINE_TAGS) - set(SHORT_TAGS), key=len, reverse=True))
_short = "|".join(SHORT_TAGS)
# A tag the reader recognises. Dangerous names match as a prefix ("<scriptx") so nothing
# script-like is ever left standing as text; single letters must be complete tags.
TAG_RE = re.compile(
    rf"</?(?:{_named})(?=[\s/>]|$)|<(?:{_DANGEROUS})|</?(?:{_short})(?:\s[^<>]*)?>|<!--", re.IGNORECASE
)
_block_names = "|".join(sorted(BLOCK_TAGS | DROP_TAGS, key=len, reverse=True))
BLOCK_TAG_RE = re.compile(rf"</?(?:{_block_names})(?=[\s/>]|$)|<!--", re.IGNORECASE)

BULLET_RE = re.compile(r"(?:^|(?<=\s))•(?=\s|$)")
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")  # ASCII white space only: a no-break space is content
_INCOMPLETE_TAG_RE = re.compile(r"<[A-Za-z/!?][\s\S]*$")


def has_tag(text: str) -> bool:
    """True when ``text`` holds a tag we recognise; a stray "<" in prose ("scores < 5%") is not one."""
    return TAG_RE.search(text) is not None


def has_block_tag(text: str) -> bool:
    """True when ``text`` holds a block-level (or active-content) tag: the line is HTML structure."""
    return BLOCK_TAG_RE.search(text) is not None


def split_bullets(inlines: Inlines) -> tuple[Inlines, list[Inlines]]:
    """Split "Intro • First • Second" into the intro and one run of inlines per bullet."""
    text = "".join(s.text for s in inlines)
    cuts = [m.start() for m in BULLET_RE.finditer(text)]
    if not cuts:
        return strip_inlines(inlines), []
    pieces: list[list[Span]] = [[] for _ in range(len(cuts) + 1)]
    pos = piece = 0  # piece: how many bullets have been passed, cuts[piece] the next one
    for span in inlines:
        left, end = pos, pos + len(span.text)
        while piece < len(cuts) and cuts[piece] < end:
            pieces[piece].append(
                Span(span.text[left - pos : cuts[piece] - pos], span.bold, span.italic, span.href)
            )
            left = cuts[piece] + 1  # past the bullet character itself
            piece += 1
        pieces[piece].append(Span(span.text[left - pos :], span.bold, span.italic, span.href))
        pos = end
    intro, *items = (strip_inlines(tuple(p)) for p in pieces)
    return intro, [i for i in items if i]


@dataclass
class _TableBuilder:
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    row: list[Cell] | None = None
    cell: list[Block] | None = None
    colspan: int = 1

    def end_cell(self) -> None:
        if self.cell is not None:
            if self.row is None:
                self.row = []
            self.row.append(Cell(tuple(self.cell), self.colspan))
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row and any(c.blocks for c in self.row):
            self.rows.append(tuple(self.row))
        self.row = None

    def finish(self) -> Table | None:
        self.end_row()
        return Table(tuple(self.rows)) if self.rows else None


class FragmentParser(HTMLParser):
    """Turns one HTML fragment into blocks. Feed it line by line; ``open`` says whether a
    paragraph, item, heading, table or dropped element is still open, so the caller knows to keep
    feeding following lines into the same fragment."""

    def __init__(self, *, inline_only: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.inline_only = inline_only  # a run of prose with inline tags: no block structure
        self.blocks: list[Block] = []
        self.warnings: list[Message] = []
        self.spans: list[Span] = []
        self._kind: tuple[str, int, bool] | None = None  # ("p"|"h"|"li", level, ordered)
        self._lists: list[bool] = []  # ordered? for each open <ul>/<ol>
        self._in_item: list[bool] = []  # is an <li> open in that list?
        self._tables: list[_TableBuilder] = []
        self._skip: list[str] = []
        self._bold = 0
        self._italic = 0
        self._links: list[str | None] = []
        self._tail: list[str] | None = None

    @property
    def open(self) -> bool:
        return bool(self._kind or self._tables or self._skip)

    def _warn(self, code: str, message: str) -> None:
        if Message(code, message) not in self.warnings:
            self.warnings.append(Message(code, message))

    # --- the HTMLParser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip or tag in DROP_TAGS:
            if tag in DROP_TAGS:
                self._skip.append(tag)
                self._warn("html-active-content", f"removed a <{tag}> element found in the text")
            return
        if tag == "br":
            self.spans.append(Span("\n"))
        elif tag in BOLD_TAGS:
            self._bold += 1
        elif tag in ITALIC_TAGS:
            self._italic += 1
        elif tag == "a":
            raw = next((v for k, v in attrs if k == "href"), None)
            href = safe_href(raw)
            if raw is not None and href is None:
                self._warn(
                    "html-link-dropped", f"kept the text of a link whose address is not allowed: {raw[:60]!r}"
                )
            self._links.append(href)
        elif tag in BLOCK_TAGS:
            self._block_start(tag, attrs)
        elif tag in ("img", "svg", "embed", "math"):
            self._warn("html-active-content", f"removed a <{tag}> element found in the text")
        elif tag == "input" and (dict(attrs).get("type") or "").lower() in ("checkbox", "radio"):
            # A form's tick box (Word saves a legacy check box so): its state, as the DOCX reader writes it.
            self.spans.append(Span(CHECKED if any(k == "checked" for k, _ in attrs) else UNCHECKED))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in DROP_TAGS:  # "<script/>" opens a script in browsers: keep dropping
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:  # close the innermost open element of that name
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
            return
        if tag in BOLD_TAGS:
            self._bold = max(0, self._bold - 1)
        elif tag in ITALIC_TAGS:
            self._italic = max(0, self._italic - 1)
        elif tag == "a":
            if self._links:
                self._links.pop()
        elif tag in BLOCK_TAGS:
            self._block_end(tag)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._tail is not None:
            self._tail.append(data)
            return
        self._add_text(data)

    def close(self) -> None:
        # Whatever is left at the end is an incomplete tag ("<scrip") or text after a "<":
        # browsers drop the former, so do we.
        self._tail = []
        super().close()
        tail, self._tail = "".join(self._tail), None
        self._add_text(_INCOMPLETE_TAG_RE.sub("", tail))
        if not self.inline_only:
            self._flush()
            while self._tables:
                self._finish_table()

    # --- building blocks
    def _add_text(self, data: str) -> None:
        text = _SPACE_RE.sub(" ", data)
        if not self.spans or self.spans[-1].text[-1:] in (" ", "\n"):
            text = text.lstrip(" ")
        if text:
            href = self._links[-1] if self._links else None
            self.spans.append(Span(text, self._bold > 0, self._italic > 0, href))

    def _block_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.inline_only:
            self._add_text(" ")
            return
        self._flush()
        self._kind = None
        if tag in ("p", "table", *HEADING_TAGS):
            # A paragraph straight inside a list, not in an item, ends the list: the form pasted
            # "<ul …> • a • b" and never closed it.
            while self._lists and not self._in_item[-1]:
                self._lists.pop()
                self._in_item.pop()
        if tag == "p":
            self._kind = ("p", 0, False)
        elif tag in HEADING_TAGS:
            self._kind = ("h", HEADING_TAGS[tag], False)
        elif tag == "li":
            self._kind = ("li", max(0, len(self._lists) - 1), bool(self._lists and self._lists[-1]))
            if self._in_item:
                self._in_item[-1] = True
        elif tag in ("ul", "ol"):
            self._lists.append(tag == "ol")
            self._in_item.append(False)
        elif tag == "table":
            self._tables.append(_TableBuilder())
        elif tag == "tr" and self._tables:
            self._tables[-1].end_row()
            self._tables[-1].row = []
        elif tag in ("td", "th") and self._tables:
            table = self._tables[-1]
            table.end_cell()
            table.cell = []
            colspan = next((v for k, v in attrs if k == "colspan"), None) or "1"
            table.colspan = int(colspan) if colspan.isdigit() and 0 < int(colspan) <= 50 else 1

    def _block_end(self, tag: str) -> None:
        if self.inline_only:
            self._add_text(" ")
            return
        self._flush()
        self._kind = None
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            self._in_item.pop()
        elif tag == "li" and self._in_item:
            self._in_item[-1] = False
        elif tag in ("td", "th") and self._tables:
            self._tables[-1].end_cell()
        elif tag == "tr" and self._tables:
            self._tables[-1].end_row()
        elif tag == "table" and self._tables:
            self._finish_table()

    def _finish_table(self) -> None:
        table = self._tables.pop().finish()
        if table is not None:
            self._sink().append(table)

    def _sink(self) -> list[Block]:
        """Where finished blocks go: the open table cell, if any, else the fragment."""
        if not self._tables:
            return self.blocks
        table = self._tables[-1]
        if table.cell is None:  # text loose inside a table: give it a cell of its own
            table.cell = []
            table.colspan = 1
        return table.cell

    def _flush(self) -> None:
        inlines = strip_inlines(merge_spans(self.spans))
        self.spans = []
        if not inlines:
            return
        kind, level, ordered = self._kind or ("", 0, False)
        sink = self._sink()
        if kind == "h":
            sink.append(Heading(inlines, level))
        elif kind == "li":
            sink.append(ListItem(inlines, level, ordered))
        else:
            # Loose text inside a <ul> is "• a • b" pasted from a form; elsewhere " • " still
            # marks items after an optional lead-in.
            intro, items = split_bullets(inlines)
            in_list = kind != "p" and bool(self._lists)
            level = max(0, len(self._lists) - 1) if in_list else 0
            ordered = in_list and self._lists[-1]
            if intro:
                sink.append(ListItem(intro, level, ordered) if in_list else Paragraph(intro))
            sink.extend(ListItem(item, level, ordered) for item in items)


def parse_inline(text: str) -> tuple[Inlines, list[Message]]:
    """Inline markup (<b>, <a href>, <br>, entities) in a run of prose, as formatted spans."""
    parser = FragmentParser(inline_only=True)
    parser.feed(text)
    parser.close()
    return strip_inlines(merge_spans(parser.spans)), parser.warnings
