"""The web-page reader on hostile pages: style sheets that never close a rule, footnotes whose
notes call more notes, thousands of marks, nesting deeper than libxml2 reads, and charsets no page
means. Each input is big enough that a quadratic or exponential reading would take minutes (the
suite's timeout shows it hanging); each test asserts what is read, never how fast."""

from __future__ import annotations

import pytest

from wres_convert.errors import EXIT_UNREADABLE, ConversionError
from wres_convert.model import Block, Note, Paragraph, Span
from wres_convert.readers.html import decode_html, parse, read
from wres_convert.readers.html.notes import MAX_NOTES, find_notes
from wres_convert.readers.html.styles import MAX_STYLE_TEXT, class_rules
from wres_convert.readers.text.decode import declared_codec, meta_charset

BIG = 600_000  # characters: at this size a reading that rescans to the end takes many minutes


def P(*parts: str | Span) -> Paragraph:
    return Paragraph(tuple(Span(p) if isinstance(p, str) else p for p in parts))


def blocks(html: str) -> list[Block]:
    return parse(html)[0]


# ----------------------------------------------------------------------------- style sheets


def test_class_rules_are_read_as_before() -> None:
    sheet = (
        '@charset "utf-8"; @import url(print.css);\n.c1{font-weight:700;color:#000} /* .c9{font-weight:700} */'
        " p.c2, span.c3 {font-style:italic}\n@media print { .c4 {font-weight:bold} } .c5{font-weight:400}"
        " @font-face{font-family:x} <!-- .c6{display:none} --> h1{font-weight:700} .c1{font-style:italic}"
    )
    assert class_rules([sheet]) == {
        "c1": {"font-weight": "700", "color": "#000", "font-style": "italic"},
        "c2": {"font-style": "italic"},
        "c3": {"font-style": "italic"},
        "c4": {"font-weight": "bold"},
        "c5": {"font-weight": "400"},
        "c6": {"display": "none"},
    }


