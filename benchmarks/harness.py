"""The timing harness: runs each command as its own process, the commands of a group taking turns.

Every measured command is started by a small separate launcher (``LAUNCHER``: ``python -I -S``,
built-ins only), which spawns it, waits for it with ``os.wait4`` and reports its exit code, wall
time and peak RSS. A group's commands get their warm-ups, then N measured runs, round-robin,
starting one further along each round, so that a change in the machine's load hits them all alike.
Before each run a command's output is removed; afterwards its exit code must be 0 and its output
must be there, or the case is marked failed. What is measured is in scenarios.py; see
benchmarks/README.md.
"""

from __future__ import annotations

import marshal
import os
import shutil
import statistics
import struct
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# --- the launcher ----------------------------------------------------------------------------------
# Every measured command is started by this small separate Python process (no site, no imports
# beyond built-ins), which times it and reads its rusage from wait4. Linux carries the starting
# process's memory high-water mark into a child's ru_maxrss when the child execs, so a command
# started straight from this harness would report at least the harness's own size; started from
# the launcher it reports at least the launcher's (about 8 MB, shown as the "floor" in the header).
LAUNCHER = r"""
import marshal, os, signal, struct, sys, time
inp, out = sys.stdin.buffer, sys.stdout.buffer
H = struct.Struct("<I")
pid = 0
def expire(signum, frame):
    if pid:
        os.kill(pid, signal.SIGKILL)
signal.signal(signal.SIGALRM, expire)
while True:
    head = inp.read(H.size)
    if len(head) < H.size:
        break
    argv, stdout, stderr, timeout = marshal.loads(inp.read(H.unpack(head)[0]))
    acts = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    t0 = time.perf_counter()
    try:
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=acts)
    except OSError as exc:
        reply = (-1, 0.0, 0, str(exc))
    else:
        signal.alarm(timeout)
        _, status, ru = os.wait4(pid, 0)
        elapsed = time.perf_counter() - t0
        signal.alarm(0)
        pid = 0
        reply = (os.waitstatus_to_exitcode(status), elapsed, ru.ru_maxrss, "")
    data = marshal.dumps(reply)
    out.write(H.pack(len(data)) + data)
    out.flush()
"""


# Cleared for the measured commands: a user's installed wres-convert runs from bytecode, and with
# PYTHONDONTWRITEBYTECODE set (as it is in some shells here) the editable install's own modules
# would be compiled from source on every run. Unbuffered output is not what a user has either.
CLEARED_ENV = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE")


class Launcher:
    def __init__(self, cwd: Path):
        env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.header = struct.Struct("<I")

    def run(
        self, argv: list[str], stdout: str, stderr: str, timeout: int = 900
    ) -> tuple[int, float, int, str]:
        """(exit code, seconds, peak RSS in KB, spawn error)."""
        data = marshal.dumps((argv, stdout, stderr, timeout))
        self.proc.stdin.write(self.header.pack(len(data)) + data)
        self.proc.stdin.flush()
        (size,) = self.header.unpack(self.proc.stdout.read(self.header.size))
        return marshal.loads(self.proc.stdout.read(size))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


# --- what is measured ------------------------------------------------------------------------------


@dataclass
class Case:
    scenario: str
    tool: str
    argv: list[str] | None  # None: not installed
    out: Path | None = None  # a file, or a folder emptied before each run
    expect: int = 1  # files the output folder must hold afterwards
    files: int = 1  # inputs per run, for files/s
    reference: bool = False  # the wres-convert row ratios are taken against
    runs: int | None = None  # fewer than the group's (slow context peers)
    missing: str = ""
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def wres(self) -> bool:
        return self.tool.startswith("wres-convert")

    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


@dataclass
class Group:
    name: str
    cases: list[Case]
    runs: int
    warmups: int


def find(groups: list[Group], scenario: str, tool: str) -> Case | None:
    for g in groups:
        for c in g.cases:
            if c.scenario == scenario and c.tool == tool:
                return c
    return None


# --- running ---------------------------------------------------------------------------------------


def prepare(case: Case) -> None:
    if case.out is None:
        return
    if case.expect > 1 or case.out.suffix == "":
        shutil.rmtree(case.out, ignore_errors=True)
        case.out.mkdir(parents=True)
    else:
        case.out.unlink(missing_ok=True)


def produced(case: Case) -> bool:
    if case.out is None:
        return True
    if case.out.is_dir():
        # wres-convert also writes index.html and its manifest beside the pages
        suffix = ".html" if case.wres else ""
        made = [f for f in case.out.iterdir() if f.name != "index.html" and f.name.endswith(suffix)]
        return len([f for f in made if f.stat().st_size]) == case.expect
    return case.out.is_file() and case.out.stat().st_size > 0


def run_once(launcher: Launcher, case: Case, logs: Path, measure: bool) -> None:
    if case.argv is None or case.error:
        return
    prepare(case)
    stdout, stderr = str(logs / "stdout"), str(logs / "stderr")
    code, seconds, rss, spawn_error = launcher.run(case.argv, stdout, stderr)
    if code != 0 or not produced(case):
        err = spawn_error or Path(stderr).read_text(errors="replace").strip()
        last = err.splitlines()[-1] if err else "no output written"
        case.error = f"exit {code}: {last[:150]}" if code else f"no output: {last[:150]}"
        return
    if measure:
        case.times.append(seconds)
        case.rss_kb.append(rss)


def run_group(launcher: Launcher, group: Group, logs: Path, progress: Callable[[str], None]) -> None:
    cases = [c for c in group.cases if c.argv is not None]
    progress(f"{group.name}: {len(cases)} commands, {group.warmups} warm-up + {group.runs} runs each")
    for _ in range(group.warmups):
        for case in cases:
            if case.runs is None:  # the slow context peers have no warm-up
                run_once(launcher, case, logs, measure=False)
    for r in range(group.runs):
        turn = cases[r % len(cases) :] + cases[: r % len(cases)] if cases else []
        for case in turn:
            if case.runs is None or len(case.times) < case.runs:
                run_once(launcher, case, logs, measure=True)
        progress(f"  {group.name}: run {r + 1}/{group.runs}")


def ms(s: float | None) -> str:
    """Seconds as whole milliseconds, for the tables."""
    return "-" if s is None else f"{s * 1000:,.0f}"
