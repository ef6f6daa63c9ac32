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
