"""Static patterns kept between runs (wres_convert/text/patterns.py): every kept pattern is the one
re.compile makes, a damaged or foreign entry falls back to re.compile, the kept set does not
change with the hash seed (or it would grow on every run), and WRES_CONVERT_NO_CACHE keeps
nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO
from wres_convert import cache
from wres_convert.text import patterns

# Imports every module (their module-level patterns), then converts samples in this process (the
# patterns made from the pack and those only some returns need), and leaves: atexit flushes.
FILL = """
import importlib, pkgutil, sys
import wres_convert
for m in pkgutil.walk_packages(wres_convert.__path__, "wres_convert."):
    if not m.name.endswith("__main__"):  # importing it runs the command
        importlib.import_module(m.name)
for path in sys.argv[1:]:
    wres_convert.render(wres_convert.convert(path), "html")
"""
SAMPLES = [str(REPO / "samples" / f"chesterfield.{ext}") for ext in ("docx", "pdf", "txt")]


def fill(home: Path, seed: str = "0", **env: str) -> None:
    subprocess.run(
        [sys.executable, "-c", FILL, *SAMPLES],
        env={**os.environ, "XDG_CACHE_HOME": str(home.parent), "PYTHONHASHSEED": seed, **env},
        check=True,
        capture_output=True,
    )


def kept() -> dict[tuple[str | bytes, int], tuple[object, ...]]:
    value = cache.load(patterns._TABLE.name_of(), patterns._TABLE.made_with())
    assert isinstance(value, dict)
    return value


def test_every_kept_pattern_is_the_one_re_compile_makes(home: Path) -> None:
    fill(home)
    entries = kept()
    assert len(entries) > 80  # the converter's own: module-level, lazy, and the pack's
    for source, flags in entries:
        made = patterns.compile(source, flags)
        fresh = re.compile(source, flags)
        assert made is not fresh  # from the cache, not from re's
        assert made == fresh  # flags, source and code
        assert (made.groups, made.groupindex, made.flags) == (fresh.groups, fresh.groupindex, fresh.flags)
    assert patterns._TABLE.new == {}  # nothing was made again


def test_the_kept_set_does_not_change_with_the_hash_seed(home: Path) -> None:
    fill(home, seed="1")
    first = set(kept())
    fill(home, seed="2")  # a pattern built from a set's order would come back as a new entry
    assert set(kept()) == first


def test_damaged_entries_fall_back_to_re_compile(home: Path) -> None:
    sources = [(r"(?P<word>\w+)\s*:", re.I), (r"[a-z]+\d", 0), (rb"<w:styles\b[^>]*>", 0), (r"x|y", re.S)]
    for source, flags in sources:
        patterns.compile(source, flags)
    patterns._TABLE.flush()
    good = kept()
    word, _, styles, xy = (good[(s, int(f))] for s, f in sources)
    damaged = {
        (sources[0][0], re.I): (word[0], word[1][:-4], *word[2:]),  # code cut short
        (sources[1][0], 0): "not an entry",
        (sources[2][0], 0): (styles[0], [1, 2, 3], *styles[2:]),  # code of another shape
        (sources[3][0], re.S): (0, *xy[1:]),  # without the flags asked for
    }
    cache.store(patterns._TABLE.name_of(), patterns._TABLE.made_with(), damaged)
    patterns._TABLE.forget()
    for source, flags in sources:
        assert patterns.compile(source, flags) == re.compile(source, flags)
    assert set(patterns._TABLE.new) == set(damaged)  # made again, to be written over the damaged ones
    patterns._TABLE.flush()
    assert kept() == good


def test_an_entry_of_another_interpreter_is_not_used(home: Path) -> None:
    patterns.compile(r"[a-z]+\d")
    patterns._TABLE.flush()
    entries = kept()
    key = patterns._TABLE.made_with()
    other = (*key[:1], key[1] + " (another build)", *key[2:])
    cache.store(
        patterns._TABLE.name_of(), other, {k: (v[0], b"\xff" * 4, *v[2:]) for k, v in entries.items()}
    )
    patterns._TABLE.forget()
    assert patterns.compile(r"[a-z]+\d") == re.compile(r"[a-z]+\d")
    assert list(patterns._TABLE.new) == [(r"[a-z]+\d", 0)]


def test_the_cache_is_bounded(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns._TABLE, "most", 3)
    for n in range(3):
        patterns.compile(f"a{n}")
    patterns._TABLE.flush()
    assert len(kept()) == 3
    patterns.compile("b")
    patterns._TABLE.flush()
    assert list(kept()) == [("b", 0)]  # past the bound: started over


def test_nothing_is_kept_without_the_cache(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRES_CONVERT_NO_CACHE", "1")
    assert patterns.compile(r"\d+") == re.compile(r"\d+")
    patterns._TABLE.flush()
    assert patterns._TABLE.new == {}
    assert not home.exists()


def test_a_worker_keeps_what_it_compiled(home: Path) -> None:
    # One file is read in a forked worker, which leaves with os._exit (no atexit): it flushes
    # itself (run/isolate.py). The text reader's patterns are compiled only there.
    from wres_convert.readers.text.build import _QUOTE_RE

    r = subprocess.run(
        [sys.executable, "-m", "wres_convert", SAMPLES[2], "-o", str(home.parent / "x.html")],
        env={**os.environ, "XDG_CACHE_HOME": str(home.parent)},
        capture_output=True,
    )
    assert r.returncode == 0, r.stderr
    assert (_QUOTE_RE.pattern, 0) in kept()
