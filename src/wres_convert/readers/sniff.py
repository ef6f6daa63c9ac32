"""Tell a file's format from its first bytes, not its name: a PDF named .docx is still a PDF.

``detect_kind`` is the one sniffer: it names what the bytes are, one of ``FORMATS`` (each has a
reader in the registry, the legacy ones through LibreOffice), or raises a ``ConversionError``
saying what the file is instead and what to do about it.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from wres_convert.errors import ConversionError
from wres_convert.text import patterns

if TYPE_CHECKING:
    import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"  # a zip's first local file header: a .docx, .odt, or any other zip
LEGACY = ("doc", "rtf", "odt")  # converted to .docx with LibreOffice when it is installed
FORMATS = ("docx", "pdf", "text", "html", "email", "msg", *LEGACY)

# (code, what the file is, what to do), for the legacy kinds when they cannot be converted here.
LEGACY_ERRORS = {
    "doc": ("legacy-doc", "this is an old Word .doc file", "open it in Word and save it as .docx"),
    "rtf": ("legacy-rtf", "this is a Rich Text (.rtf) file", "open it in Word and save it as .docx"),
    "odt": (
        "odt",
        "this is an OpenDocument (.odt) file",
        "open it in Word or LibreOffice and save it as .docx",
    ),
}
SEND = "send the filled-in template as .docx, .pdf or .txt"

# Leading bytes of files people attach by mistake: name them, so the fix is obvious.
MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "an image (JPEG)"),
    (b"\x89PNG\r\n\x1a\n", 0, "an image (PNG)"),
    (b"II*\x00", 0, "an image (TIFF)"),
    (b"MM\x00*", 0, "an image (TIFF)"),
    (b"ftypheic", 4, "an image (HEIC)"),
    (b"ftypmif1", 4, "an image (HEIF)"),
    (b"\x1f\x8b", 0, "a compressed .gz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x7fELF", 0, "a program"),
)

# Other zip-based Office and OpenDocument files: the part that gives each one away.
ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
)
ODF_TEXT = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")


def legacy_error(kind: str, *, soffice: str = "absent") -> ConversionError:
    """The error for a .doc/.rtf/.odt that is not converted here. ``soffice`` is "absent" (then the
    hint offers installing LibreOffice) or "disabled" (switched off on purpose: no such hint)."""
    code, what, hint = LEGACY_ERRORS[kind]
    if soffice == "absent":
        hint += "; or install LibreOffice and run again to convert it automatically"
    return ConversionError(code, what, hint)


def detect_kind(data: bytes, *, look_inside: bool = True) -> str:
    """One of ``FORMATS``, or a ``ConversionError`` naming what the file is instead.

    ``look_inside=False``: a cheap guess from the first bytes alone, for deciding what to preload;
    a zip is taken for a .docx and an OLE file for a .doc without opening them."""
    head = data[:2048]
    if not data.strip():
        raise ConversionError(
            "empty", "the file is empty", "check that the file was saved or copied completely"
        )
    if head.lstrip(b"\r\n\t \x00")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == ZIP_MAGIC:
        return _zip_kind(data) if look_inside else "docx"
    if head[:8] == OLE_MAGIC:
        return _ole_kind(data) if look_inside else "doc"
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ")[:5] == b"{\\rtf":
        return "rtf"
    for magic, offset, what in MAGIC:
        if head[offset : offset + len(magic)] == magic:
            raise ConversionError("not-a-document", f"this is {what}, not a returned template", SEND)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise ConversionError("not-a-document", "this is an image (WebP), not a returned template", SEND)
    if _looks_binary(head):
        if head[:4] == b"GIF8":
            raise ConversionError("not-a-document", "this is an image (GIF), not a returned template", SEND)
        if head[:2] == b"MZ":
            raise ConversionError(
                "not-a-document", "this is a Windows program, not a returned template", SEND
            )
        raise ConversionError("binary", "this is not a Word, PDF or text file", SEND)
    if _mime_headers(head):
        return "email"
    return "html" if _html_page(head) else "text"


# A web page starts, after a byte-order mark, white space and comments, with its doctype, an XML
# declaration before <html>, or <html>/<head>/<body>/<meta> itself. Text that merely holds a pasted
# fragment ("<p>Our answer</p>") is a text return: the text reader reads its fragments.
_PAGE_START = patterns.compile(
    rb"(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def _html_page(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Word's "Unicode" web pages are
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    return _PAGE_START.match(head.lstrip(BOM + b" \t\r\n")) is not None


# A saved e-mail starts with its headers: "Name: value" lines up to a blank line, among them the
# ones every message has. Text that merely starts "From: …" (a pasted reply) has no MIME-Version.
_HEADER = patterns.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:")
_MIME = (b"mime-version:", b"content-type:")
BOM = b"\xef\xbb\xbf"


def _mime_headers(head: bytes) -> bool:
    lines = head.lstrip(BOM + b"\r\n").replace(b"\r\n", b"\n").split(b"\n")
    seen: set[bytes] = set()
    for line in lines[:60]:
        if not line.strip():
            break  # the end of the headers
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header goes on
        if not _HEADER.match(line):
            return False
        seen.add(line.split(b":", 1)[0].lower() + b":")
    return all(h in seen for h in _MIME) or (b"mime-version:" in seen and b"from:" in seen)


def _zip_kind(data: bytes) -> str:
    import zipfile  # only zip files pay for it (with shutil, bz2, lzma): not text, PDF or e-mail

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise ConversionError(
            "corrupt-docx",
            "the file looks like a Word document or zip archive but is damaged or incomplete",
            "open it in Word and save it again as .docx",
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    # OpenDocument's first member is "mimetype", stored uncompressed: a few dozen bytes.
    mimetype = _small_member(archive, "mimetype", 1024).strip()
    if mimetype in ODF_TEXT or (not mimetype and "content.xml" in names):
        return "odt"
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        raise ConversionError(
            "not-docx", "this is an OpenDocument file but not a text document", "send the .docx file itself"
        )
    for part, what in ZIP_KINDS:
        if part in names:
            raise ConversionError("not-docx", f"this is {what}, not a Word document", SEND)
    if b"wordprocessingml" in _small_member(archive, "[Content_Types].xml"):
        return "docx"  # a Word package whose main part is not word/document.xml: the reader follows its rels
    raise ConversionError("not-docx", "this zip archive is not a Word document", "send the .docx file itself")


def _small_member(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bytes:
    """A small member's bytes, or b"" when it is missing, too big or unreadable."""
    import zipfile
    import zlib

    try:
        info = archive.getinfo(name)
        return archive.read(info) if info.file_size <= limit else b""
    except (  # zlib.error: damaged deflate data, which zipfile does not wrap in its own error
        KeyError,
        zipfile.BadZipFile,
        zlib.error,
        ValueError,
        OSError,
        RuntimeError,
        NotImplementedError,
        EOFError,
    ):
        return b""


