"""Fixtures of the text stage's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wres_convert import cache


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own cache folder, with every table kept between runs (cache.Kept) read from it
    afresh: the kept patterns and ``__init__`` code."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    for table in cache._TABLES:
        table.forget()
    yield tmp_path / "wres-convert"
    for table in cache._TABLES:
        table.forget()  # the next use reads the session's cache again
