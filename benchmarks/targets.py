"""Issue 18's targets, from the measured groups: each with its measured value and PASS or FAIL.

A target whose figures were not measured (its group left out with --only) is not printed; one
whose peer is not installed prints n/a. See the targets table in benchmarks/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness import Group, find, ms
from scenarios import LEAN, MAMMOTH_TOOL, PANDOC_TOOL, PDFIUM_FONTS, PDFPLUMBER, WRES_BATCH, docx_scenario

HELP_MS = 60  # --help at most this
TEXT_OVER_PYTHON_MS = 60  # a text return at most `python -c pass` + this
# --version "stays as it is": the issue gives no number, so the guard is its floor, `python -c pass`,
# plus this. It is answered before the CLI is imported: 22 ms against 11 ms on 1 December 2026.
VERSION_OVER_PYTHON_MS = 20
DOCX_PER_S, PDF_PER_S = 200, 50  # 200-file batches with -j 2
MEMORY_RATIO = 1.2  # peak RSS, 1,000 files over 100
FAILED = "failed"


@dataclass
class Target:
    name: str
    measured: str
    target: str
    ok: bool | None  # None: could not be measured


def verdict(t: Target) -> str:
    return "n/a" if t.ok is None else ("PASS" if t.ok else "FAIL")


def targets(groups: list[Group]) -> list[Target]:
    out: list[Target] = []

    def med(sc: str, tool: str) -> float | None:
        c = find(groups, sc, tool)
        return c.median() if c else None

    def wres(sc: str, tool: str = "wres-convert") -> float | str | None:
        """wres-convert's median; FAILED when it ran and failed every run (a target it fails,
        rather than one left out); None when its group was not run."""
        c = find(groups, sc, tool)
        if c and c.argv and not c.times and c.error:
            return FAILED
        return c.median() if c else None

    def failed(name: str, limit: str, *values: object) -> bool:
        if FAILED in values:
            out.append(Target(name, "wres-convert failed", limit, False))
        return FAILED in values

    def at_most(name: str, value: float | str | None, limit: float | None, how: str) -> None:
        """``value`` <= ``limit`` (seconds); ``how`` says how the limit is made."""
        if limit is None or value is None:
            return
        target = f"<= {limit * 1000:.0f} ms{how}"
        if not failed(name, target, value):
            out.append(Target(name, f"{value * 1000:.0f} ms", target, value <= limit))

    def ratio(name: str, a: float | str | None, b: float | None, limit: float) -> None:
        target = f"<= {limit:.1f}x"
        if a is None or failed(name, target, a, b):
            return
        if b is None:
            out.append(Target(name, "peer not measured", target, None))
            return
        out.append(Target(name, f"{a / b:.2f}x ({ms(a)} / {ms(b)} ms)", target, a / b <= limit))

    def rate(name: str, sc: str, floor: float) -> None:
        c, target = find(groups, sc, WRES_BATCH), f">= {floor:g} files/s"
        if not failed(name, target, wres(sc, WRES_BATCH)) and c and c.median():
            r = c.files / c.median()
            out.append(Target(name, f"{r:.0f} files/s", target, r >= floor))

    bare = med("start-up", "python -c pass")
    at_most("--help", wres("start-up", "wres-convert --help"), HELP_MS / 1000, "")
    at_most(
        "--version (stays as it is)",
        wres("start-up", "wres-convert --version"),
        bare + VERSION_OVER_PYTHON_MS / 1000 if bare is not None else None,
        f" (python -c pass {ms(bare)} + {VERSION_OVER_PYTHON_MS})",
    )
    for large in (False, True):
        sc = docx_scenario(3, large)
        label = "docx 3 p" + (", large styles" if large else ", lean")
        w = wres(sc)
        ratio(f"{label}: <= 1.0x mammoth CLI", w, med(sc, MAMMOTH_TOOL), 1.0)
        ratio(f"{label}: <= 2x pandoc", w, med(sc, PANDOC_TOOL), 2.0)
    p3 = wres("pdf 3 pages")
    ratio("pdf 3 p: <= 0.5x pdfplumber script", p3, med("pdf 3 pages", PDFPLUMBER), 0.5)
    ratio("pdf 3 p: <= 2x pypdfium2 text+fonts script", p3, med("pdf 3 pages", PDFIUM_FONTS), 2.0)
    bare_t = med("text -> html", "python -c pass")
    at_most(
        "text: <= python -c pass + 60 ms",
        wres("text -> html"),
        bare_t + TEXT_OVER_PYTHON_MS / 1000 if bare_t is not None else None,
        f" ({ms(bare_t)} + {TEXT_OVER_PYTHON_MS})",
    )
    rate("200 docx, lean, -j 2", "200 docx" + LEAN, DOCX_PER_S)
    rate("200 pdf, -j 2", "200 pdf", PDF_PER_S)
    small, big = find(groups, "100 docx", WRES_BATCH), find(groups, "1000 docx", WRES_BATCH)
    name, target = f"memory flat: peak RSS 1000 files <= {MEMORY_RATIO:g}x 100 files", f"<= {MEMORY_RATIO:g}x"
    if failed(name, target, wres("100 docx", WRES_BATCH), wres("1000 docx", WRES_BATCH)):
        small = None
    if small and big and small.rss_kb and big.rss_kb:
        a, b = max(big.rss_kb), max(small.rss_kb)
        out.append(
            Target(name, f"{a / b:.2f}x ({a / 1024:.0f} / {b / 1024:.0f} MB)", target, a <= MEMORY_RATIO * b)
        )
    # Context, kept from before issue 18: a longer file costs no more than its length.
    ratio("context: docx 10 p <= 3x 3 p", wres(docx_scenario(10)), wres(docx_scenario(3)), 3)
    ratio("context: pdf 10 p <= 3x 3 p", wres("pdf 10 pages"), p3, 3)
    return out
