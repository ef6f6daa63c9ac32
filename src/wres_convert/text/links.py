"""Which link targets may be published: the one link policy every reader and writer applies.

Only http, https and mailto survive. The URL is read as a browser reads it (WHATWG URL parsing):
control characters, tabs and newlines are ignored and spaces round it trimmed, so " JaVa\\tScRiPt:"
is still javascript. A space inside a kept URL is percent-encoded rather than dropped, so
``https://a.example/x y`` still leads to ``x y`` (and not to ``xy``) and is one valid URL in HTML
and Markdown alike.
"""

from __future__ import annotations

from wres_convert.text import patterns
from wres_convert.text.controls import strip_controls
from wres_convert.text.lazy import unescape

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# What a browser ignores while reading the scheme: C0 and C1 controls, DEL and spaces.
_INVISIBLE = patterns.compile(r"[\x00-\x20\x7f-\x9f]")
_TAB_OR_NEWLINE = patterns.compile(r"[\t\n\r]")
_SCHEME = patterns.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*")
_FIRST_SEGMENT_END = patterns.compile(r"[/?#]")


def safe_href(href: str | None, *, relative: bool = False) -> str | None:
    """``href`` as it may be published, or None when it may not (the text is kept, the link is not).

    ``relative``: also accept a relative link ("cases/index.html"), for settings that point into
    the same site; links read from a submission must be absolute. A colon before the first "/",
    "?" or "#" marks a scheme (RFC 3986 forbids it in a relative path's first segment), so an
    obfuscated scheme ("&#106;avascript:", "java script:") is refused, never taken as a path.
    The URL returned is the one given, not the decoded one: the writers escape it.
    """
    if href is None:
        return None
    url = _TAB_OR_NEWLINE.sub("", strip_controls(href)).strip(" ")
    if not url:
        return None
    # Character references are decoded for the check, so that "&#106;avascript:" and
    # "javascript&colon;" are refused even where a template forgot to escape the attribute.
    head = _FIRST_SEGMENT_END.split(_INVISIBLE.sub("", unescape(url)), maxsplit=1)[0]
    scheme, colon, _ = head.partition(":")
    if colon:
        if not _SCHEME.fullmatch(scheme) or scheme.lower() not in SAFE_SCHEMES:
            return None
    elif not relative:
        return None
    return url.replace(" ", "%20")
