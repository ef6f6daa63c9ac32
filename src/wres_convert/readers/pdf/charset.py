"""Characters PDFium decodes wrongly from some producers' fonts, put right; and which are CJK.

Two mistakes are common enough in real returns to repair, and both are told apart by the font:

- **Ghostscript's ligatures.** Ghostscript 9.5x-10.0x writes a ligature's ``ToUnicode`` entry in
  UTF-16 little-endian (``<66006600>`` for "ff"), so "staff" reads as "sta昀昀" in every reader,
  pdftotext included. In a font that is not a CJK font, a CJK ideograph ``U+XX00`` whose high
  byte is an ASCII letter is that letter.
- **HKSCS characters.** Fonts such as PMingLiU encode text as UTF-16 (``UniCNS-UTF16-H``);
  PDFium maps the characters of Hong Kong's supplementary set (many beyond U+FFFF, e.g. 𥕛)
  through its Big5 tables to the Private Use Area. The Big5 user-defined area's standard mapping
  to the PUA is undone here, and Python's ``big5hkscs`` codec gives the character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from wres_convert.text import patterns

# Font families that carry Chinese, Japanese or Korean text (Windows, macOS, Adobe, Google).
CJK_FONT = patterns.compile(
    r"ming|song|sung|kai|hei|fang|yuan|gothic|mincho|batang|gulim|dotum|gungsuh|malgun|hiragino|"
    r"osaka|meiryo|yu ?goth|simsun|simhei|msung|mhei|stsong|stheit|heiti|pingfang|apple ?sd|"
    r"cjk|han ?sans|han ?serif|source ?han|noto ?sans ?(?:sc|tc|jp|kr|hk)|hkscs|big5|gb\d|cns|"
    r"uni(?:gb|cns|jis|ks)",
    re.IGNORECASE,
)

# The Big5 user-defined areas in the order the PUA takes them (the Microsoft/HKSCS convention):
# each row has 157 cells, trail bytes 0x40-0x7E then 0xA1-0xFE.
_UDA = ((0xE000, 0xFA, 0xFE), (0xE311, 0x8E, 0xA0), (0xEEB8, 0x81, 0x8D), (0xF6B1, 0xC6, 0xC8))
_ROW = 157


def is_cjk(code: int) -> bool:
    """A CJK ideograph, kana, hangul or CJK symbol: text that is written without word spaces."""
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul syllables
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFF60  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # ideographs beyond U+FFFF (extensions B-H)
    )


@cache
def _hkscs(code: int) -> int:
    """The character a PUA code point from PDFium's Big5 tables stands for; ``code`` if none."""
    for start, first, last in _UDA:
        offset = code - start
        if 0 <= offset < (last - first + 1) * _ROW:
            lead, cell = first + offset // _ROW, offset % _ROW
            trail = 0x40 + cell if cell < 63 else 0xA1 + cell - 63
            try:
                text = bytes((lead, trail)).decode("big5hkscs")
            except UnicodeDecodeError:
                return code
            if len(text) == 1 and unicodedata.category(text) == "Lo":
                return ord(text)
            return code  # two code points (a base and a mark): leave it, rare and not worth a guess
    return code


def _swapped(code: int) -> bool:
    return code & 0xFF == 0 and 0x4100 <= code <= 0x7A00 and chr(code >> 8).isalpha()


def _latin(code: int) -> bool:
    return code < 0x250 and chr(code).isalpha()


# The ligatures fonts have: a swapped run must spell one of them ("昀昀" is "ff"; "一" is not "N").
_LIGATURES = frozenset({"ff", "fi", "fl", "ffi", "ffl", "ft", "fj", "st", "ct", "Th", "tt"})


def swapped_ligatures(codes: list[int]) -> set[int]:
    """Indexes of Ghostscript's byte-swapped ligature parts: a run of ``U+XX00`` ideographs that
    spells a ligature ("ff", "fi", "ffl"…) with a Latin letter right before or after it, as in
    "sta昀昀"."""
    out: set[int] = set()
    i = 0
    while i < len(codes):
        if not _swapped(codes[i]):
            i += 1
            continue
        j = i
        while j < len(codes) and _swapped(codes[j]):
            j += 1
        before = i > 0 and _latin(codes[i - 1])
        after = j < len(codes) and _latin(codes[j])
        spelt = "".join(chr(c >> 8) for c in codes[i:j])
        if spelt in _LIGATURES and (before or after):
            out.update(range(i, j))
        i = j
    return out


def repair(code: int, cjk_font: bool, swapped: bool = False) -> int:
    """The character PDFium's ``code`` stands for, given whether its font is a CJK font and
    whether it is a byte-swapped ligature part (``swapped_ligatures``)."""
    if 0xE000 <= code <= 0xF8FF:
        return _hkscs(code) if cjk_font else code
    if swapped and not cjk_font:
        return code >> 8
    return code
