"""pytest's own set-up for the suite: the guard on golden regeneration and the property-test
profiles. Shared helpers are in helpers/."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """CI can never rewrite its own expectations: regenerating goldens there stops the run."""
    if os.environ.get("WRES_REGEN_GOLDEN") == "1" and os.environ.get("CI"):
        raise pytest.UsageError("WRES_REGEN_GOLDEN must never be set in CI: it would rewrite the goldens")


# Property-based tests: a fixed-seed budget in CI (the same examples every run, so a failure is
# reproducible), and a long randomised session on request:
#   HYPOTHESIS_PROFILE=fuzz WRES_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/readers/test_fuzz.py
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
