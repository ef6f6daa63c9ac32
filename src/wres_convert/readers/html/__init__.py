"""Web pages (.htm/.html: Word's "Web Page, Filtered", Google Docs' and LibreOffice's exports, an
Outlook or Gmail message body) to the document model, with lxml's HTML parser.

The page is decoded as its producer declared it (a byte-order mark, then ``<meta charset>``),
else as a text return is, parsed by libxml2 the way a browser would recover it, and walked into
blocks (walk.py), which is also where it is sanitised: nothing but text, formatting and safe links
comes out. The text reader hands its HTML fragments to ``fragment_blocks``, so a fragment pasted
into a text return is read by these same rules.
"""

from __future__ import annotations

import re

from wres_convert.errors import ConversionError
from wres_convert.model import Block, Document, Inlines, Message, Picture, Span, merge_spans, strip_inlines
from wres_convert.readers.contract import guarded
from wres_convert.readers.html.walk import Walker
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern

_DECLARATION = patterns.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DEPTH = lazy_pattern(r"depth[^\d]*(\d+)")  # in libxml2's message when it stopped


@guarded(
    "unreadable-html",
    "the web page",
    "open it in a browser or Word and save it again, or send the .docx",
)
def read(data: bytes) -> Document:
    """Read the bytes of a web page into a ``Document`` (format "html")."""
    text, warnings = decode_html(data)
    blocks, found = parse(text)
    return Document(tuple(blocks), "html", (*warnings, *found))


def decode_html(data: bytes) -> tuple[str, list[Message]]:
    """The page's text: a byte-order mark, else the charset its ``<meta>`` declares when it is
    one a browser would read the page with (``declared_codec``), else decoded as a text return
    is (strict UTF-8, then charset-normalizer)."""
    from wres_convert.readers.text.decode import BOMS, decode_text, meta_charset

    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode_text(data)
    codec = meta_charset(data)
    if codec is not None:
        return data.decode(codec, errors="replace"), []
    return decode_text(data)


def parse(
    text: str, *, mail: bool = False, pictures: dict[str, bytes] | None = None
) -> tuple[list[Block], list[Message]]:
    """The blocks of a whole page or of a fragment, and what the walk had to say. ``mail``: a
    message's body, where a line break is the Enter key (Thunderbird, Apple Mail): each line of a
    paragraph is a paragraph, as a text return's lines ended by hand are. ``pictures``: a message's
    pictures by content id, for its body's ``<img src="cid:…">``."""
    from lxml import etree  # lxml.html's element classes are not used: its import costs ~3 ms

    from wres_convert.readers.html.styles import class_rules

    text = _DECLARATION.sub("", text).replace("\x00", "")
    if not text.strip():
        return [], []
    # huge_tree: libxml2 would otherwise stop at 256 levels of elements. Even so it stops at its
    # own hard limit (a few thousand), silently dropping the rest of the page: that page is refused
    # (_too_deep), never published in part. Below that limit, the walk reads what is deeper than
    # its own MAX_DEPTH as the text of the element at that depth.
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(text, parser)
    except Exception:  # lxml raises an error for some markup with no elements at all ("   <!-- -->")
        root = None
    if root is None:  # ... and returns None for the rest
        _too_deep(parser)
        return [], []
    _too_deep(parser)
    sheets = [s.text or "" for s in root.iter("style")]
    from wres_convert.readers.html.notes import find_notes

    notes = find_notes(root)
    walker = Walker(
        class_rules(sheets) if sheets else {}, lines_are_paragraphs=mail, pictures=pictures or {}, notes=notes
    )
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    if walker.hidden:
        walker.warn(
            "hidden-text",
            f"left out {walker.hidden} part{'s' if walker.hidden > 1 else ''} of the web page that "
            "its own styles hide; show them in the source and save it again if they belong to the return",
        )
    if walker.chrome:
        walker.warn(
            "page-furniture",
            f"left out the web page's own navigation, banner and footer ({walker.chrome} part"
            f"{'s' if walker.chrome > 1 else ''}): the site's, not the return's",
        )
    from wres_convert.readers.replies import cut_history

    blocks, said = cut_history(walker.blocks, tuple(walker.quoted))
    return blocks, [*walker.warnings, *said]


def _too_deep(parser: object) -> None:
    """Raise ConversionError("too-deep") when libxml2 stopped at its depth limit: it keeps only
    what came before the excessively deep element, so the rest of the page would be lost."""
    for entry in parser.error_log:  # type: ignore[attr-defined]
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "excessive depth" in entry.message.lower():
            m = _DEPTH().search(entry.message)
            limit = f"{int(m.group(1)):,}" if m else "2,000"
            raise ConversionError(
                "too-deep",
                f"the web page is nested more deeply than can be read (over {limit} levels)",
                "open it in a browser or Word and save it again, or send the .docx",
            )


def fragment_blocks(text: str) -> tuple[list[Block], list[Message]]:
    """An HTML fragment pasted into a text return, as blocks."""
    return parse(text)


def inline_spans(text: str) -> tuple[Inlines, list[Message]]:
    """Inline markup (``<b>``, ``<a href>``, ``<br>``, entities) in a run of prose, as spans: any
    block structure in it counts as a space."""
    blocks, warnings = parse(text)
    spans: list[Span] = []
    for block in blocks:
        if isinstance(block, Picture):  # a line of prose has no place for a picture: say so
            warnings.append(Message("html-active-content", "left out a picture (<img>) found in the text"))
            continue
        inlines = getattr(block, "inlines", ()) or (Span(block.text),)
        if spans:
            spans.append(Span(" "))
        spans.extend(inlines)
    return strip_inlines(merge_spans(spans)), warnings
