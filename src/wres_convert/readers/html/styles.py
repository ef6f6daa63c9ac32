"""What an HTML producer says with CSS that the document model keeps: bold, italic, hidden, a
heading's class, and the level of Word's pseudo-lists. No CSS ever reaches a page: it is read for
these facts and dropped.

Google Docs' export sets bold and italic only through classes (``.c3{font-weight:700}``) in a
``<style>`` element, and Word's "Web Page" sets list levels through ``mso-list`` or the
paragraph's left margin, so the class rules of ``<style>`` elements are read, one class at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from wres_convert.text import patterns

_CLASS_SELECTOR = patterns.compile(r"(?:[a-z0-9]+)?\.([\w-]+)", re.IGNORECASE)
_LENGTH = patterns.compile(r"(-?[\d.]+)\s*(pt|in|cm|mm|px|pc)?", re.IGNORECASE)
_POINTS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0}
_MSO_LEVEL = patterns.compile(r"level(\d+)", re.IGNORECASE)
LIST_INDENT_PT = 36.0  # Word indents each list level by half an inch
MAX_RULES = 5000  # a style sheet is read this far: a web page's styles, not a stylesheet bomb
MAX_STYLE_TEXT = 1_000_000  # characters of <style> read in all; the rest of a bigger sheet is ignored


class Style(NamedTuple):
    """What one element's CSS says; None where it says nothing (the parent's value holds)."""

    bold: bool | None = None
    italic: bool | None = None
    hidden: bool = False
    margin_left: float | None = None  # points
    mso_list: str = ""  # Word's "l0 level2 lfo1", or "Ignore" on a list marker's span
    spacer: bool = False  # Word's 7 pt run of spaces after a typed list marker
    white_space: str = ""  # "pre", "pre-wrap": the text keeps its typed lines

    @property
    def list_level(self) -> int | None:
        """The 0-based level of a Word list paragraph, from mso-list, else from its margin."""
        m = _MSO_LEVEL.search(self.mso_list)
        if m:
            return max(0, int(m.group(1)) - 1)
        if self.margin_left is not None:
            return max(0, round((self.margin_left - LIST_INDENT_PT) / LIST_INDENT_PT))
        return None


def declarations(css: str) -> dict[str, str]:
    """``font-weight:700; font-style:italic`` as {"font-weight": "700", ...}, names lower-cased."""
    out = {}
    for part in css.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out[name.strip().lower()] = value.strip()
    return out


def class_rules(sheets: list[str]) -> dict[str, dict[str, str]]:
    """Each class's declarations, from the page's ``<style>`` elements (later rules win)."""
    rules: dict[str, dict[str, str]] = {}
    count = 0
    budget = MAX_STYLE_TEXT
    for sheet in sheets:
        sheet, budget = sheet[:budget], budget - min(len(sheet), budget)
        for selectors, body in _rules(_uncommented(sheet).replace("<!--", "").replace("-->", "")):
            count += 1
            if count > MAX_RULES:
                return rules
            found = declarations(body)
            for selector in selectors.split(","):
                sel = _CLASS_SELECTOR.fullmatch(selector.strip())
                if sel:
                    rules.setdefault(sel.group(1), {}).update(found)
        if budget <= 0:
            break
    return rules


def _uncommented(css: str) -> str:
    """The sheet without its ``/* … */`` comments; an unclosed one runs to the end, as in CSS.
    One pass: a regex would rescan to the end of the sheet from every unclosed ``/*``."""
    parts = []
    at = 0
    while True:
        start = css.find("/*", at)
        if start < 0:
            parts.append(css[at:])
            break
        parts.append(css[at:start])
        end = css.find("*/", start + 2)
        if end < 0:
            break
        at = end + 2
    return "".join(parts)


def _rules(css: str) -> Iterator[tuple[str, str]]:
    """Each rule's selectors and declarations, in one pass: the text before each ``}`` is the
    rule's body after its last ``{``, and its selectors before that ``{``, after the last ``{``
    (an ``@media`` block's opening) and the last ``;`` (an ``@import`` or ``@charset`` statement,
    not part of the rule) before them. Text with no ``{`` before its ``}`` is no rule."""
    for chunk in css.split("}"):
        head, brace, body = chunk.rpartition("{")
        if brace:
            yield head.rpartition("{")[2].rpartition(";")[2], body


def style_of(props: dict[str, str]) -> Style:
    weight = props.get("font-weight", "").lower()
    bold = None
    if weight:
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    slant = props.get("font-style", "").lower()
    italic = (slant in ("italic", "oblique")) if slant else None
    hidden = (
        props.get("display", "").lower().startswith("none")
        or props.get("visibility", "").lower().startswith("hidden")
        or props.get("mso-hide", "").lower() == "all"
    )
    font = props.get("font", "")
    spacer = font.startswith(("7.0pt", "7pt"))  # Word's "font:7.0pt 'Times New Roman'" spacer
    margin = _points(props.get("margin-left", ""))
    white_space = props.get("white-space", "").lower()
    return Style(bold, italic, hidden, margin, props.get("mso-list", ""), spacer, white_space)


def _points(value: str) -> float | None:
    m = _LENGTH.match(value.strip())
    if not m:
        return None
    try:
        return float(m.group(1)) * _POINTS[(m.group(2) or "px").lower()]
    except ValueError:
        return None
