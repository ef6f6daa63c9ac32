"""The Markdown page is faithful CommonMark (+ GFM tables): rendered with markdown-it-py it has the
same structure as the HTML page's <article> (headings, nested lists, tables, links, paragraphs),
and its YAML front matter parses, carries the page's facts, and works as-is in Hugo, Jekyll and
MkDocs (docs/markdown.md).

Both pages are reduced to a "skeleton" with a real HTML parser (lxml): the same walk reads the
HTML page's <article> and markdown-it's rendering of the Markdown body, so any block that is
lost, gained, re-nested or re-worded on either side makes the skeletons differ.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REPO, SAMPLES, long_submission, sample_returns
from helpers.markdown import (
    assert_same,
    check_built_page,
    html_skeleton,
    hugo_build,
    jekyll_build,
    md_skeleton,
    skeletons,
    split_front_matter,
)
from wres_convert.casestudy.build import CaseStudy, Section
from wres_convert.model import Cell, Heading, ListItem, Paragraph, Span, Table, text_inlines
from wres_convert.readers import read_document
from wres_convert.run.convert import convert_bytes, convert_file, render

FIXTURES = REPO / "tests" / "fixtures"

# Whole submissions: the samples, every text variant, and the other fixtures that are returns.
SUBMISSIONS = [
    *sample_returns(),
    *sorted((FIXTURES / "variants").glob("*.txt")),
    *[
        FIXTURES / "docx" / f"{n}.docx"
        for n in ("form_controls", "form_controls_untitled", "numbered_questions")
    ],
    FIXTURES / "docx" / "qa_table_merged.docx",
    *[FIXTURES / "text" / f"{n}.txt" for n in ("html_fragments", "quoted_email", "subheadings")],
    *[
        FIXTURES / "pdf" / f"{n}.pdf"
        for n in ("continuations", "form", "paragraphs", "table", "tagged-cells")
    ],
    FIXTURES / "pdf" / "untagged-cells.pdf",
    *sorted((FIXTURES / "crossformat").glob("*.pdf")),
    *sorted((FIXTURES / "xss").glob("xss.*")),
]
# One-feature fixtures (nested lists, numbering, tables with merged cells, links, headings …) are
# not whole returns: what the reader makes of each is published as the "What they did" answer of
# the sample case study, so the page writers meet every structure the readers produce.
FEATURES = [
    *sorted((FIXTURES / "docx").glob("*.docx")),
    *[
        FIXTURES / "text" / f"{n}.txt"
        for n in ("inline_bullets", "letter_items", "nested_lists", "partly_quoted")
    ],
    *[FIXTURES / "pdf" / f"{n}.pdf" for n in ("columns", "lists", "table-libreoffice", "tagged")],
]


# Skeletons


# Inputs


@cache
def sample() -> CaseStudy:
    return convert_file(SAMPLES / "chesterfield.txt")


def with_answer(blocks: tuple[object, ...], name: str = "fixture") -> CaseStudy:
    """The sample case study with ``blocks`` as its "What they did" answer."""
    cs = sample()
    sections = tuple(
        Section(s.id, s.heading, blocks) if s.id == "what-they-did" else s  # type: ignore[arg-type]
        for s in cs.sections
    )
    return dataclasses.replace(cs, sections=sections, source=dataclasses.replace(cs.source, file=name))


# Structure: the Markdown page reads as the HTML page


@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_markdown_has_the_html_pages_structure(path: Path) -> None:
    assert_same(convert_file(path))


def test_long_submission_has_the_same_structure() -> None:
    cs = convert_bytes(long_submission(), "long.txt")
    html, md = skeletons(cs)
    assert html == md
    assert sum(1 for b in md if b[0] == "h") > 10  # the repeated answer's sub-headings are all there


@pytest.mark.parametrize("path", FEATURES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_reader_feature_has_the_same_structure(path: Path) -> None:
    doc = read_document(path.read_bytes(), path.name)
    assert doc.blocks
    assert_same(with_answer(doc.blocks, path.name))


def test_the_fixtures_cover_nesting_tables_and_links() -> None:
    """The comparisons above are only worth something if the pages hold the hard cases."""
    found = {"nested list": False, "ordered list": False, "merged cell": False, "link": False, "h3": False}

    def visit(blocks: list[tuple[object, ...]], depth: int) -> None:
        for b in blocks:
            if b[0] in ("ul", "ol"):
                found["ordered list"] |= b[0] == "ol"
                found["nested list"] |= depth > 0
                for item in b[2]:  # type: ignore[union-attr]
                    found["link"] |= any(m[0] == "a" for m in item[2])
                    visit(list(item[3]), depth + 1)
            found["h3"] |= b[:2] == ("h", 3)
            found["link"] |= b[0] == "p" and any(m[0] == "a" for m in b[2])  # type: ignore[union-attr]

    for path in FEATURES + SUBMISSIONS:
        if path in FEATURES:
            cs = with_answer(read_document(path.read_bytes(), path.name).blocks)
        else:
            cs = convert_file(path)
        html = render(cs, "html")
        found["merged cell"] |= "colspan=" in html or "rowspan=" in html
        visit(html_skeleton(html), 0)
    assert all(found.values()), found


HARD_CASES = (
    Heading(text_inlines("Use of #"), 3),
    Heading(text_inlines("# not a heading marker ##"), 4),
    Heading((Span("Line one\nline two"),), 3),
    Paragraph(text_inlines("1. a number, not a list")),
    Paragraph(text_inlines("- a dash, not a list")),
    Paragraph(text_inlines("+ plus * star > quote = equals ~~~ tilde")),
    Paragraph((Span("first line\n# second line\n1) third\n    four spaces\n:--- | ---"),)),
    Paragraph(text_inlines("a | b")),
    Paragraph(
        (
            Span("spaces", href="https://example.org/a b(c)d"),
            Span(" and "),
            Span("<angle>", href="https://example.org/<x>"),
        )
    ),
    Paragraph((Span("bold ", bold=True), Span("italic", italic=True), Span(" both", bold=True, italic=True))),
    ListItem(text_inlines("ten"), 0, ordered=True),
    *[ListItem(text_inlines(f"item {n}"), 0, ordered=True) for n in range(2, 11)],
    ListItem(text_inlines("under ten: the marker is four wide"), 1, ordered=True),
    ListItem(text_inlines("deeper"), 2),
    ListItem(text_inlines("# heading-like item"), 2),
    ListItem(text_inlines("1. number-like item"), 1, ordered=True),
    ListItem(text_inlines("back at the top"), 0),
    ListItem(text_inlines("a restarted list"), 0, restart=True),
    ListItem(text_inlines("jump"), 0, ordered=True),
    ListItem(text_inlines("three levels down at once"), 3),
    Table(
        (
            (Cell((Paragraph(text_inlines("a|b")),), colspan=2), Cell((Paragraph(text_inlines("c")),))),
            (
                Cell((Paragraph(text_inlines("merged down")),), rowspan=2),
                Cell((Paragraph((Span("two\nlines"),)), Paragraph(text_inlines("two paragraphs")))),
                Cell((ListItem(text_inlines("x")), ListItem(text_inlines("y"), 1))),
            ),
            (Cell((Paragraph((Span("link | pipe", href="https://example.org/p|q"),)),)), Cell(())),
            (
                Cell(
                    (
                        Table(
                            (
                                (Cell((Paragraph((Span("*inner*", bold=True),)),)),),
                                (Cell((Paragraph(text_inlines("<b>")),)),),
                            )
                        ),
                    )
                ),
            ),
        )
    ),
)


EDGE_CASES = {
    "an empty item before a sub-list": (
        ListItem(text_inlines("a")),
        ListItem((), 1),
        ListItem(text_inlines("b"), 1),
    ),
    "a link round white space": (Paragraph((Span("x"), Span(" ", href="https://e.org/"), Span("y"))),),
    "a link with a backslash and an entity": (Paragraph((Span("u", href="https://e.org/a\\*b&amp;c)d(e"),)),),
    "a line like a table's delimiter row": (Paragraph((Span("a | b\n:-- | --"),)),),
    "emphasis between letters, starting with punctuation": (
        Paragraph(
            (Span("x"), Span("(a)", bold=True), Span("y"), Span("word"), Span(":", bold=True), Span("z"))
        ),
    ),
    "touching emphasis": (
        Paragraph((Span("a", italic=True), Span("b", bold=True), Span("(c)", italic=True), Span("d"))),
        Paragraph((Span("a", italic=True), Span("a", italic=True), Span("b", bold=True, italic=True))),
    ),
    "emphasis across a line break": (
        Paragraph((Span("one\ntwo", bold=True), Span(" and "), Span("\nthree\n", italic=True))),
    ),
    "a break at the end of a block": (
        Paragraph((Span("end"), Span("\n"))),
        ListItem((Span("item\n", bold=True),)),
    ),
    "an exclamation mark before a link": (Paragraph((Span("Look!"), Span("here", href="https://e.org/"))),),
    "a carriage return": (Paragraph((Span("a\r# b\r\n1. c"),)), Heading((Span("x\ry"),), 3)),
    "leading spaces": (
        Paragraph(text_inlines("    not code")),
        ListItem(text_inlines("   a")),
        ListItem(text_inlines("b"), 1),
    ),
    "lists either side of an empty table": (
        ListItem(text_inlines("a")),
        Table(((),)),
        ListItem(text_inlines("b")),
    ),
    "a rowspan past the last row": (
        Table(((Cell((Paragraph(text_inlines("x")),), rowspan=3), Cell((Paragraph(text_inlines("y")),))),)),
    ),
    "Liquid and Hugo shortcodes": (
        Paragraph((Span("{{ site.x }} {% include a %} {{< shortcode >}} {{% s %}}"),)),
        Paragraph((Span("link", href="https://e.org/{{x}}/{%y"),)),
    ),
    "a pipe in a nested table": (Table(((Cell((Table(((Cell((Paragraph((Span("a\n|-"),)),)),),)),)),),)),),
}


def test_hard_cases_keep_their_structure() -> None:
    assert_same(with_answer(HARD_CASES))


@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases_keep_their_structure(name: str) -> None:
    assert_same(with_answer(EDGE_CASES[name]))


def test_answers_cannot_run_liquid_or_hugo_shortcodes() -> None:
    """Jekyll runs Liquid ("{{ }}", "{% %}") and Hugo runs shortcodes ("{{< >}}", "{{% %}}") on the
    Markdown before reading it: a submission's braces must not reach them as such."""
    _, body = split_front_matter(render(with_answer(EDGE_CASES["Liquid and Hugo shortcodes"]), "md"))
    assert "{{" not in body and "{%" not in body
    assert "&#123;&#123; site&#46;x }}" in body  # "." as in any host name (site.x)


