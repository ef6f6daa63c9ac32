"""`check` shows each decision the mapper made by meaning: the score, the cues that fired, how the
line was set out, and the lines whose cues named a question but that stayed answer text."""

from __future__ import annotations

import json

from helpers import FIXTURES, run_cli


def test_check_json_gives_the_cues_and_the_form_of_each_question_found_by_meaning() -> None:
    done = run_cli("check", str(FIXTURES / "email-body" / "same-line-labels.txt"), "--format", "json")
    report = json.loads(done.stdout)
    found = {q["id"]: q for q in report["questions"] if q["found"]}
    learning = found["learning"]
    assert learning["how"] == "cue" and learning["score"] >= 3 and learning["cues"]
    assert learning["form"] and learning["matched_text"].startswith("Advice for others")
    assert found["initiative"]["form"] == ["label: answer"]
    assert any("numbered list" in p["reason"] for p in report["passed_over"])


def test_check_text_names_the_cues_and_the_reason_a_line_was_kept_as_answer_text() -> None:
    done = run_cli("check", str(FIXTURES / "email-body" / "same-line-labels.txt"))
    out = done.stdout.decode()
    assert "meaning (" in out and "advice" in out
    assert "kept as answer text:" in out and "an item of a numbered list in the answer" in out
