"""The cache kept between runs (wres_convert/cache.py): an entry comes back only under the key it
was stored with, a damaged or foreign one is ignored, a folder another user could write to is not
used, and WRES_CONVERT_NO_CACHE keeps nothing. A cache may only ever save time."""

from __future__ import annotations

import os
import pickle
import time
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


def test_an_entry_changed_on_disk_that_still_unpickles_is_turned_away(home: Path) -> None:
    # A flipped bit inside a kept pattern's code still unpickles, as a pattern that no longer
    # finds what it should (an e-mail address to remove): the checksum catches it.
    cache.store("thing", "k", {"code": b"@@@@"})
    data = bytearray((home / "thing").read_bytes())
    data[data.index(b"@@@@")] = ord("#")
    (home / "thing").write_bytes(bytes(data))
    assert pickle.loads(bytes(data[4:]))[1] == {"code": b"#@@@"}  # it would have loaded
    assert cache.load("thing", "k") is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_of_ours_others_could_write_to_is_emptied_and_made_private(home: Path) -> None:
    cache.store("thing", "k", [1])
    (home / "sub").mkdir()
    (home / "sub" / "planted").write_bytes(pickle.dumps("anything"))
    home.chmod(0o775)  # as earlier versions made it under umask 002: anyone in the group could write
    assert cache.load("thing", "k") is None  # whatever was there may not be ours
    assert home.stat().st_mode & 0o777 == 0o700
    assert list(home.iterdir()) == []
    cache.store("thing", "k", [2])
    assert cache.load("thing", "k") == [2]


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give the folder away"
)
def test_a_folder_someone_else_owns_is_not_used(home: Path) -> None:
    cache.store("thing", "k", [1])
    os.chown(home, 4242, 4242)
    try:
        assert cache.cache_dir() is None
        assert cache.load("thing", "k") is None
        cache.store("thing", "k2", [2])  # nothing is written there either
        assert not (home / "thing").read_bytes().count(b"k2")
    finally:
        os.chown(home, 0, 0)
    assert cache.load("thing", "k") == [1]


def test_no_home_folder_means_no_cache_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    assert cache.cache_dir() is None
    cache.store("thing", "k", [1])
    assert cache.load("thing", "k") is None


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "wres-convert"
    assert not (tmp_path / "relative").exists()


def test_an_edit_that_keeps_size_and_modification_time_changes_the_stamp(tmp_path: Path) -> None:
    f = tmp_path / "standard.toml"
    f.write_text("name = 'NHS'\n")
    st = f.stat()
    before = cache.stamp(f)
    time.sleep(0.05)  # file times tick with the kernel's coarse clock: a later edit, as a user's is
    f.write_text("name = 'XYZ'\n")  # the same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # as touch -r, cp -p and rsync -t leave it
    assert f.stat().st_mtime_ns == st.st_mtime_ns
    assert cache.stamp(f) != before


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


def test_each_installation_has_its_own_entry(home: Path) -> None:
    """Two installations sharing the cache (two environments) do not take turns replacing one
    entry: each is named for its own folder, the same way every run."""
    one, other = cache.own("cli-table", Path("/venv-a/wres_convert/cli")), cache.own("cli-table", Path("/b"))
    assert one != other and one == cache.own("cli-table", Path("/venv-a/wres_convert/cli"))
    cache.store(one, "key a", "table a")
    cache.store(other, "key b", "table b")
    assert cache.load(one, "key a") == "table a" and cache.load(other, "key b") == "table b"
