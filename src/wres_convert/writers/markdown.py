"""Blocks to CommonMark. Text from a submission is escaped so that it can never become markup."""

from __future__ import annotations

import unicodedata

from wres_convert.model import (
    Block,
    Cell,
    Heading,
    Inlines,
    Note,
    Picture,
    Span,
    Table,
    notes_of,
    without_controls,
)
from wres_convert.text import patterns
from wres_convert.text.links import safe_href
from wres_convert.values import replace
from wres_convert.writers.listtree import ListNode, group
from wres_convert.writers.media import current as current_media
from wres_convert.writers.notes import current, numbered

# "~" as well: GFM's strikethrough ("~~x~~", on in Hugo and GitHub) and "~~~" code fences.
_INLINE_SPECIAL = patterns.compile(r"([\\`*_\[\]>~])")
_ENTITY = patterns.compile(r"&(?=#?\w+;)")
# Characters that open a site generator's own syntax are written as character references: the
# same text on the page, and no reader (CommonMark, kramdown, goldmark, Python-Markdown) sees the
# character itself, where a backslash escape is not understood by all of them.
#   "{"  Liquid and Hugo shortcodes ("{{", "{%"), which run on the source before Markdown does;
#        kramdown's "{: …}" attribute lists and "{::nomarkdown}", Python-Markdown's attr_list
#        ("{: onclick=…}", "# x {#id}") and goldmark's attributes ("## x {style=…}")
#   "<"  raw HTML: Python-Markdown reads "\<img …>" as a backslash and then the <img> element
#   "|"  a table cell's end; kramdown makes a table of any line with a bare "|"
#   "$"  kramdown's "$$…$$" math and the "$…$" of MkDocs' arithmatex
# and what joins the parts of a web or e-mail address, which a linkifier (goldmark's linkify, on
# in Hugo; markdown-it's linkify; GFM autolinks; pymdownx.magiclink) would make into a link that
# the HTML page does not have; each of them reads the source, so a reference stops it:
#   "@"  an e-mail address ("user@nhs.uk", "mailto:user@nhs.uk")
#   "/"  the first of "//": "https://…", "ftp://…" and markdown-it's "//host"
#   "."  between a letter or digit and a letter, digit, "-" or "_" (not between two digits:
#        "1.9" stays): "www.x", and markdown-it's bare "nhs.uk" and "file.py"
_AS_REFERENCE = patterns.compile(r"[{<|$@]|/(?=/)|(?<=[^\W_])\.(?=[\w-])(?!(?<=\d\.)\d)")
_LINE_START = patterns.compile(r"^(\s*)([#>+=:-]|\d{1,9}(?=[.)]))")
# At the start of a line, as character references too (CommonMark would take "\!", kramdown and
# Python-Markdown not "\?" or "\^"): "!!! note" and "??? note" make an admonition whose class is
# the text (MkDocs' admonition, pymdownx.details), and a line "^" ends a block in kramdown.
_LINE_START_REFERENCE = patterns.compile(r"^(\s*)([!?^])")
_LINE_BREAK = patterns.compile(r"\r\n?|\n|\t")
# An ATX heading drops a closing run of "#" that follows a space: "## Use of #" reads "Use of".
_CLOSING_HASHES = patterns.compile(r"(^|[ \t])(#+[ \t]*)$")


def _escape_inline(text: str, before: str = "", after: str = "") -> str:
    """Escape a run of text so that every Markdown reader a site may use reads it literally inside
    a line. This is the one place submission text is escaped: CommonMark's own punctuation is
    backslash-escaped, and what opens markup in one reader or another (raw HTML, tables, Liquid,
    shortcodes, attribute lists, math, links made from bare addresses) is a character reference
    (_AS_REFERENCE). ``before`` and ``after`` are the text either side in the same line (the
    neighbouring spans), so an address split between spans ("www" + ".nhs.uk") is seen whole.
    An "&" that would start a character reference is written "&amp;". A carriage return is white
    space in HTML but ends a line in CommonMark: it becomes a space, as a tab does."""
    text = _ENTITY.sub("&amp;", text.replace("\t", " ").replace("\r", " "))
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    lead, tail = before[-1:], after[:1]
    line = lead + text + tail
    end = len(line) - len(tail)
    line = _AS_REFERENCE.sub(lambda m: _entity(m[0]) if len(lead) <= m.start() < end else m[0], line)
    return line[len(lead) : len(line) - len(tail)]


