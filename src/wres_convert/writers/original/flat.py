"""Published copies of text returns and PDFs (``original.docx`` has the Word copy, ``original.common`` the rules).

Text (plain, Markdown, HTML) is cleaned line by line as Word paragraphs are: details values
blanked, the submitter's details and anyone's e-mail address and phone number removed, author
metadata dropped, then read back and checked. A PDF cannot be rewritten reliably, so it is
published unchanged only when there is nothing to remove.
"""

from __future__ import annotations

import re

from wres_convert.casestudy.build import CaseStudy
from wres_convert.casestudy.contact import REMOVED
from wres_convert.casestudy.privacy import Finder, cut, find_ranges
from wres_convert.casestudy.scrub import name_parts
from wres_convert.errors import ConversionError
from wres_convert.standard.spec import TemplateSpec
from wres_convert.template.fields import bare_label, field_ranges
from wres_convert.text import patterns
from wres_convert.writers.original.common import PUBLIC_FIELDS, contact_of, inflated, refuse, rules

# A saved e-mail: its parts may be base64 or quoted-printable, which no text search can check.
_MIME = patterns.compile(
    r"^(?:(?:From|To|Subject|Date|Received|Message-ID|Return-Path|MIME-Version|Content-Type)"
    r":[^\n]*+\n)+",
    re.I,
)
_XMP_AUTHOR = patterns.compile(rb"<dc:creator>\s*+<rdf:(?:Seq|Bag)>\s*+<rdf:li[^>]*+>\s*+[^<\s]")
_TAG = patterns.compile(r"<[^<>]*+>")
# Author and free-text properties in HTML: <meta name="author" …>, <meta name="keywords" …>, Word's
# <o:Author>…</o:Author>: no part of the return, and "Smith" alone as the subject says who sent it.
_HTML_AUTHOR = patterns.compile(
    r"<meta\b[^<>]*?\bname\s*=\s*[\"']?(?:author|creator|owner|last[-_]?modified[-_]?by|keywords|subject"
    r"|description|category)\b[^<>]*+>"
    r"|<o:(Author|LastAuthor|Company|Manager|Keywords|Subject|Description|Category)>[^<]*+</o:\1>",
    re.I,
)
_HTML_TITLE = patterns.compile(r"(<title\b[^<>]*+>)([^<]*+)(</title>)", re.I)


def publishable_text(data: bytes, cs: CaseStudy) -> bytes:
    from wres_convert.readers.text.decode import decode_text

    text, _ = decode_text(data)
    if _MIME.match(text.lstrip("\ufeff")):
        raise refuse(
            "a saved e-mail cannot be checked for contact details",
            "save the return itself (the attachment, or the message text) and convert that, or leave out --link-original",
        )
    contact = contact_of(cs)
    found = rules(contact)
    text = _HTML_AUTHOR.sub("", text)
    named = name_parts(contact)  # a title naming her, even by her surname alone, goes whole
    text = _HTML_TITLE.sub(
        lambda m: m.group(0) if not find_ranges(m.group(2), [named]) else m[1] + m[3], text
    )
    lines = text.splitlines(keepends=True)
    spec = TemplateSpec.load()
    pending = False
    for i, line in enumerate(lines):
        visible, index = _without_tags(line)
        if not visible.strip():
            continue
        if pending:
            lines[i] = _cut_visible(line, index, [(0, len(visible.rstrip("\r\n")))], "")
            pending = False
            continue
        ranges = field_ranges(visible.rstrip("\r\n"), spec)
        if ranges:
            private = [(a, b) for fid, a, b in ranges if fid not in PUBLIC_FIELDS]
            lines[i] = _cut_visible(line, index, private, " ")
            pending = (
                ranges[-1][0] not in PUBLIC_FIELDS and not visible[ranges[-1][1] : ranges[-1][2]].strip()
            )
        else:
            fid = bare_label(visible.strip(), spec)
            pending = fid is not None and fid not in PUBLIC_FIELDS
    cleaned = cut_all("".join(lines), found)
    copy = cleaned.encode("utf-8")
    _verify_text(copy, found)
    return copy


def cut_all(text: str, found: list[Finder]) -> str:
    """Line by line, so a match never runs across lines it should not."""
    return "".join(cut(line, find_ranges(line, found), REMOVED) for line in text.splitlines(keepends=True))


def _without_tags(line: str) -> tuple[str, list[int]]:
    """The line as a reader sees it (HTML tags left out), with each character's index in it."""
    index: list[int] = []
    pos = 0
    for m in _TAG.finditer(line):
        index.extend(range(pos, m.start()))
        pos = m.end()
    index.extend(range(pos, len(line)))
    return "".join(line[i] for i in index), index


def _cut_visible(line: str, index: list[int], ranges: list[tuple[int, int]], mark: str) -> str:
    spans = [(index[a], index[b - 1] + 1) for a, b in ranges if b > a]
    return cut(line, spans, mark) if spans else line


def _verify_text(copy: bytes, found: list[Finder]) -> None:
    from wres_convert.readers.text import read
    from wres_convert.template.mapper import map_document

    text = copy.decode("utf-8")
    doc = read(copy)
    shown = [b.text for b in doc.blocks] + list(map_document(doc).fields.values())
    if any(find_ranges(line, found) for line in [*text.splitlines(), *shown]):
        raise refuse("contact details remained in the text after cleaning")


# PDF


def publishable_pdf(data: bytes, cs: CaseStudy) -> bytes:
    """The PDF itself when there is nothing in it to remove; else a refusal saying what is there."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    contact = contact_of(cs)
    private = {k: v for k, v in cs.mapping.fields.items() if k not in PUBLIC_FIELDS and v.strip()}
    if private or contact.emails or contact.phones or contact.names:
        raise refuse(
            "the PDF holds the submitter's contact details",
            "remove the contact details from the PDF (or export it again without them) and convert "
            "the cleaned copy, or leave out --link-original",
        )
    found = rules(contact)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ConversionError("unreadable-pdf", "the PDF could not be opened again to check it") from exc
    try:
        if (pdf.get_metadata_dict().get("Author") or "").strip():
            raise refuse("the PDF names its author in its properties", _PDF_HINT)
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
                    raise refuse(f"page {i + 1} of the PDF has comments, links or form fields", _PDF_HINT)
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            finally:
                page.close()
            if find_ranges(text, found):
                raise refuse(f"page {i + 1} of the PDF holds an e-mail address or phone number", _PDF_HINT)
    finally:
        pdf.close()
    raw = inflated(data)
    if _XMP_AUTHOR.search(raw):
        raise refuse("the PDF names its author in its XMP metadata", _PDF_HINT)
    if b"\xff\xe1" in raw and b"Exif\x00\x00" in raw:
        # A photo kept as it was shot (a JPEG's APP1 segment): its EXIF may hold a GPS position.
        raise refuse("a picture in the PDF keeps its camera's EXIF data (a GPS position?)", _PDF_HINT)
    return data


_PDF_HINT = (
    "export the PDF again without them (or remove them in a PDF editor) and convert the cleaned "
    "copy, or leave out --link-original"
)
