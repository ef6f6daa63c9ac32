"""The value classes' ``__init__`` code kept between runs (values.py, cache.Kept): a later run
takes every ``__init__`` from the cache, each kept one is the code compile() makes of its source,
a damaged entry is compiled again, and WRES_CONVERT_NO_CACHE keeps nothing."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wres_convert import cache, values

# Imports every module (every value class's __init__ made), says how many it compiled, and leaves
# (atexit writes the table).
IMPORT_ALL = """
import importlib, pkgutil
import wres_convert
from wres_convert import values
for m in pkgutil.walk_packages(wres_convert.__path__, "wres_convert."):
    if not m.name.endswith("__main__"):  # importing it runs the command
        importlib.import_module(m.name)
print(len(values._CODE.new))
"""


def import_all(home: Path, **env: str) -> int:
    """How many __init__ a fresh process importing the whole package compiled."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        env={**os.environ, "XDG_CACHE_HOME": str(home.parent), **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def kept() -> dict[str, bytes]:
    table = cache.load(values._CODE.name_of(), values._CODE.made_with())
    assert isinstance(table, dict)
    return table


def test_a_later_run_compiles_no_init(home: Path) -> None:
    first = import_all(home)
    assert first > 0 and len(kept()) == first  # each distinct __init__ source, compiled once
    assert import_all(home) == 0  # all of them from the cache


def test_every_kept_init_is_the_code_compile_makes(home: Path) -> None:
    import_all(home)
    for source, code in kept().items():
        assert marshal.loads(code) == compile(source, "<string>", "exec")


def test_damaged_entries_are_compiled_again(home: Path) -> None:
    source = "def make():\n def __init__(self):\n  pass\n return __init__"
    other = "def make():\n def __init__(self, a):\n  _set(self, 'a', a)\n return __init__"
    values._compiled(source)
    values._compiled(other)
    values._CODE.flush()
    good = kept()
    cache.store(
        values._CODE.name_of(), values._CODE.made_with(), {source: good[source][:-3], other: marshal.dumps(1)}
    )
    values._CODE.forget()
    for text in (source, other):
        assert values._compiled(text) == compile(text, "<string>", "exec")
    assert set(values._CODE.new) == {source, other}  # made again, to be written over the damaged ones
    values._CODE.flush()
    assert kept() == good


def test_an_entry_of_another_interpreter_is_not_used(home: Path) -> None:
    source = "def make():\n def __init__(self):\n  pass\n return __init__"
    key = values._CODE.made_with()
    other = (*key[:1], key[1] + " (another build)", *key[2:])
    cache.store(values._CODE.name_of(), other, {source: marshal.dumps(compile("1", "<string>", "eval"))})
    assert values._compiled(source) == compile(source, "<string>", "exec")
    assert list(values._CODE.new) == [source]


def test_a_worker_keeps_the_init_code_it_compiled(home: Path) -> None:
    """One file is read in a forked worker, which leaves with os._exit (no atexit): it writes the
    tables itself (cache.flush_all). The text reader's classes are defined only there."""
    sample = Path(__file__).resolve().parents[2] / "samples" / "chesterfield.txt"
    env = {**os.environ, "XDG_CACHE_HOME": str(home.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "wres_convert", str(sample), "-o", str(home.parent / "x.html")],
        env=env,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    reader = "from wres_convert import values\nimport wres_convert.readers.text.build\nprint(len(values._CODE.new))"
    again = subprocess.run(
        [sys.executable, "-c", reader], env=env, check=True, capture_output=True, text=True
    )
    assert again.stdout.strip() == "0"  # the reader's classes came from what the worker kept


def test_nothing_is_kept_without_the_cache(home: Path) -> None:
    assert import_all(home, WRES_CONVERT_NO_CACHE="1") == 0  # compiled, and nothing set aside
    assert not home.exists()


def test_an_entry_marshal_cannot_load_is_compiled_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Damaged marshal data can raise SystemError, not only ValueError: a class is still made."""
    source = "def make():\n def __init__(self):\n  pass\n return __init__"
    values._compiled(source)
    values._CODE.flush()

    def damaged(data: bytes) -> object:
        raise SystemError("bad argument to internal function")

    monkeypatch.setattr(marshal, "loads", damaged)
    values._CODE.forget()
    assert values._compiled(source) == compile(source, "<string>", "exec")
