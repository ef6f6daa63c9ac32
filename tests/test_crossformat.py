"""The real Chesterfield return as a tagged, an untagged and a fillable PDF gives the published
sections, exactly as the DOCX and text samples do (fixtures: fixtures/make_crossformat_fixtures.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import GOLDEN, run_cli
from wres_convert.model import Control
from wres_convert.readers import pdf

CROSS = Path(__file__).resolve().parent / "fixtures" / "crossformat"


def expected_sections() -> dict[str, str]:
    text = re.sub(
        r"<!--.*?-->\n", "", (GOLDEN / "chesterfield-sections.md").read_text(encoding="utf-8"), flags=re.S
    )
    parts = re.split(r"^=== (\S+)\n", text, flags=re.M)[1:]
    return {parts[i]: parts[i + 1].strip() for i in range(0, len(parts), 2)}


@pytest.mark.parametrize(
    "name", ["chesterfield-tagged.pdf", "chesterfield-untagged.pdf", "chesterfield-fillable.pdf"]
)
def test_pdf_kind_gives_the_published_sections(name: str) -> None:
    r = run_cli(str(CROSS / name), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    got = {s["id"]: s["markdown"] for s in json.loads(r.stdout)["sections"]}
    want = expected_sections()
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{name}: section {sid} differs"


def test_fillable_answers_are_controls_named_by_their_fields() -> None:
    blocks = pdf.read((CROSS / "chesterfield-fillable.pdf").read_bytes()).blocks
    controls = [b for b in blocks if isinstance(b, Control)]
    assert [c.tag for c in controls] == [
        "organisation",
        "name_and_title",
        "contact",
        "objectives",
        "indicators",
        "initiative",
        "challenges",
        "learning",
        "attachments",
    ]
    # Every answer is read once: from its field, never again from the page's own text.
    text = "\n".join(b.text for b in blocks)
    assert text.count("Chesterfield Royal NHS Foundation Trust") == 1
    assert text.count("We rewarded teams who gave us 100% return rates") == 1
