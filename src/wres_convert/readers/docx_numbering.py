"""numbering.xml: which (numId, level) pairs draw a bullet, which a number, and which nothing.

numId → ``w:num`` → ``w:abstractNum`` (following ``w:numStyleLink`` to a numbering style) →
``w:lvl``, with the num's ``w:lvlOverride`` replacing a level when it carries its own ``w:lvl``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from wres_convert.readers.docx_package import to_int, w, wval

NO_MARKER_FORMATS = {"none"}


@dataclass(frozen=True)
class Level:
    num_fmt: str
    lvl_text: str | None


@dataclass(frozen=True)
class ListKind:
    ordered: bool


def _level(lvl: etree._Element) -> Level:
    fmt = wval(lvl.find(w("numFmt")), "decimal") or "decimal"
    return Level(fmt, wval(lvl.find(w("lvlText"))))


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {to_int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in abstract.findall(w("lvl"))}


def _overrides(num: etree._Element) -> dict[int, Level]:
    """Only an override carrying a whole ``w:lvl`` changes the marker; ``w:startOverride`` does not."""
    out: dict[int, Level] = {}
    for override in num.findall(w("lvlOverride")):
        lvl = override.find(w("lvl"))
        if lvl is not None:
            out[to_int(override.get(w("ilvl")), 0)] = _level(lvl)
    return out


class Numbering:
    """Look up the list kind of a numbered paragraph."""

    def __init__(self, root: etree._Element | None, style_num_id: Callable[[str], str | None]) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId → numbering style it defers to
        self._nums: dict[str, tuple[str, dict[int, Level]]] = {}
        self._style_num_id = style_num_id
        if root is None:
            return
        for abstract in root.findall(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId"), "")
            self._abstract[abstract_id] = _levels(abstract)
            link = wval(abstract.find(w("numStyleLink")))
            if link:
                self._style_link[abstract_id] = link
        for num in root.findall(w("num")):
            abstract_id = wval(num.find(w("abstractNumId")), "") or ""
            self._nums[num.get(w("numId"), "")] = (abstract_id, _overrides(num))

    def kind(self, num_id: str | None, ilvl: int) -> ListKind | None:
        """None when the paragraph shows no marker: numId 0, an unknown list, or numFmt ``none``."""
        level = self._find(num_id, ilvl, depth=0)
        if level is None or level.num_fmt in NO_MARKER_FORMATS or level.lvl_text == "":
            return None
        return ListKind(ordered=level.num_fmt != "bullet")

    def _find(self, num_id: str | None, ilvl: int, depth: int) -> Level | None:
        if not num_id or num_id == "0" or num_id not in self._nums or depth > 3:
            return None
        abstract_id, overrides = self._nums[num_id]
        if ilvl in overrides:
            return overrides[ilvl]
        link = self._style_link.get(abstract_id)
        if link is not None:
            # A list that only points at a numbering style: that style's numId holds the levels.
            return self._find(self._style_num_id(link), ilvl, depth + 1)
        return self._abstract.get(abstract_id, {}).get(ilvl)