PIECES = [
    *"ab (),.:;!?*_`#|-+=>~<[]\\&1\n",
    "&amp;",
    "&#65;",
    "1. ",
    "# ",
    "x_y",
    "a*b",
    "é",
    "£",
    "\t",
    "\r\n",
]
any_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
any_href = st.sampled_from(
    [None, None, "https://e.org/a_b(c)", "https://e.org/x\\y z", "mailto:a@b.c", "javascript:x"]
)
any_inlines = st.lists(
    st.builds(Span, any_text, st.booleans(), st.booleans(), any_href), min_size=1, max_size=4
).map(tuple)
any_paragraph = st.builds(Paragraph, any_inlines)
any_item = st.builds(ListItem, any_inlines, st.integers(0, 4), st.booleans(), st.booleans())
any_cell = st.builds(
    Cell,
    st.lists(st.one_of(any_paragraph, any_item), max_size=2).map(tuple),
    st.integers(1, 2),
    st.integers(1, 2),
)
any_table = st.builds(
    Table, st.lists(st.lists(any_cell, max_size=3).map(tuple), min_size=1, max_size=3).map(tuple)
)
any_blocks = st.lists(
    st.one_of(
        any_paragraph, st.builds(Heading, any_inlines, st.integers(1, 6)), any_item, any_item, any_table
    ),
    min_size=1,
    max_size=8,
).map(tuple)


