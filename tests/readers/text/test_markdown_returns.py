"""A return typed as Markdown is read as Markdown when it clearly is one: its marks become
structure and never reach the page; other text keeps its asterisks and hashes as typed."""

from __future__ import annotations

from wres_convert.model import Heading, ListItem
from wres_convert.readers.text import read
from wres_convert.run.convert import convert_bytes, render

RETURN = """# Sharing good practice: case studies

## Your details

**Organisation name:** Example NHS Trust
**Your name and job title:** Jane Smith, EDI Lead

## Which WRES indicators has your organisation improved on? Please provide details of the progress made.

**Indicator 5: harassment from the public**

It fell from 30% to 25%.

## Please describe your WRES initiative, its aims and any outcomes so far.

- We trained **every** manager
- We ran <script>alert(1)</script> events

## What challenges or barriers have you had to overcome?

Time.
"""


def test_a_markdown_return_loses_its_marks() -> None:
    cs = convert_bytes(RETURN.encode(), "return.txt")
    assert cs.organisation == "Example NHS Trust" and [i.number for i in cs.indicators] == [5]
    page = render(cs, "html")
    assert "**" not in page and "## " not in page and "<script>alert" not in page
    did = next(s for s in cs.sections if s.id == "what-they-did")
    assert all(isinstance(b, ListItem) for b in did.blocks)


def test_headings_are_read_as_headings() -> None:
    blocks = read(RETURN.encode()).blocks
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Sharing good practice: case studies"


def test_text_with_a_stray_hash_or_asterisks_is_plain_text() -> None:
    blocks = read(b"Our ratio improved by 2** points.\n\n# of staff trained: 40\n").blocks
    assert [b.text for b in blocks] == ["Our ratio improved by 2** points.", "# of staff trained: 40"]
