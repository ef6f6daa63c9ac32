"""An HTML tree (lxml) to the document model's blocks, sanitising as it goes.

Only what the model holds comes out: text, bold, italic, line breaks, links that pass the one
link policy, headings, paragraphs, list items, tables, pictures and tick boxes. Scripts, frames
and other active content are dropped with everything inside them (and named in a warning), CSS is
read for bold, italic, hidden and list levels and never kept, and every other tag is dropped with
its text kept. Text comes out unescaped: the writers escape.

Producers' habits handled here: Word's pseudo-lists (``MsoListParagraph`` paragraphs whose marker
is typed text before a 7 pt spacer), Google Docs' flat nested lists (``lst-kix_…-1``) and its
redirect links (``google.com/url?q=…``), a title class (``MsoTitle``, ``title``), paragraphs inside
an item (LibreOffice's ``<li><p>``), and "• a • b" pasted loose into a list.
"""

from __future__ import annotations

from typing import NamedTuple

from wres_convert.model import (
    Block,
    Cell,
    Heading,
    ListItem,
    Message,
    Note,
    Paragraph,
    Span,
    Table,
    drop_chars,
    merge_spans,
    split_lines,
    strip_inlines,
)
from wres_convert.readers.html.habits import (
    DOCS_LEVEL,
    TITLE_CLASSES,
    colspan,
    picture,
    quotes_history,
    rows,
    site_chrome,
    unwrap_redirect,
)
from wres_convert.readers.html.notes import NoteLink
from wres_convert.readers.html.styles import Style, declarations, style_of
from wres_convert.readers.html.tags import ACTIVE_TAGS, CONTAINER_TAGS, HEADING_TAGS, SILENT_TAGS
from wres_convert.text import patterns
from wres_convert.text.links import safe_href
from wres_convert.text.markers import list_marker, split_bullets
from wres_convert.text.ticks import CHECKED, UNCHECKED
from wres_convert.values import field, record, replace

_SPACE_RE = patterns.compile(r"[ \t\n\r\f\v]+")  # ASCII white space only: a no-break space is content
MAX_DEPTH = 150  # deeper elements count as text only: no recursion limit for a hostile page


class Fmt(NamedTuple):
    bold: bool = False
    italic: bool = False
    href: str | None = None


@record(eq=False)
class _Table:
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


@record(eq=False)
class _List:
    ordered: bool
    level: int
    in_item: bool = False
    ended: bool = False  # a paragraph came straight inside it: the form never closed the list


