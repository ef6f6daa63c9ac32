"""Watch an inbox folder and hand each new or changed file over once it has finished arriving.

Staff copy returned templates into a shared folder, often over a network share, so a file is
seen long before it is complete. A file is handed over only once it has *settled*: its size and
modification time have not changed for ``settle`` seconds and it can be opened for reading (on
Windows a file still being copied is locked) and, for a Word or PDF file, it is whole: a copy
that pauses mid-way settles too, but its zip directory or PDF trailer has not arrived yet. Files
that settle together go over in one call. A file that changes again after it was handed over
(the rest of a paused copy) is handed over again, so its page is made anew from the whole file.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from wres_convert.readers.sniff import ZIP_MAGIC
from wres_convert.values import field

if TYPE_CHECKING:
    from wres_convert.run.options import Options

from wres_convert.errors import EXIT_OK, ConversionError, message_line
from wres_convert.run.inputs import skip_reason
from wres_convert.run.terminal import say
from wres_convert.values import record

# Longest wait between looks at pending files; shorter only when ``settle`` is shorter, so a
# settled file is not kept waiting much longer than asked. Never a busy loop.
MAX_TICK = 0.2

# How long a settled Word or PDF file that is not whole yet is waited for before it is handed
# over anyway, so a damaged file still gets its one-line error rather than silence.
INCOMPLETE_GRACE = 30.0

# Event kinds that mean a file may have new content. Opened/closed/deleted do not.
_CHANGE_EVENTS = frozenset({"created", "modified", "moved", "attrib"})

# Partial downloads and editors' scratch files: never a returned template, and often mid-write.
_TEMP_SUFFIXES = (".tmp", ".part", ".crdownload")

# (size, mtime_ns, inode): what must stay put for a file to count as settled, and what tells a
# genuinely changed file from a repeat event about one already handed over.
Signature = tuple[int, int, int]


def ignored_name(name: str) -> bool:
    """True for names that are never a returned file: hidden, Office/LibreOffice locks, temp files."""
    lower = name.lower()
    # ".~lock.x.docx#" (LibreOffice) is hidden too; "~$x.docx" is Word's owner-lock file.
    return name.startswith((".", "~$")) or lower.endswith(_TEMP_SUFFIXES)


def _hidden_on_windows(st: os.stat_result) -> bool:
    attrs = getattr(st, "st_file_attributes", 0)  # only Windows has it
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def _signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _can_open(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:  # locked by the copier (Windows) or gone again
        return False


def looks_whole(path: Path) -> bool:
    """False for a Word or PDF file whose end has not arrived: a zip needs its end-of-directory
    record within the last 64 KiB, a PDF its ``%%EOF``. Other files cannot tell, and count as whole."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 65_557))  # the record (22 bytes) and the longest zip comment
            tail = fh.read()
    except OSError:
        return False
    if head.startswith(ZIP_MAGIC):
        return b"PK\x05\x06" in tail
    if head.startswith(b"%PDF-"):
        return b"%%EOF" in tail
    return True


@record
class _Pending:
    since: float  # monotonic time the file was last seen to change
    sig: Signature | None = None  # None: not looked at since the last event
    writing: bool = False  # open for writing as far as the events tell (inotify only)


@record(eq=False)  # the observer keeps handlers in a set: identity hashing
class _Inbox(FileSystemEventHandler):
    """Collects candidate paths from observer threads; the watch loop decides when they are ready."""

    folder: Path
    recursive: bool
    accept: Callable[[Path], bool] | None
    sees_closes: bool = False  # the observer reports a writer closing the file (inotify)
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: dict[Path, _Pending] = field(default_factory=dict)
    forget: set[Path] = field(default_factory=set)

    def wanted(self, path: Path) -> bool:
        try:
            parts = path.relative_to(self.folder).parts
        except ValueError:
            return False
        if not parts or (not self.recursive and len(parts) > 1):
            return False
        # A hidden folder (".git", ".Trash") hides everything below it.
        if any(ignored_name(part) for part in parts):
            return False
        return self.accept is None or self.accept(path)

    def note(self, path: Path, writing: bool = False) -> None:
        if self.wanted(path):
            with self.lock:
                # Any event restarts the clock: on coarse-timestamp filesystems (FAT, SMB) a write
                # need not change the size or mtime we compare.
                self.pending[path] = _Pending(since=time.monotonic(), writing=writing and self.sees_closes)

    def note_tree(self, folder: Path) -> None:
        # A folder moved in whole may bring files no event names; look inside ourselves.
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not ignored_name(d)]
            for name in files:
                self.note(Path(root, name))

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Runs on the observer's thread: keep it cheap and never raise.
        try:
            src = Path(os.fsdecode(event.src_path))
            if event.event_type in ("deleted", "moved"):
                with self.lock:
                    self.pending.pop(src, None)
                    self.forget.add(src)  # a file dropped again later is new, even if identical
            if event.event_type == "closed":  # the writer closed it: a paused copy has not
                with self.lock:
                    if src in self.pending:
                        self.pending[src].writing = False
                return
            if event.event_type not in _CHANGE_EVENTS:
                return
            path = Path(os.fsdecode(event.dest_path)) if event.event_type == "moved" else src
            if event.is_directory:
                if self.recursive and event.event_type in ("created", "moved") and path != self.folder:
                    self.note_tree(path)
                return
            self.note(path, writing=event.event_type in ("created", "modified"))
        except Exception as exc:  # an observer thread that dies silently would stop the watch
            _report(f"ignored a file event ({type(exc).__name__}: {exc})")


