"""Saved e-mails (.eml) built with Python's own email package: the attached return is converted,
else the body (quoted-printable, windows-1252, HTML or plain text), and the bytes say it is an
e-mail whatever its name."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import default

import pytest

from helpers import SAMPLES, expected_sections
from wres_convert.errors import ConversionError
from wres_convert.readers.sniff import detect_kind
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md


def message(body: str | None = None, html: str | None = None, charset: str = "utf-8") -> EmailMessage:
    m = EmailMessage(policy=default)
    m["From"] = "Ian Siara <ian.siara@nhs.net>"
    m["To"] = "england.wres@nhs.net"
    m["Subject"] = "WRES case study"
    if body is not None:
        m.set_content(body, charset=charset, cte="quoted-printable")
    if html is not None:
        if body is None:
            m.set_content(html, subtype="html", charset=charset, cte="quoted-printable")
        else:
            m.add_alternative(html, subtype="html", charset=charset, cte="quoted-printable")
    return m


def sections(cs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}


def test_a_plain_body_in_windows_1252_gives_the_published_sections() -> None:
    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    data = message(text, charset="windows-1252").as_bytes()
    assert b"=" in data and detect_kind(data) == "email"
    cs = convert_bytes(data, "return.eml")
    assert cs.source.format == "email" and cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert sections(cs) == expected_sections()


def test_an_attached_return_is_converted_as_itself() -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    m = message("Please find our case study attached.\n\nKind regards,\nIan")
    m.add_attachment(
        docx,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="return.docx",
    )
    cs = convert_bytes(m.as_bytes(), "message.eml")
    direct = convert_bytes(docx, "return.docx")
    assert sections(cs) == sections(direct)
    assert "email-attachment" not in [w.code for w in cs.warnings]  # source.format says it: docx


def test_two_attached_returns_say_that_only_the_first_was_converted() -> None:
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    m = message("Two returns attached.")
    for name in ("first.docx", "second.docx"):
        m.add_attachment(docx, maintype="application", subtype="octet-stream", filename=name)
    cs = convert_bytes(m.as_bytes(), "message.eml")
    said = [w.message for w in cs.warnings if w.code == "email-attachments"]
    assert said and "'second.docx'" in said[0]


def test_an_html_body_is_read_as_html() -> None:
    html = (
        "<html><body><p><b>Organisation name:</b> Example NHS Trust</p>"
        "<p><b>What did you do?</b></p><p>We ran listening events.</p>"
        "<p><b>What got in the way?</b></p><p>Time &amp; money.</p>"
        "<p><b>Which indicators improved?</b></p><p>Indicator 5: abuse fell.</p></body></html>"
    )
    cs = convert_bytes(message(html=html).as_bytes(), "m.eml")
    got = sections(cs)
    assert got["what-they-did"] == "We ran listening events." and "money" in got["challenges"]
    assert [i.number for i in cs.indicators] == [5]


def test_a_message_with_neither_attachment_nor_text_is_no_return() -> None:
    with pytest.raises(ConversionError) as err:
        convert_bytes(
            b"From: a@nhs.net\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x--\n",
            "m.eml",
        )
    assert err.value.exit_code == 4


def test_pasted_text_that_starts_with_a_from_line_is_text() -> None:
    assert detect_kind(b"From: Ian Siara\nSent: Monday\n\nPlease see below.\n") == "text"


def test_a_picture_pasted_into_an_html_body_is_read_in_place() -> None:
    from wres_convert.model import Picture, pictures_of
    from wres_convert.readers import read_document

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2f3c6d30000000049454e44ae426082"
    )
    m = message(html="<p>Our results:</p><p><img src='cid:chart1@x' alt='Staff survey results'></p>")
    m.add_related(png, maintype="image", subtype="png", cid="<chart1@x>", filename="image001.png")
    doc = read_document(m.as_bytes(), "m.eml")
    [picture] = pictures_of(doc.blocks)
    assert isinstance(picture, Picture) and picture.data == png and picture.alt == "Staff survey results"


def test_a_single_file_web_page_shows_its_own_pictures() -> None:
    """Word's "Single File Web Page" (.mht) is MIME: the page and its pictures, named by address."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    from wres_convert.model import pictures_of
    from wres_convert.readers import read_document

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2f3c6d30000000049454e44ae426082"
    )
    page = MIMEMultipart("related")
    html = MIMEText("<p>Results</p><p><img src='return_files/image001.png' alt='Chart'></p>", "html")
    html["Content-Location"] = "file:///C:/D9B3/return.htm"
    picture = MIMEImage(png, "png")
    picture["Content-Location"] = "file:///C:/D9B3/return_files/image001.png"
    page.attach(html)
    page.attach(picture)
    [found] = pictures_of(read_document(page.as_bytes(), "return.mht").blocks)
    assert found.data == png and found.alt == "Chart"
