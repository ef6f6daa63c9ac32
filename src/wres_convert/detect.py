"""Tell a file's format from its first bytes, not its name: a PDF named .docx is still a PDF."""

from __future__ import annotations

import io
import zipfile

from wres_convert.errors import ConversionError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ConversionError(
            "corrupt-docx",
            "the file looks like a Word document or zip archive but is damaged or incomplete",
            "open it in Word and save it again as .docx",
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise ConversionError(
            "odt",
            "this is an OpenDocument (.odt) file, not a Word .docx",
            "save it as .docx and convert that",
        )
    raise ConversionError("not-docx", "this zip archive is not a Word document", "send the .docx file itself")


def detect_format(data: bytes, name: str = "") -> str:
    """Return "docx", "pdf" or "text", or raise ``ConversionError`` saying what the file is instead."""
    head = data[:2048]
    if not data.strip():
        raise ConversionError(
            "empty", "the file is empty", "check that the file was saved or copied completely"
        )
    if head.lstrip(b"\r\n\t \x00")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return _zip_kind(data)
    if head[:8] == OLE_MAGIC:
        raise ConversionError(
            "ole",
            "this is a legacy Word .doc file or a password-protected document",
            "remove any password, then save it as .docx in Word",
        )
    if head[:5] == b"{\\rtf":
        raise ConversionError(
            "rtf", "this is a Rich Text (.rtf) file, not a .docx", "save it as .docx in Word"
        )
    if _looks_binary(head):
        raise ConversionError(
            "binary",
            "this is not a Word, PDF or text file",
            "send the returned template as .docx, .pdf or .txt",
        )
    return "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # a byte-order mark: UTF-16 or UTF-8 text
    from wres_convert.readers.text_decode import utf16_without_bom

    if utf16_without_bom(head[: len(head) - len(head) % 2]):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(2, len(head) // 50)
