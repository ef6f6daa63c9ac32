"""Rebuild docs/screenshot-review.png, the README's picture of a review page: the sample return
with its learning answer taken out (so the page has a warning and its fix), in Chromium at
1280 px. Run: .venv/bin/python docs/make_review_screenshot.py"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    from playwright.sync_api import sync_playwright

    text = (REPO / "samples" / "chesterfield.txt").read_text("utf-8")
    cut = text[: text.index("What learning could other")] + text[text.index("If you have a local template") :]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "chesterfield.txt").write_text(cut, "utf-8")
        subprocess.run(
            [sys.executable, "-m", "wres_convert", "review", "chesterfield.txt", "-o", "rv/", "-q"],
            cwd=tmp,
            check=True,
        )
        page = Path(tmp) / "rv" / "chesterfield--txt.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            view = browser.new_page(viewport={"width": 1280, "height": 900})
            view.goto(page.as_uri())
            view.screenshot(path=str(REPO / "docs" / "screenshot-review.png"))
            browser.close()


if __name__ == "__main__":
    main()