def escape(text: str) -> str:
    """One line of text that CommonMark reads literally wherever a template puts it: inside a
    line, at its start (a paragraph, a list item: "# …", "1. …", "---" stay text) or in an ATX
    heading. Line breaks become spaces (a title, heading or organisation is one line, as on the
    HTML page, where white space collapses). Spaces at either end are dropped: Markdown drops
    them too, except four at the start of a block, which would read as code."""
    text = _LINE_BREAK.sub(" ", text).strip(" ")
    return _escape_line_start(_escape_closing_hashes(_escape_inline(text)))


def _escape_closing_hashes(line: str) -> str:
    return _CLOSING_HASHES.sub(r"\1\\\2", line)


def _escape_line_start(line: str) -> str:
    """Characters that only mean something at the start of a line: "#", "-", "1.", "!!!" …"""
    m = _LINE_START_REFERENCE.match(line)
    if m:
        return f"{m[1]}{_entity(m[2])}{line[m.end() :]}"
    m = _LINE_START.match(line)
    if not m:
        return line
    lead, mark = m.groups()
    if mark[0].isdigit():
        return f"{lead}{mark}\\{line[m.end()]}{line[m.end() + 1 :]}"
    return f"{lead}\\{mark}{line[m.end() :]}"


def _wrap(text: str, delim: str) -> str:
    """Put emphasis delimiters inside the text's own leading/trailing white space and line breaks,
    as CommonMark needs: a delimiter beside a space, or at the start or end of a line, is literal."""
    core = text.strip()
    if not core or not delim:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{delim}{core}{delim}{trail}"


def _delimiter(s: Span, char: str = "*") -> str:
    return char * (2 * s.bold + s.italic)


def _emphasis(s: Span) -> bool:
    """Emphasis whose delimiters stand among the neighbouring spans (a link's are inside [ ])."""
    return (s.bold or s.italic) and not safe_href(s.href)


def _span(s: Span, char: str = "*", before: str = "", after: str = "") -> str:
    """One span; ``char`` is the emphasis delimiter, "*" or "_"; ``before`` and ``after`` are the
    neighbouring spans' text."""
    numbering = current()
    n = numbering.number(s.note) if numbering and s.note else None
    if numbering and n is not None:  # a note's mark: a footnote reference (Hugo, Jekyll, markdown-it)
        return f"[^{numbering.label(n)}]"
    # Emphasis may hold hard line breaks, so one span is one emphasis, as on the HTML page.
    text = _wrap(_escape_inline(s.text, before, after), _delimiter(s, char)).replace("\n", "\\\n")
    href = safe_href(s.href)
    if href:  # as on the HTML page, even round white space only
        return f"[{text}](<{_destination(href)}>)"
    return text


def _destination(href: str) -> str:
    """A link destination in <…>, where anything but "<", ">" and a line break may stand (spaces
    and parentheses too). "<", ">", "|", "\\" and "{" are percent-encoded, as CommonMark renderers
    write them anyway ("{" for Liquid, shortcodes and attribute lists, as in text); an "&" that would start a character reference is
    written "&amp;", which every reader decodes to "&" (readers differ on "\\&" there)."""
    for char, code in (("\\", "%5C"), ("<", "%3C"), (">", "%3E"), ("|", "%7C"), ("\r", "%0D"), ("\n", "%0A")):
        href = href.replace(char, code)
    return _ENTITY.sub("&amp;", href.replace("{", "%7B"))


def _word_char(c: str) -> bool:
    """Neither white space nor punctuation, as CommonMark's emphasis rules see characters (its
    punctuation is Unicode P and, since 0.31, S: counting S always is the safe side here)."""
    return bool(c) and not c.isspace() and unicodedata.category(c)[0] not in "PS"


def _entity(c: str) -> str:
    return f"&#{ord(c)};"


def _text_beside(s: Span, at_end: bool) -> str:
    """What a neighbouring span shows in the Markdown: a note's mark is written "[^label]"."""
    numbering = current()
    if numbering and s.note and numbering.number(s.note) is not None:
        return "]" if at_end else "["
    return s.text


