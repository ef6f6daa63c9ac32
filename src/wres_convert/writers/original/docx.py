"""The published copy of a Word return (see ``writers.original``)."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from wres_convert.casestudy.build import CaseStudy
from wres_convert.casestudy.contact import REMOVED, Contact
from wres_convert.casestudy.images import Unusable, without_metadata
from wres_convert.casestudy.privacy import Finder, find_ranges
from wres_convert.casestudy.scrub import name_parts
from wres_convert.model import Control
from wres_convert.readers.docx.package import PKG_REL, Package, W, has_doctype, parse_fragment, w
from wres_convert.readers.docx.styles import Styles, hidden_in
from wres_convert.readers.sniff import image_type
from wres_convert.standard.spec import FieldSpec, TemplateSpec
from wres_convert.template.fields import bare_label, field_ranges
from wres_convert.template.matching import QuestionMatcher
from wres_convert.text.normalise import normal_forms
from wres_convert.writers.original.common import (
    PUBLIC_FIELDS,
    contact_of,
    refuse,
    rules,
)

# Parts that are all metadata or review history: dropped, with their relationships.
DROPPED_TYPES = (
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/custom-properties",
    "/metadata/thumbnail",
    "/customXml",
    "/attachedTemplate",
)
# Revision history: deleted content and the records of formatting changes, with their authors.
_REVISION_AND_REVIEW = """del moveFrom rPrChange pPrChange sectPrChange tblPrChange tblPrExChange trPrChange
    tcPrChange tblGridChange numberingChange cellIns cellDel cellMerge commentRangeStart commentRangeEnd
    commentReference moveFromRangeStart moveFromRangeEnd moveToRangeStart moveToRangeEnd
    customXmlDelRangeStart customXmlDelRangeEnd customXmlMoveFromRangeStart customXmlMoveFromRangeEnd
    attachedTemplate docVars mailMerge"""
REMOVED_TAGS = {w(t) for t in _REVISION_AND_REVIEW.split()}
UNWRAPPED_TAGS = {w("ins"), w("moveTo")}  # inserted text is the document now: keep it, lose the mark
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
EMPTIED = {f"{{{DC}}}creator", f"{{{CP}}}lastModifiedBy"}
REMOVED_PROPERTIES = {f"{{{EP}}}{t}" for t in ("Company", "Manager", "HyperlinkBase")}
# Free-text properties that are no part of the return, whatever they say ("Smith" as the subject).
BLANKED = {f"{{{DC}}}{t}" for t in ("subject", "description", "identifier")} | {
    f"{{{CP}}}{t}" for t in ("keywords", "category", "contentStatus")
}
METADATA_ROOTS = {f"{{{CP}}}coreProperties", f"{{{EP}}}Properties"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word


def publishable_docx(data: bytes, cs: CaseStudy) -> bytes:
    contact = contact_of(cs)
    copy = clean_package(data, rules(contact), word=True, named=name_parts(contact))
    verify_docx(copy, contact)
    return copy


def clean_package(
    data: bytes, found: list[Finder], *, word: bool, named: Finder | None = None, depth: int = 0
) -> bytes:
    """An Office package without metadata, review history or the details (see the module notes).
    ``named``: what finds a part of the submitter's name alone, for the document properties."""
    Package(data)  # the reader's checks first: sizes, zip bombs, DTDs
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    dropped = {n for n in names if n.startswith("customXml/")}
    for name in names:
        if name.endswith(".rels"):
            dropped |= _dropped_targets(name, source.read(name))
    styles = None
    if word and "word/styles.xml" in names:
        styles = Styles.from_bytes(source.read("word/styles.xml"), lambda raw: parse_fragment(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if name in dropped or name.startswith("docProps/thumbnail"):
                continue
            part = source.read(info)
            if part[:8] == OLE:
                raise refuse(
                    f"the Word file embeds an object ({posixpath.basename(name)}) that cannot be cleaned"
                )
            if part[:2] == b"PK" and depth < 2:
                part = clean_package(part, found, word=False, named=named, depth=depth + 1)
            elif image_type(part) in ("image/jpeg", "image/png", "image/gif"):
                # A phone photo's EXIF (its GPS position) is in the bytes Word keeps, wherever the
                # part is named: never published. One that cannot be cleaned stops the copy.
                try:
                    part = without_metadata(part)
                except Unusable as why:
                    raise refuse(
                        f"a picture in it ({posixpath.basename(name)}) cannot be cleaned: {why}"
                    ) from None
            elif name.endswith((".xml", ".rels")) or name == "[Content_Types].xml":
                # Properties first: a title that named her goes whole, not as "[removed] case study".
                part = _clean_properties(part, [*found, named] if named else found)
                part = _clean_xml(name, part, found, dropped, styles if word else None)
            entry = zipfile.ZipInfo(name, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, part)
    return out.getvalue()


def _dropped_targets(rels_name: str, raw: bytes) -> set[str]:
    root = parse_fragment(raw) if not has_doctype(raw) else None
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    out = set()
    for rel in () if root is None else root.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type", "").endswith(DROPPED_TYPES) and rel.get("TargetMode") != "External":
            out.add(posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/"))
    return out


def _clean_xml(name: str, raw: bytes, found: list[Finder], dropped: set[str], styles: Styles | None) -> bytes:
    if has_doctype(raw):
        raise refuse(f"{name} in the Word file has a DTD")
    root = parse_fragment(raw)
    if name.endswith(".rels"):
        for rel in list(root):
            if rel.get("Type", "").endswith(DROPPED_TYPES):
                root.remove(rel)
    elif name == "[Content_Types].xml":
        for override in list(root.iter(f"{{{CT}}}Override")):
            part = override.get("PartName", "").lstrip("/")
            if part in dropped or part.startswith("docProps/thumbnail"):
                root.remove(override)
    for el in list(root.iter(*REMOVED_TAGS, *REMOVED_PROPERTIES)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in root.iter(*EMPTIED):
        el.text = ""
    for el in list(root.iter(*UNWRAPPED_TAGS)):
        _unwrap(el)
    if styles is not None and root.tag.startswith(f"{{{W}}}"):
        _remove_hidden(root, styles)
        _blank_fields(root)
        for p in list(root.iter(w("p"))):
            texts = _texts_of(p)
            _cut_texts(texts, find_ranges("".join(t.text or "" for t in texts), found), REMOVED)
    _scrub_nodes(root, found)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_properties(raw: bytes, found: list[Finder]) -> bytes:
    """Document properties: the free-text ones blanked, and any other (the title, the template's
    path, the parts' titles) emptied when it holds a detail or any word of the submitter's name."""
    if not raw.rstrip().endswith(b"Properties>") or has_doctype(raw):  # core.xml, app.xml
        return raw  # (a DTD is refused next)
    root = parse_fragment(raw)
    if root.tag not in METADATA_ROOTS:
        return raw
    for el in root.iter():
        if el.tag in BLANKED or (el.text and find_ranges(el.text, found)):
            el.text = None
            for child in list(el):
                el.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _remove_hidden(root: etree._Element, styles: Styles) -> None:
    """Runs Word does not show (w:vanish directly or through a style) are removed, not kept
    hidden: whoever opens the copy could show them."""
    for p in root.iter(w("p")):
        ppr = p.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        para_hidden = bool(
            styles.hidden(style.get(w("val")) if style is not None else None) or styles.default_hidden
        )
        for r in list(p.iter(w("r"))):
            rpr = r.find(w("rPr"))
            char = rpr.find(w("rStyle")) if rpr is not None else None
            own = hidden_in(rpr)
            by_style = styles.hidden(char.get(w("val")) if char is not None else None)
            hidden = own if own is not None else by_style if by_style is not None else para_hidden
            if hidden and r.getparent() is not None:
                r.getparent().remove(r)


def _texts_of(p: etree._Element) -> list[etree._Element]:
    """The paragraph's own w:t elements in order (not those of a text box inside it)."""
    out = []
    for t in p.iter(w("t")):
        owner = t.getparent()
        while owner is not None and owner.tag != w("p"):
            owner = owner.getparent()
        if owner is p:
            out.append(t)
    return out


def _cut_texts(texts: list[etree._Element], ranges: list[tuple[int, int]], mark: str) -> None:
    """Take character ranges of the joined text out of the w:t elements holding them: a name
    split over runs goes whole, ``mark`` standing in the first run of each."""
    if not ranges:
        return
    pos = 0
    for t in texts:
        text = t.text or ""
        lo, hi = pos, pos + len(text)
        pos = hi
        pieces, at = [], 0
        for a, b in ranges:
            if a < hi and b > lo:
                pieces += [text[at : max(a, lo) - lo], mark if a >= lo else ""]
                at = min(b, hi) - lo
        if pieces:
            t.text = "".join([*pieces, text[at:]])
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _blank_fields(root: etree._Element) -> None:
    """The "Your details" answers are blanked, whatever they say: "Label: value" paragraphs keep
    their label; a label alone blanks the next paragraph with text (the whole cell, in a table);
    a content control that names a details field is emptied."""
    spec = TemplateSpec.load()
    matcher = QuestionMatcher.for_spec(spec)
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        tag, alias = ((pr.find(w(k)) if pr is not None else None) for k in ("tag", "alias"))
        control = Control((), tag=_val(tag), title=_val(alias))
        target = matcher.match_tag(control) if control.tag or control.title else None
        if isinstance(target, FieldSpec) and target.id not in PUBLIC_FIELDS:
            for t in sdt.iter(w("t")):
                t.text = ""
    pending = False
    for p in root.iter(w("p")):
        texts = _texts_of(p)
        text = "".join(t.text or "" for t in texts)
        if not text.strip():
            continue
        if pending:
            cell = next((a for a in p.iterancestors(w("tc"))), None)
            for t in cell.iter(w("t")) if cell is not None else texts:
                t.text = ""
            pending = False
            continue
        ranges = field_ranges(text, spec)
        if ranges:
            _cut_texts(texts, [(a, b) for fid, a, b in ranges if fid not in PUBLIC_FIELDS], " ")
            pending = ranges[-1][0] not in PUBLIC_FIELDS and not text[ranges[-1][1] :].strip()
        else:
            fid = bare_label(text, spec)
            pending = fid is not None and fid not in PUBLIC_FIELDS


def _val(el: etree._Element | None) -> str:
    return "" if el is None else el.get(w("val"), "")


def _scrub_nodes(root: etree._Element, found: list[Finder]) -> None:
    """Every remaining text and attribute value, node by node: alt text, field instructions,
    form-field defaults, link targets, property values."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and (ranges := find_ranges(value, found)):
                setattr(el, attr, _cut(value, ranges, REMOVED))
        for key, value in el.attrib.items():
            if key.endswith("}author") or key.endswith("}initials"):
                el.set(key, "")
            elif ranges := find_ranges(value, found):
                el.set(key, _cut(value, ranges, ""))


def _cut(text: str, ranges: list[tuple[int, int]], mark: str) -> str:
    from wres_convert.casestudy.privacy import cut

    return cut(text, ranges, mark)


def verify_docx(copy: bytes, contact: Contact) -> None:
    """Read the copy back as our reader does and as raw parts: any detail left means no copy."""
    from wres_convert.readers import docx as docx_reader
    from wres_convert.template.mapper import map_document

    found = rules(contact)
    _verify_parts(copy, found, contact)
    # As the reader sees it too (fields cut at the labels, controls unwrapped). The copy's own
    # fields are not compared: a blanked label takes the next paragraph as its value there.
    doc = docx_reader.read(copy)
    text = "\n".join(b.text for b in doc.blocks)
    if find_ranges(text, found) or any(find_ranges(v, found) for v in map_document(doc).fields.values()):
        raise refuse("contact details remained in the Word file after cleaning")


def _verify_parts(package: bytes, found: list[Finder], contact: Contact) -> None:
    source = zipfile.ZipFile(io.BytesIO(package))
    for info in source.infolist():
        part = source.read(info)
        if part[:2] == b"PK":
            _verify_parts(part, found, contact)
        elif info.filename.endswith((".xml", ".rels")):
            root = parse_fragment(part)
            pieces = ["".join(t.text or "" for t in _texts_of(p)) for p in root.iter(w("p"))]
            authored = False
            for el in root.iter():
                if isinstance(el.tag, str):
                    pieces += [v for v in (el.text, *el.attrib.values()) if v]
                    authored = authored or any(k.endswith("}author") and v for k, v in el.attrib.items())
            named = authored or any(el.text for el in root.iter(*EMPTIED))
            checks = found
            if root.tag in METADATA_ROOTS:  # properties: no free text, no word of the name alone
                named = named or any(el.text for el in root.iter(*BLANKED))
                checks = [*found, name_parts(contact)]
            if named or any(find_ranges(piece, checks) for piece in pieces):
                raise refuse(f"contact details remained in {info.filename} after cleaning")
        elif _raw_mentions(part, contact):
            raise refuse(f"{posixpath.basename(info.filename)} in the Word file names the submitter")


def _raw_mentions(data: bytes, contact: Contact) -> bool:
    """Whether binary data (an image's metadata, say) spells out the submitter's name or address."""
    needles = normal_forms((*contact.emails, *contact.names))  # a file may hold either form
    return any(n.encode(e).lower() in data.lower() for n in needles if n for e in ("utf-8", "utf-16-le"))
