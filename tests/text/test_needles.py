"""Needles never say no where their pattern matches (issue 18): a needle that missed would leave a
submitter's name, address or number on the page. Each is held against the pattern it stands for,
on texts built from the characters that make case-blind matching hard."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from wres_convert.casestudy.privacy import Digits, spaced_digits
from wres_convert.text.needles import APOSTROPHE_MARKS, APOSTROPHES, Literals

# Every character that re.IGNORECASE pairs with an ASCII letter (İ ı ſ and the Kelvin sign), other
# letters with case, both apostrophes, digits, separators.
HARD = "İıſ\u212akKsSiIjJéÉßẞσςΣ'’ .-_@0123456789"
ASCII_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.-_@0123456789", min_size=1, max_size=8
)
ANY_WORD = st.text(alphabet=HARD + "abcxyzABC", min_size=1, max_size=8)


def _pattern(forms: list[str], *, ignore_case: bool, apostrophes: str) -> re.Pattern[str]:
    escaped = [re.escape(f) for f in forms]
    if apostrophes:
        mark = APOSTROPHES + ("?" if apostrophes == "optional" else "")
        escaped = [f.translate(str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, mark))) for f in escaped]
    return re.compile(f"(?i:{'|'.join(escaped)})" if ignore_case else "|".join(escaped))


def _text(forms: list[str], noise: str, data: st.DataObject) -> str:
    """Noise with one form written into it in some case, sometimes with its apostrophes curled."""
    form = data.draw(st.sampled_from(forms))
    written = "".join(data.draw(st.sampled_from(sorted({c, c.upper(), c.lower()}))) for c in form)
    twins = {"i": "İı", "I": "İı", "s": "ſ", "S": "ſ", "k": "\u212a", "K": "\u212a"}
    written = "".join(data.draw(st.sampled_from([c, *twins.get(c, "")])) for c in written)
    marks = [*APOSTROPHE_MARKS, ""]  # any apostrophe for any other, or none
    written = "".join(data.draw(st.sampled_from(marks)) if c in APOSTROPHE_MARKS else c for c in written)
    cut = data.draw(st.integers(0, len(noise)))
    return noise[:cut] + written + noise[cut:]


@settings(max_examples=400, deadline=None)
@given(
    forms=st.lists(st.one_of(ASCII_WORD, ANY_WORD), min_size=1, max_size=4),
    noise=st.text(alphabet=HARD + "abcXYZ\n", max_size=30),
    ignore_case=st.booleans(),
    apostrophes=st.sampled_from(["", "any", "optional"]),
    data=st.data(),
)
@example(forms=["smith"], noise="", ignore_case=True, apostrophes="", data=None)
@example(forms=["N'Go'la"], noise="Ann N'Gola", ignore_case=False, apostrophes="optional", data=None)
def test_literals_are_found_wherever_their_alternation_matches(
    forms: list[str], noise: str, ignore_case: bool, apostrophes: str, data: st.DataObject | None
) -> None:
    needle = Literals(forms, ignore_case=ignore_case, apostrophes=apostrophes)
    pattern = _pattern(forms, ignore_case=ignore_case, apostrophes=apostrophes)
    texts = [noise, "SMİTH ſmith \u212aate"] if data is None else [noise, _text(forms, noise, data)]
    for text in texts:
        if pattern.search(text):
            assert needle.search(text) is not None, (forms, text, ignore_case, apostrophes)


def test_literals_case_aside_read_the_ascii_twins_as_their_letters() -> None:
    needle = Literals(["smith", "kate"], ignore_case=True)
    for text in ("Mrs SMİTH", "ſmith", "\u212aATE", "KATE", "kAtE."):
        assert needle.search(text) is not None, text
    assert needle.search("Smyth and Kat") is None
    assert Literals(["Smith"]).search("smith") is None  # case-sensitive unless asked
    assert Literals(["O'Brien"], apostrophes="any").search("O’Brien") is not None
    assert Literals(["O'Brien"], apostrophes="any").search("OBrien") is None
    assert Literals(["N'Go'la"], apostrophes="optional").search("N`Gola") is not None
    assert Literals(["O'Brien"]).search("O’Brien") is None


SEPARATORS = st.text(alphabet=" ()./_-\t", max_size=3)


@settings(max_examples=400, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=6, max_size=11),
    before=st.text(alphabet="0123456789 -()+4x٣", max_size=12),
    after=st.text(alphabet="0123456789 -()x٣", max_size=12),
    data=st.data(),
)
def test_digits_are_found_wherever_the_spaced_number_matches(
    digits: str, before: str, after: str, data: st.DataObject
) -> None:
    written = digits[0] + "".join(data.draw(SEPARATORS) + d for d in digits[1:])
    text = before + written + after
    pattern = re.compile(spaced_digits(digits))
    assert pattern.search(text)  # the number as written always matches its own pattern
    assert Digits(digits).search(text) is not None, (digits, text)
    noisy = data.draw(st.text(alphabet="0123456789 .-/()_x", max_size=40))
    if pattern.search(noisy):
        assert Digits(digits).search(noisy) is not None, (digits, noisy)


def test_digits_say_no_where_the_number_is_not() -> None:
    needle = Digits("1246512618")
    assert needle.search("Ring 01246 512618") is not None
    assert needle.search("Ring 01246    512618") is None  # four spaces part a number
    assert needle.search("Ring 01246 51 26 1") is None
    assert needle.search("no digits here") is None