def _pieces(inlines: Inlines) -> list[str]:
    """The spans as Markdown, each emphasis written so that CommonMark reads it as the span it is.

    Two emphasised spans that touch ("*a*" then "**b**") would make one run of delimiters,
    "*a***b**", which CommonMark pairs its own way: the second is written with "_" instead.
    A delimiter run opens only where it is left-flanking (and "_" only if not also
    right-flanking), and closes only where it is right-flanking: "x**(a)**y" stays literal, as
    does "x_a_". Where a letter beside the delimiter outside the span is what stops it, that
    letter is written as a character reference ("&#120;**(a)**&#121;"): punctuation in the
    source, the same text on the page.
    """
    pieces: list[str] = []
    chars: list[str] = []
    for i, s in enumerate(inlines):
        char = "*"
        if i and _emphasis(s) and _emphasis(inlines[i - 1]):
            before = _delimiter(inlines[i - 1], chars[-1])
            if pieces[-1].endswith(before) and _span(s).startswith("*"):
                char = "_" if chars[-1] == "*" else "*"
        left = _text_beside(inlines[i - 1], at_end=True) if i else ""
        right = _text_beside(inlines[i + 1], at_end=False) if i + 1 < len(inlines) else ""
        pieces.append(_span(s, char, left, right))
        chars.append(char)
        if i and pieces[-1].startswith("[") and pieces[-2].endswith("!"):
            pieces[-2] = pieces[-2][:-1] + "\\!"  # "![…](…)" would be an image
    for i, s in enumerate(inlines):
        delim = _delimiter(s, chars[i])
        if not _emphasis(s) or len(pieces[i]) <= 2 * len(delim):
            continue
        md = pieces[i]
        strict = chars[i] == "_"  # "_" needs punctuation outside even when a letter is inside
        letter_blocks_open = md.startswith(delim) and (strict or not _word_char(md[len(delim)]))
        if i and letter_blocks_open and _word_char(pieces[i - 1][-1:]):
            pieces[i - 1] = pieces[i - 1][:-1] + _entity(pieces[i - 1][-1])
        letter_blocks_close = md.endswith(delim) and (strict or not _word_char(md[-len(delim) - 1]))
        if i + 1 < len(pieces) and letter_blocks_close and _word_char(pieces[i + 1][:1]):
            pieces[i + 1] = _entity(pieces[i + 1][0]) + pieces[i + 1][1:]
    return pieces


def _without_trailing_breaks(inlines: Inlines) -> Inlines:
    """A hard line break ends with a line ending, so none can end a block: written there, "\\" is
    a literal backslash. A break at the end of a block shows nothing (nor does the HTML <br>),
    so trailing breaks are left out; a link keeps its text ("[\\⏎](…)" is a break inside it)."""
    spans = list(inlines)
    while spans and not safe_href(spans[-1].href) and spans[-1].text != spans[-1].text.rstrip():
        text = spans[-1].text.rstrip()
        if text:
            spans[-1] = replace(spans[-1], text=text)
            break
        spans.pop()
    return tuple(spans)


def inlines_md(inlines: Inlines) -> str:
    """Inline Markdown; hard line breaks become "\\" + newline."""
    inlines = _without_trailing_breaks(inlines)
    # Spaces that open a block show nothing, yet in Markdown four of them make code, and after a
    # list marker they move the column the item's sub-lists must line up with.
    text = "".join(_pieces(inlines)).lstrip(" ")
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _indent(text: str, pad: str) -> str:
    return "\n".join((pad + line) if line else line for line in text.split("\n"))


def _lists(nodes: list[ListNode]) -> list[str]:
    """Render sibling lists. CommonMark joins neighbouring lists of one kind into a single list,
    so a list that restarts after one of its kind switches delimiter ("1." / "1)", "-" / "*")."""
    out = []
    previous: ListNode | None = None
    alternate = False
    for node in nodes:
        alternate = previous is not None and previous.ordered == node.ordered and not alternate
        out.append(_list(node, alternate))
        previous = node
    return out


def _list(node: ListNode, alternate: bool = False) -> str:
    items = []
    for n, item in enumerate(node.items, start=1):
        marker = (f"{n})" if alternate else f"{n}.") if node.ordered else ("*" if alternate else "-")
        pad = " " * (len(marker) + 1)
        # An empty item is written as a space (&#32;): a bare marker cannot start a list that
        # follows its parent item's text, and a bare "-" there would underline it as a heading.
        body = inlines_md(item.inlines) or "&#32;"
        text = f"{marker} {_indent(body, pad)[len(pad) :]}"
        for child in _lists(item.children):
            text += "\n" + _indent(child, pad)
        items.append(text)
    return "\n".join(items)


