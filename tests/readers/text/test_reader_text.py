"""The plain-text reader: encodings, line endings, lists, sub-headings, literal HTML, refusals.

Fixtures are built by tests/fixtures/make_text_fixtures.py (one feature each); every test asserts
the exact block sequence, so a change in behaviour shows up as a diff of blocks.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO, SHARED
from wres_convert.errors import ConversionError
from wres_convert.model import Block, Cell, Document, Heading, ListItem, Paragraph, Span, Table
from wres_convert.readers.text import build as text_build
from wres_convert.readers.text import read
from wres_convert.text.links import safe_href

HERE = REPO / "tests"
FIXTURES = HERE / "fixtures" / "text"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"


def P(*parts: str | Span) -> Paragraph:
    return Paragraph(tuple(Span(p) if isinstance(p, str) else p for p in parts))


def H(text: str, level: int = 3) -> Heading:
    return Heading((Span(text),), level)


def LI(*parts: str | Span, level: int = 0, ordered: bool = False) -> ListItem:
    return ListItem(tuple(Span(p) if isinstance(p, str) else p for p in parts), level, ordered)


def OL(*parts: str | Span, level: int = 0) -> ListItem:
    return LI(*parts, level=level, ordered=True)


def blocks_of(name: str) -> list[Block]:
    return list(read((FIXTURES / name).read_bytes()).blocks)


def text_blocks(text: str) -> list[Block]:
    return list(read(text.encode("utf-8")).blocks)


def codes(doc: Document) -> set[str]:
    return {w.code for w in doc.warnings}


# ----------------------------------------------------------------------------- the fixtures


def test_committed_fixtures_are_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_text_fixtures", HERE / "fixtures" / "make_text_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.fixtures()
    assert sorted(built) == sorted(p.name for p in FIXTURES.iterdir())
    for name, data in built.items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} is stale: run make_text_fixtures.py"


# ----------------------------------------------------------------------------- decoding

SAMPLE_BLOCKS = [
    H("Your details"),
    P("Organisation name: Hôpital Café Trust"),
    P("Contact: Zoë O’Brien – EDI lead"),
    P("We spent £5,000 on “Be Yourself” sessions.\u00a0Staff said it was ‘excellent’."),
]


@pytest.mark.parametrize(
    "name",
    ["utf8.txt", "utf8_bom.txt", "utf16le_bom.txt", "utf16be_bom.txt", "cp1252.txt", "crlf.txt", "cr.txt"],
)
def test_every_encoding_and_line_ending_reads_the_same(name: str) -> None:
    doc = read((FIXTURES / name).read_bytes())
    assert list(doc.blocks) == SAMPLE_BLOCKS
    assert doc.format == "text"


def test_utf8_has_no_warning_but_a_legacy_encoding_is_flagged_for_review() -> None:
    assert read((FIXTURES / "utf8.txt").read_bytes()).warnings == ()
    doc = read((FIXTURES / "cp1252.txt").read_bytes())
    assert codes(doc) == {"text-encoding"}
    assert "cp1252" in doc.warnings[0].message


def test_charset_normalizer_is_only_imported_for_non_utf8_bytes() -> None:
    script = (
        "import sys\n"
        "from wres_convert.readers.text import read\n"
        f"read(open({str(FIXTURES / 'utf8.txt')!r}, 'rb').read())\n"
        "assert 'charset_normalizer' not in sys.modules, 'imported for UTF-8'\n"
        f"read(open({str(FIXTURES / 'cp1252.txt')!r}, 'rb').read())\n"
        "assert 'charset_normalizer' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.parametrize("name", ["nul_bytes.txt", "bad_utf16.txt"])
def test_undecodable_files_are_refused_with_a_hint(name: str) -> None:
    with pytest.raises(ConversionError) as info:
        read((FIXTURES / name).read_bytes())
    assert info.value.code == "undecodable"
    assert "UTF-8" in info.value.hint


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        bytes(range(1, 9)) * 20,  # control characters: not text
        b"\x81\x8d\x8f\x90\x9d" * 3 + bytes(range(1, 9)) * 4,
    ],
)
def test_binary_looking_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(ConversionError) as info:
        read(data)
    assert info.value.code == "undecodable"


def test_empty_and_blank_text_give_no_blocks() -> None:
    assert read(b"").blocks == ()
    assert read("\r\n \u00a0\n\t\n".encode()).blocks == ()


def test_replacement_characters_are_kept_and_flagged() -> None:
    doc = read("Caf\ufffd staff".encode())
    assert list(doc.blocks) == [P("Caf\ufffd staff")]
    assert codes(doc) == {"replacement-characters"}


def test_a_library_failure_becomes_a_conversion_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lines: list[str]) -> list[str]:
        raise ValueError("boom")

    monkeypatch.setattr(text_build, "_unquote", broken)
    with pytest.raises(ConversionError) as info:
        read(b"hello")
    assert info.value.code == "unreadable-text"


# ----------------------------------------------------------------------------- lists


def test_inline_bullets_become_an_intro_and_items() -> None:
    assert blocks_of("inline_bullets.txt") == [
        P("Our objectives are"),
        LI("Reduce gaps"),
        LI("Improve “fairness”"),
        LI("Train 200 staff"),
        LI("First only"),
        LI("Second only"),
    ]


def test_letter_items_enumerated_subheadings_and_sentences_that_are_not_items() -> None:
    assert blocks_of("letter_items.txt") == [
        P("Our staff survey results have been positively influenced by:"),
        OL("Improving overall return rate (several initiatives meant we achieved a response rate of 71%)"),
        OL("A number of wider staff engagement initiatives"),
        OL("Leadership initiatives."),
        H("a) Survey return rate"),
        H("Preparation"),
        LI("Staff data checking was carried out."),
        OL("Roman item in parens"),
        OL("Roman four"),
        OL("Number paren"),
        OL("Letter in parens"),
        OL("Capital letter item"),
        P(
            "I am a sentence starting with I and not an item. A sentence starting with A is not an item "
            "either, e.g. this one. e.g. this line is not an item."
        ),
    ]


def test_nesting_follows_relative_indentation_and_loose_lists() -> None:
    assert blocks_of("nested_lists.txt") == [
        LI("Level zero"),
        LI("Level one (two spaces)", level=1),
        LI("Level two (six spaces)", level=2),
        LI("Back to level one continuation of level one item", level=1),
        LI("Level zero again"),
        LI("Tab-indented child", level=1),
        OL("Ordered"),
        OL("Ordered child", level=1),
        LI("Bullet grandchild", level=2),
        OL("Ordered two"),
        LI("Loose one"),
        LI("Loose child", level=1),
        LI("Loose two"),
    ]


def test_wrapped_lines_join_paragraphs_and_items() -> None:
    assert blocks_of("wrapped.txt") == [
        P(
            "Our equality, diversity and inclusion agenda this year has had a more general focus, and our "
            "staff survey results have been positively influenced by the work described below."
        ),
        LI(
            "Decision to use a paper survey which was hand delivered to divisional offices. Surveys were "
            "distributed through managers / team leaders."
        ),
        LI("Coffee vouchers were distributed with the surveys. They were popular."),
        P("Some closing words in a paragraph right after the list."),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("* Star item", LI("Star item")),
        ("o Letter-o bullet", LI("Letter-o bullet")),
        ("–  En dash bullet", LI("En dash bullet")),
        ("• Bullet", LI("Bullet")),
        ("1) First", OL("First")),
        ("(ii) Second", OL("Second")),
        ("i. Roman one", OL("Roman one")),
        ("-5% fall in scores", P("-5% fall in scores")),
        ("e.g. an example", P("e.g. an example")),
        ("I think so.", P("I think so.")),
    ],
)
def test_list_markers(line: str, expected: Block) -> None:
    assert text_blocks(line) == [expected]


# ----------------------------------------------------------------------------- sub-headings


def test_subheadings_positive_and_negative_cases() -> None:
    assert blocks_of("subheadings.txt") == [
        H("Survey deployment"),
        P("We used a paper survey this year."),
        H("Who was helped and how?"),
        P("Frontline crews were helped."),
        H("Top tips:"),
        H("What learning could other organisations take?"),
        P("Our aims were:"),  # introduces the list after it
        LI("Aim one"),
        P("n/a"),
        P("None"),
        P("Organisation name: Example Community Health NHS Trust"),
        P("This whole answer is one short sentence."),
        P("lower case start line"),
        P("We have refreshed our induction for all new starters to include a session on differences"),
        P("We did three things and they worked well for everyone involved in the programme this year."),
        H("Your details"),
        P("Organisation name: Example Trust"),
        P("Your name and job title: Alex Example, EDI Lead"),
        P("Dear WRES team,"),
        H("Thank you"),
        P("Final line at end of file"),
    ]


def test_a_loose_numbered_list_is_not_read_as_headings() -> None:
    assert text_blocks("1. Be brave\n\n2. Listen more\n\nClosing words here.\n") == [
        OL("Be brave"),
        OL("Listen more"),
        P("Closing words here."),
    ]


# ----------------------------------------------------------------------------- e-mail quoting


def test_a_wholly_quoted_reply_is_unquoted() -> None:
    assert blocks_of("quoted_email.txt") == [
        H("Your details"),
        P("Organisation name: Quoted Trust"),
        P("Contact details: someone@example.org"),
        P("Please describe your WRES initiative, its aims and any outcomes so far."),
        LI("First quoted item"),
        LI("Nested quoted item", level=1),
    ]


def test_partly_quoted_text_keeps_its_quote_marks() -> None:
    assert blocks_of("partly_quoted.txt") == [
        P("Thanks, see my answers below."),
        P("> Original question text here?"),
    ]


def test_a_mostly_quoted_reply_under_a_short_covering_note_is_unquoted() -> None:
    text = (
        "From: Sam Patel <sam.patel@example.nhs.uk>\nSubject: WRES case study\n\n"
        ">Your details\n> Organisation name: Westfield Trust\n>\n"
        "> Please describe your WRES initiative, its aims and any outcomes so far.\n>\n"
        "> We ring-fenced CPD funding.\n> - First item\n"
    )
    blocks = text_blocks(text)
    assert not any(b.text.startswith(">") for b in blocks)
    assert blocks[-2:] == [P("We ring-fenced CPD funding."), LI("First item")]


def test_markdown_emphasis_is_not_interpreted() -> None:
    assert text_blocks("We ran *Fair Chance* and __Respect__ sessions.") == [
        P("We ran *Fair Chance* and __Respect__ sessions.")
    ]


# ----------------------------------------------------------------------------- literal HTML


def test_html_fragments_become_structure() -> None:
    assert blocks_of("html_fragments.txt") == [
        H("Your details"),
        P("Organisation name: Example Trust"),
        P("What are your organisation's WRES objectives?"),
        LI("Form a group & share"),
        LI("Embed ", Span("EDI", bold=True), " in leadership"),
        P("First para."),
        P("Second ", Span("para", italic=True), " with", "\n", "a break."),
        OL("One"),
        OL("Two ", Span("link", href="https://example.org/a?b=1&c=2")),
        LI("Outer"),
        LI("Inner", level=1),
        H("Section", 2),
        P("Loose text here"),
        P("The score was < 5% for ", Span("most", bold=True), " teams."),
        P("Contact ", Span("us", href="mailto:someone@example.org"), " or see this."),
    ]


def test_xss_payloads_come_out_as_harmless_text_or_nothing() -> None:
    doc = read((FIXTURES / "xss.txt").read_bytes())
    assert list(doc.blocks) == [
        P("Before after"),
        P("x y"),
        P("Safe ", Span("text", bold=True)),
        P("z"),
        P("Click"),
    ]
    assert {"html-active-content", "html-link-dropped"} <= codes(doc)


def test_the_real_seed_html_line_splits_into_question_and_items() -> None:
    line = (
        '<p>What are your organisation\'s WRES objectives?</p> <ul style="list-style-type: none"> '
        "• Form a group • Complete 2019 WRES analysis\n"
        "<p>Indicator 8: In the last 12 months?</p> <p>We have had an improvement.</p>\n"
    )
    assert text_blocks(line) == [
        P("What are your organisation's WRES objectives?"),
        LI("Form a group"),
        LI("Complete 2019 WRES analysis"),
        P("Indicator 8: In the last 12 months?"),
        P("We have had an improvement."),
    ]


def test_html_headings_tables_unknown_tags_and_comments() -> None:
    src = (
        "<h1>Top</h1><h4>Four</h4>\n"
        "<p>Hello <custom-tag>world</custom-tag><!-- <b>hidden</b> --></p>\n"
        '<table><tr><th>Year</th><td colspan="2">Score</td></tr>\n'
        "<tr><td><p>2023</p></td><td>7.1%</td></tr></table>\n"
    )
    assert text_blocks(src) == [
        H("Top", 1),
        H("Four", 4),
        P("Hello world"),
        Table(
            (
                (Cell((P("Year"),)), Cell((P("Score"),), colspan=2)),
                (Cell((P("2023"),)), Cell((P("7.1%"),))),
            )
        ),
    ]


def test_a_paragraph_tag_spanning_lines_stays_one_paragraph() -> None:
    assert text_blocks("<p>Some long paragraph\nthat wraps on\nthree lines</p>\nAfter") == [
        P("Some long paragraph that wraps on three lines"),
        P("After"),
    ]


def test_text_without_tags_is_not_unescaped_and_a_stray_angle_bracket_is_text() -> None:
    assert text_blocks("R&amp;D scores < 5% and <5% and a <b and c") == [
        P("R&amp;D scores < 5% and <5% and a <b and c")
    ]


def test_entities_inside_html_are_unescaped_into_plain_text() -> None:
    assert text_blocks("<p>Tom &amp; Jerry&nbsp;&pound;5 &lt;script&gt;</p>") == [
        P("Tom & Jerry\u00a0£5 <script>")
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("  HTTP://EXAMPLE.ORG ", "HTTP://EXAMPLE.ORG"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("\x01javascript:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("/relative/path", None),
        ("www.example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(raw: str | None, expected: str | None) -> None:
    assert safe_href(raw) == expected


# ----------------------------------------------------------------------------- the real return


@pytest.mark.skipif(not (SEEDS / "submission-chesterfield.txt").is_file(), reason="no ../shared/seeds")
def test_the_real_chesterfield_return() -> None:
    blocks = list(read((SEEDS / "submission-chesterfield.txt").read_bytes()).blocks)
    texts = [b.text for b in blocks]
    assert not any("<" in t or ">" in t for t in texts)
    start = texts.index("Your details")
    assert blocks[start : start + 6] == [
        H("Your details"),
        P("Organisation name: Chesterfield Royal NHS Foundation Trust"),
        P("Your name and job title: Ian Siara, Deputy Director of Workforce & OD"),
        P("Contact details: ian.siara@nhs.net Tel: 01246 512618"),
        P("What are your organisation's WRES objectives?"),
        LI("Form a group to discuss, share, promote equality, diversity and inclusion (EDI) agenda"),
    ]
    i = texts.index("A number of wider staff engagement initiatives")
    assert blocks[i - 1 : i + 5] == [
        OL(
            "Improving overall return rate (several initiatives meant we achieved a response rate of 71%, "
            "which was the second highest acute trust in the country)"
        ),
        OL("A number of wider staff engagement initiatives"),
        OL(
            "Leadership initiatives (including 'Leading the Chesterfield Way') and leadership development activity."
        ),
        H("a) Survey return rate"),
        H("Preparation"),
        LI("Staff data checking and cleansing was carried out to a higher standard than previous years."),
    ]


def _gold_structure(markdown: str) -> list[tuple[str, bool, int, str]]:
    """(kind, ordered, level, text) for each block of a gold section's CommonMark."""
    from markdown_it import MarkdownIt

    out: list[tuple[str, bool, int, str]] = []
    lists: list[bool] = []
    pending: tuple[str, bool, int] | None = None
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            pending = ("li", lists[-1], len(lists) - 1)
        elif token.type == "heading_open":
            pending = ("h", False, 0)
        elif token.type == "inline":
            text = "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))
            out.append((*(pending or ("p", False, 0)), text))
            pending = None
    return out


