"""The nine WRES indicators (from data/indicators.toml) and finding them in an answer."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from wres_convert.model import Block, Paragraph, Table, plain_text, slice_inlines, strip_inlines
from wres_convert.normalise import normalise
from wres_convert.structure import is_title_like

_NUMS = r"[1-9](?:\s*(?:,|&|\+|/|and)\s*[1-9])*"
# "Indicator 8:", "WRES Indicator 8 -", "Indicators 5 and 6:", "Indicator 2 & 7" at a block's start.
LEAD = re.compile(
    rf"^\s*(?:WRES\s+)?indicators?\s*(?:no\.?|number)?\s*(?P<nums>{_NUMS})\b"
    # "Indicator 6 progress:": a few label words before the colon still make a header.
    r"(?:(?:\s+[\w'’-]+){1,4}(?=\s*:))?\s*(?P<sep>[:.\-–—)]?)\s*",
    re.I,
)
# Where a reader joined two indicator lines into one block: split before the second.
SPLIT = re.compile(rf"(?<=\S)\s+(?=(?:WRES\s+)?indicators?\s*{_NUMS}\s*[:\-–—])", re.I)
# Any mention in running text: "…improved on indicators 5 and 6…".
MENTION = re.compile(rf"\bindicators?\s*(?:no\.?|number)?\s*({_NUMS.replace('and', 'and|or')})\b", re.I)


@dataclass(frozen=True)
class Indicator:
    number: int
    question: str
    title: str
    theme: str


@lru_cache(maxsize=1)
def all_indicators() -> dict[int, Indicator]:
    raw = tomllib.loads(resources.files("wres_convert.data").joinpath("indicators.toml").read_text("utf-8"))
    return {
        i["number"]: Indicator(i["number"], i["question"], i["title"], i["theme"]) for i in raw["indicator"]
    }


def _numbers(text: str) -> list[int]:
    return sorted({int(d) for d in re.findall(r"[1-9]", text) if int(d) in all_indicators()})


def _strip_question(text: str, numbers: list[int]) -> int:
    """How many leading characters of ``text`` restate the indicators' own questions."""
    from rapidfuzz import fuzz

    norm = normalise(text)
    for n in numbers:
        q = normalise(all_indicators()[n].question)
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

    numbers: list[int]
    blocks: list[Block] = field(default_factory=list)


def _split_joined(blocks: tuple[Block, ...]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and LEAD.match(b.text) and SPLIT.search(b.text):
            cuts = [0, *(m.end() for m in SPLIT.finditer(b.text)), len(b.text)]
            out.extend(Paragraph(strip_inlines(slice_inlines(b.inlines, a, z))) for a, z in pairwise(cuts))
        else:
            out.append(b)
    return out


def split_by_indicator(blocks: tuple[Block, ...]) -> tuple[list[Segment], list[Block]]:
    """Group an answer into each improved indicator's progress details.

    Returns (segments, blocks before any indicator line). An "Indicator N:" line (with a
    separator, or a short title-like line) starts a segment; the question restated after it is
    dropped. A sentence that merely begins "Indicator 6 did not change…" is progress text, and
    does not by itself make indicator 6 an improved one.
    """
    segments: list[Segment] = []
    before: list[Block] = []
    for b in _split_joined(blocks):
        m = LEAD.match(b.text) if not isinstance(b, Table) else None
        nums = _numbers(m.group("nums")) if m else []
        header = bool(m and nums and (m.group("sep") or is_title_like(b.text)))
        if not header:
            (segments[-1].blocks if segments else before).append(b)
            continue
        assert m is not None
        segment = Segment(nums)
        segments.append(segment)
        cut = m.end() + _strip_question(b.text[m.end() :], nums)
        remainder = strip_inlines(slice_inlines(b.inlines, cut))
        if remainder and not _is_label(plain_text(remainder)):
            segment.blocks.append(Paragraph(remainder))
    return segments, before


def mentioned(blocks: tuple[Block, ...]) -> list[int]:
    """Indicator numbers mentioned anywhere in running text, for answers without "Indicator N:" lines."""
    found: set[int] = set()
    for b in blocks:
        for m in MENTION.finditer(b.text):
            found.update(_numbers(m.group(1)))
    return sorted(found)
