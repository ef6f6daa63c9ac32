"""Personal data in answers: e-mail addresses, UK telephone numbers, NHS numbers and National
Insurance numbers. Found ones are reported as warnings (never repeating the value itself);
with ``--redact`` they are replaced in the output.

The submitter's own details are removed unconditionally elsewhere (``contact.py``); this is for
anyone else's details that an answer happens to contain. The e-mail and telephone rules here are
the only ones: ``contact`` reads the submitter's details with them too.

Every pattern runs in linear time: Python's regex engine backtracks, so a pattern that can try a
long run of characters from every starting point is quadratic (a 300 KB run of apostrophes took
52 s). Runs are consumed possessively (``++``) after a look-behind that refuses to start inside
one, and repetitions that must be able to give back are bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from wres_convert.model import (
    Block,
    Cell,
    Control,
    Heading,
    ListItem,
    Paragraph,
    Picture,
    Span,
    Table,
    leaves,
    plain_text,
    value,
)
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.needles import APOSTROPHE_MARKS
from wres_convert.text.normalise import digits_of
from wres_convert.values import replace

# Not preceded by a letter or digit; an underscore does not count, so "report_07700 900123" (a
# file name) still has its number found.
NOT_AFTER_ALNUM = r"(?<![^\W_])"
NOT_BEFORE_ALNUM = r"(?![^\W_])"
# A word in a file name, run together with others: bounded by anything but a letter (digits,
# "_", "-", "."), or by a change of case ("WRES_JaneSmithReturn", "WRESJaneSmith"). Never inside
# a longer word.
WORD_START = r"(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]))"
WORD_END = r"(?:(?![^\W\d_])|(?<=[a-z])(?=[A-Z]))"
# The same with no space either side, for a word that could be an ordinary one in prose: an
# initial glued to a surname ("jsmith_WRES", but "across" for A. Cross, "Trust" for T. Rust).
TIGHT_START = r"(?<![^\W\d_])(?<!\s)"
TIGHT_END = r"(?![^\W\d_])(?!\s)"

# The local part may hold apostrophes (o'brien@…, o’brien@… as Word types it); the look-behind
# stops a search from starting again inside a run it has already tried.
EMAIL = patterns.compile(rf"(?<![\w.+{APOSTROPHE_MARKS}-])[\w.+{APOSTROPHE_MARKS}-]++@[\w-]++(?:\.[\w-]++)++")
# UK numbers as people type them: 01246 512618, 01246/512618, +44 (0)113 496 0412, 07700-900-123,
# and in file names 07700_900123. Ten or eleven digits with 0, nine or ten after +44.
# Word types " – " for " - " as it goes, and its non-breaking hyphen is U+2011: any dash may part
# the digits.
_PHONE_SEP = r"[\s().\/_\-‐‑‒–—−]"
_PHONE_DIGITS = rf"\d(?:{_PHONE_SEP}{{0,3}}+\d){{8,9}}"  # after the 0 or +44, however spaced
PHONE = patterns.compile(
    rf"{NOT_AFTER_ALNUM}(?<!\+)(?:(?:\+|00)44[\s_-]?(?:\(0\)[\s_-]?)?|\(?0){_PHONE_DIGITS}(?!\d)"
)
# Six digits or more, however spaced: every match of a known number (``spaced_digits``) lies in one.
_DIGIT_RUN = lazy_pattern(rf"\d(?:{_PHONE_SEP}{{0,3}}+\d){{5,}}+")
_NHS_DIGITS = r"\d{3}[ -]?\d{3}[ -]?\d{4}"
_NI_DIGITS = r"\d{2} ?\d{2} ?\d{2} ?[A-D]"  # an NI number's digits and suffix


def _phone_ok(match: re.Match[str]) -> bool:
    # One slash at most (after the area code): "01/02/2023 01/02/2024" is two dates, not a number.
    text = match.group(0)
    if text.count("/") > 1:
        return False
    # Parted by dots or by dashes a range would have (spaced, or an en dash) into three or more
    # runs of one or two digits after any +44 (0), it is dates or a series ("01.04.19 – 31.3.20",
    # "08 – 12 – 14 – 16"), where a number in pairs is hyphenated ("07700-90-01-23").
    if _RANGE_MARK.search(text) is None:
        return True
    body = _INTERNATIONAL.sub("", text)
    return sum(len(run) <= 2 for run in _DIGIT_RUNS.findall(body)) < 3


_RANGE_MARK = patterns.compile(r"[.–—−]|\s[\-‐‑‒]|[\-‐‑‒]\s")
_INTERNATIONAL = patterns.compile(r"^(?:\+|00)44[\s_-]?(?:\(0\)[\s_-]?)?")
_DIGIT_RUNS = patterns.compile(r"\d+")


def _nhs_checksum(match: re.Match[str]) -> bool:
    """NHS numbers carry a modulus-11 check digit: most ten-digit numbers are not one."""
    digits = [int(d) for d in digits_of(match.group(0))]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


_DIGIT = patterns.compile(r"\d")


@lru_cache(maxsize=64)  # asked by three detectors of each text in turn
def _digits(text: str) -> int:
    """How many characters of ``text`` the patterns' ``\\d`` matches (any Unicode decimal digit)."""
    if text.isascii():  # the usual case: ten C-level counts, no match objects
        return sum(map(text.count, "0123456789"))
    return len(_DIGIT.findall(text))


