"""The nine WRES indicators (from data/indicators.toml) and finding them in an answer."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from wres_convert.model import Block, Paragraph, Table, plain_text, slice_inlines, strip_inlines
from wres_convert.normalise import normalise

# "Indicator 8:", "WRES Indicator 8 -", "Indicators 5 and 6:", "Indicator 2 & 7" at a block's start.
LEAD = re.compile(
    r"^\s*(?:WRES\s+)?indicators?\s*(?:no\.?|number)?\s*"
    r"(?P<nums>[1-9](?:\s*(?:,|&|\+|/|and)\s*[1-9])*)\b\s*[:.\-–—)]?\s*",
    re.I,
)
# Any mention in running text: "…improved on indicators 5 and 6…".
MENTION = re.compile(
    r"\bindicators?\s*(?:no\.?|number)?\s*([1-9](?:\s*(?:,|&|\+|/|and|or)\s*[1-9])*)\b", re.I
)


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
    return [int(d) for d in re.findall(r"[1-9]", text)]


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


def split_by_indicator(blocks: tuple[Block, ...]) -> tuple[dict[int, tuple[Block, ...]], list[Block]]:
    """Group an answer into each improved indicator's progress details.

    Returns ({indicator number: its blocks}, blocks before any indicator line). Each "Indicator N"
    line starts a group; the indicator's question restated after it is dropped.
    """
    groups: dict[int, list[Block]] = {}
    before: list[Block] = []
    current: list[Block] | None = None
    for b in blocks:
        m = LEAD.match(b.text) if not isinstance(b, Table) else None
        if m is None:
            (current if current is not None else before).append(b)
            continue
        nums = [n for n in _numbers(m.group("nums")) if n in all_indicators()]
        current = []
        for n in nums:
            groups.setdefault(n, current)
        rest = b.text[m.end() :]
        cut = m.end() + _strip_question(rest, nums)
        remainder = strip_inlines(slice_inlines(b.inlines, cut))
        # What is left is progress, unless it is the question again in other words.
        if remainder and not plain_text(remainder).rstrip().endswith("?"):
            current.append(Paragraph(remainder))
    return {n: tuple(g) for n, g in groups.items()}, before


def mentioned(blocks: tuple[Block, ...]) -> list[int]:
    """Indicator numbers mentioned anywhere in running text, for answers without "Indicator N:" lines."""
    found: set[int] = set()
    for b in blocks:
        for m in MENTION.finditer(b.text):
            found.update(n for n in _numbers(m.group(1)) if n in all_indicators())
    return sorted(found)
