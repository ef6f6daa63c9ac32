"""Finding the standard's items (the WRES indicators, or another pack's) in an answer:
"Indicator 8: …" headers, tick-box tables, mentions in running text. The words come from the
Standard's grammar; each function takes the Standard, the WRES pack by default."""

from __future__ import annotations

import re
from itertools import pairwise

from wres_convert.casestudy.itemnames import Segment, names, official_question, question_length, title_of
from wres_convert.casestudy.structure import is_title_like
from wres_convert.casestudy.ticktables import table_segments
from wres_convert.model import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    Picture,
    Table,
    plain_text,
    slice_inlines,
    strip_inlines,
)
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.text.ticks import cell_tick, line_tick

__all__ = ["Segment", "mentioned", "official_question", "split_by_indicator", "table_segments"]


def _is_label(text: str) -> bool:
    """What follows "Indicator N:" is a label, not progress: a restated question, or a short
    title with no figures in it ("board voting membership")."""
    text = text.strip()
    return text.endswith("?") or (is_title_like(text) and not re.search(r"\d", text))


def _split_joined(blocks: tuple[Block, ...], standard: Standard) -> list[Block]:
    grammar = standard.grammar
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and grammar.lead.match(b.text) and grammar.split.search(b.text):
            cuts = [0, *(m.end() for m in grammar.split.finditer(b.text)), len(b.text)]
            # A tick box stays with the item line it ticks ("☒ Indicator 7 – …").
            cuts = [z for a, z in pairwise(cuts) if z == len(b.text) or cell_tick(b.text[a:z]) is None]
            cuts = [0, *cuts]
            out.extend(Paragraph(strip_inlines(slice_inlines(b.inlines, a, z))) for a, z in pairwise(cuts))
        else:
            out.append(b)
    return out


def _tick_line(b: Block, standard: Standard) -> tuple[bool, list[Number], int, int] | None:
    """A line ticking an indicator or leaving it unticked ("☒ Indicator 7 – …", "[ ] Indicator 4",
    "Indicator 7 ☒"): (ticked, its numbers, where the named text starts and ends); else None."""
    if not isinstance(b, (Paragraph, ListItem, Heading)):
        return None
    marked = line_tick(b.text)
    if marked is None:
        return None
    ticked, start, end = marked
    numbers = names(b.text[start:end], standard, bare=True)
    return (ticked, numbers, start, end) if numbers else None


def _header_segment(b: Block, nums: list[Number], start: int, end: int, standard: Standard) -> Segment:
    """A segment for an indicator line whose name starts at ``start``: what follows the name, less
    a restated question or a short label, is its first progress."""
    segment = Segment(nums)
    m = standard.grammar.lead.match(b.text[start:end])
    cut = start + (m.end() if m else end - start)  # named by its question or title: all of it
    cut += question_length(b.text[cut:end], nums, standard)
    remainder = strip_inlines(slice_inlines(b.inlines, cut, end))  # type: ignore[attr-defined]
    if remainder and not _is_label(plain_text(remainder)):
        segment.blocks.append(Paragraph(remainder))
    return segment


def _header_numbers(b: Block, standard: Standard) -> list[Number]:
    """The items an "Indicator N:" line (with a separator, or short and title-like) starts."""
    m = standard.grammar.lead.match(b.text)
    if not m or not (m.group("sep") or is_title_like(b.text)):
        return []
    return standard.grammar.numbers_in(m.group("nums"))


def _untick_unmarked(lines: list[Block], standard: Standard) -> set[int]:
    """In a tick list (a run of item lines, one of them ticked), the lines with no box are
    unticked, as an empty box in a table is: the positions of such lines that only name an item.
    Where only empty boxes are shown, an unmarked line is the one claimed (a reader may have taken
    its "✓" for a bullet), so it stays."""

    def name_only(b: Block) -> bool:
        if not isinstance(b, (Paragraph, ListItem, Heading)):
            return False
        if nums := _header_numbers(b, standard):
            return not _header_segment(b, nums, 0, len(b.text), standard).blocks
        return b.text.rstrip().endswith("?") and official_question(b.text, standard) is not None

    out: set[int] = set()
    run: list[int] = []
    ticked = False
    for i, b in enumerate([*lines, Paragraph(())]):  # the empty paragraph ends the last run
        tick = _tick_line(b, standard)
        if tick is not None or name_only(b):
            run.append(i)
            ticked = ticked or (tick is not None and tick[0])
            continue
        if ticked:
            out.update(j for j in run if _tick_line(lines[j], standard) is None)
        run, ticked = [], False
    return out


