"""E-mails as returns: a saved message (.eml, or MIME text under any name) or Outlook's .msg.

Each format's reader (mime.py, outlook.py) gives a ``Mail``; this module decides what in it is
the return. Attached returns come first: each attached DOCX, PDF, ODT, DOC, RTF, text file or web
page, and those of the messages attached to it (a forward of a forward: ``MAX_DEPTH`` levels), is
a return of its own, read by its own reader (``returns``; the run names each one's page
MESSAGE--ATTACHMENT). With none, the body is the return: the richer of its HTML and plain parts,
with the messages attached to it read after it (a forward), and the earlier messages quoted under
a reply left out (replies.py).
"""

from __future__ import annotations

from wres_convert.errors import EXIT_NOT_SUBMISSION, ConversionError
from wres_convert.model import Block, Document, Message, Paragraph, leaves, value
from wres_convert.readers.mail.message import MAX_ATTACHMENTS, MAX_DEPTH, Mail
from wres_convert.values import replace

# An attachment of one of these is a return; text and web pages only when named so (a .vcf
# card or an .ics invitation is text too).
FILE_KINDS = ("docx", "pdf", "odt", "doc", "rtf")
NAMED_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".htm": "html", ".html": "html",
}  # fmt: skip
NO_RETURN = "no return in this message"


@value
class Part:
    """An attached return: its name as sent, its bytes, its format."""

    name: str
    data: bytes
    kind: str
    sender: tuple[str, ...] = ()  # who sent the message it came in: private like the submitter


def read(data: bytes) -> Document:
    """A saved e-mail: its first attached return, else its body."""
    from wres_convert.readers.mail.mime import parse

    return read_mail(parse(data))


def read_msg(data: bytes) -> Document:
    """An Outlook .msg: its first attached return, else its body."""
    from wres_convert.readers.mail.outlook import parse

    return read_mail(parse(data))


def parse_mail(data: bytes, kind: str) -> Mail:
    if kind == "msg":
        from wres_convert.readers.mail.outlook import parse
    else:
        from wres_convert.readers.mail.mime import parse
    return parse(data)


def returns(mail: Mail, depth: int = MAX_DEPTH, left: list[str] | None = None) -> list[Part]:
    """The returns attached to the message, and to the messages attached to it, in order.
    ``left``: gets the name of each attached file that is no return (pictures the body shows in
    place aside), and a note of what lay past the limits, so that a warning can name them."""
    from wres_convert.readers.sniff import detect_kind

    left = [] if left is None else left
    found: list[Part] = []
    for sent in mail.threaded():
        if sent.unread:
            left.append(f"{sent.unread} more past the limits ({MAX_ATTACHMENTS} files, {MAX_DEPTH} forwards)")
        for i, attachment in enumerate(sent.attachments):
            suffix = "." + attachment.name.rsplit(".", 1)[-1].lower() if "." in attachment.name else ""
            try:
                kind = detect_kind(attachment.data)
            except ConversionError:
                # A picture or an archive is no return; a damaged file named as one is, and its
                # conversion says what is wrong with it.
                if suffix[1:] in FILE_KINDS:
                    found.append(Part(attachment.name, attachment.data, "", _who(sent)))
                elif not attachment.content_id:
                    left.append(repr(attachment.name or f"attachment {i + 1}"))
                continue
            if kind in ("text", "html"):
                kind = NAMED_KINDS.get(suffix, "") and ("html" if kind == "html" else "text")
            if kind in FILE_KINDS or kind in ("text", "html"):
                found.append(
                    Part(attachment.name or f"attachment-{i + 1}{suffix}", attachment.data, kind, _who(sent))
                )
            elif kind in ("email", "msg") and depth > 0:  # a message saved as a file and attached
                try:
                    inner = parse_mail(attachment.data, kind)
                except ConversionError:
                    left.append(repr(attachment.name or f"attachment {i + 1}"))
                    continue
                found.extend(returns(inner, depth - 1, left))
            else:
                left.append(repr(attachment.name or f"attachment {i + 1}"))
            if len(found) >= MAX_ATTACHMENTS:
                return found
    return found


