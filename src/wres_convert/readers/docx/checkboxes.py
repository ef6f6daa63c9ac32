"""Word's tick boxes read as their state, written as ``text.ticks.CHECKED``/``UNCHECKED``.

Word keeps a check box's state apart from what it shows: a ``w14:checkbox`` content control's
``w14:checked``, a legacy form field's ``w:ffData/w:checkBox``. The glyph inside a control may be
stale or in a symbol font, and a legacy check box has no text at all, so the state decides.
"""

from __future__ import annotations

from lxml import etree

from wres_convert.readers.docx.package import w
from wres_convert.text.ticks import CHECKED, UNCHECKED, cell_tick

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_OFF = ("0", "false", "off")
_ASCII, _HANSI = w("ascii"), w("hAnsi")
_FONTS_PATH = f"{w('rPr')}/{w('rFonts')}"

# Box glyphs of the symbol fonts Word's check boxes use, by font and code (w:sym's w:char, whose
# private-use form F0xx is the font's xx).
_SYMBOL_BOXES = {
    "wingdings": {0xFE: CHECKED, 0xFD: CHECKED, 0x78: CHECKED, 0xA8: UNCHECKED, 0x6F: UNCHECKED},
    "wingdings 2": {0x54: CHECKED, 0x52: CHECKED, 0x53: CHECKED, 0xA3: UNCHECKED, 0x2A: UNCHECKED},
}


def control_mark(sdt: etree._Element) -> str | None:
    """The mark for a ``w14:checkbox`` content control, from ``w14:checked``; None for other controls."""
    pr = sdt.find(w("sdtPr"))
    box = pr.find(f"{{{W14}}}checkbox") if pr is not None else None
    if box is None:
        return None
    checked = box.find(f"{{{W14}}}checked")
    # OOXML's on/off: a bare <w14:checked/> is on, as a bare legacy <w:checked/> is
    value = checked.get(f"{{{W14}}}val", "1") if checked is not None else "0"
    return UNCHECKED if value.strip().lower() in _OFF else CHECKED


def field_mark(fld_char: etree._Element) -> str | None:
    """The mark for a legacy check box, from the ``w:ffData`` of its ``begin`` ``w:fldChar``:
    ``w:checked`` when present (a bare one is ticked), else ``w:default``. None for other fields."""
    box = fld_char.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    checked = box.find(w("checked"))
    if checked is None:
        checked = box.find(w("default"))
        if checked is None:
            return UNCHECKED
    value = checked.get(w("val"), "1").strip().lower()
    return UNCHECKED if value in _OFF else CHECKED


def symbol_text(text: str, run: etree._Element) -> str:
    """A run's text with the box glyphs of a symbol font it is set in as marks: Wingdings "þ" is a
    ticked box, "¨" an empty one. Text in other fonts comes back as it is."""
    return fonts_symbol_text(text, run.find(_FONTS_PATH))


def fonts_symbol_text(text: str, fonts: etree._Element | None) -> str:
    """``symbol_text`` for a run whose ``w:rPr/w:rFonts`` (or None) the caller has already found."""
    if fonts is None:
        return text
    font = fonts.get(_ASCII) or fonts.get(_HANSI) or ""
    boxes = _SYMBOL_BOXES.get(font.strip().lower())
    if not boxes:
        return text
    return "".join(boxes.get(ord(ch) & 0xFF if ord(ch) >= 0xF000 else ord(ch), ch) for ch in text)


def symbol_mark(sym: etree._Element) -> str | None:
    """The mark a ``w:sym`` box glyph shows (Wingdings' ticked and empty boxes, or a Unicode box in
    any font); None for any other symbol, which adds no text as before."""
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return None
    font = (sym.get(w("font")) or "").strip().lower()
    if font in _SYMBOL_BOXES:
        return _SYMBOL_BOXES[font].get(code & 0xFF if code >= 0xF000 else code)
    if not 0x80 <= code < 0x110000:
        return None  # a letter ("x", "y") drawn as a symbol is no box
    ticked = cell_tick(chr(code))  # the one vocabulary of marks (text.ticks)
    return None if ticked is None else CHECKED if ticked else UNCHECKED