def _has_at(text: str) -> bool:
    return "@" in text


def spaced_digits(digits: str) -> str:
    """A pattern for ``digits`` spaced as people type numbers: up to three separators between any
    two ("01246 512618", "01246/51-26-18")."""
    return f"{_PHONE_SEP}{{0,3}}+".join(digits)


class Digits:
    """A needle for ``spaced_digits(digits)`` (six digits or more), found without compiling it:
    each run of digits spaced that way is read for its digits, and a match of the pattern is
    always inside one run (the runs stop where the pattern must: at four separators, or at
    anything else), so ``digits`` is then within the run's digits."""

    def __init__(self, digits: str) -> None:
        self._digits = digits

    def search(self, text: str) -> object | None:
        if _digits(text) < len(self._digits):
            return None
        runs = _DIGIT_RUN().finditer(text)
        return True if any(self._digits in digits_of(m.group(0)) for m in runs) else None


def at_least_digits(n: int, part: str | None = None) -> Callable[[str], bool]:
    """So many digits, and where there are, ``part``: a piece of the pattern every match holds,
    without the look-behind that the engine must try at every character (about half the cost)."""
    if part is None:
        return lambda text: _digits(text) >= n
    needle = patterns.compile(part)
    return lambda text: _digits(text) >= n and needle.search(text) is not None


@value
class Detector:
    kind: str  # for messages: "an e-mail address"
    label: str  # the replacement text with --redact
    pattern: re.Pattern[str]
    valid: Callable[[re.Match[str]], bool] = lambda m: True
    # What any match needs of the whole text, cheaper to check than the pattern is to run (an "@",
    # so many digits): most answers have neither, and the pattern is then not run, as it could
    # find nothing. Only a condition every match implies belongs here, never a guess.
    needs: Callable[[str], bool] = lambda text: True

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.needs(text):
            return iter(())
        return (m for m in self.pattern.finditer(text) if self.valid(m))

    def finder(self) -> Finder:
        return finder(self.pattern, self.valid, self.needs)


EMAILS = Detector("an e-mail address", "[email removed]", EMAIL, needs=_has_at)  # a literal "@"
# "0" and nine more digits, or "44" (after "+" or "00") and nine more: ten digits at least.
PHONES = Detector(
    "a telephone number", "[phone number removed]", PHONE, _phone_ok, at_least_digits(10, _PHONE_DIGITS)
)
DETECTORS = (
    EMAILS,
    Detector(
        "an NHS number",
        "[NHS number removed]",
        patterns.compile(rf"(?<![\d-]){_NHS_DIGITS}(?![\d-])"),
        _nhs_checksum,
        at_least_digits(10, _NHS_DIGITS),
    ),
    Detector(
        "a National Insurance number",
        "[NI number removed]",
        # Two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A-D.
        patterns.compile(rf"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?{_NI_DIGITS}\b"),
        needs=at_least_digits(6, _NI_DIGITS),
    ),
    PHONES,
)


