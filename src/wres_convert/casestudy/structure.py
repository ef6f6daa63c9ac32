"""Tidy an answer's structure for publishing: sub-headings recognised and put at sensible levels.

Readers report what the source says (a Heading style, or merely bold text); here, independently of
format, a short all-bold line becomes a sub-heading, and heading levels are renumbered to sit
under the page's section headings (h2), keeping the submission's own nesting.
"""

from __future__ import annotations

from wres_convert.model import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    Span,
    all_bold,
    split_lines,
    strip_inlines,
)
from wres_convert.text.markers import is_enumerated, typed_marker
from wres_convert.text.normalise import normalise
from wres_convert.text.shapes import is_title_like as title_like
from wres_convert.values import replace

SECTION_LEVEL = 2  # published section headings are h2; sub-headings start one below
# A bold paragraph is already marked as a heading by its weight, so it may be a little longer than
# a title that only its shape marks (text.shapes' defaults).
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 110


def is_title_like(text: str) -> bool:
    """Short, and not a sentence: how a sub-heading looks when only its weight marks it."""
    return title_like(text, max_words=HEADING_MAX_WORDS, max_chars=HEADING_MAX_CHARS)


def promote_subheadings(blocks: tuple[Block, ...], known: frozenset[str] = frozenset()) -> tuple[Block, ...]:
    """An all-bold, title-like paragraph followed by more content is a sub-heading; so is one of
    the template's own prompts (``known``, normalised) however the reader saw it."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        last = i == len(blocks) - 1
        prompt = normalise(b.text) in known if isinstance(b, Paragraph) else False
        if (
            isinstance(b, Paragraph)
            and not last
            and (prompt or (all_bold(b.inlines) and is_title_like(b.text)))
        ):
            # The heading's own weight is implied; keep links and italics, drop the bold.
            inlines = tuple(replace(s, bold=False) for s in strip_inlines(b.inlines))
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
        r: any(is_enumerated(h.text) for h in headings if rank.get(h.level, 0) == r)
        and not all(is_enumerated(h.text) for h in headings if rank.get(h.level, 0) == r)
        for r in set(rank.get(h.level, 0) for h in headings)
    }
    for b in blocks:
        if not isinstance(b, Heading):
            out.append(b)
            continue
        r = rank.get(b.level, 0)
        extra = 0
        if mixed.get(r):
            if is_enumerated(b.text):
                inside_enumerated[r] = True
            elif inside_enumerated.get(r):
                extra = 1
        out.append(Heading(b.inlines, level=min(6, top + r + extra)))
    return tuple(out)


def split_typed_lists(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Lines that each start with a typed bullet ("•⇥First", "•⇥Second" joined by soft line
    breaks, as people type lists in Word) are list items: one per line. Applies to a paragraph
    with two or more such lines, and to a list item whose later lines start with one."""
    out: list[Block] = []
    for b in blocks:
        if not isinstance(b, (Paragraph, ListItem)) or "\n" not in b.text:
            out.append(b)
            continue
        lines = [line for line in split_lines(b.inlines) if line]
        marked = [typed_marker(line) for line in lines]
        is_item = isinstance(b, ListItem)
        if sum(m is not None for m in marked) < (1 if is_item else 2):
            out.append(b)
            continue
        level, ordered = (b.level, b.ordered) if isinstance(b, ListItem) else (0, False)
        for i, (line, m) in enumerate(zip(lines, marked, strict=True)):
            if m is not None:
                out.append(ListItem(m[1], level=level, ordered=m[0]))
            elif i == 0 and is_item:
                out.append(ListItem(line, level=level, ordered=ordered))
            elif out and isinstance(out[-1], ListItem) and i > 0:
                # An unmarked line inside a typed list continues the item above it.
                prev = out[-1]
                out[-1] = replace(prev, inlines=(*prev.inlines, Span("\n"), *line))
            else:
                out.append(Paragraph(line))
    return tuple(out)


def tidy(blocks: tuple[Block, ...], known: frozenset[str] = frozenset()) -> tuple[Block, ...]:
    """An answer's structure as published. ``known``: the template's sub-heading prompts."""
    return renumber_headings(promote_subheadings(split_typed_lists(blocks), known))
