"""A one-file conversion is mostly start-up (issue 18): each read imports what its file needs and
no more. Checked in a fresh interpreter, since this test process has imported everything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# The heavy or format-specific modules a read may pull in.
WATCHED = (
    "lxml",
    "lxml.html",
    "pypdfium2",
    "pypdfium2_raw",
    "olefile",
    "zipfile",
    "hashlib",
    "wres_convert.readers.docx",
    "wres_convert.readers.pdf",
    "wres_convert.readers.pdf.figures",
    "wres_convert.readers.html",
    "wres_convert.readers.text.build",
    "wres_convert.readers.mail",
)


def _imported_by_read(path: Path, *, sniff_only: bool = False) -> set[str]:
    call = "detect_kind(data)" if sniff_only else "read_document(data, 'x')"
    script = (
        "import json, sys\n"
        "from wres_convert.readers import read_document\n"
        "from wres_convert.readers.sniff import detect_kind\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        f"{call}\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({list(WATCHED)!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize(
    ("fixture", "needed"),
    [
        # Plain text: no parser, no container, no PDF library.
        ("text/utf8.txt", {"wres_convert.readers.text.build"}),
        # Tags in a text return: the web-page reader on lxml.etree, never lxml.html.
        ("text/html_fragments.txt", {"lxml", "wres_convert.readers.html", "wres_convert.readers.text.build"}),
        # Word: lxml and the zip, nothing of the other readers.
        ("docx/hyperlinks.docx", {"lxml", "zipfile", "wres_convert.readers.docx"}),
        # A PDF without pictures or drawings: no hashing, no chart finder, no lxml.
        ("pdf/paragraphs.pdf", {"pypdfium2_raw", "wres_convert.readers.pdf"}),
        # A web page without <pre>: the text reader's line rules stay out.
        ("web/chesterfield-gdocs.html", {"lxml", "wres_convert.readers.html"}),
    ],
)
def test_a_read_imports_only_what_its_format_needs(fixture: str, needed: set[str]) -> None:
    assert _imported_by_read(FIXTURES / fixture) == needed


@pytest.mark.parametrize("fixture", ["web/chesterfield-gdocs.html", "text/utf8.txt"])
def test_sniffing_text_or_a_web_page_imports_no_reader(fixture: str) -> None:
    # The sniffer's UTF-16 check lives in text.decode: importing it must not load the text reader.
    assert _imported_by_read(FIXTURES / fixture, sniff_only=True) == set()


def test_preloading_text_loads_what_a_text_read_imports() -> None:
    # Workers are forked after the preload: each should start with the text reader's line rules.
    script = (
        "import sys\n"
        "from wres_convert.readers import preload\n"
        "preload({'text'})\n"
        "before = set(sys.modules)\n"
        "from wres_convert.readers.text import read\n"
        "read('Our answer\\n\\n- one\\n- two\\n'.encode())\n"
        "print(sorted(m for m in set(sys.modules) - before if m.startswith('wres_convert.readers')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
