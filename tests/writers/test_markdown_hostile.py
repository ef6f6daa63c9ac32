"""Markdown that site generators build cannot carry markup from a submission (issue 11).

kramdown (Jekyll) reads "{: onmouseover=…}" after a link or paragraph as attributes and
"{::nomarkdown}" as raw output; Python-Markdown's attr_list (MkDocs) reads "{: …}" and a heading's
"{#id}"; goldmark (Hugo) reads "{#id style=…}" at the end of a heading, and on other blocks when
its block attributes are on. Python-Markdown also reads "\\<img …>" as a backslash and an element.
A hostile return with all of these, and with kramdown's comments, options, ALDs, abbreviations,
footnotes, definition lists and end-of-block marks, Python-Markdown's md_in_html and admonitions,
math, Liquid and shortcodes, is built here by real Hugo and Jekyll and by Python-Markdown with
attr_list and md_in_html; nothing in the built page may carry an element or attribute that the
writer did not emit itself, and the payloads must still be there as text.

Linkifiers make links of bare web and e-mail addresses, which the HTML page shows as text:
goldmark's linkify (on in Hugo by default), markdown-it's linkify and GFM's autolinks. The return
holds such addresses too, and it is also built with markdown-it with linkify on: the only links in
any built page are the writer's own.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink

from helpers.markdown import (
    _blocks,
    check_built_page,
    html_skeleton,
    hugo_build,
    jekyll_build,
    split_front_matter,
    typographed,
)
from wres_convert.casestudy.build import CaseStudy, Section
from wres_convert.model import Block, Cell, Heading, ListItem, Paragraph, Span, Table
from wres_convert.run.convert import convert_bytes, render

# A text return: the organisation name, a question line, a sub-heading, list items, a table and a
# link all carry attribute syntax. (The text reader reads the HTML in it as structure and joins a
# paragraph's lines, so the line-level syntax is added below as the model's blocks.)
HOSTILE_RETURN = """\
Sharing good practice: case studies

Your details

