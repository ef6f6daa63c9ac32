"""The parsed pack kept between runs (standard/packcache.py): a pack loaded from the cache is the
pack loaded without it; an edited pack file, a corrupt entry or a folder another user could write
to is never trusted; and a warm run loads neither tomllib nor the stemmer."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path
from typing import Any

import pytest

from wres_convert import cache
from wres_convert.errors import ConversionError
from wres_convert.standard import cues, packcache
from wres_convert.standard.pack import PACKS, Standard, _load
from wres_convert.standard.spec import TemplateSpec


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and nothing of the cache or pack remembered in-process."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    _forget()
    yield cache / "wres-convert"
    _forget()


def _forget() -> None:
    _load.cache_clear()
    TemplateSpec.load.cache_clear()
    packcache.forget()
    cues._TEXTS.clear()
    cues._WORDS.clear()


def _pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(PACKS / "wres", folder)
    return folder


def _summary(s: Standard) -> object:
    """What the rest of the tool reads of a pack (Standard compares by identity)."""
    g = s.grammar
    return (
        s.name,
        s.acronym,
        s.long_name,
        s.template_name,
        s.noun,
        s.plural,
        s.items,
        s.item_role,
        s.sections,
        s.themes,
        s.titles,
        s.url,
        s.introduction,
        s.template,
        [(p.pattern, p.flags) for p in (g._token, g.lead, g.split, g.tick_split, g.mention, g.bare)],
    )


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("pack-*.pickle"))


def test_a_pack_from_the_cache_is_the_pack_read_without_it(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _pack(tmp_path)
    monkeypatch.setenv("WRES_CONVERT_NO_CACHE", "1")
    uncached = _summary(Standard.load(folder))
    assert not fresh.exists() or not _entries(fresh)  # nothing kept with caching off
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE")
    _forget()
    first = _summary(Standard.load(folder))  # parsed, then kept
    assert len(_entries(fresh)) == 1
    _forget()
    warm = _summary(Standard.load(folder))  # from the cache
    assert first == uncached
    assert warm == uncached
    # Every cue's stems as the stemmer gives them, not only as the cache said.
    spec = Standard.load(folder).template
    # Seeded from the cache: the cues' words, and the pack's own wording that labels reuse.
    assert {w for q in spec.questions for t in q.wordings for w in cues._words(t)} <= set(cues._WORDS)
    for cue in (c for t in (*spec.questions, *spec.fields) for c in t.cues):
        assert cue.stems == tuple(
            cues._stemmer().stemWord(w) if len(w) > 2 else w for w in cues._words(cue.text)
        )


def test_the_packaged_template_is_the_packs(fresh: Path) -> None:
    assert TemplateSpec.load() is Standard.load().template
    _forget()
    assert TemplateSpec.load() is Standard.load().template  # from the cache too


def test_an_edited_pack_file_is_read_again(fresh: Path, tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    assert Standard.load(folder).name == "Workforce Race Equality Standard"
    items = folder / "indicators.toml"
    before = Standard.load(folder).items[8].title
    for name, old, new in (
        ("standard.toml", 'name = "Workforce Race Equality Standard"', 'name = "Workforce Race Standard"'),
        ("indicators.toml", f'title = "{before}"', 'title = "A new title"'),
    ):
        path = folder / name
        text = path.read_text("utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), "utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
        _forget()
        loaded = Standard.load(folder)
    assert loaded.name == "Workforce Race Standard"
    assert loaded.items[8].title == "A new title"
    _forget()
    assert Standard.load(folder).items[8].title == "A new title"  # and kept so
    items.write_text(items.read_text("utf-8").replace("[[indicator]]", "[[nothing]]", 1), "utf-8")
    _forget()
    with pytest.raises(ConversionError):  # a broken file is refused, never served from the cache
        Standard.load(folder)


def _read_entry(entry: Path) -> Any:
    """An entry as cache.store writes it: its CRC-32, then the pickle."""
    return pickle.loads(entry.read_bytes()[4:])


def _write_entry(entry: Path, value: object) -> None:
    data = pickle.dumps(value)
    entry.write_bytes(zlib.crc32(data).to_bytes(4, "big") + data)


def test_a_corrupt_or_foreign_entry_is_ignored(fresh: Path, tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    expected = _summary(Standard.load(folder))
    (entry,) = _entries(fresh)
    for junk in (b"not a pickle", pickle.dumps(("a", "key"))[:-3], pickle.dumps(((1, "other key"), {}))):
        entry.write_bytes(junk)
        _forget()
        assert _summary(Standard.load(folder)) == expected
    # The right key with a value of the wrong shape.
    key = (cache.FORMAT, packcache._key(folder))
    for value in ({"files": {}}, ({str(folder / "standard.toml"): "x"}, ({}, {})), ({}, ("x", {}))):
        _write_entry(entry, (key, value))
        _forget()
        assert _summary(Standard.load(folder)) == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes")
def test_a_cache_others_can_write_to_is_not_used(fresh: Path, tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    Standard.load(folder)
    (entry,) = _entries(fresh)
    name = "Planted Standard"
    files, stems = _read_entry(entry)[1]
    for _, raw in files.values():
        if "acronym" in raw:
            raw["name"] = name
    _write_entry(entry, (_read_entry(entry)[0], (files, stems)))
    _forget()
    assert Standard.load(folder).name == name  # the entry is read while the folder is ours alone
    fresh.chmod(0o777)
    try:
        _forget()
        assert Standard.load(folder).name == "Workforce Race Equality Standard"
    finally:
        fresh.chmod(0o700)


def test_a_warm_run_loads_no_parser_stemmer_or_matcher_libraries(fresh: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(fresh.parent)}
    env.pop("WRES_CONVERT_NO_CACHE", None)
    probe = (
        "import sys, wres_convert.casestudy.build\n"
        "from wres_convert.standard import Standard\n"
        "Standard.load()\n"
        "print(sorted(m for m in ('rapidfuzz', 'slugify', 'tomllib', 'snowballstemmer',"
        " '_wres_convert_snowball', 'hashlib') if m in sys.modules))\n"
    )
    for _ in range(2):  # the first run fills the cache
        out = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
    assert out.stdout.strip() == "[]"


def test_only_the_most_recent_packs_are_kept(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = []
    for i in range(packcache.KEPT_PACKS + 3):
        folders.append(tmp_path / f"pack{i}")
        shutil.copytree(PACKS / "wres", folders[-1])
        Standard.load(folders[-1])
    assert len(_entries(fresh)) == packcache.KEPT_PACKS

    def unparsed(text: str) -> object:
        raise AssertionError("parsed, not taken from the cache")

    monkeypatch.setattr(tomllib, "loads", unparsed)
    _forget()
    Standard.load(folders[-1])  # the newest is kept
    _forget()
    with pytest.raises(AssertionError):
        Standard.load(folders[0])  # the oldest was dropped