# Finding and removing character ranges in text that formatting may split.

Finder = Callable[[str], Iterable[tuple[int, int]]]
# Markup and invisible characters that can sit inside a name or an address without changing what
# a reader sees: "**jane.smith**@nhs.net", "Ja\u200bne Smith". They are skipped when searching.
_IGNORABLE = frozenset("*`\u00ad\u200b\u200c\u200d\u2060\ufeff")
_IGNORABLE_RE = patterns.compile("[" + re.escape("".join(sorted(_IGNORABLE))) + "]")
_KEPT_RE = lazy_pattern("[^" + re.escape("".join(sorted(_IGNORABLE))) + "]", re.S)


def finder(
    pattern: re.Pattern[str],
    valid: Callable[[re.Match[str]], bool] | None = None,
    needs: Callable[[str], bool] | None = None,
) -> Finder:
    """``needs``: what any match needs of the text (``Detector.needs``), checked first."""

    def find(text: str) -> Iterator[tuple[int, int]]:
        if needs is not None and not needs(text):
            return
        for m in pattern.finditer(text):
            if m.end() > m.start() and (valid is None or valid(m)):
                yield m.start(), m.end()

    return find


def finding(text: str, finders: Iterable[Finder]) -> list[Finder]:
    """The finders that find anything in ``text`` as ``find_ranges`` searches it: with markup
    and invisible characters skipped ("Ja\u200bne Smith" is the name)."""
    view = text if _IGNORABLE_RE.search(text) is None else _IGNORABLE_RE.sub("", text)
    return [f for f in finders if next(iter(f(view)), None) is not None]


def find_ranges(text: str, finders: Iterable[Finder]) -> list[tuple[int, int]]:
    """The merged ``(start, end)`` ranges of ``text`` that any finder matches, searching the text
    with markup and invisible characters skipped (a range covers those inside it)."""
    if _IGNORABLE_RE.search(text) is None:  # the usual case: search the text as it is
        found = sorted((a, b) for f in finders for a, b in f(text))
    else:
        index = [m.start() for m in _KEPT_RE().finditer(text)]
        view = _IGNORABLE_RE.sub("", text)
        found = sorted(_widen(text, index[a], index[b - 1] + 1) for f in finders for a, b in f(view))
    merged: list[tuple[int, int]] = []
    for a, b in found:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _widen(text: str, a: int, b: int) -> tuple[int, int]:
    """A found range with the markup touching it: "**jane**@nhs.net" goes whole."""
    while a > 0 and text[a - 1] in _IGNORABLE:
        a -= 1
    while b < len(text) and text[b] in _IGNORABLE:
        b += 1
    return a, b


def cut(text: str, ranges: list[tuple[int, int]], mark: str) -> str:
    out, pos = [], 0
    for a, b in ranges:
        out += [text[pos:a], mark]
        pos = b
    return "".join([*out, text[pos:]])


def searchable(inlines: tuple[Span, ...]) -> str:
    """The inlines' joined text to search for personal data: a note's mark stands as spaces of
    its length, so "Siara²" or "512618²" is still the name or the number, and positions line up
    with ``cut_spans``."""
    return "".join(" " * len(s.text) if s.note is not None else s.text for s in inlines)


