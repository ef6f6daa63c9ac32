"""The quoted-reply cutter on long texts: thousands of lines that look like mail header fields, or
of a producer's quote marks, are read once each. The inputs are big enough that reading each run
of fields again from every line (or each mark list again for every block) would take minutes; the
tests assert what is kept, never how fast."""

from __future__ import annotations

from wres_convert.model import Block, Paragraph, Span
from wres_convert.readers.replies import cut_history
from wres_convert.readers.text import read as read_text

RETURN = " ".join(["We ran reciprocal mentoring for nursing staff across the trust."] * 5)
N = 20_000


def P(text: str) -> Paragraph:
    return Paragraph((Span(text),))


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_a_long_run_of_field_lines_that_is_no_header_is_kept() -> None:
    blocks = [P(RETURN), *(P(f"To: person {i}") for i in range(N))]
    assert cut_history(blocks) == (blocks, [])


def test_a_long_header_is_one_header() -> None:
    fields = [P(f"From: person {i}") for i in range(N)]
    blocks = [
        P("Please see below."),
        *fields,
        P("Sent: today"),
        P(RETURN),
        *fields,
        P("Date: then"),
        P("old"),
    ]
    kept, said = cut_history(blocks)
    assert texts(kept) == ["Please see below.", RETURN]
    assert [w.code for w in said] == ["quoted-message"] and f"({N + 2} blocks)" in said[0].message


def test_many_quote_marks_with_little_between_are_each_passed_once() -> None:
    blocks = [P("x") for _ in range(5 * N)]
    assert cut_history(blocks, tuple(range(0, 5 * N, 2))) == (blocks, [])


def test_a_text_return_of_field_lines_is_read() -> None:
    text = "WRES case study\n\nWhat we did: a thing\n\n" + "\n\n".join(
        f"To: person {i}" for i in range(5_000)
    )
    doc = read_text(text.encode())
    assert "To: person 4999" in doc.blocks[-1].text
    assert not [w for w in doc.warnings if w.code == "quoted-message"]
