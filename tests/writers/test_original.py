"""The copy ``--link-original`` publishes: never the submitter's details, the author or the review
history, checked by reading the copy back with python-docx, with our own reader and as raw parts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from helpers import REPO, SAMPLES
from wres_convert.casestudy.build import CaseStudy
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.readers import docx as docx_reader
from wres_convert.run.convert import convert_bytes
from wres_convert.template.mapper import map_document
from wres_convert.writers.original import publishable_original

HERE = REPO / "tests"
PRIVACY = HERE / "fixtures" / "privacy"
DOCX_FIXTURES = sorted((HERE / "fixtures" / "docx").glob("*.docx"))
JANE = ("Jane", "Smith", "jane.smith", "07700", "900123", "HIDDEN", "J Smith", "js.edi")
IAN = ("Ian Siara", "Siara", "ian.siara", "01246", "512618")


def _convert(path: Path) -> CaseStudy:
    return convert_bytes(path.read_bytes(), path.name)


def _raw(copy: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(copy)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def _python_docx_text(copy: bytes) -> str:
    d = docx.Document(io.BytesIO(copy))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    props = d.core_properties
    parts += [props.author, props.last_modified_by, props.comments, props.title]
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["contact_everywhere.docx", "hidden_text.docx", "details_table.docx"])
def test_the_published_word_copy_holds_no_contact_detail_anywhere(name: str) -> None:
    cs = _convert(PRIVACY / name)
    copy = publishable_original((PRIVACY / name).read_bytes(), "docx", cs)
    for text in (_raw(copy), _python_docx_text(copy)):
        for leak in JANE:
            assert leak not in text, (name, leak)
    ours = "\n".join(b.text for b in docx_reader.read(copy).blocks)
    assert "We trained every recruiting manager" in ours  # the answers are still there
    assert "Release time for panel members" in ours


def test_the_word_copy_drops_metadata_comments_revisions_and_custom_properties() -> None:
    data = (PRIVACY / "contact_everywhere.docx").read_bytes()
    copy = publishable_original(data, "docx", _convert(PRIVACY / "contact_everywhere.docx"))
    with zipfile.ZipFile(io.BytesIO(copy)) as z:
        names = set(z.namelist())
        assert "word/comments.xml" not in names and "docProps/custom.xml" not in names
        assert b"comments" not in z.read("[Content_Types].xml")
        assert b"custom" not in z.read("_rels/.rels")
        document = z.read("word/document.xml")
    assert b"w:author" not in document or b'w:author=""' in document
    assert b"w:del " not in document and b"commentReference" not in document
    props = docx.Document(io.BytesIO(copy)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert "Panels met monthly from March." in _python_docx_text(copy)  # insertion accepted


def test_the_details_fields_are_blanked_but_the_organisation_stays() -> None:
    copy = publishable_original(
        (PRIVACY / "details_table.docx").read_bytes(), "docx", _convert(PRIVACY / "details_table.docx")
    )
    rows = [[c.text for c in row.cells] for row in docx.Document(io.BytesIO(copy)).tables[0].rows]
    assert rows[0] == ["Organisation name", "Severn Vale NHS Trust"]
    assert rows[1][0] == "Name and job title" and not rows[1][1].strip()  # the job title too
    assert not rows[2][1].strip()  # both paragraphs of the contact cell


def test_the_real_sample_return_publishes_its_answers_without_its_submitter() -> None:
    data = (SAMPLES / "chesterfield.docx").read_bytes()
    cs = convert_bytes(data, "chesterfield.docx")
    copy = publishable_original(data, "docx", cs)
    for text in (_raw(copy), _python_docx_text(copy)):
        for leak in (*IAN, "Deputy Director of Workforce"):
            assert leak not in text, leak
    again = convert_bytes(copy, "chesterfield.docx")
    assert [s.blocks for s in again.sections] == [s.blocks for s in cs.sections]
    assert again.organisation == cs.organisation


@pytest.mark.parametrize("path", DOCX_FIXTURES, ids=lambda p: p.name)
def test_every_word_fixture_copies_cleanly_and_still_opens(path: Path) -> None:
    """Varied real Word structures (fields, controls, text boxes, tracked changes, comments,
    headers) survive the cleaning, lose their author and comments, and open in python-docx."""
    cs = _convert(SAMPLES / "chesterfield.docx")  # a submitter to look for
    copy = publishable_original(path.read_bytes(), "docx", cs)
    props = docx.Document(io.BytesIO(copy)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert "Reviewer" not in _raw(copy)  # comment and revision authors
    before = docx_reader.read(path.read_bytes())
    after = docx_reader.read(copy)
    private = {k for k, v in map_document(before).fields.items() if k != "organisation" and v}
    if not private:  # nothing to blank: the copy reads exactly as the original
        assert [b.text for b in after.blocks] == [b.text for b in before.blocks]
    else:  # a filled-in form: its details are blanked, its answers unchanged
        answers = [(a.question.id, a.blocks) for a in map_document(before).answers]
        assert [(a.question.id, a.blocks) for a in map_document(after).answers] == answers
        assert not {k for k, v in map_document(after).fields.items() if k != "organisation" and v} - {"name"}


def test_the_text_copy_blanks_the_details_and_keeps_the_answers() -> None:
    data = (SAMPLES / "chesterfield.txt").read_bytes()
    cs = convert_bytes(data, "chesterfield.txt")
    copy = publishable_original(data, "text", cs).decode("utf-8")
    for leak in (*IAN, "Deputy Director"):
        assert leak not in copy
    assert "Organisation name: Chesterfield Royal NHS Foundation Trust" in copy
    again = convert_bytes(copy.encode(), "chesterfield.txt")
    assert [s.blocks for s in again.sections] == [s.blocks for s in cs.sections]


def test_a_pdf_with_contact_details_is_refused_in_one_line() -> None:
    data = (SAMPLES / "chesterfield.pdf").read_bytes()
    with pytest.raises(ConversionError) as caught:
        publishable_original(data, "pdf", convert_bytes(data, "chesterfield.pdf"))
    assert caught.value.exit_code == EXIT_CANNOT_WRITE
    line = caught.value.line("chesterfield.pdf")
    assert "\n" not in line and "contact details" in line and "--link-original" in line


def _return_without_contact_pdf(photo: bytes | None = None) -> bytes:
    """The sample return printed by reportlab without its contact lines; ``photo``, a JPEG, drawn
    on the first page as it is (DCTDecode), as PDF printers store photos."""
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    kept = [
        ln
        for ln in text.splitlines()
        if not ln.startswith(("Your name", "Contact details")) and "@" not in ln
    ]
    buffer = io.BytesIO()
    rl_config.useA85 = 0
    try:
        page = canvas.Canvas(buffer, invariant=1)
        page.setAuthor("")
        y = 800
        if photo is not None:
            page.drawImage(ImageReader(io.BytesIO(photo)), 30, 700, 64, 48)
            y = 680
        for line in kept:
            for i in range(0, len(line), 95):
                page.drawString(30, y, line[i : i + 95])
                y -= 12
                if y < 40:
                    page.showPage()
                    y = 800
        page.save()
    finally:
        rl_config.useA85 = 1
    return buffer.getvalue()


def test_a_pdf_with_nothing_to_remove_is_published_unchanged(tmp_path: Path) -> None:
    data = _return_without_contact_pdf()
    cs = convert_bytes(data, "clean.pdf")
    assert not cs.contact.names and not cs.contact.emails
    assert publishable_original(data, "pdf", cs) == data


@pytest.mark.parametrize("fmt", ["doc", "rtf", "odt"])
def test_legacy_formats_are_refused_with_what_to_do(fmt: str) -> None:
    cs = _convert(SAMPLES / "chesterfield.docx")
    with pytest.raises(ConversionError) as caught:
        publishable_original(b"anything", fmt, cs)
    assert "save it as .docx" in caught.value.hint


def test_a_saved_email_is_refused() -> None:
    cs = _convert(SAMPLES / "chesterfield.docx")
    mail = b"From: Ian <ian.siara@nhs.net>\nSubject: case study\nContent-Type: text/plain\n\nhello\n"
    with pytest.raises(ConversionError, match="e-mail"):
        publishable_original(mail, "text", cs)


def _with_properties(**values: str) -> bytes:
    d = docx.Document(str(PRIVACY / "contact_everywhere.docx"))
    for key, value in values.items():
        setattr(d.core_properties, key, value)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_the_word_copy_blanks_free_text_properties_and_a_title_naming_the_submitter() -> None:
    data = _with_properties(
        subject="Smith",
        keywords="Jane; WRES",
        category="SMITH",
        content_status="Checked by Smith",
        identifier="smith-01",
        title="WRES return - Smith",
    )
    copy = publishable_original(data, "docx", convert_bytes(data, "return.docx"))
    props = docx.Document(io.BytesIO(copy)).core_properties
    assert (props.subject, props.keywords, props.category, props.content_status) == ("", "", "", "")
    assert props.identifier == "" and props.title == ""  # not "[contact details removed]"
    with zipfile.ZipFile(io.BytesIO(copy)) as z:
        metadata = z.read("docProps/core.xml") + z.read("docProps/app.xml")
    assert b"Smith" not in metadata and b"SMITH" not in metadata and b"Jane" not in metadata


def test_the_word_copy_blanks_the_subject_whatever_it_says_but_keeps_a_harmless_title() -> None:
    data = _with_properties(subject="Recruitment panels", title="WRES case study 2024")
    copy = publishable_original(data, "docx", convert_bytes(data, "return.docx"))
    props = docx.Document(io.BytesIO(copy)).core_properties
    assert props.subject == "" and props.title == "WRES case study 2024"


def test_the_copy_is_refused_when_a_property_still_holds_the_surname_alone() -> None:
    from wres_convert.writers.original.common import contact_of
    from wres_convert.writers.original.docx import verify_docx

    data = (PRIVACY / "contact_everywhere.docx").read_bytes()
    cs = _convert(PRIVACY / "contact_everywhere.docx")
    copy = publishable_original(data, "docx", cs)
    for element, text in (("dc:subject", "Recruitment"), ("dc:title", "smith")):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(copy)) as z, zipfile.ZipFile(out, "w") as bad:
            for name in z.namelist():
                part = z.read(name)
                if name == "docProps/core.xml":
                    part = part.replace(f"<{element}/>".encode(), f"<{element}>{text}</{element}>".encode())
                    assert text.encode() in part
                bad.writestr(name, part)
        with pytest.raises(ConversionError, match=r"core\.xml"):
            verify_docx(out.getvalue(), contact_of(cs))


def test_the_html_copy_drops_free_text_properties_and_a_title_naming_the_submitter() -> None:
    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    html = (
        "<html><head><title>Siara - WRES</title><meta name='keywords' content='Siara'>"
        '<meta name="description" content="from Ian"></head><body>\n'
        + "\n".join(f"<p>{line}</p>" for line in text.splitlines())
        + "\n</body></html>\n"
    ).encode()
    copy = publishable_original(html, "text", convert_bytes(html, "return.html")).decode()
    assert "<title></title>" in copy and "keywords" not in copy and "from Ian" not in copy
    for leak in IAN:
        assert leak not in copy, leak
    harmless = html.replace(b"Siara - WRES", b"WRES case study")
    copy = publishable_original(harmless, "text", convert_bytes(harmless, "return.html")).decode()
    assert "<title>WRES case study</title>" in copy


def test_a_pdf_whose_photo_keeps_its_exif_is_not_published_as_it_is() -> None:
    # PDF printers keep a photo's JPEG as it was shot, EXIF (a GPS position) and all.
    from PIL import Image

    from wres_convert.writers.original.common import inflated

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(photo, "JPEG", exif=exif.tobytes())
    data = _return_without_contact_pdf(photo.getvalue())
    assert b"Exif\x00\x00" in inflated(data)
    with pytest.raises(ConversionError) as caught:
        publishable_original(data, "pdf", convert_bytes(data, "photo.pdf"))
    assert "EXIF" in caught.value.line("photo.pdf")


def test_binary_parts_naming_the_submitter_decomposed_are_found() -> None:
    # The details are read composed (NFC); a picture's metadata written on a Mac holds "Zoë"
    # decomposed, which must still stop the copy.
    import unicodedata

    from wres_convert.casestudy.contact import Contact
    from wres_convert.writers.original.docx import _raw_mentions

    zoe = Contact(name="Zoë Hart", names=("Zoë Hart",), emails=("zoë.hart@nhs.net",))
    for text in ("Author: Zoë Hart", "mail zoë.hart@nhs.net"):
        for form in ("NFC", "NFD"):
            data = unicodedata.normalize(form, text)
            assert _raw_mentions(data.encode("utf-8"), zoe) and _raw_mentions(data.encode("utf-16-le"), zoe)
    assert not _raw_mentions(b"Author: Zoe Hartley", Contact(name="Zoë Hart", names=("Zoë Hart",)))
