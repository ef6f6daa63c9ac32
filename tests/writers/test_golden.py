"""Golden tests: the real Chesterfield submission, as text, Word and PDF, gives the published case
study section by section, and whole pages that only change when someone means them to.

Regenerate the page goldens after an intended change with ``WRES_REGEN_GOLDEN=1 pytest
tests/writers/test_golden.py`` and review the diff. CI refuses to run with that flag set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import GOLDEN, REPO, SAMPLES, expected_sections, run_cli

REGEN = os.environ.get("WRES_REGEN_GOLDEN") == "1"
SAMPLE_FILES = ["chesterfield.txt", "chesterfield.docx", "chesterfield.pdf"]


def sections_of(name: str) -> dict[str, str]:
    r = run_cli(str(SAMPLES / name), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return {s["id"]: s["markdown"] for s in json.loads(r.stdout)["sections"]}


def test_ci_refuses_to_run_with_the_regeneration_flag_and_leaves_the_goldens_alone() -> None:
    before = {p: p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}  # features/ too
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(Path(__file__))],
        cwd=REPO,
        env={**os.environ, "CI": "true", "WRES_REGEN_GOLDEN": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 4, r.stdout + r.stderr  # pytest's "usage error": nothing ran
    assert "WRES_REGEN_GOLDEN must never be set in CI" in r.stderr
    assert {p: p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_gives_the_published_sections(name: str) -> None:
    want = expected_sections()
    got = sections_of(name)
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{name}: section {sid} differs"


def test_three_formats_give_the_same_sections() -> None:
    results = [sections_of(n) for n in SAMPLE_FILES]
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("chesterfield.txt", "html"),
        ("chesterfield.txt", "md"),
        ("chesterfield.txt", "json"),
        ("chesterfield.docx", "json"),
        ("chesterfield.pdf", "json"),
    ],
)
def test_page_matches_its_golden_file(name: str, fmt: str) -> None:
    golden = GOLDEN / f"{name.replace('.', '-')}.{fmt}"
    r = run_cli(str(SAMPLES / name), "--format", fmt, "-o", "-")
    assert r.returncode == 0, r.stderr
    if REGEN:
        golden.write_bytes(r.stdout)
    assert r.stdout.decode("utf-8") == golden.read_text(encoding="utf-8")
