"""Markdown typed in a text return ("## Your details", "**Organisation name:** …", "- item"): when
the text is clearly Markdown, markdown-it-py (CommonMark, with tables) renders it to HTML that the
text reader's HTML handling reads, so no "**" or "##" reaches a page. Raw HTML in the Markdown is
not let through as HTML: it stays text, as any other text of a return."""

from __future__ import annotations

import re

from wres_convert.text import patterns

_HEADING = patterns.compile(r"^#{1,6}\s+\S", re.M)
_STRONG = patterns.compile(r"\*\*[^*\n]+\*\*")
HEADINGS = 2  # ATX headings a text must have to be taken for Markdown
STRONG_WITH_ONE_HEADING = 3  # or one heading and this many **bold** runs


def is_markdown(text: str) -> bool:
    """Clearly Markdown: headings marked with "#", or one with bold runs marked with "**"."""
    headings = len(_HEADING.findall(text))
    return headings >= HEADINGS or (headings == 1 and len(_STRONG.findall(text)) >= STRONG_WITH_ONE_HEADING)


def to_html(text: str) -> str:
    from markdown_it import MarkdownIt  # lazy: only Markdown returns pay for it

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
