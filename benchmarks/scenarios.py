"""What run.py measures: each group's commands, wres-convert's and its peers', on the inputs.py files.

A scenario is one input (or inbox) and the commands run on it; the wres-convert command is the
reference the peers' ratios are taken against. DOCX scenarios come in two rows: the lean files
(only the styles they use, as Word saves them) and the sample's large styles (python-docx's default
template: 350 KB styles.xml and 440 KB stylesWithEffects.xml). See benchmarks/README.md.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import inputs as inp
from harness import Case, Group

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # the venv's bin: run this with .venv/bin/python
PY = str(BIN / "python")
WRES = str(BIN / "wres-convert")
EXTRACT = str(HERE / "peers" / "extract.py")
TYPER_HELLO = str(HERE / "peers" / "typer_hello.py")
INSTALL_PIP = "pip install -e '.[bench]'"
MARKITDOWN = str(BIN / "markitdown")
PANDOC = ["-f", "docx", "-t", "html"]  # a fragment, as mammoth writes; -s adds a page shell
# Output names by tool: a suffix, or none for a folder (the extract.py scripts write into one).
OUTPUTS = {"wd": ".html", "pd": ".html", "mm": ".html", "md": ".md", "wp": ".html", "pt": ".txt",
           "pf": "", "pg": "", "pl": "", "mp": ".md"}  # fmt: skip
GROUPS = ("startup", "text", "docx", "pdf", "batch-docx", "batch-pdf", "memory")

# Scenario and tool names, as the tables show them and targets.py finds them.
LEAN, LARGE = ", lean", ", large styles"  # appended to a DOCX scenario's name: which styles it carries
WRES_BATCH = "wres-convert -j 2"
PANDOC_TOOL = "pandoc (docx -> html)"
MAMMOTH_TOOL = "mammoth CLI"
PDFIUM_FONTS = "pypdfium2 script (text+fonts)"  # per character: box, font size, weight; font name
PDFPLUMBER = "pdfplumber script (extract_text)"


def docx_scenario(pages: int, large: bool = False) -> str:
    return f"docx {pages} pages" + (LARGE if large else LEAN)


def have_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def available() -> dict[str, str]:
    """Each peer: "" when it can run, else what is missing and how to install it."""
    pip = f"not installed ({INSTALL_PIP})"
    return {
        "pandoc": "" if shutil.which("pandoc") else "not installed (apt-get install pandoc)",
        "pdftotext": "" if shutil.which("pdftotext") else "not installed (apt-get install poppler-utils)",
        "mammoth": "" if (BIN / "mammoth").exists() and have_module("mammoth") else pip,
        "markitdown": "" if (BIN / "markitdown").exists() and have_module("markitdown") else pip,
        "pdfplumber": "" if have_module("pdfplumber") else pip,
        "pypdfium2": "" if have_module("pypdfium2") else pip,
        "pypdfium2-fonts": "" if have_module("pypdfium2") else pip,
        "typer": "" if have_module("typer") else pip,
    }


class Builder:
    """Makes the cases: a peer that is not installed becomes a row that says so."""

    def __init__(self, work: Path, quick: bool):
        self.work, self.quick, self.have = work, quick, available()

    def out(self, name: str) -> Path:
        return self.work / name

    def peer(self, scenario: str, tool: str, key: str, argv: list[str], target: Path | None, **kw) -> Case:
        if self.have[key]:
            return Case(scenario, tool, None, missing=self.have[key], **kw)
        # the launcher does not search PATH
        return Case(scenario, tool, [shutil.which(argv[0]) or argv[0], *argv[1:]], target, **kw)

    def startup(self) -> list[Case]:
        """The CLI's fixed cost, beside the floors any Python or typer CLI pays."""
        return [
            Case("start-up", "python -c pass", [PY, "-c", "pass"]),
            self.peer("start-up", "typer app --help (5 lines)", "typer", [PY, TYPER_HELLO, "--help"], None),
            Case("start-up", "wres-convert --version", [WRES, "--version"]),
            Case("start-up", "wres-convert --help", [WRES, "--help"], reference=True),
        ]

    def text(self) -> list[Case]:
        o = self.out("text.html")
        return [
            Case(
                "text -> html",
                "wres-convert",
                [WRES, str(inp.SINGLE / "submission.txt"), "-o", str(o)],
                o,
                reference=True,
            ),
            Case("text -> html", "python -c pass", [PY, "-c", "pass"]),
            # The CLI's own start-up: --help loads the CLI; --version is answered before it.
            Case("text -> html", "wres-convert --help", [WRES, "--help"]),
        ]

    def docx(self, pages: int, large: bool) -> list[Case]:
        name = f"submission-{pages}p{'' if large else '-lean'}"
        docx, sc = str(inp.SINGLE / f"{name}.docx"), docx_scenario(pages, large)
        o = {k: self.out(f"{k}-{name}{suffix}") for k, suffix in OUTPUTS.items()}
        return [
            Case(sc, "wres-convert", [WRES, docx, "-o", str(o["wd"])], o["wd"], reference=True),
            self.peer(sc, PANDOC_TOOL, "pandoc", ["pandoc", docx, *PANDOC, "-o", str(o["pd"])], o["pd"]),
            self.peer(sc, MAMMOTH_TOOL, "mammoth", [str(BIN / "mammoth"), docx, str(o["mm"])], o["mm"]),
            self.peer(
                sc, "markitdown CLI (-> md)", "markitdown", [MARKITDOWN, docx, "-o", str(o["md"])], o["md"]
            ),
        ]

    def pdf(self, pages: int) -> list[Case]:
        pdf, sc = str(inp.SINGLE / f"submission-{pages}p.pdf"), f"pdf {pages} pages"
        o = {k: self.out(f"{k}-{pages}p{suffix}") for k, suffix in OUTPUTS.items()}

        def script(tool: str, key: str, out: str) -> Case:
            return self.peer(sc, tool, key, [PY, EXTRACT, key, str(o[out]), pdf], o[out])

        return [
            Case(sc, "wres-convert", [WRES, pdf, "-o", str(o["wp"])], o["wp"], reference=True),
            self.peer(
                sc, "pdftotext", "pdftotext", ["pdftotext", "-enc", "UTF-8", pdf, str(o["pt"])], o["pt"]
            ),
            script("pypdfium2 script (text)", "pypdfium2", "pf"),
            script(PDFIUM_FONTS, "pypdfium2-fonts", "pg"),
            script(PDFPLUMBER, "pdfplumber", "pl"),
            self.peer(
                sc, "markitdown CLI (-> md)", "markitdown", [MARKITDOWN, pdf, "-o", str(o["mp"])], o["mp"]
            ),
        ]

    def batch(
        self, sc: str, inbox: Path, suffix: str, peers: Sequence[tuple[str, str, bool]] = ()
    ) -> list[Case]:
        """wres-convert over a folder with -j 2; the peers (tool, key, slow) through extract.py, the
        slow ones once and not with --quick."""
        files = sorted(str(f) for f in inbox.iterdir() if f.suffix == suffix)
        n, tag = len(files), sc.replace(" ", "-").replace(",", "")
        o = self.out(f"b-{tag}")
        argv = [WRES, f"{inbox}/", "-o", f"{o}/", "-j", "2", "-q"]
        cases = [Case(sc, WRES_BATCH, argv, o, expect=n, files=n, reference=True)]
        for tool, key, slow in peers:
            if slow and self.quick:
                continue
            o = self.out(f"b-{tag}-{key}")
            argv = [PY, EXTRACT, key, str(o), *files, "-j", "2"]
            cases.append(
                self.peer(sc, f"{tool} -j 2", key, argv, o, expect=n, files=n, runs=1 if slow else None)
            )
        return cases


