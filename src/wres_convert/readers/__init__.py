"""Reader registry: pick a reader by the file's content, import its library only when it runs.

Each reader module exposes ``read(data: bytes) -> Document``. ``--help`` and text conversions never
import python-docx or pdfplumber.
"""

from __future__ import annotations

import importlib

from wres_convert.model import Document
from wres_convert.readers.clean import clean_document
from wres_convert.readers.nesting import limit_nesting
from wres_convert.readers.sniff import detect_format

READERS = {
    "docx": "wres_convert.readers.docx",
    "pdf": "wres_convert.readers.pdf",
    "text": "wres_convert.readers.text",
}


def read_document(
    data: bytes, name: str, fmt: str | None = None, *, max_pages: int | None = None
) -> Document:
    """Read ``data`` (the bytes of the file called ``name``) into the document model.
    ``max_pages``: refuse a PDF with more pages (only the PDF reader has pages to count)."""
    fmt = fmt or detect_format(data, name)
    module = importlib.import_module(READERS[fmt])
    doc: Document = module.read(data, max_pages=max_pages) if fmt == "pdf" else module.read(data)
    doc = limit_nesting(doc)  # later stages recurse: no reader hands on deeper nesting than this
    return clean_document(doc)  # no escape sequence or control character gets past a reader


# What each reader imports when it runs: loaded once before conversions fork, so every child
# process starts with it (see isolate.py), rather than each paying for the import.
PRELOAD = {
    "docx": ("wres_convert.readers.docx",),
    "pdf": ("wres_convert.readers.pdf", "pypdfium2_raw"),
    "text": ("wres_convert.readers.text",),
}


def guess_format(head: bytes) -> str:
    """A cheap guess from a file's first bytes, only to decide what to preload."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return "docx" if head[:4] == b"PK\x03\x04" else "text"


def preload(formats: set[str]) -> None:
    for fmt in sorted(formats):
        for module in PRELOAD.get(fmt, ()):
            importlib.import_module(module)