@record(eq=False)
class Walker:
    """Walks one tree. ``classes``: the page's class rules (styles.class_rules)."""

    classes: dict[str, dict[str, str]] = field(default_factory=dict)
    lines_are_paragraphs: bool = False  # a mail body: a <br> ends a paragraph
    pictures: dict[str, bytes] = field(default_factory=dict)  # a message's pictures, by content id
    notes: dict[object, NoteLink] = field(default_factory=dict)  # each note mark's note (notes.py)
    _skip: set[object] = field(default_factory=set)  # read elsewhere: notes, and their links back
    blocks: list[Block] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    hidden: int = 0
    chrome: int = 0  # a site's menus, banner and footer left out
    quoted: list[int] = field(default_factory=list)  # where a mail client's quoted history starts
    _spans: list[Span] = field(default_factory=list)
    _kinds: list[tuple[str, int, bool]] = field(default_factory=lambda: [("p", 0, False)])
    _lists: list[_List] = field(default_factory=list)  # the open lists, outermost first
    _item: int | None = None  # index in ``blocks`` of the open <li>'s item, once it has text
    _word_list: Style | None = None  # the Word list paragraph being read, until its marker is past
    _marker: str | None = None  # that paragraph's typed marker, once found
    _read_notes: dict[object, tuple[Block, ...]] = field(default_factory=dict)  # by container
    _in_note: bool = False

    def __post_init__(self) -> None:
        self._skip.update(n.container for n in self.notes.values())  # read at their marks, not at the foot
        self._skip.update(n.back for n in self.notes.values())

    # --- entry
    def walk(self, el: object, fmt: Fmt = Fmt(), depth: int = 0) -> None:  # noqa: B008 (a NamedTuple)
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        tag = tag.lower()  # Word's "o:p" stays itself: an unknown tag, its text kept
        if not tag or tag in SILENT_TAGS or el in self._skip:
            return
        if el in self.notes:
            self._note(self.notes[el], fmt, depth)
            return
        if tag == "embed":  # void in HTML; libxml2 nests what follows inside it, which is content
            self.warn("html-active-content", "removed a <embed> element (active content) from the return")
            self._children(el, fmt, depth)
            return
        if tag in ACTIVE_TAGS:
            self.warn("html-active-content", f"removed a <{tag}> element (active content) from the return")
            return
        if site_chrome(el, tag):
            self.chrome += bool("".join(el.itertext()).strip())  # type: ignore[attr-defined]
            return
        style = self.style(el)
        if style.hidden or el.get("hidden") is not None:  # type: ignore[attr-defined]
            self.hidden += bool("".join(el.itertext()).strip())  # type: ignore[attr-defined]
            return
        if depth > MAX_DEPTH:
            self.text(" " + " ".join(el.itertext()) + " ", fmt)  # type: ignore[attr-defined]
            return
        fmt = self._format(el, tag, style, fmt)
        if quotes_history(el, tag):
            self.flush()
            self.quoted.append(len(self.blocks))
        if tag in HEADING_TAGS:
            self._block(el, ("h", HEADING_TAGS[tag], False), fmt, depth)
        elif tag == "p":
            self._paragraph(el, style, fmt, depth)
        elif tag == "li":
            self._list_item(el, fmt, depth)
        elif tag in ("ul", "ol"):
            self._list(el, tag == "ol", fmt, depth)
        elif tag == "table":
            self._table(el, fmt, depth)
        elif tag in ("tr", "td", "th"):
            self._block(el, self._kinds[-1], fmt, depth)  # outside a table: its text, in order
        elif tag == "pre" or (tag == "div" and "pre" in style.white_space):  # not Google's spans
            self._typed(el)
        elif tag in CONTAINER_TAGS:
            self._block(el, self._kinds[-1], fmt, depth)
        elif tag == "br":
            self._spans.append(Span("\n"))
        elif tag == "hr":
            self.flush()
        elif tag == "img":
            self._emit_inline(picture(el, self.pictures))
        elif tag == "input":
            kind = (el.get("type") or "").lower()  # type: ignore[attr-defined]
            if kind in ("checkbox", "radio"):  # a form's tick box: its state, as the DOCX reader gives it
                checked = el.get("checked") is not None  # type: ignore[attr-defined]
                self._spans.append(Span(CHECKED if checked else UNCHECKED))
        elif self._word_list is not None and (style.spacer or style.mso_list.lower() == "ignore"):
            self._end_marker(el)
        else:
            self._children(el, fmt, depth)

    def warn(self, code: str, message: str) -> None:
        if Message(code, message) not in self.warnings:
            self.warnings.append(Message(code, message))

    def style(self, el: object) -> Style:
        props: dict[str, str] = {}
        for name in (el.get("class") or "").split():  # type: ignore[attr-defined]
            props.update(self.classes.get(name, {}))
        props.update(declarations(el.get("style") or ""))  # type: ignore[attr-defined]
        return style_of(props) if props else Style()

    # --- inline content
    def text(self, data: str | None, fmt: Fmt) -> None:
        if not data:
            return
        text = _SPACE_RE.sub(" ", data)
        if not self._spans or self._spans[-1].text[-1:] in (" ", "\n"):
            text = text.lstrip(" ")
        if text:
            self._spans.append(Span(text, fmt.bold, fmt.italic, fmt.href))

    def _children(self, el: object, fmt: Fmt, depth: int) -> None:
        self.text(el.text, fmt)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            self.walk(child, fmt, depth + 1)
            self.text(child.tail, fmt)

    def _format(self, el: object, tag: str, style: Style, fmt: Fmt) -> Fmt:
        bold = True if tag in ("b", "strong") else fmt.bold
        italic = True if tag in ("i", "em") else fmt.italic
        bold = style.bold if style.bold is not None else bold  # Google's <b style="font-weight:normal">
        italic = style.italic if style.italic is not None else italic
        href = fmt.href
        if tag == "a" and el.get("href") is not None:  # type: ignore[attr-defined]
            href = self._href(el.get("href"))  # type: ignore[attr-defined]
        return Fmt(bold, italic, href)

    def _href(self, raw: str) -> str | None:
        raw = raw.strip()
        if raw.startswith("#"):
            return None  # a place in the same page (a note's mark): nothing to link to once published
        href = safe_href(unwrap_redirect(raw))
        if href is None:
            self.warn(
                "html-link-dropped", f"kept the text of a link whose address is not allowed: {raw[:60]!r}"
            )
        return href

    # --- blocks
    def flush(self) -> None:
        """End the text being gathered as a block of the open kind."""
        inlines = strip_inlines(merge_spans(self._spans))
        self._spans = []
        if not inlines or not "".join(s.text for s in inlines).strip(" \xa0\n"):
            return
        kind, level, ordered = self._kinds[-1]
        if kind == "h":
            self.blocks.append(Heading(inlines, level))
        elif kind == "li":
            if self._item is not None and self._item == len(self.blocks) - 1:
                item = self.blocks[self._item]
                assert isinstance(item, ListItem)
                self.blocks[self._item] = replace(item, inlines=(*item.inlines, Span("\n"), *inlines))
            else:
                self.blocks.append(ListItem(inlines, level, ordered))
                self._item = len(self.blocks) - 1
        else:
            # Loose text inside a list is "• a • b" pasted from a form; elsewhere " • " still marks
            # items after an optional lead-in.
            if self.lines_are_paragraphs and kind == "p" and any("\n" in s.text for s in inlines):
                self.blocks.extend(Paragraph(line) for line in split_lines(inlines) if line)
                return
            intro, items = split_bullets(inlines)
            in_list = kind == "list" and not (self._lists and self._lists[-1].ended)
            if intro:
                self.blocks.append(ListItem(intro, level, ordered) if in_list else Paragraph(intro))
            self.blocks.extend(ListItem(item, level, ordered) for item in items)

    def _emit_inline(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def _block(self, el: object, kind: tuple[str, int, bool], fmt: Fmt, depth: int) -> None:
        self.flush()
        if kind[0] in ("h", "p"):
            self._end_bare_lists()
        self._kinds.append(kind)
        self._children(el, fmt, depth)
        self.flush()
        self._kinds.pop()

    def _paragraph(self, el: object, style: Style, fmt: Fmt, depth: int) -> None:
        classes = (el.get("class") or "").lower().split()  # type: ignore[attr-defined]
        title = next((TITLE_CLASSES[c] for c in classes if c in TITLE_CLASSES), None)
        if title is not None:
            self._block(el, ("h", title, False), fmt, depth)
            return
        word_list = style.mso_list or any(c.startswith("msolistparagraph") for c in classes)
        if word_list and self._kinds[-1][0] != "li":
            self._word_paragraph(el, style, fmt, depth)
            return
        # A paragraph inside an item is the item's text (LibreOffice writes <li><p>); anywhere
        # else, including loose inside a list, it is a paragraph.
        kind = self._kinds[-1] if self._kinds[-1][0] == "li" else ("p", 0, False)
        self._block(el, kind, fmt, depth)

    def _word_paragraph(self, el: object, style: Style, fmt: Fmt, depth: int) -> None:
        """Word's pseudo-list item: a paragraph whose marker ("·", "o", "1.") is typed text
        before a 7 pt spacer (or inside an ``mso-list:Ignore`` span)."""
        self.flush()
        self._word_list, self._marker = style, None
        self._kinds.append(("p", 0, False))
        self._children(el, fmt, depth)
        marker, self._word_list, self._marker = self._marker, None, None
        self._kinds.pop()
        if marker is None:  # no spacer: a typed marker, if any, is read by the usual grammar
            spans, self._spans = self._spans, []
            whole = "".join(s.text for s in spans)
            text = whole.lstrip()
            found = list_marker(text)
            if found is None:
                self._spans = spans
                self.flush()
                return
            marker = text[: found.end]
            self._spans = list(drop_chars(tuple(spans), len(whole) - len(text) + found.end))
        probe = list_marker(marker.strip() + " x")
        ordered = probe is not None and probe.ordered
        self._kinds.append(("li", style.list_level or 0, ordered))
        self._item = None
        self.flush()
        self._kinds.pop()

    def _end_marker(self, el: object) -> None:
        """The spacer (or the Ignore span) after a Word list marker: what came before it in the
        paragraph, and the Ignore span's own text, is the marker, not content."""
        before = "".join(s.text for s in self._spans)
        inside = "".join(el.itertext())  # type: ignore[attr-defined]
        if self._marker is None:
            self._marker = (before + inside).replace("\xa0", " ").strip() or "•"
            self._spans = []

    def _end_bare_lists(self) -> None:
        """A paragraph, heading or table straight inside a list, not in an item, ends the list:
        the form pasted "<ul …> • a • b" and never closed it."""
        if self._kinds[-1][0] != "list":
            return
        for entry in reversed(self._lists):
            if entry.in_item:
                break
            entry.ended = True

    def _open_lists(self) -> list[_List]:
        return [e for e in self._lists if not e.ended]

    def _note(self, link: NoteLink, fmt: Fmt, depth: int) -> None:
        """A note's mark: a span carrying the note's blocks, read once from where the note is. A mark
        inside a note is its plain mark, as writers set it: no note is read inside another."""
        if self._in_note:
            self._spans.append(Span(link.mark, fmt.bold, fmt.italic))
            return
        if link.container not in self._read_notes:
            self._in_note = True
            try:
                self._read_notes[link.container] = tuple(self._sub_blocks(link.container, Fmt(), depth))
            finally:
                self._in_note = False
        note = Note(self._read_notes[link.container], link.kind)
        self._spans.append(Span(link.mark, fmt.bold, fmt.italic, note=note))

    def _typed(self, el: object) -> None:
        """Preformatted text (a plain-text message shown in HTML, ``<pre>`` or ``white-space:pre``)
        is typed text: the text reader reads its lines, as it reads a text return's."""
        from wres_convert.readers.text.build import read_lines

        self.flush()
        self._end_bare_lists()
        found, said = read_lines("".join(el.itertext()), [])  # type: ignore[attr-defined]
        self.blocks.extend(found)
        self.warnings.extend(w for w in said if w not in self.warnings)

    def _list_item(self, el: object, fmt: Fmt, depth: int) -> None:
        lists = self._open_lists()
        current = lists[-1] if lists else _List(False, 0)
        outer, was = self._item, current.in_item
        self._item, current.in_item = None, True
        self._block(el, ("li", current.level, current.ordered), fmt, depth)
        self._item, current.in_item = outer, was

    def _list(self, el: object, ordered: bool, fmt: Fmt, depth: int) -> None:
        level = len(self._open_lists())
        for name in (el.get("class") or "").split():  # type: ignore[attr-defined]
            m = DOCS_LEVEL.match(name)
            if m:  # Google Docs writes each level as a list of its own, named by its level
                level = int(m.group(1))
        self.flush()
        self._lists.append(_List(ordered, level))
        self._block(el, ("list", level, ordered), fmt, depth)
        self._lists.pop()

    def _table(self, el: object, fmt: Fmt, depth: int) -> None:
        self.flush()
        self._end_bare_lists()
        table = _Table()
        for row in rows(el):
            cells = []
            for cell in row:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                cells.append(Cell(tuple(self._sub_blocks(cell, fmt, depth)), colspan(cell.get("colspan"))))
            if any(c.blocks for c in cells):
                table.rows.append(tuple(cells))
        if table.rows:
            self.blocks.append(Table(tuple(table.rows)))

    def _sub_blocks(self, el: object, fmt: Fmt, depth: int) -> list[Block]:
        """The blocks of one table cell, walked apart from the text around the table."""
        saved = (self.blocks, self._spans, self._kinds, self._lists, self._item)
        self.blocks, self._spans, self._kinds, self._lists, self._item = [], [], [("p", 0, False)], [], None
        try:
            self._children(el, fmt, depth)
            self.flush()
            return self.blocks
        finally:
            self.blocks, self._spans, self._kinds, self._lists, self._item = saved
