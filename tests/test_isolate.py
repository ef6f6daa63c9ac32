"""Conversions run in child processes with a time limit: a hanging file is stopped and reported,
the others still convert, and results come back in order whatever finishes first."""

from __future__ import annotations

import time

from wres_convert.errors import ConversionError
from wres_convert.isolate import run_all


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

    from wres_convert import isolate

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
