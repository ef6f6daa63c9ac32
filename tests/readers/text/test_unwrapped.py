"""Unwrapped plain text: a paragraph a line, no blank lines between (Word's and LibreOffice's
"plain text", a message sent unwrapped). table-libreoffice.txt is LibreOffice's export of a
question/answer table return (fixtures/make_pdf_fixtures.py, BORDERLESS_ROWS): each cell a line.
The Chesterfield return in the same form, and this return read end to end, are in
test_crossformat.py."""

from __future__ import annotations

import textwrap

from helpers import FIXTURES
from wres_convert.model import Paragraph
from wres_convert.readers.text.build import read_lines

TABLE_TEXT = FIXTURES / "text-exports" / "table-libreoffice.txt"
LONG = (
    "We gave every ward a named lead for abuse from the public, and every report is now followed "
    "up by a manager within a day so that staff know the trust stands behind them."
)


def paragraphs(text: str) -> list[str]:
    blocks, _ = read_lines(text, [])
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_each_line_of_unwrapped_text_is_its_own_paragraph() -> None:
    blocks, _ = read_lines(TABLE_TEXT.read_text(encoding="utf-8-sig"), [])
    assert [b.text for b in blocks[:8]] == [
        "Sharing good practice: case studies",
        "Organisation name:",
        "Harrowgate Vale NHS Foundation Trust",
        "Your name and job title:",
        "Jo Okafor, Head of Inclusion",
        "Contact details:",
        "jo.okafor@nhs.net Tel: 0113 496 0731",
        "Which WRES indicators has your organisation improved on? Please provide details.",
    ]


def test_wrapped_lines_are_still_one_paragraph_and_long_ones_each_their_own() -> None:
    wrapped = "\n".join(textwrap.wrap(LONG, 72))
    assert paragraphs(f"{wrapped}\n{wrapped}") == [f"{LONG} {LONG}"]  # wrapped: lines run on
    assert paragraphs(f"{LONG}\n{LONG}\n{LONG}") == [LONG, LONG, LONG]


def test_a_short_title_after_a_finished_paragraph_is_a_subheading_in_unwrapped_text() -> None:
    fields = "Organisation name:\nHarrowgate Vale NHS Trust\n"
    blocks, _ = read_lines(f"{LONG}\nChanges to shortlisting\n{LONG}\n{fields}{LONG}\n", [])
    # "Harrowgate Vale NHS Trust" is a value under its label, not a sub-heading.
    assert [(type(b).__name__, b.text[:23]) for b in blocks] == [
        ("Paragraph", LONG[:23]),
        ("Heading", "Changes to shortlisting"),
        ("Paragraph", LONG[:23]),
        ("Paragraph", "Organisation name:"),
        ("Paragraph", "Harrowgate Vale NHS Tru"),
        ("Paragraph", LONG[:23]),
    ]


def test_a_long_disclaimer_leaves_a_wrapped_message_wrapped() -> None:
    body = "\n".join(textwrap.wrap(LONG, 72))
    disclaimer = (
        "This e-mail and any files sent with it are confidential and intended solely for the use of the "
        "person or organisation to whom it is addressed."
    )
    text = f"Hi Sam,\n\n{body}\n\n{body}\n\nBest wishes\n\n{disclaimer}\n{disclaimer}\n"
    assert paragraphs(text).count(LONG) == 2  # each wrapped paragraph is still one


def test_thousands_of_label_lines_read_without_running_out_of_stack() -> None:
    blocks, _ = read_lines("what we did\n" * 3000, [])
    assert len(blocks) == 3000