@settings(max_examples=150, deadline=None)
@given(any_blocks)
def test_any_answer_keeps_its_structure(blocks: tuple[object, ...]) -> None:
    # The answer opens with text, so that it is never blank (a blank answer is "Not provided").
    assert_same(with_answer((Paragraph(text_inlines("Start.")), *blocks)))


def test_organisation_and_headings_cannot_start_blocks() -> None:
    for org in (
        "# Trust",
        "1. Trust",
        "- Trust",
        "> Trust",
        "Trust ##",
        "=== Trust",
        "Trust\n---",
        "    Trust",
    ):
        assert_same(dataclasses.replace(sample(), organisation=org))
    cs = sample()
    sections = tuple(dataclasses.replace(s, heading=f"{s.heading} #") for s in cs.sections)
    assert_same(dataclasses.replace(cs, sections=sections, subtitle=" * bold? *", title="Title ##"))


def test_an_empty_answer_reads_the_same() -> None:
    assert_same(with_answer(()))


# The check itself


def test_the_check_fails_when_markdown_loses_a_nesting_level() -> None:
    cs = with_answer(
        (
            ListItem(text_inlines("one"), 0, ordered=True),
            ListItem(text_inlines("one-a"), 1),
            ListItem(text_inlines("two"), 0, ordered=True),
        )
    )
    _, body = split_front_matter(render(cs, "md"))
    assert "1. one\n   - one-a\n2. two" in body
    html = html_skeleton(render(cs, "html"))
    assert md_skeleton(body) == html
    flattened = body.replace("\n   - one-a", "\n- one-a")  # the sub-list indented too little
    assert md_skeleton(flattened) != html


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("## What was the outcome?", "### What was the outcome?"),  # a heading's level
        (
            "[NHS England web site](<https://www.england.nhs.uk/>)",
            "[NHS England web site](<https://www.england.nhs.uk>)",
        ),
        ("- We rewarded teams", "1. We rewarded teams"),  # a list's kind
        ("1. Improving overall", "2. Improving overall"),  # a list's numbering
        ("3. Leadership initiatives", "\n3. Leadership initiatives"),  # a list made loose
        ("(5.0% to 4.4%)", "(5.0% to 4.3%)"),  # a paragraph's text
        ("**Reducing discrimination for BME staff**", "Reducing discrimination for BME staff"),
    ],
)
def test_the_check_sees_each_kind_of_difference(old: str, new: str) -> None:
    page = render(sample(), "md")
    assert old in page
    _, body = split_front_matter(page)
    html = html_skeleton(render(sample(), "html"))
    assert md_skeleton(body) == html
    assert md_skeleton(body.replace(old, new, 1)) != html


