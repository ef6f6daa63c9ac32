"""The one folder where wres-convert keeps work between runs, so a one-file run does not redo it:
compiled page templates, the parsed standard pack, the command line's option table and help, the
converter's fixed regular expressions as compiled (text/patterns.py) and its value classes'
``__init__`` code (values.py), the last two as tables added to by each run (``Kept``).

``~/.cache/wres-convert`` (``$XDG_CACHE_HOME`` when set). ``WRES_CONVERT_NO_CACHE=1`` keeps
nothing. Every entry is checked against what it was made from (a key the caller builds from
versions and source files), and a folder that cannot be made, or that another user could write
to, is simply not used: a cache is never a reason for a run to fail or to trust someone else's
files.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

FORMAT = 2  # bumped when what an entry holds changes shape (2: a checksum before the pickle)
_SUM = 4  # bytes of the entry's CRC-32, written before it


def cache_dir(*parts: str) -> Path | None:
    """The cache folder (a sub-folder of it with ``parts``), made if need be; None when caching
    is off or the folder cannot be made or trusted."""
    if os.environ.get("WRES_CONVERT_NO_CACHE"):
        return None
    base = _base()
    if base is None:
        return None
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _trusted(base):
            return None
        folder = base.joinpath(*parts)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder if _trusted(folder) else None
    except OSError:
        return None


def _base() -> Path | None:
    """$XDG_CACHE_HOME/wres-convert, or ~/.cache/wres-convert. A relative $XDG_CACHE_HOME is
    ignored, as the XDG specification says; with no home folder at all (a container's arbitrary
    user) there is no cache."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "wres-convert"
    try:
        return Path.home() / ".cache" / "wres-convert"
    except (RuntimeError, KeyError, OSError):
        return None


def _trusted(folder: Path) -> bool:
    """Ours and writable by no one else: pickled entries run code when they load. A folder of
    ours that others could write to (earlier versions made it with the umask's mode) is emptied,
    since anyone might have put an entry there, and made private: a cache is only ever work that
    can be done again."""
    st = folder.stat()
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    if st.st_mode & 0o022:
        try:
            folder.chmod(0o700)  # first, so nothing new arrives while it is emptied
            for entry in os.scandir(folder):
                if entry.is_dir(follow_symlinks=False):
                    import shutil  # only to empty a folder made by an older version

                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
        except OSError:
            return False
        return not folder.stat().st_mode & 0o022
    return True


Stamp = tuple[str, int, int, int, int]  # a file's path, size, inode, modification and change times


