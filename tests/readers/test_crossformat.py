"""One submission, five forms: the real Chesterfield return as DOCX, text, tagged PDF, untagged
PDF and fillable PDF gives the same sections in JSON, and they are the published ones.
(PDF fixtures: fixtures/make_crossformat_fixtures.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, SAMPLES, expected_sections, run_cli
from wres_convert.model import Control
from wres_convert.readers import pdf

CROSS = FIXTURES / "crossformat"
FORMS = {
    "docx": SAMPLES / "chesterfield.docx",
    "text": SAMPLES / "chesterfield.txt",
    "tagged pdf": CROSS / "chesterfield-tagged.pdf",
    "untagged pdf": CROSS / "chesterfield-untagged.pdf",
    "fillable pdf": CROSS / "chesterfield-fillable.pdf",
}


def sections(path: Path) -> dict[str, str]:
    r = run_cli(str(path), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return {s["id"]: s["markdown"] for s in json.loads(r.stdout)["sections"]}


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, str]]:
    return {form: sections(path) for form, path in FORMS.items()}


@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_gives_the_published_sections(results: dict[str, dict[str, str]], form: str) -> None:
    want = expected_sections()
    got = results[form]
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{form}: section {sid} differs"


def test_all_five_forms_give_identical_json_sections(results: dict[str, dict[str, str]]) -> None:
    first, *rest = results.values()
    assert all(r == first for r in rest)


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
