"""Run each conversion in a child process with a time limit, so one pathological file cannot hang
a batch or take the rest down with it.

A few long-lived workers are forked from the CLI process, which for a batch imports the readers the
files need before forking, so each worker starts with everything loaded (one file's worker imports
its own, while the parent does work of its own: ``meanwhile``). A worker takes one job at a
time (its index, through a pipe: the jobs themselves came with the fork), sends the outcome back
pickled, and waits for the next. A job that runs past the time limit has its worker killed and a
fresh one forked; a worker is also replaced after ``RECYCLE_AFTER`` jobs, so memory stays flat
however long the batch. Forking per file instead cost more than converting a small file.

Memory: with ``memory`` set, each worker caps its own address space (``RLIMIT_AS``) after the fork,
so a file that would take gigabytes (a huge document.xml, a PDF listing one page 100,000 times)
fails alone with "too-much-memory" instead of taking the machine down. A worker that ran out of
memory sends that error, then leaves and is replaced: its heap may be fragmented (run/memory.py).
Where fork is not available the work runs in-process, without a time or memory limit.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import struct
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from wres_convert import cache
from wres_convert.errors import ConversionError
from wres_convert.run.memory import EXIT_OUT_OF_MEMORY, caused_by_memory, died, limit_memory, too_much_memory
from wres_convert.values import field, record

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork")
RECYCLE_AFTER = 100  # jobs per worker before it is replaced: a worker grows with the returns it has read
QUEUE_DEPTH = 2  # jobs given to a worker at once: the running one and the next
_HEADER = struct.Struct("<QB")  # the length of a pickled outcome, and whether the worker then leaves
_INDEX = struct.Struct("<q")  # a job to run; -1 asks the worker to leave


@record
class Outcome(Generic[T]):
    value: T | None = None
    error: BaseException | None = None
    trace: str | None = None  # the worker's formatted traceback of ``error`` (for --debug)


def _timeout(seconds: float) -> ConversionError:
    return ConversionError(
        "timeout",
        f"conversion took longer than {seconds:g} s and was stopped",
        "check the file opens normally; raise the limit with --timeout if it is just very large",
    )


def _outcome_bytes(job: Callable[[], object], out_of_memory: bytes) -> tuple[bytes, bool]:
    """The job's outcome pickled, and whether the worker must leave after sending it.

    ``out_of_memory`` is the too-much-memory outcome, pickled before the job ran: with no memory
    left, nothing new can be made to report it. After a MemoryError the worker leaves, since its
    heap may be fragmented; that includes one raised while pickling a large result."""
    try:
        value = job()
    except MemoryError:
        return out_of_memory, True
    except BaseException as exc:  # every failure goes back to the parent as data
        if caused_by_memory(exc):
            return out_of_memory, True
        try:
            return _error_bytes(exc), False
        except MemoryError:
            return out_of_memory, True
    try:
        return pickle.dumps(Outcome(value=value)), False
    except MemoryError:
        return out_of_memory, True


def _error_bytes(exc: BaseException) -> bytes:
    import traceback  # only for a failure: loading it is a millisecond of every start

    trace = "".join(traceback.format_exception(exc))  # the frames are lost once exc is pickled
    try:
        return pickle.dumps(Outcome(error=exc, trace=trace))
    except Exception:
        return pickle.dumps(Outcome(error=RuntimeError(f"{type(exc).__name__}: {exc}"), trace=trace))


def _read_exactly(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _serve(jobs: list[Callable[[], T]], tasks: int, results: int, out_of_memory: bytes) -> None:
    """The worker's loop: run the jobs the parent names until told to stop, the pipe closes, or a
    job runs out of memory."""
    while True:
        try:
            (index,) = _INDEX.unpack(_read_exactly(tasks, _INDEX.size))
        except EOFError:
            return
        if index < 0:
            return
        payload, leave = _outcome_bytes(jobs[index], out_of_memory)
        os.write(results, _HEADER.pack(len(payload), leave))
        view = memoryview(payload)
        while view:
            view = view[os.write(results, view) :]
        if leave:
            return


@record
class _Worker:
    pid: int
    tasks: int  # the parent writes job indexes here
    results: int  # and reads outcomes here
    queue: deque[int] = field(default_factory=deque)  # given, not finished; the first is running
    started: float = 0.0  # when the first in the queue started
    done: int = 0
    given: int = 0
    buffer: bytearray = field(default_factory=bytearray)
    leaving: bool = False  # it said it leaves after its last outcome (it ran out of memory)
    dismissed: bool = False  # asked to leave: it is given nothing more

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
        size, leave = _HEADER.unpack_from(self.buffer)
        end = _HEADER.size + size
        if len(self.buffer) < end:
            return None
        data = bytes(self.buffer[_HEADER.size : end])
        del self.buffer[:end]
        self.started = time.monotonic()
        self.done += 1
        self.leaving = bool(leave)
        return pickle.loads(data)  # our own worker's

    def dismiss(self) -> None:
        """Ask the worker to leave once its queue is done, and give it nothing more (as one that
        has gone: its share done); ``stop`` then only reaps it."""
        if self.dismissed:
            return
        self.dismissed, self.given = True, RECYCLE_AFTER
        with contextlib.suppress(OSError):  # already gone: nothing to ask
            os.write(self.tasks, _INDEX.pack(-1))

    def stop(self, kill: bool) -> None:
        if kill:
            import signal  # only to kill: a run that kills no worker never loads it

            os.kill(self.pid, signal.SIGKILL)
        else:
            self.dismiss()
        os.close(self.tasks)
        os.close(self.results)
        os.waitpid(self.pid, 0)


def _fork(jobs: list[Callable[[], T]], memory: int | None) -> _Worker:
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: serve, then leave without the parent's cleanup handlers
        code = 0
        try:
            os.close(task_write)
            os.close(result_read)
            out_of_memory = pickle.dumps(Outcome(error=too_much_memory(memory)))
            if memory is not None:
                limit_memory(memory)
            _serve(jobs, task_read, result_write, out_of_memory)
        except MemoryError:
            code = EXIT_OUT_OF_MEMORY
        except BaseException:
            code = 70
        finally:
            try:
                cache.flush_all()  # what this worker compiled, kept for the next runs: os._exit skips atexit
            finally:
                os._exit(code)  # never on into the parent's code, whatever the flush raised
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


def settle() -> None:
    """Start-up is over: what it made (modules, the pack, templates) is moved out of the garbage
    collector's sight, so workers neither scan it nor copy its pages by touching them, and
    collection, which the command leaves off while it starts (cli/launcher.py), is on for the
    work itself. Frozen once a process: a later run (--watch's next) would freeze its
    predecessors' uncollected garbage for good."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
    gc.enable()


_settled = False


def run_all(
    jobs: list[Callable[[], T]],
    *,
    workers: int = 1,
    timeout: float | None = None,
    memory: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[Outcome[T]]:
    """Run ``jobs`` with at most ``workers`` at once; yield their outcomes in the jobs' order.
    ``memory``: the bytes of address space each worker may use (``default_memory_limit``).
    ``meanwhile``: work for this process once the first jobs are running (on another core; first,
    where there is no fork), such as loading what the parent will need for their outcomes; an
    error it raises ends the run, its workers stopped.

    Each worker has a second job queued behind the one it is running, so it never waits for the
    parent between jobs; a job's time limit counts from when the job before it finished."""
    settle()
    if not CAN_FORK:
        if meanwhile is not None:
            meanwhile()
        for job in jobs:
            try:
                yield Outcome(value=job())
            except BaseException as exc:
                import traceback

                yield Outcome(error=exc, trace="".join(traceback.format_exception(exc)))
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
                w = _fork(jobs, memory)
                pool.append(w)
                while pending and len(w.queue) < QUEUE_DEPTH:
                    if not _give(w, pending):
                        w.given = RECYCLE_AFTER
                        break
            if meanwhile is not None:
                meanwhile, work = None, meanwhile
                work()
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
                    _, status, usage = os.wait4(w.pid, 0)
                    os.close(w.tasks)
                    os.close(w.results)
                    done[job] = Outcome(error=died(status, usage.ru_maxrss, memory))
                    pending.extend(reversed(list(w.queue)[1:]))
                    continue
                w.buffer += chunk
                while w.queue and (outcome := w.outcome()) is not None:
                    done[w.queue.popleft()] = outcome  # type: ignore[assignment]
                    if w.leaving:  # it ran out of memory: it leaves, its queued jobs go elsewhere
                        retire(w, kill=False)
                        break
                if not pending and not w.queue and w in pool:
                    w.dismiss()  # no more work: it leaves while this process writes (stop reaps it)
            now = time.monotonic()
            for w in list(pool):
                # A job whose outcome has begun to arrive finished in time: only its transfer is
                # left, held up while this process was busy (``meanwhile``) with a full pipe.
                if w.queue and not w.buffer and timeout is not None and now - w.started >= timeout:
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
