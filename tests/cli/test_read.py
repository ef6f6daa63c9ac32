"""``wres-convert read``: the document as the reader sees it, as Markdown-ish text or as the model
in JSON; errors as the other commands give them (one line, the same exit codes); and ``-V``."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import REPO, SAMPLES, run_cli

FIXTURES = REPO / "tests" / "fixtures"


def read(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    r = run_cli("read", *args, stdin=stdin)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def test_markdown_shows_headings_lists_bold_and_everything_read() -> None:
    code, out, err = read(str(SAMPLES / "chesterfield.docx"))
    assert code == 0, err
    assert out.startswith("# Sharing good practice: case studies\n")
    assert "**Organisation name:** Chesterfield Royal NHS Foundation Trust" in out
    assert "Ian Siara" in out  # nothing is taken out: this is a diagnosis, not a page
    assert "\n1. Improving overall return rate" in out and "\n3. Leadership initiatives" in out
    assert "\n- Staff data checking" in out


def test_lists_tables_and_controls() -> None:
    _, out, _ = read(str(FIXTURES / "docx" / "merged_cells.docx"))
    assert "| {colspan=2} Header spanning two | C |" in out and "{rowspan=2} Tall cell" in out
    _, out, _ = read(str(FIXTURES / "docx" / "content_controls.docx"))
    assert "::: control" in out and out.count(":::") % 2 == 0
    _, out, _ = read(str(FIXTURES / "docx" / "restart_lists.docx"))
    assert out.count("\n1. ") >= 2  # a restarted list counts from 1 again


def test_json_is_the_model() -> None:
    code, out, err = read(str(SAMPLES / "chesterfield.docx"), "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "wres-document/1" and doc["format"] == "docx"
    assert doc["source"] == {"file": "chesterfield.docx", "format": "docx"}
    kinds = {b["type"] for b in doc["blocks"]}
    assert {"heading", "paragraph", "list-item"} <= kinds
    item = next(b for b in doc["blocks"] if b["type"] == "list-item")
    assert {"level", "ordered", "restart", "inlines"} <= set(item)
    assert any(s.get("bold") for b in doc["blocks"] for s in b.get("inlines", []))


def test_standard_input_and_an_output_file(tmp_path: Path) -> None:
    data = (SAMPLES / "chesterfield.pdf").read_bytes()
    code, out, err = read("-", "--format", "md", "-o", "-", stdin=data)
    assert code == 0, err
    assert "Chesterfield Royal NHS Foundation Trust" in out
    target = tmp_path / "read.md"
    code, out, _ = read(str(SAMPLES / "chesterfield.txt"), "-o", str(target))
    assert code == 0 and out == "" and "Chesterfield" in target.read_text()


def test_errors_are_one_line_with_the_usual_exit_codes(tmp_path: Path) -> None:
    code, out, err = read(str(tmp_path / "missing.docx"))
    assert (code, out) == (3, "") and err.count("\n") == 1 and "error: no such file" in err
    code, _, err = read(str(FIXTURES / "bad" / "corrupt.docx"))
    assert code == 3 and err.count("\n") == 1
    code, _, err = read(str(SAMPLES / "chesterfield.txt"), "-f", "html")
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1
    code, _, err = read()
    assert code == 2 and "FILE" in err


def test_version_short_and_long() -> None:
    for flag in ("-V", "--version"):
        r = run_cli(flag)
        assert r.returncode == 0 and r.stdout.decode().startswith("wres-convert ")
    r = run_cli("samples/chesterfield.txt", "-V")  # after other arguments: typer's eager option
    assert r.returncode == 0 and r.stdout.decode().startswith("wres-convert ")


def test_read_is_a_subcommand_in_the_typo_check() -> None:
    r = run_cli("raed", str(SAMPLES / "chesterfield.txt"))
    assert r.returncode == 2 and "did you mean 'read'" in r.stderr.decode()
