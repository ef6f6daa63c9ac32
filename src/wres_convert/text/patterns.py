"""The converter's own regular expressions, compiled once and kept between runs.

CPython parses and compiles a pattern in pure Python (``re._parser``, ``re._compiler``), in every
process: a one-file run spent about 15 ms of its 170 doing that for ours. ``compile()`` keeps
what ``re._compiler.compile`` hands to ``_sre.compile`` at its end (the final flags, the code,
the groups and their names) in the cache (``wres_convert.cache``), and a later run gives that to
``_sre.compile`` directly, skipping the parse and the compile.

Only static patterns come here: fixed text, or built from a standard pack's cues (the same on
every run with that pack). A pattern built from a submission's content (its submitter's names,
numbers, addresses) uses ``re.compile``: kept, such patterns would only fill the cache.

An entry is used only by the interpreter that made it (its version and build, the regular
expression engine's magic number, the compiler's source files), was checked equal to what
``re.compile`` makes when it was made, and anything unexpected (not CPython, a damaged entry)
falls back to ``re.compile``. New entries are kept in memory and written when the process ends
(``cache.Kept``); ``WRES_CONVERT_NO_CACHE=1`` keeps nothing.
"""

from __future__ import annotations

import _sre
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from re import _compiler, _constants, _parser  # loaded by re itself: importing them costs nothing
from typing import Any, AnyStr

from wres_convert import cache

FORMAT = 1  # bumped when an entry's shape changes

# (source, flags) -> (final flags, code as native 32-bit words, groups - 1, name -> group, group -> name)
_Made = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_UNCACHED = re.DEBUG | re.TEMPLATE  # compiled by re only: DEBUG prints, TEMPLATE warns


def longest_first(words: Iterable[str]) -> list[str]:
    """Alternatives for a pattern: the longest first, so the engine prefers it, and ties in
    alphabetical order, so a pattern built from a set is the same text on every run (kept once
    here, not once per hash seed)."""
    return sorted(words, key=lambda w: (-len(w), w))


def translator(table: dict[str, str]) -> Callable[[str], str]:
    """``str.translate`` for a table of single characters, as one pattern that finds them and a
    swap where found: str.translate looks every character of a text holding any non-ASCII one up
    in its table, some fifteen times slower on a return's text. Keys one character each, as
    ``str.maketrans`` asks; the table is copied, so it cannot change under its pattern."""
    table = dict(table)
    if not table or any(len(c) != 1 for c in table):
        raise ValueError("translator() takes a table of single characters")
    found = compile("[" + "".join(re.escape(c) for c in table) + "]")

    def swap(m: re.Match[str]) -> str:
        return table[m.group()]

    return lambda text: found.sub(swap, text)


def compile(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)`` for a static pattern: from the cache when it is there."""
    try:
        key = (source, int(flags))
        made = _TABLE.get(key)
    except TypeError:  # not a pattern re.compile takes either: let it say so
        return re.compile(source, flags)
    if made is not None:
        try:
            if (made[0] & key[1]) == key[1]:  # the flags asked for are among the entry's
                return _sre.compile(source, made[0], memoryview(made[1]).cast("I").tolist(), *made[2:])
        except Exception:  # a damaged entry: made again below, and replaced when flushed
            pass
    compiled = re.compile(source, flags)
    if not key[1] & _UNCACHED and _TABLE.keeping():
        _remember(key, compiled)
    return compiled


def _remember(key: tuple[Any, int], compiled: re.Pattern[Any]) -> None:
    """Make the entry for ``key`` as re._compiler.compile does, and keep it when ``_sre.compile``
    given it makes a pattern equal to ``compiled`` (flags, source and code) with the same groups."""
    source, flags = key
    try:
        p = _parser.parse(source, flags)
        code = _compiler._code(p, flags)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in p.state.groupdict.items():
            indexgroup[i] = name
        made = (
            flags | p.state.flags,
            _words(code),
            p.state.groups - 1,
            dict(p.state.groupdict),
            tuple(indexgroup),
        )
        again = _sre.compile(source, made[0], code, *made[2:])
        if again != compiled or again.groups != compiled.groups or again.groupindex != compiled.groupindex:
            return
    except Exception:  # another compiler than the one this was written against: nothing is kept
        return
    _TABLE.put(key, made)


def _words(code: list[int]) -> bytes:
    """The code as native 32-bit words (``_sre.CODESIZE``, checked in _usable): a quarter of
    its pickled size, read back with one ``memoryview.cast``."""
    out = bytearray(4 * len(code))
    view = memoryview(out).cast("I")
    for i, word in enumerate(code):
        view[i] = word
    return bytes(out)


def _usable() -> bool:
    return (
        sys.implementation.name == "cpython"
        and getattr(_sre, "CODESIZE", None) == 4
        and callable(getattr(_sre, "compile", None))
        and callable(getattr(_parser, "parse", None))
        and callable(getattr(_compiler, "_code", None))
    )


def _key() -> tuple[object, ...]:
    """What an entry was made with: this interpreter exactly, and its regular expression compiler
    (``cache.stamp`` of its source files). Raises OSError when one of them cannot be read."""
    sources = [Path(m.__file__) for m in (_compiler, _parser, _constants) if m.__file__]
    return (
        FORMAT,
        *cache.interpreter(),
        _sre.MAGIC,
        _sre.CODESIZE,
        sys.maxunicode,
        sys.byteorder,
        cache.stamp(*sources),
    )


# The converter's static patterns number a few hundred.
_TABLE = cache.Kept(lambda: cache.per_interpreter("patterns"), _key, most=4000, usable=_usable)