def build_groups(work: Path, quick: bool, runs: int, batch_runs: int, warmups: int | None) -> list[Group]:
    """Every group, in the order they run; run.py keeps those --only names."""
    b = Builder(work, quick)
    w1, wb = (1, 0) if quick else (2, 1)
    if warmups is not None:
        w1 = wb = warmups
    docx_peers = [
        ("pandoc", "pandoc", True),
        ("mammoth", "mammoth", True),
        ("markitdown", "markitdown", True),
    ]
    pdf_peers = [
        ("pdftotext", "pdftotext", False),
        ("pypdfium2", "pypdfium2", False),
        ("pypdfium2 text+fonts", "pypdfium2-fonts", False),
        ("pdfplumber", "pdfplumber", True),
        ("markitdown", "markitdown", True),
    ]
    return [
        Group("startup", b.startup(), runs, w1),
        Group("text", b.text(), runs, w1),
        Group("docx", [c for p in (3, 10) for large in (False, True) for c in b.docx(p, large)], runs, w1),
        Group("pdf", b.pdf(3) + b.pdf(10), runs, w1),
        # The peers run on the lean inbox only: the large-styles row is wres-convert's, for context.
        Group(
            "batch-docx",
            b.batch("200 docx" + LEAN, inp.INBOX_200, ".docx", docx_peers)
            + b.batch("200 docx" + LARGE, inp.INBOX_200_LARGE, ".docx"),
            batch_runs,
            wb,
        ),
        Group("batch-pdf", b.batch("200 pdf", inp.INBOX_PDF, ".pdf", pdf_peers), batch_runs, wb),
        Group(
            "memory",
            b.batch("100 docx", inp.INBOX_100, ".docx") + b.batch("1000 docx", inp.INBOX_1000, ".docx"),
            batch_runs,
            wb,
        ),
    ]
