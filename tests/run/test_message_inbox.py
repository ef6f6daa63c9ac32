"""An inbox as the WRES team's mailbox leaves it, converted through the CLI: saved messages (.eml
and Outlook .msg) with one return attached, two, one inside a forwarded message, or none (a
thank-you, a logo), beside a web page and a plain DOCX. Each attached return is a page of its own,
named MESSAGE--ATTACHMENT; a message with no return is skipped, not failed; a rerun rewrites
nothing; a removed message leaves the manifest. (Fixtures: fixtures/make_email_fixtures.py,
fixtures/make_msg_fixtures.py, fixtures/make_web_fixtures.py.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import FIXTURES, SAMPLES, run_cli

INBOX = {
    "two-attached.eml": FIXTURES / "email" / "two-attached.eml",  # chesterfield.docx, chesterfield.pdf
    "attached-docx.eml": FIXTURES / "email" / "attached-docx.eml",  # chesterfield.docx
    "no-return.eml": FIXTURES / "email" / "no-return.eml",
    "logo-only.eml": FIXTURES / "email" / "logo-only.eml",
    "two-attached.msg": FIXTURES / "msg" / "two-attached.msg",  # first.docx, second.docx
    "nested.msg": FIXTURES / "msg" / "nested.msg",  # a message attached, with "WRES case study.docx"
    "no-return.msg": FIXTURES / "msg" / "no-return.msg",
    "return.htm": FIXTURES / "web" / "chesterfield-word-filtered.htm",
    "chesterfield.docx": SAMPLES / "chesterfield.docx",
}
PAGES = {
    "two-attached.eml": ["two-attached--eml--chesterfield.html", "two-attached--eml--chesterfield--pdf.html"],
    "attached-docx.eml": ["attached-docx--eml--chesterfield.html"],
    "two-attached.msg": ["two-attached--msg--first.html", "two-attached--msg--second.html"],
    # A name with spaces and capitals is its slug and a hash of the name:
    # sha256("WRES case study.docx")[:8] == "6a750192".
    "nested.msg": ["nested--msg--wres-case-study--6a750192.html"],
    "return.htm": ["return--htm.html"],
    "chesterfield.docx": ["chesterfield.html"],
}
NO_RETURN = ["no-return.eml", "logo-only.eml", "no-return.msg"]
OWN = {"index.html", "wres-convert-manifest.json"}


def make_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    for name, source in INBOX.items():
        shutil.copyfile(source, inbox / name)
    return inbox


def convert(root: Path):  # type: ignore[no-untyped-def]
    return run_cli("inbox", "-o", "out/", cwd=root)


def written(root: Path) -> set[str]:
    return {p.name for p in (root / "out").iterdir() if not p.name.startswith(".")}


def manifest(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads((root / "out" / "wres-convert-manifest.json").read_text("utf-8"))
    return {e["source"]: e for e in data["entries"]}


def mtimes(root: Path) -> dict[str, int]:
    return {name: (root / "out" / name).stat().st_mtime_ns for name in written(root) - OWN}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("mailbox")
    make_inbox(root)
    return root, convert(root)


def test_each_attached_return_is_a_page_named_after_its_message(first_run) -> None:  # type: ignore[no-untyped-def]
    root, r = first_run
    assert r.returncode == 0, r.stderr
    assert written(root) == {page for pages in PAGES.values() for page in pages} | OWN


def test_messages_without_a_return_are_skipped_not_failed(first_run) -> None:  # type: ignore[no-untyped-def]
    root, r = first_run
    err = r.stderr.decode()
    for name in NO_RETURN:
        assert f"inbox/{name}: skipped: no return in this message" in err, err
    assert "error" not in err.lower() and "Traceback" not in err
    assert not any(name in source for source in manifest(root) for name in NO_RETURN)


def test_the_manifest_and_index_list_every_return_of_a_message(first_run) -> None:  # type: ignore[no-untyped-def]
    root, _ = first_run
    entries = manifest(root)
    assert sorted(entries) == sorted(f"inbox/{name}" for name in PAGES)
    for name, pages in PAGES.items():
        assert entries[f"inbox/{name}"]["outputs"] == pages
    parts = entries["inbox/two-attached.eml"]["parts"]
    assert [p["outputs"] for p in parts] == [["two-attached--eml--chesterfield--pdf.html"]]
    index = (root / "out" / "index.html").read_text("utf-8")
    # Every case study is listed, but for copies of one return: only the newest (issue 17).
    every = [e for entry in entries.values() for e in (entry, *entry.get("parts", []))]
    for e in every:
        assert (f'href="{e["outputs"][0]}"' in index) == ("duplicate_of" not in e), e["outputs"][0]


def source(page: str) -> str:
    """The source a page of ours records (percent-encoded in an HTML comment)."""
    found = re.search(r"<!-- wres-convert source: (\S+) -->", page)
    assert found is not None
    return unquote(found.group(1))


def test_each_attachment_page_is_its_own_return(first_run) -> None:  # type: ignore[no-untyped-def]
    """The PDF's page is the PDF's: the two pages of one message are not one return twice."""
    root, _ = first_run
    out = root / "out"
    docx_page = (out / "two-attached--eml--chesterfield.html").read_text("utf-8")
    pdf_page = (out / "two-attached--eml--chesterfield--pdf.html").read_text("utf-8")
    assert source(docx_page) == "two-attached.eml/chesterfield.docx"
    assert source(pdf_page) == "two-attached.eml/chesterfield.pdf"
    for page in (docx_page, pdf_page):
        assert "Chesterfield Royal NHS Foundation Trust" in page


def test_a_second_run_says_unchanged_and_rewrites_nothing(tmp_path: Path) -> None:
    make_inbox(tmp_path)
    assert convert(tmp_path).returncode == 0
    before = mtimes(tmp_path)
    again = convert(tmp_path)
    err = again.stderr.decode()
    assert again.returncode == 0, err
    assert "Wrote" not in err, err
    assert "unchanged since last run" in err
    assert mtimes(tmp_path) == before


def test_a_removed_message_leaves_the_manifest(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path)
    assert convert(tmp_path).returncode == 0
    (inbox / "two-attached.eml").unlink()
    again = convert(tmp_path)
    err = again.stderr.decode()
    assert again.returncode == 0, err
    assert "removed: inbox/two-attached.eml" in err, err
    assert "inbox/two-attached.eml" not in manifest(tmp_path)
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "two-attached--eml--" not in index and 'href="' in index
    assert {"two-attached--eml--chesterfield.html", "two-attached--eml--chesterfield--pdf.html"} <= written(
        tmp_path
    )  # "its page was kept"


def test_a_message_without_a_return_alone_is_one_line_and_exit_4(tmp_path: Path) -> None:
    shutil.copyfile(INBOX["no-return.eml"], tmp_path / "no-return.eml")
    r = run_cli("no-return.eml", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert err.count("\n") == 1 and err.startswith("no-return.eml: error: no return in this message")
    assert "Traceback" not in err and r.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-return.eml"]


@pytest.mark.parametrize(
    ("message", "second"), [("two-attached.eml", "chesterfield.pdf"), ("two-attached.msg", "second.docx")]
)
def test_one_output_file_takes_the_first_return_and_names_the_second(
    tmp_path: Path, message: str, second: str
) -> None:
    shutil.copyfile(INBOX[message], tmp_path / message)
    r = run_cli(message, "-o", "page.html", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([message, "page.html"])
    warnings = [line for line in err.splitlines() if "warning" in line and f"'{second}'" in line]
    assert len(warnings) == 1, err
    r = run_cli(message, "-o", "page.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads((tmp_path / "page.json").read_text("utf-8"))
    assert out["source"]["format"] == "docx"  # the first return: the .eml's second is a PDF
    notes = [w["message"] for w in out["warnings"] if w["code"] == "email-attachments"]
    assert len(notes) == 1 and f"'{second}'" in notes[0]
    # The first needs no warning of its own (one would fail every e-mail under --strict).
    assert "email-attachment" not in [w["code"] for w in out["warnings"]]
