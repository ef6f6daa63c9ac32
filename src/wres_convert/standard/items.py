"""The items of the standard in use, for callers that have no Standard at hand: by default the
WRES pack's nine indicators. The grammar that finds them in a return is in grammar.py, built
from each pack's own words."""

from __future__ import annotations

from wres_convert.standard.grammar import Indicator, Number
from wres_convert.standard.pack import Standard

__all__ = ["Indicator", "Number", "all_indicators", "numbers_in"]


def all_indicators(standard: Standard | None = None) -> dict[Number, Indicator]:
    """The items by number, in the pack's order (``standard``: by default the WRES pack)."""
    return (standard or Standard.load()).items


def numbers_in(text: str, standard: Standard | None = None) -> list[Number]:
    """The items a number list such as "5, 6 and eight" names, in the pack's order."""
    return (standard or Standard.load()).grammar.numbers_in(text)
