"""The copy ``--link-original`` publishes: never the submitter's details, the author or the review
history, checked by reading the copy back with python-docx, with our own reader and as raw parts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from wres_convert.casestudy import CaseStudy
from wres_convert.convert import convert_bytes
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.original import publishable_original
from wres_convert.readers import docx as docx_reader
from wres_convert.template import map_document

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
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


def test_a_pdf_with_nothing_to_remove_is_published_unchanged(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    kept = [
        line
        for line in text.splitlines()
        if not line.startswith(("Your name", "Contact details")) and "@" not in line
    ]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.setAuthor("")
    y = 800
    for line in kept:
        for i in range(0, len(line), 95):
            page.drawString(30, y, line[i : i + 95])
            y -= 12
            if y < 40:
                page.showPage()
                y = 800
    page.save()
    data = buffer.getvalue()
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
