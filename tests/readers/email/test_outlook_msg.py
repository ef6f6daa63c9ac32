"""Outlook .msg files (wres_convert.readers.mail.outlook) on the committed fixtures built by
tests/fixtures/make_msg_fixtures.py around the real Chesterfield return, a few messages built here
with the same script's parts, and damaged files. The compound-file writer behind the fixtures
(tests/helpers/cfb.py) is checked too: olefile reads its output with no defect, and every storage's
sibling tree is ordered as MS-CFB requires."""

from __future__ import annotations

import importlib.util
import io
import struct
from types import ModuleType

import olefile
import pytest
from PIL import Image

from helpers import FIXTURES, SAMPLES
from helpers.cfb import write_cfb
from wres_convert.errors import ConversionError
from wres_convert.readers.mail import outlook
from wres_convert.readers.mail.message import MAX_ATTACHMENTS, Attachment, Mail, Sender

MSG = FIXTURES / "msg"
SUBJECT = "WRES case study – Chesterfield Royal NHS Foundation Trust"
DOCX = (SAMPLES / "chesterfield.docx").read_bytes()
TEXT = (SAMPLES / "chesterfield.txt").read_text("utf-8").replace("\n", "\r\n")  # Outlook's line ends
COVER_NOTE = "Please find our case study attached.\r\n\r\nKind regards,\r\nIan"
IAN = Sender("Ian Siara", "ian.siara@nhs.net")  # every message the script builds is from him


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_msg_fixtures", FIXTURES / "make_msg_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = load_script()


def fixture(name: str) -> Mail:
    return outlook.parse((MSG / name).read_bytes())


def msg(tree: dict) -> Mail:  # type: ignore[type-arg]
    return outlook.parse(write_cfb(tree))


# ----------------------------------------------------------------------------- the fixtures


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = script.fixtures()
    assert sorted(built) == sorted(p.name for p in MSG.iterdir())
    for name, data in built.items():
        assert (MSG / name).read_bytes() == data, f"{name} is stale: run make_msg_fixtures.py"


def test_a_plain_body() -> None:
    assert fixture("body-plain.msg") == Mail(subject=SUBJECT, text=TEXT, sender=IAN)


def test_an_html_body_is_read_with_the_plain_one() -> None:
    mail = fixture("body-html.msg")
    assert mail.subject == SUBJECT
    assert mail.text == TEXT
    assert mail.html is not None
    assert mail.html.startswith("<html>\n<head>\n")
    assert (
        "<p>Your details<br>\nOrganisation name: Chesterfield Royal NHS Foundation Trust<br>\n" in mail.html
    )
    # The UTF-8 bytes are decoded as the Internet code page says (65001), not as the message's
    # code page (1252): the en dash comes back whole.
    assert "from a central point – leaving local teams" in mail.html
    assert "organisation&#x27;s WRES action plan" in mail.html
    assert not mail.html.endswith("\0")


def test_an_attached_return_and_a_logo() -> None:
    mail = fixture("attached-docx.msg")
    assert (mail.subject, mail.text, mail.html, mail.messages) == (SUBJECT, COVER_NOTE, None, ())
    assert [a.name for a in mail.attachments] == ["WRES case study.docx", "logo.png"]
    assert mail.attachments[0].data == DOCX
    logo = Image.open(io.BytesIO(mail.attachments[1].data))
    assert (logo.format, logo.size) == ("PNG", (16, 16))


def test_two_attachments_keep_their_order_and_names() -> None:
    mail = fixture("two-attached.msg")
    assert mail.attachments == (Attachment("first.docx", DOCX), Attachment("second.docx", DOCX))


def test_an_attached_message_is_a_nested_mail() -> None:
    mail = fixture("nested.msg")
    assert mail.subject == "FW: " + SUBJECT
    assert mail.text == "Forwarding Ian's return as he sent it.\r\n"
    assert mail.attachments == ()
    assert mail.messages == (
        Mail(
            subject=SUBJECT,
            text=COVER_NOTE,
            attachments=(Attachment("WRES case study.docx", DOCX),),
            sender=IAN,
        ),
    )


def test_a_message_without_a_return() -> None:
    assert fixture("no-return.msg") == Mail(
        subject="Re: WRES team meeting", text="Thanks, see you on Tuesday.\r\n\r\nIan", sender=IAN
    )


