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
from wres_convert.text import patterns

OWN_WORDS = 40  # words above the first header that make the text above it the message itself
HEADER_FIELDS = ("from", "sent", "date", "to", "cc", "subject", "importance")
_MARKER = patterns.compile(
    r"-{2,}\s*(?:original message|forwarded message)\s*-{2,}|begin forwarded message:?"
    r"|on\b.{3,200}\bwrote:|_{10,}",
    re.IGNORECASE | re.DOTALL,
)
_FIELD = patterns.compile(rf"(?:{'|'.join(HEADER_FIELDS)})\s*:", re.IGNORECASE)


_DATED = patterns.compile(r"\b(?:sent|date)\s*:", re.IGNORECASE)


def _is_marker(text: str) -> bool:
    return _MARKER.fullmatch(text.strip()) is not None


def _is_field(text: str) -> bool:
    return _FIELD.match(text.strip()) is not None


def _header_sizes(texts: list[str]) -> list[int]:
    """For each block, how many blocks from it make a reply header (0: none starts there): a
    marker line, then a run of header fields that starts with "From:" and has "Sent:" or "Date:"
    in it ("From: …" alone is a label of the form). One backward pass counts each block's run of
    fields and the dated fields after it, so a text of ten thousand "To: …" lines is read once,
    not once for each line."""
    n = len(texts)
    field = [_is_field(t) for t in texts]
    run = [0] * (n + 1)  # header-field blocks in a row from each block
    dated = [0] * (n + 1)  # field blocks from each block to the end that say Sent: or Date:
    for j in range(n - 1, -1, -1):
        run[j] = run[j + 1] + 1 if field[j] else 0
        dated[j] = dated[j + 1] + bool(field[j] and _DATED.search(texts[j]))
    sizes = []
    for i, text in enumerate(texts):
        marker = 1 if _is_marker(text) else 0
        start = i + marker
        fields = run[start] if start < n else 0
        header = (
            fields > 0
            and texts[start].strip().lower().startswith("from")
            and dated[start] > dated[start + fields]
        )
        sizes.append(marker + fields if header else marker)
    return sizes


def cut_history(blocks: list[Block], starts: tuple[int, ...] = ()) -> tuple[list[Block], list[Message]]:
    """The blocks without the earlier messages quoted under them. ``starts``: where the producer
    marked quoted history itself (an HTML body's ``gmail_quote``, ``blockquote type=cite``). A
    forward of a forward is followed down: each short note's header goes, until a message with
    enough words of its own, whose quoted history is then left out."""
    texts = [block_text(b) for b in blocks]
    sizes = _header_sizes(texts)
    words = [0]  # words in the blocks before each block
    for text in texts:
        words.append(words[-1] + len(text.split()))
    marked = set(starts)
    kept: list[Block] = []
    own = 0  # where the message being read starts, after the headers dropped so far
    i = 0
    while i < len(blocks):
        size = sizes[i]
        if not size and i not in marked:
            kept.append(blocks[i])
            i += 1
            continue
        if words[i] - words[own] >= OWN_WORDS:
            left = len(blocks) - i
            said = Message(
                "quoted-message",
                f"left out the earlier message{'s' if left > 1 else ''} quoted under the reply "
                f"({left} block{'s' if left > 1 else ''})",
            )
            return kept, [said]
        marked.discard(i)  # a producer's quote mark is no block of its own: read the block next
        i += size
        own = i
    return kept, []
