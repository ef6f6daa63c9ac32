"""A saved e-mail (.eml, or MIME text under any name) to the document model, with Python's own
``email`` package and its default policy: transfer encodings and charsets decoded.

An attached return (DOCX, PDF, ODT, DOC, RTF) is the return: it is read by its own reader. With no
attachment, the body is: the HTML part when there is one (it keeps lists, bold and tables), else
the plain text, both through the text reader, which drops quoted earlier messages and signatures.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from wres_convert.errors import EXIT_NOT_SUBMISSION, ConversionError
from wres_convert.model import Document, Message

RETURN_KINDS = ("docx", "pdf", "odt", "doc", "rtf")  # an attachment of one of these is the return
MAX_ATTACHMENTS = 50  # parts looked at: a message is not an archive


def read(data: bytes) -> Document:
    """Read the bytes of a saved e-mail into a ``Document``."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the reader contract: no library exception reaches the user
        raise _unreadable(exc) from exc
    if not isinstance(message, EmailMessage):
        raise _unreadable(TypeError("not a message"))
    attached = _attached_returns(message)
    if attached:
        return _read_attachment(attached)
    return _read_body(message)


def _unreadable(exc: Exception) -> ConversionError:
    return ConversionError(
        "unreadable-email",
        f"the e-mail could not be read ({type(exc).__name__})",
        "save the message again, or send its attachment",
    )


def _attached_returns(message: EmailMessage) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, kind) of each attachment whose bytes are a return's format."""
    from wres_convert.readers.sniff import detect_kind

    found = []
    for i, part in enumerate(message.iter_attachments()):
        if i == MAX_ATTACHMENTS:
            break
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            continue
        if not isinstance(payload, bytes) or not payload:
            continue
        try:
            kind = detect_kind(payload)
        except ConversionError:
            continue  # a picture, a signature logo, a calendar invitation
        if kind in RETURN_KINDS:
            found.append((part.get_filename() or f"attachment-{i + 1}", payload, kind))
    return found


def _read_attachment(attached: list[tuple[str, bytes, str]]) -> Document:
    from wres_convert.readers import read_document

    name, payload, kind = attached[0]
    doc = read_document(payload, name, kind)
    said = [Message("email-attachment", f"the return attached to the e-mail ({kind}) was converted")]
    if len(attached) > 1:
        others = ", ".join(repr(n) for n, _, _ in attached[1:])
        said.append(
            Message(
                "email-attachments",
                f"the e-mail holds {len(attached)} attached returns: only the first was converted; "
                f"save {others} and convert them too",
            )
        )
    return Document(doc.blocks, doc.format, (*doc.warnings, *said), doc.furniture, doc.figures)


def _read_body(message: EmailMessage) -> Document:
    from wres_convert.readers.text import read as read_text

    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise ConversionError(
            "not-a-submission",
            "no return in this message: no attachment and no text",
            "send the return itself, or the message it came in",
            exit_code=EXIT_NOT_SUBMISSION,
        )
    try:
        text = body.get_content()
    except Exception as exc:  # a charset Python does not know: read the bytes as the text reader would
        payload = body.get_payload(decode=True)
        if not isinstance(payload, bytes):
            raise _unreadable(exc) from exc
        return read_text(payload)
    doc = read_text(text.encode("utf-8"))
    return Document(doc.blocks, "text", doc.warnings, doc.furniture, doc.figures)
