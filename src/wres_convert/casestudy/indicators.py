"""Finding the standard's items (the WRES indicators, or another pack's) in an answer:
"Indicator 8: …" headers, tick-box tables, mentions in running text. The words come from the
Standard's grammar; each function takes the Standard, the WRES pack by default."""

from __future__ import annotations

from itertools import pairwise

from wres_convert.casestudy.itemnames import Segment, names, official_question, question_length, title_of
from wres_convert.casestudy.structure import is_title_like
from wres_convert.casestudy.ticktables import table_segments
from wres_convert.model import (
    Block,
    Heading,
    Inlines,
    ListItem,
    Paragraph,
    Picture,
    Table,
    slice_inlines,
    strip_inlines,
)
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.ticks import cell_tick, line_tick

__all__ = ["Segment", "mentioned", "official_question", "split_by_indicator", "table_segments"]


def _is_label(text: str) -> bool:
    """What follows "Indicator N:" is a label, not progress: a restated question, or a short
    title with no figures in it ("board voting membership")."""
    text = text.strip()
    return text.endswith("?") or (is_title_like(text) and not _DIGIT().search(text))


# Where a reader ran a line after a short item label into it ("[ ] Indicator 9 – board
# representation Progress: fell from …"): before a capitalised label of a few words and a colon.
_DIGIT = lazy_pattern(r"\d")
_GLUED_LABEL = lazy_pattern(r"(?<=\S)\s+(?=[A-Z][\w'’/&-]*(?:\s+[\w'’/&-]+){0,3}\s*:\s)")


def _split_joined(blocks: tuple[Block, ...], standard: Standard) -> list[Block]:
    """Blocks a reader ran together, split into their item lines: an item line's block at each
    further item line; any other block at a tick box naming an item ("Tick all that apply. [ ]
    Indicator 1 – … [x] Indicator 2 – …"), the text before it staying a block of its own."""
    grammar = standard.grammar
    out: list[Block] = []
    for b in blocks:
        if not isinstance(b, Paragraph):
            out.append(b)
            continue
        first = 0 if grammar.lead.match(b.text) else None
        if first is None and (boxed := grammar.tick_split.search(b.text)):
            first = boxed.end()
        if first is not None and (first > 0 or grammar.split.search(b.text)):
            later = (m.end() for m in grammar.split.finditer(b.text) if m.end() > first)
            cuts = [0, *([first] if first else []), *later, len(b.text)]
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


def _line_progress(
    b: Block, nums: list[Number], start: int, end: int, standard: Standard
) -> tuple[Inlines, Inlines]:
    """(own, joined): the progress an indicator line whose name starts at ``start`` gives after its
    name, less a restated question. ``own`` is all of it unless it is only a short label;
    ``joined`` is the text a reader ran into a short label from the next line ("board
    representation Progress: fell from 1.71 to 1.19": from "Progress:"), the label left out."""
    m = standard.grammar.lead.match(b.text[start:end])
    cut = start + (m.end() if m else end - start)  # named by its question or title: all of it
    cut += question_length(b.text[cut:end], nums, standard)
    rest = b.text[cut:end]
    if not rest.strip() or _is_label(rest):
        return (), ()
    for g in _GLUED_LABEL().finditer(rest):
        if _is_label(rest[: g.start()]):
            return (), strip_inlines(slice_inlines(b.inlines, cut + g.end(), end))  # type: ignore[attr-defined]
    return strip_inlines(slice_inlines(b.inlines, cut, end)), ()  # type: ignore[attr-defined]


def _header_segment(b: Block, nums: list[Number], start: int, end: int, standard: Standard) -> Segment:
    """A segment for an indicator line whose name starts at ``start``: what follows the name, less
    a restated question or a short label, is its first progress."""
    own, joined = _line_progress(b, nums, start, end, standard)
    return Segment(nums, [Paragraph(x) for x in (own, joined) if x])


def _unticked_text(b: Block, nums: list[Number], start: int, end: int, standard: Standard) -> Inlines:
    """What an unticked line keeps: nothing for the box and a short label, which only name an
    indicator not claimed; its own further text with the indicator it is about ("Indicator 4 –
    not yet: figures due in May"); text run in from the next line, as it is."""
    own, joined = _line_progress(b, nums, start, end, standard)
    return strip_inlines(slice_inlines(b.inlines, start, end)) if own else joined  # type: ignore[attr-defined]


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


_BRACKETED = lazy_pattern(r"\(([^()]{1,20})\)\s*$")
NAMING_WORDS = 8
_LEADING_END = lazy_pattern(r"\s*[.:\-–—]\s+(?=\S)")


def _leading_numbers(b: Block, standard: Standard) -> tuple[list[Number], int] | None:
    """ "5 and 8. Abuse from patients fell…", "Indicators - 2 and 7: …": an answer opening with
    only the items' numbers, then its progress; the numbers and where the progress starts."""
    if not isinstance(b, (Paragraph, ListItem)):
        return None
    for m in _LEADING_END().finditer(b.text, 0, 60):
        prefix = b.text[: m.start()].replace(" -", ":").replace(" –", ":").replace(" —", ":")
        if named := standard.grammar.bare_numbers(prefix):
            return named, m.end()
        # "the bullying one (6). Staff reporting…": a few words naming it, its number in brackets
        said = _BRACKETED().search(prefix)
        if (
            said
            and len(prefix.split()) <= NAMING_WORDS
            and (named := standard.grammar.bare_numbers(said.group(1)))
        ):
            return named, m.end()
    return None


def split_by_indicator(
    blocks: tuple[Block, ...], standard: Standard | None = None
) -> tuple[list[Segment], list[Block]]:
    """Group an answer into each improved indicator's progress details.

    Returns (segments, blocks before any indicator line). An "Indicator N:" line (with a
    separator, or a short title-like line), or a line that is an indicator's own question, starts
    a segment; the question restated after it is dropped. A sentence that merely begins
    "Indicator 6 did not change…" is progress text, and does not by itself make indicator 6 an
    improved one. A tick-box table gives a segment per ticked row; a tick-box line ("☒ Indicator
    7 – …") a segment when ticked, its text after the name and a short label being progress. An
    unticked line (or an unmarked one among them) starts none: its box and label go, any further
    text stays with what it follows. An answer opening with a short line of only numbers ("3 and
    7") names those indicators, and the rest is their progress.
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
            if ticked:
                segments.append(_header_segment(b, nums, start, end, standard))
            elif kept := _unticked_text(b, nums, start, end, standard):
                # Not a claim, but its text is the trust's: it stays with what it follows.
                (segments[-1].blocks if segments else before).append(Paragraph(kept))
            continue
        if not segments and not before and (named := _first_line_names(b, standard)):
            segments.append(Segment(named))  # "3 and 7", "Disciplinary (indicator 3)": a label
            continue
        if nums := _header_numbers(b, standard):
            segments.append(_header_segment(b, nums, 0, len(b.text), standard))
            continue
        if not segments and not before and (lead := _leading_numbers(b, standard)):
            named, cut = lead  # "5 and 8. Abuse from patients fell…": the numbers, then progress
            segments.append(Segment(named, [Paragraph(strip_inlines(slice_inlines(b.inlines, cut)))]))
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
