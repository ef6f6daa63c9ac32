"""A message's attached returns in a folder run: one that cannot be read never stops the others,
and the page of the first one converted says which failed."""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from helpers import SAMPLES, run_cli


def message(*attachments: tuple[str, bytes]) -> bytes:
    m = EmailMessage(policy=default)
    m["From"] = "ian.siara@nhs.net"
    m["Subject"] = "Returns"
    m.set_content("Two returns attached.")
    for name, data in attachments:
        m.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return m.as_bytes()


def test_a_damaged_attachment_is_named_and_the_other_converts(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "two.eml").write_bytes(message(("broken.docx", docx[:4000]), ("good.docx", docx)))
    r = run_cli("inbox", "-o", "out/", "-f", "json", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "Traceback" not in err
    pages = sorted(p.name for p in (tmp_path / "out").glob("two--*.json"))
    assert pages == ["two--eml--good.json"]
    page = json.loads((tmp_path / "out" / pages[0]).read_text())
    failed = [w["message"] for w in page["warnings"] if w["code"] == "email-attachment-failed"]
    assert len(failed) == 1 and failed[0].startswith("'broken.docx', attached:")


def test_a_message_whose_only_returns_are_all_damaged_fails_in_one_line(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    (tmp_path / "bad.eml").write_bytes(message(("a.docx", docx[:3000]), ("b.docx", docx[:5000])))
    r = run_cli("bad.eml", "-o", "out/", cwd=tmp_path)
    lines = r.stderr.decode().strip().splitlines()
    assert r.returncode == 3
    assert any("none of the 2 returns attached to the message could be converted" in line for line in lines)
    assert "Traceback" not in r.stderr.decode()


def test_a_blank_template_attached_gives_way_to_the_answers_typed_in_the_message(tmp_path: Path) -> None:
    from email.message import EmailMessage as Message

    blank = (SAMPLES.parent / "tests" / "fixtures" / "refusals" / "blank-template.docx").read_bytes()
    m = Message(policy=default)
    m["From"] = "ian.siara@nhs.net"
    m["Subject"] = "Our case study"
    m.set_content((SAMPLES / "chesterfield.txt").read_text("utf-8"))
    m.add_attachment(blank, maintype="application", subtype="octet-stream", filename="template.docx")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "typed.eml").write_bytes(m.as_bytes())
    for args in (["inbox/typed.eml", "-f", "json", "-o", "-"], ["inbox", "-o", "out/", "-f", "json"]):
        r = run_cli(*args, cwd=tmp_path)
        assert r.returncode == 0, r.stderr.decode()
    page = json.loads((tmp_path / "out" / "typed--eml.json").read_text())
    assert page["organisation"] == "Chesterfield Royal NHS Foundation Trust"
    assert page["source"]["format"] == "email"
    said = [w["message"] for w in page["warnings"] if w["code"] == "email-attachment-not-return"]
    assert len(said) == 1 and "nothing was answered" in said[0]


def test_the_sender_of_a_message_is_as_private_as_the_submitter(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    m = EmailMessage(policy=default)
    m["From"] = "Jane Smith <jane.smith@nhs.net>"
    m["Subject"] = "Return"
    m.set_content("Attached.")
    m.add_attachment(
        docx, maintype="application", subtype="octet-stream", filename="Jane Smith WRES return.docx"
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "jane-smith.eml").write_bytes(m.as_bytes())
    r = run_cli("inbox", "-o", "out/", "-f", "md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    written = sorted((tmp_path / "out").rglob("*"))
    assert written and not any("jane" in p.name.lower() or "smith" in p.name.lower() for p in written)
    for page in written:
        if page.is_file():
            text = page.read_text("utf-8").lower()
            assert "jane" not in text and "smith" not in text, page.name


def test_a_return_taken_out_of_a_message_takes_its_page_with_it(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    (tmp_path / "inbox").mkdir()
    message_file = tmp_path / "inbox" / "m.eml"
    message_file.write_bytes(message(("a.docx", docx), ("b.docx", docx)))
    assert run_cli("inbox", "-o", "out/", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "m--eml--b.html").is_file()
    message_file.write_bytes(message(("a.docx", docx)))
    r = run_cli("inbox", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert not (tmp_path / "out" / "m--eml--b.html").exists()
    assert "m--eml--b.html" not in (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "Removed" in r.stderr.decode()


def test_json_lines_give_each_return_attached_and_check_reports_each(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    (tmp_path / "m.eml").write_bytes(message(("a.docx", docx), ("b.docx", docx)))
    r = run_cli("m.eml", "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    files = [json.loads(line)["source"]["file"] for line in r.stdout.decode().splitlines()]
    assert files == ["m.eml/a.docx", "m.eml/b.docx"]
    r = run_cli("check", "m.eml", "--format", "json", cwd=tmp_path)
    assert [json.loads(line)["file"] for line in r.stdout.decode().splitlines()] == files


def test_link_original_publishes_each_attached_return_under_its_own_type(tmp_path: Path) -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    (tmp_path / "m.eml").write_bytes(message(("a.docx", docx), ("b.docx", docx)))
    r = run_cli("m.eml", "-o", "out/", "--link-original", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    page = (tmp_path / "out" / "m--eml--a.html").read_text("utf-8")
    assert 'href="m--eml--a-original.docx"' in page
    assert (tmp_path / "out" / "m--eml--a-original.docx").is_file()
    assert not list((tmp_path / "out").glob("*.eml"))
    r = run_cli("m.eml", "-o", "one.html", "--link-original", cwd=tmp_path)
    assert r.returncode == 0 and "internal error" not in r.stderr.decode()


def test_telling_a_message_from_a_return_opens_no_zip(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A zip is never a message: a Word return is not opened to say so (its reader opens it), while
    an e-mail, an Outlook .msg and a damaged zip are told apart as before."""
    import zipfile

    from wres_convert.run.messages import is_message, message_parts

    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    msg = next((Path(__file__).parent.parent / "fixtures" / "msg").glob("*.msg")).read_bytes()
    eml = message(("chesterfield.docx", docx))
    opened: list[object] = []
    real = zipfile.ZipFile

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", counted)
    assert not is_message(docx) and message_parts(docx) == ([], [])
    assert not is_message(docx[:4000]) and message_parts(docx[:4000]) == ([], [])
    assert opened == []
    assert is_message(eml) and is_message(msg)
    parts, _ = message_parts(eml)
    assert [p.name for p in parts] == ["chesterfield.docx"]
    assert opened  # the attachment's kind is found by looking inside it
