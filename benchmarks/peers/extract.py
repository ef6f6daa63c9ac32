"""The peers as whole processes: one tool over one file or many, each file's output into OUTDIR.

    python extract.py TOOL OUTDIR FILE...   [-j N]

TOOL is one of:
  pypdfium2   text of every page (``PdfPage.get_textpage().get_text_range()``)
  pdfplumber  ``page.extract_text()`` for every page, plain (no layout options)
  mammoth     ``mammoth.convert_to_html`` (docx -> HTML)
  markitdown  ``MarkItDown().convert`` (docx or pdf -> Markdown)
  pandoc      the ``pandoc`` CLI, one process per file (docx -> HTML)
  pdftotext   the ``pdftotext`` CLI, one process per file

With ``-j N`` above 1 the files are shared among N forked worker processes (a library is imported
once, before the fork, as wres-convert's batch does) or, for a CLI, N processes run at a time.
One file and ``-j 1`` imports only the tool: this is the single-file figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

CLI_TOOLS = {"pandoc", "pdftotext"}


def converter(tool: str):
    """A function that converts one file and returns its text; the output suffix."""
    if tool == "pypdfium2":
        import pypdfium2

        def run(path: str) -> str:
            doc = pypdfium2.PdfDocument(path)
            try:
                return "\n".join(page.get_textpage().get_text_range() for page in doc)
            finally:
                doc.close()

        return run, ".txt"
    if tool == "pdfplumber":
        import pdfplumber

        def run(path: str) -> str:
            with pdfplumber.open(path) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)

        return run, ".txt"
    if tool == "mammoth":
        import mammoth

        def run(path: str) -> str:
            with open(path, "rb") as fh:
                return mammoth.convert_to_html(fh).value

        return run, ".html"
    if tool == "markitdown":
        from markitdown import MarkItDown

        md = MarkItDown()

        def run(path: str) -> str:
            return md.convert(path).text_content

        return run, ".md"
    if tool in CLI_TOOLS:
        import subprocess

        def run_cli(path: str, out: Path) -> None:
            if tool == "pandoc":
                cmd = ["pandoc", path, "-f", "docx", "-t", "html", "-o", str(out)]
            else:
                cmd = ["pdftotext", "-enc", "UTF-8", path, str(out)]
            subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)

        return run_cli, ".html" if tool == "pandoc" else ".txt"
    raise SystemExit(f"extract.py: unknown tool {tool!r}")


STATE: dict[str, object] = {}  # the tool, set before the fork so workers inherit it


def _one(pair: tuple[str, str]) -> None:
    path, out = pair
    if STATE["cli"]:
        STATE["fn"](path, Path(out))
    else:
        Path(out).write_text(STATE["fn"](path), encoding="utf-8")


def main(argv: list[str]) -> None:
    jobs = 1
    if "-j" in argv:
        i = argv.index("-j")
        jobs = int(argv[i + 1])
        del argv[i : i + 2]
    tool, outdir, *files = argv
    fn, suffix = converter(tool)
    STATE.update(fn=fn, cli=tool in CLI_TOOLS)
    pairs = [(f, str(Path(outdir) / (Path(f).stem + suffix))) for f in files]
    if jobs <= 1 or len(files) == 1:
        for pair in pairs:
            _one(pair)
    elif tool in CLI_TOOLS:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(_one, pairs))
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            pool.map(_one, pairs, chunksize=4)


if __name__ == "__main__":
    main(sys.argv[1:])
