"""Finding the standard's items (the WRES indicators, or another pack's) in an answer:
"Indicator 8: …" headers, tick-box tables, mentions in running text. The words come from the
Standard's grammar; each function takes the Standard, the WRES pack by default."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from wres_convert.casestudy.structure import is_title_like
from wres_convert.model import Block, Paragraph, Picture, Table, plain_text, slice_inlines, strip_inlines
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.text.normalise import normalise

# A tick-box answer: what a ticked and an unticked box look like once read.
TICKED = frozenset({"☒", "☑", "✓", "✔", "✅", "x", "yes", "y", "[x]", "(x)", "ticked"})
UNTICKED = frozenset({"☐", "□", "no", "n", "[ ]", "( )", "-"})
QUESTION_ONLY = 88.0  # rapidfuzz ratio at which a line is an indicator's official question


def official_question(text: str, standard: Standard | None = None) -> Number | None:
    """The indicator whose own question ``text`` is, when a trust names it by its question alone."""
    from rapidfuzz import fuzz

    standard = standard or Standard.load()
    norm = normalise(text)
    if not 5 <= len(norm.split()) <= 60:
        return None
    # Ties go to the later item, as max() over (score, number) pairs did for the WRES's 1…9.
    scored = [(fuzz.ratio(norm, normalise(i.question)), k) for k, i in enumerate(standard.items.values())]
    score, at = max(scored)
    return list(standard.items)[at] if score >= QUESTION_ONLY else None


def _strip_question(text: str, numbers: list[Number], standard: Standard) -> int:
    """How many leading characters of ``text`` restate the indicators' own questions."""
    from rapidfuzz import fuzz

    norm = normalise(text)
    for n in numbers:
        q = normalise(standard.items[n].question)
        if norm == q or fuzz.ratio(norm, q) >= 85:
            return len(text)
        # The question followed by the answer in the same paragraph: cut at the end of the
        # sentence that best matches the question.
        for m in re.finditer(r"[?:]", text):
            if fuzz.ratio(normalise(text[: m.end()]), q) >= 85:
                return m.end()
    return 0


def _is_label(text: str) -> bool:
    """What follows "Indicator N:" is a label, not progress: a restated question, or a short
    title with no figures in it ("board voting membership")."""
    text = text.strip()
    return text.endswith("?") or (is_title_like(text) and not re.search(r"\d", text))


@dataclass
class Segment:
    """The blocks under one "Indicator N" line: the progress for the indicators it names."""

    numbers: list[Number]
    blocks: list[Block] = field(default_factory=list)


def _split_joined(blocks: tuple[Block, ...], standard: Standard) -> list[Block]:
    grammar = standard.grammar
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and grammar.lead.match(b.text) and grammar.split.search(b.text):
            cuts = [0, *(m.end() for m in grammar.split.finditer(b.text)), len(b.text)]
            out.extend(Paragraph(strip_inlines(slice_inlines(b.inlines, a, z))) for a, z in pairwise(cuts))
        else:
            out.append(b)
    return out


def _cell_text(cell: object) -> str:
    return " ".join(cell.text.split()).strip()  # type: ignore[attr-defined]


def _header_numbers(text: str, standard: Standard) -> list[Number]:
    m = standard.grammar.lead.match(text)
    if m:
        return standard.grammar.numbers_in(m.group("nums"))
    n = official_question(text, standard)
    return [n] if n else []


def table_segments(table: Table, standard: Standard | None = None) -> list[Segment] | None:
    """An indicator table, one row per indicator ("Indicator 5: … | ☒ | progress"): a segment for
    each row that is ticked, or that has progress and no unticked box. None for other tables."""
    segments: list[Segment] = []
    rows = 0
    for row in table.rows:
        cells = [c for c in row if _cell_text(c)]
        if not cells:
            continue
        numbers = _header_numbers(_cell_text(cells[0]), standard or Standard.load())
        if not numbers:
            continue
        rows += 1
        marks = [c for c in cells[1:] if _cell_text(c).lower() in TICKED | UNTICKED]
        ticked = any(_cell_text(c).lower() in TICKED for c in marks)
        unticked = any(_cell_text(c).lower() in UNTICKED for c in marks)
        progress = [b for c in cells[1:] if c not in marks for b in c.blocks]
        if ticked or (progress and not unticked):
            segments.append(Segment(numbers, progress))
    return segments if rows >= 2 else None


def split_by_indicator(
    blocks: tuple[Block, ...], standard: Standard | None = None
) -> tuple[list[Segment], list[Block]]:
    """Group an answer into each improved indicator's progress details.

    Returns (segments, blocks before any indicator line). An "Indicator N:" line (with a
    separator, or a short title-like line), or a line that is an indicator's own question, starts
    a segment; the question restated after it is dropped. A sentence that merely begins
    "Indicator 6 did not change…" is progress text, and does not by itself make indicator 6 an
    improved one. A tick-box table gives a segment per ticked row.
    """
    standard = standard or Standard.load()
    grammar = standard.grammar
    segments: list[Segment] = []
    before: list[Block] = []
    for b in _split_joined(blocks, standard):
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
        m = grammar.lead.match(b.text)
        nums = grammar.numbers_in(m.group("nums")) if m else []
        header = bool(m and nums and (m.group("sep") or is_title_like(b.text)))
        if not header:
            asked = official_question(b.text, standard) if b.text.rstrip().endswith("?") else None
            if asked:
                segments.append(Segment([asked]))
            else:
                (segments[-1].blocks if segments else before).append(b)
            continue
        assert m is not None
        segment = Segment(nums)
        segments.append(segment)
        cut = m.end() + _strip_question(b.text[m.end() :], nums, standard)
        remainder = strip_inlines(slice_inlines(b.inlines, cut))
        if remainder and not _is_label(plain_text(remainder)):
            segment.blocks.append(Paragraph(remainder))
    return segments, before


def mentioned(blocks: tuple[Block, ...], standard: Standard | None = None) -> list[Number]:
    """Indicator numbers mentioned anywhere in running text, for answers without "Indicator N:" lines."""
    grammar = (standard or Standard.load()).grammar
    found: set[Number] = set()
    for b in blocks:
        if isinstance(b, Picture):
            continue
        for m in grammar.mention.finditer(b.text):
            found.update(grammar.numbers_in(m.group(1)))
    return grammar.sort(found)