def test_8_bit_strings_are_read_in_the_message_code_page() -> None:
    data = (MSG / "ansi-body.msg").read_bytes()
    with olefile.OleFileIO(io.BytesIO(data)) as ole:  # the fixture really is 8-bit Windows-1252
        assert not ole.exists("__substg1.0_1000001F")
        assert "\x96".encode("latin-1") in ole.openstream("__substg1.0_1000001E").read()  # "–"
    assert outlook.parse(data) == Mail(subject=SUBJECT, text=TEXT, sender=IAN)


# ----------------------------------------------------------------------------- messages built here


def test_8_bit_strings_without_a_code_page_are_windows_1252() -> None:
    tree = script.message(SUBJECT, "‘quoted’ – £5", ansi="cp1252")
    tree["__properties_version1.0"] = tree["__properties_version1.0"][:32]  # no properties at all
    assert msg(tree) == Mail(subject=SUBJECT, text="‘quoted’ – £5", sender=IAN)


def test_8_bit_strings_follow_another_code_page() -> None:
    mail = msg(script.message("Привет", "Спасибо", ansi="cp1251"))
    assert mail == Mail(subject="Привет", text="Спасибо", sender=IAN)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # No Internet code page (an 8-bit message): the page's own <meta charset> says.
        (b'<meta charset="windows-1252"><p>Caf\xe9 \x96 ok</p>', "<p>Café – ok</p>"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>\xf0\xd2</p>', "<p>Пр</p>"),
        # No charset: UTF-8 when it is, else Windows-1252.
        (b"<p>Caf\xc3\xa9</p>\0", "<p>Café</p>"),
        (b"<p>Caf\xe9</p>", "<p>Café</p>"),
        # A bytes-to-bytes codec named as the charset is no charset.
        (b'<meta charset="base64"><p>Caf\xc3\xa9</p>', '<meta charset="base64"><p>Café</p>'),
    ],
)
def test_an_html_body_without_an_internet_code_page(html: bytes, expected: str) -> None:
    mail = msg(script.message(SUBJECT, None, html, ansi="cp1252"))
    assert mail.html is not None and mail.html.endswith(expected)


def test_a_unicode_html_string_is_read_too() -> None:
    tree = script.message(SUBJECT, "plain")
    tree["__substg1.0_1013001F"] = "<p>Café – ok</p>\0".encode("utf-16-le")
    assert msg(tree).html == "<p>Café – ok</p>"


def _sender_of(props: dict[int, str], ansi: str | None = None) -> Sender:
    """The sender of a built message whose sender properties are ``props`` (property id: value),
    in place of the script's own."""
    tree = script.message(SUBJECT, "plain", ansi=ansi)
    kind = script.PT_STRING8 if ansi else script.PT_UNICODE
    for prop in (script.SENDER_NAME, script.SENDER_EMAIL):
        del tree[f"__substg1.0_{script.tag(prop, kind):08X}"]
    for prop, value in props.items():
        tree[f"__substg1.0_{script.tag(prop, kind):08X}"] = value.encode(ansi or "utf-16-le")
    return msg(tree).sender


def test_the_sender_is_read() -> None:
    assert msg(script.message(SUBJECT, "plain")).sender == IAN
    assert msg(script.message(SUBJECT, "plain", ansi="cp1252")).sender == IAN  # 8-bit strings too
    assert _sender_of({0x0C1A: "Siân Jones", 0x0C1F: "sian@trust.nhs.uk"}, "cp1252") == Sender(
        "Siân Jones", "sian@trust.nhs.uk"
    )


def test_an_exchange_sender_s_smtp_address_is_preferred_to_the_x500_one() -> None:
    x500 = "/O=TRUST/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=JSMITH"
    assert _sender_of({0x0C1A: "Jo Smith", 0x0C1F: x500, 0x5D01: "jo.smith@trust.nhs.uk"}) == Sender(
        "Jo Smith", "jo.smith@trust.nhs.uk"
    )
    assert _sender_of({0x0C1A: "Jo Smith", 0x0C1F: x500}) == Sender("Jo Smith", x500)  # no SMTP one
    assert _sender_of({0x0C1A: "Jo Smith", 0x0C1F: "jo@trust.nhs.uk", 0x5D01: "other@x.org"}) == Sender(
        "Jo Smith", "jo@trust.nhs.uk"
    )


