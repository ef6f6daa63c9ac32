"""Personal data in answers: e-mail addresses, UK telephone numbers, NHS numbers and National
Insurance numbers. Found ones are reported as warnings (never repeating the value itself);
with ``--redact`` they are replaced in the output.

The submitter's own details are removed unconditionally elsewhere (``contact.py``); this is for
anyone else's details that an answer happens to contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from wres_convert.model import Block, Cell, Control, Heading, ListItem, Paragraph, Span, Table


def _nhs_checksum(match: re.Match[str]) -> bool:
    """NHS numbers carry a modulus-11 check digit: most ten-digit numbers are not one."""
    digits = [int(d) for d in re.sub(r"\D", "", match.group(0))]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


@dataclass(frozen=True)
class Detector:
    kind: str  # for messages: "an e-mail address"
    label: str  # the replacement text with --redact
    pattern: re.Pattern[str]
    valid: Callable[[re.Match[str]], bool] = lambda m: True


DETECTORS = (
    Detector(
        "an e-mail address", "[email removed]", re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
    ),
    Detector(
        "an NHS number",
        "[NHS number removed]",
        re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])"),
        _nhs_checksum,
    ),
    Detector(
        "a National Insurance number",
        "[NI number removed]",
        # Two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A-D.
        re.compile(
            r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
        ),
    ),
    Detector(
        "a telephone number",
        "[phone number removed]",
        # UK numbers as people write them: 0113 496 0412, 07700 900123, +44 (0)20 7946 0000.
        re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s().-]?){9,10}(?![\d])"),
        lambda m: 10 <= len(re.sub(r"\D", "", m.group(0)).removeprefix("44")) <= 11,
    ),
)


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str  # the section heading or unpublished label


def spans_of(blocks: tuple[Block, ...]) -> list[Span]:
    """Every span in the blocks, tables and controls included."""
    out: list[Span] = []
    for b in blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    out.extend(spans_of(cell.blocks))
        elif isinstance(b, Control):
            out.extend(spans_of(b.blocks))
        else:
            out.extend(b.inlines)
    return out


def find(blocks: tuple[Block, ...], where: str) -> list[Finding]:
    """What personal data the blocks hold, one finding per kind."""
    text = "\n".join(s.text + " " + (s.href or "") for s in spans_of(blocks))
    found = []
    for d in DETECTORS:
        if any(d.valid(m) for m in d.pattern.finditer(text)):
            found.append(Finding(d.kind, where))
            text = d.pattern.sub(" ", text)  # an e-mail's digits are not also a phone number
    return found


def _redact_text(text: str) -> str:
    for d in DETECTORS:
        text = d.pattern.sub(lambda m, d=d: d.label if d.valid(m) else m.group(0), text)  # type: ignore[misc]
    return text


def redact(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with every detected item replaced by its label; links to them are dropped."""

    def spans(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        out = []
        for s in inlines:
            href = s.href if s.href is None or _redact_text(s.href) == s.href else None
            out.append(replace(s, text=_redact_text(s.text), href=href))
        return tuple(out)

    def block(b: Block) -> Block:
        if isinstance(b, Table):
            return Table(
                tuple(tuple(Cell(redact(c.blocks), c.colspan, c.rowspan) for c in row) for row in b.rows)
            )
        if isinstance(b, Control):
            return replace(b, blocks=redact(b.blocks))
        if isinstance(b, (Heading, Paragraph, ListItem)):
            return replace(b, inlines=spans(b.inlines))
        return b

    return tuple(block(b) for b in blocks)
