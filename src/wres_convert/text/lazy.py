"""What is made or loaded on first use, not when the module using it is imported.

Patterns compiled on first use. Every module-level ``re.compile`` runs when the module is
imported, and a one-file run imports the whole converter: a pattern that only some returns need
(an organisation found only in prose, a list label only a tagged PDF has) is made with
``pattern()`` and called where it is used, ``_NAME().search(text)``. Like every static pattern,
it is compiled by ``patterns.compile`` (kept between runs)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

from wres_convert.text import patterns


def pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``patterns.compile(source, flags)``, compiled the first time it is called, then kept."""
    return cache(partial(patterns.compile, source, flags))


def unescape(text: str) -> str:
    """``html.unescape(text)``; the html module (its entity table is a millisecond to load) is
    imported only for text holding an ``&``, as html.unescape itself returns any other unchanged."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)