def cut_spans(inlines: tuple[Span, ...], ranges: list[tuple[int, int]], mark: str) -> tuple[Span, ...]:
    """``inlines`` with the character ranges (of their joined text) taken out, ``mark`` standing
    in the span where each range starts: a name split over two runs is removed whole."""
    out: list[Span] = []
    pos = 0
    for s in inlines:
        lo, hi = pos, pos + len(s.text)
        pos = hi
        mine = [(max(a, lo) - lo, min(b, hi) - lo, a >= lo) for a, b in ranges if a < hi and b > lo]
        if not mine or s.note is not None:  # a note's mark is never personal data: it stays
            out.append(s)
            continue
        text, at = [], 0
        for a, b, starts_here in mine:
            text += [s.text[at:a], mark if starts_here else ""]
            at = b
        text.append(s.text[at:])
        new = "".join(text)
        if new:
            out.append(replace(s, text=new))
    return tuple(out)


def map_inlines(
    blocks: tuple[Block, ...], change: Callable[[tuple[Span, ...]], tuple[Span, ...]]
) -> tuple[Block, ...]:
    """The blocks with ``change`` applied to each paragraph's, heading's and item's inlines, in
    tables, form controls and notes too."""

    def noted(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        out = []
        for s in inlines:
            blocks = map_inlines(s.note.blocks, change) if s.note else ()
            out.append(
                replace(s, note=replace(s.note, blocks=blocks)) if s.note and blocks != s.note.blocks else s
            )
        return tuple(out)

    def block(b: Block) -> Block:
        if isinstance(b, Table):
            return Table(
                tuple(
                    tuple(Cell(map_inlines(c.blocks, change), c.colspan, c.rowspan) for c in row)
                    for row in b.rows
                )
            )
        if isinstance(b, Control):
            return replace(b, blocks=map_inlines(b.blocks, change))
        if isinstance(b, (Heading, Paragraph, ListItem)):
            new = noted(change(b.inlines))
            return b if new == b.inlines else replace(b, inlines=new)
        if isinstance(b, Picture):
            # Alt text and title are published too (as alt and title), so they are cleaned as
            # text is; each is searched whole, as a paragraph is.
            alt, title = _text_changed(b.alt, change), _text_changed(b.title, change)
            caption = noted(change(b.caption)) if b.caption else b.caption
            if (alt, title, caption) == (b.alt, b.title, b.caption):
                return b
            return replace(b, alt=alt, title=title, caption=caption)
        return b

    return tuple(block(b) for b in blocks)


def _text_changed(text: str, change: Callable[[tuple[Span, ...]], tuple[Span, ...]]) -> str:
    return plain_text(change((Span(text),))) if text else text


@value
class Finding:
    kind: str
    where: str  # the section heading or unpublished label


def spans_of(blocks: tuple[Block, ...]) -> list[Span]:
    """Every span in the blocks, tables, controls and notes included; a picture's alt text and
    title too, which are published as well."""
    out: list[Span] = []
    for b in leaves(blocks):
        if isinstance(b, Picture):
            out.extend(Span(t) for t in (b.alt, b.title) if t)
        out.extend(b.inlines)
        for s in b.inlines:
            if s.note:
                out.extend(spans_of(s.note.blocks))
    return out


def find(blocks: tuple[Block, ...], where: str) -> list[Finding]:
    """What personal data the blocks hold, one finding per kind."""
    text = "\n".join(s.text + " " + (s.href or "") for s in spans_of(blocks))
    found = []
    for d in DETECTORS:
        ranges = find_ranges(text, [d.finder()])
        if ranges:
            found.append(Finding(d.kind, where))
            text = cut(text, ranges, " ")  # an e-mail's digits are not also a phone number
    return found


def redact_text(text: str) -> str:
    """``text`` with every detected item replaced by its label."""
    for d in DETECTORS:
        text = cut(text, find_ranges(text, [d.finder()]), d.label)
    return text


def _redact_inlines(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
    for d in DETECTORS:
        found = find_ranges(searchable(inlines), [d.finder()])
        if found:
            inlines = cut_spans(inlines, found, d.label)
    # A link to a detected item goes: its text stays, with the item replaced.
    return tuple(
        s if s.href is None or redact_text(s.href) == s.href else replace(s, href=None) for s in inlines
    )


def redact(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with every detected item replaced by its label; links to them are dropped."""
    return map_inlines(blocks, _redact_inlines)
