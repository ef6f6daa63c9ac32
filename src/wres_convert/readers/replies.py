"""Earlier messages quoted under a reply, in an e-mail body or a text return pasted from one.

A trust replying "Please see our return below" above the quoted form wants the form read; a trust
writing its return and leaving the thread quoted under it does not want the thread published. So:
the first reply header ("-----Original Message-----", "On … wrote:", Outlook's "From: … Sent: …",
a forwarded message's header) ends the message when enough was written above it; otherwise only
the header itself goes, and the quoted message is read as the return. Every reader of e-mail text
(text, HTML bodies) applies this one rule.
"""

from __future__ import annotations

import re

from wres_convert.model import Block, Message, block_text

OWN_WORDS = 40  # words above the first header that make the text above it the message itself
HEADER_FIELDS = ("from", "sent", "date", "to", "cc", "subject", "importance")
_MARKER = re.compile(
    r"-{2,}\s*(?:original message|forwarded message)\s*-{2,}|begin forwarded message:?"
    r"|on\b.{3,200}\bwrote:|_{10,}",
    re.IGNORECASE | re.DOTALL,
)
_FIELD = re.compile(rf"(?:{'|'.join(HEADER_FIELDS)})\s*:", re.IGNORECASE)


def _is_marker(text: str) -> bool:
    return _MARKER.fullmatch(text.strip()) is not None


def _is_field(text: str) -> bool:
    return _FIELD.match(text.strip()) is not None


def _header_at(blocks: list[Block], i: int) -> int:
    """How many blocks from ``i`` make a reply header (0: none starts there)."""
    n = 0
    if _is_marker(block_text(blocks[i])):
        n = 1
    start = i + n
    fields = 0
    while start + fields < len(blocks) and _is_field(block_text(blocks[start + fields])):
        fields += 1
    text = block_text(blocks[start]) if start < len(blocks) else ""
    # "From: …" alone is a label of the form; with "Sent:" or "Date:" beside it, a mail header.
    joined = " ".join(block_text(b) for b in blocks[start : start + max(fields, 1)])
    header = (
        fields > 0
        and text.strip().lower().startswith("from")
        and re.search(r"\b(?:sent|date)\s*:", joined, re.IGNORECASE)
    )
    return n + fields if header else n


def cut_history(blocks: list[Block], starts: tuple[int, ...] = ()) -> tuple[list[Block], list[Message]]:
    """The blocks without the earlier messages quoted under them. ``starts``: where the producer
    marked quoted history itself (an HTML body's ``gmail_quote``, ``blockquote type=cite``). A
    forward of a forward is followed down: each short note's header goes, until a message with
    enough words of its own, whose quoted history is then left out."""
    kept: list[Block] = []
    own = 0  # where the message being read starts, after the headers dropped so far
    i = 0
    while i < len(blocks):
        size = _header_at(blocks, i)
        if not size and i not in starts:
            kept.append(blocks[i])
            i += 1
            continue
        above = sum(len(block_text(b).split()) for b in blocks[own:i])
        if above >= OWN_WORDS:
            left = len(blocks) - i
            said = Message(
                "quoted-message",
                f"left out the earlier message{'s' if left > 1 else ''} quoted under the reply "
                f"({left} block{'s' if left > 1 else ''})",
            )
            return kept, [said]
        i += max(size, 1) if size else 0  # a producer's quote mark is no block of its own
        own = i
        starts = tuple(s for s in starts if s >= i + (0 if size else 1))
    return kept, []
