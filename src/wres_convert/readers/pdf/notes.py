"""Footnotes printed at the foot of a PDF page, taken out of the text and hung on their marks.

A footnote is small text at the bottom of its page, set apart from the text above by more than a
line's space, that starts with a mark ("1", "*", "†"); the same mark is printed raised
(``Char.script``) in the text above it, right after a word or a stop. Numbered notes count up
through the document (a page may also start again at 1). Each note becomes a ``Note`` carried
by the span of its mark (``Char.note``), so its text never runs into the answer it interrupts and
the mark is never glued to the word before it.

Taking text for a note moves it, so every test must pass: small print whose marks call nothing,
"40 m²" or "10³" above a line that starts with a number, or a note line that starts "1 in 5",
all stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from wres_convert.model import Note, Paragraph, Span, merge_spans, strip_inlines
from wres_convert.readers.pdf.layout import Char, Line, body_size
from wres_convert.text import patterns
from wres_convert.values import record

_MARK = patterns.compile(r"^\s*(\d{1,3}|[*†‡§¶]{1,3})(?=[\s.):]|$)")
_SMALL = 0.92  # a note's text is at most this share of the body's size
_APART = 1.5  # ems of the body between the text above and the first note: a rule and a gap
_MOST_LINES = 20  # a page's notes rarely run longer; it also bounds the search
_MARKS = frozenset("*†‡§¶")
_AFTER = frozenset(".,;:!?)]'\"’”")  # a mark may follow these, or a word of two letters or more


@record(eq=False)
class _Call:
    """A raised mark in the text: its glyphs and the line they are on."""

    mark: str
    glyphs: list[Char]
    line: Line
    likely: bool  # after a word of two letters or more, or a stop: not "m²" or "10³"


def _calls(line: Line) -> list[_Call]:
    """The raised digits or note symbols in a line that end a word: before a space, a stop or the
    line's end. Those after a word of two letters or more, or a stop, are likely marks; the rest
    ("m²", "10³", or a mark glued to a phone number) are taken only when a note needs them."""
    out: list[_Call] = []
    chars = line.chars
    k = 0
    while k < len(chars):
        c = chars[k]
        if not (c.script == 1 and (c.text.isdigit() or c.text in _MARKS)):
            k += 1
            continue
        end = k
        while (
            end < len(chars)
            and chars[end].script == 1
            and (chars[end].text.isdigit() or chars[end].text in _MARKS)
        ):
            end += 1
        before = "".join(ch.text for ch in chars[max(0, k - 2) : k])
        after = chars[end].text if end < len(chars) else " "
        likely = before[-1:] in _AFTER or (len(before) == 2 and before.isalpha())
        if k > 0 and (after.isspace() or after in _AFTER):
            out.append(_Call("".join(ch.text for ch in chars[k:end]), chars[k:end], line, likely))
        k = end
    return out


def _note_start(line: Line) -> tuple[str, int] | None:
    """The mark a note line starts with, and the index of the glyph after it."""
    m = _MARK.match(line.text)
    if not m:
        return None
    end = m.end(1)
    while end < len(line.chars) and line.chars[end].text in " .):":
        end += 1
    return m.group(1), end


def _feet(lines: Sequence[Line], order: list[int]) -> list[list[int]]:
    """The runs of lines at the foot of a page, in reading order, all smaller than the body text
    above them, below a gap, that start with a note's mark: the shortest first."""
    out: list[list[int]] = []
    starts: list[int] = []
    largest = 0.0
    for k in range(len(order) - 1, max(0, len(order) - 1 - _MOST_LINES), -1):
        line = lines[order[k]]
        largest = max(largest, line.size)
        body = body_size([lines[i] for i in order[:k]], default=0.0)  # _MOST_LINES bounds the cost
        if not body or largest > _SMALL * body:
            break
        above = lines[order[k - 1]]
        if _note_start(line):
            starts.append(k)
        if line.baseline - above.baseline > _APART * body:
            out = [order[j:] for j in starts]  # the notes start at or below the gap
    return out