def stamp(*paths: Path) -> tuple[Stamp, ...]:
    """What a cache key holds of source files: their names, sizes, inode numbers, and times of
    modification and change. The inode's change time moves with every edit and cannot be set back (``touch -r``,
    ``cp -p`` and ``rsync -t`` set the modification time only), so an edit that keeps the size
    and the modification time is still seen; reading the files whole would cost what the cache
    saves."""
    out = []
    for p in paths:
        st = p.stat()
        out.append((str(p), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(out)


def own(name: str, where: Path) -> str:
    """An entry's name for one installation (``where``: a folder of its own): two installations
    sharing a cache, each with its own entry, never take turns replacing it."""
    return f"{name}-{zlib.crc32(str(where).encode('utf-8', 'surrogatepass')):08x}"


def load(name: str, key: object) -> Any | None:
    """The value stored under ``name`` when it was stored with an equal ``key``; else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = (folder / name).read_bytes()
        body = memoryview(data)[_SUM:]
        # A damaged entry (a flipped bit, a sync tool's half-copy) may still unpickle, as a
        # pattern that no longer finds an e-mail address: the checksum turns it away.
        if len(data) < _SUM or zlib.crc32(body) != int.from_bytes(data[:_SUM], "big"):
            return None
        stored_key, value = pickle.loads(body)
    except Exception:  # missing, cut short, from another version: made again
        return None
    return value if stored_key == (FORMAT, key) else None


def store(name: str, key: object, value: object) -> None:
    """Keep ``value`` under ``name``; written whole or not at all (two runs at once each write
    their own file and rename it into place)."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        data = pickle.dumps(((FORMAT, key), value), protocol=pickle.HIGHEST_PROTOCOL)
        with open(tmp, "wb") as f:
            f.write(zlib.crc32(data).to_bytes(_SUM, "big") + data)
        os.replace(tmp, folder / name)
    except Exception:  # a full disk, a value that cannot be pickled: the next run makes it again
        with contextlib.suppress(OSError):
            tmp.unlink()


def interpreter() -> tuple[str, str]:
    """What an entry made by this interpreter alone depends on: its exact version and build, and
    its bytecode (the cache tag)."""
    return sys.version, sys.implementation.cache_tag


def per_interpreter(name: str) -> str:
    """An entry's name for this Python installation (its standard library's folder): shared by its
    environments and every version of wres-convert, for what depends on the interpreter alone."""
    return own(name, Path(os.__file__).parent)


class Kept:
    """A table of entries kept between runs, each made once by some process and then only looked
    up: patterns as compiled (text/patterns.py), ``__init__`` code (values.py). ``get`` reads the
    table on first use; ``put`` adds an entry made here, written when the process ends
    (``flush``; a forked worker, which leaves with ``os._exit``, calls ``flush_all`` itself).
    The table is stored under ``name_of()`` and used only when stored with an equal
    ``made_with()`` (``load``); ``usable`` says whether this interpreter can use one at all. Past
    ``most`` entries a table starts over: the entries still in use come back on the next runs."""

    def __init__(
        self,
        name_of: Callable[[], str],
        made_with: Callable[[], tuple[object, ...]],
        *,
        most: int,
        usable: Callable[[], bool] = lambda: True,
    ) -> None:
        self.name_of, self.made_with, self.most, self.usable = name_of, made_with, most, usable
        self.kept: dict[Hashable, Any] | None = None  # read on the first get()
        self.new: dict[Hashable, Any] = {}  # made by this process, written by flush()
        self.folder: Path | None = None  # the cache folder read; None when nothing is kept
        _TABLES.append(self)

    def get(self, entry: Hashable) -> Any | None:
        kept = self.kept if self.kept is not None else self._load()
        return kept.get(entry)

    def keeping(self) -> bool:
        """Whether an entry made here would be kept (so is worth making)."""
        if self.kept is None:
            self._load()
        return self.folder is not None

    def put(self, entry: Hashable, value: object) -> None:
        global _waiting
        if not self.keeping():
            return
        self.new[entry] = value
        if not _waiting:
            atexit.register(flush_all)
            _waiting = True

    def _load(self) -> dict[Hashable, Any]:
        """Read the table, once per process (a fork's children inherit it)."""
        self.kept = {}
        try:
            folder = cache_dir()
            if folder is None or not self.usable():
                return self.kept
            kept = load(self.name_of(), self.made_with())
        except Exception:  # OSError from a source file gone; anything else: nothing is kept
            return self.kept
        self.folder = folder
        if isinstance(kept, dict):
            self.kept = kept
        return self.kept

    def flush(self) -> None:
        """Add the entries this process made, when it made any: read the table as it is now
        (another process may have added some), add ours, and write it whole."""
        if not self.new or self.folder is None:
            return
        new, self.new = self.new, {}
        try:
            if not self.folder.is_dir() or cache_dir() != self.folder:  # removed, or another cache now
                return
            name, key = self.name_of(), self.made_with()
            kept = load(name, key)
            if not isinstance(kept, dict) or len(kept) + len(new) > self.most:
                kept = {}
            kept.update(list(new.items())[: self.most])
            store(name, key, kept)
        except Exception:  # a cache may only ever save time
            return
        if self.kept is not None:
            self.kept.update(new)

    def forget(self) -> None:
        """Drop what this process read and made (tests: the next get() reads the cache again)."""
        self.kept, self.folder, self.new = None, None, {}


_TABLES: list[Kept] = []
_waiting = False  # flush_all() is registered to run at exit


def flush_all() -> None:
    """Write what this process added to every table (``Kept.flush``)."""
    for table in _TABLES:
        table.flush()