def _cell_md(cell: Cell) -> str:
    """A GFM cell is one line of inlines: the cell's paragraphs, list items and nested tables are
    joined with spaces and line breaks become spaces. (Text and links hold no bare "|".)"""
    return _cell_inlines(cell).strip()


def _cell_inlines(cell: Cell) -> str:
    parts = []
    for b in without_controls(cell.blocks):
        if isinstance(b, Table):
            parts += [_cell_inlines(c) for row in b.rows for c in row]
        elif isinstance(b, Picture):
            parts.append(_image(b))
        else:
            parts.append(inlines_md(b.inlines))
    return " ".join(parts).replace("\\\n", " ").replace("\n", " ")


def _grid(rows: list[tuple[Cell, ...]]) -> list[list[str]]:
    """The rows laid out on the table's grid. GFM cannot merge cells: a merged cell is written in
    its first position and the positions it covers are left empty, so every other cell stays in
    its column. A row below a rowspan holds no cell in the covered position (the model's rule, as
    in HTML), and a rowspan reaching past the last row is cut there, as browsers do."""
    grid: list[list[str | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            colspan, rowspan = max(1, cell.colspan), max(1, cell.rowspan)
            for dr in range(min(rowspan, len(rows) - r)):
                line = grid[r + dr]
                line.extend([None] * (c + colspan - len(line)))
                for dc in range(colspan):
                    line[c + dc] = _cell_md(cell) if dr == dc == 0 else ""
            c += colspan
    return [[text or "" for text in line] for line in grid]


def _table(table: Table) -> str:
    rows = [row for row in table.rows if row]
    if not rows:
        return ""
    grid = _grid(rows)
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
    return "\n".join(lines)


def _image(p: Picture) -> str:
    """``![alt](src)``: the alt text escaped as any text is (one line, no "]" to end it early),
    the address percent-encoded (or a data: URI of base64), so neither can break out."""
    alt = "" if p.decorative else _escape_inline(" ".join(p.alt.split()))
    return f"![{alt}](<{current_media().src(p)}>)"


def _block(node: Block) -> str:
    if isinstance(node, Heading):
        # an ATX heading is one line: a line break in it becomes a space
        text = inlines_md(node.inlines).replace("\\\n", " ").replace("\n", " ")
        return f"{'#' * max(1, min(6, node.level))} {_escape_closing_hashes(text)}"
    if isinstance(node, Table):
        return _table(node)
    if isinstance(node, Picture):
        caption = inlines_md(node.caption).replace("\\\n", " ").replace("\n", " ")
        return _image(node) + (f"\n\n{caption}" if caption else "")
    return inlines_md(node.inlines)  # a paragraph (a ListItem is always grouped into a ListNode)


def blocks_md(blocks: tuple[Block, ...], notes_id: str = "") -> str:
    """A sequence of blocks as CommonMark, blocks separated by blank lines; the notes their marks
    call follow as footnote definitions (``notes_id`` makes the labels unique on a page)."""
    notes = notes_of(blocks)
    with numbered(notes, notes_id) as numbering:
        body = _blocks_md(blocks)
    if not notes or numbering is None:
        return body
    definitions = []
    for n, note in enumerate(notes, start=1):
        text = notes_md(note) or "\u2014"  # an empty note still needs its definition
        definitions.append(f"[^{numbering.label(n)}]: " + _indent(text, "    ").lstrip(" "))
    return "\n\n".join([body, *definitions]) if body else "\n\n".join(definitions)


def notes_md(note: Note) -> str:
    """One note's text as Markdown (marks inside it stay plain text)."""
    with numbered(None):
        return _blocks_md(note.blocks)


def _blocks_md(blocks: tuple[Block, ...]) -> str:
    # A block with nothing to write (an empty paragraph or table) leaves no trace, so the lists
    # either side of it are neighbours, written as separate lists, as on the HTML page.
    nodes = [n if isinstance(n, ListNode) else _block(n) for n in group(blocks)]
    nodes = [n for n in nodes if n]
    out: list[str] = []
    run: list[ListNode] = []
    for node in [*nodes, ""]:
        if isinstance(node, ListNode):
            run.append(node)
            continue
        out.extend(_lists(run))
        run = []
        out.append(node)
    return "\n\n".join(part for part in out if part)
