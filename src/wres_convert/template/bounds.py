"""Upper bounds of the rapidfuzz scores ``matching`` compares wordings by, cheap enough in Python
to rule wordings out before rapidfuzz is loaded. Loading it costs a one-file run about 7 ms, and
most returns use the template's wordings as written, so no block comes near a fuzzy threshold.

Both bounds rest on the indel distance (``fuzz.ratio`` is ``100 * (1 - indel / (len1 + len2))``):
an insertion or deletion changes one character's count by one, so the distance is at least the
number of characters (of those counted) by which the two texts' counts differ. Where that bound reaches the
threshold, the distance itself is computed (the longest common subsequence); and where that
reaches it, the caller asks rapidfuzz for the score.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from operator import sub

MARGIN = 0.5  # rapidfuzz's float scores near the threshold: rule out only what is clearly below it
# The characters counted: what normalised (lower-case) text is mostly made of. Counting only some
# characters still bounds the distance from below, and str.count makes each count in C.
_COUNTED = "abcdefghijklmnopqrstuvwxyz0123456789 '-"
# Pairs a process rules out by bounds before it loads rapidfuzz all the same: a one-file run
# never gets there, and a long-running one then scores at rapidfuzz's speed.
_SPARE_PAIRS = 2500  # a 10-page return asks about some 1,300 pairs
_spared = [0]


@lru_cache(maxsize=4096)
def _profile(text: str) -> tuple[int, ...]:
    return tuple(map(text.count, _COUNTED))


def _least_indel(a: str, b: str) -> int:
    """At most the indel distance: the characters by which the two texts' counts differ."""
    return sum(map(abs, map(sub, _profile(a), _profile(b))))


def _lcs(a: str, b: str) -> int:
    """The longest common subsequence's length, bit-parallel (Hyyrö, as rapidfuzz's own Python
    fallback computes it): for the few pairs the character counts cannot rule out."""
    if not a:
        return 0
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | 1 << i
    row = (1 << len(a)) - 1
    for ch in b:
        u = row & masks.get(ch, 0)
        row = (row + u) | (row - u)
    return bin(row)[-len(a) :].count("0")


def _indel(a: str, b: str, cut: float, lensum: int) -> int:
    """A lower bound of the indel distance of ``a`` and ``b``; exact when the cheap one leaves a
    score over ``lensum`` at or above ``cut``."""
    least = _least_indel(a, b)
    if lensum and 100.0 - 100.0 * least / lensum < cut:
        return least
    return len(a) + len(b) - 2 * _lcs(a, b)


def ratio_bound(a: str, b: str, cut: float = 101.0) -> float:
    """At least ``fuzz.ratio(a, b)``; exactly it when the bound is at or above ``cut``."""
    total = len(a) + len(b)
    return 100.0 if not total else 100.0 - 100.0 * _indel(a, b, cut, total) / total


def token_set_bound(a: str, b: str, cut: float = 101.0) -> float:
    """At least ``fuzz.token_set_ratio(a, b)``; exactly it when the bound is at or above ``cut``.
    Its three ratios as rapidfuzz computes them, the distance it needs bounded first by the
    character counts."""
    tokens_a, tokens_b = set(a.split()), set(b.split())
    if not tokens_a or not tokens_b:
        return 0.0
    sect = tokens_a & tokens_b
    diff_ab, diff_ba = tokens_a - tokens_b, tokens_b - tokens_a
    if sect and (not diff_ab or not diff_ba):
        return 100.0
    joined_ab, joined_ba = " ".join(sorted(diff_ab)), " ".join(sorted(diff_ba))
    ab_len, ba_len = len(joined_ab), len(joined_ba)
    sect_len = len(" ".join(sect))
    sect_ab_len = sect_len + (sect_len != 0) + ab_len
    sect_ba_len = sect_len + (sect_len != 0) + ba_len
    lensum = sect_ab_len + sect_ba_len
    best = 0.0
    if sect_len:
        best = max(
            100.0 - 100.0 * (1 + ab_len) / (sect_len + sect_ab_len),
            100.0 - 100.0 * (1 + ba_len) / (sect_len + sect_ba_len),
        )
    if not lensum:
        return 100.0
    return max(best, 100.0 - 100.0 * _indel(joined_ab, joined_ba, cut, lensum) / lensum)


def use_rapidfuzz() -> bool:
    """Whether to ask rapidfuzz rather than the bounds: once it is loaded (by an earlier block, or
    a batch's workers up front), or once this process has spared it _SPARE_PAIRS pairs."""
    _spared[0] += 1
    return "rapidfuzz.fuzz" in sys.modules or _spared[0] > _SPARE_PAIRS


def may_reach_ratio(a: str, b: str, cut: float) -> bool:
    """Whether ``fuzz.ratio(a, b)`` may be ``cut`` or more: False only when it cannot be."""
    return use_rapidfuzz() or ratio_bound(a, b, cut - MARGIN) >= cut - MARGIN


def ratio_reaches(a: str, b: str, cut: float) -> bool:
    """``fuzz.ratio(a, b) >= cut``, rapidfuzz loaded only when the bound cannot say no."""
    if not may_reach_ratio(a, b, cut):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= cut
