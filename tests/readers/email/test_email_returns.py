"""The real Chesterfield return in saved e-mails, the ways trusts send it: in the body (plain and
HTML, quoted-printable, base64, windows-1252), attached (DOCX, PDF, text beside a contact card),
inside a forwarded message (a message/rfc822 part, an .eml attached as a file), typed above a
quoted thread (Outlook, Gmail) and under an inline forward. Each gives the sections of the return
it carries: the body ones the published sections, an attached one exactly what converting the
attachment itself gives. (Fixtures: fixtures/make_email_fixtures.py.)"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from helpers import FIXTURES, SAMPLES, expected_sections, run_cli
from helpers.returns import fixture_builder
from wres_convert.readers import read_document
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

MAIL = FIXTURES / "email"
script = fixture_builder("make_email_fixtures")

# The return typed into the message itself.
BODIES = [
    "alternative-qp.eml",
    "html-base64.eml",
    "plain-cp1252.eml",
    "reply-quoted.eml",
    "reply-gmail.eml",
    "forward-inline.eml",
]
# The return attached, and the file attached.
ATTACHED = {
    "attached-docx.eml": ("chesterfield.docx", SAMPLES / "chesterfield.docx"),
    "attached-pdf.eml": ("chesterfield.pdf", SAMPLES / "chesterfield.pdf"),
    "two-attached.eml": ("chesterfield.docx", SAMPLES / "chesterfield.docx"),
    "attached-txt.eml": ("return.txt", SAMPLES / "chesterfield.txt"),
    "forwarded-rfc822.eml": ("chesterfield.docx", SAMPLES / "chesterfield.docx"),
    "attached-eml.eml": ("chesterfield.docx", SAMPLES / "chesterfield.docx"),
}


def sections(cs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}


def convert(name: str):  # type: ignore[no-untyped-def]
    return convert_bytes((MAIL / name).read_bytes(), name)


def parsed(name: str) -> email.message.EmailMessage:
    message = email.message_from_bytes((MAIL / name).read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def cli_json(path: Path) -> tuple[dict, str]:  # type: ignore[type-arg]
    r = run_cli(str(path), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), r.stdout.decode()


# ----------------------------------------------------------------------------- the fixtures


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = script.fixtures()
    assert sorted(built) == sorted(p.name for p in MAIL.iterdir())
    for name, data in built.items():
        assert (MAIL / name).read_bytes() == data, f"{name} is stale: run make_email_fixtures.py"


def test_each_fixture_is_encoded_as_it_says() -> None:
    def parts(name: str) -> list[tuple[str, str, str]]:
        return [
            (p.get_content_type(), str(p.get("content-transfer-encoding", "")), p.get_content_charset() or "")
            for p in parsed(name).walk()
            if not p.is_multipart()
        ]

    assert parts("alternative-qp.eml") == [
        ("text/plain", "quoted-printable", "utf-8"),
        ("text/html", "quoted-printable", "utf-8"),
    ]
    assert parts("html-base64.eml") == [("text/html", "base64", "utf-8")]
    assert parts("plain-cp1252.eml") == [("text/plain", "quoted-printable", "windows-1252")]
    raw = (MAIL / "plain-cp1252.eml").read_bytes()
    assert b"=96" in raw and b"=95" in raw  # the en dash and the bullet, one windows-1252 byte each
    html = parsed("alternative-qp.eml").get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert 'class="MsoNormal"' in html and "<b>Organisation name: </b>" in html
    assert '<p class="MsoListParagraphCxSpFirst" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">' in html
    assert (MAIL / "forwarded-rfc822.eml").read_bytes().count(b"Content-Type: message/rfc822") == 1
    [saved] = parsed("attached-eml.eml").iter_attachments()
    assert (saved.get_content_type(), saved.get_filename()) == ("application/octet-stream", "original.eml")
    for name in script.fixtures():
        assert b"\r\n" in (MAIL / name).read_bytes() and b"\n\n" not in (MAIL / name).read_bytes()


# ----------------------------------------------------------------------------- the same return


@pytest.mark.parametrize("name", BODIES)
def test_a_return_in_the_body_gives_the_published_sections(name: str) -> None:
    cs = convert(name)
    assert cs.source.format == "email"
    assert cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert [i.number for i in cs.indicators] == [8]
    got, want = sections(cs), expected_sections()
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{name}: section {sid} differs"


def test_the_html_part_is_read_when_it_has_the_structure() -> None:
    """The alternative's HTML (bold, lists) is what was read: the same document as the HTML alone."""
    both = read_document((MAIL / "alternative-qp.eml").read_bytes(), "m.eml")
    html = read_document((MAIL / "html-base64.eml").read_bytes(), "m.eml")
    assert both.blocks == html.blocks


