"""Helpers shared by the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from test_page_quality import need

from wres_convert.casestudy.build import CaseStudy
from wres_convert.run.convert import render

MD = MarkdownIt("commonmark").enable("table")


BR = "\u2424"  # stands for a <br> while white space is collapsed


def _squash(text: str) -> str:
    """Collapse white space as a browser does; a <br> (BR) keeps its place, without spaces round it."""
    text = " ".join(text.split())
    return re.sub(rf" ?{BR} ?", BR, text)


BLOCK_TAGS = {"p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section"} | {
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _inline(el: HtmlElement) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The text of ``el``'s inline content (stopping at nested blocks) and its marks: every link
    (href and text), every strong and every em, in a canonical order (``***x***`` renders as
    <em><strong> where the HTML writer nests <strong><em>)."""
    parts: list[str] = [el.text or ""]
    marks: list[tuple[str, ...]] = []

    def walk(node: HtmlElement, into: list[str]) -> None:
        for child in node:
            if child.tag in BLOCK_TAGS:
                into.append(child.tail or "")  # a nested block is skeletoned on its own
                continue
            if child.tag == "br":
                into.append(BR)
            else:
                inner: list[str] = [child.text or ""]
                walk(child, inner)
                # A break or space at either end of an emphasis or a link looks the same inside
                # it as beside it (CommonMark puts them beside it)
                text = _squash("".join(inner)).strip(BR + " ")
                if child.tag == "a":
                    marks.append(("a", normalizeLink(child.get("href", "")), text))
                elif child.tag in ("strong", "em"):
                    if text:  # emphasis of nothing shows nothing, and CommonMark cannot write it
                        marks.append((child.tag, text))
                elif child.tag != "span":
                    marks.append(("unexpected inline", str(child.tag)))
                into.extend(inner)
            into.append(child.tail or "")

    walk(el, parts)
    # A break at the end of a block shows nothing, and Markdown cannot write one ("\\" is literal)
    return _squash("".join(parts)).rstrip(BR + " "), tuple(sorted(marks))


def _cell_text(el: HtmlElement) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """A table cell as one line of text and its marks. A GFM cell holds one line of inlines, so
    the Markdown writer joins a cell's paragraphs, list items and nested table cells with spaces
    and turns line breaks into spaces; the HTML cell is read the same way."""
    texts: list[str] = []
    marks: list[tuple[str, ...]] = []

    def walk(node: HtmlElement) -> None:
        text, m = _inline(node)
        texts.append(text)
        marks.extend(m)
        for child in node:
            if child.tag in BLOCK_TAGS:
                walk(child)

    walk(el)
    return _one_line(" ".join(texts), tuple(marks))


def _one_line(text: str, marks: tuple[tuple[str, ...], ...]) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """Text and marks with line breaks read as spaces."""
    return _squash(text.replace(BR, " ")), tuple(
        sorted((*m[:-1], _squash(m[-1].replace(BR, " "))) for m in marks)
    )


COVERED = ("covered",)


