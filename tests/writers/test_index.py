"""The batch index page: case studies grouped by WRES theme, escaped, in both formats."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from wres_convert.standard.items import all_indicators
from wres_convert.writers.index import THEME_ORDER, group_entries, page_href, render_index
from wres_convert.writers.site import Site, load_site

EVIL_ORG = "<script>alert(1)</script> & Co"
MD = MarkdownIt("commonmark")
VOID = {"meta", "link", "br", "img", "hr", "input"}


def entry(
    organisation: str, title: str, indicators: list[int], page: str, subtitle: str = ""
) -> dict[str, Any]:
    return {
        "source": f"inbox/{page}",
        "sha256": "0" * 64,
        "outputs": [page],
        "organisation": organisation,
        "title": title,
        "subtitle": subtitle,
        "indicators": indicators,
        "slug": page.rsplit(".", 1)[0],
        "warnings": 0,
    }


@pytest.fixture
def site() -> Site:
    return load_site()


def batch(ext: str) -> list[dict[str, Any]]:
    # Deliberately out of order, with mixed case, so sorting is what puts them in place.
    return [
        entry("zeta Trust", "WRES Indicator 1", [1], f"zeta.{ext}"),
        entry("Alpha Trust", "WRES Indicators 2 and 8", [2, 8], f"alpha.{ext}", "Fair shortlisting"),
        entry("beta Trust", "WRES Indicator 5", [5, 6], f"beta.{ext}"),
        entry("Gamma Trust", "Our story", [], f"gamma.{ext}"),
        entry("Alpha Trust", "another title", [3], f"alpha-3.{ext}"),
        entry("alpha trust", "Board", [9], f"alpha-9.{ext}"),
        entry("ALPHA TRUST", "aardvark", [4], f"alpha-4.{ext}"),
    ]


EXPECTED = {
    "Recruitment and staff development": ["alpha-4", "alpha", "zeta"],
    "Disciplinary action": ["alpha-3"],
    "Bullying, abuse and discrimination": ["alpha", "beta"],
    "Board representation and culture": ["alpha-9"],
    "Other case studies": ["gamma"],
}


def test_theme_order_covers_every_indicator_theme() -> None:
    # The fixed order must name exactly the themes indicators.toml uses, or one would sort last.
    assert set(THEME_ORDER) == {i.theme for i in all_indicators().values()}


def test_grouping_and_ordering() -> None:
    groups = group_entries(batch("html"))
    got = {g.theme: [i.href.removesuffix(".html") for i in g.items if i.href] for g in groups}
    assert list(got) == list(EXPECTED)
    assert got == EXPECTED
    # A case on 5 and 6 (one theme) appears there once; one on 2 and 8 under both its themes.
    assert sum(i.label.startswith("beta") for g in groups for i in g.items) == 1


def test_order_does_not_depend_on_the_manifest() -> None:
    entries = batch("md")
    assert group_entries(entries) == group_entries(list(reversed(entries)))


def test_empty_themes_left_out_and_no_indicators_go_to_other(site: Site) -> None:
    groups = group_entries([entry("Solo", "Untagged", [], "solo.html"), entry("X", "Y", [99], "x.html")])
    assert [g.theme for g in groups] == ["Other case studies"]
    assert [i.label for i in groups[0].items] == ["Solo: Untagged", "X: Y"]
    assert render_index([], "html", site).count("<h2") == 0


@pytest.mark.parametrize(
    ("outputs", "href"),
    [
        (['o\'brien "x".html'], "o%27brien%20%22x%22.html"),
        (["../../etc/passwd.html"], None),
        (["sub\\..\\win.md"], None),
        (["/etc/passwd.html"], None),
        (["north/return--txt.html"], "north/return--txt.html"),
        (["a b/c?.html"], "a%20b/c%3F.html"),
        (["javascript:alert(1).html"], "javascript%3Aalert%281%29.html"),
        ([".."], None),
        ([], None),
        (None, None),
    ],
)
def test_page_href_stays_inside_the_output_folder(outputs: object, href: str | None) -> None:
    assert page_href(outputs) == href


class Page(HTMLParser):
    """Tags, links and text of a page, and whether its elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"</{tag}> out of place")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.starts if tag == name]


