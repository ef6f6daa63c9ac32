"""Writers: Markdown is CommonMark that reads back as the same text and structure; HTML escapes
everything; lists nest; only safe links survive."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wres_convert.model import Cell, Heading, ListItem, Paragraph, Span, Table, text_inlines
from wres_convert.writers.html import blocks_html
from wres_convert.writers.markdown import blocks_md

MD = MarkdownIt("commonmark").enable("table")
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "<iframe src=//evil>",
    '"><script>alert(1)</script>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


def md_text(md: str) -> str:
    """The visible text CommonMark gives for a Markdown string."""
    out = []
    for tok in MD.parse(md):
        if tok.type == "inline":
            out.append(
                "".join(
                    c.content if c.type in ("text", "code_inline") else "\n" if "break" in c.type else ""
                    for c in tok.children or []
                )
            )
    return "\n".join(out)


def md_html(md: str) -> str:
    return MD.render(md)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    t = Tags()
    t.feed(html)
    return t.tags


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip()
)


@settings(max_examples=300, deadline=None)
@given(printable)
def test_any_paragraph_text_reads_back_exactly_from_markdown(text: str) -> None:
    md = blocks_md((Paragraph(text_inlines(text)),))
    tokens = [t.type for t in MD.parse(md)]
    assert tokens == ["paragraph_open", "inline", "paragraph_close"], md
    assert md_text(md) == re.sub(r"[ \t]+", " ", text)


@settings(max_examples=200, deadline=None)
@given(printable, st.booleans(), st.booleans())
def test_any_list_item_stays_one_list_item(text: str, bold: bool, ordered: bool) -> None:
    md = blocks_md((ListItem((Span(text, bold=bold),), ordered=ordered),))
    kinds = [t.type for t in MD.parse(md)]
    assert kinds.count("list_item_open") == 1 and "heading_open" not in kinds, md


def test_nested_lists_nest_in_markdown_and_html() -> None:
    blocks = (
        ListItem(text_inlines("one"), 0, ordered=True),
        ListItem(text_inlines("one-a"), 1),
        ListItem(text_inlines("one-b"), 1),
        ListItem(text_inlines("two"), 0, ordered=True),
    )
    md = blocks_md(blocks)
    assert md == "1. one\n   - one-a\n   - one-b\n2. two"
    assert md_html(md).replace("\n", "") == (
        "<ol><li>one<ul><li>one-a</li><li>one-b</li></ul></li><li>two</li></ol>"
    )
    assert blocks_html(blocks) == "<ol><li>one<ul><li>one-a</li><li>one-b</li></ul></li><li>two</li></ol>"


def test_markdown_and_html_pages_agree_on_structure() -> None:
    blocks = (
        Heading(text_inlines("Sub-heading"), 3),
        Paragraph((Span("Bold", bold=True), Span(" and "), Span("link", href="https://example.org/a(b)"))),
        ListItem(text_inlines("1. not a nested number")),
        Table(((Cell((Paragraph(text_inlines("Year")),)), Cell((Paragraph(text_inlines("a|b")),))),)),
    )
    md_rendered = md_html(blocks_md(blocks))
    ours = blocks_html(blocks)
    for html in (md_rendered, ours):
        assert "<h3>Sub-heading</h3>" in html
        assert "<strong>Bold</strong>" in html
        assert 'href="https://example.org/a(b)"' in html
        assert "<li>1. not a nested number</li>" in html
    assert 'rel="noopener noreferrer"' in ours


def test_xss_payloads_are_inert_in_html_and_markdown() -> None:
    for payload in XSS:
        blocks = (
            Paragraph(text_inlines(payload)),
            Paragraph((Span("link", href=payload),)),
            Paragraph((Span("link", href="JaVaScRiPt:alert(1)"),)),
            Paragraph((Span("link", href=" java\tscript:alert(1)"),)),
            Paragraph((Span("data", href="data:text/html,<script>alert(1)</script>"),)),
        )
        for html in (blocks_html(blocks), md_html(blocks_md(blocks))):
            for tag, attrs in tags_of(html):
                assert tag in {"p", "a", "strong", "em"}, html
                for name, value in attrs:
                    assert not name.startswith("on"), html
                    assert (
                        not (value or "").lower().replace("\t", "").strip().startswith(("javascript", "data"))
                    ), html
        assert md_text(blocks_md(blocks[:1])) == payload


def test_bold_with_edge_spaces_still_renders_bold() -> None:
    md = blocks_md((Paragraph((Span("Lead: ", bold=True), Span("value"))),))
    assert md == "**Lead:** value"
    assert "<strong>Lead:</strong>" in md_html(md)


def test_line_break_inside_a_list_item_stays_inside_it() -> None:
    md = blocks_md((ListItem((Span("first line\nsecond line"),)),))
    assert md == "- first line\\\n  second line"
    assert md_html(md).count("<li>") == 1


def test_a_restarted_list_stays_a_separate_list() -> None:
    blocks = (
        ListItem(text_inlines("a"), ordered=True),
        ListItem(text_inlines("b"), ordered=True),
        ListItem(text_inlines("again"), ordered=True, restart=True),
        ListItem(text_inlines("x")),
        ListItem(text_inlines("y"), restart=True),
    )
    md = blocks_md(blocks)
    assert md == "1. a\n2. b\n\n1) again\n\n- x\n\n* y"
    kinds = [t.type for t in MD.parse(md) if t.type.endswith("list_open")]
    assert kinds == ["ordered_list_open", "ordered_list_open", "bullet_list_open", "bullet_list_open"]
    assert blocks_html(blocks).count("<ol>") == 2 and blocks_html(blocks).count("<ul>") == 2


def test_controls_render_as_their_content_and_merged_cells_span() -> None:
    from wres_convert.model import Control

    table = Table(
        (
            (
                Cell((Paragraph(text_inlines("A")),), rowspan=2),
                Cell((Control((Paragraph(text_inlines("B")),), tag="t"),)),
            ),
        )
    )
    blocks = (Control((Paragraph(text_inlines("inside")),), tag="initiative"), table)
    assert blocks_md(blocks).startswith("inside\n\n| A | B |")
    assert '<th rowspan="2">A</th><th>B</th>' in blocks_html(blocks)
