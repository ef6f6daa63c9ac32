"""Trim a Word file's parts to the styles it uses, as a file saved by Word carries them.

python-docx's default template, which ``samples/chesterfield.docx`` was made from, leaves a 350 KB
``word/styles.xml`` (164 styles) and a 440 KB ``word/stylesWithEffects.xml`` in every file it writes.
A file saved by Word carries only the styles its text uses (about 20 KB), and no
stylesWithEffects.xml since Word 2013. :func:`lean` gives the same parts with

- ``word/styles.xml`` keeping its ``w:docDefaults`` and ``w:latentStyles`` whole, and of its
  ``w:style`` elements only those the other parts reference (``w:pStyle``, ``w:rStyle``,
  ``w:tblStyle``, ``w:numStyleLink``, ``w:styleLink``: the document, its numbering, headers,
  footers and notes), the default style of each type (``w:default="1"``: Normal, Default Paragraph
  Font, Normal Table, No List), and what those are based on, linked to or followed by, recursively;
- ``word/stylesWithEffects.xml`` dropped, with its relationship and its content-type entry;
- every other part kept byte for byte.
"""

from __future__ import annotations

import functools
import posixpath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VAL = f"{{{W}}}val"
STYLE_ID = f"{{{W}}}styleId"
REFERENCES = tuple(f"{{{W}}}{t}" for t in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink"))
FOLLOWS = tuple(f"{{{W}}}{t}" for t in ("basedOn", "link", "next"))
STYLES = "word/styles.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def _xml(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def referenced(parts: dict[str, bytes]) -> frozenset[str]:
    """The style ids the parts under word/ name, other than the styles parts themselves."""
    used: set[str] = set()
    for name, data in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")) or "/_rels/" in name:
            continue
        if name.startswith("word/styles"):  # styles.xml, stylesWithEffects.xml
            continue
        for el in etree.fromstring(data).iter(*REFERENCES):
            if el.get(VAL):
                used.add(el.get(VAL))
    return frozenset(used)


@functools.lru_cache(maxsize=8)
def lean_styles(styles: bytes, used: frozenset[str]) -> bytes:
    """``styles`` (word/styles.xml) with only the ``w:style`` elements ``used`` needs."""
    tree = etree.fromstring(styles)
    by_id = {s.get(STYLE_ID): s for s in tree.iterchildren(f"{{{W}}}style")}
    keep: set[str] = set()
    todo = [i for i in used if i in by_id]
    todo += [i for i, s in by_id.items() if s.get(f"{{{W}}}default") in ("1", "true", "on")]
    while todo:
        sid = todo.pop()
        if sid in keep:
            continue
        keep.add(sid)
        todo += [el.get(VAL) for el in by_id[sid].iterchildren(*FOLLOWS) if el.get(VAL) in by_id]
    for sid, style in by_id.items():
        if sid not in keep:
            tree.remove(style)
    return _xml(tree)


def lean(parts: dict[str, bytes], names: list[str]) -> tuple[dict[str, bytes], list[str]]:
    """The parts (and their order) with lean styles and no stylesWithEffects.xml; see the module."""
    out = dict(parts)
    out[STYLES] = lean_styles(parts[STYLES], referenced(parts))
    rels = etree.fromstring(parts[DOCUMENT_RELS])
    dropped = []
    for rel in rels.findall(f"{{{RELS}}}Relationship"):
        if rel.get("Type") == WITH_EFFECTS:
            dropped.append(posixpath.normpath(posixpath.join("word", rel.get("Target"))))
            rels.remove(rel)
    if not dropped:
        return out, list(names)
    out[DOCUMENT_RELS] = _xml(rels)
    types = etree.fromstring(parts[CONTENT_TYPES])
    for override in types.findall(f"{{{TYPES}}}Override"):
        if override.get("PartName", "").lstrip("/") in dropped:
            types.remove(override)
    out[CONTENT_TYPES] = _xml(types)
    for name in dropped:
        out.pop(name, None)
    return out, [n for n in names if n not in dropped]