def test_without_sender_properties_the_sent_representing_ones_are_read() -> None:
    x500 = "/o=Trust/ou=Exchange/cn=Recipients/cn=ajones"
    represented = {0x0042: "Ali Jones", 0x0065: x500, 0x5D02: "ali.jones@trust.nhs.uk"}
    assert _sender_of(represented) == Sender("Ali Jones", "ali.jones@trust.nhs.uk")
    assert _sender_of({0x0042: "Ali Jones", 0x0065: "ali@trust.nhs.uk"}) == Sender(
        "Ali Jones", "ali@trust.nhs.uk"
    )
    assert _sender_of({0x0C1A: "Ian", 0x0042: "Ali Jones", 0x0065: "ali@x.org"}) == Sender("Ian", "ali@x.org")
    assert _sender_of({}) == Sender()


def test_a_compressed_rtf_body_alone_gives_no_body() -> None:
    tree = script.message(SUBJECT, attachments=(script.attachment(0, "a.docx", DOCX),))
    tree["__substg1.0_10090102"] = b"\x2d\x00\x00\x00\x2b\x00\x00\x00LZFu" + b"\0" * 40
    assert msg(tree) == Mail(subject=SUBJECT, attachments=(Attachment("a.docx", DOCX),), sender=IAN)


def test_attachment_names_fall_back_to_the_short_then_the_display_name() -> None:
    long_name, short_name, display = (script.attachment(n, f"file{n}.docx", b"x") for n in range(3))
    del short_name["__substg1.0_3707001F"]
    for part in ("__substg1.0_3707001F", "__substg1.0_3704001F"):
        del display[part]
    nameless = script.attachment(3, "x.docx", b"y")
    for part in ("__substg1.0_3707001F", "__substg1.0_3704001F", "__substg1.0_3001001F"):
        del nameless[part]
    mail = msg(script.message(SUBJECT, attachments=(long_name, short_name, display, nameless)))
    assert [a.name for a in mail.attachments] == ["file0.docx", "FILE1~1.DOC", "file2.docx", ""]


def test_attached_messages_are_read_down_to_the_depth_limit_and_no_further() -> None:
    from wres_convert.readers.mail.message import MAX_DEPTH

    chain = script.message(
        "level-last", "last", attachments=(script.attachment(0, "a.docx", b"a"),), embedded=True
    )
    for level in range(MAX_DEPTH, 0, -1):
        chain = script.message(
            f"level-{level}", "x", attachments=(script.attachment(0, "inner", chain),), embedded=True
        )
    mail = msg(script.message("outer", "out", attachments=(script.attachment(0, "fwd", chain),)))
    subjects, last = [], mail
    while last.messages:
        last = last.messages[0]
        subjects.append(last.subject)
    assert subjects == [f"level-{n}" for n in range(1, MAX_DEPTH + 1)]  # "level-last" is too deep
    assert last.messages == () and last.attachments == ()


def test_an_ole_object_attachment_is_not_a_message() -> None:
    ole_object = script.attachment(0, "picture", script.message("x", "y", embedded=True))
    ole_object["__properties_version1.0"] = ole_object["__properties_version1.0"].replace(
        struct.pack("<IIII", 0x37050003, 6, 5, 0), struct.pack("<IIII", 0x37050003, 6, 6, 0)
    )
    assert msg(script.message(SUBJECT, attachments=(ole_object,))).messages == ()


def test_attachments_stop_at_the_limit() -> None:
    many = tuple(script.attachment(n, f"{n}.txt", b"%d" % n) for n in range(MAX_ATTACHMENTS + 5))
    mail = msg(script.message(SUBJECT, attachments=many))
    assert [a.name for a in mail.attachments] == [f"{n}.txt" for n in range(MAX_ATTACHMENTS)]


def test_a_stream_over_the_size_limit_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outlook, "MAX_STREAM", len(DOCX) - 1)
    mail = fixture("attached-docx.msg")
    assert [a.name for a in mail.attachments] == ["logo.png"]
    assert mail.text == COVER_NOTE


# ----------------------------------------------------------------------------- damaged files


