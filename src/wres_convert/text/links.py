"""Which link targets may be published: http, https and mailto only."""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_href(href: str | None) -> str | None:
    """The link target if it is a safe absolute URL, else None (the text is kept, the link is not)."""
    if not href:
        return None
    cleaned = _CONTROL.sub("", href)
    scheme, sep, _ = cleaned.partition(":")
    if not sep or scheme.lower() not in SAFE_SCHEMES:
        return None
    return cleaned
