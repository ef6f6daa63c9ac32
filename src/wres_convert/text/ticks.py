"""The one tick-box vocabulary: what a ticked and an unticked box look like once read.

Readers write a box they can read the state of (a Word check-box control, a legacy form check box,
a Wingdings box glyph) as ``CHECKED`` or ``UNCHECKED``; trusts type the rest ("X", "[x]", "yes",
"✓"). The items' answer reads them here, in a table cell (``cell_tick``) or at the start or end of
a line (``line_tick``), so a new way of ticking is added once, below.
"""

from __future__ import annotations

from wres_convert.text import patterns

CHECKED, UNCHECKED = "☒", "☐"  # what the readers write for a box whose state they know

# Box and tick glyphs, each ticked or not. The private-use ones are Wingdings' boxes as a PDF or a
# copy from Word gives them (U+F0FE ☑, U+F0FD ☒, U+F078 ⌧; U+F0A8 and U+F06F empty boxes).
_SYMBOL_TICKED = "☒☑✓✔✅\uf0fe\uf0fd\uf078"
_SYMBOL_UNTICKED = "☐□✗✘\uf0a8\uf06f"  # ✗ beside ✓ is "no"; a typed "X" in a box is a tick

# Whole-cell marks, compared in lower case after squeezing spaces.
TICKED = frozenset({*_SYMBOL_TICKED, "x", "yes", "y", "[x]", "(x)", "[✓]", "ticked"})
UNTICKED = frozenset({*_SYMBOL_UNTICKED, "no", "n", "[ ]", "( )", "[]", "()", "-"})

# Marks that may open or close a line ("☒ Indicator 7 – …", "[x] Indicator 3", "X  Indicator 2:").
# A bare letter counts only at a line's start and before more text; the words "yes"/"no" never do
# on a line, where they are prose.
_MARK = rf"(?P<sym>[{_SYMBOL_TICKED}{_SYMBOL_UNTICKED}])|(?P<box>[\[(]\s*[xX✓✔]?\s*[\])])|(?P<x>[xX])(?=\s)"
_LEAD = patterns.compile(rf"^\s*(?:{_MARK})\s*")
# The same marks without their group names, for a pattern that lets an item line open with one
# (the item grammar's LEAD: "☐ Indicator 4 – …" is an item line, not a question).
LEAD_MARK = patterns.compile(r"\?P<\w+>").sub("?:", _MARK)
# A box glyph or a bracketed box ("☐", "[x]", "( )"), never a bare letter: a mark that opens an
# item line even inside other text.
BOX_MARK = rf"[{_SYMBOL_TICKED}{_SYMBOL_UNTICKED}]|[\[(]\s*[xX✓✔]?\s*[\])]"
_TRAIL = patterns.compile(rf"\s*[-–—:]?\s*(?P<sym>[{_SYMBOL_TICKED}{_SYMBOL_UNTICKED}])\s*$")
_TICK = patterns.compile(r"[xX✓✔]")


def cell_tick(text: str) -> bool | None:
    """True for a ticked cell ("☒", "X", "yes"), False for an unticked one ("☐", "no"), else None."""
    key = " ".join(text.split()).lower()
    if key in TICKED:
        return True
    if key in UNTICKED:
        return False
    return None


def line_tick(text: str) -> tuple[bool, int, int] | None:
    """A line opened or closed by a tick mark: (ticked, start, end) of the text the mark is about,
    or None for a line with no mark."""
    m = _LEAD.match(text)
    if m and m.end() < len(text):
        mark = m.group("sym") or m.group("box") or m.group("x")
        ticked = mark in _SYMBOL_TICKED or bool(_TICK.search(mark))
        return ticked, m.end(), len(text)
    m = _TRAIL.search(text)
    if m and m.start() > 0:
        return m.group("sym") in _SYMBOL_TICKED, 0, m.start()
    return None
