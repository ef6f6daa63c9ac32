"""Footnotes and endnotes in a web page, as every producer links them: a mark ``<a href="#X">``
whose target X sits in a note that links back to the mark (Word's ``#_ftn1``/``#_ftnref1``,
LibreOffice's ``#sdfootnote1sym``/``#sdfootnote1anc``, Google Docs' ``#ftnt1``/``#ftnt_ref1``).
Such a note is read where its mark is, as the DOCX reader reads one, and not again at the foot
of the page; a link to a place in the page with no way back is an ordinary link.

The page is indexed in one pass (each element's place, each name's element and note container,
each in-page link by its target), so finding the notes costs the same whatever a hostile page
does: ten thousand marks whose notes never link back cost no scan of their notes each."""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from wres_convert.values import record

NOTE_CONTAINERS = ("div", "li", "aside", "section", "p")  # what holds one note, nearest first
MAX_NOTES = 500


class NoteLink(NamedTuple):
    container: object  # the element holding the note's text
    back: object  # the link back to the mark, which is not the note's text
    mark: str  # as printed: "1", "*", "i"
    kind: str  # "footnote" or "endnote"


@record(eq=False)
class _Index:
    """One pass over the page: each element's place in document order, and the last place
    inside it; each id or name's first element and its note container; the in-page links."""

    start: dict[object, int]
    end: dict[object, int]
    named: dict[str, object]
    container: dict[object, object | None]
    links: dict[str, tuple[list[int], list[object]]]  # by target: their places, and themselves
    anchors: list[object]  # every <a>, in order

    def holds(self, outer: object, el: object) -> bool:
        return self.start[outer] <= self.start[el] <= self.end[outer]

    def back(self, container: object, own: list[str]) -> object | None:
        """The first link inside ``container`` to one of the mark's names."""
        best = None
        for name in own:
            places, links = self.links.get(name, ([], []))
            i = bisect_left(places, self.start[container])
            if i < len(places) and places[i] <= self.end[container] and (best is None or places[i] < best[0]):
                best = (places[i], links[i])
        return best[1] if best else None


def find_notes(root: object) -> dict[object, NoteLink]:
    """Each note mark's ``<a>`` element and its note."""
    index = _index(root)
    found: dict[object, NoteLink] = {}
    for a in index.anchors:
        if len(found) == MAX_NOTES:
            break
        href = (a.get("href") or "").strip()  # type: ignore[attr-defined]
        target = index.named.get(href[1:]) if href.startswith("#") else None
        own = [v for v in (a.get("id"), a.get("name")) if v]  # type: ignore[attr-defined]
        # A note comes after its mark; the link back from the note to the mark is no mark.
        if target is None or not own or index.start[target] < index.start[a]:
            continue
        container = index.container.get(target)
        # A mark inside its would-be note: a table of contents, not a note.
        if container is None or index.holds(container, a):
            continue
        back = index.back(container, own)
        if back is None:
            continue
        mark = "".join(a.itertext()).strip().strip("[]()").strip() or str(len(found) + 1)  # type: ignore[attr-defined]
        kind = "endnote" if "edn" in href.lower() or "endnote" in href.lower() else "footnote"
        found[a] = NoteLink(container, back, mark, kind)
    return found


def _index(root: object) -> _Index:
    from lxml import etree

    index = _Index({}, {}, {}, {}, {}, [])
    open_: dict[str, list[object]] = {tag: [] for tag in NOTE_CONTAINERS}  # the open containers
    place = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "end":
            index.end[el] = place
            if tag in open_:
                open_[tag].pop()
            continue
        place += 1
        index.start[el] = place
        if not tag:
            continue
        if tag in open_:
            open_[tag].append(el)
        for attr in ("id", "name"):
            value = el.get(attr)
            if value and value not in index.named:
                index.named[value] = el
                if el not in index.container:  # the nearest div, else li, …, holding it (or itself)
                    index.container[el] = next((o[-1] for t in NOTE_CONTAINERS if (o := open_[t])), None)
        if tag == "a":
            index.anchors.append(el)
            href = (el.get("href") or "").strip()
            if href.startswith("#"):
                places, links = index.links.setdefault(href[1:], ([], []))
                places.append(place)
                links.append(el)
    return index
