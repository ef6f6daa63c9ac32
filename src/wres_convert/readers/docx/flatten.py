"""A Word body nested too deeply to parse, flattened before it is parsed.

libxml2 refuses XML more than 256 levels deep; a table in a table takes three levels (``w:tbl``,
``w:tr``, ``w:tc``), so about 84 nested tables, or 127 nested content controls, reach it. Rather
than call such a file damaged, its XML is streamed once through expat (which keeps its open
elements on a heap stack, so it has no depth limit and nothing recurses) and written out again with
the same limits ``nesting.limit_nesting`` applies to the model: a table deeper than
``MAX_TABLE_DEPTH`` loses its table, row and cell wrappers (and their properties) and its cells'
paragraphs follow on in reading order; a content control deeper than ``MAX_CONTROL_DEPTH`` is
unwrapped (its prompt dropped, as the reader does); runs of wrappers the reader looks through
(``w:customXml``, ``w:ins``, ``w:smartTag``, ``w:hyperlink``…) deeper than ``MAX_WRAPPER_DEPTH``
are unwrapped. The text is kept; the result parses within libxml2's normal limits, so the readers
after it never recurse deeply either.

Only a part without a DTD comes here (Open Packaging Conventions forbid one), so expat never sees
an entity declaration; it never fetches anything in any case.
"""

from __future__ import annotations

import io
from xml.parsers import expat

from wres_convert.readers.docx.namespaces import W
from wres_convert.readers.nesting import MAX_CONTROL_DEPTH, MAX_TABLE_DEPTH
from wres_convert.values import field, record

MAX_WRAPPER_DEPTH = 8  # nested look-through wrappers kept; Word writes one or two
LIMITS = {"table": MAX_TABLE_DEPTH, "control": MAX_CONTROL_DEPTH, "wrapper": MAX_WRAPPER_DEPTH}
WRAPPERS = {"customXml", "smartTag", "ins", "moveTo", "dir", "bdo", "hyperlink", "fldSimple"}
# What an unwrapped element's properties are: left out with it, content and all.
PROPERTIES = {
    "tbl": {"tblPr", "tblGrid", "tblPrEx"},
    "tr": {"trPr", "tblPrEx"},
    "tc": {"tcPr"},
    "sdt": {"sdtPr", "sdtEndPr"},
    "customXml": {"customXmlPr"},
    "smartTag": {"smartTagPr"},
}
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


@record(eq=False)
class _Open:
    """One open element: whether its tags are written, and what it counts towards."""

    name: str  # its local name when in the WordprocessingML namespace, else ""
    kept: bool  # False: unwrapped (its tags dropped, its content still written)
    namespaces: dict[str, str]  # prefix -> URI in scope here
    lost: dict[str, str]  # declarations of unwrapped ancestors the next kept element must repeat
    kind: str = ""  # "table", "control" or "wrapper" when it counts towards a depth
    drop_content: bool = False  # an unwrapped control showing its prompt, or a deleted row


@record(eq=False)
class _Flattener:
    out: io.StringIO = field(default_factory=io.StringIO)
    stack: list[_Open] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LIMITS, 0))
    skipping: int = 0  # >0 while inside a subtree left out whole
    watched: _Open | None = None  # the unwrapped row or control whose properties are being skipped
    changed: bool = False

    def start(self, qname: str, attrs: dict[str, str]) -> None:
        parent = self.stack[-1] if self.stack else None
        namespaces = _in_scope(parent.namespaces if parent else {}, attrs)
        prefix, _, local = qname.rpartition(":")
        name = local if namespaces.get(prefix) == W else ""
        if self.skipping:
            self.skipping += 1
            self._watch(name, attrs)
            return
        if (
            parent is not None
            and not parent.kept
            and (parent.drop_content or name in PROPERTIES.get(parent.name, ()))
        ):
            self.skipping = 1  # a prompt or a deleted row is not content; properties go too
            self.watched = parent if name in ("trPr", "sdtPr") else None
            return
        entry = _Open(name, True, namespaces, parent.lost if parent else {}, _kind(name))
        if entry.kind:
            entry.kept = self.depth[entry.kind] < LIMITS[entry.kind]
        elif name in ("tr", "tc", "sdtContent"):
            entry.kept = self._owner_kept({"tr": "tbl", "tc": "tr", "sdtContent": "sdt"}[name])
        self.stack.append(entry)
        if not entry.kept:
            self.changed = True
            if parent is None or namespaces is not parent.namespaces:  # it declares some itself
                own = {k: v for k, v in namespaces.items() if parent is None or parent.namespaces.get(k) != v}
                entry.lost = {**entry.lost, **own}
            return
        if entry.kind:
            self.depth[entry.kind] += 1
        repeated = {_xmlns(k): v for k, v in entry.lost.items() if _xmlns(k) not in attrs}
        entry.lost = {}
        attributes = "".join(f' {k}="{v.translate(_ATTR_ESCAPES)}"' for k, v in {**repeated, **attrs}.items())
        self.out.write(f"<{qname}{attributes}>")

    def end(self, qname: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        entry = self.stack.pop()
        if entry.kept:
            if entry.kind:
                self.depth[entry.kind] -= 1
            self.out.write(f"</{qname}>")

    def text(self, data: str) -> None:
        if not self.skipping:
            self.out.write(data.translate(_TEXT_ESCAPES))

    def _owner_kept(self, owner: str) -> bool:
        """A row, cell or control content is unwrapped with the table, row or control it is in."""
        for entry in reversed(self.stack):
            if entry.name == owner:
                return entry.kept
        return True

    def _watch(self, name: str, attrs: dict[str, str]) -> None:
        """Inside the skipped properties of an unwrapped row or control, directly: a row deleted
        with tracked changes, or a control still showing its prompt, has no content to keep."""
        if self.watched is None or self.skipping != 2:
            return
        val = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "val"), "true")
        if (name == "del" and self.watched.name == "tr") or (
            name == "showingPlcHdr" and val not in ("0", "false", "off")
        ):
            self.watched.drop_content = True


def _kind(name: str) -> str:
    if name == "tbl":
        return "table"
    if name == "sdt":
        return "control"
    return "wrapper" if name in WRAPPERS else ""


def _in_scope(inherited: dict[str, str], attrs: dict[str, str]) -> dict[str, str]:
    own = {k.partition(":")[2]: v for k, v in attrs.items() if k == "xmlns" or k.startswith("xmlns:")}
    return {**inherited, **own} if own else inherited


def _xmlns(prefix: str) -> str:
    return f"xmlns:{prefix}" if prefix else "xmlns"


def flatten(data: bytes) -> tuple[bytes, bool]:
    """``data`` (a body part's XML, without a DTD) with its too-deep nesting flattened, and
    whether anything was. Raises ``expat.ExpatError`` for XML expat cannot read."""
    flattener = _Flattener()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = flattener.start
    parser.EndElementHandler = flattener.end
    parser.CharacterDataHandler = flattener.text
    parser.Parse(data, True)
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + flattener.out.getvalue()
    return xml.encode("utf-8"), flattener.changed
