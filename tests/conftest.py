"""pytest's own set-up for the suite: the guard on golden regeneration and the property-test
profiles. Shared helpers are in helpers/."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """CI can never rewrite its own expectations: regenerating goldens there stops the run. The
    suite keeps its cache (wres_convert.cache) in a folder of its own, started empty, so it never
    fills or reads the user's, and its first runs take the paths a first run takes."""
    if os.environ.get("WRES_REGEN_GOLDEN") == "1" and os.environ.get("CI"):
        raise pytest.UsageError("WRES_REGEN_GOLDEN must never be set in CI: it would rewrite the goldens")
    folder = tempfile.mkdtemp(prefix="wres-convert-test-cache-")
    os.environ["XDG_CACHE_HOME"] = folder  # subprocesses the tests start inherit it
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


# The slow checks: real browsers, Java, Hugo and Jekyll, fresh virtual environments, the corpus,
# watching folders, whole batches and megabyte-sized hostile inputs. `pytest -m "not slow"` is
# the fast loop; CI runs everything.
SLOW = (
    "test_corpus.py",
    "cli/test_quickstart.py",
    "writers/test_page_quality.py",
    "writers/test_review_page.py",
    "writers/test_markdown_hostile.py",
    "writers/test_templates.py",
    "run/test_watch.py",
    "run/test_batch.py",
    "run/test_batch_regressions.py",
    "run/test_schema.py",
    "readers/test_resources.py",
    "readers/test_fuzz.py",
    "readers/test_bad_input.py",
    "cli/test_cli_regressions.py",
    "cli/test_cli.py",
    "cli/test_check.py",
    "readers/test_nesting.py",
    "readers/test_crossformat.py",
    "writers/test_xss.py",
    "run/test_api.py::test_cli_file_and_stdin",
    "casestudy/test_privacy_regressions.py::test_every_detector_is_linear",
    "writers/test_markdown.py::test_hugo",
    "writers/test_markdown.py::test_jekyll",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if any(part in item.nodeid for part in SLOW):
            item.add_marker(pytest.mark.slow)


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
