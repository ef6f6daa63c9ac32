"""Bytes of a returned text file to a string: BOM, then UTF-8, then charset-normalizer.

Returns come from Notepad (UTF-8, with or without a BOM, or UTF-16 "Unicode"), from Word's
"Plain text" export (Windows-1252 on UK machines) and from e-mail clients. We never guess an
encoding ourselves beyond a byte-order mark and a strict UTF-8 attempt; anything else is
charset-normalizer's call, imported only when it is needed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from wres_convert.errors import ConversionError
from wres_convert.model import Message
from wres_convert.text import patterns

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# UK Windows' own legacy code page: preferred when charset-normalizer finds it as plausible as its
# top pick (on short texts it cannot tell "£" in Windows-1252 from "Ł" in Windows-1250).
PREFERRED_LEGACY = "cp1252"
# Without a byte-order mark and without NUL bytes a file is not UTF-16/32 (Notepad and Word always
# write the mark), however plausible charset-normalizer finds it on a short text.
NOT_WITHOUT_BOM = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# A web page's or an HTML message body's own <meta charset>, among its first bytes.
META_CHARSET = patterns.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
META_SPAN = 4096
# Python's own text codecs that no page means: a declaration naming them is no charset.
PYTHON_ONLY = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# What a browser reads a page declared so as (the WHATWG encoding labels): Windows-1252.
AS_BROWSERS_READ = {"ascii": "cp1252", "iso8859-1": "cp1252"}
HINT = "save the file as UTF-8 text (Notepad: File > Save as > Encoding: UTF-8), or send the .docx"


@lru_cache(maxsize=64)
def text_codec(name: str) -> str | None:
    """Python's name for a text encoding; None when it knows none by that name, or when it is a
    bytes-to-bytes codec ("base64", "zlib", "rot13") that a hostile declaration could name."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


@lru_cache(maxsize=64)
def declared_codec(name: str) -> str | None:
    """The text encoding a page or message declares (``<meta charset>``), as a browser takes it:
    one that reads ASCII as ASCII, since the declaration was itself read as ASCII. So a
    UTF-16/32 or UTF-7 declaration on a page whose bytes are ASCII-compatible is ignored (only a
    byte-order mark says UTF-16), as are EBCDIC and Python's own codecs; "ISO-8859-1" and
    "US-ASCII" are Windows-1252, as browsers read them. None: decode as if nothing were declared."""
    found = text_codec(name)
    if found is None or found in PYTHON_ONLY:
        return None
    try:
        if _ASCII_PROBE.decode(found) != _ASCII_PROBE.decode("ascii"):
            return None
    except (UnicodeError, LookupError):
        return None
    return AS_BROWSERS_READ.get(found, found)


def meta_charset(data: bytes) -> str | None:
    """The codec a page's own ``<meta charset>`` (or ``http-equiv`` content type) declares among
    its first bytes, when it is one to decode with (``declared_codec``)."""
    m = META_CHARSET.search(data[:META_SPAN])
    return declared_codec(m.group(1).decode("ascii")) if m else None


def _undecodable(why: str) -> ConversionError:
    return ConversionError("undecodable", f"the text file cannot be read: {why}", HINT)


def _from_bom(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                if encoding.startswith("utf-32"):
                    continue  # FF FE 00 00 may be UTF-16-LE text starting with U+0000: try that
                raise _undecodable(
                    f"it starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
                ) from exc
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes have UTF-16's unmistakable shape without its
    mark: mostly-Latin text leaves a NUL in every other byte, on one side only."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _detect_legacy(data: bytes) -> tuple[str, str]:
    """Decode with charset-normalizer (lazily imported: UTF-8 files never load it)."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_exclusion=NOT_WITHOUT_BOM)
    best = matches.best()
    if best is None or not len(matches):
        raise _undecodable("its character encoding could not be recognised")
    least_chaos = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= least_chaos and PREFERRED_LEGACY in match.could_be_from_charset:
            try:
                return data.decode(PREFERRED_LEGACY), PREFERRED_LEGACY
            except UnicodeDecodeError:
                break
    return str(best), best.encoding


def decode_text(data: bytes) -> tuple[str, list[Message]]:
    """The text of ``data`` and any warnings; ``ConversionError("undecodable")`` when it is not text."""
    warnings: list[Message] = []
    text = _from_bom(data)
    if text is None:
        utf16 = utf16_without_bom(data) if b"\x00" in data else None
        if utf16:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError as exc:
                raise _undecodable(
                    f"it looks like {utf16.upper()} without a byte-order mark but is not"
                ) from exc
            warnings.append(
                Message("text-encoding", f"the text was read as {utf16.upper()} without a byte-order mark")
            )
        elif b"\x00" in data:
            raise _undecodable("it contains NUL bytes, so it is probably not a text file")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _detect_legacy(data)
            warnings.append(
                Message(
                    "text-encoding",
                    f"the text is not UTF-8; it was read as {encoding}: check that £, quotes, dashes and "
                    "accented letters came through correctly",
                )
            )
    text = text.rstrip("\x1a")  # the old DOS end-of-file mark
    if "\x00" in text:
        raise _undecodable("it contains NUL characters")
    controls = sum(1 for ch in text if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls > max(2, len(text) // 100):
        raise _undecodable("it holds control characters, so it is probably not a text file")
    if "\ufffd" in text:
        warnings.append(
            Message(
                "replacement-characters",
                "the text contains \ufffd replacement characters: some letters were lost before the file "
                "was sent; check the original",
            )
        )
    return text, warnings
