"""DOCX reader: a Word document's body as the shared document model.

The package is opened with zipfile and walked with lxml rather than python-docx, whose paragraph
API misses content controls and tracked insertions. The work is split by part of the file:
``docx_package`` (zip and safe XML), ``docx_flatten`` (a body nested too deeply to parse), ``docx_styles``, ``docx_numbering`` (list kinds and restarts),
``docx_body`` (blocks), ``docx_tables`` (tables and merged cells), ``docx_controls`` (content
controls), ``docx_inline`` (runs, fields, links), ``docx_notes`` (footnotes and endnotes),
``docx_drawings`` and ``docx_smartart`` (text boxes, SmartArt, what is left out), ``docx_omml``
(equations) and ``wres_convert.text.markers`` (hand-typed list markers, shared with section tidying).
Headers, footers, comments and document properties are not content and are never read; whatever
else is left out gets a ``dropped-content`` warning (docs/reader-conventions.md).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable

from lxml import etree

from wres_convert.errors import ConversionError
from wres_convert.model import Block, Document, Message
from wres_convert.readers.docx.body import BodyReader
from wres_convert.readers.docx.drawings import DrawingReader
from wres_convert.readers.docx.inline import HIDDEN_TEXT, InlineReader
from wres_convert.readers.docx.notes import Notes
from wres_convert.readers.docx.numbering import Numbering
from wres_convert.readers.docx.package import CORRUPT, Package, Relationship, W, w
from wres_convert.readers.docx.styles import Styles
from wres_convert.readers.nesting import FLATTENED

STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REVISION_TAGS = (w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("cellIns"), w("cellDel"))
REVISIONS = Message(
    "revisions", "tracked changes were present; inserted text was kept and deleted text left out"
)
COMMENTS = Message("comments", "the Word document has comments; they were left out of the case study")
SMARTART = Message("smartart", "a SmartArt diagram's text was kept as a list; its layout was not")

# What zipfile, zlib and lxml raise for damaged input; anything here means "corrupt", not a bug.
_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    etree.LxmlError,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    NotImplementedError,  # an unsupported compression method
    RuntimeError,  # an encrypted zip member; RecursionError too, though nesting is bounded first
)


def read(data: bytes) -> Document:
    """Read the bytes of a .docx file; raise ``ConversionError`` if they are not a readable one."""
    try:
        return _read(data)
    except ConversionError:
        raise
    except _DAMAGE as exc:
        raise ConversionError(*CORRUPT) from exc


def _read(data: bytes) -> Document:
    package = Package(data)
    root = package.document
    if root.tag == f"{{{STRICT_W}}}document":
        raise ConversionError(
            "strict-docx",
            "the Word document is saved as Strict Open XML, which this tool cannot read",
            "in Word choose Save As > Word Document (.docx) and convert that",
        )
    body = root.find(w("body"))
    if root.tag != f"{{{W}}}document" or body is None:
        raise ConversionError(*CORRUPT)
    styles_part = package.related_name("/styles", "word/styles.xml")
    styles = Styles.from_bytes(package.read_part(styles_part), lambda _data: package.xml(styles_part))
    numbering = Numbering(package.related_xml("/numbering", "word/numbering.xml"), _style_num_id(styles))
    readers: list[tuple[InlineReader, BodyReader]] = []

    def read_note(element: etree._Element, rels: dict[str, Relationship], where: str) -> list[Block]:
        # Its own readers: a note's lists and fields never run into the paragraph that calls it.
        inline = InlineReader(styles, rels, DrawingReader(rels, package.xml, package.read_part), notes.call)
        reader = BodyReader(styles, numbering, inline, where)
        readers.append((inline, reader))
        return reader.blocks(element)

    notes = Notes(package, read_note)
    inline = InlineReader(
        styles, package.rels, DrawingReader(package.rels, package.xml, package.read_part), notes.call
    )
    reader = BodyReader(styles, numbering, inline)
    readers.insert(0, (inline, reader))
    blocks = reader.blocks(body)
    hidden = [HIDDEN_TEXT] if any(i.skipped_hidden for i, _ in readers) else []
    flattened = [FLATTENED] if package.flattened else []
    smartart = [SMARTART] if any(i.drawings.smartart for i, _ in readers) else []
    dropped = dropped_warnings([d for _, r in readers for d in r.dropped]) + notes.uncalled(
        {n for i, _ in readers for n in i.hidden_notes}
    )
    warnings = _warnings(package) + hidden + flattened + smartart + dropped
    return Document(tuple(blocks), "docx", tuple(warnings))


def dropped_warnings(dropped: list[tuple[str, str]]) -> list[Message]:
    """One ``dropped-content`` warning per kind of thing left out, saying where each one was."""
    places: dict[str, list[str]] = {}
    for what, where in dropped:
        places.setdefault(what, []).append(where)
    out: list[Message] = []
    for what, wheres in places.items():
        if len(wheres) == 1:
            out.append(Message("dropped-content", f"{what} was left out ({wheres[0]})"))
            continue
        unique = list(dict.fromkeys(wheres))
        if all(p.startswith("paragraph ") for p in unique):  # "paragraphs 3 and 5"
            numbers = [p.removeprefix("paragraph ") for p in unique]
            where = "paragraphs " + _and(numbers) if len(numbers) > 1 else unique[0]
        else:
            where = _and(unique)
        out.append(Message("dropped-content", f"{what} was left out in {len(wheres)} places ({where})"))
    return out


def _style_num_id(styles: Styles) -> Callable[[str], str | None]:
    """How numbering.xml follows a numbering style (``w:numStyleLink``) to its list."""

    def lookup(style_id: str) -> str | None:
        num_pr = styles.num_pr(style_id)
        return None if num_pr is None else num_pr.num_id

    return lookup


def _warnings(package: Package) -> list[Message]:
    warnings: list[Message] = []
    if next(package.document.iter(*REVISION_TAGS), None) is not None:
        warnings.append(REVISIONS)
    comments = package.related_xml("/comments", "word/comments.xml")
    if comments is not None and next(comments.iter(w("comment")), None) is not None:
        warnings.append(COMMENTS)
    return warnings


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
