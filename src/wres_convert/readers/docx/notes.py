"""Footnotes and endnotes of a Word document (``word/footnotes.xml``, ``word/endnotes.xml``).

Each ``w:footnoteReference``/``w:endnoteReference`` in the text becomes a mark span carrying its
``Note`` (``docx_inline``); the note's paragraphs are read by a body reader of their own (lists,
bold, links, their part's own relationships), so a note reads like any answer and its reading
never disturbs the state of the paragraph that calls it. The separator notes Word keeps in the
same parts (``w:type`` separator, continuationSeparator, continuationNotice) are page furniture.

Marks are numbered as Word shows them: in order of first call, in the format the document's
settings give (``w:footnotePr``/``w:endnotePr`` ``w:numFmt`` and ``w:numStart``), by default 1, 2,
3 for footnotes and i, ii, iii for endnotes. Writers renumber a section's notes anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from wres_convert.model import Block, Message, Note
from wres_convert.readers.docx.package import Package, Relationship, to_int, w, wval

KINDS = {"footnote": ("/footnotes", "word/footnotes.xml"), "endnote": ("/endnotes", "word/endnotes.xml")}
SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}
CHICAGO = "*†‡§"

# Reads one note's content as blocks: (element, its part's relationships, where) -> blocks.
ReadBlocks = Callable[[etree._Element, dict[str, Relationship], str], list[Block]]


class Notes:
    """The document's notes, looked up by kind and id as their marks are read."""

    def __init__(self, package: Package, read_blocks: ReadBlocks) -> None:
        self._read_blocks = read_blocks
        self._notes: dict[str, dict[str, etree._Element]] = {}
        self._rels: dict[str, dict[str, Relationship]] = {}
        self._formats: dict[str, tuple[str, int]] = {}
        settings = package.related_xml("/settings", "word/settings.xml")
        for kind, (suffix, default) in KINDS.items():
            name = package.related_name(suffix, default)
            root = package.xml(name)  # None when the document has none
            self._notes[kind] = {
                n.get(w("id"), ""): n
                for n in (root.iter(w(kind)) if root is not None else ())
                if n.get(w("type"), "normal") not in SEPARATORS
            }
            self._rels[kind] = package.relationships(name) if root is not None else {}
            self._formats[kind] = _format(settings, kind)
        self._called: dict[tuple[str, str], tuple[str, Note]] = {}
        self._count = dict.fromkeys(KINDS, 0)

    def call(self, kind: str, note_id: str) -> tuple[str, Note] | None:
        """The mark and note a reference calls; the same note each time it is called again."""
        key = (kind, note_id)
        if key in self._called:
            return self._called[key]
        element = self._notes.get(kind, {}).get(note_id)
        if element is None:
            return None
        fmt, start = self._formats[kind]
        mark = _mark(self._count[kind] + start, fmt)
        self._count[kind] += 1
        # Marked called before it is read: a note calling itself reads as an empty note, not a loop.
        self._called[key] = (mark, Note((), kind))
        blocks = self._read_blocks(element, self._rels[kind], f"{kind} {mark}")
        called = (mark, Note(tuple(blocks), kind))
        self._called[key] = called
        return called

    def uncalled(self, hidden: set[tuple[str, str]]) -> list[Message]:
        """Notes nothing in the text calls (Word never shows them): left out, with a word. Notes
        whose marks are ``hidden`` are hidden text, already warned about."""
        out: list[Message] = []
        accounted = set(self._called) | hidden
        for kind, notes in self._notes.items():
            missing = [n for n in notes if (kind, n) not in accounted and _has_text(notes[n])]
            if missing:
                many = (
                    f"{len(missing)} {kind}s"
                    if len(missing) > 1
                    else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
                )
                verb = "were" if len(missing) > 1 else "was"
                why = f"that nothing in the text calls {verb} left out (Word never shows it)"
                out.append(Message("dropped-content", f"{many} {why}"))
        return out


def _has_text(note: etree._Element) -> bool:
    return any((t.text or "").strip() for t in note.iter(w("t")))


def _format(settings: etree._Element | None, kind: str) -> tuple[str, int]:
    """The numbering format and start of one kind of note, from settings.xml."""
    props = settings.find(w(f"{kind}Pr")) if settings is not None else None
    fmt = wval(props.find(w("numFmt")), None) if props is not None else None
    start = to_int(wval(props.find(w("numStart"))), 1) if props is not None else 1
    return fmt or DEFAULT_FORMAT[kind], max(start, 1)


def _mark(n: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "chicago":
        return CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1)
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out