def _table(el: HtmlElement) -> tuple[object, ...]:
    """Rows × cells, with merged cells laid out on the grid. GFM tables cannot merge cells, so the
    Markdown writer puts a merged cell in its first position and leaves the positions it covers
    empty; colspan/rowspan are HTML-only attributes, and the HTML side is read onto the same grid
    (rows counted across <thead> and <tbody>, as the model means them)."""
    rows = [tr for tr in el.iter("tr") if _owner_table(tr) is el]
    grid: list[list[object]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            span_c, span_r = int(cell.get("colspan", "1")), int(cell.get("rowspan", "1"))
            for dr in range(min(span_r, len(rows) - r)):  # a rowspan is cut at the last row
                row = grid[r + dr]
                row.extend([None] * (c + span_c - len(row)))
                for dc in range(span_c):
                    row[c + dc] = COVERED
            grid[r][c] = (cell.tag, *_cell_text(cell))
            c += span_c
    width = max((len(row) for row in grid), default=0)
    out = []
    for r, row in enumerate(grid):
        empty = ("th" if r == 0 else "td", "", ())  # a GFM table's first row is its header row
        out.append(
            tuple(empty if cell in (None, COVERED) else cell for cell in row + [None] * (width - len(row)))
        )
    return ("table", tuple(out))


def _owner_table(el: HtmlElement) -> HtmlElement | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _list(el: HtmlElement) -> tuple[object, ...]:
    items = []
    for li in el:
        if li.tag != "li":
            items.append(("unexpected in list", str(li.tag)))
            continue
        text, marks = _inline(li)
        items.append(("li", text, marks, tuple(_blocks(li, in_item=True))))
    start = el.get("start") if el.tag == "ol" else None  # a list numbered from 1 has no start
    return (el.tag, start, tuple(items))


def _blocks(container: HtmlElement, *, in_item: bool = False) -> list[tuple[object, ...]]:
    """The skeleton of ``container``'s block children, in order; wrappers (<section>, <header>,
    <div>) are looked through, so only what a reader sees counts. In a list item the inline
    children are the item's own text (``_inline``)."""
    out: list[tuple[object, ...]] = []
    for el in container:
        if not isinstance(el.tag, str):
            continue  # a comment
        tag = el.tag
        if in_item and tag not in BLOCK_TAGS:
            continue
        if tag in ("section", "header", "div", "article"):
            out.extend(_blocks(el))
        elif re.fullmatch(r"h[1-6]", tag):
            # An ATX heading is one line: the Markdown writer turns a line break in a heading
            # into a space, so the HTML heading is read the same way.
            text, marks = _one_line(*_inline(el))
            out.append(("h", int(tag[1]), text, marks))
        elif tag == "p":
            if "kicker" in el.classes:
                # The HTML page header's eyebrow label ("Workforce Race Equality Standard case
                # study"): a styling hook of the HTML layout; the Markdown page says what it is
                # in its front matter and leaves the surrounding chrome to the site's layout.
                continue
            text, marks = _inline(el)
            if "subtitle" in el.classes and text:
                # The HTML subtitle is bold by its class (.subtitle { font-weight: 700 }); Markdown
                # has no classes, so the writer says the same with **…**.
                marks = tuple(sorted((*marks, ("strong", text))))
            if text or marks:  # an empty paragraph shows nothing, and CommonMark cannot write one
                out.append(("p", text, marks))
        elif tag in ("ul", "ol"):
            out.append(_list(el))
        elif tag == "table":
            out.append(_table(el))
        elif tag in ("li",):
            out.append(("stray li", _inline(el)[0]))
        else:
            out.append(("unexpected block", tag, _squash(el.text_content())))
    return out


def html_skeleton(page: str) -> list[tuple[object, ...]]:
    """The skeleton of the HTML page's <article>."""
    root = lxml.html.document_fromstring(page)
    (article,) = root.xpath("//article")
    return _blocks(article)


def split_front_matter(page: str) -> tuple[str, str]:
    """(front matter YAML, Markdown body), split as Jekyll and Hugo do: the file starts with a
    line "---" and the front matter ends at the next line that is exactly "---"."""
    assert page.startswith("---\n"), page[:40]
    m = re.search(r"^---$\n?", page[4:], flags=re.M)
    assert m, "the front matter is never closed"
    return page[4 : 4 + m.start()], page[4 + m.end() :]


def md_skeleton(body: str) -> list[tuple[object, ...]]:
    """The skeleton of markdown-it's rendering of a Markdown body."""
    html = MD.render(body)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return _blocks(root)


def skeletons(cs: CaseStudy) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    _, body = split_front_matter(render(cs, "md"))
    return html_skeleton(render(cs, "html")), md_skeleton(body)


def assert_same(cs: CaseStudy) -> None:
    html, md = skeletons(cs)
    if html != md:
        for i, (h, m) in enumerate(zip(html, md, strict=False)):
            assert h == m, f"block {i} differs"
        assert len(html) == len(md)
    assert html == md


HUGO_LAYOUT = """<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>
<p id="params">{{ .Params.organisation }}|{{ delimit .Params.themes "," }}|{{ delimit .Params.indicators "," }}</p>
{{ .Content }}
</body></html>
"""


# Hugo's Markdown (Goldmark) has its typographer on by default: straight quotes and dashes become
# curly quotes and en/em dashes. Only that is undone before comparing.
TYPOGRAPHER = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})


