"""The JSON contract (../shared/spec/case-study-json.md) on the real sample: field names, types,
section order, determinism, and contact details kept out of everything published."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from helpers import SAMPLES, run_cli

SECTION_IDS = ["objective", "what-they-did", "outcome", "challenges", "learning"]
HEADINGS = [
    "WRES objective being addressed",
    "What they did",
    "What was the outcome?",
    "Challenges & barriers",
    "What can other organisations learn from this?",
]
CONTACT = ["Ian Siara", "ian.siara@nhs.net", "01246 512618", "512618"]


@pytest.fixture(scope="module", params=["chesterfield.txt", "chesterfield.docx", "chesterfield.pdf"])
def result(request: pytest.FixtureRequest) -> tuple[str, dict[str, object]]:
    r = run_cli(str(SAMPLES / request.param), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return request.param, json.loads(r.stdout)


def test_top_level_fields(result: tuple[str, dict[str, object]]) -> None:
    name, doc = result
    assert doc["schema"] == "wres-case-study/1"
    data = (SAMPLES / name).read_bytes()
    assert doc["source"] == {
        "file": name,
        "format": name.rsplit(".", 1)[1].replace("txt", "text"),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert doc["organisation"] == "Chesterfield Royal NHS Foundation Trust"
    assert doc["indicators"] == [
        {
            "number": 8,
            "question": "In the last 12 months have you personally experienced discrimination at work from any of the following: Manager / team leader or other colleagues?",
        }
    ]
    assert doc["title"] == "WRES Indicator 8"
    assert doc["subtitle"] == "Reducing discrimination for BME staff"
    assert doc["slug"] == "chesterfield-royal-nhs-foundation-trust-wres-indicator-8"
    assert doc["warnings"] == []  # the real return is clean: a warning here is a misreading


def test_warnings_are_code_and_message_and_name_what_is_missing(tmp_path: Path) -> None:
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    # The challenges question and its whole answer go: the next question follows at once.
    start = text.index("What challenges or barriers")
    end = text.index("What learning could other organisations")
    (tmp_path / "r.txt").write_text(text[:start] + text[end:], encoding="utf-8")
    r = run_cli(str(tmp_path / "r.txt"), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    warnings = json.loads(r.stdout)["warnings"]
    assert all(set(w) == {"code", "message"} for w in warnings), warnings
    assert {"code": "missing-answer", "message": "no answer for 'Challenges & barriers'"} in warnings


def test_sections_in_order_with_markdown_and_html(result: tuple[str, dict[str, object]]) -> None:
    _, doc = result
    sections = doc["sections"]
    assert [s["id"] for s in sections] == SECTION_IDS  # type: ignore[union-attr]
    assert [s["heading"] for s in sections] == HEADINGS  # type: ignore[union-attr]
    for s in sections:  # type: ignore[union-attr]
        assert set(s) >= {"id", "heading", "markdown", "html"}
        assert s["markdown"] and s["html"]


def test_unpublished_keeps_the_objectives_and_no_boilerplate(result: tuple[str, dict[str, object]]) -> None:
    _, doc = result
    labels = [u["label"] for u in doc["unpublished"]]  # type: ignore[union-attr]
    assert labels == ["What are your organisation's WRES objectives?"]
    assert "Form a group to discuss" in doc["unpublished"][0]["markdown"]  # type: ignore[index]


def test_contact_details_never_published(result: tuple[str, dict[str, object]]) -> None:
    name, doc = result
    published = json.dumps([doc["sections"], doc["title"], doc["subtitle"], doc["unpublished"]])
    pages = [run_cli(str(SAMPLES / name), "--format", f, "-o", "-").stdout.decode() for f in ("html", "md")]
    for text in [published, *pages]:
        flat = re.sub(r"\s+", "", text)
        for c in CONTACT:
            assert re.sub(r"\s+", "", c) not in flat


def test_same_input_gives_byte_identical_output() -> None:
    for fmt in ("json", "html", "md"):
        a = run_cli(str(SAMPLES / "chesterfield.docx"), "--format", fmt, "-o", "-").stdout
        b = run_cli(str(SAMPLES / "chesterfield.docx"), "--format", fmt, "-o", "-").stdout
        assert a == b and a