def test_the_check_sees_a_table_cell_in_the_wrong_column() -> None:
    cs = with_answer(HARD_CASES[-1:])
    _, body = split_front_matter(render(cs, "md"))
    html = html_skeleton(render(cs, "html"))
    assert md_skeleton(body) == html
    assert "| merged down |" in body
    assert (
        md_skeleton(
            body.replace("| merged down |", "| merged down | |").replace("| --- |\n", "| --- | --- |\n", 1)
        )
        != html
    )


# Front matter


def front_matter(page: str) -> dict[str, object]:
    yaml_text, _ = split_front_matter(page)
    data = yaml.safe_load(yaml_text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", sample_returns(), ids=lambda p: p.name)
def test_front_matter_carries_the_page_facts(path: Path) -> None:
    cs = convert_file(path)
    page = render(cs, "md")
    data = front_matter(page)
    assert data["title"] == cs.title == "WRES Indicator 8"
    assert data["subtitle"] == cs.subtitle
    assert data["organisation"] == cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert data["indicators"] == [8] and all(type(n) is int for n in data["indicators"])
    assert data["themes"] == ["Bullying, abuse and discrimination"]
    assert data["slug"] == cs.slug and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cs.slug)
    assert data["source"] == path.name


def test_front_matter_suits_hugo_jekyll_and_mkdocs() -> None:
    """Checked the cheap way: the file opens with "---", the block closes with a line "---" and
    the body follows; every value is a plain string, or a list of plain strings or ints (Hugo and
    Jekyll both need title as a string; MkDocs reads the same block as the page's meta, and takes
    the page title from its title key)."""
    page = render(sample(), "md")
    assert page.startswith("---\n")
    yaml_text, body = split_front_matter(page)
    assert body.startswith("\n# WRES Indicator 8\n")
    data = yaml.safe_load(yaml_text)
    assert isinstance(data["title"], str) and data["title"]
    for key, value in data.items():
        assert isinstance(key, str) and re.fullmatch(r"[a-z_]+", key)
        if isinstance(value, list):
            assert all(type(v) in (str, int) for v in value), key
        else:
            assert type(value) is str, key
    # MkDocs' own meta reader (mkdocs.utils.meta) splits on the same pattern
    assert re.match(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", page, flags=re.S)


HOSTILE = [
    "---",
    "Title\n---\nlayout: evil",
    "a\n\n---\n\nb",
    "...",
    "x: y",
    "key: value # comment",
    "# a comment",
    "'single' \"double\" quotes",
    '"',
    "{{ .Site.Params.secret }} {% include x %}",
    "!!python/object/apply:os.system ['echo pwned']",
    "!ruby/object:Gem::Installer",
    "&anchor *alias",
    "[1, 2]",
    "{a: 1}",
    "- item",
    "? key",
    "| literal",
    "> folded",
    "@at `tick` %percent",
    "null",
    "yes",
    "0x1F",
    "2024-01-01",
    " leading and trailing ",
    "tab\there",
    "Trust\r\n---\r\nnext",
    "\ufeffBOM",
    "Ünïcödé – “quotes” — 𝄞",
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_values_round_trip_as_plain_strings(value: str) -> None:
    cs = sample()
    hostile = dataclasses.replace(
        cs,
        title=value,
        subtitle=value,
        organisation=value,
        source=dataclasses.replace(cs.source, file=value),
    )
    page = render(hostile, "md")
    data = front_matter(page)
    for key in ("title", "subtitle", "organisation", "source"):
        assert data[key] == value, key
        assert type(data[key]) is str
    assert data["indicators"] == [8] and data["slug"] == cs.slug
    # the front matter ends where it should: its closing line is followed by the page's title
    _, body = split_front_matter(page)
    assert body.startswith("\n# ")
    assert "{{" not in body and "{%" not in body  # Liquid (Jekyll) and Hugo shortcodes
    # and the body still has the HTML page's structure
    assert_same(hostile)


# Hugo itself, where it is installed (Debian: apt-get install hugo)


def test_hugo_builds_the_page_as_is(tmp_path: Path) -> None:
    hostile = dataclasses.replace(
        with_answer(HARD_CASES + EDGE_CASES["Liquid and Hugo shortcodes"]),
        title="Title: {{ .Site.Title }} {{< x >}}",
        organisation="# Trust {{% y %}}",
        slug="hostile",
    )
    pages = {"sample": sample(), "hostile": hostile}
    public = hugo_build(tmp_path, pages)
    for cs in pages.values():
        check_built_page(public / "case-studies" / cs.slug / "index.html", cs)


def test_jekyll_builds_the_page_as_is(tmp_path: Path) -> None:
    """Jekyll's default Markdown is kramdown, not CommonMark: the sample reads the same (kramdown's
    smart quotes aside); docs/markdown.md lists where kramdown differs on rarer structures."""
    hostile = dataclasses.replace(
        with_answer(EDGE_CASES["Liquid and Hugo shortcodes"]),
        title="Title {{ site.title }} {% raw %}",
        organisation="Trust {% include nothing.html %}",
        slug="hostile",
    )
    pages = {"sample": sample(), "hostile": hostile}
    built = jekyll_build(tmp_path, pages)
    for cs in pages.values():
        check_built_page(built / "case-studies" / cs.slug / "index.html", cs)


# Notes: the Markdown footnotes a section defines are rendered as footnotes by Hugo (goldmark) and
# Jekyll (kramdown), each a link to its note and back, with the note's text kept once.


def _with_notes() -> CaseStudy:
    import wres_convert

    return dataclasses.replace(wres_convert.convert(FIXTURES / "notes" / "footnotes.pdf"), slug="notes")


NOTE_TEXT = "Listening into Action is a staff engagement approach developed by Optimise Ltd."


@pytest.mark.parametrize("build", [hugo_build, jekyll_build], ids=["hugo", "jekyll"])
def test_site_generators_render_the_notes_as_footnotes(tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    page = (build(tmp_path, {"notes": _with_notes()}) / "case-studies" / "notes" / "index.html").read_text()
    assert 'class="footnotes"' in page and page.count(NOTE_TEXT) == 1
    assert "[^what-they-did-2]" not in page  # every reference became a link


def test_markdown_it_renders_the_notes_as_footnotes() -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from wres_convert.writers.markdown import blocks_md

    section = next(s for s in _with_notes().sections if s.id == "what-they-did")
    html = MarkdownIt("commonmark").use(footnote_plugin).render(blocks_md(section.blocks, section.id))
    assert 'class="footnotes"' in html and html.count(NOTE_TEXT) == 1 and "[^" not in html
