"""Footnotes printed at the foot of a PDF page, taken out of the text and hung on their marks.

A footnote is small text at the bottom of its page that starts with a mark ("1", "*", "†"), where
the same mark is printed raised (``Char.script``) in the text above it on that page. Each note
becomes a ``Note`` carried by the span of its mark (``Char.note``), so its text never runs into
the answer it interrupts and the mark is never glued to the word before it. Small print at the
foot of a page whose marks call nothing stays where it is, as text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from wres_convert.model import Note, Paragraph, Span, merge_spans, strip_inlines
from wres_convert.readers.pdf.layout import Char, Line

_MARK = re.compile(r"^\s*(\d{1,3}|[*†‡§¶]{1,3})(?=[\s.):]|$)")
_SMALL = 0.92  # a note's text is at most this share of the body's size
_MARKS = frozenset("*†‡§¶")


def body_size(lines: Sequence[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _raised_marks(line: Line) -> list[tuple[str, list[Char]]]:
    """The runs of raised digits or note symbols in a line, each with its glyphs."""
    out: list[tuple[str, list[Char]]] = []
    run: list[Char] = []
    for c in [*line.chars, None]:
        if c is not None and c.script == 1 and (c.text.isdigit() or c.text in _MARKS):
            run.append(c)
            continue
        if run:
            out.append(("".join(ch.text for ch in run), run))
            run = []
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


def _foot(lines: Sequence[Line], order: list[int]) -> list[int]:
    """The longest run of lines at the foot of a page, in reading order, all smaller than the
    body text above them, that starts with a note's mark; [] when there is none."""
    best: list[int] = []
    for k in range(len(order) - 1, 0, -1):
        foot, rest = order[k:], order[:k]
        if max(lines[i].size for i in foot) > _SMALL * body_size([lines[i] for i in rest]):
            break
        if _note_start(lines[foot[0]]):
            best = foot
    return best


def split_notes(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines without the footnotes at the foot of each page, and how many were found. Each
    note's mark glyphs in the text above get the ``Note``."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_page[line.page].append(i)
    taken: set[int] = set()
    found = 0
    for idx in by_page.values():
        order = sorted(idx, key=lambda i: lines[i].baseline)
        foot = _foot(lines, order)
        if not foot:
            continue
        starts = [k for k, i in enumerate(foot) if _note_start(lines[i])]
        above = [lines[i] for i in order if i not in foot]
        marks: dict[str, list[list[Char]]] = defaultdict(list)
        for line in above:
            for text, glyphs in _raised_marks(line):
                marks[text].append(glyphs)
        notes: list[tuple[str, list[int]]] = []
        for n, k in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(foot)
            start = _note_start(lines[foot[k]])
            assert start is not None
            notes.append((start[0], foot[k:stop]))
        if not all(marks.get(mark) for mark, _ in notes):
            continue  # small print whose marks call nothing here: text, as printed
        for mark, members in notes:
            note = _note(lines, members)
            for glyph in marks[mark].pop(0):
                glyph.note = note
            taken.update(members)
            found += 1
    return [line for i, line in enumerate(lines) if i not in taken], found


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
