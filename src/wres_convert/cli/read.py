"""``wres-convert read FILE``: the document as the reader sees it, before any question is sought.

Shows why a section was misread (a heading read as a paragraph, a list flattened, an answer inside
a table cell or a form control), and lets tools measure how faithfully each reader keeps the text
(../shared/realworld/recall.py). ``-f md`` (the default) is Markdown-ish text, one block after
another; ``-f json`` is the model itself (``wres-document/1``). The whole document is shown, the
submitter's contact details included: this is a diagnosis, not a page to publish.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wres_convert.cli.common import Debug, InputFormatOption, MaxPages, MaxSize, guarded, new_app
from wres_convert.cli.core import usage_error
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError, message_line
from wres_convert.run.terminal import say, write_stdout

if TYPE_CHECKING:
    from wres_convert.model import Block, Document, Inlines, Picture, Table

app = new_app()


class ReadFormat(StrEnum):
    md = "md"
    json = "json"


@app.command(
    epilog="Exit codes: 0 read; 2 usage error; 3 the file could not be read (missing, damaged, "
    "encrypted, wrong kind, over a limit); 6 the output could not be written; 141 standard output "
    "was closed early."
)
def read(
    file: Annotated[
        Path,
        typer.Argument(
            help="A returned template (.docx, .pdf, .txt), or - for standard input.",
            metavar="FILE",
            show_default=False,
            readable=False,
        ),
    ],
    fmt: Annotated[
        ReadFormat,
        typer.Option("--format", "-f", help="md (Markdown-ish text) or json (the document model)."),
    ] = ReadFormat.md,
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Output file, or - for standard output.", metavar="PATH"),
    ] = "-",
    input_format: InputFormatOption = None,
    max_size: MaxSize = "50",
    max_pages: MaxPages = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Debug = False,
) -> None:
    """Print a file as the reader sees it: headings and their levels, paragraphs, list items with
    their level and numbering, tables, form controls, bold, italic and links. Use it to see why a
    section was misread; it shows everything, the submitter's contact details included."""
    from wres_convert.cli.core import MB, MOST_MB_INPUT, MOST_PAGES, positive
    from wres_convert.run.convert import MAX_PAGES
    from wres_convert.run.convert import read as read_document

    name = "standard input" if str(file) == "-" else str(file)
    with guarded(debug):
        try:
            size = positive("--max-size", max_size, unit="MB", most=MOST_MB_INPUT, least=0.001)
            pages = (
                int(positive("--max-pages", max_pages, most=MOST_PAGES, whole=True))
                if max_pages is not None
                else None
            )
            if output != "-" and str(file) != "-" and Path(output).resolve() == file.resolve():
                raise usage_error(
                    f"-o {output} is the input file", "name another file, or - for standard output"
                )
        except ConversionError as exc:
            say(exc.line())
            raise typer.Exit(exc.exit_code) from None
        fmt_in = input_format.value if input_format else None
        try:
            source: bytes | Path = sys.stdin.buffer.read() if str(file) == "-" else file
            doc = read_document(
                source,
                format=fmt_in,  # type: ignore[arg-type]  # one of InputFormat's values
                name="stdin" if str(file) == "-" else None,
                max_bytes=int(size * MB),
                max_pages=pages if pages is not None else MAX_PAGES,
            )
        except ConversionError as exc:
            say(exc.line(name))
            raise typer.Exit(exc.exit_code) from None
        if not quiet:
            for w in doc.warnings:
                say(message_line("warning", name, w.message))
        if fmt is ReadFormat.json:
            from wres_convert.writers.jsonout import document_dict, dumps

            file_name = "stdin" if str(file) == "-" else file.name
            text = dumps(document_dict(doc, file_name)) + "\n"
        else:
            text = document_md(doc)
        _write(text, output)


