"""The HTML tags the web-page reader (walk.py) treats alike: headings, active content, what is
not content at all, and containers. Every other tag is dropped with its text kept."""

from __future__ import annotations

HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
# Active content: dropped with everything inside it, and named in a warning.
ACTIVE_TAGS = frozenset(
    {"script", "iframe", "object", "applet", "frame", "frameset", "noembed", "svg", "math"}
)
# Not content: dropped with everything inside it, silently (a page's head, its style sheets).
SILENT_TAGS = frozenset({"head", "style", "title", "meta", "link", "base", "noscript", "template"})
# Containers: a block of their own, read as the block they stand in (a <div> in an item stays in it).
CONTAINER_TAGS = frozenset({
    "div", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "center",
    "address", "figure", "figcaption", "details", "summary", "dl", "dd", "dt", "form", "fieldset", "body",
    "html", "caption", "thead", "tbody", "tfoot",
})  # fmt: skip
