"""Reader registry: pick a reader by the file's content, import its library only when it runs.

Each reader module exposes ``read(data: bytes) -> Document``. ``--help`` and text conversions never
import python-docx or pdfplumber.
"""

from __future__ import annotations

import importlib

from wres_convert.detect import detect_format
from wres_convert.model import Document

READERS = {
    "docx": "wres_convert.readers.docx",
    "pdf": "wres_convert.readers.pdf",
    "text": "wres_convert.readers.text",
}


def read_document(data: bytes, name: str, fmt: str | None = None) -> Document:
    """Read ``data`` (the bytes of the file called ``name``) into the document model."""
    fmt = fmt or detect_format(data, name)
    module = importlib.import_module(READERS[fmt])
    return module.read(data)
