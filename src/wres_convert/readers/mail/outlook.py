"""Outlook's saved messages (.msg, MS-OXMSG): an OLE compound file whose properties are streams
named ``__substg1.0_<id><type>``, with a storage per recipient and per attachment.

Read here: the subject, the sender (PR_SENDER_*, else PR_SENT_REPRESENTING_*), the plain-text
body (PR_BODY), the HTML body (PR_HTML), every attachment that has bytes (PR_ATTACH_DATA_BIN),
and an attached message (attach method 5, an embedded message storage) as a nested ``Mail``, up
to ``MAX_DEPTH`` levels deep. Strings are UTF-16 (type 001F) or 8-bit (001E) in the message's
code page; an HTML body's charset is read as the web-page reader reads one (text/decode.py).

Not read: the compressed RTF body (PR_RTF_COMPRESSED). A message that has only that body, as
some Outlook rich-text messages do, comes back with neither ``html`` nor ``text``; its
attachments are still read. Attachments by reference and OLE objects carry no bytes and are
left out.
"""

from __future__ import annotations

import io
import struct

import olefile

from wres_convert.errors import ConversionError
from wres_convert.readers.mail.message import MAX_ATTACHMENTS, MAX_DEPTH, Attachment, Mail, Sender
from wres_convert.readers.text.decode import meta_charset, text_codec

MAX_STREAM = 50 * 1024 * 1024  # a bigger stream is ignored: no return is that large

PT_STRING8, PT_UNICODE, PT_BINARY = 0x001E, 0x001F, 0x0102
SUBJECT, BODY, HTML = 0x0037, 0x1000, 0x1013
DISPLAY_NAME, ATTACH_DATA, ATTACH_FILENAME = 0x3001, 0x3701, 0x3704
ATTACH_METHOD, ATTACH_LONG_FILENAME = 0x3705, 0x3707
ATTACH_CONTENT_ID = 0x3712  # how the HTML body shows the attachment in place (cid:)
INTERNET_CPID, MESSAGE_CODEPAGE = 0x3FDE, 0x3FFD
# Who sent it: the sender's name and address, Exchange's SMTP address beside its X.500 one; else
# whom it was sent on behalf of ("sent representing"), with theirs.
SENDER = (0x0C1A, 0x0C1F, 0x5D01)
SENT_REPRESENTING = (0x0042, 0x0065, 0x5D02)
PROPERTIES = "__properties_version1.0"
ATTACHMENT_PREFIX = "__attach_version1.0_#"
EMBEDDED = f"__substg1.0_{ATTACH_DATA:04X}000D"
ATTACH_EMBEDDED_MSG = 5

# Header sizes of the property stream before its 16-byte entries (MS-OXMSG 2.4.1).
TOP_HEADER, EMBEDDED_HEADER, ATTACHMENT_HEADER = 32, 24, 8

# Windows code pages whose Python codec is not simply "cp<number>".
CODE_PAGES = {
    65001: "utf-8",
    65000: "utf-7",
    1200: "utf-16-le",
    1201: "utf-16-be",
    20127: "ascii",
    20866: "koi8-r",
    21866: "koi8-u",
    28591: "latin-1",
    50220: "iso-2022-jp",
    50221: "iso-2022-jp",
    50222: "iso-2022-jp",
    51932: "euc-jp",
    51949: "euc-kr",
    52936: "hz",
    54936: "gb18030",
    936: "gbk",
    10000: "mac-roman",
    **{28590 + n: f"iso-8859-{n}" for n in range(2, 16) if n not in (10, 11, 12, 14)},
}

OlePath = list[str]  # a stream or storage, as olefile names it


