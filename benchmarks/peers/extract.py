"""The peers as whole processes: one tool over one file or many, each file's output into OUTDIR.

    python extract.py TOOL OUTDIR FILE...   [-j N]

TOOL is one of:
  pypdfium2   text of every page (``PdfPage.get_textpage().get_text_range()``)
  pypdfium2-fonts
              the same text, and for every character its box, font size and weight from PDFium
              (``FPDFText_GetCharBox``, ``FPDFText_GetFontSize``, ``FPDFText_GetFontWeight``),
              with the font's name once per text object (``FPDFText_GetFontInfo``); written as
              runs of characters that share font, size and weight, each with its first box: the
              least a layout-aware extractor asks PDFium for
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
    if tool == "pypdfium2-fonts":
        return _pypdfium2_fonts(), ".txt"
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


def _pypdfium2_fonts():
    """Text with each character's box, size, weight and font name, through pypdfium2.raw."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    get_box, get_size, get_weight = (
        raw.FPDFText_GetCharBox,
        raw.FPDFText_GetFontSize,
        raw.FPDFText_GetFontWeight,
    )
    get_object, get_info, get_unicode = (
        raw.FPDFText_GetTextObject,
        raw.FPDFText_GetFontInfo,
        raw.FPDFText_GetUnicode,
    )
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    name_buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()

    def font_name(tp, i: int) -> str:
        n = get_info(tp, i, name_buf, len(name_buf), flags)
        return name_buf.raw[: max(0, min(n, len(name_buf)) - 1)].decode("utf-8", "replace")

    def page_runs(textpage) -> list[str]:
        tp = textpage.raw
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:  # PDFium left out or added characters: read them one by one
            text = "".join(chr(get_unicode(tp, i)) for i in range(count))
        lines: list[str] = []
        names: dict[int, str] = {}  # text object's address -> its font's name
        style = None
        start = 0
        x0 = y0 = x1 = y1 = 0.0  # the run's extent

        def close(end: int) -> None:
            size, weight, name = style[1], style[2], style[0]
            where = f"{x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f}"
            lines.append(f"{size:g}pt\t{weight}\t{name}\t{where}\t{text[start:end]!r}")

        for i in range(count):
            obj = get_object(tp, i)  # NULL (falsy) for a character PDFium generated
            key = ctypes.addressof(obj.contents) if obj else 0
            name = names.get(key)
            if name is None:
                name = names[key] = font_name(tp, i)
            this = (name, round(get_size(tp, i), 2), get_weight(tp, i))
            get_box(tp, i, *boxes)
            if this != style:
                if style is not None:
                    close(i)
                style, start = this, i
                x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            else:
                x0, y0 = min(x0, left.value), min(y0, bottom.value)
                x1, y1 = max(x1, right.value), max(y1, top.value)
        if style is not None:
            close(count)
        return lines

    def run(path: str) -> str:
        doc = pypdfium2.PdfDocument(path)
        try:
            out = []
            for page in doc:
                textpage = page.get_textpage()
                out += page_runs(textpage)
                textpage.close()
                page.close()
            return "\n".join(out)
        finally:
            doc.close()

    return run


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
