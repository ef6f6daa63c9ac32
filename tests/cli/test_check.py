"""``wres-convert check``: the review report, on real files, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURES, SAMPLES, run_cli

DOCX = FIXTURES / "docx"
VARIANTS = FIXTURES / "variants"


def reports(*files: Path, extra: tuple[str, ...] = ()) -> tuple[int, list[dict[str, object]], str]:
    r = run_cli("check", "--format", "json", *extra, *map(str, files))
    return r.returncode, [json.loads(line) for line in r.stdout.decode().splitlines()], r.stderr.decode()


def test_every_question_with_how_it_was_matched_and_whether_answered() -> None:
    code, [report], _ = reports(SAMPLES / "chesterfield.docx")
    assert code == 0
    rows = {q["id"]: q for q in report["questions"]}  # type: ignore[union-attr]
    assert list(rows) == ["objectives", "indicators", "initiative", "challenges", "learning", "attachments"]
    assert rows["initiative"]["how"] == "exact" and rows["initiative"]["answered"] is True
    assert rows["attachments"]["answered"] is False  # "n/a"
    assert report["unpublished"] == ["What are your organisation's WRES objectives?"]
    assert report["needs_attention"] is False


def test_form_controls_placeholders_and_strict_exit() -> None:
    code, [report], _ = reports(DOCX / "form_controls.docx", extra=("--strict",))
    assert code == 1
    rows = {q["id"]: q for q in report["questions"]}  # type: ignore[union-attr]
    assert rows["challenges"]["how"] == "content-control" and rows["challenges"]["placeholder"] is True
    assert "placeholder-answer" in report["attention"]  # type: ignore[operator]


def test_reworded_and_unknown_questions_are_reported_with_scores() -> None:
    _, [reworded, unknown], _ = reports(
        VARIANTS / "reworded-questions.txt", VARIANTS / "unknown-extra-question.txt"
    )
    rows = {q["id"]: q for q in reworded["questions"]}  # type: ignore[union-attr]
    assert rows["initiative"]["how"] in ("fuzzy", "words") and 80 <= rows["initiative"]["score"] < 100
    assert unknown["unrecognised_questions"] == ["How did you involve your staff networks in this work?"]
    assert "unrecognised-question" in unknown["attention"]  # type: ignore[operator]


def test_tracked_changes_and_comments_are_reported() -> None:
    # The DOCX reader's own tests show these warnings come from real files; here, that the
    # report carries them through.
    from wres_convert.casestudy.build import build_case_study, source_for
    from wres_convert.model import Document, Message, Paragraph, text_inlines
    from wres_convert.writers.report import review

    doc = Document(
        (
            Paragraph(
                text_inlines("Please describe your WRES initiative, its aims and any outcomes so far.")
            ),
            Paragraph(text_inlines("Done.")),
        ),
        "docx",
        (Message("revisions", "tracked changes were present"), Message("comments", "comments were present")),
    )
    report = review(build_case_study(doc, source_for(b"", "x.docx", "docx")))
    assert report["tracked_changes"] is True and report["comments"] is True
    assert {"revisions", "comments"} <= set(report["attention"])


def test_text_report_and_a_bad_file_in_the_same_run(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run_cli("check", str(SAMPLES / "chesterfield.txt"), str(tmp_path / "empty.txt"))
    out = r.stdout.decode()
    assert "chesterfield.txt: Chesterfield Royal NHS Foundation Trust; indicators 8" in out
    assert "Please describe your WRES" in out and "needs attention: no" in out
    assert r.returncode == 5
    assert (
        r.stderr.decode()
        .strip()
        .endswith("empty.txt: error: the file is empty; check that the file was saved or copied completely")
    )