def _first_line_names(b: Block, standard: Standard) -> list[Number]:
    """The items a short first line names when it is only a label: numbers ("3 and 7", "Three &
    seven"), a short title ("Fairer disciplinary processes"), or a title-like line mentioning
    them ("Disciplinary (indicator 3)"). A sentence ("We focused on indicator 3.") is progress."""
    if not isinstance(b, (Paragraph, ListItem, Heading)):
        return []
    grammar = standard.grammar
    if bare := grammar.bare_numbers(b.text):
        return bare
    if not is_title_like(b.text):
        return []
    if n := title_of(b.text, standard):
        return [n]
    return grammar.sort({n for m in grammar.mention.finditer(b.text) for n in grammar.numbers_in(m.group(1))})


def split_by_indicator(
    blocks: tuple[Block, ...], standard: Standard | None = None
) -> tuple[list[Segment], list[Block]]:
    """Group an answer into each improved indicator's progress details.

    Returns (segments, blocks before any indicator line). An "Indicator N:" line (with a
    separator, or a short title-like line), or a line that is an indicator's own question, starts
    a segment; the question restated after it is dropped. A sentence that merely begins
    "Indicator 6 did not change…" is progress text, and does not by itself make indicator 6 an
    improved one. A tick-box table gives a segment per ticked row; a tick-box line ("☒ Indicator
    7 – …") a segment when ticked, nothing when not (nor does an unmarked line among them). An answer opening with a short line of only
    numbers ("3 and 7") names those indicators, and the rest is their progress.
    """
    standard = standard or Standard.load()
    segments: list[Segment] = []
    before: list[Block] = []
    lines = _split_joined(blocks, standard)
    unticked = _untick_unmarked(lines, standard)
    for i, b in enumerate(lines):
        if i in unticked:  # an unmarked line in a tick list: an empty box, neither progress nor a claim
            continue
        if isinstance(b, Picture):  # its alt text never starts an indicator's part
            (segments[-1].blocks if segments else before).append(b)
            continue
        if isinstance(b, Table):
            rows = table_segments(b, standard)
            if rows is not None:
                segments.extend(rows)
            else:
                (segments[-1].blocks if segments else before).append(b)
            continue
        tick = _tick_line(b, standard)
        if tick is not None:
            ticked, nums, start, end = tick
            if ticked:  # an unticked line is neither progress nor a mention: it goes
                segments.append(_header_segment(b, nums, start, end, standard))
            continue
        if not segments and not before and (named := _first_line_names(b, standard)):
            segments.append(Segment(named))  # "3 and 7", "Disciplinary (indicator 3)": a label
            continue
        if nums := _header_numbers(b, standard):
            segments.append(_header_segment(b, nums, 0, len(b.text), standard))
            continue
        asked = official_question(b.text, standard) if b.text.rstrip().endswith("?") else None
        if asked:
            segments.append(Segment([asked]))
        else:
            (segments[-1].blocks if segments else before).append(b)
    return segments, before


def mentioned(blocks: tuple[Block, ...], standard: Standard | None = None) -> list[Number]:
    """Indicator numbers mentioned anywhere in running text, for answers without "Indicator N:"
    lines. Tick-box lines and tables are not running text: an unticked box names nothing."""
    standard = standard or Standard.load()
    grammar = standard.grammar
    found: set[Number] = set()
    for b in blocks:
        if isinstance(b, Picture) or _tick_line(b, standard) is not None:
            continue
        if isinstance(b, Table) and table_segments(b, standard) is not None:
            continue
        for m in grammar.mention.finditer(b.text):
            found.update(grammar.numbers_in(m.group(1)))
    return grammar.sort(found)