def split_notes(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines without the footnotes at the foot of each page, and how many were found. Each
    note's mark glyphs in the text above get the ``Note``."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_page[line.page].append(i)
    taken: set[int] = set()
    found = 0
    expected = 1  # the next note number, as they count up through the document
    for page in sorted(by_page):
        order = sorted(by_page[page], key=lambda i: lines[i].baseline)
        calls: dict[str, list[_Call]] = defaultdict(list)
        notes: list[tuple[str, list[int]]] = []
        doubt = 0
        for foot in _feet(lines, order):
            # The notes are the foot run read with fewest lines that look like a note's start
            # but are not (a small list above them would take their numbers), the longest then.
            found_calls: dict[str, list[_Call]] = defaultdict(list)
            for i in order:
                if i not in foot:
                    for call in _calls(lines[i]):
                        found_calls[call.mark].append(call)
            for candidates in found_calls.values():
                candidates.sort(key=lambda call: not call.likely)  # stable: reading order within
            parsed, odd = _notes(lines, foot, found_calls, expected)
            if parsed and (not notes or odd < doubt or odd == doubt):
                notes, doubt, calls = parsed, odd, found_calls
        if not notes:
            continue  # small print whose marks call nothing here: text, as printed
        for mark, members in notes:
            call = calls[mark].pop(0)
            note = _note(lines, members)
            for glyph in call.glyphs:
                glyph.note = note
            # The mark is set plain even on a bold heading: the line is as bold as its words.
            words = [c for c in call.line.chars if not c.text.isspace() and c.note is None]
            call.line.bold = bool(words) and all(c.bold for c in words)
            taken.update(members)
            found += 1
            if mark.isdigit():
                expected = int(mark) + 1
    return [line for i, line in enumerate(lines) if i not in taken], found


def _notes(
    lines: Sequence[Line], foot: list[int], calls: dict[str, list[_Call]], expected: int
) -> tuple[list[tuple[str, list[int]]], int]:
    """The foot's lines as notes, each with the lines it runs over, and how many lines that start
    like a note were read as running on; [] unless every note has a mark above that calls it and
    the numbers count up from ``expected`` (or from 1). A line that starts with a number that is
    not the next note's ("1 in 5 staff…") continues its note."""
    out: list[tuple[str, list[int]]] = []
    odd = 0
    style = ""
    left = {mark: len(found) for mark, found in calls.items()}
    for i in foot:
        start = _note_start(lines[i])
        mark = start[0] if start else ""
        kind = _style(lines[i], mark) if start else ""
        fits = not out or kind == style
        if start and fits and left.get(mark, 0) > 0 and _follows(mark, out[-1][0] if out else None, expected):
            left[mark] -= 1
            style = kind
            out.append((mark, [i]))
        elif out:
            out[-1][1].append(i)
            odd += start is not None and kind != style  # "1." items taking "1 …" notes' numbers
        else:
            return [], 0
    return out, odd


def _style(line: Line, mark: str) -> str:
    """How a note line writes its mark: "1 …", "1. …" or "1) …"."""
    after = line.text.lstrip()[len(mark) : len(mark) + 1]
    return after if after in ".)" else " "


def _follows(mark: str, previous: str | None, expected: int) -> bool:
    if not mark.isdigit():
        return previous is None or not previous.isdigit()
    if previous is None:
        return int(mark) in (expected, 1)
    return previous.isdigit() and int(mark) == int(previous) + 1


def _note(lines: Sequence[Line], members: list[int]) -> Note:
    spans: list[Span] = []
    for k, i in enumerate(members):
        line = lines[i]
        start = _note_start(line)
        first = start[1] if k == 0 and start else 0
        part = [Span(s.text, s.bold, s.italic, s.href) for s in line.inlines(first)]
        if spans and part:
            if spans[-1].text.endswith("-") and part[0].text[:1].islower():
                spans[-1] = Span(spans[-1].text[:-1], spans[-1].bold, spans[-1].italic, spans[-1].href)
            else:
                spans.append(Span(" "))
        spans.extend(part)
    return Note((Paragraph(strip_inlines(merge_spans(spans))),))
