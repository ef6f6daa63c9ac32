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


def sample_returns() -> list[Path]:
    """The bundled returns (samples/chesterfield.docx, .pdf, .txt), never the page the README's
    quick start writes beside them (samples/chesterfield.html)."""
    from wres_convert.run.inputs import SUBMISSION_SUFFIXES

    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SUBMISSION_SUFFIXES)


def pytest_configure(config: pytest.Config) -> None:
    """CI can never rewrite its own expectations: regenerating goldens there stops the run."""
    if os.environ.get("WRES_REGEN_GOLDEN") == "1" and os.environ.get("CI"):
        raise pytest.UsageError("WRES_REGEN_GOLDEN must never be set in CI: it would rewrite the goldens")


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


# Property-based tests: a fixed-seed budget in CI (the same examples every run, so a failure is
# reproducible), and a long randomised session on request:
#   HYPOTHESIS_PROFILE=fuzz WRES_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("WRES_FUZZ_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