def _structure(blocks: list[Block]) -> list[tuple[str, bool, int, str]]:
    out: list[tuple[str, bool, int, str]] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(("h", False, 0, b.text))
        elif isinstance(b, ListItem):
            out.append(("li", b.ordered, b.level, b.text))
        else:
            out.append(("p", False, 0, b.text))
    return out


CORPUS_FILES = sorted(CORPUS.glob("txt-*/*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_FILES, reason="no ../shared/corpus")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_answers_have_the_gold_structure(path: Path) -> None:
    """Each answer of the acceptance corpus comes out as the gold's run of headings, items and
    paragraphs (the mapper only has to cut it out)."""
    gold = json.loads((CORPUS / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    got = _structure(list(read(path.read_bytes()).blocks))
    for section in gold["sections"]:
        if section["id"] not in ("what-they-did", "challenges", "learning") or not section["markdown"]:
            continue
        want = _gold_structure(section["markdown"])
        starts = [i for i, b in enumerate(got) if b[3] == want[0][3]]
        assert starts, f"{section['id']}: {want[0][3]!r} not found"
        assert got[starts[0] : starts[0] + len(want)] == want, section["id"]


# ----------------------------------------------------------------------------- properties


def _all_text(blocks: tuple[Block, ...] | list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    out += _all_text(cell.blocks)
        else:
            out.append(b.text)
    return out


def _all_hrefs(blocks: tuple[Block, ...]) -> list[str]:
    hrefs: list[str] = []
    for b in blocks:
        if isinstance(b, Table):
            hrefs += [h for row in b.rows for cell in row for h in _all_hrefs(cell.blocks)]
        else:
            hrefs += [s.href for s in b.inlines if s.href]
    return hrefs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_conversion_error(data: bytes) -> None:
    try:
        doc = read(data)
    except ConversionError:
        return
    assert isinstance(doc, Document)
    assert doc == read(data)  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_document_or_a_conversion_error(text: str) -> None:
    try:
        doc = read(text.encode("utf-8", "surrogatepass"))
    except ConversionError:
        return
    assert all(isinstance(b, Block) for b in doc.blocks)
    if "<script" not in text.lower():
        assert not any("<script" in t.lower() for t in _all_text(doc.blocks))


PIECES = st.sampled_from([
    "<script>", "</script>", "<SCRIPT SRC=x.js>", "<script/>", "<p>", "</p>", "<ul>", "</ul>", "<li>",
    "</li>", "<ol>", "<br>", "<b>", "</b>", "<i>", "<a href=\"javascript:alert(1)\">", "</a>",
    "<a href=\"https://ok.example\">", "<iframe src=x>", "</iframe>", "<style>", "</style>", "<!--",
    "-->", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<table>", "<tr>", "<td>", "<h2>",
    " • ", "\n", "\n\n", "- ", "a) ", "< ", "alert(1)", "Text", "more words here",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_html_tag_input_never_leaves_a_script_tag_or_unsafe_link(pieces: list[str]) -> None:
    doc = read("".join(pieces).encode("utf-8"))
    assert not any("<script" in t.lower() for t in _all_text(doc.blocks))
    assert all(h.split(":")[0].lower() in ("http", "https", "mailto") for h in _all_hrefs(doc.blocks))