def hugo_build(site: Path, pages: dict[str, CaseStudy], config: str = "") -> Path:
    """Build ``pages`` (file name: case study) as Hugo content/case-studies/ with real Hugo, with
    ``config`` added to hugo.toml; return the public folder. In CI a missing Hugo fails."""
    hugo = shutil.which("hugo")
    need(hugo is not None, "Hugo")
    assert hugo is not None
    (site / "hugo.toml").write_text(f'baseURL = "https://example.org/"\ntitle = "WRES"\n{config}')
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_LAYOUT)
    (layouts / "list.html").write_text("{{ range .Pages }}{{ .Title }}{{ end }}")
    content = site / "content" / "case-studies"
    content.mkdir(parents=True)
    for name, cs in pages.items():
        (content / f"{name}.md").write_text(render(cs, "md"), encoding="utf-8")
    r = subprocess.run(
        [hugo, "--quiet", "-s", str(site)], capture_output=True, text=True, timeout=120, check=False
    )
    assert r.returncode == 0, r.stderr
    return site / "public"


def check_built_page(path: Path, cs: CaseStudy) -> None:
    """A page a site generator built from our Markdown: titled from the front matter, the front
    matter's values reachable by the layout, and the same structure as our own HTML page."""
    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    assert root.findtext(".//title") == cs.title  # the front matter's title, as plain text
    params = root.get_element_by_id("params")
    assert (
        params.text_content()
        == f"{cs.organisation}|{','.join(sorted({i.theme for i in cs.indicators}))}|{','.join(str(i.number) for i in cs.indicators)}"
    )
    params.drop_tree()
    assert typographed(_blocks(root.find("body"))) == typographed(html_skeleton(render(cs, "html")))


def typographed(x: object) -> object:
    """Every string in a skeleton as Hugo's typographer leaves it, quotes and dashes made plain."""
    if isinstance(x, str):
        return x.translate(TYPOGRAPHER)
    if isinstance(x, (tuple, list)):
        return tuple(typographed(v) for v in x)
    return x


JEKYLL_CONFIG = """collections:
  case_studies:
    output: true
    permalink: /case-studies/:slug/
defaults:
  - scope:
      type: case_studies
    values:
      layout: case-study
"""


def jekyll_build(site: Path, pages: dict[str, CaseStudy], config: str = "") -> Path:
    """Build ``pages`` (file name: case study) as a Jekyll collection with real Jekyll, with
    ``config`` added to _config.yml; return the _site folder. In CI a missing Jekyll fails."""
    jekyll = shutil.which("jekyll")
    need(jekyll is not None, "Jekyll")
    assert jekyll is not None
    (site / "_config.yml").write_text(JEKYLL_CONFIG + config)
    (site / "_layouts").mkdir()
    # Liquid prints front-matter values as they are: a layout escapes them (Hugo's templates do)
    layout = HUGO_LAYOUT.replace("{{ .Title }}", "{{ page.title | escape }}").replace(
        "{{ .Content }}", "{{ content }}"
    )
    layout = layout.replace(
        '{{ .Params.organisation }}|{{ delimit .Params.themes "," }}|{{ delimit .Params.indicators "," }}',
        '{{ page.organisation | escape }}|{{ page.themes | join: "," | escape }}|{{ page.indicators | join: "," }}',
    )
    (site / "_layouts" / "case-study.html").write_text(layout)
    (site / "_case_studies").mkdir()
    for name, cs in pages.items():
        (site / "_case_studies" / f"{name}.md").write_text(render(cs, "md"), encoding="utf-8")
    r = subprocess.run(
        [jekyll, "build", "--quiet", "-s", str(site), "-d", str(site / "_site")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr  # a Liquid tag from a submission would fail the build
    return site / "_site"
