"""The web-page reader: each producer's habits become the document model, exactly, and nothing
active or styled gets through. Inputs are small pages in each producer's own markup; every test
asserts the block sequence, so a change shows up as a diff of blocks."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_convert.errors import ConversionError
from wres_convert.model import Block, Cell, Heading, ListItem, Paragraph, Picture, Span, Table
from wres_convert.readers.html import decode_html, parse, read
from wres_convert.readers.sniff import detect_kind
from wres_convert.text.ticks import CHECKED, UNCHECKED


def P(*parts: str | Span) -> Paragraph:
    return Paragraph(tuple(Span(p) if isinstance(p, str) else p for p in parts))


def LI(text: str, level: int = 0, ordered: bool = False) -> ListItem:
    return ListItem((Span(text),), level, ordered)


def B(text: str) -> Span:
    return Span(text, bold=True)


def blocks(html: str) -> list[Block]:
    return parse(html)[0]


WORD_LIST = """<html><head><meta name=Generator content="Microsoft Word 15 (filtered)"></head><body>
<div class=WordSection1>
<p class=MsoTitle>Sharing good practice</p>
<p class=MsoNormal><b>What did you do?</b><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:36.0pt;text-indent:-18.0pt'><span
style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span>Set up a network</p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;text-indent:-18.0pt'><span
style='font-family:"Courier New"'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span>with a chair</p>
<p class=MsoListParagraphCxSpLast style='margin-left:36.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Trained <b>panels</b></p>
<p class=MsoNormal>&nbsp;</p>
<p class=MsoListParagraph>Indented text, no marker</p>
</div></body></html>"""


def test_words_pseudo_lists_become_list_items_at_their_levels_without_their_markers() -> None:
    assert blocks(WORD_LIST) == [
        Heading((Span("Sharing good practice"),), 1),
        P(B("What did you do?")),
        LI("Set up a network"),
        LI("with a chair", level=1),
        ListItem((Span("Trained "), B("panels")), 0, True),
        P("Indented text, no marker"),
    ]


GOOGLE = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">.c1{font-weight:700;color:#000}.c2{font-weight:400}.c3{font-style:italic}
ul.lst-kix_a-0{list-style-type:none}</style></head><body class="doc-content">
<p class="c4 title"><span>Case study</span></p>
<p class="c0"><span class="c1">Organisation name:</span><span class="c2"> Example Trust</span></p>
<ul class="c5 lst-kix_a-0 start"><li class="c0 li-bullet-0"><span class="c2">Outer</span></li></ul>
<ul class="c5 lst-kix_a-1 start"><li class="c0 li-bullet-0"><span class="c3">Inner</span></li></ul>
<p><span><a href="https://www.google.com/url?q=https://www.england.nhs.uk/wres/&amp;sa=D&amp;source=editors&amp;ust=1">WRES</a></span></p>
<b style="font-weight:normal" id="docs-internal-guid-1"><p>Pasted from Docs</p></b>
</body></html>"""


def test_google_docs_class_styles_flat_nested_lists_and_redirect_links() -> None:
    assert blocks(GOOGLE) == [
        Heading((Span("Case study"),), 1),
        P(B("Organisation name:"), " Example Trust"),
        LI("Outer"),
        ListItem((Span("Inner", italic=True),), 1),
        P(Span("WRES", href="https://www.england.nhs.uk/wres/")),
        P("Pasted from Docs"),
    ]


def test_libreoffice_items_hold_their_paragraphs_and_tables_keep_cells() -> None:
    html = (
        "<ol><li><p>First</p><p>and more</p></li><li><p>Second</p></li></ol>"
        "<table><thead><tr><th colspan=2>Q</th></tr></thead>"
        "<tbody><tr><td><p>A</p><table><tr><td>inner</td></tr></table></td><td>B</td></tr></tbody></table>"
    )
    inner = Table(((Cell((P("inner"),)),),))
    assert blocks(html) == [
        ListItem((Span("First"), Span("\n"), Span("and more")), 0, True),
        ListItem((Span("Second"),), 0, True),
        Table(((Cell((P("Q"),), 2),), (Cell((P("A"), inner)), Cell((P("B"),))))),
    ]