def parse_html(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == [] and page.open == [], (page.errors, page.open)
    return page


def test_html_page(site: Site) -> None:
    html = render_index(batch("html"), "html", site)
    assert html.startswith("<!DOCTYPE html>\n")
    page = parse_html(html)
    assert page.tags("html") == [{"lang": site.lang}]
    assert len(page.tags("h1")) == 1 and "WRES case studies" in "".join(page.text)
    assert {"name": "generator", "content": "wres-convert"} in page.tags("meta")
    assert [t for t, _ in page.starts].count("main") == 1
    assert {"id": "content"} in page.tags("main")  # the skip link's target
    assert page.tags("a")[0] == {"class": "skip-link", "href": "#content"}
    assert "--link: #005eb8" in html  # the case-study pages' own CSS, inlined
    hrefs = [a["href"] for a in page.tags("a")[2:]]  # past the skip link and the WRES link
    assert hrefs == [f"{p}.html" for pages in EXPECTED.values() for p in pages]
    ids = [a["id"] for a in page.tags("section")]
    assert len(ids) == len(set(ids)) == len(EXPECTED)
    assert "Alpha Trust: WRES Indicators 2 and 8 — Fair shortlisting" in "".join(page.text)


def test_markdown_page(site: Site) -> None:
    md = render_index(batch("md"), "md", site)
    _, front, body = md.split("---\n", 2)
    assert yaml.safe_load(front) == {"title": "WRES case studies", "generator": "wres-convert"}
    tokens = MD.parse(body)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["WRES case studies", *EXPECTED]
    # Each theme's list, link by link, in order: one tight list per theme.
    lists: list[list[str]] = []
    for t in tokens:
        if t.type == "bullet_list_open":
            lists.append([])
        elif t.type == "inline" and lists and t.level > 0:
            lists[-1] += [str(c.attrs["href"]) for c in t.children or [] if c.type == "link_open"]
    assert lists == [[f"{p}.md" for p in pages] for pages in EXPECTED.values()]
    assert "- [Alpha Trust: WRES Indicators 2 and 8](<alpha.md>) — Fair shortlisting\n" in md


def test_escaping(site: Site) -> None:
    entries = [
        entry(EVIL_ORG, "Title *with* [brackets]", [8], 'it\'s "quoted".html', "<b>bold</b>"),
        entry("# Not a heading", "1. not a list", [1], ""),  # no page: shown, unlinked
    ]
    entries[1]["outputs"] = []
    html = render_index(entries, "html", site)
    page = parse_html(html)
    assert page.tags("script") == [] and page.tags("b") == []
    text = "".join(page.text)
    assert f"{EVIL_ORG}: Title *with* [brackets]" in text and "<b>bold</b>" in text
    assert "it%27s%20%22quoted%22.html" in [a["href"] for a in page.tags("a")]
    assert "# Not a heading: 1. not a list" in text

    md = render_index(
        [{**e, "outputs": [o.replace(".html", ".md") for o in e["outputs"]]} for e in entries], "md", site
    )
    rendered = MD.render(md.split("---\n", 2)[2])  # raw HTML on: escaping is the template's job
    page = parse_html(rendered)
    assert page.tags("script") == [] and page.tags("b") == [] and page.tags("em") == []
    assert [t for t, _ in page.starts].count("h2") == 2  # the two themes, not the "# Not a heading"
    assert page.tags("ol") == []
    text = "".join(page.text)
    assert f"{EVIL_ORG}: Title *with* [brackets]" in text and "<b>bold</b>" in text
    assert "# Not a heading: 1. not a list" in text
    assert {"href": "it%27s%20%22quoted%22.md"} in page.tags("a")


def test_output_is_deterministic(site: Site) -> None:
    for fmt in ("html", "md"):
        assert render_index(batch(fmt), fmt, site) == render_index(batch(fmt), fmt, site)


def test_unknown_format_is_refused(site: Site) -> None:
    with pytest.raises(ValueError, match="unknown index format"):
        render_index([], "pdf", site)