def parse(data: bytes) -> Mail:
    """The message in a .msg file's bytes. Raises ConversionError("unreadable-email") when the
    bytes are not a compound file or a part of it cannot be read."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            # olefile skips what it cannot parse (a damaged directory reads as empty): a message
            # always has its property stream, so without it this is no message, or not one now.
            if ole.get_type(PROPERTIES) != olefile.STGTY_STREAM:
                raise _unreadable("no message properties")
            return _Reader(ole).message([], TOP_HEADER, MAX_DEPTH)
    except ConversionError:
        raise
    except Exception as exc:  # olefile raises OSError, its own errors, struct.error, IndexError …
        raise _unreadable(type(exc).__name__) from exc


def _unreadable(reason: str) -> ConversionError:
    return ConversionError(
        "unreadable-email",
        f"the Outlook message could not be read ({reason})",
        "save the message again, or send its attachment",
    )


def codec(code_page: int | None) -> str | None:
    """The Python codec of a Windows code page, or None when Python has none."""
    return None if code_page is None else text_codec(CODE_PAGES.get(code_page, f"cp{code_page}"))


class _Reader:
    def __init__(self, ole: olefile.OleFileIO) -> None:
        self.ole = ole
        # Every path in the file once, joined with "/", to find attachment storages without
        # walking the directory again for each message.
        self.storages = ["/".join(p) for p in ole.listdir(streams=False, storages=True)]

    def stream(self, path: OlePath) -> bytes | None:
        """A stream's bytes; None when it is missing, not a stream, or too big to be a return."""
        if self.ole.get_type(path) != olefile.STGTY_STREAM or self.ole.get_size(path) > MAX_STREAM:
            return None
        return self.ole.openstream(path).read()

    def integers(self, base: OlePath, header: int) -> dict[int, int]:
        """The fixed-size properties of a storage by property id, read as 32-bit integers (enough
        for the code pages and the attach method)."""
        data = self.stream([*base, PROPERTIES]) or b""
        values: dict[int, int] = {}
        for start in range(header, len(data) - 15, 16):
            tag, _flags, value = struct.unpack_from("<III", data, start)
            if tag & 0xFFFF == 0x0003:  # PtypInteger32
                values[tag >> 16] = value
            elif tag & 0xFFFF == 0x0002:  # PtypInteger16: the rest of the 8 bytes is padding
                values[tag >> 16] = value & 0xFFFF
        return values

    def string(self, base: OlePath, prop: int, ansi: str) -> str | None:
        """A string property, Unicode if stored so, else 8-bit in ``ansi``."""
        unicode = self.stream([*base, f"__substg1.0_{prop:04X}{PT_UNICODE:04X}"])
        if unicode is not None:
            return unicode.decode("utf-16-le", "replace").rstrip("\0")
        eight_bit = self.stream([*base, f"__substg1.0_{prop:04X}{PT_STRING8:04X}"])
        if eight_bit is not None:
            return eight_bit.decode(ansi, "replace").rstrip("\0")
        return None

    def html(self, base: OlePath, ansi: str, internet: str | None) -> str | None:
        """PR_HTML: usually bytes, in the Internet code page, else its own ``<meta charset>``."""
        data = self.stream([*base, f"__substg1.0_{HTML:04X}{PT_BINARY:04X}"])
        if data is None:
            return self.string(base, HTML, ansi)
        data = data.rstrip(b"\0")
        name = internet or meta_charset(data)
        if name:
            return data.decode(name, "replace")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")

    def sender(self, base: OlePath, ansi: str) -> Sender:
        """The sender's name and address, each else the one it was sent on behalf of. Exchange
        gives its own X.500 address ("/O=…/CN=…") for a colleague: their SMTP one is preferred."""
        found = []
        for name_prop, address_prop, smtp_prop in (SENDER, SENT_REPRESENTING):
            name = (self.string(base, name_prop, ansi) or "").strip()
            address = (self.string(base, address_prop, ansi) or "").strip()
            if address.startswith("/"):
                address = (self.string(base, smtp_prop, ansi) or "").strip() or address
            found.append((name, address))
        (name, address), (their_name, their_address) = found
        return Sender(name or their_name, address or their_address)

    def message(self, base: OlePath, header: int, depth: int) -> Mail:
        """The message stored at ``base`` (the root, or an embedded message's storage); attached
        messages are read ``depth`` levels down, no further."""
        pages = self.integers(base, header)
        internet = codec(pages.get(INTERNET_CPID))
        ansi = codec(pages.get(MESSAGE_CODEPAGE)) or internet or "cp1252"
        attachments: list[Attachment] = []
        messages: list[Mail] = []
        storages = self.attachment_storages(base)
        unread = max(0, len(storages) - MAX_ATTACHMENTS)  # named in a warning, never read
        for storage in storages[:MAX_ATTACHMENTS]:
            path = [*base, storage]
            method = self.integers(path, ATTACHMENT_HEADER).get(ATTACH_METHOD)
            if self.ole.get_type([*path, EMBEDDED]) == olefile.STGTY_STORAGE:
                # Method 6 (an OLE object) also keeps a storage here; only 5 is a message.
                if depth > 0 and method in (ATTACH_EMBEDDED_MSG, None):
                    messages.append(self.message([*path, EMBEDDED], EMBEDDED_HEADER, depth - 1))
                elif method in (ATTACH_EMBEDDED_MSG, None):
                    unread += 1  # a forward past the depth limit
                continue
            data = self.stream([*path, f"__substg1.0_{ATTACH_DATA:04X}{PT_BINARY:04X}"])
            if data is not None:
                cid = self.string(path, ATTACH_CONTENT_ID, ansi) or ""
                attachments.append(Attachment(self.attachment_name(path, ansi), data, cid))
        return Mail(
            subject=self.string(base, SUBJECT, ansi) or "",
            html=self.html(base, ansi, internet),
            text=self.string(base, BODY, ansi),
            attachments=tuple(attachments),
            messages=tuple(messages),
            sender=self.sender(base, ansi),
            unread=unread,
        )

    def attachment_name(self, path: OlePath, ansi: str) -> str:
        for prop in (ATTACH_LONG_FILENAME, ATTACH_FILENAME, DISPLAY_NAME):
            name = self.string(path, prop, ansi)
            if name:
                return name
        return ""

    def attachment_storages(self, base: OlePath) -> list[str]:
        """The names of ``base``'s attachment storages, in attachment-number order."""
        prefix = "/".join(base) + "/" if base else ""
        found: list[tuple[int, str]] = []
        for path in self.storages:
            rest = path[len(prefix) :]
            # Compound-file names compare case-blind; Outlook writes these in this case.
            if path.startswith(prefix) and rest.lower().startswith(ATTACHMENT_PREFIX) and "/" not in rest:
                number = rest[len(ATTACHMENT_PREFIX) :]
                found.append((int(number, 16) if _is_hex(number) else 1 << 32, rest))
        return [name for _, name in sorted(found)]


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)