def test_active_content_hidden_text_and_bad_links_are_dropped_and_named() -> None:
    html = (
        "<p>Kept <script>window.x=1</script>words<iframe src=x>frame</iframe>.</p>"
        "<p style='display:none'>Hidden</p><p hidden>Also hidden</p>"
        "<p><a href='javascript:alert(1)' onclick='x()'>link text</a> "
        "<a href='#_ftn1'>[1]</a> <a href='mailto:a@b.example'>mail</a></p>"
        "<base href='https://evil.example/'><style>p{color:red}</style>"
    )
    found, said = parse(html)
    assert found == [
        P("Kept words."),
        P("link text [1] ", Span("mail", href="mailto:a@b.example")),
    ]
    codes = {w.code for w in said}
    assert {"html-active-content", "html-link-dropped"} <= codes
    doc = read(html.encode())
    assert any(w.code == "hidden-text" and "2 parts" in w.message for w in doc.warnings)


def test_pictures_embedded_are_read_and_those_beside_the_page_are_never_fetched() -> None:
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    html = (
        f"<p>Chart <img src='data:image/png;base64,{base64.b64encode(png).decode()}' alt='Staff survey' "
        "width=320 height=200> and <img src='page_files/image001.jpg' alt='Photo'></p>"
    )
    found = blocks(html)
    assert found[0] == P("Chart")
    assert isinstance(found[1], Picture) and found[1].data == png and found[1].media_type == "image/png"
    assert (found[1].alt, found[1].width, found[1].height) == ("Staff survey", 320.0, 200.0)
    assert found[2] == P("and")
    assert (
        isinstance(found[3], Picture) and found[3].data == b"" and found[3].link == "page_files/image001.jpg"
    )


def test_tick_boxes_keep_their_state() -> None:
    html = "<p><input type=checkbox checked> Indicator 5</p><p><input type=checkbox> Indicator 6</p>"
    assert [b.text for b in blocks(html)] == [f"{CHECKED} Indicator 5", f"{UNCHECKED} Indicator 6"]


def test_mail_bodies_break_paragraphs_at_line_breaks() -> None:
    html = "<div>Organisation name:<br>Example Trust<br><br>What did you do?<br>We listened.</div>"
    assert parse(html, mail=True)[0] == [
        P("Organisation name:"),
        P("Example Trust"),
        P("What did you do?"),
        P("We listened."),
    ]
    assert parse(html)[0] == [
        P("Organisation name:", "\n", "Example Trust", "\n", "\n", "What did you do?", "\n", "We listened.")
    ]


def test_the_declared_charset_decodes_the_page() -> None:
    page = "<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1252'></head>"
    page += "<body><p>Caf\u00e9 \u2013 \u2018quoted\u2019</p></body></html>"
    text, _ = decode_html(page.encode("cp1252"))
    assert "Caf\u00e9 \u2013 \u2018quoted\u2019" in text
    assert read(page.encode("cp1252")).blocks == (P("Caf\u00e9 \u2013 \u2018quoted\u2019"),)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p>", "html"),
        (b"\xef\xbb\xbf  <!-- saved --><html xmlns:o='urn:schemas-microsoft-com:office:office'>", "html"),
        (b'<?xml version="1.0"?>\n<html><body>x', "html"),
        (b"<meta charset=utf-8><p>x</p>", "html"),
        (b"<p>What did you do?</p> We listened.", "text"),  # a fragment in a text return
        (b"Scores < 5% <html> is a word here", "text"),
    ],
)
def test_a_web_page_is_known_by_its_content_whatever_its_name(head: bytes, kind: str) -> None:
    assert detect_kind(head) == kind


