"""Reader registry: pick a reader by the file's content, import it only when it runs.

``sniff.detect_kind`` says what the bytes are; ``READERS`` names the function that reads each
format, ``read(data) -> Document`` (the PDF reader also takes ``max_pages``). The legacy formats
(.doc, .rtf, .odt) are readers like the others: LibreOffice makes a .docx of them for the DOCX
reader. ``--help`` and plain-text conversions never import lxml, pypdfium2, olefile or zipfile;
tests/readers/test_reader_imports.py holds what each format's read may import.
"""

from __future__ import annotations

import importlib

from wres_convert.errors import ConversionError
from wres_convert.model import Document
from wres_convert.readers.clean import clean_document
from wres_convert.readers.nesting import limit_nesting
from wres_convert.readers.sniff import LEGACY, detect_kind

READERS = {  # format: "module:function"
    "docx": "wres_convert.readers.docx:read",
    "pdf": "wres_convert.readers.pdf:read",
    "text": "wres_convert.readers.text:read",
    "html": "wres_convert.readers.html:read",
    "email": "wres_convert.readers.mail:read",
    "msg": "wres_convert.readers.mail:read_msg",
    "doc": "wres_convert.readers.legacy:read_doc",
    "rtf": "wres_convert.readers.legacy:read_rtf",
    "odt": "wres_convert.readers.legacy:read_odt",
}


def read_document(
    data: bytes, name: str, fmt: str | None = None, *, max_pages: int | None = None
) -> Document:
    """Read ``data`` (the bytes of the file called ``name``) into the document model. ``fmt``: the
    format, when the user chose it; otherwise the bytes say (``detect_kind``), never the name.
    ``max_pages``: refuse a PDF with more pages (only the PDF reader has pages to count; a legacy
    file has none before LibreOffice has read it all)."""
    fmt = fmt or detect_kind(data)
    module, _, function = READERS[fmt].partition(":")
    reader = getattr(importlib.import_module(module), function)
    doc: Document = reader(data, max_pages=max_pages) if fmt == "pdf" else reader(data)
    doc = limit_nesting(doc)  # later stages recurse: no reader hands on deeper nesting than this
    return clean_document(doc)  # no escape sequence or control character gets past a reader


# What each reader imports when it runs: loaded once before conversions fork, so every child
# process starts with it (see isolate.py), rather than each paying for the import.
PRELOAD = {
    "docx": ("wres_convert.readers.docx",),
    "pdf": ("wres_convert.readers.pdf", "pypdfium2_raw"),
    "text": (  # what the text reader's read() imports when it runs
        "wres_convert.readers.text.build",
        "wres_convert.readers.text.decode",
        "wres_convert.readers.text.markdown",
    ),
}


def guess_format(head: bytes) -> str:
    """A cheap guess from a file's first bytes, only to decide what to preload: "docx", "pdf" or
    "text". The sniffer's own answer without opening containers; a legacy file ends in the DOCX
    reader, and a file the sniffer refuses preloads no more than text does."""
    try:
        kind = detect_kind(head, look_inside=False)
    except ConversionError:
        return "text"
    return "docx" if kind in LEGACY else kind


def preload(formats: set[str]) -> None:
    for fmt in sorted(formats):
        for module in PRELOAD.get(fmt, ()):
            importlib.import_module(module)
