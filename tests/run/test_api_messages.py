"""The Python API on saved e-mails: ``convert_each`` gives a case study per attached return,
``convert`` the first (naming the others), and a message with no return raises ``no-return``."""

from __future__ import annotations

import pytest

import wres_convert
from helpers import REPO

MSG = REPO / "tests" / "fixtures" / "msg"


def test_convert_each_gives_every_attached_return_in_order() -> None:
    cases = wres_convert.convert_each(MSG / "two-attached.msg")
    assert [c.source.file for c in cases] == ["two-attached.msg/first.docx", "two-attached.msg/second.docx"]
    assert all(c.organisation == "Chesterfield Royal NHS Foundation Trust" for c in cases)
    assert all("email-attachment" not in [w.code for w in c.warnings] for c in cases)  # the file says it
    data = (MSG / "nested.msg").read_bytes()
    [nested] = wres_convert.convert_each(data, name="fwd.msg")
    assert nested.source.file == "fwd.msg/WRES case study.docx"


def test_convert_each_on_anything_else_is_convert() -> None:
    sample = REPO / "samples" / "chesterfield.docx"
    [case] = wres_convert.convert_each(sample)
    assert case.to_dict() == wres_convert.convert(sample).to_dict()


def test_convert_on_a_message_with_two_returns_names_the_second() -> None:
    case = wres_convert.convert(MSG / "two-attached.msg")
    said = [w.message for w in case.warnings if w.code == "email-attachments"]
    assert said and "'second.docx'" in said[0]


@pytest.mark.parametrize("call", [wres_convert.convert, wres_convert.convert_each])
def test_a_message_with_no_return_raises_no_return(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wres_convert.ConversionError) as caught:
        call(MSG / "no-return.msg")
    assert caught.value.code == "no-return" and caught.value.exit_code == 4
    assert caught.value.message.startswith("no return in this message")


@pytest.mark.parametrize(
    "name", ["body-plain.msg", "body-html.msg", "ansi-body.msg", "attached-docx.msg", "nested.msg"]
)
def test_each_outlook_message_gives_the_returns_published_sections(name: str) -> None:
    from helpers import expected_sections
    from wres_convert.writers.markdown import blocks_md

    case = wres_convert.convert(MSG / name)
    got = {s.id: blocks_md(s.blocks).replace("\u2019", "'") for s in case.sections}
    assert got == expected_sections()
    assert case.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert [i.number for i in case.indicators] == [8]


def test_convert_each_reads_the_text_when_the_only_attachment_is_a_blank_template() -> None:
    from email.message import EmailMessage
    from email.policy import default

    from helpers import SAMPLES

    m = EmailMessage(policy=default)
    m["From"] = "ian.siara@nhs.net"
    m.set_content((SAMPLES / "chesterfield.txt").read_text("utf-8"))
    blank = (REPO / "tests" / "fixtures" / "refusals" / "blank-template.docx").read_bytes()
    m.add_attachment(blank, maintype="application", subtype="octet-stream", filename="template.docx")
    [case] = wres_convert.convert_each(m.as_bytes(), name="typed.eml")
    assert case.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert "email-attachment-not-return" in [w.code for w in case.warnings]
