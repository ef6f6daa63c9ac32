"""Footnotes and endnotes in a web page, as every producer links them: a mark ``<a href="#X">``
whose target X sits in a note that links back to the mark (Word's ``#_ftn1``/``#_ftnref1``,
LibreOffice's ``#sdfootnote1sym``/``#sdfootnote1anc``, Google Docs' ``#ftnt1``/``#ftnt_ref1``).
Such a note is read where its mark is, as the DOCX reader reads one, and not again at the foot
of the page; a link to a place in the page with no way back is an ordinary link."""

from __future__ import annotations

from dataclasses import dataclass

NOTE_CONTAINERS = ("div", "li", "aside", "section", "p")  # what holds one note, nearest first
MAX_NOTES = 500


@dataclass(frozen=True)
class NoteLink:
    container: object  # the element holding the note's text
    back: object  # the link back to the mark, which is not the note's text
    mark: str  # as printed: "1", "*", "i"
    kind: str  # "footnote" or "endnote"


def find_notes(root: object) -> dict[object, NoteLink]:
    """Each note mark's ``<a>`` element and its note."""
    named: dict[str, object] = {}
    order: dict[object, int] = {}
    for i, el in enumerate(root.iter()):  # type: ignore[attr-defined]
        order[el] = i
        for attr in ("id", "name"):
            value = el.get(attr) if isinstance(el.tag, str) else None
            if value and value not in named:
                named[value] = el
    found: dict[object, NoteLink] = {}
    for a in root.iter("a"):  # type: ignore[attr-defined]
        href = (a.get("href") or "").strip()
        target = named.get(href[1:]) if href.startswith("#") else None
        own = [v for v in (a.get("id"), a.get("name")) if v]
        # A note comes after its mark; the link back from the note to the mark is no mark.
        if target is None or not own or order[target] < order[a] or len(found) == MAX_NOTES:
            continue
        container = _container(target)
        back = (
            next((b for b in container.iter("a") if (b.get("href") or "").strip()[1:] in own), None)
            if container is not None
            else None
        )
        if container is None or back is None or _holds(container, a):
            continue
        mark = "".join(a.itertext()).strip().strip("[]()").strip() or str(len(found) + 1)
        kind = "endnote" if "edn" in href.lower() or "endnote" in href.lower() else "footnote"
        found[a] = NoteLink(container, back, mark, kind)
    return found


def _container(target: object) -> object | None:
    for tag in NOTE_CONTAINERS:
        el = target
        while el is not None and isinstance(el.tag, str):  # type: ignore[attr-defined]
            if el.tag.lower() == tag and el.tag.lower() not in ("body", "html"):  # type: ignore[attr-defined]
                return el
            el = el.getparent()  # type: ignore[attr-defined]
    return None


def _holds(container: object, el: object) -> bool:
    """The mark itself lies inside the would-be note: a table of contents, not a note."""
    while el is not None:
        if el is container:
            return True
        el = el.getparent()  # type: ignore[attr-defined]
    return False