@pytest.mark.parametrize(
    "junk",
    [
        "a" * BIG + "}",  # no "{" ever comes: a selector that never starts its rule
        "@a " * (BIG // 3) + "}",  # an at-rule whose ";" never comes
        "a{" * (BIG // 2) + "}",  # rules that never close before the one that does
        "}" * BIG,
        "@import x" + ";" * BIG,
    ],
)
def test_a_sheet_that_never_closes_costs_one_reading(junk: str) -> None:
    assert class_rules([junk + ".bold{font-weight:700}"]) == {"bold": {"font-weight": "700"}}


def test_an_unclosed_comment_runs_to_the_end_of_its_sheet() -> None:
    # "/* " never closes ("/*/*" would: it holds "*/"), so each would rescan to the end.
    sheets = [".a{font-style:italic}" + "/* " * (BIG // 3) + ".lost{font-weight:700}", ".b{font-weight:700}"]
    assert class_rules(sheets) == {"a": {"font-style": "italic"}, "b": {"font-weight": "700"}}


def test_style_text_beyond_the_limit_is_ignored() -> None:
    assert class_rules([".early{font-weight:700}" + " " * (2 * MAX_STYLE_TEXT)]) == {
        "early": {"font-weight": "700"}
    }
    assert class_rules([" " * MAX_STYLE_TEXT + ".late{font-weight:700}"]) == {}
    assert class_rules([" " * (MAX_STYLE_TEXT - 5), ".late{font-weight:700}"]) == {}  # all sheets together


def test_a_page_with_a_hostile_sheet_is_still_read_with_its_classes() -> None:
    html = f"<style>{'a' * BIG}}}.c1{{font-weight:700}}</style><p class=c1>Bold</p><p>Plain</p>"
    assert blocks(html) == [P(Span("Bold", bold=True)), P("Plain")]


# ----------------------------------------------------------------------------- footnotes


def chained_notes(k: int) -> str:
    """Each note holds two marks to the next note (make_notes.py): read per mark, 2**k readings."""
    body = ['<p>What they did: see<a id="r0a" href="#n1">1</a><a id="r0b" href="#n1">1</a></p>']
    for i in range(1, k + 1):
        marks = f'<a id="r{i}a" href="#n{i + 1}">{i + 1}</a><a id="r{i}b" href="#n{i + 1}">{i + 1}</a>'
        body.append(
            f'<div><p><a id="n{i}" href="#r{i - 1}a">back</a><a href="#r{i - 1}b">back</a> note {i} '
            f"{marks if i < k else ''}</p></div>"
        )
    return "".join(body)


def test_notes_calling_notes_are_each_read_once() -> None:
    found = blocks(chained_notes(60))
    # A mark inside a note is its plain mark, as every writer sets it; the next notes are not read
    # into it, and none is read again at the foot of the page.
    note = Note((P("note 1 22"),), "footnote")
    assert found == [P("What they did: see", Span("1", note=note), Span("1", note=note))]


def test_a_mark_inside_its_own_note_is_no_note() -> None:
    html = "<p>see <a id='a1' href='#a1'>1</a></p><div><p><a id='x1' href='#x2'>1</a> one <a id='x2' href='#x1'>2</a></p></div>"
    assert blocks(html) == [P("see 1"), P("1 one 2")]


def test_twenty_thousand_marks_whose_notes_never_link_back_are_links() -> None:
    n = 20_000
    marks = "".join(f'<a id="r{i}" href="#n{i}">{i}</a> ' for i in range(n))
    notes = "<div>" + "".join(f'<p><a id="n{i}" href="#zz">^</a> note {i}</p>' for i in range(n)) + "</div>"
    found = blocks(f"<p>{marks}</p>{notes}")
    assert len(found) == n + 1
    assert found[0] == P(" ".join(map(str, range(n))))
    assert found[-1] == P(f"^ note {n - 1}")


def test_marks_sharing_one_big_note_read_it_once() -> None:
    # Every note's nearest container is the one <div>: each mark's note is the whole of it.
    n = 3_000
    marks = "".join(f'<a id="r{i}" href="#n{i}">{i}</a>' for i in range(n))
    notes = "<div>" + "".join(f'<p><a id="n{i}" href="#r{i}">^</a> note {i}</p>' for i in range(n)) + "</div>"
    html = f"<p>{marks}</p>{notes}"
    import lxml.html

    assert len(find_notes(lxml.html.document_fromstring(html))) == MAX_NOTES
    found = blocks(html)
    assert len(found) == 1
    spans = found[0].inlines
    noted = [s for s in spans if s.note is not None]
    assert [s.text for s in noted] == [str(i) for i in range(MAX_NOTES)]
    assert noted[0].note is not None and noted[-1].note is not None
    # The links back from the first MAX_NOTES notes are no text of theirs; the rest are links.
    note = tuple(P(f"{'' if i < MAX_NOTES else '^ '}note {i}") for i in range(n))
    assert noted[-1].note.blocks == noted[0].note.blocks == note
    assert "".join(s.text for s in spans if s.note is None) == "".join(map(str, range(MAX_NOTES, n)))


# ----------------------------------------------------------------------------- nesting


def test_nesting_deeper_than_libxml2_reads_is_refused_not_cut_short() -> None:
    html = "<p>before</p>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "<p>after</p>"
    with pytest.raises(ConversionError) as raised:
        parse(html)
    assert raised.value.code == "too-deep" and raised.value.exit_code == EXIT_UNREADABLE
    assert "nested more deeply than can be read" in raised.value.message
    with pytest.raises(ConversionError, match="nested more deeply"):
        read(("<html><body>" + "<span>" * 100_000 + "deep<p>after</p></body></html>").encode())


def test_nesting_below_libxml2_s_limit_is_read_whole() -> None:
    html = "<p>before</p>" + "<div>" * 1_500 + "deep" + "</div>" * 1_500 + "<p>after</p>"
    assert blocks(html) == [P("before"), P("deep"), P("after")]


# ----------------------------------------------------------------------------- charsets

PAGE = "<html><head><meta charset='{}'></head><body><p>Café – £5</p></body></html>"


@pytest.mark.parametrize(
    "charset", ["base64", "rot13", "zlib", "utf-32-le", "utf-16", "utf-7", "cp037", "idna", "nonsense"]
)
def test_a_charset_no_page_means_is_ignored(charset: str) -> None:
    assert declared_codec(charset) is None
    data = PAGE.format(charset).encode("utf-8")
    assert meta_charset(data) is None
    assert decode_html(data)[0] == PAGE.format(charset)
    assert read(data).blocks == (P("Café – £5"),)


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("utf-8", "utf-8", "Café – £5"),
        ("windows-1252", "cp1252", "Café – £5"),
        ("ISO-8859-1", "cp1252", "Café – £5"),  # as browsers read it: the dash is Windows-1252's
        ("us-ascii", "cp1252", "Café – £5"),
        ("koi8-r", "koi8-r", "Привет"),
    ],
)
def test_a_charset_a_browser_reads_is_used(charset: str, codec: str, text: str) -> None:
    assert declared_codec(charset) == codec
    data = PAGE.format(charset).replace("Café – £5", text).encode(codec)
    assert read(data).blocks == (P(text),)


def test_a_utf16_page_with_its_mark_is_still_read() -> None:
    data = PAGE.format("utf-16").encode("utf-16")  # with its byte-order mark
    assert read(data).blocks == (P("Café – £5"),)
