"""A standard's items and the grammar of a line that names them ("Indicator 8:", "Indicators 5 and
6 -", "indicator five", "WDES Metric 4a:"), built from a pack's acronym, item noun and numbers."""

from __future__ import annotations

import re
from functools import cached_property

from wres_convert.model import value
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.ticks import BOX_MARK, LEAD_MARK

# An item's number as its pack writes it: 8, or "4a" where a standard numbers parts of an item.
Number = int | str

_SEPARATORS = (",", "&", r"\+", "/", "and", "to", "[-–]")  # "5, 6 and 8", "5-8"; mentions also take "or"
_RANGE = lazy_pattern(r"\s*(?:to|[-–])\s*$", re.I)  # between two numbers: every item from one to the other
_BARE_WORDS = 12  # a line of only numbers ("3 and 7") is short
_NUMBER_WORD = r"(?:no\.?|number)?"  # "Indicator no. 8", "indicator number 8"
# What a return may say of a number in brackets: "4 (access to training) and 7 (career progression)"
_ASIDE = r"(?:\s*\([^()\n]{1,80}\))?"
_ASIDE_RE = patterns.compile(r"\([^()\n]{1,80}\)")


@value
class Indicator:
    """One item of the standard (a WRES indicator, a WDES metric)."""

    number: Number
    question: str  # as the template words it: the objective section quotes it
    title: str  # the page subtitle; a site's [titles] may replace it
    theme: str  # "" when the pack has no themes
    statements: tuple[str, ...] = ()  # other wordings of it a return may restate (technical guidance)

    @property
    def wordings(self) -> tuple[str, ...]:
        """Every way a return may restate the item: its question, then its other statements."""
        return (self.question, *self.statements)


def number_key(number: object) -> str:
    """How a number is looked up: 8 and "8" alike, "4A" as "4a"."""
    return str(number).strip().lower()


def _noun_pattern(noun: str, plural: str) -> str:
    """ "indicators?" or "indicator(s)" when the plural is the noun and an s, as English mostly has it."""
    if plural.lower() == noun.lower() + "s":
        return re.escape(noun) + r"(?:s|\(s\))?"
    return f"(?:{re.escape(plural)}|{re.escape(noun)}(?:\\(s\\))?)"


