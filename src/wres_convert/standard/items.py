"""The standard's items, the nine WRES indicators (from data/indicators.toml), and the grammar of
a line that names them ("Indicator 8:", "Indicators 5 and 6 -", "indicator five")."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_N = r"(?:[1-9]|" + "|".join(_WORDS) + ")"
_NUMS = rf"{_N}(?:\s*(?:,|&|\+|/|and)\s*{_N})*"
# "Indicator 8:", "WRES Indicator 8 -", "Indicators 5 and 6:", "Indicator five:" at a block's start.
LEAD = re.compile(
    rf"^\s*(?:WRES\s+)?indicators?\s*(?:no\.?|number)?\s*(?P<nums>{_NUMS})\b"
    # "Indicator 6 progress:": a few label words before the colon still make a header.
    r"(?:(?:\s+[\w'’-]+){1,4}(?=\s*:))?\s*(?P<sep>[:.\-–—)]?)\s*",
    re.I,
)
# Where a reader joined two indicator lines into one block: split before the second (but not
# between "WRES" and "Indicator").
SPLIT = re.compile(rf"(?<=\S)(?<!WRES)\s+(?=(?:WRES\s+)?indicators?\s*{_NUMS}\s*[:\-–—])", re.I)
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


def numbers_in(text: str) -> list[int]:
    found = {int(d) for d in re.findall(r"[1-9]", text)}
    found |= {_WORDS[w] for w in re.findall("|".join(_WORDS), text.lower())}
    return sorted(n for n in found if n in all_indicators())
