"""Blocks to an HTML fragment, safe by construction: every piece of submission text is escaped,
and only http, https and mailto links are written, with rel="noopener noreferrer"."""

from __future__ import annotations

from html import escape

from wres_convert.model import (
    Block,
    Cell,
    Heading,
    Inlines,
    Note,
    Paragraph,
    Picture,
    Table,
    notes_of,
    without_controls,
)
from wres_convert.text.links import SAFE_SCHEMES, safe_href
from wres_convert.writers.listtree import ListNode, group
from wres_convert.writers.media import current as current_media
from wres_convert.writers.notes import Numbering, current, numbered


def inlines_html(inlines: Inlines) -> str:
    out = []
    numbering = current()
    for s in inlines:
        n = numbering.number(s.note) if numbering and s.note else None
        if numbering and n is not None:  # a note's mark: a link to the note, never glued to the text
            label = escape(numbering.label(n))
            out.append(
                f'<sup><a href="#note-{label}" id="note-ref-{label}" aria-label="Note {n}">{n}</a></sup>'
            )
            continue
        text = "<br>".join(escape(part, quote=False) for part in s.text.split("\n"))  # text needs only <>&
        if s.italic:
            text = f"<em>{text}</em>"
        if s.bold:
            text = f"<strong>{text}</strong>"
        href = safe_href(s.href)
        if href:
            text = f'<a href="{escape(href)}" rel="noopener noreferrer">{text}</a>'
        out.append(text)
    return "".join(out)


def _list(node: ListNode) -> str:
    tag = "ol" if node.ordered else "ul"
    items = []
    for item in node.items:
        children = "".join(_list(c) for c in item.children)
        items.append(f"<li>{inlines_html(item.inlines)}{children}</li>")
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _cell(cell: Cell, tag: str) -> str:
    span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    span += f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
    inner = _blocks_html(cell.blocks)
    # A cell holding one paragraph reads better without the <p>.
    blocks = without_controls(cell.blocks)
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        inner = inlines_html(blocks[0].inlines)
    return f"<{tag}{span}>{inner}</{tag}>"


def _cell_text(cell: Cell) -> str:
    texts = [b.text for b in without_controls(cell.blocks) if not isinstance(b, Table)]
    return " ".join(" ".join(texts).split())


def _table(table: Table) -> str:
    rows = [r for r in table.rows if r]
    if not rows:
        return ""
    head = "<thead><tr>" + "".join(_cell(c, "th") for c in rows[0]) + "</tr></thead>"
    body = "".join("<tr>" + "".join(_cell(c, "td") for c in r) + "</tr>" for r in rows[1:])
    inner = f"<table>{head}<tbody>{body}</tbody></table>" if body else f"<table>{head}</table>"
    # A wide table scrolls inside its own box rather than the page; a box that scrolls must be
    # reachable by keyboard (WCAG 2.1.1) and named, so it is a focusable, labelled region.
    label = ", ".join(filter(None, (_cell_text(c) for c in rows[0])))[:80] or "no headings"
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="Table: {escape(label)}">'
        f"{inner}</div>"
    )


ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"} | {
    "table", "thead", "tbody", "tr", "th", "td", "div", "sup", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "id", "aria-label"},  # id and label: a note's mark and its way back
    "li": {"id"},  # a note
    "img": {"src", "alt", "width", "height", "title"},  # a picture: written here, never from input
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "div": {
        "class",
        "role",
        "tabindex",
        "aria-label",
    },  # the table's scroll box: built here, never from input
}


def preload_sanitiser() -> None:
    """Import nh3 now (~1.5 ms), not at the first ``sanitise``: one file's parent loads it while
    its worker reads (writers/page.compile_templates)."""
    import nh3  # noqa: F401


def sanitise(fragment: str) -> str:
    """Pass a fragment through nh3's allow-list sanitiser. Everything here is escaped as it is
    built; this is the second lock on the door, so that no future change to a writer can let a
    script, an event handler or a javascript: link through."""
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={*SAFE_SCHEMES, "data"},
        attribute_filter=_only_image_data,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _only_image_data(tag: str, attribute: str, value: str) -> str | None:
    """A ``data:`` URI only as a picture's source, and only of the re-encoded image types (an
    SVG or HTML ``data:`` URI could run script); never a link."""
    if value[:5].lower() != "data:":
        return value
    if tag == "img" and attribute == "src" and value.startswith(_IMAGE_DATA):
        return value
    return None


_IMAGE_DATA = ("data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,")


def blocks_html(blocks: tuple[Block, ...], notes_id: str = "") -> str:
    """A sequence of blocks as a safe HTML fragment, one block per line; the notes their marks
    call follow as a numbered list with links back (``notes_id`` makes the ids unique on a page)."""
    notes = notes_of(blocks)
    with numbered(notes, notes_id) as numbering:
        body = _blocks_html(blocks)
    if notes and numbering:
        body += "\n" + _notes_html(notes, numbering)
    return sanitise(body)


def notes_html(note: Note) -> str:
    """One note's text as a safe fragment (marks inside it stay plain text)."""
    with numbered(None):
        return sanitise(_blocks_html(note.blocks))


def _notes_html(notes: list[Note], numbering: Numbering) -> str:
    items = []
    for n, note in enumerate(notes, start=1):
        label = escape(numbering.label(n))
        back = f' <a href="#note-ref-{label}" aria-label="Back to the text of note {n}">↩</a>'
        with numbered(None):
            inner = _blocks_html(note.blocks)
        inner = inner[: -len("</p>")] + back + "</p>" if inner.endswith("</p>") else inner + back
        items.append(f'<li id="note-{label}">{inner}</li>')
    return '<div class="notes" role="note" aria-label="Notes"><ol>' + "".join(items) + "</ol></div>"


def _figure(p: Picture) -> str:
    """A picture as a figure. A decorative one has alt="" (it says nothing a reader needs); the
    width and height let the browser keep its place before it loads, and the style sheet lets it
    shrink to a phone's width."""
    alt = "" if p.decorative else p.alt
    size = f' width="{int(p.width)}" height="{int(p.height)}"' if p.width and p.height else ""
    title = f' title="{escape(p.title)}"' if p.title and not p.decorative else ""
    caption = f"<figcaption>{inlines_html(p.caption)}</figcaption>" if p.caption else ""
    src = escape(current_media().src(p))
    return f'<figure><img src="{src}" alt="{escape(" ".join(alt.split()))}"{size}{title}>{caption}</figure>'


def _blocks_html(blocks: tuple[Block, ...]) -> str:
    out: list[str] = []
    for node in group(blocks):
        if isinstance(node, ListNode):
            out.append(_list(node))
        elif isinstance(node, Heading):
            level = max(1, min(6, node.level))
            out.append(f"<h{level}>{inlines_html(node.inlines)}</h{level}>")
        elif isinstance(node, Table):
            out.append(_table(node))
        elif isinstance(node, Picture):
            out.append(_figure(node))
        else:
            out.append(f"<p>{inlines_html(node.inlines)}</p>")
    return "\n".join(part for part in out if part)
