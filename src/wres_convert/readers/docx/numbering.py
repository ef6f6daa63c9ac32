"""numbering.xml: which (numId, level) pairs draw a bullet, which a number, and which nothing;
and which numbered paragraph Word numbers anew.

numId → ``w:num`` → ``w:abstractNum`` (following ``w:numStyleLink`` to a numbering style) →
``w:lvl``, with the num's ``w:lvlOverride`` replacing a level when it carries its own ``w:lvl``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from wres_convert.readers.docx.package import to_int, w, wval

NO_MARKER_FORMATS = {"none"}


class Level(NamedTuple):
    num_fmt: str
    lvl_text: str | None


class ListKind(NamedTuple):
    ordered: bool


def _level(lvl: etree._Element) -> Level:
    fmt = wval(lvl.find(w("numFmt")), "decimal") or "decimal"
    return Level(fmt, wval(lvl.find(w("lvlText"))))


def _levels(abstract: etree._Element) -> dict[int, Level]:
    return {to_int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in abstract.findall(w("lvl"))}


def _restarted_levels(num: etree._Element) -> frozenset[int]:
    """Levels the num numbers afresh: a ``w:startOverride``, or a whole ``w:lvl`` of its own."""
    return frozenset(
        to_int(override.get(w("ilvl")), 0)
        for override in num.findall(w("lvlOverride"))
        if override.find(w("startOverride")) is not None or override.find(w("lvl")) is not None
    )


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
        self._restarts: dict[str, frozenset[int]] = {}  # numId → levels it restarts
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
            self._restarts[num.get(w("numId"), "")] = _restarted_levels(num)

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

    def list_id(self, num_id: str, depth: int = 0) -> str:
        """The abstract list a numId counts in: nums sharing one continue each other's numbering.
        A list defined only by a numbering style counts in that style's list."""
        abstract_id = self._nums.get(num_id, ("", {}))[0]
        link = self._style_link.get(abstract_id)
        linked = self._style_num_id(link) if link is not None and depth < 3 else None
        return self.list_id(linked, depth + 1) if linked else abstract_id

    def starts_anew(self, previous: str, num_id: str, ilvl: int, counted: bool = True) -> bool:
        """Whether ``num_id`` begins a new list after items of ``previous`` at ``ilvl``: another
        list, or (for counted lists) the same list told to start its count again."""
        if num_id == previous:
            return False
        if counted and ilvl in self._restarts.get(num_id, ()):
            return True
        return self.list_id(num_id) != self.list_id(previous)


class Restarts:
    """Follows Word's list numbering through the document to say where a list starts anew.

    A numbered list counts on across anything in between (its next item shows "3."), so numbered
    items are compared with the last numbered item at their level. Bullets have no count: a bullet
    list is only "new" when a different list follows another bullet list directly.
    """

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._ordered: dict[int, str] = {}  # level → numId of the last numbered item there
        self._bullets: dict[int, str] = {}  # level → numId of the bullet item just before

    def item(self, num_id: str, ilvl: int, level: int, ordered: bool) -> bool:
        """Record one Word list item (``ilvl`` in numbering.xml, drawn at ``level``); True when it
        starts a new list."""
        for seen in (self._ordered, self._bullets):
            for deeper in [lvl for lvl in seen if lvl > level]:
                del seen[deeper]  # a new parent item starts its sub-lists afresh
        seen = self._ordered if ordered else self._bullets
        previous = seen.get(level)
        seen[level] = num_id
        if ordered:
            self._bullets.pop(level, None)
        return previous is not None and self._numbering.starts_anew(previous, num_id, ilvl, ordered)

    def interrupt(self) -> None:
        """Something other than a Word list item came next: no bullet list continues past it."""
        self._bullets.clear()
