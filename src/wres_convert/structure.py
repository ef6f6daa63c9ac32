"""Tidy an answer's structure for publishing: sub-headings recognised and put at sensible levels.

Readers report what the source says (a Heading style, or merely bold text); here, independently of
format, a short all-bold line becomes a sub-heading, and heading levels are renumbered to sit
under the page's section headings (h2), keeping the submission's own nesting.
"""

from __future__ import annotations

import re

from wres_convert.model import Block, Heading, Paragraph, all_bold, strip_inlines
from wres_convert.normalise import word_count

SECTION_LEVEL = 2  # published section headings are h2; sub-headings start one below
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110
# "a) Survey return rate", "1. Preparation", "(ii) Results": an enumerated sub-heading.
ENUMERATED = re.compile(r"^\s*(?:\(?[a-z]\)|\(?\d{1,2}[.)]|\(?[ivx]{1,4}\))\s+\S", re.I)


def is_title_like(text: str) -> bool:
    """Short, and not a sentence: how a sub-heading looks when only its weight marks it."""
    text = text.strip()
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and word_count(text) <= MAX_HEADING_WORDS
        and "\n" not in text
        and not text.endswith((".", ";", ","))
    )


def promote_subheadings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """An all-bold, title-like paragraph followed by more content is a sub-heading."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        last = i == len(blocks) - 1
        if isinstance(b, Paragraph) and not last and all_bold(b.inlines) and is_title_like(b.text):
            # The heading's own weight is implied; keep links and italics, drop the bold.
            inlines = tuple(s.__class__(s.text, False, s.italic, s.href) for s in strip_inlines(b.inlines))
            out.append(Heading(inlines, level=0))  # 0: level to be decided by renumbering
        else:
            out.append(b)
    return tuple(out)


def renumber_headings(blocks: tuple[Block, ...], top: int = SECTION_LEVEL + 1) -> tuple[Block, ...]:
    """Map the source's heading levels onto ``top``, ``top + 1``… keeping their relative order.

    Where sub-headings all have one level but some are enumerated ("a) Survey return rate") and
    others are not ("Preparation"), the plain ones that follow an enumerated one nest under it.
    """
    headings = [b for b in blocks if isinstance(b, Heading)]
    if not headings:
        return blocks
    levels = sorted({h.level for h in headings if h.level > 0})
    # Promoted headings (level 0) rank with the shallowest explicit level, or alone.
    rank = {lvl: i for i, lvl in enumerate(levels)}
    out: list[Block] = []
    inside_enumerated: dict[int, bool] = {}
    mixed = {
        r: any(ENUMERATED.match(h.text) for h in headings if rank.get(h.level, 0) == r)
        and not all(ENUMERATED.match(h.text) for h in headings if rank.get(h.level, 0) == r)
        for r in set(rank.get(h.level, 0) for h in headings)
    }
    for b in blocks:
        if not isinstance(b, Heading):
            out.append(b)
            continue
        r = rank.get(b.level, 0)
        extra = 0
        if mixed.get(r):
            if ENUMERATED.match(b.text):
                inside_enumerated[r] = True
            elif inside_enumerated.get(r):
                extra = 1
        out.append(Heading(b.inlines, level=min(6, top + r + extra)))
    return tuple(out)


def tidy(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return renumber_headings(promote_subheadings(blocks))
