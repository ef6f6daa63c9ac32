"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
GOLDEN = REPO / "tests" / "golden"
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_dir() -> Path:
    """The public acceptance corpus beside the repository. CI always has it: missing there is a failure."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the acceptance corpus is missing at {CORPUS}")
        pytest.skip("the acceptance corpus (../shared/corpus) is not beside this checkout")
    return CORPUS


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed CLI as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "wres_convert", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
