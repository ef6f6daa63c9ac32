"""Run each conversion in a child process with a time limit, so one pathological file cannot hang
a batch or take the rest down with it.

Children are forked from the CLI process, which imports the reader a file needs before forking,
so a child starts with everything loaded. Results come back pickled through a pipe. Where fork
is not available the work runs in-process, without a time limit.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from wres_convert.errors import ConversionError

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork")


@dataclass
class Outcome(Generic[T]):
    value: T | None = None
    error: BaseException | None = None


def _timeout(seconds: float) -> ConversionError:
    return ConversionError(
        "timeout",
        f"conversion took longer than {seconds:g} s and was stopped",
        "check the file opens normally; raise the limit with --timeout if it is just very large",
    )


@dataclass
class _Child:
    index: int
    pid: int
    fd: int
    started: float
    chunks: list[bytes]


def _start(index: int, job: Callable[[], T]) -> _Child:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the outcome, leave without cleanup handlers
        os.close(read_fd)
        try:
            payload = pickle.dumps(Outcome(value=job()))
        except BaseException as exc:  # every failure goes back to the parent as data
            try:
                payload = pickle.dumps(Outcome(error=exc))
            except Exception:
                payload = pickle.dumps(Outcome(error=RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_fd)
    return _Child(index, pid, read_fd, time.monotonic(), [])


def _finish(child: _Child, timed_out: float | None) -> Outcome[T]:
    os.close(child.fd)
    if timed_out is not None:
        os.kill(child.pid, signal.SIGKILL)
    _, status = os.waitpid(child.pid, 0)
    if timed_out is not None:
        return Outcome(error=_timeout(timed_out))
    data = b"".join(child.chunks)
    if not data:
        code = os.waitstatus_to_exitcode(status)
        return Outcome(error=RuntimeError(f"the conversion process ended unexpectedly ({code})"))
    return pickle.loads(data)  # our own child's output, never from outside


def run_all(
    jobs: list[Callable[[], T]], *, workers: int = 1, timeout: float | None = None
) -> Iterator[Outcome[T]]:
    """Run ``jobs`` with at most ``workers`` at once; yield their outcomes in the jobs' order."""
    if not CAN_FORK:
        for job in jobs:
            try:
                yield Outcome(value=job())
            except BaseException as exc:
                yield Outcome(error=exc)
        return
    pending = list(enumerate(jobs))
    running: dict[int, _Child] = {}
    done: dict[int, Outcome[T]] = {}
    next_out = 0
    while pending or running:
        while pending and len(running) < max(1, workers):
            index, job = pending.pop(0)
            child = _start(index, job)
            running[child.fd] = child
        wait = None
        if timeout is not None:
            wait = max(0.0, min(c.started + timeout for c in running.values()) - time.monotonic())
        ready, _, _ = select.select(list(running), [], [], wait)
        for fd in ready:
            chunk = os.read(fd, 1 << 16)
            child = running[fd]
            if chunk:
                child.chunks.append(chunk)
            else:
                done[child.index] = _finish(running.pop(fd), None)
        now = time.monotonic()
        for fd, child in list(running.items()):
            if timeout is not None and now - child.started >= timeout:
                done[child.index] = _finish(running.pop(fd), timeout)
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
