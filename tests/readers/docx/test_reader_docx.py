"""The DOCX reader, one Word feature per fixture (built by tests/fixtures/make_docx_fixtures.py)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, SHARED
from wres_convert.errors import ConversionError
from wres_convert.model import Block, Cell, Control, Document, Heading, ListItem, Paragraph, Span, Table
from wres_convert.readers.docx import package as docx_package
from wres_convert.readers.docx import read
from wres_convert.readers.docx.inline import hyperlink_field_href
from wres_convert.readers.docx.package import W

FIXTURES = FIXTURES
DOCX = FIXTURES / "docx"
CORPUS = SHARED / "corpus"  # ../shared beside the repo


def fixture(name: str) -> Document:
    return read((DOCX / f"{name}.docx").read_bytes())


def p(text: str, bold: bool = False, italic: bool = False, href: str | None = None) -> Paragraph:
    return Paragraph((Span(text, bold, italic, href),))


def h(text: str, level: int) -> Heading:
    return Heading((Span(text),), level)


def li(text: str, level: int = 0, ordered: bool = False, restart: bool = False) -> ListItem:
    return ListItem((Span(text),), level, ordered, restart)


def c(*blocks: Block, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(tuple(blocks), colspan, rowspan)


# Lists


def test_real_numbering_levels_formats_restart_and_none() -> None:
    doc = fixture("numbering")
    assert doc.blocks == (
        p("Our steps were:"),
        li("First step", 0, ordered=True),
        li("Sub-step", 1, ordered=True),  # lowerLetter
        li("Detail under the sub-step", 2, ordered=False),  # bullet level
        li("Second step", 0, ordered=True),
        p("A level that draws no marker"),  # numFmt none
        p("Then, in a new list:"),
        li("Restarted at one", 0, ordered=True, restart=True),  # startOverride: counts from 1 again
        li("Bullet list overridden to roman", 0, ordered=True, restart=True),  # lvlOverride, own w:lvl
        li("Plain bullet", 0, ordered=False),
        p("Numbering switched off"),  # numId 0 beats the List Bullet style's numbering
        p("A list that is not defined"),
        li("Through a numbering style", 0, ordered=True, restart=True),  # numStyleLink → styleLink
    )
    assert doc.format == "docx"
    assert doc.warnings == ()


def test_numbering_inherited_from_paragraph_styles() -> None:
    assert fixture("list_styles").blocks == (
        li("Bullet by style"),
        li("Number by style", ordered=True),
        li("Second-level bullet by style", 1),
        li("Second-level number by style", 1, ordered=True),
        li("Bullet from a style based on List Bullet"),
        p("List Paragraph without numbering"),
    )


def test_typed_markers_become_items_but_bold_subheadings_stay() -> None:
    unordered = [
        "Bullet glyph",
        "Hyphen",
        "En dash",
        "Asterisk",
        "Letter o",
        "Small square",
        "Symbol-font bullet",
    ]
    ordered = ["Number and dot", "Number and bracket", "Letter and bracket", "Letter in brackets"]
    ordered += ["Roman and dot", "Roman in brackets"]
    assert fixture("typed_markers").blocks == (
        *(li(text) for text in unordered),
        *(li(text, ordered=True) for text in ordered),
        p("A plain sentence between lists."),
        p("1.48 times more likely is not a list."),
        p("a) Survey return rate", bold=True),  # marker kept: the mapper sees a sub-heading
        li("Tab after the marker", ordered=True),
        p("Indented items follow."),
        li("Outer", 0),
        li("Inner", 1),
        li("Innermost", 2),  # 2180 twips: still the third indent step
        li("Outer again", 0),  # 700 twips: same step as 720
    )


# Headings and inline formatting


def test_headings_by_style_id_name_chain_and_outline_level() -> None:
    assert fixture("headings").blocks == (
        h("Document title", 1),
        *(h(f"Heading level {n}", n) for n in range(1, 7)),
        h("Heading nine is clamped", 6),
        p("Subtitle is not a heading", italic=True),  # the Subtitle style is italic
        h("Localised heading style", 2),
        h("Style based on Heading 3", 3),
        h("Outline level from the style", 2),
        h("Outline level on the paragraph", 4),
        p("Body-text outline level"),
        h("Numbered heading", 1),
    )


def test_bold_and_italic_from_runs_character_and_paragraph_styles() -> None:
    assert fixture("bold_styles").blocks == (
        Paragraph((Span("Strong text", bold=True), Span(" then plain"))),
        p("Bold from the paragraph style", bold=True),
        Paragraph((Span("not bold"), Span(" but this is", bold=True))),
        p("Complex-script bold only"),
        Paragraph((Span("false"), Span(" one", bold=True))),
        Paragraph((Span("Emphasis", italic=True), Span(" and "), Span("direct italic", italic=True))),
        p("Bold via a based-on character style", bold=True),
        h("Heading styles are bold by design", 1),  # the style's bold is not repeated on the spans
    )


def test_hyperlinks_by_relationship_and_field() -> None:
    assert fixture("hyperlinks").blocks == (
        Paragraph(
            (
                Span("See "),
                Span("the WRES page", href="https://www.england.nhs.uk/about/equality/"),
                Span("."),
            )
        ),
        p("Back to top"),  # anchor-only link: no href
        p("Part two", href="https://example.org/page#part2"),
        p("simple field link", href="https://example.org/simple"),
        Paragraph(
            (Span("Read the "), Span("complex field", href="https://example.org/complex"), Span(" now."))
        ),
        p("Updated 1 May 2024"),  # field result shown, instruction never
        p("Index entry"),  # a field with no result adds nothing
        p("Bookmark field"),
    )


@pytest.mark.parametrize(
    ("instruction", "href"),
    [
        (' HYPERLINK "https://a.example/x" ', "https://a.example/x"),
        ("HYPERLINK https://a.example/y", "https://a.example/y"),
        (' hyperlink "https://a.example/z" \\l "part" \\o "tip" ', "https://a.example/z#part"),
        (' HYPERLINK \\l "bookmark" ', None),
        (" PAGE \\* MERGEFORMAT ", None),
        ("", None),
    ],
)
def test_hyperlink_field_instruction(instruction: str, href: str | None) -> None:
    assert hyperlink_field_href(instruction) == href


def test_breaks_tabs_hyphens_and_symbols() -> None:
    assert fixture("breaks_tabs").blocks == (
        Paragraph((Span("Line one"), Span("\n"), Span("Line two"))),
        p("End of page one."),
        p("Name: Value"),
        p("co-operate and softhyphen"),
        p("Tick done"),
        Paragraph((Span("A"), Span("\n"), Span("B"))),
        p("Breaks at both ends"),
        p("Before column"),
    )


def test_text_is_kept_exactly_and_only_ends_trimmed() -> None:
    assert fixture("exact_text").blocks == (
        p("“Quoted” and ‘single’ — £1,200 for the café, naïve résumé"),
        p("Ten\u00a0thousand and two  spaces inside"),
        p("padded at both ends"),
        p("Splitword"),
    )


# Wrappers: content controls, revisions, comments, alternate content


def test_content_controls_at_every_level_and_placeholders_add_nothing() -> None:
    doc = fixture("content_controls")
    unanswered = Control((), placeholder=True)  # unnamed controls: only prompts are Controls
    assert doc.blocks == (
        p("Block control text"),
        unanswered,
        p("Name: Jane Doe (lead)"),
        p("Date:"),
        Table(
            (
                (c(p("Q1")), c(p("A1"))),
                (c(p("Q2")), c(p("A2"))),  # row inside a control
                (c(p("Q3")), c(p("A3"))),  # cell inside a control
                (c(p("Q4")), c(unanswered)),  # placeholder cell keeps its place in the grid
                (c(unanswered), c(unanswered)),  # placeholder row
            )
        ),
        Table(((c(p("Wrapped table")),),)),
        p("Nested controls"),
        unanswered,  # a table showing only prompts
    )
    assert "Click or tap" not in repr(doc)


def test_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    doc = fixture("tracked_changes")
    assert doc.blocks == (
        p("The budget was £12,000 in total."),
        p("Kept text."),
        p("Moved sentence."),
    )
    assert [m.code for m in doc.warnings] == ["revisions"]


def test_comments_never_contribute_text_but_are_reported() -> None:
    doc = fixture("comments")
    assert doc.blocks == (p("Figures were checked twice."),)
    assert [m.code for m in doc.warnings] == ["comments"]


def test_text_boxes_and_alternate_content_are_read_once() -> None:
    assert fixture("textbox").blocks == (
        p("Before the box"),
        p("Boxed text"),  # DrawingML and VML copies: only one is read
        p("Next paragraph"),
        p("Tick box ☐"),
        p("Fallback text"),
        p("Legacy VML box"),
    )


def test_wrappers_are_descended_into_and_alt_chunks_warned_about() -> None:
    doc = fixture("wrappers")
    assert doc.blocks == (
        p("Meet at Leeds on Monday"),
        p("Block custom XML"),
        p("Right to left override"),
        p("Area πr²"),
    )
    assert [(m.code, m.message) for m in doc.warnings] == [
        ("dropped-content", "an embedded document (altChunk) was left out (after paragraph 4)")
    ]


# Tables and furniture


def test_merged_cells_and_nested_tables() -> None:
    inner = Table(((c(p("Inner 1")), c(p("Inner 2"))),))
    assert fixture("merged_cells").blocks == (
        Table(
            (
                (c(p("Header spanning two"), colspan=2), c(p("C"))),
                (c(p("Tall cell"), rowspan=2), c(p("B1")), c(p("C1"))),
                (c(p("B2")), c(p("C2"), inner)),  # no cell where the tall cell continues
            )
        ),
    )


def test_headers_footers_and_properties_are_not_content() -> None:
    doc = fixture("headers_footers")
    assert doc.blocks == (p("Body text only."),)
    assert doc.warnings == ()


def test_reading_is_deterministic() -> None:
    data = (DOCX / "content_controls.docx").read_bytes()
    assert read(data) == read(data)


def test_committed_fixtures_match_the_script() -> None:
    spec = importlib.util.spec_from_file_location("make_docx_fixtures", FIXTURES / "make_docx_fixtures.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name in script.FIXTURES:
        assert script.build(name) == (DOCX / f"{name}.docx").read_bytes(), name


# Damaged and hostile input


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def parts_of(name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(DOCX / f"{name}.docx") as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize(
    "data",
    [
        b"not a zip at all",
        zip_bytes({"word/other.xml": b"<x/>"}),
        zip_bytes({"word/document.xml": b"<w:document><w:body><w:p>"}),
        zip_bytes({"word/document.xml": b"<?xml version='1.0'?><unrelated/>"}),
        (DOCX / "exact_text.docx").read_bytes()[:5000],
    ],
    ids=["not-zip", "no-document", "malformed-xml", "wrong-root", "truncated"],
)
def test_damaged_files_raise_corrupt_docx(data: bytes) -> None:
    with pytest.raises(ConversionError) as info:
        read(data)
    assert info.value.code == "corrupt-docx"
    assert info.value.hint == "open it in Word and save it again as .docx"


def test_entities_are_not_expanded() -> None:
    parts = parts_of("exact_text")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>safe &b;</w:t></w:r></w:p></w:body></w:document>"
    )
    parts["word/document.xml"] = bomb
    doc = read(zip_bytes(parts))
    assert doc.blocks == (p("safe"),)


def test_oversized_part_is_refused_before_decompressing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", 1000)
    with pytest.raises(ConversionError) as info:
        read((DOCX / "exact_text.docx").read_bytes())
    assert info.value.code == "too-large"


def test_strict_open_xml_is_named() -> None:
    parts = parts_of("exact_text")
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    with pytest.raises(ConversionError) as info:
        read(zip_bytes(parts))
    assert info.value.code == "strict-docx"


def _read_or_conversion_error(data: bytes) -> None:
    """The only outcomes allowed for any input: a Document, or a ConversionError."""
    with contextlib.suppress(ConversionError):
        assert isinstance(read(data), Document)


SMALL = (DOCX / "content_controls.docx").read_bytes()
FLIPS = st.lists(st.tuples(st.integers(0, len(SMALL) - 1), st.integers(1, 255)), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(SMALL)), flips=FLIPS)
def test_mutated_zip_bytes_never_escape_as_other_exceptions(cut: int, flips: list[tuple[int, int]]) -> None:
    _read_or_conversion_error(SMALL[:cut])
    data = bytearray(SMALL)
    for pos, xor in flips:
        data[pos] ^= xor
    _read_or_conversion_error(bytes(data))


DOCUMENT_XML = parts_of("content_controls")["word/document.xml"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.one_of(st.just(len(DOCUMENT_XML)), st.integers(0, len(DOCUMENT_XML))),
    flips=st.lists(st.tuples(st.integers(0, len(DOCUMENT_XML) - 1), st.integers(1, 255)), max_size=8),
)
def test_mutated_document_xml_never_escapes_as_other_exceptions(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    # Re-zipped with a valid CRC, so the damage reaches the XML parser and the body walker.
    xml = bytearray(DOCUMENT_XML[:cut])
    for pos, xor in flips:
        if xml:
            xml[pos % len(xml)] ^= xor
    parts = parts_of("content_controls")
    parts["word/document.xml"] = bytes(xml)
    _read_or_conversion_error(zip_bytes(parts))


def test_registry_does_not_import_lxml_or_this_reader() -> None:
    code = "import sys, wres_convert.readers; print('lxml' in sys.modules, 'wres_convert.readers.docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# The public acceptance corpus (beside the repository in CI)


corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="acceptance corpus not checked out beside the repo")


@corpus
def test_corpus_bold_questions_and_real_lists() -> None:
    doc = read((CORPUS / "docx-a" / "ashbourne.docx").read_bytes())
    assert doc.blocks[0] == p("Sharing good practice: case studies", bold=True)
    items = [b for b in doc.blocks if isinstance(b, ListItem)]
    assert len(items) == 11
    assert items[0] == li("Make access to non-mandatory training and CPD fair and transparent")
    assert doc.warnings == ()


@corpus
def test_corpus_question_answer_table() -> None:
    doc = read((CORPUS / "docx-b" / "ashbourne.docx").read_bytes())
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(table.rows) == 10
    assert all(len(row) == 2 for row in table.rows)
    assert table.rows[1][0].blocks == (p("Organisation name:", bold=True),)
    assert table.rows[1][1].blocks == (p("Ashbourne and District Community Health NHS Trust"),)


@corpus
def test_corpus_heading_styles() -> None:
    doc = read((CORPUS / "docx-d" / "chesterfield.docx").read_bytes())
    levels = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert levels[:3] == [
        (1, "Sharing good practice: case studies"),
        (2, "Your details"),
        (2, "What are your organisation's WRES objectives?"),
    ]
    assert (3, "a) Survey return rate") in levels
    assert (4, "Preparation") in levels


@corpus
@pytest.mark.parametrize("path", sorted(CORPUS.glob("docx-*/*.docx")) if CORPUS.is_dir() else [], ids=str)
def test_corpus_files_read_without_warnings(path: Path) -> None:
    doc = read(path.read_bytes())
    assert doc.blocks
    assert doc.warnings == ()


# ----------------------------------------------------------------------------- styles read lazily
def _style_answers(styles: object, ids: list[str]) -> list[object]:
    from wres_convert.readers.docx.styles import Styles

    assert isinstance(styles, Styles)
    return [
        (styles.heading_level(i), styles.num_pr(i), styles.indent(i), styles.bold(i), styles.italic(i))
        for i in ids
    ] + [styles.default_bold, styles.default_italic]


def _with_styles(path: Path) -> bool:
    """Word files that have a styles part (the bad-input fixtures and some minimal ones do not)."""
    try:
        return "word/styles.xml" in zipfile.ZipFile(path).namelist()
    except (zipfile.BadZipFile, OSError):
        return False


WITH_STYLES = [
    p
    for p in sorted(FIXTURES.glob("*/*.docx")) + sorted((FIXTURES.parents[1] / "samples").glob("*.docx"))
    if _with_styles(p)
]


@pytest.mark.parametrize("path", WITH_STYLES, ids=lambda p: p.name)
def test_styles_read_from_slices_answer_as_the_whole_parsed_part(path: Path) -> None:
    """Styles.from_bytes parses only the styles asked for; its answers must be the whole tree's."""
    import zipfile

    from lxml import etree

    from wres_convert.readers.docx.package import parse_fragment
    from wres_convert.readers.docx.styles import Styles

    data = zipfile.ZipFile(path).read("word/styles.xml")
    whole = etree.fromstring(data)
    ids = [el.get(f"{{{W}}}styleId", "") for el in whole.iter(f"{{{W}}}style")] + ["NoSuchStyle"]
    lazy = Styles.from_bytes(data, parse_fragment)
    assert lazy._slices or not ids[:-1]  # really the sliced path
    assert _style_answers(lazy, ids) == _style_answers(Styles(whole), ids)


def test_styles_with_a_doctype_are_parsed_whole_with_the_usual_checks() -> None:
    from wres_convert.readers.docx.styles import Styles

    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "Heading 1">]>'
        b'<w:styles xmlns:w="'
        + W.encode()
        + b'"><w:style w:styleId="H"><w:name w:val="&e;"/></w:style></w:styles>'
    )
    called: list[bytes] = []
    Styles.from_bytes(data, lambda d: called.append(d))  # type: ignore[func-returns-value]
    assert called == [data]


def test_the_styles_comparison_covers_real_word_files() -> None:
    assert len(WITH_STYLES) >= 20 and any(p.parent.name == "samples" for p in WITH_STYLES)
