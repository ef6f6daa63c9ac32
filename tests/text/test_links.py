"""The one link policy (text/links.py): what every reader and writer publishes as a link."""

from __future__ import annotations

import pytest

from wres_convert.model import Paragraph, Span
from wres_convert.readers.html import inline_spans as parse_inline
from wres_convert.text.links import SAFE_SCHEMES, safe_href
from wres_convert.writers.html import blocks_html
from wres_convert.writers.markdown import blocks_md


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("  HTTP://EXAMPLE.ORG ", "HTTP://EXAMPLE.ORG"),
        ("mailto:jane@example.org", "mailto:jane@example.org"),
        ("MailTo:jane@example.org?subject=WRES return", "MailTo:jane@example.org?subject=WRES%20return"),
        # A space inside is percent-encoded, never dropped: the link still leads where it did.
        ("https://a.example/x y", "https://a.example/x%20y"),
        ("https://a.example/x  y ", "https://a.example/x%20%20y"),
        # Tabs, newlines and control characters are ignored, as browsers ignore them.
        ("https://a.exa\tmple/\nx", "https://a.example/x"),
        ("https://a.example/\x00x\x7f\x9b", "https://a.example/x"),
        ("\x1b]8;;https://evil.example\x07https://a.example/", "https://a.example/"),
    ],
)
def test_kept_links(raw: str, expected: str) -> None:
    assert safe_href(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "jav\x00ascript:alert(1)",
        "java script:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        # Entities are decoded by the HTML reader before the check; undecoded they are no scheme.
        "&#106;avascript:alert(1)",
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "\uff4aavascript:alert(1)",  # a full-width "j" is no ASCII scheme
        "",
        "   ",
        None,
    ],
)
def test_refused_links(raw: str | None) -> None:
    assert safe_href(raw) is None
    assert safe_href(raw, relative=True) is None or ":" not in (raw or "")


@pytest.mark.parametrize("raw", ["/relative/path", "cases/index.html", "www.example.org", "#top", "?q=1"])
def test_relative_links_only_when_asked(raw: str) -> None:
    # A submission's links must be absolute; a site setting may point into the same site.
    assert safe_href(raw) is None
    assert safe_href(raw, relative=True) == raw


def test_relative_links_with_an_obfuscated_scheme_are_refused() -> None:
    for raw in ("&#106;avascript:alert(1)", "java script:alert(1)", "x:y/z", "javascript&colon;alert(1)"):
        assert safe_href(raw, relative=True) is None, raw
    assert safe_href("my cases/index.html", relative=True) == "my%20cases/index.html"
    assert safe_href("cases/a:b.html", relative=True) == "cases/a:b.html"  # a colon after the first "/"


def test_schemes() -> None:
    assert {"http", "https", "mailto"} == SAFE_SCHEMES


def test_the_html_text_reader_and_the_writers_agree() -> None:
    # Once two rules: the HTML text reader kept "x y", the writers made it "xy".
    spans, _ = parse_inline('<a href="https://a.example/x y">the plan</a>')
    assert [s.href for s in spans if s.text.strip()] == ["https://a.example/x%20y"]
    block = Paragraph((Span("the plan", href="https://a.example/x y"),))
    assert 'href="https://a.example/x%20y"' in blocks_html((block,))
    assert "(<https://a.example/x%20y>)" in blocks_md((block,))


def test_the_html_text_reader_refuses_an_entity_encoded_scheme() -> None:
    spans, _ = parse_inline('<a href="&#106;ava&#x09;script&#58;alert(1)">x</a>')
    assert all(s.href is None for s in spans)
    assert "x" in "".join(s.text for s in spans)


def test_site_settings_use_the_same_policy() -> None:
    from wres_convert.writers.site import _url

    assert _url({"wres_url": "https://a.example/x y"}, "wres_url") == "https://a.example/x%20y"
    assert _url({"wres_url": "../index.html"}, "wres_url") == "../index.html"
    for bad in ("javascript:alert(1)", " data:text/html,x", "https://a.example/\x01", "&#106;avascript:x"):
        with pytest.raises(ValueError, match="wres_url"):
            _url({"wres_url": bad}, "wres_url")
