"""Helpers shared by the tests: paths, the CLI as a user runs it, the bundled returns."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
GOLDEN = REPO / "tests" / "golden"
SHARED = REPO.parent / "shared"  # the session's shared folder, beside the repository
CORPUS = SHARED / "corpus"
FIXTURES = REPO / "tests" / "fixtures"


def sample_returns() -> list[Path]:
    """The bundled returns (samples/chesterfield.docx, .pdf, .txt), never the page the README's
    quick start writes beside them (samples/chesterfield.html)."""
    from wres_convert.run.inputs import SUBMISSION_SUFFIXES

    pages = (".html", ".htm")  # a return may be a web page, but none of the samples is
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SUBMISSION_SUFFIXES - set(pages))


def corpus_dir() -> Path:
    """The public acceptance corpus beside the repository. CI always has it: missing there is a failure."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the acceptance corpus is missing at {CORPUS}")
        pytest.skip("the acceptance corpus (../shared/corpus) is not beside this checkout")
    return CORPUS


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed CLI as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "wres_convert", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def need(tool_ok: bool, what: str) -> None:
    """These checks need Chromium and Java; CI installs them (scripts/test.sh), so there a
    missing tool is a failure, not a skip."""
    if not tool_ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: scripts/test.sh should have installed it")
        pytest.skip(f"{what} is not installed")


def long_submission() -> bytes:
    """The real return with its initiative answer four times over (about four printed pages) and
    a seven-column table pasted in as HTML, with a word too long to wrap: the widest a page gets."""
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    start = text.index("Our equality, diversity and inclusion agenda")
    end = text.index("What challenges or barriers")
    answer = text[start:end]
    cells = "".join(f"<td>Quarter {q}: 1{q}% of shortlisted BME applicants appointed</td>" for q in range(7))
    table = (
        "<table><tr>" + "".join(f"<th>Staff group {q}</th>" for q in range(7)) + "</tr>"
        f"<tr>{cells}</tr><tr><td>https://www.example.nhs.uk/a-very-long-unbroken-address-for-the-report</td>"
        + "<td>n</td>" * 6
        + "</tr></table>\n\n"
    )
    return (text[:end] + answer * 3 + table + text[end:]).encode("utf-8")


def expected_sections() -> dict[str, str]:
    text = (GOLDEN / "chesterfield-sections.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->\n", "", text, flags=re.S)
    parts = re.split(r"^=== (\S+)\n", text, flags=re.M)[1:]
    return {parts[i]: parts[i + 1].strip() for i in range(0, len(parts), 2)}


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"


# ----------------------------------------------------------------------------- builders
def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; the first is the catalogue), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def sample_docx_with(body_xml: str) -> bytes:
    """The sample Word return with ``body_xml`` (Word body XML) after the initiative's question."""
    import io
    import zipfile

    src = zipfile.ZipFile(SAMPLES / "chesterfield.docx")
    doc = src.read("word/document.xml").decode()
    at = doc.index("</w:p>", doc.index("Please describe your WRES initiative")) + len("</w:p>")
    doc = doc[:at] + body_xml + doc[at:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            is_doc = info.filename == "word/document.xml"
            dst.writestr(info.filename, doc.encode() if is_doc else src.read(info))
    return out.getvalue()
