"""Watch mode: real files, a real observer, the watcher in a background thread with a stop Event."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from wres_convert.run import watch as watch_mod

SETTLE = 0.3
SUPPORTED = {".docx", ".pdf", ".txt", ".doc"}


class Recorder:
    """A handle that remembers each call and the content of each file at that moment."""

    def __init__(self, fail_first: bool = False) -> None:
        self.calls: list[list[Path]] = []
        self.contents: list[dict[str, bytes]] = []
        self.fail_first = fail_first
        self.cond = threading.Condition()

    def __call__(self, paths: list[Path]) -> None:
        with self.cond:
            self.calls.append(list(paths))
            self.contents.append({p.name: p.read_bytes() for p in paths})
            self.cond.notify_all()
        if self.fail_first and len(self.calls) == 1:
            raise ValueError("converter blew up\nsecond line")

    def wait_calls(self, n: int, timeout: float = 4.0) -> list[list[Path]]:
        with self.cond:
            self.cond.wait_for(lambda: len(self.calls) >= n, timeout)
            return list(self.calls)

    def names(self) -> list[list[str]]:
        return [[p.name for p in call] for call in self.calls]


@contextmanager
def watching(
    folder: Path,
    handle: Callable[[list[Path]], None],
    monkeypatch: pytest.MonkeyPatch,
    **kwargs: object,
) -> Iterator[threading.Event]:
    """Run watch() in a thread; yield once its observer is really watching, stop it on exit."""
    started = threading.Event()

    class SignallingObserver(watch_mod.Observer):  # type: ignore[misc,valid-type]
        def start(self) -> None:
            super().start()
            started.set()  # inotify watches are in place once start() returns

    monkeypatch.setattr(watch_mod, "Observer", SignallingObserver)
    stop = threading.Event()
    kwargs["stop"] = stop
    kwargs.setdefault("settle", SETTLE)
    kwargs.setdefault("accept", lambda p: p.suffix.lower() in SUPPORTED)
    thread = threading.Thread(target=watch_mod.watch, args=(folder, handle), kwargs=kwargs, daemon=True)
    thread.start()
    assert started.wait(5), "observer did not start"
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=3)
        assert not thread.is_alive(), "watch() did not return after stop was set"


def quiet(seconds: float = 3 * SETTLE) -> None:
    """Long enough for anything pending to have settled and been handed over."""
    time.sleep(seconds)


def test_file_written_in_chunks_is_handed_over_once_when_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    chunks = [f"chunk {i}\n".encode() * 200 for i in range(5)]
    # Gaps longer than the watcher's 0.2 s check but shorter than settle: only the settle
    # rule, not event timing, keeps the half-written file back.
    with watching(tmp_path, rec, monkeypatch, settle=0.5):
        target = tmp_path / "return.docx"
        with target.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
                f.flush()
                time.sleep(0.25)
        rec.wait_calls(1)
        quiet()
    assert rec.names() == [["return.docx"]]
    assert rec.contents[0]["return.docx"] == b"".join(chunks)


def test_files_dropped_together_arrive_in_one_sorted_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    with watching(tmp_path, rec, monkeypatch):
        for name in ("b.pdf", "a.docx", "c.txt"):
            (tmp_path / name).write_bytes(b"x" * 1000)
        rec.wait_calls(1)
        quiet()
    assert rec.names() == [["a.docx", "b.pdf", "c.txt"]]


def test_hidden_lock_temp_unsupported_and_folders_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    with watching(tmp_path, rec, monkeypatch):
        for name in (
            ".hidden.docx",
            "~$return.docx",
            "~WRL0001.tmp",
            ".~lock.return.docx#",
            "download.pdf.part",
            "download.pdf.crdownload",
            "UPPER.TMP",
            "picture.png",  # rejected by accept
        ):
            (tmp_path / name).write_bytes(b"junk")
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "nested.docx").write_bytes(b"not watched: not recursive")
        (tmp_path / "folder.docx").mkdir()
        (tmp_path / "real.docx").write_bytes(b"real")
        rec.wait_calls(1)
        quiet()
    assert rec.names() == [["real.docx"]]


def test_recursive_sees_subfolders_but_not_hidden_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = Recorder()
    (tmp_path / "team").mkdir()
    with watching(tmp_path, rec, monkeypatch, recursive=True):
        (tmp_path / ".git").mkdir()
        (tmp_path / ".git" / "x.txt").write_bytes(b"hidden folder")
        (tmp_path / "team" / "one.docx").write_bytes(b"one")
        # A folder moved in whole, as when someone drags a folder of returns into the inbox.
        outside = tmp_path.parent / f"{tmp_path.name}-drop"
        outside.mkdir()
        (outside / "two.pdf").write_bytes(b"two")
        outside.rename(tmp_path / "dropped")
        rec.wait_calls(1)
        quiet()
    handed = sorted(p.relative_to(tmp_path).as_posix() for call in rec.calls for p in call)
    assert handed == ["dropped/two.pdf", "team/one.docx"]


def test_modified_file_is_handed_over_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = Recorder()
    with watching(tmp_path, rec, monkeypatch):
        target = tmp_path / "return.txt"
        target.write_bytes(b"first version")
        rec.wait_calls(1)
        os.chmod(target, 0o600)  # an event without new content: not handed over again
        quiet()
        target.write_bytes(b"second, corrected version")
        rec.wait_calls(2)
        quiet()
    assert rec.names() == [["return.txt"], ["return.txt"]]
    assert [c["return.txt"] for c in rec.contents] == [b"first version", b"second, corrected version"]


def test_a_handle_that_raises_does_not_stop_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = Recorder(fail_first=True)
    with watching(tmp_path, rec, monkeypatch):
        (tmp_path / "bad.docx").write_bytes(b"bad")
        rec.wait_calls(1)
        (tmp_path / "good.docx").write_bytes(b"good")
        rec.wait_calls(2)
    assert rec.names() == [["bad.docx"], ["good.docx"]]
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line, even for a multi-line message
    assert "bad.docx" in err and "ValueError" in err and "Traceback" not in err


def test_setting_stop_returns_promptly_and_stops_the_observer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(threading.enumerate())
    rec = Recorder()
    with watching(tmp_path, rec, monkeypatch) as stop:
        (tmp_path / "pending.docx").write_bytes(b"still settling")
        t0 = time.monotonic()
        stop.set()
    assert time.monotonic() - t0 < 1.0
    time.sleep(0.1)
    assert set(threading.enumerate()) <= before, "observer threads left running"


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process is POSIX-only")
def test_ctrl_c_exits_cleanly_without_a_traceback(tmp_path: Path) -> None:
    # Ctrl-C reaches the main thread, so this runs watch() in its own process and sends SIGINT.
    script = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from wres_convert.run import watch as w\n"
        "class Obs(w.Observer):\n"
        "    def start(self):\n"
        "        super().start(); print('ready', flush=True)\n"
        "w.Observer = Obs\n"
        "w.watch(Path(sys.argv[1]), print, settle=0.3)\n"
        "print('returned', flush=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out == b"returned\n"
    assert err == b""


def test_missing_folder_is_an_error_not_a_silent_watch(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        watch_mod.watch(tmp_path / "nope", lambda paths: None, stop=threading.Event())


def test_ignored_name() -> None:
    assert watch_mod.ignored_name("~$x.docx") and watch_mod.ignored_name(".~lock.x.docx#")
    assert not watch_mod.ignored_name("x.docx") and not watch_mod.ignored_name("tmp.docx")