@pytest.mark.parametrize("name", list(ATTACHED))
def test_an_attached_return_gives_what_the_attachment_itself_gives(name: str) -> None:
    attached, path = ATTACHED[name]
    direct = convert_bytes(path.read_bytes(), attached)
    cs = convert(name)
    assert sections(cs) == sections(direct) == expected_sections()
    assert cs.source.format == direct.source.format != "email"
    assert (cs.organisation, cs.indicators) == (direct.organisation, direct.indicators)
    assert "email-attachment" not in [w.code for w in cs.warnings]  # nothing to review in that


def test_the_second_attached_return_is_named() -> None:
    said = [w.message for w in convert("two-attached.eml").warnings if w.code == "email-attachments"]
    assert len(said) == 1 and "'chesterfield.pdf'" in said[0]


def test_a_contact_card_is_not_a_return() -> None:
    message = parsed("attached-txt.eml")
    assert [p.get_filename() for p in message.iter_attachments()] == ["Ian Siara.vcf", "return.txt"]
    cs = convert("attached-txt.eml")
    assert cs.source.format == "text"
    assert [w.code for w in cs.warnings].count("email-attachments") == 0  # one return, not two
    out, text = cli_json(MAIL / "attached-txt.eml")
    assert out["source"]["format"] == "text" and "VCARD" not in text
    # Named as left out, without the submitter's name it carries.
    [said] = [w["message"] for w in out["warnings"] if w["code"] == "email-left-out"]
    assert ".vcf'" in said and "Siara" not in said


def test_a_contact_card_alone_is_no_return(tmp_path: Path) -> None:
    """Only the card attached: the covering note is all there is, and it is no return."""
    message = parsed("attached-txt.eml")
    for part in list(message.iter_attachments()):
        if part.get_filename() == "return.txt":
            message.get_payload().remove(part)  # type: ignore[union-attr]
    (tmp_path / "card.eml").write_bytes(message.as_bytes())
    r = run_cli(str(tmp_path / "card.eml"), "-o", str(tmp_path / "card.html"))
    assert r.returncode == 4, r.stderr
    assert "no return in this message" in r.stderr.decode()


# ----------------------------------------------------------------------------- quoted history

# Words of the WRES team's request quoted under the replies, and of each reply's header.
REQUEST = ("Friday 23 February 2024", "collecting case studies", "2024 compendium", "With thanks")
HEADERS = {
    "reply-quoted.eml": (
        "-----Original Message-----",
        "Sent: 12 February 2024 14:02",
        "sharing good practice",
    ),
    "reply-gmail.eml": ("On Mon, 12 Feb 2024 at 14:02", "wrote:"),
}


@pytest.mark.parametrize("name", list(HEADERS))
def test_the_quoted_request_is_left_out_and_said(name: str) -> None:
    quoted = (*REQUEST, *HEADERS[name])
    bodies = " ".join(p.get_content() for p in parsed(name).walk() if not p.is_multipart())
    assert all(q in bodies for q in quoted)  # the message really quotes them
    cs = convert(name)
    said = [w for w in cs.warnings if w.code == "quoted-message"]
    assert len(said) == 1 and "quoted under the reply" in said[0].message
    assert sections(cs) == expected_sections()
    out, text = cli_json(MAIL / name)
    assert [w["code"] for w in out["warnings"]].count("quoted-message") == 1
    leaked = [q for q in quoted if q in text]
    assert not leaked, f"quoted text reached the JSON: {leaked}"


def test_an_inline_forward_keeps_the_forwarded_return() -> None:
    text = parsed("forward-inline.eml").get_content().replace("\r\n", "\n")
    assert text.startswith("FYI, see below") and "---------- Forwarded message ---------\nFrom: Ian" in text
    cs = convert("forward-inline.eml")
    assert "quoted-message" not in [w.code for w in cs.warnings]
    assert sections(cs) == expected_sections()
    out, json_text = cli_json(MAIL / "forward-inline.eml")
    assert "Forwarded message" not in json_text and "FYI" not in json_text
    assert out["organisation"] == "Chesterfield Royal NHS Foundation Trust"


# ----------------------------------------------------------------------------- no return


@pytest.mark.parametrize("name", ["no-return.eml", "logo-only.eml"])
def test_a_message_without_a_return_is_no_return(name: str, tmp_path: Path) -> None:
    r = run_cli(str(MAIL / name), "-o", str(tmp_path / "page.html"))
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert len(err.strip().splitlines()) == 1 and "no return in this message" in err
    assert "Traceback" not in err and not (tmp_path / "page.html").exists()
