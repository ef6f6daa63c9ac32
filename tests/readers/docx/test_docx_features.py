"""Issue 14, the DOCX reader's part: footnotes, endnotes, SmartArt, equations, drop caps and text
boxes are kept, and everything the reader leaves out is named in a ``dropped-content`` warning.

One fixture per feature (tests/fixtures/make_feature_fixtures.py), each a short WRES return, with
its ``wres-convert read -f md`` output as a golden file in tests/golden/features/. Regenerate them
after an intended change with ``WRES_REGEN_GOLDEN=1 pytest tests/readers/docx/test_docx_features.py``
and review the diff; CI refuses the flag (tests/conftest.py). Real documents from
../shared/realworld are read when they are beside the checkout, and skipped when not.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zlib

import pytest
from lxml import etree

from helpers import FIXTURES, GOLDEN, SHARED, run_cli, sample_docx_with
from wres_convert.model import Document, ListItem, Paragraph, Span, Table, notes_of
from wres_convert.readers.docx import drawings, read
from wres_convert.readers.docx.drawings import ReadPart
from wres_convert.readers.docx.package import Relationship

FEATURES = FIXTURES / "features"
REALWORLD = SHARED / "realworld" / "docs"
REGEN = os.environ.get("WRES_REGEN_GOLDEN") == "1"
NAMES = ["footnote", "endnote", "smartart", "equation", "dropcap", "textbox", "ole"]
INITIATIVE = "We put a trained BME panel member on every interview panel for band 6 and above."


def feature(name: str) -> Document:
    return read((FEATURES / f"{name}.docx").read_bytes())


def after_initiative(doc: Document) -> list:
    """The blocks of the initiative answer after its first sentence, up to the next question."""
    texts = [b.text for b in doc.blocks]
    start = texts.index(INITIATIVE) + 1
    end = next(i for i in range(start, len(texts)) if texts[i].startswith("What challenges"))
    return list(doc.blocks[start:end])


def dropped(doc: Document) -> list[str]:
    return [w.message for w in doc.warnings if w.code == "dropped-content"]


def realworld(name: str) -> Document:
    path = REALWORLD / name
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    return read(path.read_bytes())


# Goldens, and each fixture converting as a return


@pytest.mark.parametrize("name", NAMES)
def test_read_output_matches_its_golden_file(name: str) -> None:
    golden = GOLDEN / "features" / f"{name}.md"
    r = run_cli("read", str(FEATURES / f"{name}.docx"), "-f", "md", "-o", "-")
    assert r.returncode == 0, r.stderr
    if REGEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(r.stdout)
    assert r.stdout.decode("utf-8") == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_each_fixture_converts_as_a_return(name: str) -> None:
    r = run_cli(str(FEATURES / f"{name}.docx"), "-f", "json", "-o", "-", "-q")
    assert r.returncode == 0, r.stderr
    sections = {s["id"]: s for s in json.loads(r.stdout)["sections"]}
    assert INITIATIVE in sections["what-they-did"]["markdown"]


def test_committed_fixtures_match_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.syspath_prepend(str(FIXTURES))  # the script imports its sibling make_docx_fixtures
    spec = importlib.util.spec_from_file_location(
        "make_feature_fixtures", FIXTURES / "make_feature_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert sorted(script.FIXTURES) == sorted(NAMES)
    for name in script.FIXTURES:
        assert script.build(name) == (FEATURES / f"{name}.docx").read_bytes(), name


# Notes


def test_footnote_is_a_note_of_its_paragraph_read_like_an_answer() -> None:
    doc = feature("footnote")
    [para] = after_initiative(doc)
    assert para.text == "Appointments from shortlisting rose by a third. Panels liked it."  # mark left out
    [mark] = [s for s in para.inlines if s.note is not None]
    assert mark.text == "1" and mark.note.kind == "footnote"
    assert mark.note.blocks == (
        Paragraph(
            (
                Span("Source: "),
                Span("NHS Staff Survey 2020", bold=True),
                Span(", table 4, at "),
                Span("the survey site", href="https://www.nhsstaffsurveys.com/"),  # the notes part's own link
                Span("."),
            )
        ),
    )
    assert doc.warnings == ()  # Word's separator notes are neither notes nor lost


def test_endnote_is_marked_in_roman_as_word_shows_it() -> None:
    doc = feature("endnote")
    [note] = notes_of(doc.blocks)
    assert note.kind == "endnote" and note.text == "Board paper, March 2021, appendix C."
    [mark] = [s for b in after_initiative(doc) for s in b.inlines if s.note is not None]
    assert mark.text == "i"


def test_real_word_footnotes_and_endnotes() -> None:
    assert [n.text for n in notes_of(realworld("features-word-01.docx").blocks)] == [
        "A tachyon walks into a bar.",
        "Fin.",
    ]
    notes = notes_of(realworld("features-word-02.docx").blocks)
    assert [(n.kind, n.text) for n in notes] == [
        ("footnote", "My note."),
        ("endnote", "This is an endnote at the end of the document."),
    ]


def test_odt_footnote_comes_through_libreoffice() -> None:
    from wres_convert.readers.legacy import read_odt, soffice

    path = REALWORLD / "features-openoffice-01.odt"
    if not path.is_file() or soffice() is None:
        pytest.skip("needs ../shared/realworld and LibreOffice")
    assert [n.text for n in notes_of(read_odt(path.read_bytes()).blocks)] == ["Footnote text"]


def test_odt_fixture_reads_as_the_docx_it_was_saved_from() -> None:
    """footnote.odt is LibreOffice's save of footnote.docx; the .odt route goes back through
    LibreOffice to .docx, and must give the same read output, the footnote included."""
    from wres_convert.readers.legacy import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    r = run_cli("read", str(FEATURES / "footnote.odt"), "-f", "md", "-o", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == (GOLDEN / "features" / "footnote.md").read_text(encoding="utf-8")
    assert b"converted from .odt with LibreOffice" in r.stderr


def test_a_note_nothing_calls_is_named_not_lost_silently() -> None:
    data = _with_part(sample_docx_with(""), "word/footnotes.xml", _uncalled_footnotes(), rel="footnotes")
    assert dropped(read(data)) == [
        "a footnote that nothing in the text calls was left out (Word never shows it)"
    ]


def test_hidden_marks_call_nothing_and_typed_marks_are_the_mark() -> None:
    body = (
        '<w:p><w:r><w:t>Typed mark</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="5"/>'
        '</w:r><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> and a hidden one</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:footnoteReference w:id="6"/></w:r></w:p>'
    )
    notes = _uncalled_footnotes().replace(
        b"</w:footnotes>",
        b'<w:footnote w:id="6"><w:p><w:r><w:t>Hidden.</w:t></w:r></w:p></w:footnote></w:footnotes>',
    )
    doc = read(_with_part(sample_docx_with(body), "word/footnotes.xml", notes, rel="footnotes"))
    [para] = [b for b in doc.blocks if b.text.startswith("Typed mark")]
    assert para.text == "Typed mark and a hidden one"
    assert [(s.text, s.note.text) for s in para.inlines if s.note] == [("*", "Never called.")]
    assert "hidden-text" in [w.code for w in doc.warnings]
    assert dropped(doc) == []  # the hidden mark's note is hidden text, not a note called by nothing


# SmartArt, equations, drop caps, text boxes


def test_smartart_text_is_a_list_in_the_authors_order_with_a_warning() -> None:
    doc = feature("smartart")
    assert after_initiative(doc) == [
        Paragraph((Span("Our three steps:"),)),
        ListItem((Span("Train panel members"),), 0),
        ListItem((Span("Two days of training"),), 1),
        ListItem((Span("Refresher each year"),), 1),
        ListItem((Span("Join every band 6+ panel"),), 0),
        ListItem((Span("Review the figures each quarter"),), 0),
    ]
    assert [w.code for w in doc.warnings] == ["smartart"]


def test_real_smartart_text_is_kept() -> None:
    doc = realworld("features-word-05.docx")
    items = [b.text for b in doc.blocks if isinstance(b, ListItem)]
    assert items == ["foo", "bar", "baz"]
    assert "smartart" in [w.code for w in doc.warnings]


def test_equations_are_linear_text_keeping_every_operator() -> None:
    display, inline = after_initiative(feature("equation"))
    assert display.text == "R=appointed/shortlisted=∑_(i=1)^n a_i+√(x^2+1.5)"
    assert inline.text == "The ratio fell below 13/10 in 2021."


def test_real_equations_keep_their_numbers() -> None:
    text = "\n".join(b.text for b in realworld("features-word-07.docx").blocks)
    for kept in ("550", "1.41", "45.0", "10^(-6)", "/"):
        assert kept in text


def test_drop_cap_joins_its_word() -> None:
    assert [b.text for b in after_initiative(feature("dropcap"))] == [
        "Our staff network chose the first panel members."
    ]


def test_text_box_is_read_once_after_its_paragraph() -> None:
    doc = feature("textbox")
    assert [b.text for b in after_initiative(doc)] == [
        "The results are in the box below.",
        "Key result: 9 BME staff appointed in the first year.",  # Choice and Fallback: once
    ]
    assert doc.warnings == ()


def test_legacy_wordart_text_is_kept() -> None:
    body = (
        '<w:p><w:r><w:t>Our motto:</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
        '<v:textpath style="font-family:Impact" string="Be Yourself"/></v:shape></w:pict></w:r></w:p>'
    )
    doc = read(sample_docx_with(body))
    texts = [b.text for b in doc.blocks]
    assert texts[texts.index("Our motto:") + 1] == "Be Yourself" and dropped(doc) == []


def test_vertical_cjk_letters_join_into_their_word() -> None:
    doc = realworld("features-libreoffice-01.docx")
    cells = [b for t in doc.blocks if isinstance(t, Table) for row in t.rows for c in row for b in c.blocks]
    assert "粘贴处" in [b.text for b in cells]


def test_ruby_keeps_its_base_text() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Panel at </w:t></w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>とうきょう'
        "</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>"
    )
    assert "Panel at 東京" in [b.text for b in read(sample_docx_with(body)).blocks]


# What is left out is named, with where it was


def test_embedded_ole_object_is_named_where_it_was() -> None:
    doc = feature("ole")
    assert [b.text for b in after_initiative(doc)] == ["Our figures are in the worksheet below."]
    [message] = dropped(doc)
    assert message.startswith("an embedded Excel worksheet (Excel.Sheet.12) was left out (paragraph ")


def test_chart_is_kept_as_its_title_and_its_data() -> None:
    from wres_convert.model import Picture, Table

    doc = read((FIXTURES / "notes" / "chart.docx").read_bytes())
    at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Picture))
    chart, data = doc.blocks[at], doc.blocks[at + 1]
    assert isinstance(chart, Picture) and chart.kind == "chart" and not chart.data
    assert "".join(s.text for s in chart.caption) == "Staff survey response rate by year"
    assert isinstance(data, Table)
    assert [[c.text for c in row] for row in data.rows][:2] == [["", "Response rate"], ["2015", "48%"]]
    assert not dropped(doc)


def test_picture_is_never_lost_silently() -> None:
    import docx

    made = docx.Document()
    made.add_paragraph("Our panel at the launch:")
    made.add_picture(io.BytesIO(_png()))
    buffer = io.BytesIO()
    made.save(buffer)
    doc = read(buffer.getvalue())
    blocks = {type(b).__name__ for b in doc.blocks}
    assert any(m.startswith("a picture (Picture 1) was left out (paragraph 2)") for m in dropped(doc)) or (
        blocks - {"Heading", "Paragraph", "ListItem", "Table", "Control"}
    )


def test_the_picture_hook_places_its_block_after_the_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str | None]] = []

    def hook(
        picture: etree._Element, drawing: etree._Element, rels: dict[str, Relationship], read_part: ReadPart
    ) -> Paragraph:
        doc_pr = next(drawing.iter("{*}docPr"))
        blip = next(picture.iter("{*}blip"))
        target = rels[
            blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        ].target
        seen.append((doc_pr.get("name"), target))
        assert (read_part(target) or b"").startswith(b"\x89PNG")
        return Paragraph((Span("[picture]"),))

    monkeypatch.setattr(drawings, "picture_block", hook)
    made = __import__("docx").Document()
    made.add_paragraph("Our panel at the launch:")
    made.add_picture(io.BytesIO(_png()))
    buffer = io.BytesIO()
    made.save(buffer)
    doc = read(buffer.getvalue())
    assert [b.text for b in doc.blocks] == ["Our panel at the launch:", "[picture]"]
    assert seen == [("Picture 1", "word/media/image1.png")] and dropped(doc) == []


def test_a_picture_whose_image_is_missing_is_named() -> None:
    xml = (
        '<w:p xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:r><w:drawing><wp:inline>'
        '<wp:docPr id="3" name="Picture 3" descr="Panel"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
        '<a:blip r:embed="rIdMissing"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r></w:p>"
    )
    [message] = dropped(read(sample_docx_with(xml)))
    assert message.startswith("a picture (Picture 3) was left out (paragraph ")


@pytest.mark.parametrize(
    ("drawing", "named"),
    [
        (
            '<a:graphicData uri="urn:example:new-kind"><x:thing xmlns:x="urn:example"/></a:graphicData>',
            "a drawing of a kind",
        ),
        (
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" '
            'name="v"><a:extLst><a:ext><wp15:webVideoPr xmlns:wp15="http://schemas.microsoft.com/office/word/2012/'
            'wordprocessingDrawing"/></a:ext></a:extLst></pic:cNvPr></pic:nvPicPr></pic:pic></a:graphicData>',
            "a video",
        ),
        (
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"><w14:contentPart '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" r:id="rId99"/></a:graphicData>',
            "ink",
        ),
    ],
)
def test_unknown_drawings_video_and_ink_are_named(drawing: str, named: str) -> None:
    xml = (
        '<w:p xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:r><w:drawing><wp:inline>'
        f'<wp:docPr id="9" name="Object 9"/><a:graphic>{drawing}</a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )
    doc = read(sample_docx_with(xml))
    [message] = dropped(doc)
    assert message.startswith(named) and "(Object 9)" in message and "(paragraph " in message


def test_a_name_the_author_typed_is_never_quoted() -> None:
    xml = (
        '<w:p xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:r><w:drawing><wp:inline>'
        '<wp:docPr id="9" name="Photo of Jane Smith at home"/><a:graphic><a:graphicData uri="urn:x"/>'
        "</a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
    [message] = dropped(read(sample_docx_with(xml)))
    assert "Jane" not in message


# Helpers


def _png() -> bytes:
    """A 1x1 white PNG, made by hand so the test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def _uncalled_footnotes() -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (
        f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        '</w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:t>Never called.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()


def _with_part(data: bytes, name: str, part: bytes, rel: str | None = None) -> bytes:
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if rel and info.filename == "word/_rels/document.xml.rels":
                relation = (
                    f'<Relationship Id="rIdNotes99" Target="{name.removeprefix("word/")}" '
                    f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rel}"/>'
                )
                content = content.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
            dst.writestr(info.filename, content)
        dst.writestr(name, part)
    return out.getvalue()