def _report(message: str) -> None:

    say(message_line("warning", None, f"watch: {message}"))


def watch(
    folder: Path,
    handle: Callable[[list[Path]], None],
    *,
    recursive: bool = False,
    settle: float = 1.0,
    stop: threading.Event | None = None,
    accept: Callable[[Path], bool] | None = None,
) -> None:
    """Hand each file that lands in ``folder`` to ``handle`` once it has settled, until stopped.

    Files already in the folder when watching starts are not handed over: only new, changed or
    moved-in ones. Returns when ``stop`` is set or on Ctrl-C, after stopping the observer.
    An exception from ``handle`` is reported on stderr and watching goes on.
    Raises OSError if the folder cannot be watched.
    """
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise NotADirectoryError(f"not a folder: {folder}")
    if stop is None:
        stop = threading.Event()
    tick = min(MAX_TICK, settle / 2) if settle > 0 else MAX_TICK
    observer = Observer()
    # Only inotify says when a writer closes a file; elsewhere settling is all there is.
    inbox = _Inbox(folder, recursive, accept, sees_closes=type(observer).__name__ == "InotifyObserver")
    handed: dict[Path, Signature] = {}  # what each file looked like when last handed over
    held = False  # ready files already held back one tick for a file about to settle
    try:
        observer.schedule(inbox, str(folder), recursive=recursive)
        observer.start()
        while not stop.wait(tick):
            ready, held = _collect(inbox, handed, settle, tick, held)
            if not ready:
                continue
            try:
                handle(ready)
            except Exception as exc:  # one bad batch must not end the watch
                _report(f"could not handle {', '.join(p.name for p in ready)}: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        pass  # Ctrl-C is the normal way out; the caller prints its own summary
    finally:
        _shut_down(observer)


def _collect(
    inbox: _Inbox, handed: dict[Path, Signature], settle: float, tick: float, held: bool
) -> tuple[list[Path], bool]:
    """Files settled by now, sorted; and whether they were held back for a near-settled one."""
    now = time.monotonic()
    ready: dict[Path, Signature] = {}
    nearly = False
    with inbox.lock:
        for path in inbox.forget:
            handed.pop(path, None)
        inbox.forget.clear()
        for path, entry in list(inbox.pending.items()):
            try:
                st = path.stat()
            except OSError:  # gone again (a temp rename, a cancelled copy)
                del inbox.pending[path]
                continue
            if not stat.S_ISREG(st.st_mode) or _hidden_on_windows(st):
                del inbox.pending[path]
                continue
            sig = _signature(st)
            if sig != entry.sig:
                entry.sig, entry.since = sig, now
                continue
            age = now - entry.since
            if age >= settle and age < settle + INCOMPLETE_GRACE and (entry.writing or not looks_whole(path)):
                continue  # a paused copy: wait for the rest (a damaged file goes over in time)
            if age >= settle:
                ready[path] = sig
            elif age >= settle - tick:
                nearly = True
    # Files dropped together can straddle a tick; wait one more so they go over in one call.
    if ready and nearly and not held:
        return [], True
    out: list[Path] = []
    for path, sig in ready.items():
        if not _can_open(path):
            with inbox.lock:
                if path in inbox.pending:
                    inbox.pending[path].since = now
            continue
        with inbox.lock:
            # Only drop it if no new event arrived while we were checking it.
            if inbox.pending.get(path) is not None and inbox.pending[path].sig == sig:
                del inbox.pending[path]
        if handed.get(path) == sig:
            continue  # a repeat event about a file we already handed over unchanged
        handed[path] = sig
        out.append(path)
    return sorted(out), False


def _shut_down(observer: BaseObserver) -> None:
    try:
        observer.stop()
        if observer.is_alive():
            observer.join(timeout=5)
    except KeyboardInterrupt:
        pass  # a second Ctrl-C while stopping: still leave quietly


def watch_inbox(paths: list[Path], opts: Options) -> int:
    """--watch: after the first run, convert each new or changed file that settles in the inbox,
    until Ctrl-C. The watched folder is the one folder given."""
    from wres_convert.run.batch import run
    from wres_convert.run.isolate import settle

    settle()  # an empty inbox's first run forks nothing: collection would still be off
    [inbox] = paths  # the CLI has checked it is one inbox folder
    base = Path.cwd()

    def handle(files: list[Path]) -> None:
        # Paths as the user would name them, so the manifest matches the first run's sources,
        # and named below the inbox, so each page keeps the name the first run gave it.
        named = [Path(os.path.relpath(f, base)) if f.is_relative_to(base) else f for f in files]
        try:
            run(named, opts, root=inbox)
        except ConversionError as exc:
            say(exc.line(str(inbox)))

    say(f"Watching {inbox} for returned templates; press Ctrl-C to stop.")
    watch(inbox.resolve(), handle, recursive=opts.run.recursive, accept=lambda p: skip_reason(p) is None)
    say("Stopped watching.")
    return EXIT_OK
