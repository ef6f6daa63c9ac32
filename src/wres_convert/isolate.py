"""Run each conversion in a child process with a time limit, so one pathological file cannot hang
a batch or take the rest down with it.

A few long-lived workers are forked from the CLI process, which imports the readers the files
need before forking, so each worker starts with everything loaded. A worker takes one job at a
time (its index, through a pipe: the jobs themselves came with the fork), sends the outcome back
pickled, and waits for the next. A job that runs past the time limit has its worker killed and a
fresh one forked; a worker is also replaced after ``RECYCLE_AFTER`` jobs, so memory stays flat
however long the batch. Forking per file instead cost more than converting a small file.
Where fork is not available the work runs in-process, without a time limit.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from wres_convert.errors import ConversionError

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork")
RECYCLE_AFTER = 250  # jobs per worker before it is replaced
QUEUE_DEPTH = 2  # jobs given to a worker at once: the running one and the next
_HEADER = struct.Struct("<Q")  # the length of a pickled outcome
_INDEX = struct.Struct("<q")  # a job to run; -1 asks the worker to leave


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


def _outcome_bytes(job: Callable[[], object]) -> bytes:
    try:
        return pickle.dumps(Outcome(value=job()))
    except BaseException as exc:  # every failure goes back to the parent as data
        try:
            return pickle.dumps(Outcome(error=exc))
        except Exception:
            return pickle.dumps(Outcome(error=RuntimeError(f"{type(exc).__name__}: {exc}")))


def _read_exactly(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _serve(jobs: list[Callable[[], T]], tasks: int, results: int) -> None:
    """The worker's loop: run the jobs the parent names until told to stop or the pipe closes."""
    while True:
        try:
            (index,) = _INDEX.unpack(_read_exactly(tasks, _INDEX.size))
        except EOFError:
            return
        if index < 0:
            return
        payload = _outcome_bytes(jobs[index])
        os.write(results, _HEADER.pack(len(payload)))
        view = memoryview(payload)
        while view:
            view = view[os.write(results, view) :]


@dataclass
class _Worker:
    pid: int
    tasks: int  # the parent writes job indexes here
    results: int  # and reads outcomes here
    queue: deque[int] = field(default_factory=deque)  # given, not finished; the first is running
    started: float = 0.0  # when the first in the queue started
    done: int = 0
    given: int = 0
    buffer: bytearray = field(default_factory=bytearray)

    def give(self, index: int) -> None:
        os.write(self.tasks, _INDEX.pack(index))
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append(index)
        self.given += 1

    def outcome(self) -> Outcome[object] | None:
        """The running job's outcome once all of it has arrived; the next job starts then."""
        if len(self.buffer) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self.buffer)
        end = _HEADER.size + size
        if len(self.buffer) < end:
            return None
        data = bytes(self.buffer[_HEADER.size : end])
        del self.buffer[:end]
        self.started = time.monotonic()
        self.done += 1
        return pickle.loads(data)  # our own worker's

    def stop(self, kill: bool) -> None:
        if kill:
            os.kill(self.pid, signal.SIGKILL)
        else:
            with contextlib.suppress(OSError):  # already gone: nothing to ask
                os.write(self.tasks, _INDEX.pack(-1))
        os.close(self.tasks)
        os.close(self.results)
        os.waitpid(self.pid, 0)


def _fork(jobs: list[Callable[[], T]]) -> _Worker:
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: serve, then leave without the parent's cleanup handlers
        code = 0
        try:
            os.close(task_write)
            os.close(result_read)
            _serve(jobs, task_read, result_write)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(task_read)
    os.close(result_write)
    return _Worker(pid, task_write, result_read)


def _give(w: _Worker, pending: list[int]) -> bool:
    """Hand ``w`` the next job; False (the job put back) if the worker has gone."""
    index = pending.pop()
    try:
        w.give(index)
    except OSError:
        pending.append(index)
        return False
    return True


def run_all(
    jobs: list[Callable[[], T]], *, workers: int = 1, timeout: float | None = None
) -> Iterator[Outcome[T]]:
    """Run ``jobs`` with at most ``workers`` at once; yield their outcomes in the jobs' order.

    Each worker has a second job queued behind the one it is running, so it never waits for the
    parent between jobs; a job's time limit counts from when the job before it finished."""
    if not CAN_FORK:
        for job in jobs:
            try:
                yield Outcome(value=job())
            except BaseException as exc:
                yield Outcome(error=exc)
        return
    pending = list(range(len(jobs)))
    pending.reverse()  # popped from the end: first job first
    pool: list[_Worker] = []
    done: dict[int, Outcome[T]] = {}
    next_out = 0

    def retire(w: _Worker, *, kill: bool) -> None:
        pool.remove(w)
        w.stop(kill=kill)
        pending.extend(reversed(list(w.queue)[1:] if kill else list(w.queue)))  # not started: redo

    try:
        while pending or any(w.queue for w in pool):
            # Replace workers that have done their share (memory stays flat) or have gone.
            for w in [w for w in pool if not w.queue and w.given >= RECYCLE_AFTER]:
                retire(w, kill=False)
            # Keep every worker two jobs deep, forking new ones up to the limit.
            for w in list(pool):
                while pending and len(w.queue) < QUEUE_DEPTH and w.given < RECYCLE_AFTER:
                    if not _give(w, pending):
                        w.given = RECYCLE_AFTER  # gone: its reads end, and report its job
                        break
            while pending and len(pool) < max(1, min(workers, len(jobs))):
                w = _fork(jobs)
                pool.append(w)
                while pending and len(w.queue) < QUEUE_DEPTH:
                    if not _give(w, pending):
                        w.given = RECYCLE_AFTER
                        break
            busy = {w.results: w for w in pool if w.queue}
            if not busy:
                continue
            wait = None
            if timeout is not None:
                wait = max(0.0, min(w.started + timeout for w in busy.values()) - time.monotonic())
            ready, _, _ = select.select(list(busy), [], [], wait)
            for fd in ready:
                w = busy[fd]
                chunk = os.read(fd, 1 << 16)
                if not chunk:  # the worker died mid-job (killed, out of memory)
                    job = w.queue[0]
                    pool.remove(w)
                    status = os.waitpid(w.pid, 0)[1]
                    os.close(w.tasks)
                    os.close(w.results)
                    code = os.waitstatus_to_exitcode(status)
                    done[job] = Outcome(
                        error=RuntimeError(f"the conversion process ended unexpectedly ({code})")
                    )
                    pending.extend(reversed(list(w.queue)[1:]))
                    continue
                w.buffer += chunk
                while w.queue and (outcome := w.outcome()) is not None:
                    done[w.queue.popleft()] = outcome  # type: ignore[assignment]
            now = time.monotonic()
            for w in list(pool):
                if w.queue and timeout is not None and now - w.started >= timeout:
                    done[w.queue[0]] = Outcome(error=_timeout(timeout))
                    retire(w, kill=True)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
    finally:
        for w in pool:
            w.stop(kill=bool(w.queue))
