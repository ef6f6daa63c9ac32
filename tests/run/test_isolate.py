"""Conversions run in child processes with a time limit: a hanging file is stopped and reported,
the others still convert, and results come back in order whatever finishes first."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wres_convert.errors import ConversionError
from wres_convert.run.isolate import run_all


def _sleep_then(value: int, seconds: float):  # type: ignore[no-untyped-def]
    def job() -> int:
        time.sleep(seconds)
        return value

    return job


def _fail() -> int:
    raise ConversionError("empty", "the file is empty", "check it")


def test_results_in_order_errors_as_data_and_a_hung_job_stopped() -> None:
    started = time.monotonic()
    outcomes = list(
        run_all([_sleep_then(1, 0.2), _fail, _sleep_then(3, 30), _sleep_then(4, 0)], workers=2, timeout=1.0)
    )
    assert time.monotonic() - started < 10
    assert outcomes[0].value == 1
    assert isinstance(outcomes[1].error, ConversionError) and outcomes[1].error.code == "empty"
    assert isinstance(outcomes[2].error, ConversionError) and outcomes[2].error.code == "timeout"
    assert "--timeout" in outcomes[2].error.line("slow.pdf")
    assert outcomes[3].value == 4


def test_parallel_workers_finish_sooner_than_one() -> None:
    started = time.monotonic()
    assert [o.value for o in run_all([_sleep_then(i, 0.3) for i in range(4)], workers=4, timeout=5)] == [
        0,
        1,
        2,
        3,
    ]
    assert time.monotonic() - started < 1.0


def test_workers_are_reused_and_recycled_so_a_long_batch_keeps_few_processes() -> None:
    import os

    from wres_convert.run import isolate

    def pid_job() -> int:
        return os.getpid()

    pids = [o.value for o in run_all([pid_job] * 40, workers=2, timeout=5)]
    assert len(set(pids)) == 2 and os.getpid() not in pids  # two workers did all forty

    old = isolate.RECYCLE_AFTER
    isolate.RECYCLE_AFTER = 5
    try:
        pids = [o.value for o in run_all([pid_job] * 20, workers=1, timeout=5)]
    finally:
        isolate.RECYCLE_AFTER = old
    assert len(set(pids)) == 4  # a fresh worker every five jobs


def test_a_worker_killed_mid_job_is_reported_and_the_rest_still_run() -> None:
    import os
    import signal

    def die() -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return 0

    outcomes = list(run_all([_sleep_then(1, 0), die, _sleep_then(3, 0)], workers=1, timeout=5))
    assert outcomes[0].value == 1 and outcomes[2].value == 3
    assert isinstance(outcomes[1].error, RuntimeError) and "ended unexpectedly" in str(outcomes[1].error)


def test_a_large_result_arrives_whole() -> None:
    big = "x" * 3_000_000
    assert [o.value for o in run_all([lambda: big] * 3, workers=2, timeout=10)] == [big] * 3


# ----------------------------------------------------------------------------- memory (issue 11)
MB = 1024 * 1024


def _allocate(mb: int):  # type: ignore[no-untyped-def]
    def job() -> int:
        block = bytearray(mb * MB)  # touched, as a parser's tree would be
        return len(block)

    return job


def _pid() -> int:
    import os

    return os.getpid()


def test_a_job_over_the_memory_cap_is_stopped_with_one_line_and_its_worker_replaced() -> None:
    outcomes = list(
        run_all([_pid, _allocate(600), _pid, _allocate(20)], workers=1, timeout=20, memory=256 * MB)
    )
    error = outcomes[1].error
    assert isinstance(error, ConversionError) and error.code == "too-much-memory"
    assert error.line("big.docx").endswith(
        "the conversion needed more than 256 MB of memory and was stopped; "
        "check the file; raise the limit with --max-memory MB"
    )
    assert outcomes[0].value != outcomes[2].value  # the worker left after running out: a fresh one
    assert outcomes[3].value == 20 * MB  # and the jobs after it still run


def test_running_out_of_memory_while_sending_a_large_result_is_reported_too() -> None:
    def big_result() -> str:
        return "x" * (150 * MB)  # fits, but pickling it for the parent does not

    outcomes = list(run_all([big_result, _pid], workers=1, timeout=20, memory=256 * MB))
    assert isinstance(outcomes[0].error, ConversionError) and outcomes[0].error.code == "too-much-memory"
    assert isinstance(outcomes[1].value, int)


def test_a_reader_error_caused_by_running_out_of_memory_counts_as_memory() -> None:
    def wrapped() -> int:
        try:
            bytearray(600 * MB)
        except MemoryError as exc:
            raise ConversionError("corrupt-pdf", "the PDF is damaged") from exc
        return 0

    [outcome] = run_all([wrapped], workers=1, timeout=20, memory=256 * MB)
    assert isinstance(outcome.error, ConversionError) and outcome.error.code == "too-much-memory"


def test_a_worker_killed_near_its_memory_cap_is_reported_as_memory() -> None:
    """PDFium aborts (SIGABRT) when an allocation fails under the cap: no MemoryError to catch."""
    import faulthandler
    import os
    import signal

    def grow_then_abort() -> int:
        block = bytearray(200 * MB)
        faulthandler.disable()  # pytest's, which would print the worker's stack
        os.kill(os.getpid(), signal.SIGABRT)
        return len(block)

    [outcome, after] = run_all([grow_then_abort, _pid], workers=1, timeout=20, memory=256 * MB)
    assert isinstance(outcome.error, ConversionError) and outcome.error.code == "too-much-memory"
    assert isinstance(after.value, int)


def test_the_default_memory_limit_shares_the_machine_between_jobs() -> None:
    from wres_convert.run.memory import MAX_DEFAULT_MEMORY, MIN_MEMORY, default_memory_limit, total_memory

    one, many = default_memory_limit(1), default_memory_limit(1000)
    assert MIN_MEMORY <= many <= one <= MAX_DEFAULT_MEMORY
    assert many == MIN_MEMORY  # never so little that a normal return cannot convert
    total = total_memory()
    if total is not None and total >= 8 * 1024 * MB:
        assert default_memory_limit(2) == MAX_DEFAULT_MEMORY


def test_every_sample_converts_under_the_smallest_default_memory_limit() -> None:
    """The floor leaves room: a worker starts at ~60 MB of address space, samples peak at ~120 MB."""
    from helpers import SAMPLES
    from wres_convert.readers import preload
    from wres_convert.run.convert import convert_bytes, render
    from wres_convert.run.memory import MIN_MEMORY

    preload({"docx", "pdf", "text"})

    def convert(path):  # type: ignore[no-untyped-def]
        def job() -> int:
            cs = convert_bytes(path.read_bytes(), path.name)
            return sum(len(render(cs, fmt)) for fmt in ("html", "md", "json"))

        return job

    paths = sorted(SAMPLES.glob("chesterfield.*"))
    outcomes = list(run_all([convert(p) for p in paths], workers=2, timeout=60, memory=MIN_MEMORY))
    assert [o.error for o in outcomes] == [None] * len(paths)


# ----------------------------------------------------------------------------- --debug (issue 11)
def test_the_workers_traceback_comes_back_for_debug() -> None:
    def broken() -> int:
        return {}["missing"]  # type: ignore[no-any-return]

    [outcome] = run_all([broken], workers=1, timeout=5)
    assert isinstance(outcome.error, KeyError)
    assert outcome.trace is not None
    assert "Traceback" in outcome.trace and "in broken" in outcome.trace and "KeyError" in outcome.trace


def _wait_for(path: Path) -> None:
    """Until ``path`` exists: a handshake between the worker and the parent, not a measure of
    time. The bound only keeps a broken run_all from hanging the test run."""
    for _ in range(6000):
        if path.exists():
            return
        time.sleep(0.01)
    raise AssertionError(f"{path.name} never came")


def _handshake(folder: Path) -> tuple[Callable[[], str], Callable[[], None]]:
    """A job that says it has started and then waits for ``meanwhile`` to answer: it finishes only
    if ``meanwhile`` runs while it is running, in the parent, after the fork."""
    started, answered = folder / "started", folder / "answered"

    def job() -> str:
        started.touch()
        _wait_for(answered)
        return "done"

    def meanwhile() -> None:
        _wait_for(started)
        answered.touch()

    return job, meanwhile


def test_meanwhile_runs_in_the_parent_while_the_first_job_runs(tmp_path: Path) -> None:
    job, meanwhile = _handshake(tmp_path)
    [outcome] = run_all([job], workers=1, timeout=60, meanwhile=meanwhile)
    assert outcome.error is None and outcome.value == "done"


def test_an_error_in_meanwhile_ends_the_run_and_stops_its_worker(tmp_path: Path) -> None:
    pids = tmp_path / "pids"

    def job() -> int:
        pids.write_text(str(os.getpid()))
        time.sleep(60)
        return 1

    def broken() -> None:
        _wait_for(pids)
        raise ConversionError("bad-template", "template error at page.html.j2:3: nope", "fix it")

    with pytest.raises(ConversionError, match=r"page\.html\.j2:3"):
        list(run_all([job], workers=1, timeout=60, meanwhile=broken))
    with pytest.raises(ProcessLookupError):  # killed and reaped: no orphan left converting
        os.kill(int(pids.read_text()), 0)


def test_a_job_done_in_time_is_not_stopped_while_the_parent_was_busy() -> None:
    # The job finishes at once, but its outcome is larger than a pipe holds, so the worker waits
    # for the parent to read it; the parent is in ``meanwhile`` past the time limit.
    big = b"x" * (1 << 20)

    def slow_parent() -> None:
        time.sleep(1.5)

    [outcome] = run_all([lambda: big], workers=1, timeout=0.5, meanwhile=slow_parent)
    assert outcome.error is None and outcome.value == big


def _exited(pid: int) -> bool:
    """Whether the child has exited, without reaping it (WNOWAIT)."""
    found = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    return found is not None and found.si_pid == pid


def test_a_worker_leaves_as_soon_as_its_last_outcome_arrives() -> None:
    # One file's parent renders and writes its page after the outcome: the worker exits
    # meanwhile, instead of waiting to be told at the end, and is still reaped.
    outcomes = run_all([os.getpid])
    pid = next(outcomes).value
    assert isinstance(pid, int) and pid != os.getpid()
    deadline = time.monotonic() + 10
    while not _exited(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _exited(pid)  # exited while the run was still going on
    assert list(outcomes) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped once the run ended


def _slow_to_leave() -> None:
    time.sleep(0.3)  # as a worker writing the cache on its way out


def test_a_worker_asked_to_leave_is_given_no_job_that_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker told to leave when the queue ran dry must not be handed a job put back later (here,
    the one queued behind a job that timed out): it would leave without running it."""
    from wres_convert import cache

    monkeypatch.setattr(cache, "flush_all", _slow_to_leave)  # inherited by the forked workers
    jobs = [_sleep_then(0, 30), _sleep_then(1, 0), _sleep_then(2, 0)]
    outcomes = list(run_all(jobs, workers=2, timeout=0.5, meanwhile=lambda: time.sleep(1)))
    assert isinstance(outcomes[0].error, ConversionError) and outcomes[0].error.code == "timeout"
    assert [o.value for o in outcomes[1:]] == [1, 2], [o.error for o in outcomes[1:]]
