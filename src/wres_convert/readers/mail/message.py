"""A message as every mail reader gives it, whatever it was saved as (.eml, Outlook's .msg):
its subject, its bodies already decoded to text, its attachments' bytes, and the messages
attached to it. Choosing the return in it is ``mail.returns``' job, not the format readers'."""

from __future__ import annotations

from wres_convert.model import value

MAX_ATTACHMENTS = 50  # parts looked at: a message is not an archive
# Messages attached to messages followed this deep: a forward of a forward of the return, never
# an unbounded chain (a message that attaches itself, a crafted bomb).
MAX_DEPTH = 3


@value
class Attachment:
    name: str  # as the sender's mail client gave it; "" when it had none
    data: bytes
    content_id: str = ""  # how the HTML body shows it in place (<img src="cid:…">), if it does
    location: str = ""  # or its address (a web page saved as one file, .mht: Content-Location)


@value
class Sender:
    """Who sent the message (its From: header, Outlook's sender properties): the surest sign of
    who submitted, so their details are private like the form's own contact's."""

    name: str = ""
    address: str = ""


@value
class Mail:
    subject: str = ""
    html: str | None = None  # the HTML body, decoded to text
    text: str | None = None  # the plain-text body, decoded to text
    attachments: tuple[Attachment, ...] = ()  # files attached, in order (not inline pictures)
    messages: tuple[Mail, ...] = ()  # messages attached to this one (.eml, .msg, message/rfc822)
    inline: tuple[Attachment, ...] = ()  # the pictures the HTML body shows in place, by content id
    sender: Sender = Sender()
    unread: int = 0  # attachments and attached messages past the limits above: named, never read

    def threaded(self) -> list[Mail]:
        """This message, then every message attached to it, depth first, in order."""
        return [self, *(m for inner in self.messages for m in inner.threaded())]

    def pictures(self) -> dict[str, bytes]:
        """The pictures the HTML body may show: "cid:" + content id, and each one's address."""
        found = {}
        for a in (*self.inline, *self.attachments):
            if a.content_id:
                found["cid:" + a.content_id.strip("<> ")] = a.data
            if a.location:
                found[a.location] = a.data
        return found
