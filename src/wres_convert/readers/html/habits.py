"""Producers' habits the HTML walk has to know, kept apart from the walk itself: how mail clients
mark the message a reply quotes, a web site's own navigation round a form, Google Docs' redirect
links and list levels, "• a • b" pasted loose, and the small attribute readings (a cell's colspan,
a picture's size)."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

from wres_convert.model import Picture
from wres_convert.text import patterns

TITLE_CLASSES = {"msotitle": 1, "title": 1, "msosubtitle": 2, "subtitle": 2}
DOCS_LEVEL = patterns.compile(r"lst-kix_[\w-]*?-(\d+)$")
MAX_COLSPAN = 50
_DATA_URI = patterns.compile(r"data:(image/[\w.+-]+)?(;base64)?,(.*)", re.IGNORECASE | re.DOTALL)


# How mail clients wrap the message a reply quotes: Gmail, Apple Mail and Thunderbird, Outlook.
QUOTE_CLASSES = frozenset({"gmail_quote", "moz-cite-prefix"})
QUOTE_IDS = frozenset({"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"})


def quotes_history(el: object, tag: str) -> bool:
    if tag == "blockquote" and (el.get("type") or "").lower() == "cite":  # type: ignore[attr-defined]
        return True
    classes = set((el.get("class") or "").lower().split())  # type: ignore[attr-defined]
    return bool(classes & QUOTE_CLASSES) or (el.get("id") or "").lower() in QUOTE_IDS  # type: ignore[attr-defined]


# A web site's own navigation, banner and footer round the form (an intranet page): never answers.
CHROME_TAGS = frozenset({"nav", "footer"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})


def site_chrome(el: object, tag: str) -> bool:
    return tag in CHROME_TAGS or (el.get("role") or "").lower() in CHROME_ROLES  # type: ignore[attr-defined]


def rows(table: object) -> list[object]:
    """The table's own rows, also those inside thead/tbody/tfoot, not a nested table's."""
    rows = []
    for child in table:  # type: ignore[attr-defined]
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


def colspan(value: str | None) -> int:
    value = (value or "1").strip()
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_COLSPAN else 1


def pixels(value: str | None) -> float | None:
    value = (value or "").strip().removesuffix("px")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number < 10000 else None


def unwrap_redirect(url: str) -> str:
    """Google Docs' export sends every link through ``https://www.google.com/url?q=TARGET``:
    the published link goes to the target (still under the link policy)."""
    parts = urlsplit(url)
    if parts.netloc.lower() in ("www.google.com", "google.com") and parts.path == "/url":
        target = parse_qs(parts.query).get("q")
        if target:
            return target[0]
    return url


def picture(el: object, carried: dict[str, bytes]) -> Picture:
    """An ``<img>``: its bytes when the page or message carries them (a ``data:`` URI, a message's
    ``cid:`` part, a single-file page's part), else a picture saved as a file beside the page,
    which the case study names as left out (it is never fetched). ``carried``: a message's
    pictures by "cid:" + content id and by address."""
    from wres_convert.readers.sniff import image_type

    src = (el.get("src") or "").strip()  # type: ignore[attr-defined]
    alt = (el.get("alt") or "").strip()  # type: ignore[attr-defined]
    width, height = pixels(el.get("width")), pixels(el.get("height"))  # type: ignore[attr-defined]
    data = _carried(src, carried)
    m = _DATA_URI.match(src)
    if m is not None and m.group(2):
        try:
            data = base64.b64decode(m.group(3), validate=False)
        except ValueError:
            data = b""
    if data:
        return Picture(data, image_type(data), alt, width=width, height=height)
    return Picture(b"", alt=alt, width=width, height=height, link=src[:200] or "(no address)")


def _carried(src: str, carried: dict[str, bytes]) -> bytes:
    if not src or not carried:
        return b""
    if src[:4].lower() == "cid:":
        return carried.get("cid:" + src[4:], b"")
    # A single-file page names a part by its full address, the page by a relative one.
    relative = src.removeprefix("./")
    for location, data in carried.items():
        if location == src or location.endswith("/" + relative):
            return data
    return b""