def _write(text: str, output: str) -> None:
    if output == "-":
        write_stdout(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        say(message_line("error", output, f"cannot write: {exc.strerror}; check you may write there"))
        raise typer.Exit(EXIT_CANNOT_WRITE) from None


def document_md(doc: Document) -> str:
    """The document as Markdown-ish text: one block after another, nothing left out or tidied;
    then the page furniture (running headers and footers, page numbers), fenced."""
    from wres_convert.model import notes_of
    from wres_convert.writers.notes import numbered

    notes = notes_of(doc.blocks)
    with numbered(notes):
        lines = _blocks(doc.blocks)
    for n, note in enumerate(notes, start=1):  # as Markdown footnotes: "[^1]: …"
        with numbered(None):
            text = " <br> ".join(line for line in _blocks(note.blocks) if line)
        lines += [f"[^{n}]: ({note.kind}) {text}", ""]
    if doc.figures:
        lines += ["::: figure", *(line for line in _blocks(doc.figures) if line), ":::", ""]
    if doc.furniture:
        lines += ["::: furniture", *(line for line in _blocks(doc.furniture) if line), ":::"]
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    """Lines for ``blocks``; a blank line between blocks, none between items of one list."""
    from wres_convert.model import Control, Heading, ListItem, Picture, Table

    lines: list[str] = []
    numbers: list[int] = []  # the running number at each list level, so the ordering shows
    for block in blocks:
        if isinstance(block, ListItem):
            if block.restart or not numbers:
                if lines and lines[-1] != "":
                    lines.append("")
                numbers = []
            numbers = numbers[: block.level + 1] + [0] * (block.level + 1 - len(numbers))
            numbers[block.level] += 1
            marker = f"{numbers[block.level]}." if block.ordered else "-"
            lines.append(f"{'   ' * block.level}{marker} {_inline(block.inlines)}")
            continue
        if numbers:
            lines.append("")
            numbers = []
        if isinstance(block, Heading):
            lines.append(f"{'#' * max(1, min(block.level, 6))} {_inline(block.inlines)}")
        elif isinstance(block, Table):
            lines.extend(_table(block))
        elif isinstance(block, Control):
            attrs = "".join(f' {k}="{v}"' for k, v in (("tag", block.tag), ("title", block.title)) if v)
            lines.append(f"::: control{attrs}{' placeholder' if block.placeholder else ''}")
            lines.extend(_blocks(block.blocks))
            lines.append(":::")
        elif isinstance(block, Picture):
            lines.append(_picture(block))
        else:
            lines.append(_inline(block.inlines))
        lines.append("")
    return lines


def _picture(p: Picture) -> str:
    """A picture as the reader found it: what it is and says, never its bytes."""
    facts = [p.kind, p.media_type or "unknown type", f"{len(p.data)} bytes"]
    if p.width and p.height:
        facts.append(f"{p.width:g}×{p.height:g} px")
    if p.decorative:
        facts.append("decorative")
    if p.link:
        facts.append(f"linked from {p.link}")
    said = " ".join(p.alt.split())
    caption = f" {_inline(p.caption)}" if p.caption else ""
    return f"![{said}]({', '.join(facts)}){caption}"


def _table(table: Table) -> list[str]:
    """A pipe table; a cell's blocks are joined with <br>, its spans noted as {colspan=N}."""
    rows: list[str] = []
    for i, row in enumerate(table.rows):
        cells = []
        for cell in row:
            text = " <br> ".join(line for line in _blocks(cell.blocks) if line).replace("|", "\\|")
            span = "".join(
                f"{{{k}={n}}} " for k, n in (("colspan", cell.colspan), ("rowspan", cell.rowspan)) if n > 1
            )
            cells.append(span + text)
        rows.append("| " + " | ".join(cells) + " |")
        if i == 0:
            rows.append("|" + "---|" * max(1, len(row)))
    return rows


def _inline(inlines: Inlines) -> str:
    """Spans as Markdown: **bold**, *italic*, [links](href); a line break starts a new line."""
    from wres_convert.writers.notes import current

    out: list[str] = []
    numbering = current()
    for span in inlines:
        n = numbering.number(span.note) if numbering and span.note else None
        if n is not None:
            out.append(f"[^{n}]")
            continue
        text = span.text
        core = text.strip()
        if not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if span.italic:
            core = f"*{core}*"
        if span.bold:
            core = f"**{core}**"
        if span.href:
            core = f"[{core}]({span.href})"
        out.append(lead + core + trail)
    return "".join(out).replace("\n", "  \n")
