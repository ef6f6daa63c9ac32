"""One rule at the reader boundary: no terminal escape sequence or control character enters the
document model.

A submission may carry ESC, BEL or 8-bit C1 codes (pasted from a terminal, or put there on
purpose). HTML forbids them, XML 1.0 cannot carry most of them, and Markdown written to a terminal
would run them: a title change, a cleared screen, a hidden link. So every string a reader hands
on (span texts, link targets, content-control tags and titles, warnings) goes through
``terminal.strip_controls`` here, once, whatever the format; tabs and newlines stay. The walk runs
after ``limit_nesting``, so it recurses a bounded depth, and returns the very same objects when
nothing needed cleaning (almost always).

Text is also composed (Unicode NFC, letter by letter: ``_compose``) here: a Mac, and some PDFs,
write "ë" as "e" and a combining diaeresis. The page shows them alike, but a search does not: the
submitter's name in an answer must be found whichever way the form wrote it, and a web page
should be NFC. Link targets are not composed: a link's bytes are its own.
"""

from __future__ import annotations

import unicodedata

from wres_convert.model import Block, Cell, Control, Document, Inlines, Message, Span, Table
from wres_convert.text import patterns
from wres_convert.text.controls import strip_controls
from wres_convert.values import replace

# Anything strip_controls would change: checked first so clean text costs one search per string.
_UNSAFE = patterns.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    text = _without_controls(text)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return _compose(text)


def _compose(text: str) -> str:
    """NFC for each letter written with its marks after it ("e" and U+0308), and nothing else:
    NFC also swaps single characters (the Kelvin sign for "K", a CJK compatibility ideograph for
    its unified one, changing the glyph), which no decomposing writer made."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or "\u1160" <= text[j] <= "\u11ff"):
            j += 1  # marks, and the vowel and final jamo of a Hangul syllable written apart
        out.append(unicodedata.normalize("NFC", text[i:j]) if j > i + 1 else text[i])
        i = j
    return "".join(out)


def _without_controls(text: str) -> str:
    return strip_controls(text) if _UNSAFE.search(text) else text


def clean_document(doc: Document) -> Document:
    """``doc`` with every string in it cleaned (the same object when nothing needed it)."""
    blocks = _blocks(doc.blocks)
    warnings = tuple(_message(m) for m in doc.warnings)
    if _same(blocks, doc.blocks) and _same(warnings, doc.warnings):
        return doc
    return replace(doc, blocks=blocks, warnings=warnings)


def _blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    out: list[Block] = []
    for b in blocks:
        new = _block(b)
        if new is not None:
            out.append(new)
    return tuple(out) if not _same(tuple(out), blocks) else blocks


def _block(b: Block) -> Block | None:
    """The cleaned block; None for a text block that held nothing but control characters."""
    if isinstance(b, Table):
        rows = tuple(tuple(_cell(c) for c in row) for row in b.rows)
        return b if all(_same(a, o) for a, o in zip(rows, b.rows, strict=True)) else Table(rows)
    if isinstance(b, Control):
        inner, tag, title = _blocks(b.blocks), clean_text(b.tag), clean_text(b.title)
        if inner is b.blocks and tag is b.tag and title is b.title:
            return b
        return replace(b, blocks=inner, tag=tag, title=title)
    inlines = _inlines(b.inlines)
    if inlines is b.inlines:
        return b
    return replace(b, inlines=inlines) if any(s.text.strip() for s in inlines) else None


def _cell(cell: Cell) -> Cell:
    inner = _blocks(cell.blocks)
    return cell if inner is cell.blocks else replace(cell, blocks=inner)


def _inlines(inlines: Inlines) -> Inlines:
    spans = tuple(_span(s) for s in inlines)
    if _same(spans, inlines):
        return inlines
    return tuple(s for s in spans if s.text)  # a span that was only an escape sequence goes


def _span(s: Span) -> Span:
    text = clean_text(s.text)
    href = None if s.href is None else _without_controls(s.href)
    return s if text is s.text and href is s.href else replace(s, text=text, href=href or None)


def _message(m: Message) -> Message:
    code, message = clean_text(m.code), clean_text(m.message)
    return m if code is m.code and message is m.message else Message(code, message)


def _same(new: tuple[object, ...], old: tuple[object, ...]) -> bool:
    """Nothing replaced: compared by identity, since == would walk every block again."""
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))
