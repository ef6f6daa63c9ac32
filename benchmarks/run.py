"""Time wres-convert against its peers on the same files, whole processes, side by side.

    .venv/bin/python benchmarks/run.py                      # everything
    .venv/bin/python benchmarks/run.py --quick              # fewer runs, no slow batch peers
    .venv/bin/python benchmarks/run.py --only docx,pdf --runs 20 --markdown /tmp/bench.md

Builds its inputs first when they are missing or stale (inputs.py), runs the groups (what is
measured: scenarios.py; how: harness.py, each command its own process, 1-2 warm-ups then N measured
runs, the tools of a group taking turns run by run) and prints the table: the median wall time,
min-max, wres-convert's time over each peer's, and the peak resident memory of the largest process
in the command's tree; then issue 18's targets (targets.py). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import inputs as inp  # noqa: E402
from harness import CLEARED_ENV, Case, Group, Launcher, ms, run_group  # noqa: E402
from scenarios import GROUPS, WRES, build_groups  # noqa: E402
from targets import targets, verdict  # noqa: E402


def version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "not installed"


def tool_version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "?"


def table_rows(groups: list[Group]) -> list[list[str]]:
    rows = []
    for g in groups:
        by_scenario: dict[str, list[Case]] = {}
        for c in g.cases:
            by_scenario.setdefault(c.scenario, []).append(c)
        for sc, cases in by_scenario.items():
            ref = next((c for c in cases if c.reference), None)
            ref_m = ref.median() if ref else None
            for c in cases:
                m = c.median()
                if c.argv is None:
                    rows.append([sc, c.tool, "-", "-", "-", "-", c.missing])
                    continue
                if c.error and not c.times:
                    rows.append([sc, c.tool, "-", "-", "-", "-", f"FAILED {c.error}"])
                    continue
                note = []
                if c.files > 1 and m:
                    note.append(f"{c.files / m:,.0f} files/s")
                if len(c.times) < g.runs:
                    note.append(f"{len(c.times)} run{'s' if len(c.times) != 1 else ''}")
                if c.error:
                    note.append(f"FAILED later: {c.error}")
                rows.append(
                    [
                        sc,
                        c.tool,
                        ms(m),
                        f"{ms(min(c.times))}-{ms(max(c.times))}",
                        "1.00x" if c is ref else (f"{ref_m / m:.2f}x" if ref_m and m else "-"),
                        f"{max(c.rss_kb) / 1024:.0f}",
                        ", ".join(note),
                    ]
                )
    return rows


HEAD = ["scenario", "tool", "median ms", "min-max ms", "wres / tool", "peak RSS MB", "note"]


def plain_table(head: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = []
    for n, r in enumerate([head, *rows]):
        cells = [
            str(v).rjust(w) if i in right else str(v).ljust(w)
            for i, (v, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def md_table(head: list[str], rows: list[list[str]], right: set[int]) -> str:
    esc = [[str(v).replace("|", "\\|") for v in r] for r in rows]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join("---:" if i in right else "---" for i in range(len(head))) + " |",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in esc]
    return "\n".join(lines)


def environment(floor_kb: int | None, started: tuple[str, str, str]) -> list[str]:
    typer_v = version("typer")
    lines = [
        f"started {started[0]}; {os.cpu_count()} cores; load average {started[1]} at the start, "
        f"{load()} at the end",
        f"python {platform.python_version()}; wres-convert {version('wres-convert')} ({revision(started[2])}); "
        f"typer {typer_v}; pypdfium2 {version('pypdfium2')}",
        f"pandoc: {tool_version(['pandoc', '--version'])}; pdftotext: {tool_version(['pdftotext', '-v'])}",
        f"mammoth {version('mammoth')}; markitdown {version('markitdown')}; pdfplumber {version('pdfplumber')}",
        f"inputs: {input_sizes()}",
    ]
    cleared = [k for k in CLEARED_ENV if k in os.environ]
    if cleared:
        lines.append(f"cleared for the measured commands: {', '.join(cleared)}")
    if floor_kb:
        lines.append(f"peak RSS floor (the launcher; `true` measures this): {floor_kb / 1024:.1f} MB")
    try:
        too_new = tuple(int(x) for x in typer_v.split(".")[:2]) >= (0, 29)
    except ValueError:
        too_new = False
    if too_new:
        lines.append(
            f"note: typer {typer_v} is installed, but pyproject.toml pins typer<0.29 (start-up cost)"
        )
    return lines


def input_sizes() -> str:
    """The 3-page DOCX inputs' sizes, and their styles parts' unpacked."""

    def one(path: Path) -> str:
        with zipfile.ZipFile(path) as z:
            styles = [f"{Path(i.filename).name} {i.file_size / 1000:.0f} KB" for i in z.infolist()
                      if i.filename.startswith("word/styles")]  # fmt: skip
        return f"{path.name} {path.stat().st_size / 1000:.0f} KB ({', '.join(styles)})"

    return "; ".join(one(inp.SINGLE / f"submission-3p{s}.docx") for s in ("-lean", ""))


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def revision(at_start: str) -> str:
    """The source's commit, and whether it changed while the groups ran (so the figures mix two)."""
    now = git_rev()
    return now if now == at_start else f"{at_start} at the start, {now} at the end: changed during the run"