class Grammar:
    """How a return names a pack's items: LEAD (an item line's start), SPLIT (where a reader ran
    two item lines together), TICK_SPLIT (where it ran a tick list into other text), MENTION (a
    mention in running text) and BARE (a short line of only numbers, "3 and 7"). The item noun's
    synonyms ("metric", "measure") name items too; in running text a synonym counts only after the
    acronym or before no further word, as "we measure 3 times" is prose."""

    def __init__(
        self,
        acronym: str,
        noun: str,
        plural: str,
        numbers: tuple[Number, ...],
        words: dict[str, Number],
        synonyms: tuple[str, ...] = (),
    ):
        self.numbers = numbers
        self._order = {number_key(n): i for i, n in enumerate(numbers)}
        self._tokens: dict[str, Number] = {number_key(n): n for n in numbers}
        self._tokens |= {w.lower(): n for w, n in words.items()}
        # Longest first, so "10" is tried before "1" and "4a" before "4".
        alternatives = sorted(self._tokens, key=lambda t: (-len(t), t))
        one = self._one = "(?:" + "|".join(re.escape(t) for t in alternatives) + ")"
        self._nums = rf"{one}(?:\s*(?:{'|'.join(_SEPARATORS)})\s*{one})*"
        # An item line may describe each number: "Indicators 4 (training) and 7 (career progression):"
        self._described_nums = rf"{one}{_ASIDE}(?:\s*(?:{'|'.join(_SEPARATORS)})\s*{one}{_ASIDE})*"
        self._said = rf"{one}(?:\s*(?:{'|'.join((*_SEPARATORS, 'or'))})\s*{one})*"
        # A line of numbers may describe each: "4 (training and CPD) and 7 (career progression)".
        self._described = rf"{one}{_ASIDE}(?:\s*(?:{'|'.join((*_SEPARATORS, 'or'))})\s*{one}{_ASIDE})*"
        self._acr = re.escape(acronym)
        self._own = _noun_pattern(noun, plural)
        self._other = "|".join(_noun_pattern(s, s + "s") for s in synonyms)
        self._item = f"(?:{self._own}|{self._other})" if self._other else self._own

    # The patterns are compiled on first use, not when the pack loads: a one-file run loads the
    # pack before it knows which it needs, and compiling all of them cost it several ms.

    @cached_property
    def _token(self) -> re.Pattern[str]:
        return patterns.compile(self._one, re.I)

    @cached_property
    def lead(self) -> re.Pattern[str]:
        """ "Indicator 8:", "WRES Indicator 8 -", "Indicators 5 and 6:", "Indicator five:", "Indicators:
        3 and 7." at a block's start, perhaps after a tick box ("☐ Indicator 4 – …": an item line,
        never a question)."""
        acr, item = self._acr, self._item
        return patterns.compile(
            rf"^\s*(?:(?:{LEAD_MARK})\s*)?(?:{acr}\s+)?{item}\s*:?\s*{_NUMBER_WORD}\s*(?P<nums>{self._described_nums})\b"
            # "Indicator 6 progress:": a few label words before the colon still make a header.
            r"(?:(?:\s+[\w'’-]+){1,4}(?=\s*:))?\s*(?P<sep>[:.\-–—)]?)\s*",
            re.I,
        )

    @cached_property
    def split(self) -> re.Pattern[str]:
        """Where a reader joined two item lines into one block: split before the second (but not
        between "WRES" and "Indicator"), or before a tick box naming an item ("☐ Indicator 1 ☒
        Indicator 8", a tick list whose lines a plain-text reader ran together)."""
        acr, item, nums = self._acr, self._item, self._nums
        named_line = rf"(?:{acr}\s+)?{item}\s*{nums}\s*[:\-–—]"
        ticked_line = rf"(?:{LEAD_MARK})\s*(?:{acr}\s+)?{item}\s*{_NUMBER_WORD}\s*{nums}\b"
        return patterns.compile(rf"(?<=\S)(?<!{acr})\s+(?={named_line}|{ticked_line})", re.I)

    @cached_property
    def tick_split(self) -> re.Pattern[str]:
        """In a block that does not start as an item line ("Tick all that apply. [ ] Indicator 1 …",
        an instruction run into the list), only a box or bracket naming an item starts one: a
        mention in prose ("we chose indicator 3 – …") never does, nor a bare "X" word."""
        boxed = rf"(?:{BOX_MARK})\s*(?:{self._acr}\s+)?{self._item}\s*{_NUMBER_WORD}\s*{self._nums}\b"
        return patterns.compile(rf"(?<=\S)\s+(?={boxed})", re.I)

    @cached_property
    def mention(self) -> re.Pattern[str]:
        """Any mention in running text: "…improved on indicators 5 and 6…", "WRES metric(s): 3 & 7",
        "metric 3 (disciplinary)"; a bare synonym only before no lower-case word ("we measure 3 times")."""
        acr, said = self._acr, self._said
        named = [
            self._own,
            rf"{acr}\s+{self._item}",
            rf"{acr}(?=\s*{self._one}\b(?!\s*%))",
        ]  # "WRES 6 and WRES 8"
        if self._other:
            numbered = rf"\s*:?\s*{_NUMBER_WORD}\s*(?:{said})\b(?!(?-i:\s+[a-z]))"
            named.append(rf"(?:{self._other})(?={numbered})")
        # "the indicator we improved is number 4": a few words, then "number" or "no." and the numbers
        by_number = r"(?:\s+[\w'’]+){1,4}?\s+(?:no\.?|number)\s*"
        return patterns.compile(
            rf"\b(?:{'|'.join(named)})(?:\s*:?\s*{_NUMBER_WORD}\s*|{by_number})({said})\b", re.I
        )

    @cached_property
    def bare(self) -> re.Pattern[str]:
        """A short line that is only numbers, perhaps after the item noun: "3 and 7", "Three & seven".
        Or numbers each with what it is about, and nothing else: "4 (training) and 7 (career progression)"."""
        acr, item = self._acr, self._item
        return patterns.compile(
            rf"^\s*(?:(?:(?:{acr}\s+)?{item}\s*:?\s*)?({self._said})|({self._described}))\s*[.;]?\s*$", re.I
        )

    def bare_numbers(self, text: str) -> list[Number]:
        """The items a line of only numbers names ("3 and 7", "Indicators: 2, 3"); [] for other lines."""
        if len(_ASIDE_RE.sub("", text).split()) > _BARE_WORDS:
            return []
        m = self.bare.match(text)
        return self.numbers_in(m.group(1) or m.group(2)) if m else []

    def numbers_in(self, text: str) -> list[Number]:
        """The items a matched number list names ("5, 6 and eight", "3 to 7", "5-8"), in the
        pack's order."""
        found: set[Number] = set()
        text = _ASIDE_RE.sub(lambda m: " " * len(m.group(0)), text)  # an aside names no number
        tokens = list(self._token.finditer(text))
        for i, m in enumerate(tokens):
            number = self._tokens[m.group(0).lower()]
            found.add(number)
            if i and _RANGE().fullmatch(text[tokens[i - 1].end() : m.start()]):
                a, b = self.position(self._tokens[tokens[i - 1].group(0).lower()]), self.position(number)
                found.update(self.numbers[a : b + 1])
        return self.sort(found)

    def sort(self, numbers: object) -> list[Number]:
        """Numbers in the pack's order (1…9 for the WRES; 4a before 4b before 5 for others)."""
        return sorted(numbers, key=self.position)  # type: ignore[call-overload]

    def position(self, number: Number) -> int:
        return self._order[number_key(number)]
