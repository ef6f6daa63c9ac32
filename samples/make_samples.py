"""Build the DOCX and PDF renderings of the bundled Chesterfield sample.

`chesterfield.txt` is the real returned WRES case-study template, kept byte for byte. Trusts
return the same template as Word files and PDFs, so this script renders that very submission the
way a trust fills the Word template (bold questions, real Word bullet and "a)" lists, bold detail
labels, core properties that must never be published) and prints it to PDF with LibreOffice. The
three files then hold the same content, which lets the readers be checked against each other.

Run from anywhere: ``python samples/make_samples.py`` (needs python-docx; LibreOffice's
``soffice`` on PATH for the PDF, skipped with ``--no-pdf``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
TXT = HERE / "chesterfield.txt"
DOCX = HERE / "chesterfield.docx"
PDF = HERE / "chesterfield.pdf"

TITLE = "Sharing good practice: case studies"
SUBTITLE = "Examples of Workforce Race Equality Standard (WRES) improvements"
DETAIL_LABELS = ("Organisation name", "Your name and job title", "Contact details")

# Lines the template (or the trust) sets in bold: the template's questions and the sub-headings
# the trust wrote inside its answers. Matched on the start of the line, so the long questions
# need not be spelled out twice; the text itself always comes from chesterfield.txt.
BOLD_PREFIXES = (
    "Your details",
    "What are your organisation's WRES objectives?",
    "Which WRES indicators has your organisation improved on?",
    "Indicator 8: In the last 12 months",
    "Please describe your WRES initiative",
    "What challenges or barriers have you had to overcome",
    "Top tips:",
    "What learning could other organisations take",
    "If you have a local template",
    # sub-headings inside the answers
    "a) Survey return rate",
    "Preparation",
    "Survey deployment",
    "Incentives / rewards",
    "b) Wider staff engagement activities",
    "c) Leadership initiatives",
    "Actual or intended outcomes",
    "Planning and preparation",
    "Who was helped and how?",
)

# Fixed so that two runs give the same DOCX bytes.
FIXED_TIME = dt.datetime(2020, 1, 14, 9, 30, 0, tzinfo=dt.UTC)
ZIP_TIME = (2020, 1, 14, 9, 30, 0)

LETTER_LIST = re.compile(r"^- ([a-z])\) (.*)$")
BULLET = re.compile(r"^- (.*)$")
HTML_PART = re.compile(r"<p>(.*?)</p>|<ul[^>]*>(.*?)(?:</ul>|$)", re.S)


@dataclass(frozen=True)
class Block:
    """One paragraph to write: kind is title, subtitle, bold, detail, text, bullet or letter."""

    kind: str
    text: str


def classify(text: str) -> str:
    if text == TITLE:
        return "title"
    if text == SUBTITLE:
        return "subtitle"
    if text.startswith(BOLD_PREFIXES):
        return "bold"
    if text.split(":", 1)[0] in DETAIL_LABELS:
        return "detail"
    return "text"


def html_blocks(line: str) -> Iterator[Block]:
    """`<p>…</p> <ul …> • a • b` as pasted into the returned text: paragraphs and a bullet list."""
    for para, items in HTML_PART.findall(line):
        if para:
            text = html.unescape(para).strip()
            yield Block(classify(text), text)
        else:
            for item in html.unescape(items).split("•"):
                if item.strip():
                    yield Block("bullet", item.strip())


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if "<p>" in line or "<ul" in line:
            blocks.extend(html_blocks(line))
        elif m := LETTER_LIST.match(line):
            blocks.append(Block("letter", m.group(2)))
        elif m := BULLET.match(line):
            blocks.append(Block("bullet", m.group(1)))
        else:
            blocks.append(Block(classify(line), line))
    return blocks


def add_letter_numbering(document: DocxDocument) -> int:
    """Add an "a)" lowerLetter list definition to the numbering part; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:nsid w:val="5A3C0E11"/>'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0">'
        '<w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1)"/>'
        '<w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        "</w:lvl>"
        "</w:abstractNum>"
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
    # Schema order: every w:abstractNum comes before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def use_plain_bullet(document: DocxDocument) -> None:
    """Make the "List Bullet" style's marker a plain "•" rather than the template's Symbol-font U+F0B7.

    python-docx's default template (like Word's own) draws the bullet as the private-use character
    U+F0B7 in the Symbol font, which a PDF's text layer then gives back as "\uf0b7". The sample
    PDF should show an ordinary "•", so the level is rewritten to U+2022 in the body font.
    """
    style = document.styles["List Bullet"].element
    num_id_el = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id_el is None:
        return
    numbering = document.part.numbering_part.element
    num_id = num_id_el.get(qn("w:val"))
    abstract_id = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == num_id
    )
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
    )
    lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == "0")
    lvl.find(qn("w:lvlText")).set(qn("w:val"), "•")
    r_pr = lvl.find(qn("w:rPr"))
    if r_pr is not None:
        lvl.remove(r_pr)


def set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    """Give the paragraph a direct w:numPr (python-docx places it in schema order)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def build_docx(blocks: list[Block]) -> bytes:
    document = docx.Document()
    use_plain_bullet(document)
    letter_num_id = add_letter_numbering(document)
    for block in blocks:
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title")
        elif block.kind == "subtitle":
            document.add_paragraph(block.text, style="Heading 1")
        elif block.kind == "bold":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "detail":
            label, value = block.text.split(": ", 1)
            para = document.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(value)
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")  # numbering comes from the style
        elif block.kind == "letter":
            set_numbering(document.add_paragraph(block.text, style="List Paragraph"), letter_num_id)
        else:
            document.add_paragraph(block.text)

    props = document.core_properties
    props.title = "WRES case study template"
    props.author = "Ian Siara"
    props.last_modified_by = "Ian Siara"
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 3
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME

    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def build_pdf(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) not found; install it or pass --no-pdf")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # A private profile, so a running LibreOffice (or another build) cannot get in the way.
        profile = (tmpdir / "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmpdir),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = tmpdir / (docx_path.stem + ".pdf")
        if not produced.exists():
            raise SystemExit(f"LibreOffice did not write {produced.name}")
        shutil.move(produced, pdf_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="only rebuild the DOCX")
    args = parser.parse_args(argv)

    blocks = parse(TXT.read_text(encoding="utf-8"))
    DOCX.write_bytes(build_docx(blocks))
    print(f"wrote {DOCX.relative_to(HERE.parent)} ({len(blocks)} paragraphs)")
    if not args.no_pdf:
        build_pdf(DOCX, PDF)
        print(f"wrote {PDF.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