def git_rev() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True, text=True
        )
        return rev.stdout.strip() + ("+changes in src" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, help="measured runs per single-file command (default 10; --quick 3)")
    ap.add_argument("--batch-runs", type=int, help="measured runs per batch command (default 3; --quick 1)")
    ap.add_argument(
        "--warmups", type=int, help="warm-up runs per command (default 2, batches 1; --quick 1, 0)"
    )
    ap.add_argument("--quick", action="store_true", help="fewer runs; leave out the slow batch peers")
    ap.add_argument("--only", help=f"comma-separated groups: {','.join(GROUPS)}")
    ap.add_argument("--markdown", metavar="OUT.md", help="also write the tables as Markdown")
    ap.add_argument("--rebuild-inputs", action="store_true", help="build the inputs again")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    if only - set(GROUPS):
        ap.error(f"unknown group(s) {', '.join(sorted(only - set(GROUPS)))}; known: {', '.join(GROUPS)}")
    if not Path(WRES).exists():
        ap.error(f"{WRES} not found: run this with the venv's python (.venv/bin/python benchmarks/run.py)")
    runs = args.runs or (3 if args.quick else 10)
    batch_runs = args.batch_runs or (1 if args.quick else 3)

    def progress(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    inp.build(force=args.rebuild_inputs)
    started = time.perf_counter()
    start_info = (time.strftime("%Y-%m-%d %H:%M"), load(), git_rev())
    failed = False
    with tempfile.TemporaryDirectory(prefix="wres-bench-") as tmp:
        work, logs = Path(tmp) / "out", Path(tmp) / "logs"
        work.mkdir()
        logs.mkdir()
        launcher = Launcher(cwd=Path(tmp))  # an empty folder: no wres-convert.toml is picked up
        try:
            _, _, floor_kb, _ = launcher.run(["/bin/true"], "/dev/null", "/dev/null")
            groups = [
                g for g in build_groups(work, args.quick, runs, batch_runs, args.warmups) if g.name in only
            ]
            for g in groups:
                run_group(launcher, g, logs, progress)
        finally:
            launcher.close()
    for g in groups:
        for c in g.cases:
            if c.wres and c.error:
                failed = True

    rows = table_rows(groups)
    tgts = targets(groups)
    trows = [[t.name, t.measured, t.target, verdict(t)] for t in tgts]
    env = environment(floor_kb, start_info)
    right = {2, 3, 4, 5}
    print()
    print("\n".join(env))
    print(f"runs: {runs} single-file, {batch_runs} batch; took {time.perf_counter() - started:.0f} s\n")
    print(plain_table(HEAD, rows, right))
    print("\nwres / tool: wres-convert's median time over the tool's (below 1: wres-convert is faster).\n")
    if trows:
        print(plain_table(["target", "measured", "limit", "result"], trows, set()))
    if args.markdown:
        text = [
            "Benchmark (`.venv/bin/python benchmarks/run.py" + (" --quick" if args.quick else "") + "`)",
            "",
            *(f"- {line}" for line in env),
            f"- runs: {runs} single-file, {batch_runs} batch",
            "",
            md_table(HEAD, rows, right),
            "",
            "wres / tool: wres-convert's median time over the tool's (below 1: wres-convert is faster).",
            "",
        ]
        if trows:
            text += [md_table(["target", "measured", "limit", "result"], trows, set()), ""]
        Path(args.markdown).write_text("\n".join(text))
        progress(f"wrote {args.markdown}")
    if failed:
        progress("wres-convert failed in some runs: see FAILED above; those figures are not valid")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
