"""Open a .docx zip and parse its XML parts safely: the only place that touches zipfile.

A part's size is checked before it is decompressed, and XML is parsed without entity expansion or
network access, so a hostile upload cannot exhaust memory or reach out.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from wres_convert.errors import ConversionError

MAX_PART_BYTES = 200 * 1024 * 1024  # refuse any one part that would decompress to more than this

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = "/officeDocument"


def w(local: str) -> str:
    """Clark-notation name in the WordprocessingML namespace."""
    return f"{{{W}}}{local}"


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` of an element (or ``default`` when the element or attribute is missing)."""
    if el is None:
        return default
    return el.get(w("val"), default)


def on(el: etree._Element | None) -> bool | None:
    """An ST_OnOff property: None when absent, else its value (a bare element means on)."""
    if el is None:
        return None
    return wval(el, "true") not in ("0", "false", "off")


def to_int(value: str | None, default: int) -> int:
    """Integers in attributes may be missing or junk in damaged files; never raise for them."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class Relationship:
    target: str
    external: bool
    rel_type: str


class Package:
    """The parts of one .docx that the reader needs, looked up by relationship, parsed on demand."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self.main_path = self._main_document_path()
        document = self.xml(self.main_path)
        if document is None:
            raise ConversionError(*CORRUPT)
        self.document: etree._Element = document
        self.rels = self.relationships(self.main_path)

    def read_part(self, name: str) -> bytes | None:
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise ConversionError(
                "too-large",
                f"the Word document is too large to read safely ({name} would unpack to "
                f"{info.file_size // (1024 * 1024)} MB)",
                "remove large images or embedded files, save it again and convert that",
            )
        return self._zip.read(info)

    def xml(self, name: str) -> etree._Element | None:
        data = self.read_part(name)
        return None if data is None else etree.fromstring(data, _parser())

    def relationships(self, part: str) -> dict[str, Relationship]:
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        rels: dict[str, Relationship] = {}
        for rel in () if root is None else root.iter(f"{{{PKG_REL}}}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            if not external:
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            rels[rel.get("Id", "")] = Relationship(target, external, rel.get("Type", ""))
        return rels

    def related_xml(self, type_suffix: str, default: str) -> etree._Element | None:
        """The main document's part of one relationship type (styles, numbering, comments)."""
        for rel in sorted(self.rels.values(), key=lambda r: r.target):
            if rel.rel_type.endswith(type_suffix) and not rel.external:
                return self.xml(rel.target)
        return self.xml(default)

    def _main_document_path(self) -> str:
        # Word always writes word/document.xml, but the package relationships are the real pointer.
        for rel in self.relationships("").values():
            if rel.rel_type.endswith(REL_OFFICE_DOCUMENT) and rel.target in self._zip.namelist():
                return rel.target
        return "word/document.xml"


CORRUPT = (
    "corrupt-docx",
    "the Word document is damaged or incomplete",
    "open it in Word and save it again as .docx",
)