def test_very_deep_markup_keeps_all_its_text() -> None:
    depth = 1000
    html = "".join(f"<div><span>w{i} " for i in range(depth)) + "</span></div>" * depth
    text = " ".join(b.text for b in blocks(html))
    assert all(f"w{i}" in text.split() for i in range(depth))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdipulotrhsxyz&#;!-\n\x00é")), max_size=300))
def test_any_markup_reads_without_raising_or_leaking_tags(html: str) -> None:
    try:
        doc = read(html.encode("utf-8", "surrogatepass"))
    except ConversionError:
        return
    for block in doc.blocks:
        for span in getattr(block, "inlines", ()):
            assert span.href is None or span.href.startswith(("http:", "https:", "mailto:"))


def test_preformatted_text_is_read_as_typed_lines_but_styled_spans_are_not() -> None:
    html = (
        "<pre>Organisation name: Example Trust\n\nWhat did you do?\nWe listened\nto staff.\n\n- one\n- two</pre>"
        "<p><span style='white-space:pre-wrap;font-weight:700'>Bold\nspan</span></p>"
    )
    found = blocks(html)
    assert found[-3:] == [LI("one"), LI("two"), P(B("Bold span"))]
    assert P("What did you do?") in found and P("We listened to staff.") in found


NOTES = {
    "word": (
        "<p class=MsoNormal>We trained panels<a href='#_ftn1' name='_ftnref1' title=''><span "
        "class=MsoFootnoteReference>[1]</span></a> widely.</p><div style='mso-element:footnote-list'>"
        "<br clear=all><hr align=left size=1 width='33%'><div style='mso-element:footnote' id=ftn1><p "
        "class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1' title=''><span class=MsoFootnoteReference>"
        "[1]</span></a> NHS Staff Survey 2023.</p></div></div>"
    ),
    "libreoffice": (
        "<p>We trained panels<a class='sdfootnoteanc' name='sdfootnote1anc' href='#sdfootnote1sym'><sup>1"
        "</sup></a> widely.</p><div id='sdfootnote1'><p class='sdfootnote'><a class='sdfootnotesym' "
        "name='sdfootnote1sym' href='#sdfootnote1anc'>1</a>NHS Staff Survey 2023.</p></div>"
    ),
    "google-docs": (
        "<p><span>We trained panels</span><sup><a href='#ftnt1' id='ftnt_ref1'>[1]</a></sup><span> "
        "widely.</span></p><hr class='c5'><div><p class='c3'><a href='#ftnt_ref1' id='ftnt1'>[1]</a>"
        "<span class='c1'>&nbsp;NHS Staff Survey 2023.</span></p></div>"
    ),
}


@pytest.mark.parametrize("producer", sorted(NOTES))
def test_a_footnote_is_read_at_its_mark_and_not_again_at_the_foot(producer: str) -> None:
    from wres_convert.model import Note

    note = Note((P("NHS Staff Survey 2023."),), "footnote")
    assert blocks(NOTES[producer]) == [
        Paragraph((Span("We trained panels"), Span("1", note=note), Span(" widely.")))
    ]


def test_a_link_to_a_place_in_the_page_with_no_way_back_is_no_note() -> None:
    html = "<p><a href='#s1' name='t1'>Section 1</a></p><h2 id='s1'>Section 1</h2><p>Text</p>"
    assert blocks(html) == [P("Section 1"), Heading((Span("Section 1"),), 2), P("Text")]


def test_a_sites_navigation_banner_and_footer_are_left_out_and_said() -> None:
    html = (
        "<header role='banner'><a href='/'>Intranet</a></header><nav><ul><li>Spaces</li></ul></nav>"
        "<main><p>What did you do?</p><p>We listened.</p></main>"
        "<div role='navigation'>Pages</div><footer>Powered by Confluence</footer>"
    )
    found, said = parse(html)
    assert found == [P("What did you do?"), P("We listened.")]
    assert [w.code for w in said] == ["page-furniture"] and "(4 parts)" in said[0].message
