"""A saved e-mail (.eml, or MIME text under any name) as a ``Mail``, with Python's own ``email``
package and its default policy: transfer encodings (quoted-printable, base64) and charsets decoded.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from wres_convert.errors import ConversionError
from wres_convert.readers.mail.message import MAX_ATTACHMENTS, MAX_DEPTH, Attachment, Mail, Sender


def unreadable(exc: Exception, what: str = "e-mail") -> ConversionError:
    return ConversionError(
        "unreadable-email",
        f"the {what} could not be read ({type(exc).__name__})",
        "save the message again, or send its attachment",
    )


def parse(data: bytes) -> Mail:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the reader contract: no library exception reaches the user
        raise unreadable(exc) from exc
    if not isinstance(message, EmailMessage):
        raise unreadable(TypeError("not a message"))
    return _mail(message, MAX_DEPTH)


def _mail(message: EmailMessage, depth: int) -> Mail:
    """The message; the messages attached to it ``depth`` levels down, no further."""
    attachments: list[Attachment] = []
    messages: list[Mail] = []
    unread = 0
    for i, part in enumerate(message.iter_attachments()):
        if i >= MAX_ATTACHMENTS:
            unread += 1
            continue
        if part.get_content_type() == "message/rfc822":  # a message forwarded as an attachment
            inner = _content(part)
            if depth > 0 and isinstance(inner, EmailMessage):
                messages.append(_mail(inner, depth - 1))
            else:
                unread += 1
            continue
        payload = _payload(part)
        if payload:
            attachments.append(Attachment(part.get_filename() or "", payload))
    return Mail(
        _header(message, "subject"),
        _body(message, "html"),
        _body(message, "plain"),
        tuple(attachments),
        tuple(messages),
        tuple(_inline(message)),
        _sender(message),
        unread,
    )


MAX_HEADER = 2000  # characters of a header read: a subject or a sender, not a 4 MB header bomb


def _header(message: EmailMessage, name: str) -> str:
    """A header's text, RFC 2047 words decoded, from its raw value (the email package's own
    header parsing takes seconds on a crafted megabyte-long header)."""
    from email.header import decode_header, make_header

    raw = next((str(v) for k, v in message.raw_items() if k.lower() == name), "")[:MAX_HEADER]
    try:
        return str(make_header(decode_header(raw))).strip()
    except Exception:  # a damaged encoded word: the raw text is still the best there is
        return raw.strip()


def _sender(message: EmailMessage) -> Sender:
    from email.utils import parseaddr

    name, address = parseaddr(_header(message, "from"))
    return Sender(name.strip(), address.strip() if "@" in address else "")


def _inline(message: EmailMessage) -> list[Attachment]:
    """The pictures the HTML body shows by content id (Outlook's and Apple Mail's pasted pictures)
    or by address (Word's "Single File Web Page", .mht)."""
    found = []
    for part in message.walk():
        cid = str(part.get("content-id", "") or "")
        location = str(part.get("content-location", "") or "")
        if not (cid or location) or part.get_content_maintype() != "image" or len(found) == MAX_ATTACHMENTS:
            continue
        payload = _payload(part)
        if payload:
            found.append(Attachment(part.get_filename() or "", payload, cid, location))
    return found


def _payload(part: EmailMessage) -> bytes:
    """A part's bytes, transfer encoding undone; b"" when there are none or they cannot be had."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # a damaged part is no attachment: the message's other parts still count
        return b""
    return payload if isinstance(payload, bytes) else b""


def _content(part: EmailMessage) -> object:
    try:
        return part.get_content()
    except Exception:
        return None


def _body(message: EmailMessage, subtype: str) -> str | None:
    try:
        part = message.get_body(preferencelist=(subtype,))
    except Exception:
        return None
    if part is None:
        return None
    text = _content(part)
    if isinstance(text, str):
        return text
    # A charset Python does not know: decode the bytes as a text return is decoded.
    payload = _payload(part)
    if not payload:
        return None
    from wres_convert.readers.text.decode import decode_text

    return decode_text(payload)[0]
