"""A pack's files as parsed, and the stems of its cues, kept between runs (``wres_convert.cache``):
loading the WRES pack cost a one-file run about 20 ms, half of it Snowball stemming the cues and
most of the rest parsing TOML. With the entry warm, neither ``tomllib`` nor the stemmer is loaded.

The objects (Standard, TemplateSpec, Grammar) are still built on every run, from the kept data,
so a change to the code that builds or checks them is never hidden by an old entry. A file's
parse is used only while its stamp (size, inode, modification and change times) is the one it
was parsed at, and the stems only with the same wres-convert, Python and Snowball, and the same
stemming code.
``WRES_CONVERT_NO_CACHE=1`` keeps nothing: every file is parsed and every cue stemmed.
"""

from __future__ import annotations

import contextlib
import sys
import zlib
from pathlib import Path
from typing import Any

from wres_convert import __version__, cache
from wres_convert.standard import cues
from wres_convert.text import normalise

FORMAT = 1  # bumped when an entry's shape changes

Stamp = cache.Stamp


class _Entry:
    """One pack folder's kept files: path -> (stamp when parsed, the parsed table)."""

    def __init__(self, files: dict[str, tuple[Stamp, dict[str, Any]]]) -> None:
        self.files = files
        self.read: set[str] = set()  # the files this run asked for: only they are kept
        self.changed = False


_ENTRIES: dict[str, _Entry] = {}


def _name(folder: Path) -> str:
    # Named by the folder's path (the key holds the path itself, so two folders never share).
    return f"pack-{zlib.crc32(str(folder).encode('utf-8', 'surrogatepass')):08x}.pickle"


def _code() -> tuple[Stamp, ...]:
    """What the kept stems were made with: the stemming code and Snowball's English stemmer."""
    paths = [Path(cues.__file__), Path(normalise.__file__)]
    if (snowball := cues.snowball_dir()) is not None:
        paths.append(snowball / "english_stemmer.py")
    return cache.stamp(*paths)


def _key(folder: Path) -> tuple[object, ...]:
    return (__version__, FORMAT, sys.version_info[:2], str(folder), _code())


def _entry(folder: Path) -> _Entry:
    """The folder's entry, read from the cache once per process; an empty one when there is none,
    it is stale, or it is not what this module writes."""
    entry = _ENTRIES.get(str(folder))
    if entry is not None:
        return entry
    files: dict[str, tuple[Stamp, dict[str, Any]]] = {}
    try:
        kept = cache.load(_name(folder), _key(folder))
    except OSError:  # a code file gone from under us: then nothing is trusted
        kept = None
    if _well_formed(kept):
        files, stems = kept
        cues.learn(stems)
    entry = _ENTRIES[str(folder)] = _Entry(dict(files))
    return entry


def _well_formed(kept: object) -> bool:
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return False
    files, stems = kept
    return (
        isinstance(files, dict)
        and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], dict) for v in files.values())
        and isinstance(stems, tuple)
        and len(stems) == 2
        and isinstance(stems[0], dict)
        and all(isinstance(t, str) and isinstance(s, tuple) for t, s in stems[0].items())
        and isinstance(stems[1], dict)
        and all(isinstance(w, str) and isinstance(s, str) for w, s in stems[1].items())
    )


def read_toml(folder: Path, path: Path) -> dict[str, Any]:
    """``path`` (a file of the pack in ``folder``) parsed: from the cache while the file is as it
    was, else read now. Raises as ``tomllib.loads(path.read_text("utf-8"))`` does: OSError,
    UnicodeDecodeError, or TOMLDecodeError (a ValueError)."""
    entry = _entry(folder)
    stamp = cache.stamp(path)[0]  # before reading: an edit made while we read shows as a change
    entry.read.add(str(path))
    kept = entry.files.get(str(path))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    import tomllib  # only when a file must be parsed: 3 ms of imports a warm run skips

    raw = tomllib.loads(path.read_text("utf-8"))
    entry.files[str(path)] = (stamp, raw)
    entry.changed = True
    return raw


def keep(folder: Path, cue_texts: list[str], vocabulary: list[str]) -> None:
    """Store the folder's entry when this run parsed anything: its files, the stems of
    ``cue_texts`` (stemmed by now, so this costs look-ups only) and of the words of
    ``vocabulary``, the pack's own wording, which labels in returns mostly reuse."""
    entry = _ENTRIES.get(str(folder))
    if entry is None or not entry.changed:
        return
    try:
        key = _key(folder)
    except OSError:
        return
    files = {p: v for p, v in entry.files.items() if p in entry.read}
    cache.store(_name(folder), key, (files, cues.learned(cue_texts, vocabulary)))
    entry.changed = False
    _prune()


KEPT_PACKS = 16  # entries kept, the most recently written: one per pack folder used


def _prune() -> None:
    """Drop the oldest entries past KEPT_PACKS: every pack folder ever loaded (a test's temporary
    copy, a moved folder) would otherwise leave one behind for good."""
    folder = cache.cache_dir()
    if folder is None:
        return
    entries = []
    for path in folder.glob("pack-*.pickle"):
        with contextlib.suppress(OSError):  # gone already: another run pruned it
            entries.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(entries, reverse=True)[KEPT_PACKS:]:
        with contextlib.suppress(OSError):
            path.unlink()


def forget() -> None:
    """Drop what this process read of the cache (tests: a later load reads it again)."""
    _ENTRIES.clear()
