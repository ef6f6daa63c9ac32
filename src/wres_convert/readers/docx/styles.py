"""What styles.xml says about a paragraph or run: heading level, inherited list numbering, bold and
italic, indentation. Every question follows the ``w:basedOn`` chain, guarded against cycles."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from wres_convert.readers.docx.package import (
    Props,
    has_doctype,
    on,
    parse_fragment,
    props_of,
    to_int,
    w,
    wval,
)
from wres_convert.text import patterns
from wres_convert.text.lazy import unescape

_HEADING_NAME = patterns.compile(r"heading ([1-9])")
_HEADING_ID = patterns.compile(r"Heading([1-9])")
_LIST_STYLE_NAME = patterns.compile(r"list (?:bullet|number|continue) ([2-9])")
_STYLES_ROOT = patterns.compile(rb"<w:styles\b[^>]*>")
_STYLE_ID = patterns.compile(rb"""\bw:styleId\s*=\s*["']([^"']*)["']""")
MAX_HEADING = 6
_SPEC_VANISH, _VANISH = w("specVanish"), w("vanish")
_NUM_PR, _ILVL, _NUM_ID, _OUTLINE_LVL, _IND = w("numPr"), w("ilvl"), w("numId"), w("outlineLvl"), w("ind")
_LEFT, _START = w("left"), w("start")


class NumPr(NamedTuple):
    """A ``w:numPr``: either half may be missing and is then inherited."""

    num_id: str | None
    ilvl: int | None


class Style(NamedTuple):
    style_id: str
    name: str
    based_on: str | None
    outline_level: int | None
    num_pr: NumPr | None
    indent: int | None
    bold: bool | None
    italic: bool | None
    hidden: bool | None = None  # w:vanish: text Word does not show


def hidden_in(rpr: etree._Element | None) -> bool | None:
    """Whether run properties hide text: ``w:vanish``, or ``w:specVanish`` (always hidden)."""
    return None if rpr is None else hidden_by(rpr.find)


def hidden_by(child: Callable[[str], etree._Element | None]) -> bool | None:
    """``hidden_in`` for run properties looked up by ``child`` (a tag's first element, or None)."""
    if on(child(_SPEC_VANISH)):
        return True
    return on(child(_VANISH))


# The read_* functions take a w:pPr's children by tag (package.props_of).


def read_num_pr(ppr: Props) -> NumPr | None:
    num_pr = ppr.get(_NUM_PR)
    if num_pr is None:
        return None
    ilvl = wval(num_pr.find(_ILVL))
    return NumPr(wval(num_pr.find(_NUM_ID)), None if ilvl is None else to_int(ilvl, 0))


def read_outline_level(ppr: Props) -> int | None:
    return _int_or_none(wval(ppr.get(_OUTLINE_LVL)))


def read_indent(ppr: Props) -> int | None:
    ind = ppr.get(_IND)
    if ind is None:
        return None
    return _int_or_none(ind.get(_LEFT, ind.get(_START)))


def _int_or_none(value: str | None) -> int | None:
    return None if value is None else to_int(value, 0)


def _read_style(el: etree._Element) -> Style:
    ppr, rpr = props_of(el.find(w("pPr"))), el.find(w("rPr"))
    return Style(
        style_id=el.get(w("styleId"), ""),
        name=(wval(el.find(w("name"))) or "").strip().lower(),
        based_on=wval(el.find(w("basedOn"))),
        outline_level=read_outline_level(ppr),
        num_pr=read_num_pr(ppr),
        indent=read_indent(ppr),
        bold=None if rpr is None else on(rpr.find(w("b"))),
        italic=None if rpr is None else on(rpr.find(w("i"))),
        hidden=hidden_in(rpr),
    )


class Styles:
    """Paragraph and character styles by id, with the inherited answers Word would compute."""

    def __init__(self, root: etree._Element | None) -> None:
        # styles.xml lists hundreds of styles a document never uses; index them, read on demand.
        self._elements: dict[str, etree._Element] = {}
        self._slices: dict[str, bytes] = {}  # from_bytes: styles not parsed yet
        self._wrap = b""
        self._styles: dict[str, Style] = {}
        # Every paragraph and run asks about its style again: each chain is walked once.
        self._chains: dict[str | None, tuple[Style, ...]] = {}
        self._run_formats: dict[str | None, tuple[bool | None, bool | None, bool | None]] = {}
        self._headings: dict[tuple[str | None, int | None], int | None] = {}
        self._num_prs: dict[str | None, NumPr | None] = {}
        self.default_bold: bool | None = None
        self.default_italic: bool | None = None
        self.default_hidden: bool | None = None
        if root is None:
            return
        for el in root.iterchildren(w("style")):
            self._elements.setdefault(el.get(w("styleId"), ""), el)
        self._set_defaults(root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"))

    @classmethod
    def from_bytes(cls, data: bytes | None, parse: Callable[[bytes], etree._Element | None]) -> Styles:
        """Styles from styles.xml's bytes, parsing only the styles a document asks about.

        Word's styles.xml is 300 KB or more (hundreds of built-in styles) while a document uses a
        dozen: parsing it whole was a third of a DOCX's reading time. Each ``<w:style>`` is cut out
        by its tags and parsed on first use, inside the root's own start tag so its namespace
        prefixes still resolve. Anything unusual (a DTD, another prefix for the namespace) is
        parsed whole by ``parse`` instead, with the package's usual checks.
        """
        root_tag = None if data is None or has_doctype(data) else _STYLES_ROOT.search(data)
        if data is None or root_tag is None:
            return cls(parse(data) if data is not None else None)
        styles = cls(None)
        styles._wrap = root_tag.group(0)
        pos = root_tag.end()
        while (start := data.find(b"<w:style", pos)) >= 0:
            head_end = data.find(b">", start)
            if head_end < 0:
                break
            if data[start + 8 : start + 9] not in (b" ", b"\t", b"\r", b"\n"):
                pos = start + 8  # <w:styles…> or the like: not a style
                continue
            if data[head_end - 1 : head_end] == b"/":  # <w:style …/>: nothing inside
                end = head_end + 1
            else:
                close = data.find(b"</w:style>", head_end)
                if close < 0:
                    break
                end = close + len(b"</w:style>")
            found = _STYLE_ID.search(data, start, head_end)
            if found:
                style_id = unescape(found.group(1).decode("utf-8", "replace"))
                styles._slices.setdefault(style_id, data[start:end])
            pos = end
        defaults_start = data.find(b"<w:docDefaults")
        defaults_end = data.find(b"</w:docDefaults>", defaults_start)
        if defaults_start >= 0 and defaults_end > 0:
            defaults = styles._parse_slice(data[defaults_start : defaults_end + len(b"</w:docDefaults>")])
            styles._set_defaults(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
        return styles

    def _parse_slice(self, piece: bytes) -> etree._Element:
        return parse_fragment(self._wrap + piece + b"</w:styles>")[0]

    def _set_defaults(self, default_rpr: etree._Element | None) -> None:
        if default_rpr is not None:
            self.default_bold = on(default_rpr.find(w("b")))
            self.default_italic = on(default_rpr.find(w("i")))
            self.default_hidden = hidden_in(default_rpr)

    def _style(self, style_id: str) -> Style | None:
        if style_id not in self._styles:
            if style_id in self._slices:
                self._elements[style_id] = self._parse_slice(self._slices.pop(style_id))
            if style_id in self._elements:
                self._styles[style_id] = _read_style(self._elements[style_id])
        return self._styles.get(style_id)

    def chain(self, style_id: str | None) -> tuple[Style, ...]:
        """The style and its ancestors, nearest first."""
        known = self._chains.get(style_id)
        if known is None:
            known = self._chains[style_id] = self._walk_chain(style_id)
        return known

    def _walk_chain(self, style_id: str | None) -> tuple[Style, ...]:
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._style(style_id)
            if style is None:
                break
            out.append(style)
            style_id = style.based_on
        return tuple(out)

    def heading_level(self, style_id: str | None, own_outline: int | None = None) -> int | None:
        """1-6 for a Heading/Title style (by name, else id), else the paragraph's own outline level,
        else one from the style chain. The style wins: a "Heading 2" looks like a heading whatever
        outline level someone set to keep it out of the navigation pane."""
        key = (style_id, own_outline)  # asked for every paragraph: worked out once a style
        if key not in self._headings:
            self._headings[key] = self._heading_level(style_id, own_outline)
        return self._headings[key]

    def _heading_level(self, style_id: str | None, own_outline: int | None) -> int | None:
        chain = self.chain(style_id)
        for style in chain:
            level = _named_heading_level(style.name, style.style_id)
            if level is not None:
                return level
        if own_outline is not None:
            return outline_to_heading(own_outline)
        for style in chain:
            if style.outline_level is not None:
                return outline_to_heading(style.outline_level)
        if not chain and style_id:
            return _named_heading_level("", style_id)  # a style id used without a definition
        return None

    def num_pr(self, style_id: str | None) -> NumPr | None:
        """List numbering a paragraph style applies (python-docx's "List Bullet" puts it here)."""
        if style_id not in self._num_prs:  # asked for every paragraph: worked out once a style
            self._num_prs[style_id] = self._num_pr(style_id)
        return self._num_prs[style_id]

    def _num_pr(self, style_id: str | None) -> NumPr | None:
        num_id: str | None = None
        ilvl: int | None = None
        for style in self.chain(style_id):
            if style.num_pr is not None:
                num_id = num_id if num_id is not None else style.num_pr.num_id
                ilvl = ilvl if ilvl is not None else style.num_pr.ilvl
        return None if num_id is None and ilvl is None else NumPr(num_id, ilvl)

    def implied_list_level(self, style_id: str | None) -> int:
        """ "List Bullet 2" is drawn one level in although its single-level list says level 0."""
        for style in self.chain(style_id):
            match = _LIST_STYLE_NAME.fullmatch(style.name)
            if match:
                return int(match.group(1)) - 1
        return 0

    def indent(self, style_id: str | None) -> int | None:
        return next((s.indent for s in self.chain(style_id) if s.indent is not None), None)

    def bold(self, style_id: str | None) -> bool | None:
        return self.run_format(style_id)[0]

    def italic(self, style_id: str | None) -> bool | None:
        return self.run_format(style_id)[1]

    def hidden(self, style_id: str | None) -> bool | None:
        return self.run_format(style_id)[2]

    def run_format(self, style_id: str | None) -> tuple[bool | None, bool | None, bool | None]:
        """(bold, italic, hidden) the style chain sets, None where it says nothing; asked for every
        run, so worked out once a style."""
        known = self._run_formats.get(style_id)
        if known is None:
            chain = self.chain(style_id)
            known = self._run_formats[style_id] = (
                next((s.bold for s in chain if s.bold is not None), None),
                next((s.italic for s in chain if s.italic is not None), None),
                next((s.hidden for s in chain if s.hidden is not None), None),
            )
        return known


def _named_heading_level(name: str, style_id: str) -> int | None:
    if name == "title" or style_id == "Title":
        return 1
    match = _HEADING_NAME.fullmatch(name) or _HEADING_ID.fullmatch(style_id)
    return min(int(match.group(1)), MAX_HEADING) if match else None


def outline_to_heading(outline_level: int) -> int | None:
    """``w:outlineLvl`` counts from 0; 9 (and junk) means body text."""
    return min(outline_level + 1, MAX_HEADING) if 0 <= outline_level < 9 else None
