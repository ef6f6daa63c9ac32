"""HTML safety: script payloads and script links inside real answers never become live markup in any
output (JSON section HTML, the HTML page, the Markdown page once rendered), yet their text is still
shown, escaped, so nothing a trust wrote silently disappears."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from helpers import REPO, run_cli

XSS = REPO / "tests" / "fixtures" / "xss"
ORG = "Riverside Valley NHS Foundation Trust"

# The probes tests/fixtures/make_bad_fixtures.py puts into the answers.
TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "<iframe src=//x>",
]
LINK_TEXTS = [
    "our staff network page",
    "the reverse mentoring guide",
    "the board paper",
    "the recruitment toolkit",
]
# In a text return, HTML is read as structure: active elements are dropped (with a warning) and the
# text of everything else is kept.
TEXT_KEPT = [
    "We shared the panel scores with every candidate who asked.",
    "the feedback form was used by 120 candidates.",
    "the panel handbook explains the scoring.",
    "Mentors met candidates before interview.",
    "Panels were briefed on fair scoring",
    "Start small with one directorate and publish the numbers",
    "some typed javascript:alert(1) into the booking form",
    *LINK_TEXTS,
]
VISIBLE = {
    "xss.docx": TEXT_PAYLOADS + LINK_TEXTS,
    "xss.pdf": TEXT_PAYLOADS + LINK_TEXTS,
    "xss.txt": TEXT_KEPT,
}
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "background",
    "poster",
    "srcset",
}


class Safety(HTMLParser):
    """Active markup (like the acceptance scorer's SafetyCheck, but stricter), and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"):
            self.problems.append(f"<{tag}>")
        for key, value in attrs:
            squashed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key.startswith("on"):
                self.problems.append(f"<{tag} {key}=...>")
            elif key in URL_ATTRS and squashed.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"<{tag} {key}={squashed[:24]}...>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(fragment: str) -> tuple[list[str], str]:
    """(problems, visible text with white space squeezed) of an HTML fragment or page."""
    parser = Safety()
    parser.feed(fragment)
    parser.close()
    return parser.problems, re.sub(r"\s+", " ", "".join(parser.text))


def outputs(tmp_path: Path, name: str) -> dict[str, str]:
    """The three HTML views of one conversion: JSON section HTML, the page, the rendered Markdown."""
    views: dict[str, str] = {}
    for fmt in ("json", "html", "md"):
        r = run_cli(str(XSS / name), "-f", fmt, "-o", "-", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr.decode()
        views[fmt] = r.stdout.decode("utf-8")
    doc = json.loads(views["json"])
    assert doc["organisation"] == ORG
    views["json"] = "\n".join(s["html"] for s in doc["sections"])
    body = views["md"].split("\n---\n", 1)[1]  # past the YAML front matter
    views["md"] = MarkdownIt("commonmark").render(body)  # raw HTML on: escaping is the writer's job
    return views


@pytest.mark.parametrize("name", sorted(VISIBLE))
def test_no_active_markup_and_payload_text_still_shown(tmp_path: Path, name: str) -> None:
    for view, markup in outputs(tmp_path, name).items():
        problems, text = check(markup)
        assert problems == [], f"{name} as {view}: {problems}"
        for words in VISIBLE[name]:
            assert words in text, f"{name} as {view}: {words!r} was lost"


def test_text_return_warns_about_what_it_removed(tmp_path: Path) -> None:
    r = run_cli(str(XSS / "xss.txt"), "-f", "json", "-o", "-", cwd=tmp_path)
    warnings = json.loads(r.stdout)["warnings"]
    removed = {w["message"] for w in warnings if w["code"] == "html-active-content"}
    for tag in ("script", "svg", "iframe"):
        assert f"removed a <{tag}> element (active content) from the return" in removed
    assert "left out a picture (<img>) found in the text" in removed
    dropped = [w["message"] for w in warnings if w["code"] == "html-link-dropped"]
    assert len(dropped) >= 4  # every script link: its text kept, its address refused, and said so


def test_checker_catches_what_it_should() -> None:
    """The checker itself: each probe, left live, is caught."""
    for bad in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=//x></iframe>",
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="data:text/html,&lt;script&gt;">x</a>',
        '<a href="vbscript:x">x</a>',
    ):
        assert check(bad)[0], bad
    assert check("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == ([], "<script>alert(1)</script>")
