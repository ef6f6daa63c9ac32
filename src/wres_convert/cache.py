"""The one folder where wres-convert keeps work between runs, so a one-file run does not redo it:
compiled page templates, the parsed standard pack, the command line's option table and help, and
the converter's fixed regular expressions as compiled (text/patterns.py).

``~/.cache/wres-convert`` (``$XDG_CACHE_HOME`` when set). ``WRES_CONVERT_NO_CACHE=1`` keeps
nothing. Every entry is checked against what it was made from (a key the caller builds from
versions and source files), and a folder that cannot be made, or that another user could write
to, is simply not used: a cache is never a reason for a run to fail or to trust someone else's
files.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import zlib
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
