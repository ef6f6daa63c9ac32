"""The copy of a submission that ``--link-original`` publishes beside its page.

The original holds what the page never shows: the "Your details" answers, the author in the
document's properties, comments, tracked changes and their authors, hidden text. So the copy is
made, never the file itself:

- Word: the details fields' values are blanked (job title included) and the submitter's name,
  e-mail address and phone number, and every other e-mail address and UK phone number, are
  removed wherever they occur, even split across runs; hidden and deleted text, comments,
  revision marks and authors, custom properties, the thumbnail, custom XML, the attached template
  and document variables go; the author, last-modified-by, company and manager are emptied.
  Embedded Office files are cleaned the same way; other embedded objects are refused.
- Text (plain, Markdown, HTML): the same for its lines; a saved e-mail is refused (its encoded
  parts cannot be checked).
- PDF: published unchanged only when it holds no contact details, no e-mail address or phone
  number, no author and no annotations; otherwise refused.
- .doc, .rtf, .odt: refused.

Every copy is then read back, with the project's own reader and as raw XML or text, and checked for
any remaining detail; if one remains, nothing is published. A refusal is one ``ConversionError``
saying what to do.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from wres_convert.casestudy import CaseStudy
from wres_convert.contact import REMOVED, Contact, contact_from_fields, finders, name_parts
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.fields import bare_label, field_ranges
from wres_convert.matching import QuestionMatcher
from wres_convert.model import Control
from wres_convert.privacy import EMAILS, PHONES, Finder, find_ranges, finder
from wres_convert.readers.docx_package import PKG_REL, Package, W, has_doctype, parse_fragment, w
from wres_convert.readers.docx_styles import Styles, hidden_in
from wres_convert.template_spec import FieldSpec, TemplateSpec

PUBLIC_FIELDS = frozenset({"organisation"})  # every other details field is blanked in the copy
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
WHAT_TO_DO = (
    "remove the contact details from the original and convert the cleaned copy, or leave out --link-original"
)


def publishable_original(data: bytes, fmt: str, cs: CaseStudy) -> bytes:
    """The bytes of ``data`` (the submission ``cs`` was made from, in format ``fmt``) that are safe
    to publish; ``ConversionError`` when no safe copy can be made."""
    if fmt == "docx":
        return _docx(data, cs)
    if fmt == "text":
        from wres_convert.original_flat import publishable_text

        return publishable_text(data, cs)
    if fmt == "pdf":
        from wres_convert.original_flat import publishable_pdf

        return publishable_pdf(data, cs)
    raise refuse(
        f"a .{fmt} file cannot be published cleanly here",
        "save it as .docx and convert that, or leave out --link-original",
    )


def refuse(message: str, hint: str = WHAT_TO_DO) -> ConversionError:
    return ConversionError("original-not-published", f"--link-original: {message}", hint, EXIT_CANNOT_WRITE)


def rules(contact: Contact) -> list[Finder]:
    """What must not be in a published original: the submitter's details, anyone's e-mail address
    or telephone number."""
    return [*finders(contact), finder(EMAILS.pattern), finder(PHONES.pattern, PHONES.valid)]


def contact_of(cs: CaseStudy) -> Contact:
    """The submitter's details, with every name also read from the fields as written."""
    return cs.contact if cs.contact.names or not cs.mapping.fields else contact_from_fields(cs.mapping.fields)


# Word


def _docx(data: bytes, cs: CaseStudy) -> bytes:
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
    from wres_convert.privacy import cut

    return cut(text, ranges, mark)


def verify_docx(copy: bytes, contact: Contact) -> None:
    """Read the copy back as our reader does and as raw parts: any detail left means no copy."""
    from wres_convert.readers import docx as docx_reader
    from wres_convert.template import map_document

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
    needles = [*contact.emails, *contact.names]
    return any(n.encode(e).lower() in data.lower() for n in needles if n for e in ("utf-8", "utf-16-le"))


def inflated(data: bytes, budget: int = 64 * 1024 * 1024) -> bytes:
    """The PDF's bytes with each Flate stream inflated after them (bounded): metadata and
    annotations may sit in compressed object streams."""
    out = [data]
    view = memoryview(data)
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        if budget <= 0:
            break
        inflater = zlib.decompressobj()
        try:
            piece = inflater.decompress(view[m.end() :], budget)
        except zlib.error:
            continue
        budget -= len(piece)
        out.append(piece)
    return b"\n".join(out)
