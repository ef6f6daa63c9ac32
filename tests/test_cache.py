"""The cache kept between runs (wres_convert/cache.py): an entry comes back only under the key it
was stored with, a damaged or foreign one is ignored, a folder another user could write to is not
used, and WRES_CONVERT_NO_CACHE keeps nothing. A cache may only ever save time."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from wres_convert import cache


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    return tmp_path / "wres-convert"


def test_an_entry_comes_back_only_under_its_key(home: Path) -> None:
    cache.store("thing", ("v1", 3), {"a": [1, 2]})
    assert cache.load("thing", ("v1", 3)) == {"a": [1, 2]}
    assert cache.load("thing", ("v1", 4)) is None
    assert cache.load("other", ("v1", 3)) is None
    assert (home / "thing").is_file()
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]  # written whole, then renamed


def test_a_stamp_changes_when_its_file_does(tmp_path: Path) -> None:
    f = tmp_path / "pack.toml"
    f.write_text("a = 1\n")
    before = cache.stamp(f)
    f.write_text("a = 22\n")
    assert cache.stamp(f) != before


def test_a_damaged_entry_is_made_again(home: Path) -> None:
    cache.store("thing", "k", [1])
    (home / "thing").write_bytes(b"\x80\x05not a pickle")
    assert cache.load("thing", "k") is None
    (home / "thing").write_bytes(pickle.dumps("no key at all"))
    assert cache.load("thing", "k") is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(home: Path) -> None:
    cache.store("thing", "k", [1])
    home.chmod(0o777)
    try:
        assert cache.cache_dir() is None
        assert cache.load("thing", "k") is None
        cache.store("thing", "k2", [2])  # nothing is written there either
        assert cache.load("thing", "k2") is None
    finally:
        home.chmod(0o700)
    assert cache.load("thing", "k") == [1]


def test_no_cache_keeps_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRES_CONVERT_NO_CACHE", "1")
    cache.store("thing", "k", [1])
    assert cache.load("thing", "k") is None
    assert not home.exists()


def test_a_folder_that_cannot_be_made_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    assert cache.cache_dir() is None
    cache.store("thing", "k", [1])
    assert cache.load("thing", "k") is None


def test_a_value_that_cannot_be_kept_leaves_nothing_behind(home: Path) -> None:
    cache.store("thing", "k", lambda: None)  # not picklable
    assert cache.load("thing", "k") is None
    assert [p.name for p in home.iterdir()] == []
