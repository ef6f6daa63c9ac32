"""Open a .docx zip and parse its XML parts safely: the only place that touches zipfile.

A part's size is checked before it is decompressed, the whole package's unpacked size and
compression ratio are checked on opening (a zip bomb is refused before any of it is unpacked), and
XML is parsed without entity expansion, DTD loading or network access. Open Packaging Conventions
forbid DTDs in a package (ECMA-376 Part 2, M1.17), so only a crafted file has one: a DTD naming a
file or URL (XXE) or one libxml2 stops as an entity bomb ("billion laughs") is refused; harmless
internal entities are left unexpanded. A hostile upload cannot exhaust memory or reach out.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import NamedTuple

from lxml import etree

from wres_convert.errors import ConversionError
from wres_convert.readers.docx.namespaces import MC, PKG_REL, R, W  # noqa: F401 - shared from here

MAX_PART_BYTES = 200 * 1024 * 1024  # refuse any one part that would decompress to more than this
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # ... and a package whose parts add up to more than this
# Word's XML deflates 5-20:1 and images hardly at all; beyond this ratio a big part is a zip bomb.
MAX_RATIO = 200
RATIO_MIN_BYTES = 10 * 1024 * 1024  # small parts may compress very well (a run of spaces): no harm
# A DOCTYPE as UTF-8 and as the UTF-16 encodings OPC also allows: only to name a parse error.
DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
TOO_LARGE_HINT = "remove large images or embedded files, save it again and convert that"

REL_OFFICE_DOCUMENT = "/officeDocument"


def w(local: str) -> str:
    """Clark-notation name in the WordprocessingML namespace."""
    return f"{{{W}}}{local}"


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` of an element (or ``default`` when the element or attribute is missing)."""
    if el is None:
        return default
    return el.get(w("val"), default)


# An element's children by tag, the first of each: what ``find`` would pick for that tag.
Props = dict[object, etree._Element]
NO_PROPS: Props = {}


def props_of(el: etree._Element | None) -> Props:
    """A property element's children (``w:pPr``, ``w:rPr``) in one pass: asked about several of
    them for every paragraph and run, a search per property cost more than the pass."""
    if el is None:
        return NO_PROPS
    props: Props = {}
    for child in el:
        props.setdefault(child.tag, child)
    return props


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


def parse_fragment(data: bytes) -> etree._Element:
    """Parse a piece cut out of a part that has no DTD (see docx_styles.Styles.from_bytes)."""
    return _parse(data)


def _parse(data: bytes) -> etree._Element:
    """Parse XML. libxml2 out of memory (under the worker's memory cap) is a MemoryError, not a
    syntax error: the file is too big to read, not damaged."""
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if any(e.type == etree.ErrorTypes.ERR_NO_MEMORY for e in exc.error_log):
            raise MemoryError("libxml2 could not allocate memory") from exc
        raise


def _too_deep(exc: etree.XMLSyntaxError) -> bool:
    """libxml2 stopped at its nesting limit (256 levels), not at broken XML."""
    return any(
        e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message.lower() for e in exc.error_log
    )


def has_doctype(data: bytes) -> bool:
    return any(doctype in data for doctype in DOCTYPES)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class Relationship(NamedTuple):
    target: str
    external: bool
    rel_type: str


class Package:
    """The parts of one .docx that the reader needs, looked up by relationship, parsed on demand."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        _check_sizes(self._zip.infolist())
        self.main_path = self._main_document_path()
        self.flattened = False  # the body nested too deeply to parse and was flattened first
        document = self._body_xml(self.main_path)
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
                TOO_LARGE_HINT,
            )
        return self._zip.read(info)

    def xml(self, name: str) -> etree._Element | None:
        data = self.read_part(name)
        if data is None:
            return None
        has_dtd = has_doctype(data)
        try:
            root = _parse(data)
        except etree.XMLSyntaxError:
            if has_dtd:  # libxml2 stopped an entity bomb: say so, rather than "damaged"
                raise ConversionError(*UNSAFE) from None
            raise
        info = root.getroottree().docinfo
        dtd = info.internalDTD
        # Never fetched (no resolve_entities, no DTD loading), but a file or URL named in an entity
        # or an external DTD is an attack, not a document: refuse it plainly.
        if (
            info.system_url
            or info.public_id
            or (dtd is not None and any(e.system_url for e in dtd.iterentities()))
        ):
            raise ConversionError(*UNSAFE)
        return root

    def _body_xml(self, name: str) -> etree._Element | None:
        """The main document part; one nested beyond libxml2's depth limit is flattened first
        (``docx_flatten``) rather than refused as damaged."""
        try:
            return self.xml(name)
        except etree.XMLSyntaxError as exc:
            data = self.read_part(name)
            if data is None or has_doctype(data) or not _too_deep(exc):
                raise
            from xml.parsers import expat  # these two only for the rare deep file

            from wres_convert.readers.docx.flatten import flatten

            try:
                flat, self.flattened = flatten(data)
            except expat.ExpatError:
                raise exc from None  # expat cannot read it either: damaged, as libxml2 said
            try:
                return _parse(flat)
            except etree.XMLSyntaxError as again:
                if _too_deep(again):  # deep in something that is neither a table nor a control
                    raise ConversionError(*TOO_DEEP) from None
                raise

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

    def related_name(self, type_suffix: str, default: str) -> str:
        """The name of the main document's part of one relationship type (styles, numbering…)."""
        for rel in sorted(self.rels.values(), key=lambda r: r.target):
            if rel.rel_type.endswith(type_suffix) and not rel.external:
                return rel.target
        return default

    def related_xml(self, type_suffix: str, default: str) -> etree._Element | None:
        """The main document's part of one relationship type, parsed."""
        return self.xml(self.related_name(type_suffix, default))

    def _main_document_path(self) -> str:
        # Word always writes word/document.xml, but the package relationships are the real pointer.
        for rel in self.relationships("").values():
            if rel.rel_type.endswith(REL_OFFICE_DOCUMENT) and rel.target in self._zip.namelist():
                return rel.target
        return "word/document.xml"


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes its directory declares, before unpacking anything.

    zipfile never unpacks more than a member's declared size (it stops there and the CRC check
    fails), so checking the declared sizes is enough."""
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise ConversionError(
            "too-large",
            f"the Word document is too large to read safely (it would unpack to {total // (1024 * 1024)} MB)",
            TOO_LARGE_HINT,
        )
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ConversionError(
                "too-large",
                f"the Word document looks like a zip bomb ({info.filename} would unpack to "
                f"{info.file_size // max(info.compress_size, 1)} times its size)",
                "open it in Word and save it again as .docx, or send it as a PDF",
            )


UNSAFE = (
    "unsafe-docx",
    "the Word document contains XML entity declarations Word never writes (an XXE or entity-bomb attack); refused for safety",
    "open it in Word and save it again as .docx",
)
TOO_DEEP = (
    "too-deep",
    "the Word document nests its content more deeply than any page can show (hundreds of levels), "
    "in something other than tables, lists and form fields",
    "open it in Word and save it again as .docx, or send it as a PDF",
)
CORRUPT = (
    "corrupt-docx",
    "the Word document is damaged or incomplete",
    "open it in Word and save it again as .docx",
)