Organisation name: Riverside {: onmouseover="alert(1)" .xss-class #xss-id} Trust {#xss-id style="color:red"}

Your name and job title: Sam Porter, Head of Inclusion

Which WRES indicators has your organisation improved on? Please provide details of the progress made. {: onclick="alert(1)"}

Indicator 2: What is the relative likelihood of staff being appointed from shortlisting across all posts? {: onclick="alert(1)"}

The likelihood fell from 1.9 to 1.3 {: onclick="alert(1)" } in two years.

Please describe your WRES initiative, its aims and any outcomes so far.

<h3>Panel training {#xss-id onclick="alert(1)" style="color:red"}</h3>

We put an adviser on every panel {::nomarkdown}&lt;img src=x onerror=alert(1)&gt;{:/} at band 7.

- Panels were briefed {: onmouseover="alert(1)"}
- Shortlists were checked {::comment}this stays{:/comment} each month

<table><tr><th>Band {#xss-id}</th><th>Panels {: onclick="alert(1)"}</th></tr><tr><td>7 {::nomarkdown}&lt;script&gt;alert(1)&lt;/script&gt;{:/}</td><td>12 { style="color:red" }</td></tr></table>

See <a href="https://example.org/guide">the guide {: onclick="alert(1)"}</a>{: onmouseover="alert(1)" .xss-class} for details.

What challenges or barriers have you had to overcome to achieve this progress?

Budget of $$5,000$$ and [^1] note {{< shortcode >}} {% raw %} &lt;div markdown="1"&gt;*inside*&lt;/div&gt;

Top tips: What learning could other organisations take from your example above?

Start small {: #xss-id}

Read https://evil.example/bare or www.evil.example, write to sam@evil.example or mailto:sam@evil.example, see england.nhs.uk, ftp://evil.example/f and //localhost/x.
"""

# Syntax that only works at the start or end of a line or on a line of its own. A "\\n" in a
# span is a line break, written as a hard break: the next source line starts with the text.
LINE_LEVEL: tuple[Block, ...] = (
    Paragraph((Span('Shared with every panel\n{: .xss-class onclick="alert(1)"}'),)),  # a block IAL
    Paragraph((Span('{:xss-ref: onclick="alert(1)"}\n{: xss-ref}\n{::options parse_block_html="true" /}'),)),
    Paragraph((Span("*[HTML]: Hyper Text\n[^1]: a footnote\nTerm\n: a definition\n^\nafter the mark"),)),
    Paragraph((Span('!!! danger "xss-admonition"\n??? note\n$$x$$'),)),
    Paragraph((Span('<div markdown="1">\n*inside*\n</div>\n<img src=x onerror=alert(1)>'),)),
    Heading((Span('Python-Markdown {: #xss-id .xss-class onclick="alert(1)" }'),), 3),
    Heading((Span('goldmark {#xss-id class="xss-class" onclick="alert(1)"}'),), 4),
    Paragraph((Span("emphasised", italic=True), Span('{: onclick="alert(1)"}'))),
    Paragraph((Span("link", href="https://example.org/a{: onclick=x}"), Span('{ onclick="alert(1)" }'))),
    ListItem((Span('item {: .xss-class }\n{: onclick="alert(1)"}'),)),
    Table(
        (
            (
                Cell((Paragraph((Span('cell {: onclick="alert(1)"}'),)),)),
                Cell((ListItem((Span("{#xss-id}"),)),)),
            ),
            # a body row: kramdown reads a table with only a header row as text
            (
                Cell((Paragraph((Span('{: style="color:red"}'),)),)),
                Cell((Paragraph((Span("{::comment}"),)),)),
            ),
        )
    ),
    # Bare addresses where linkifiers look for them: at the start of a line, after "(", "~" or
    # "_", and split between spans; and a link of the writer's own whose text is an address.
    Paragraph(
        (
            Span(
                "https://evil.example/line\nwww.evil.example/line\nsam@evil.example\n"
                "(https://evil.example/paren) ~www.evil.example~ _www.evil.example_"
            ),
        )
    ),
    Paragraph(
        (
            Span("www", bold=True),
            Span(".evil.example/split https:/"),
            Span("/evil.example/split sam", italic=True),
            Span("@evil.example"),
        )
    ),
    Paragraph(
        (Span("https://example.org/own", href="https://example.org/own"), Span(" is https://example.org/own"))
    ),
)
FRONT_MATTER = '<img src=x onerror=alert(1)> {: onclick="alert(1)"} {{ site.title }}'
# Attribute values a payload would set if it were read as markup.
PLANTED = {"xss-id", "xss-class", "xss-ref", "color:red", "alert(1)"}


@cache
def hostile_return() -> CaseStudy:
    return convert_bytes(HOSTILE_RETURN.encode(), "hostile.txt")


def hostile() -> CaseStudy:
    cs = hostile_return()
    sections = tuple(
        Section(s.id, s.heading, s.blocks + LINE_LEVEL) if s.id == "challenges" else s for s in cs.sections
    )
    return dataclasses.replace(cs, sections=sections, title=f"Title {FRONT_MATTER}", subtitle=FRONT_MATTER)


# Python-Markdown with what MkDocs sites commonly turn on: "extra" is abbr, attr_list, def_list,
# fenced_code, footnotes, md_in_html and tables.
PY_MARKDOWN_EXTENSIONS = ["extra", "admonition", "toc"]


def py_markdown(body: str) -> str:
    return markdown.markdown(body, extensions=PY_MARKDOWN_EXTENSIONS)


# What the writer itself emits: the page's blocks and inlines, links, and the heading ids that
# Hugo, kramdown and Python-Markdown's toc make from a heading's text.
BLOCKS_AND_INLINES = (
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
)
ALLOWED: dict[str, frozenset[str]] = {
    **dict.fromkeys(BLOCKS_AND_INLINES, frozenset()),
    **dict.fromkeys([f"h{n}" for n in range(1, 7)], frozenset({"id"})),
    "a": frozenset({"href"}),
}


def foreign_markup(container: HtmlElement, hrefs: set[str]) -> list[str]:
    """Every element or attribute under ``container`` that the writer did not emit: elements
    outside ALLOWED, attributes other than a link's href and a heading's generated id, hrefs
    that are not the writer's, and ids a payload planted."""
    found = []
    for el in container.iterdescendants():
        if not isinstance(el.tag, str):
            found.append(f"comment {el.text!r}")  # "{::comment}" or raw HTML
            continue
        if el.tag not in ALLOWED:
            found.append(f"<{el.tag}>")
            continue
        for name, value in el.attrib.items():
            if name not in ALLOWED[el.tag]:
                found.append(f"<{el.tag} {name}={value!r}>")
            elif name == "href" and normalizeLink(value) not in hrefs:
                found.append(f"<a href={value!r}>")
            elif name == "id" and value in PLANTED:
                found.append(f"<{el.tag} id={value!r}>")
    return found


def writer_hrefs(cs: CaseStudy) -> set[str]:
    root = lxml.html.document_fromstring(render(cs, "html"))
    return {normalizeLink(a.get("href")) for a in root.xpath("//article//a[@href]")}


def assert_only_the_writers_links(container: HtmlElement, cs: CaseStudy) -> None:
    """The links in ``container`` are those of the HTML page, one for one: a linkifier's link
    to an address that the writer also links to is one link too many."""
    root = lxml.html.document_fromstring(render(cs, "html"))
    ours = sorted(normalizeLink(a.get("href", "")) for a in root.xpath("//article//a"))
    assert sorted(normalizeLink(a.get("href", "")) for a in container.iter("a")) == ours


def built_body(path: Path) -> HtmlElement:
    """The built page's body without the test layout's own front-matter line."""
    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    root.get_element_by_id("params").drop_tree()
    body = root.find("body")
    body.tag = "div"
    return body


# Every payload is still on the page, as text (quotes as the generators' typographers leave them).
PAYLOADS = [
    '{: onmouseover="alert(1)" .xss-class #xss-id}',
    '{#xss-id onclick="alert(1)" style="color:red"}',
    "{::nomarkdown}&lt;img src=x onerror=alert(1)&gt;{:/}",  # a text return's line holds no HTML
    "{::comment}this stays{:/comment}",
    '{: onmouseover="alert(1)" .xss-class}',
    "{::nomarkdown}<script>alert(1)</script>{:/}",
    '{ style="color:red" }',
    "$$5,000$$",
    "{{< shortcode >}} {% raw %}",
    '&lt;div markdown="1"&gt;*inside*&lt;/div&gt;',
    '<div markdown="1">',
    '{:xss-ref: onclick="alert(1)"}',
    '{::options parse_block_html="true" /}',
    '!!! danger "xss-admonition"',
    '{#xss-id class="xss-class" onclick="alert(1)"}',
    '{: #xss-id .xss-class onclick="alert(1)" }',
    "<img src=x onerror=alert(1)>",
    # bare addresses, which a linkifier would make into links
    "Read https://evil.example/bare or www.evil.example, write to sam@evil.example or "
    "mailto:sam@evil.example, see england.nhs.uk, ftp://evil.example/f and //localhost/x.",
    "https://evil.example/line",  # each on a line (Python-Markdown shows a hard break's "\\")
    "www.evil.example/line",
    "sam@evil.example",
    "(https://evil.example/paren)",
    "www.evil.example/split https://evil.example/split sam@evil.example",
    "https://example.org/own is https://example.org/own",
]


def assert_payloads_shown(container: HtmlElement) -> None:
    text = " ".join(str(typographed(container.text_content())).split())
    missing = [p for p in PAYLOADS if typographed(p) not in text]
    assert not missing, missing


def test_the_hostile_return_keeps_its_payloads() -> None:
    """The fixture is only worth something if the payloads reach the writer."""
    page = render(hostile(), "md")
    for written in (
        "onmouseover",
        "&#123;::nomarkdown}",
        "&#123;#xss-id",
        "&#33;!! danger",
        "&#123;: xss-ref}",
        "https:&#47;/evil&#46;example/bare",
        "www&#46;evil&#46;example",
        "sam&#64;evil&#46;example",
    ):
        assert written in page
    assert "{" not in split_front_matter(page)[1]


def test_kramdown_attribute_lists_are_text_in_jekyll(tmp_path: Path) -> None:
    cs = hostile()
    built = jekyll_build(tmp_path, {"hostile": cs}) / "case-studies" / cs.slug / "index.html"
    body = built_body(built)
    assert foreign_markup(body, writer_hrefs(cs)) == []
    assert_only_the_writers_links(body, cs)
    assert_payloads_shown(body)
    assert "<img" not in built.read_text(encoding="utf-8")  # the front matter too, escaped by the layout
    check_built_page(built, cs)  # and the same page as ours, block for block


def test_goldmark_attributes_are_text_in_hugo(tmp_path: Path) -> None:
    """With goldmark's block attributes on and raw HTML allowed: the worst settings a site may have."""
    config = "[markup.goldmark.parser.attribute]\nblock = true\ntitle = true\n"
    config += "[markup.goldmark.renderer]\nunsafe = true\n"
    cs = hostile()
    built = hugo_build(tmp_path, {"hostile": cs}, config) / "case-studies" / cs.slug / "index.html"
    body = built_body(built)
    assert foreign_markup(body, writer_hrefs(cs)) == []
    assert_only_the_writers_links(body, cs)
    assert_payloads_shown(body)
    assert "<img" not in built.read_text(encoding="utf-8")
    check_built_page(built, cs)


def test_python_markdown_attr_list_and_md_in_html_leave_text() -> None:
    """MkDocs renders with Python-Markdown; attr_list and md_in_html are in its "extra"."""
    cs = hostile()
    _, body = split_front_matter(render(cs, "md"))
    root = lxml.html.fragment_fromstring(py_markdown(body), create_parent="div")
    assert foreign_markup(root, writer_hrefs(cs)) == []
    assert_only_the_writers_links(root, cs)
    assert "{" not in body  # and no other reader sees an opening brace either
    assert_payloads_shown(root)


# markdown-it with linkify on, as a site may have it (linkify-it-py): it links bare "https://…",
# "//host", "www.…" and e-mail addresses, and host names with a known top-level domain ("nhs.uk").
LINKIFY = MarkdownIt("commonmark", {"linkify": True}).enable("linkify").enable("table")


def linkified(body: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(LINKIFY.render(body), create_parent="div")


def test_bare_addresses_stay_text_in_hugo_by_default(tmp_path: Path) -> None:
    """Hugo's defaults: goldmark's linkify is on (raw HTML and block attributes are off)."""
    cs = hostile()
    built = hugo_build(tmp_path, {"hostile": cs}) / "case-studies" / cs.slug / "index.html"
    body = built_body(built)
    assert foreign_markup(body, writer_hrefs(cs)) == []
    assert_only_the_writers_links(body, cs)
    assert_payloads_shown(body)
    check_built_page(built, cs)


def test_markdown_it_linkify_leaves_bare_addresses_as_text() -> None:
    cs = hostile()
    _, body = split_front_matter(render(cs, "md"))
    root = linkified(body)
    assert foreign_markup(root, writer_hrefs(cs)) == []
    assert_only_the_writers_links(root, cs)
    assert_payloads_shown(root)
    assert _blocks(root) == html_skeleton(render(cs, "html"))  # the same page, link for link


def test_the_check_sees_links_made_from_bare_addresses() -> None:
    """Written without the references, every address becomes a link under markdown-it's linkify,
    and a bare address that the writer also links to is one link too many."""
    cs = hostile()
    _, body = split_front_matter(render(cs, "md"))
    root = linkified(body.replace("&#46;", ".").replace("&#47;", "/").replace("&#64;", "@"))
    found = " ".join(foreign_markup(root, writer_hrefs(cs)))
    for planted in (
        "https://evil.example/bare",
        "mailto:sam@evil.example",
        "http://england.nhs.uk",
        "ftp://evil.example/f",
        "//localhost/x",
        "https://evil.example/paren",
    ):
        assert planted in found, planted
    assert [a.get("href") for a in root.iter("a")].count("https://example.org/own") == 2
    with pytest.raises(AssertionError):
        assert_only_the_writers_links(root, cs)


def test_bare_addresses_are_written_with_references() -> None:
    """The "/" of "//", a host name's "." and an e-mail address's "@" are character references,
    also where an address is split between spans; the writer's own links keep their destination."""
    _, body = split_front_matter(render(hostile(), "md"))
    for written in (
        "Read https:&#47;/evil&#46;example/bare or www&#46;evil&#46;example, write to "
        "sam&#64;evil&#46;example or mailto:sam&#64;evil&#46;example, see england&#46;nhs&#46;uk, "
        "ftp:&#47;/evil&#46;example/f and &#47;/localhost/x.",
        "**www**&#46;evil&#46;example/split https:&#47;*/evil&#46;example/split sam*&#64;evil&#46;example",
        "[https:&#47;/example&#46;org/own](<https://example.org/own>) is https:&#47;/example&#46;org/own",
        "1.9 to 1.3",  # a "." between digits stays
    ):
        assert written in body, written


def test_the_check_sees_attributes_that_were_not_escaped() -> None:
    """The checks above would see each payload, had the writer not escaped it."""
    cs = hostile()
    _, body = split_front_matter(render(cs, "md"))
    raw = body.replace("&#123;", "{").replace("&#60;", "<").replace("\\>", ">")
    found = " ".join(foreign_markup(lxml.html.fragment_fromstring(py_markdown(raw), "div"), writer_hrefs(cs)))
    for planted in ("onclick", "onmouseover", "class='xss-class'", "id='xss-id'", "<img>", "<div>", "style"):
        assert planted in found, planted


def test_kramdown_attribute_list_in_answer_is_text() -> None:
    _, body = split_front_matter(render(hostile(), "md"))
    assert "[the guide &#123;: onclick=" in body
    assert ")&#123;: onmouseover=" in body  # the span IAL after the link
    assert "&#123;::nomarkdown}" in body


def test_heading_attribute_syntax_at_the_end_of_a_heading_is_text() -> None:
    _, body = split_front_matter(render(hostile(), "md"))
    assert '### Panel training &#123;#xss-id onclick="alert(1)" style="color:red"}\n' in body
    assert '#### goldmark &#123;#xss-id class="xss-class" onclick="alert(1)"}\n' in body


def test_line_start_syntax_is_text() -> None:
    """A block IAL or ALD on its own line, "!!!" / "???" admonitions, kramdown's "^" mark, "$$" math
    and a definition's ":" start a line as character references or escapes."""
    _, body = split_front_matter(render(hostile(), "md"))
    for line in (
        '&#123;: .xss-class onclick="alert(1)"}',
        '&#123;:xss-ref: onclick="alert(1)"}\\',
        '&#33;!! danger "xss-admonition"\\',
        "&#63;?? note\\",
        "&#94;\\",
        "\\: a definition\\",
        "&#36;&#36;x&#36;&#36;",
    ):
        assert f"\n{line}\n" in body, line


# The property: any text the writer is given, in any place, never becomes attributes or elements
# under Python-Markdown with attr_list (fast, so it runs without the site generators).

PIECES = [*"{}:<>\"'#.=- !?^$|*_[]\\&\nab", "{:", "{#x}", "{.c}", " onclick=", "style=", "{::", "{:/}"]
attr_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
attr_inlines = st.lists(
    st.builds(
        Span, attr_text, st.booleans(), st.booleans(), st.sampled_from([None, None, "https://e.org/{x}"])
    ),
    min_size=1,
    max_size=3,
).map(tuple)
attr_blocks = st.lists(
    st.one_of(
        st.builds(Paragraph, attr_inlines),
        st.builds(Heading, attr_inlines, st.integers(2, 6)),
        st.builds(ListItem, attr_inlines, st.integers(0, 2)),
        st.builds(
            Table,
            st.lists(
                st.lists(
                    st.builds(Cell, st.tuples(st.builds(Paragraph, attr_inlines))), min_size=1, max_size=2
                ).map(tuple),
                min_size=1,
                max_size=2,
            ).map(tuple),
        ),
    ),
    min_size=1,
    max_size=5,
).map(tuple)


@settings(max_examples=150, deadline=None)
@given(attr_blocks, attr_text)
def test_no_text_becomes_python_markdown_attributes(blocks: tuple[Block, ...], organisation: str) -> None:
    cs = hostile_return()
    sections = tuple(Section(s.id, s.heading, blocks) if s.id == "what-they-did" else s for s in cs.sections)
    cs = dataclasses.replace(cs, sections=sections, organisation=organisation)
    _, body = split_front_matter(render(cs, "md"))
    root = lxml.html.fragment_fromstring(py_markdown(body), create_parent="div")
    assert foreign_markup(root, writer_hrefs(cs)) == []
    assert "{" not in body  # and no other reader sees an opening brace either


# The property for addresses: any text made of their parts, in any place, shows under markdown-it's
# linkify as it does on the HTML page, with the HTML page's links and no others.

ADDRESS_PIECES = [
    *["https:", "ftp:", "mailto:", "//", "/", ":", "www", ".", "@", "-", "_", " ", "(", "*", "~", "\n"],
    *["sam", "evil", "nhs", "uk", "com", "example", "localhost", "1"],
]
address_text = st.lists(st.sampled_from(ADDRESS_PIECES), min_size=1, max_size=12).map("".join)
address_inlines = st.lists(
    st.builds(
        Span,
        address_text,
        st.booleans(),
        st.booleans(),
        st.sampled_from([None, None, "https://example.org/own"]),
    ),
    min_size=1,
    max_size=3,
).map(tuple)
address_blocks = st.lists(
    st.one_of(
        st.builds(Paragraph, address_inlines),
        st.builds(Heading, address_inlines, st.integers(3, 6)),
        st.builds(ListItem, address_inlines, st.integers(0, 1)),
    ),
    min_size=1,
    max_size=4,
).map(tuple)


@settings(max_examples=200, deadline=None)
@given(address_blocks, address_text)
def test_no_address_becomes_a_link_under_markdown_it_linkify(
    blocks: tuple[Block, ...], organisation: str
) -> None:
    cs = hostile_return()
    sections = tuple(Section(s.id, s.heading, blocks) if s.id == "what-they-did" else s for s in cs.sections)
    cs = dataclasses.replace(cs, sections=sections, organisation=organisation)
    _, body = split_front_matter(render(cs, "md"))
    assert _blocks(linkified(body)) == html_skeleton(render(cs, "html"))