def assert_unreadable(data: bytes) -> None:
    with pytest.raises(ConversionError) as caught:
        outlook.parse(data)
    assert caught.value.code == "unreadable-email"
    assert caught.value.message.startswith("the Outlook message could not be read (")
    assert caught.value.hint == "save the message again, or send its attachment"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"From: someone\r\nSubject: not an Outlook message\r\n\r\nHello\r\n",
        (MSG / "nested.msg").read_bytes()[:512],  # the header alone: no FAT, no directory
        (MSG / "nested.msg").read_bytes()[:3000],  # cut short inside the streams
    ],
    ids=["empty", "text", "header-only", "truncated"],
)
def test_a_damaged_message_is_unreadable_not_a_crash(data: bytes) -> None:
    assert_unreadable(data)


def test_a_garbage_directory_is_unreadable() -> None:
    data = bytearray((MSG / "attached-docx.msg").read_bytes())
    directory = struct.unpack_from("<I", data, 48)[0]
    data[512 * (directory + 1) : 512 * (directory + 2)] = b"\xa5" * 512
    assert_unreadable(bytes(data))


@pytest.mark.parametrize("seed", range(40))
def test_corrupted_bytes_give_a_mail_or_the_error(seed: int) -> None:
    data = bytearray((MSG / "nested.msg").read_bytes())
    for n in range(8):  # a deterministic scatter of damaged bytes, in the header and tables too
        data[(seed * 7919 + n * 104729) % len(data)] ^= 0xFF if n % 2 else 0x5A
        data[(seed * 31 + n * 17) % 512] ^= 0x21
    try:
        assert isinstance(outlook.parse(bytes(data)), Mail)
    except ConversionError as exc:
        assert exc.code == "unreadable-email"


# ----------------------------------------------------------------------------- the CFB writer


def test_the_compound_file_writer_round_trips() -> None:
    tree = {
        "small": b"hello",
        "empty": b"",
        "exactly the cutoff": b"c" * 4096,
        "big": bytes(range(256)) * 40,
        "Storage": {"a": b"a" * 4095, "B": {"deep": b"d" * 65}, "Empty storage": {}},
        **{f"s{n}": bytes([n]) * (n * 37) for n in range(30)},
    }
    data = write_cfb(tree)
    assert len(data) % 512 == 0
    with olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_UNSURE) as ole:
        assert ole.parsing_issues == []

        def check(node: dict, path: list[str]) -> None:  # type: ignore[type-arg]
            for name, value in node.items():
                if isinstance(value, bytes):
                    assert ole.openstream([*path, name]).read() == value
                else:
                    assert ole.get_type([*path, name]) == olefile.STGTY_STORAGE
                    check(value, [*path, name])

        check(tree, [])
        for parent in (e for e in ole.direntries if e is not None and e.kids):
            order = in_order(ole.direntries, parent.sid_child)
            assert order == sorted(order, key=lambda n: (len(n), n.upper()))


def in_order(entries: list, sid: int) -> list[str]:  # type: ignore[type-arg]
    """The names of a sibling tree, walked left, node, right."""
    if sid == olefile.NOSTREAM:
        return []
    entry = entries[sid]
    return [*in_order(entries, entry.sid_left), entry.name, *in_order(entries, entry.sid_right)]


def test_every_committed_fixture_has_ordered_sibling_trees() -> None:
    """Windows finds a name by a binary search of the tree: an in-order walk of each storage's
    children must be sorted, shorter names first, then case-blind (MS-CFB 2.6.4)."""
    for path in sorted(MSG.iterdir()):
        with olefile.OleFileIO(io.BytesIO(path.read_bytes()), raise_defects=olefile.DEFECT_UNSURE) as ole:
            assert ole.parsing_issues == [], path.name
            storages = [e for e in ole.direntries if e is not None and e.kids]
            assert len(storages) >= 3, path.name  # root, named properties, a recipient
            for parent in storages:
                order = in_order(ole.direntries, parent.sid_child)
                assert order == sorted(order, key=lambda n: (len(n), n.upper())), path.name
                assert sorted(order) == sorted(kid.name for kid in parent.kids), path.name


def test_attachments_past_the_limit_are_counted_so_a_warning_can_name_them() -> None:
    from wres_convert.readers.mail.message import MAX_ATTACHMENTS

    many = tuple(script.attachment(i, f"r{i}.docx", b"x") for i in range(MAX_ATTACHMENTS + 3))
    mail = msg(script.message("many", "body", attachments=many))
    assert len(mail.attachments) == MAX_ATTACHMENTS and mail.unread == 3
