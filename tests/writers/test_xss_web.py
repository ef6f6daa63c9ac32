"""HTML safety for returns sent as web pages and e-mails (issue 16): a whole web page, Word's "Web
Page" (Outlook's markup) and an e-mail's HTML body, each a complete WRES return whose answers hold
script in every spelling, event handlers on every kind of element, script and data links, frames,
forms, a <base>, a meta refresh, hostile CSS, Markdown/Liquid/Hugo syntax, pictures that are not
what they claim and hidden text (tests/fixtures/make_xss_web_fixtures.py builds them).

None of it may reach a page: not the JSON's section HTML, not the HTML page, not the Markdown as
markdown-it renders it with raw HTML on, nor as Jekyll and Hugo (raw HTML allowed) build it, and
loading the HTML page in Chromium runs nothing. The harmless words round every probe are still
there, and the warnings name what was removed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt
from test_page_quality import CHROMIUM
from test_xss import check as check_basic  # the text/Word/PDF probes' checker, run as well

from helpers import FIXTURES, SAMPLES, need, run_cli

pytestmark = pytest.mark.slow  # CLI runs, site builds and a browser

XSS = FIXTURES / "xss"
FIXTURE_NAMES = ("xss.html", "xss-word.htm", "xss-body.eml")
ORG = "Riverside Valley NHS Foundation Trust"


def _load_maker() -> object:
    path = FIXTURES / "make_xss_web_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_xss_web_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_xss_web_fixtures", module)
    spec.loader.exec_module(module)
    return module


MAKER = _load_maker()
PROBES = MAKER.ALL  # type: ignore[attr-defined]

# Words that libxml2 loses: it does not know <embed> is a void element, so the text after one
# becomes the embed's content and is dropped with it (see test_words_after_an_embed_are_kept).
EMBED_TAIL = "visited the panels."


def visible_words() -> list[str]:
    """Every harmless word round a probe, and each probe's own words a reader sees."""
    words: list[str] = []
    for probe in PROBES:
        if probe.hidden:
            words += [probe.before, probe.after]
            continue
        words += [w for w in (probe.before, probe.after, *probe.shown) if w and w != EMBED_TAIL]
    return [*words, MAKER.LAST.before]  # type: ignore[attr-defined]


HIDDEN_WORDS = "secret"  # only ever inside the hidden probes

# ----------------------------------------------------------------------------- the checker
URL_ATTRS = {
    "href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster",
    "srcset", "cite", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive",
}  # fmt: skip
ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "input",
    "button", "select", "textarea", "svg", "math", "noscript", "template", "link", "video", "audio",
    "source", "marquee", "details", "portal", "meta",
}  # fmt: skip
# Pictures the writers may put in a page as data: URIs: re-encoded raster images, never SVG or HTML.
IMAGE_MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff", "gif": b"GIF8"}
HEAD_META = {"charset", "name"}  # a page's own <meta charset> and <meta name=…> are no danger


