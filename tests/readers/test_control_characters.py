"""Terminal escape sequences and control characters in a submission never reach a page.

A text return whose organisation name held an OSC title change, a CSI screen clear and an OSC 8
link put raw ESC and BEL into the HTML title, the description, the organisation paragraph and the
Markdown (which, written to a terminal with ``-o -``, retitled it and cleared the screen). One
rule at the reader boundary (``read_document``) now cleans every string a reader hands on, with
the same patterns ``terminal.printable`` uses; tabs and newlines stay, CR becomes a newline."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from helpers import SAMPLES, run_cli, sample_docx_with
from wres_convert.model import Cell, Control, Document, Message, Paragraph, Span, Table
from wres_convert.readers import read_document
from wres_convert.readers.clean import clean_document
from wres_convert.text.controls import printable, strip_controls

HOSTILE = "Chesterfield \x1b]0;PWNED\x07\x1b[2J \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ Trust"
# Any C0 control but tab and newline, DEL, and C1 (as UTF-8: C2 80 to C2 9F).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_text_return() -> bytes:
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    text = text.replace("Chesterfield Royal NHS Foundation Trust", HOSTILE, 1)
    at = text.index("\n", text.index("Please describe your WRES initiative"))
    answer = "\n\nOur answer \x9b31mshows\x9b0m no \x1bPdcs\x1b\\colour\x07.\r\nA second line.\n"
    return (text[:at] + answer + text[at:]).encode()


def strings(value: object) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def assert_clean(fmt: str, page: bytes) -> None:
    assert not RAW_CONTROL.search(page), f"{fmt}: {RAW_CONTROL.search(page)}"
    if fmt == "json":
        bad = [s for s in strings(json.loads(page)) if TEXT_CONTROL.search(s)]
        assert not bad, bad[:3]


# ----------------------------------------------------------------------------- the whole CLI
@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_escape_sequences_in_a_text_return_never_reach_any_output(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "hostile.txt").write_bytes(hostile_text_return())
    r = run_cli("hostile.txt", "-f", fmt, "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean(fmt, r.stdout)
    assert not RAW_CONTROL.search(r.stderr)
    page = r.stdout.decode()
    if fmt == "json":
        page = json.dumps(json.loads(page), ensure_ascii=False)
    assert re.search(r"Chesterfield\s+link\s+Trust", page)  # the organisation, as the page shows it
    assert "PWNED" not in page and "evil" not in page  # a sequence goes whole, not half
    assert re.search(r"shows\s+no\s+colour", page)


def test_the_organisation_name_is_clean_in_the_html_title_and_description(tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_bytes(hostile_text_return())
    page = run_cli("hostile.txt", "-f", "html", "-o", "-", cwd=tmp_path).stdout.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and re.search(r"Chesterfield\s+link\s+Trust", title.group(1))
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and "\x1b" not in description.group(1) and "Chesterfield" in description.group(1)


# XML 1.0 cannot carry ESC or BEL at all, but C1 controls (8-bit CSI, OSC, ST) and DEL are legal in it.
C1_RUNS = (
    '<w:p><w:r><w:t xml:space="preserve">Run \x9b2Jwith \x9d0;PWNED\x9ccontrols\x7f kept clean</w:t></w:r>'
    '<w:fldSimple w:instr="HYPERLINK &quot;https://example.org/\x9b31mpage&quot;">'
    "<w:r><w:t>a link</w:t></w:r></w:fldSimple></w:p>"
    '<w:sdt><w:sdtPr><w:tag w:val="tag\x9b1m"/><w:alias w:val="title\x85two"/></w:sdtPr>'
    "<w:sdtContent><w:p><w:r><w:t>field answer\x90hidden\x9c text</w:t></w:r></w:p></w:sdtContent></w:sdt>"
)


def test_a_docx_run_with_control_characters_is_read_clean() -> None:
    doc = read_document(sample_docx_with(C1_RUNS), "c1.docx")
    texts, hrefs, tags = [], [], []
    stack: list[object] = list(doc.blocks)
    while stack:
        b = stack.pop()
        if isinstance(b, Control):
            tags += [b.tag, b.title]
            stack.extend(b.blocks)
        elif isinstance(b, Table):
            stack.extend(x for row in b.rows for c in row for x in c.blocks)
        else:
            texts += [s.text for s in b.inlines]  # type: ignore[attr-defined]
            hrefs += [s.href for s in b.inlines if s.href]  # type: ignore[attr-defined]
    assert not [s for s in texts + hrefs + tags if TEXT_CONTROL.search(s)]
    assert "Run with controls kept clean" in " ".join(texts)
    assert "field answer text" in " ".join(texts)
    assert "https://example.org/page" in hrefs
    assert "tag" in tags and "title\ntwo" in tags


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_a_docx_with_control_characters_converts_clean(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "c1.docx").write_bytes(sample_docx_with(C1_RUNS))
    r = run_cli("c1.docx", "-f", fmt, "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean(fmt, r.stdout)


def test_a_pdf_string_with_escape_sequences_is_read_clean() -> None:
    from helpers import FONT, PAGE, pdf, stream

    ops = b"BT /F1 12 Tf 72 720 Td (Organisation name: Chesterfield \x1b[2J\x07 Trust) Tj ET"
    catalog = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    data = pdf([*catalog, PAGE % (5, 4), stream(ops), FONT])
    text = "\n".join(b.text for b in read_document(data, "esc.pdf").blocks)
    assert not TEXT_CONTROL.search(text)
    assert re.search(r"Chesterfield\s+Trust", text)


# ----------------------------------------------------------------------------- the one rule
def test_strip_controls_removes_whole_sequences_and_keeps_tabs_and_newlines() -> None:
    assert strip_controls(HOSTILE) == "Chesterfield  link Trust"
    assert strip_controls("a\tb\nc\r\nd\re\x0bf\x0cg\x85h") == "a\tb\nc\nd\ne\nf\ng\nh"
    assert strip_controls("x\x9b31my\x9d0;t\x9cz\x00\x7f\x9f") == "xyz"
    assert strip_controls("right\u202eto left") == "right\u202eto left"  # text direction is text


def test_printable_is_unchanged_by_the_shared_rule() -> None:
    assert printable(HOSTILE + "\tand\nmore\u202e") == "Chesterfield  link Trust and more"


def test_a_clean_document_is_handed_on_as_the_same_object() -> None:
    table = Table(((Cell((Paragraph((Span("a", href="https://x.org"),)),)),),))
    doc = Document(
        (table, Control((Paragraph((Span("b\tc\nd"),)),), tag="q1")), "docx", (Message("m", "ok"),)
    )
    assert clean_document(doc) is doc


def test_every_string_the_model_carries_is_cleaned() -> None:
    para = Paragraph((Span("keep \x1b[1mme", href="https://x.org/\x1b]8;;\x07a"), Span("\x07")))
    only_controls = Paragraph((Span("\x1b[2J"),))
    doc = Document(
        (Table(((Cell((para, only_controls)),),)), Control((para,), tag="t\x9b1m", title="\x07title")),
        "text",
        (Message("code\x1b", "warn\x9d0;x\x07ing"),),
    )
    out = clean_document(doc)
    table, control = out.blocks
    assert isinstance(table, Table) and isinstance(control, Control)
    (cell,) = table.rows[0]
    assert len(cell.blocks) == 1  # a paragraph of nothing but a sequence goes
    assert cell.blocks[0].inlines == (Span("keep me", href="https://x.org/a"),)  # type: ignore[union-attr]
    assert (control.tag, control.title) == ("t", "title")
    assert out.warnings == (Message("code", "warning"),)


def test_text_is_composed_at_the_reader_boundary_and_links_are_left_as_they_are() -> None:
    # "Zoë" written as "e" and a combining diaeresis (a Mac, some PDFs) is the same "Zoë" on the
    # page and to every search after the readers; a link's target keeps its own bytes.
    decomposed = unicodedata.normalize("NFD", "Zoë Hart")
    link = "https://example.org/" + decomposed
    doc = Document(blocks=(Paragraph((Span(decomposed, href=link),)),), format="docx")
    (para,) = clean_document(doc).blocks
    assert para.text == "Zoë Hart" and unicodedata.is_normalized("NFC", para.text)
    assert para.inlines[0].href == link
    plain = Document(blocks=(Paragraph((Span("Zoë Hart"),)),), format="docx")
    assert clean_document(plain) is plain  # nothing to do: the very same document
    # Only letters written with their marks apart are composed: NFC would also swap the Kelvin
    # sign, the Greek question mark and a CJK compatibility ideograph (a different glyph).
    singles = "\u212a \u037e \uf900 " + unicodedata.normalize("NFD", "한국")
    (kept,) = clean_document(Document(blocks=(Paragraph((Span(singles),)),), format="docx")).blocks
    assert kept.text == "\u212a \u037e \uf900 한국"