def _ole_kind(data: bytes) -> str:
    """An OLE compound file (old Office format): list its streams to say which kind. ``olefile`` is
    imported only here, so other files never pay for it."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError or its own errors for damaged input
        raise ConversionError(
            "corrupt-ole",
            "the file looks like an old Office document but is damaged or incomplete",
            "open it in Word and save it again as .docx",
        ) from exc
    try:
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
        if "EncryptedPackage" in streams:  # a password-protected .docx is wrapped in OLE
            raise ConversionError(
                "encrypted-docx",
                "the Word document is password-protected",
                "remove the password (File > Info > Protect Document) and save it again",
            )
        if "WordDocument" in streams:
            if _doc_encrypted(ole):
                raise ConversionError(
                    "encrypted-doc",
                    "the old Word .doc file is password-protected",
                    "open it in Word, remove the password (File > Info > Protect Document) and save it as .docx",
                )
            return "doc"
        if any(s.startswith("__substg1.0_") for s in streams):
            return "msg"  # an Outlook message: its attachment or its body is the return
        what = (
            "an old Excel .xls workbook"
            if "Workbook" in streams or "Book" in streams
            else "an old PowerPoint .ppt file"
            if "PowerPoint Document" in streams
            else "an old Office file but not a Word document"
        )
        raise ConversionError("not-a-document", f"this is {what}", SEND)
    finally:
        ole.close()


def _doc_encrypted(ole: object) -> bool:
    """The fEncrypted bit (0x0100) of the Word binary file's FibBase flags, at offset 10."""
    try:
        head = ole.openstream("WordDocument").read(12)  # type: ignore[attr-defined]
    except Exception:  # a damaged stream: let LibreOffice have its say
        return False
    return len(head) == 12 and bool(int.from_bytes(head[10:12], "little") & 0x0100)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # a byte-order mark: UTF-16 or UTF-8 text
    from wres_convert.readers.text.decode import utf16_without_bom

    if utf16_without_bom(head[: len(head) - len(head) % 2]):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(2, len(head) // 50)


# The most pixels any picture is decoded at, whichever stage decodes it (the PDF reader, the case
# study's re-encoding): 5000 × 5000, far above any chart or photo on a web page, far below a bomb.
MAX_PIXELS = 25_000_000


def image_type(data: bytes) -> str:
    """An image's media type from its first bytes ("" when unknown). Readers give a Picture this,
    never the type its file name or a content-type part claims: a .png may hold anything."""
    head = data[:512]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"\x01\x00\x00\x00") and head[40:44] == b" EMF":
        return "image/emf"
    if head.startswith((b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")):
        return "image/wmf"  # placeable, or a bare metafile header (in memory, on disk)
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith(b"BM"):
        return "image/bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return ""