class WebSafety(HTMLParser):
    """Stricter than test_xss.Safety: every element and attribute a submission could use to run,
    load or cover anything; ``styles`` collects the text of the page's <style> elements, so that a
    test can tell the template's own CSS from a submission's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append(tag)
        if tag == "meta":
            if any(k not in HEAD_META and k != "content" for k, _ in attrs) or "head" not in self._open:
                self.problems.append(f"<meta {' '.join(k for k, _ in attrs)}>")
        elif tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        elif tag == "style" and "head" not in self._open:
            self.problems.append("<style> outside the head")
        for key, value in attrs:
            raw = value or ""
            squashed = re.sub(r"[\s\x00-\x1f]", "", raw).lower()
            if key.startswith("on") or key in ("style", "target", "formaction", "srcdoc", "action"):
                self.problems.append(f"<{tag} {key}=...>")
            elif "evil.example" in raw:
                self.problems.append(f"<{tag} {key}={raw[:40]}>")
            elif key in URL_ATTRS and self._active_url(tag, key, raw, squashed):
                self.problems.append(f"<{tag} {key}={squashed[:24]}...>")

    @classmethod
    def _active_url(cls, tag: str, key: str, raw: str, squashed: str) -> bool:
        if squashed.startswith(("javascript:", "vbscript:", "livescript:")):
            return True
        return squashed.startswith("data:") and not cls._picture(tag, key, raw)

    @staticmethod
    def _picture(tag: str, key: str, value: str) -> bool:
        """A data: URI that is a real raster picture in an <img src>: its bytes are what it says."""
        import base64

        m = re.fullmatch(r"data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=]+)", value.strip())
        if tag != "img" or key != "src" or m is None:
            return False
        return base64.b64decode(m.group(2)).startswith(IMAGE_MAGIC[m.group(1)])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def strict_check(fragment: str) -> tuple[list[str], str]:
    """(problems, visible text with white space squeezed) by WebSafety alone."""
    parser = WebSafety()
    parser.feed(fragment)
    parser.close()
    return parser.problems, re.sub(r"\s+", " ", "".join(parser.text))


def check(fragment: str) -> tuple[list[str], str]:
    """(problems, visible text), by both checkers (test_xss's also refuses any data: picture)."""
    problems, text = strict_check(fragment)
    return check_basic(fragment)[0] + problems, text


def page_styles(page: str) -> list[str]:
    parser = WebSafety()
    parser.feed(page)
    parser.close()
    return parser.styles


# Markdown a site generator would act on: Liquid ({{ }}, {% %}), Hugo shortcodes ({{< >}},
# {{% %}}) and kramdown attribute lists ({: }) all start with "{"; the writer escapes every one.
LIQUID = re.compile(r"\{[{%:#]|\{\s*[.#]?\w+=")


def liquid_problems(markdown: str) -> list[str]:
    return LIQUID.findall(markdown)


# ----------------------------------------------------------------------------- conversions
@cache
def converted(name: str) -> dict[str, str]:
    """The CLI's three outputs of one fixture, written to stdout: json, html, md."""
    out: dict[str, str] = {}
    for fmt in ("json", "html", "md"):
        r = run_cli(str(XSS / name), "-f", fmt, "-o", "-", cwd=XSS)  # nothing is written beside it
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr.decode()
        out[fmt] = r.stdout.decode("utf-8")
    return out


def views(name: str) -> dict[str, str]:
    """The HTML a reader could get: the JSON's section HTML, the page, the rendered Markdown."""
    out = converted(name)
    doc = json.loads(out["json"])
    assert doc["organisation"] == ORG
    _, body = split_markdown(out["md"])
    return {
        "json": "\n".join(s["html"] for s in doc["sections"]),
        "html": out["html"],
        "md": MarkdownIt("commonmark").render(body),  # raw HTML on: escaping is the writer's job
        "md+tables": trusting_markdown().render(body),
    }


def trusting_markdown() -> MarkdownIt:
    """markdown-it refuses javascript:, vbscript: and data: links on its own; kramdown (Jekyll)
    does not, so the Markdown is also rendered with that check off: the writer alone must hold."""
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def split_markdown(page: str) -> tuple[str, str]:
    assert page.startswith("---\n")
    front, body = page[4:].split("\n---\n", 1)
    return front, body


def warnings(name: str) -> list[dict[str, str]]:
    return json.loads(converted(name)["json"])["warnings"]


@cache
def clean_page_styles() -> list[str]:
    """The template's own CSS, from the sample return converted the same way."""
    r = run_cli(str(SAMPLES / "chesterfield.txt"), "-f", "html", "-o", "-", cwd=SAMPLES)
    assert r.returncode == 0, r.stderr
    return page_styles(r.stdout.decode("utf-8"))


# ----------------------------------------------------------------------------- the tests
def test_fixtures_are_rebuilt_byte_for_byte() -> None:
    """The committed fixtures are what the script makes: deterministic, and not edited by hand."""
    built = {
        "xss.html": MAKER.web_page().encode("utf-8"),  # type: ignore[attr-defined]
        "xss-word.htm": MAKER.word_page().encode("windows-1252"),  # type: ignore[attr-defined]
        "xss-body.eml": MAKER.mail(),  # type: ignore[attr-defined]
    }
    for name, data in built.items():
        assert (XSS / name).read_bytes() == data, f"{name}: rerun tests/fixtures/make_xss_web_fixtures.py"


def test_every_probe_is_in_every_fixture() -> None:
    """The probes really are there (the e-mail's HTML part is quoted-printable: decode it first)."""
    import email
    import email.policy

    message = email.message_from_bytes((XSS / "xss-body.eml").read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    parts = {p.get_content_type(): p for p in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    assert {p["Content-Transfer-Encoding"] for p in parts.values()} == {"quoted-printable"}
    sources = {
        "xss.html": (XSS / "xss.html").read_text(encoding="utf-8"),
        "xss-word.htm": (XSS / "xss-word.htm").read_text(encoding="windows-1252"),
        "xss-body.eml": parts["text/html"].get_content(),
    }
    for name, source in sources.items():
        for probe in PROBES:
            assert probe.markup in source, f"{name}: {probe.markup[:40]}"
        for head in ("<base href=", 'http-equiv="refresh"', "<script", "<style>", "@import"):
            assert head in source, f"{name}: {head}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_active_markup_in_any_view(name: str) -> None:
    for view, markup in views(name).items():
        problems, _ = check(markup)
        assert problems == [], f"{name} as {view}: {problems}"


SUBMITTED_CSS = ("<style", "style=", "@import", "expression(", "behavior", "-moz-binding", "position:fixed")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_the_only_css_is_the_templates_own(name: str) -> None:
    """A <style> in the page is the template's (the same as a clean return's page), and no view
    holds any CSS of the submission's."""
    page = converted(name)["html"]
    assert page_styles(page) == clean_page_styles()
    for view, markup in views(name).items():
        if view == "html":
            markup = re.sub(r"<style>.*?</style>", "", markup, count=1, flags=re.S)  # the template's
        for css in SUBMITTED_CSS:
            assert css not in markup.lower(), f"{name} as {view}: {css}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_the_words_round_every_probe_are_kept(name: str) -> None:
    for view, markup in views(name).items():
        _, text = check(markup)
        lost = [w for w in visible_words() if w not in text]
        assert lost == [], f"{name} as {view}: lost {lost}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_words_after_an_embed_are_kept(name: str) -> None:
    for view, markup in views(name).items():
        assert EMBED_TAIL in check(markup)[1], f"{name} as {view}"


@pytest.mark.parametrize(
    "name",
    [
        "xss.html",
        "xss-word.htm",
        "xss-body.eml",
    ],
)
def test_hidden_text_is_left_out_and_said(name: str) -> None:
    for view, markup in views(name).items():
        assert HIDDEN_WORDS not in check(markup)[1], f"{name} as {view}: hidden text was published"
    said = [w["message"] for w in warnings(name) if w["code"] == "hidden-text"]
    assert said and "left out 3 parts" in said[0], said


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_the_warnings_name_what_was_removed(name: str) -> None:
    said = warnings(name)
    removed = {w["message"] for w in said if w["code"] == "html-active-content"}
    for tag in ("script", "svg", "iframe", "object", "embed"):
        assert f"removed a <{tag}> element (active content) from the return" in removed, tag
    dropped = " ".join(w["message"] for w in said if w["code"] == "html-link-dropped")
    for address in (
        "js-link",  # javascript:
        "js-case",  # JaVaScRiPt:
        "js-entity",  # &#106;avascript:
        "js-tab",  # java&#9;script:
        "js-newline",  # java&#x0A;script:
        "'javascript:alert(1)'",  # every letter a character reference
        "vbscript:",
        "data:text/html",
        "guide.html",  # a relative link: never resolved against the page's <base>
    ):
        assert address in dropped, address
    pictures = " ".join(w["message"] for w in said if w["code"] == "image-dropped")
    assert "'a chart'" in pictures and "SVG" in pictures
    assert "'a graph'" in pictures and "unknown format" in pictures


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_links_are_only_the_safe_ones_written(name: str) -> None:
    """The two https links in the return are kept (no target, the writer's own rel); nothing
    points at the <base>'s host, and a relative link is not resolved against it."""
    for view, markup in views(name).items():
        root = lxml.html.document_fromstring(markup)
        hrefs = {a.get("href") for a in root.iter("a")}
        for own in ("https://www.example.org/network", "https://www.example.org/wres-report"):
            assert own in hrefs, f"{name} as {view}: {own}"
        assert not [h for h in hrefs if h and ("evil.example" in h or h.endswith("guide.html"))], hrefs
        assert "evil.example" not in markup, f"{name} as {view}"
        assert not [a for a in root.iter("a") if a.get("target")], f"{name} as {view}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_liquid_hugo_or_kramdown_syntax_left_active_in_markdown(name: str) -> None:
    front, body = split_markdown(converted(name)["md"])
    assert liquid_problems(body) == [], name
    assert "{{" not in front and "{%" not in front, front
    # and the text is still shown, as text, once rendered
    text = check(views(name)["md"])[1]
    for probe in MAKER.TEMPLATING:  # type: ignore[attr-defined]
        for words in probe.shown:
            assert words in text, words


# ----------------------------------------------------------------------------- site generators
# What the Markdown writer emits, once built: anything else came from the submission.
BUILT_ALLOWED = {
    **{tag: set() for tag in ("p", "ul", "ol", "li", "strong", "em", "br", "table", "thead", "tbody", "tr")},
    **{tag: set() for tag in ("th", "td", "div")},
    **{f"h{n}": {"id"} for n in range(1, 7)},
    "a": {"href"},
    "img": {"src", "alt"},
}


def foreign(container: lxml.html.HtmlElement) -> list[str]:
    found = []
    for el in container.iterdescendants():
        if not isinstance(el.tag, str):
            found.append(f"comment {el.text!r}")
            continue
        if el.tag not in BUILT_ALLOWED:
            found.append(f"<{el.tag}>")
            continue
        found += [f"<{el.tag} {k}={v!r}>" for k, v in el.attrib.items() if k not in BUILT_ALLOWED[el.tag]]
    return found


def built_body(path: Path) -> lxml.html.HtmlElement:
    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    root.get_element_by_id("params").drop_tree()  # the test layout's own line
    body = root.find("body")
    body.tag = "div"
    return body


@cache
def case_study(name: str) -> object:
    from wres_convert.run.convert import convert_bytes

    return convert_bytes((XSS / name).read_bytes(), name)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_jekyll_builds_the_markdown_as_text(tmp_path: Path, name: str) -> None:
    from helpers.markdown import jekyll_build, typographed  # an active Liquid tag fails the build

    cs = case_study(name)
    built = jekyll_build(tmp_path, {"xss": cs}) / "case-studies" / cs.slug / "index.html"  # type: ignore[attr-defined]
    body = built_body(built)
    assert foreign(body) == [], name
    problems, text = check(lxml.html.tostring(body, encoding="unicode"))
    assert problems == [], problems
    text = str(typographed(" ".join(text.split())))
    for probe in MAKER.TEMPLATING:  # type: ignore[attr-defined]
        for words in probe.shown:
            assert str(typographed(words)) in text, words


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_hugo_builds_the_markdown_as_text(tmp_path: Path, name: str) -> None:
    """With raw HTML and goldmark's block attributes on: the worst settings a site may have."""
    from helpers.markdown import hugo_build, typographed

    config = "[markup.goldmark.parser.attribute]\nblock = true\ntitle = true\n"
    config += "[markup.goldmark.renderer]\nunsafe = true\n"
    cs = case_study(name)
    built = hugo_build(tmp_path, {"xss": cs}, config) / "case-studies" / cs.slug / "index.html"  # type: ignore[attr-defined]
    body = built_body(built)
    assert foreign(body) == [], name
    problems, text = check(lxml.html.tostring(body, encoding="unicode"))
    assert problems == [], problems
    text = str(typographed(" ".join(text.split())))
    for probe in MAKER.TEMPLATING:  # type: ignore[attr-defined]
        for words in probe.shown:
            assert str(typographed(words)) in text, words


# ----------------------------------------------------------------------------- a real browser
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, as the page checks (test_page_quality.py) launch it."""
    need(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


PROBE_EVENTS = """() => {
  // Every handler a probe could hang on an element: fire them all, as a reader's mouse would.
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['click', 'mouseover', 'focus', 'toggle', 'load', 'error', 'start']) {
      el.dispatchEvent(new Event(type));
    }
    if (el.focus) el.focus();
  }
  for (const a of document.querySelectorAll('a')) a.dispatchEvent(new MouseEvent('mouseover'));
}"""


def script_ran(browser: object, path: Path) -> tuple[object, list[str], list[str]]:
    """Load ``path``, fire every event on every element, and say what ran: ``window.__x``, the
    dialogs opened and the requests made anywhere but the file itself."""
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate(PROBE_EVENTS)
        page.wait_for_timeout(300)
        ran = page.evaluate("typeof window.__x === 'undefined' ? null : String(window.__x)")
        url = page.url
    finally:
        page.close()
    assert url == path.as_uri(), f"the page went elsewhere: {url}"
    return ran, dialogs, [u for u in requests if not u.startswith("file:")]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_the_page_runs_no_script_in_a_browser(browser: object, tmp_path: Path, name: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(converted(name)["html"], encoding="utf-8")
    assert script_ran(browser, page) == (None, [], [])


def test_the_browser_check_sees_a_live_probe(browser: object, tmp_path: Path) -> None:
    """The browser check itself: the unconverted web page runs its probes, and each kind is seen."""
    live = tmp_path / "live.html"
    live.write_text(
        "<p>a <img src=x onerror=\"window.__x='img'\"></p>"
        "<p><a href=\"javascript:alert('link')\" onmouseover=\"alert('hover')\">b</a></p>",
        encoding="utf-8",
    )
    ran, dialogs, _ = script_ran(browser, live)
    assert ran == "img" and "hover" in dialogs
    page = tmp_path / "fixture.html"
    page.write_bytes((XSS / "xss.html").read_bytes().replace(b"<base href", b"<base data-x"))
    ran, dialogs, _ = script_ran(browser, page)
    assert ran is not None and dialogs


# ----------------------------------------------------------------------------- the checks themselves
def test_checker_catches_what_it_should() -> None:
    """Each probe, left live, is caught by ``check``; the same, escaped, is text."""
    for probe in PROBES:
        if "<" not in probe.markup or probe.markup.startswith("<!--") or "&lt;" in probe.markup:
            continue
        if probe.markup.startswith(("<xmp>", '<a href="guide.html">')):
            continue  # text in every parser; a relative link is harmless without the page's <base>
        assert check(f"<p>{probe.markup}</p>")[0], probe.markup
    for bad in (
        '<a href="https://www.example.org/x" target="_blank">x</a>',
        '<p style="color:red">x</p>',
        "<style>p{}</style>",
        "<meta http-equiv=refresh content=0>",
        '<img src="data:image/png;base64,PGh0bWw+">',  # "PNG" that is HTML
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        '<a href="/x" data-x="https://evil.example/">x</a>',
        "<form><p>x</p></form>",
    ):
        assert check(bad)[0], bad
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    assert strict_check(f'<img src="data:image/png;base64,{png}" alt="x">') == ([], "")
    assert check("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == ([], "<script>alert(1)</script>")
    assert liquid_problems("{{ site.x }} {% include x %} {: onclick=x} {#id} { style=x}")
    assert liquid_problems("&#123;&#123; site.x }} &#123;% include x %}") == []
