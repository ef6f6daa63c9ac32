"""The index page of a batch run: every case study in the output folder, grouped by the themes of
the standard's items (the WRES's, or another pack's).

Built from the manifest's entries (docs/batch.md) after every run, as HTML or Markdown, with the
same look as the case-study pages. Everything taken from an entry is treated as untrusted text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from wres_convert.model import value
from wres_convert.standard import Standard
from wres_convert.text import patterns
from wres_convert.text.controls import ANY_CONTROL
from wres_convert.writers.markdown import escape
from wres_convert.writers.page import environment_for, index_template, introduction, render_template
from wres_convert.writers.site import Site

OTHER = "Other case studies"
# What makes the start of a line a block marker: "#", ">", "+", "-", "=", or "1." / "1)".
_MD_LINE_START = patterns.compile(r"[#>+=-]|\d{1,9}[.)]")
_SLASHES = patterns.compile(r"[\\/]")
_NOT_ALNUM = patterns.compile(r"[^a-z0-9]+")


@value
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


@value
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
    parts = _SLASHES.split(outputs[0].strip())
    if any(p in {"", ".", ".."} or ANY_CONTROL.search(p) for p in parts):
        return None
    return "/".join(quote(p, safe="") for p in parts)


def __getattr__(name: str) -> object:
    # THEME_ORDER, as it was before themes came from the pack: the WRES pack's order.
    if name == "THEME_ORDER":
        return tuple(t.name for t in Standard.load().themes)
    raise AttributeError(name)


def _themes(indicators: object, standard: Standard) -> set[str]:
    known = standard.items
    if not isinstance(indicators, list):
        return set()
    # bool is an int in Python; "indicators": [true] is not indicator 1. A number is as the pack
    # writes it: 8 (not "8") for the WRES, "4a" for a pack that numbers parts.
    return {
        known[n].theme
        for n in indicators
        if isinstance(n, int | str) and not isinstance(n, bool) and n in known and known[n].theme
    }


def _slug(theme: str) -> str:
    return _NOT_ALNUM.sub("-", theme.lower()).strip("-")


def group_entries(entries: list[dict[str, Any]], standard: Standard | None = None) -> list[Group]:
    """Entries under each of their themes (once per theme), in the pack's order; empty themes dropped."""
    standard = standard or Standard.load()
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
        for theme in _themes(entry.get("indicators"), standard) or {OTHER}:
            by_theme.setdefault(theme, []).append(item)
    order = [t for t in (*(t.name for t in standard.themes), OTHER) if t in by_theme]
    return [Group(t, _slug(t), sorted(by_theme[t], key=Item.sort_key)) for t in order]


def render_index(entries: list[dict[str, Any]], fmt: str, site: Site) -> str:
    """The index page, ``fmt`` "html" or "md", listing ``entries`` from the batch manifest."""
    if fmt not in {"html", "md"}:
        raise ValueError(f"unknown index format {fmt!r}")
    env = environment_for(site)
    standard = site.load_standard()
    return render_template(
        env,
        index_template(fmt),
        groups=group_entries(entries, standard),
        site=site,
        standard=standard,
        introduction=introduction(standard, "index", fmt, site),
    )
