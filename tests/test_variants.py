"""The real Chesterfield return, changed the ways real returns differ, must still give exactly
the published sections: other encodings and line endings, e-mail quoting and signatures, lines
wrapped at 72 columns, other template versions' wordings, stray page furniture."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import pytest

from conftest import SAMPLES
from test_golden import expected_sections
from wres_convert.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

ORIGINAL = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")

# Wordings of the same questions in other versions of the template.
OTHER_VERSION = {
    "Sharing good practice: case studies": "WRES case studies: sharing what works",
    "Organisation name:": "Name of organisation:",
    "Your name and job title:": "Name and job title of person completing this form:",
    "What are your organisation's WRES objectives?": "What are your organisation's objectives under the WRES?",
    "Which WRES indicators has your organisation improved on? Please provide details of the progress made.": "Which WRES indicator(s) have you made progress on?",
    "Please describe your WRES initiative, its aims and any outcomes so far.": "Describe your initiative, its aims and outcomes to date",
    "What challenges or barriers have you had to overcome to achieve this progress. And what supports, enablers or valued partnerships have helped. And please describe any creative and innovative approaches you have adopted that have enabled you to make progress.": "What barriers or challenges did you face, and what helped you overcome them?",
    "Top tips:\n\nWhat learning could other organisations take from your example above?": "Top tips – what could other organisations learn?",
    "If you have a local template in which the initiative or case study is set out –a board or senior management team (SMT) report in which the initiative is set out or summarised with an assessment of progress or impact please attach a copy.": "Supporting documents:",
}
REWORDED = {  # worded by someone else again, in none of the known wordings
    "Please describe your WRES initiative, its aims and any outcomes so far.": "Please describe the initiative, its aims and the outcomes achieved so far:",
    "What challenges or barriers have you had to overcome to achieve this progress. And what supports, enablers or valued partnerships have helped. And please describe any creative and innovative approaches you have adopted that have enabled you to make progress.": "What challenges or barriers did you have to overcome, and what helped?",
}


def replace_all(text: str, table: dict[str, str]) -> str:
    for old, new in table.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def quoted_email(text: str) -> str:
    body = "\n".join(">" + (" " + line if line else "") for line in text.splitlines())
    return (
        "From: Ian Siara <ian.siara@nhs.net>\nSent: 14 January 2020 09:30\nTo: england.wres@nhs.net\n"
        "Subject: WRES case study\n\nPlease find our case study below.\n\n" + body + "\n"
    )


def with_signature(text: str) -> str:
    cut = text.index("If you have a local template")
    return (
        text[:cut]
        + "Kind regards,\n\nIan Siara\nDeputy Director of Workforce & OD\nTel: 01246 512618 | Mob: 07700 900456\n"
    )


def wrapped(text: str) -> str:
    """Hard-wrapped at 72 columns as many mail clients send it (list items keep their marker)."""
    out = []
    for line in text.splitlines():
        if "<" in line or len(line) <= 72:
            out.append(line)
            continue
        marker = re.match(r"^(- (?:[a-z]\) )?)", line)
        indent = " " * len(marker.group(1)) if marker else ""
        out.extend(textwrap.wrap(line, 72, subsequent_indent=indent, break_on_hyphens=False))
    return "\n".join(out) + "\n"


def page_furniture(text: str) -> str:
    cut = text.index("Please describe your WRES initiative")
    return (
        text[:cut]
        + "Page 1 of 2\n\n"
        + text[cut:].replace("c) Leadership initiatives", "Page 2 of 2\n\nc) Leadership initiatives", 1)
    )


VARIANTS: dict[str, Callable[[], bytes]] = {
    "utf-8 with BOM": lambda: ORIGINAL.encode("utf-8-sig"),
    "utf-16 with BOM": lambda: ORIGINAL.encode("utf-16"),
    "windows-1252": lambda: ORIGINAL.replace("'", "’").replace(" – ", " – ").encode("cp1252"),
    "CRLF line endings": lambda: ORIGINAL.replace("\n", "\r\n").encode(),
    "CR line endings": lambda: ORIGINAL.replace("\n", "\r").encode(),
    "quoted e-mail reply": lambda: quoted_email(ORIGINAL).encode(),
    "e-mail signature": lambda: with_signature(ORIGINAL).encode(),
    "wrapped at 72 columns": lambda: wrapped(ORIGINAL).encode(),
    "other template version": lambda: replace_all(ORIGINAL, OTHER_VERSION).encode(),
    "reworded questions": lambda: replace_all(ORIGINAL, REWORDED).encode(),
    "page furniture": lambda: page_furniture(ORIGINAL).encode(),
}


def curly_to_straight(text: str) -> str:
    return text.replace("’", "'")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_gives_the_published_sections(variant: str) -> None:
    cs = convert_bytes(VARIANTS[variant](), "chesterfield.txt")
    assert cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert [i.number for i in cs.indicators] == [8]
    got = {s.id: curly_to_straight(blocks_md(s.blocks)) for s in cs.sections}
    assert got == expected_sections()
    published = " ".join(got.values())
    for private in ("Siara", "512618", "07700", "ian.siara"):
        assert private not in published