def left_out(left: list[str]) -> list[Message]:
    """The warning naming what a message holds besides its returns, if anything."""
    if not left:
        return []
    shown = ", ".join(left[:10]) + (f" and {len(left) - 10} more" if len(left) > 10 else "")
    return [Message("email-left-out", f"attached to the e-mail but not a return, so not read: {shown}")]


def attachment_error(part: Part, exc: ConversionError) -> ConversionError:
    """An attached return's own error, naming the attachment."""
    return ConversionError(exc.code, f"{part.name!r}, attached: {exc.message}", exc.hint, exc.exit_code)


def attachment_failed(part: Part, exc: ConversionError) -> Message:
    """The warning for an attached return that could not be converted (its siblings were)."""
    named = attachment_error(part, exc)
    return Message("email-attachment-failed", f"{named.message}; {named.hint}")


def read_mail(mail: Mail) -> Document:
    """The message's first attached return that can be read (the others named in warnings), else
    its body; either way with who sent the message."""
    return replace(_read_mail(mail), sender=_who(mail))


def read_mail_text(mail: Mail) -> Document:
    """The message's own text as the return (its attached files are none), with who sent it."""
    return replace(read_body(mail), sender=_who(mail))


def _who(mail: Mail) -> tuple[str, ...]:
    return tuple(x for x in (mail.sender.name, mail.sender.address) if x)


def _read_mail(mail: Mail) -> Document:
    left: list[str] = []
    parts = returns(mail, left=left)
    if not parts:
        doc = read_body(mail)
        return replace(doc, warnings=(*doc.warnings, *left_out(left)))
    failed: list[Message] = []
    for i, part in enumerate(parts):
        try:
            doc = read_part(part)
        except ConversionError as exc:
            failed.append(attachment_failed(part, exc))
            if i + 1 < len(parts):
                continue
            # None could be read: the last one's error, naming it.
            raise attachment_error(part, exc) from exc
        said = [*failed, *left_out(left)]
        if i + 1 < len(parts):
            others = ", ".join(repr(p.name) for p in parts[i + 1 :])
            said.append(
                Message(
                    "email-attachments",
                    f"the e-mail holds {len(parts)} attached returns: only one was converted here; "
                    f"convert the message into a folder to get each one, or save {others} and convert them too",
                )
            )
        break
    return replace(doc, warnings=(*doc.warnings, *said))


def read_part(part: Part) -> Document:
    """One attached return, read by its own reader."""
    from wres_convert.readers import read_document

    return read_document(part.data, part.name, part.kind or None)


def read_body(mail: Mail) -> Document:
    """The message's own text, and that of any message attached to it, as one return."""
    from wres_convert.readers.replies import cut_history

    blocks: list[Block] = []
    warnings: list[Message] = []
    for sent in mail.threaded():
        found, said = _body_blocks(sent)
        blocks.extend(found)
        warnings.extend(w for w in said if w not in warnings)
    if not blocks:
        raise ConversionError(
            "no-return",
            f"{NO_RETURN}: no attached return and no text",
            "send the return itself, or the message it came in",
            exit_code=EXIT_NOT_SUBMISSION,
        )
    blocks, said = cut_history(blocks)
    return Document(tuple(blocks), "email", (*warnings, *said))


def _body_blocks(mail: Mail) -> tuple[list[Block], list[Message]]:
    """The richer of the two bodies: the HTML one when it has structure the plain text cannot
    carry (lists, tables, headings, bold, links), else the plain text, whose typed lines the text
    reader knows best."""
    html: tuple[list[Block], list[Message]] | None = None
    if mail.html and mail.html.strip():
        from wres_convert.readers.html import parse

        html = parse(mail.html, mail=True, pictures=mail.pictures())
        if _structured(html[0]) or not (mail.text and mail.text.strip()):
            return html
    if mail.text and mail.text.strip():
        from wres_convert.readers.text import read as read_text

        doc = read_text(mail.text.encode("utf-8"))
        return list(doc.blocks), list(doc.warnings)
    return html or ([], [])


def _structured(blocks: list[Block]) -> bool:
    if any(not isinstance(b, Paragraph) for b in blocks):
        return True
    for block in leaves(tuple(blocks)):
        if not isinstance(block, Paragraph):
            return True
        if any(s.bold or s.italic or s.href for s in block.inlines if s.text.strip()):
            return True
    return False
