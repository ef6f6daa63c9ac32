"""The index page of a batch run: every case study in the output folder, grouped by WRES theme.

Built from the manifest's entries (docs/batch.md) after every run, as HTML or Markdown, with the
same look as the case-study pages. Everything taken from an entry is treated as untrusted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from wres_convert.standard.items import all_indicators
from wres_convert.writers.markdown import escape
from wres_convert.writers.page import environment_for, render_template
from wres_convert.writers.site import Site

# The order the WRES itself presents its themes in; which indicator belongs to which theme comes
# from data/indicators.toml, so only the order is fixed here.
THEME_ORDER = (
    "Recruitment and staff development",
    "Disciplinary action",
    "Bullying, abuse and discrimination",
    "Board representation and culture",
)
OTHER = "Other case studies"
# What makes the start of a line a block marker: "#", ">", "+", "-", "=", or "1." / "1)".
_MD_LINE_START = re.compile(r"[#>+=-]|\d{1,9}[.)]")


@dataclass(frozen=True)
class Item:
    organisation: str
    title: str
    subtitle: str
    label: str  # what the link reads: "Organisation: Title"
    href: str | None  # None when the entry has no usable page to link to

    @property
    def md_plain(self) -> str:
        """The label as Markdown text at the start of a list item, for an entry with no page:
        md_escape leaves "# …" or "1. …" alone, which there would start a heading or a list."""
        text = escape(self.label)
        m = _MD_LINE_START.match(text)
        if not m:
            return text
        return f"{text[: m.end() - 1]}\\{text[m.end() - 1 :]}"

    def sort_key(self) -> tuple[str, ...]:
        # Case-insensitive first, then the exact text and the link as tie-breakers, so the page
        # never depends on the manifest's order.
        return (
            self.organisation.casefold(),
            self.title.casefold(),
            self.organisation,
            self.title,
            self.subtitle,
            self.href or "",
        )


@dataclass(frozen=True)
class Group:
    theme: str
    id: str
    items: list[Item]


def _text(value: object) -> str:
    # One line of text: a newline in a title would otherwise end a Markdown list item early.
    return " ".join(value.split()) if isinstance(value, str) else ""


def page_href(outputs: object) -> str | None:
    """A relative link to the entry's first output, each path part percent-encoded.

    Parts that climb (``..``), are empty, or start at the root are refused, so a manifest can
    never point the index outside the output folder; encoding also stops a name like
    "javascript:x.html" from reading as a scheme.
    """
    if not isinstance(outputs, list) or not outputs or not isinstance(outputs[0], str):
        return None
    parts = re.split(r"[\\/]", outputs[0].strip())
    if any(p in {"", ".", ".."} or re.search(r"[\x00-\x1f\x7f]", p) for p in parts):
        return None
    return "/".join(quote(p, safe="") for p in parts)


def _themes(indicators: object) -> set[str]:
    known = all_indicators()
    if not isinstance(indicators, list):
        return set()
    # bool is an int in Python; "indicators": [true] is not indicator 1.
    return {
        known[n].theme for n in indicators if isinstance(n, int) and not isinstance(n, bool) and n in known
    }


def _slug(theme: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", theme.lower()).strip("-")


def group_entries(entries: list[dict[str, Any]]) -> list[Group]:
    """Entries under each of their themes (once per theme), in the WRES order; empty themes dropped."""
    by_theme: dict[str, list[Item]] = {}
    for entry in entries:
        organisation, title = _text(entry.get("organisation")), _text(entry.get("title"))
        href = page_href(entry.get("outputs"))
        label = (
            ": ".join(t for t in (organisation, title) if t)
            or _text(entry.get("slug"))
            or "Untitled case study"
        )
        item = Item(organisation, title, _text(entry.get("subtitle")), label, href)
        for theme in _themes(entry.get("indicators")) or {OTHER}:
            by_theme.setdefault(theme, []).append(item)
    # A theme added to indicators.toml but not to THEME_ORDER still shows, after the known ones.
    extra = sorted(t for t in by_theme if t not in THEME_ORDER and t != OTHER)
    order = [t for t in (*THEME_ORDER, *extra, OTHER) if t in by_theme]
    return [Group(t, _slug(t), sorted(by_theme[t], key=Item.sort_key)) for t in order]


def render_index(entries: list[dict[str, Any]], fmt: str, site: Site, templates: Path | None = None) -> str:
    """The index page, ``fmt`` "html" or "md", listing ``entries`` from the batch manifest."""
    if fmt not in {"html", "md"}:
        raise ValueError(f"unknown index format {fmt!r}")
    env = environment_for(site, templates)
    return render_template(env, f"index.{fmt}.j2", groups=group_entries(entries), site=site)
