"""Literal HTML fragments inside returned text files: where they are.

Some returns were pasted out of a web form, so the text holds ``<p>…</p> <ul …> • item • item``,
``<a href>`` links and entities. This module only finds them: which lines hold tags, and how far a
fragment runs. Reading them into blocks is the HTML reader's job (``readers.html``), so a fragment
and a web page are read, and sanitised, by the same rules. A stray "<" in prose ("scores < 5%",
"<b and c") is no tag.
"""

from __future__ import annotations

import re

from wres_convert.text import patterns

HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
BLOCK_TAGS = {
    "p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "blockquote", "section", "article", "header", "footer", "main", "nav", "aside", "pre", "dl",
    "dt", "dd", "hr", "address", "figure", "figcaption", "body", "html", "center", *HEADING_TAGS,
}  # fmt: skip
# Active or invisible content: dropped together with everything inside it.
DROP_TAGS = {"script", "style", "iframe", "object", "noscript", "template", "frameset", "noembed", "applet"}
INLINE_TAGS = {
    "span", "br", "strong", "em", "font", "small", "big", "sub", "sup", "mark", "code", "abbr",
    "cite", "strike", "del", "ins", "label", "img", "svg", "math", "embed", "form", "input",
    "button", "textarea", "select", "option", "video", "audio", "source", "link", "meta", "base",
    "head", "title", "wbr", "nobr", "frame", "param", "picture",
}  # fmt: skip
SHORT_TAGS = ("a", "b", "i", "u", "s", "q")  # one letter: only a complete tag counts, "<b and c" is prose

_DANGEROUS = "|".join(sorted(DROP_TAGS | {"img", "svg", "embed", "math", "form", "link", "meta", "base"}))
_named = "|".join(patterns.longest_first((BLOCK_TAGS | INLINE_TAGS) - set(SHORT_TAGS)))
_short = "|".join(SHORT_TAGS)
# A tag the reader recognises. Dangerous names match as a prefix ("<scriptx") so nothing
# script-like is ever left standing as text; single letters must be complete tags.
TAG_RE = patterns.compile(
    rf"</?(?:{_named})(?=[\s/>]|$)|<(?:{_DANGEROUS})|</?(?:{_short})(?:\s[^<>]*)?>|<!--", re.IGNORECASE
)
_block_names = "|".join(patterns.longest_first(BLOCK_TAGS | DROP_TAGS))
BLOCK_TAG_RE = patterns.compile(rf"</?(?:{_block_names})(?=[\s/>]|$)|<!--", re.IGNORECASE)

_BALANCED = patterns.compile(
    rf"<(/?)(table|{'|'.join(sorted(DROP_TAGS))})(?=[\s/>])", re.IGNORECASE
)  # elements that stay open until closed
# Elements that stay open until the next block starts.
_IMPLIED = patterns.compile(r"<(/?)(p|li|h[1-6])(?=[\s/>])", re.IGNORECASE)


def has_tag(text: str) -> bool:
    """True when ``text`` holds a tag we recognise; a stray "<" in prose ("scores < 5%") is not one."""
    return TAG_RE.search(text) is not None


def has_block_tag(text: str) -> bool:
    """True when ``text`` holds a block-level (or active-content) tag: the line is HTML structure."""
    return BLOCK_TAG_RE.search(text) is not None


def still_open(fragment: str) -> bool:
    """Whether a fragment gathered so far leaves an element open (a paragraph, an item, a heading,
    a table, a script), so that the text reader goes on feeding it the following lines."""
    depth: dict[str, int] = {}
    for m in _BALANCED.finditer(fragment):
        name = m.group(2).lower()
        depth[name] = depth.get(name, 0) + (-1 if m.group(1) else 1)
    if any(v > 0 for v in depth.values()):
        return True
    implied = _IMPLIED.findall(fragment)
    return bool(implied) and not implied[-1][0]
