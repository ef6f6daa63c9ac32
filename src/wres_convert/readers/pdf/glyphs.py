"""Each glyph of a PDF page from PDFium: its text, position, size, weight and slant.

About three calls into PDFium per glyph; style, size and structure tag once per text object,
since all of an object's glyphs share them. Sizes are as printed: the ``Tf`` size scaled by the
text matrix (``1 Tf`` with ``12 0 0 12 x y Tm`` is 12 pt). A size that is still 0 or tiny is
taken from the glyph box or left for ``fill_unknown_sizes``: the layout code divides by sizes.
"""

from __future__ import annotations

import ctypes
import math
import re
import sys
from array import array
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from wres_convert.readers.pdf.charset import CJK_FONT, repair, swapped_ligatures
from wres_convert.readers.pdf.layout import MIN_FONT_SIZE, Char
from wres_convert.readers.pdf.objects import drawn_size, is_artifact
from wres_convert.readers.pdf.rotation import Turned, place, quarter_turns, to_display
from wres_convert.readers.pdf.struct import Tag, object_tag
from wres_convert.text import patterns
from wres_convert.values import record

_BOLD_NAME = patterns.compile(r"bold|black|heavy|semibold|demibold|demi|extrabold|ultrabold", re.IGNORECASE)
_NAMED_FONT = patterns.compile(r"[A-Za-z]{4,}")  # "Calibri", "DejaVuSerif"; not "F1", "TT2", "C2_0"
# Type foundries' short weights after the style dash: "HelveticaNeueLTStd-Bd", "FrutigerLTStd-Blk",
# "-BdIt", "-Hv", "-SmBd", "-XBd".
_BOLD_SHORT = patterns.compile(r"[-,_][A-Za-z]*?(?:Bd|Blk|Hv|Hvy|SmBd|SemiBd|XBd|ExBd|UBd)(?=[A-Z]|$)")
_ITALIC_NAME = patterns.compile(r"italic|oblique|slanted|kursiv", re.IGNORECASE)
_FLAG_ITALIC = 1 << 6
_FLAG_FORCE_BOLD = 1 << 18
_RENDER_FILL_STROKE = 2  # Word's "fake bold" for fonts without a bold face


class Font(NamedTuple):
    bold: bool
    italic: bool
    cjk: bool = False  # a Chinese, Japanese or Korean font (charset.CJK_FONT)


def _font(raw: Any, font: Any) -> Font:
    buf = ctypes.create_string_buffer(256)
    n = raw.FPDFFont_GetBaseFontName(font, buf, 256)
    name = buf.raw[: max(0, n - 1)].decode("utf-8", "replace").split("+")[-1]
    flags = raw.FPDFFont_GetFlags(font)
    angle = ctypes.c_int(0)
    raw.FPDFFont_GetItalicAngle(font, angle)
    # PDFium's weight is worked out from the descriptor's StemV, which producers fill in their own
    # way (Ghostscript's DejaVuSerif comes out at 752): a font's name says more, when it has one.
    named = _NAMED_FONT.search(name) is not None
    bold = (
        bool(_BOLD_NAME.search(name))
        or bool(_BOLD_SHORT.search(name))
        or (not named and raw.FPDFFont_GetWeight(font) >= 600)
        or bool(flags & _FLAG_FORCE_BOLD)
    )
    italic = bool(_ITALIC_NAME.search(name)) or bool(flags & _FLAG_ITALIC) or angle.value != 0
    return Font(bold, italic, bool(CJK_FONT.search(name)))


# The PDFium calls made for every glyph (object, origin, advance box; the ink box and
# "generated" only for some), declared again with their result type alone: pypdfium2's declared
# argument types cost a conversion per argument per call (0.2 µs of a 0.55 µs call), and a PDF
# has thousands of glyphs. A C function declared so takes further arguments unconverted
# (ctypes' documented rule for the C calling convention): the glyph loop passes its index as a
# Python int (a C int) and every pointer as a ``c_void_p`` or ``byref``, made once per page.
# GetTextObject returns the object's address as an int, a key for the glyph's run. PYFUNCTYPE
# (the C calling convention too) keeps the GIL: releasing and taking it again was a seventh of a
# call, and these calls only look up a glyph in a loaded text page, so they return at once.
_INT = ctypes.c_int
_ADDR = ctypes.c_void_p
_GLYPH_CALLS = (
    ("FPDFText_GetTextObject", ctypes.PYFUNCTYPE(_ADDR)),
    ("FPDFText_GetCharBox", ctypes.PYFUNCTYPE(_INT)),
    ("FPDFText_GetCharOrigin", ctypes.PYFUNCTYPE(_INT)),
    ("FPDFText_GetLooseCharBox", ctypes.PYFUNCTYPE(_INT)),
    ("FPDFText_IsGenerated", ctypes.PYFUNCTYPE(_INT)),
)


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


@cache
def _glyph_calls(raw: Any) -> list[Any]:
    return [proto(_address(getattr(raw, name))) for name, proto in _GLYPH_CALLS]


_WHITESPACE = frozenset((0x20, 0x0A, 0x0D, 0x09))  # the only characters PDFium generates


@dataclass(slots=True, eq=False, repr=False)  # never compared or printed: cheaper to define
class _Run:
    """What every glyph of one text object shares."""

    font: Font
    tag: Tag | None
    size: float
    invisible: bool = False  # drawn at size 0: nothing shows on the page, so nothing is read
    turns: int = 0  # quarter turns (counter-clockwise) of its text on the displayed page
    skewed: bool = False  # set at an angle that is no quarter turn: left out
    artifact: bool = False  # a tagged PDF's page furniture (headers, footers, line numbers)
    bold: bool = field(init=False)  # the font's, copied: read for every glyph
    italic: bool = field(init=False)

    def __post_init__(self) -> None:
        self.bold, self.italic = self.font.bold, self.font.italic


@record(eq=False)
class Glyphs:
    """A page's readable glyphs, and whether any were left out as drawn at size 0."""

    chars: list[Char]
    furniture: list[Char] = field(default_factory=list)  # marked /Artifact: kept apart, upright only
    invisible: bool = False
    turned: bool = False  # some text runs sideways or upside down on the displayed page, read
    skewed: bool = False  # some text is set at an angle that is no quarter turn, left out


def glyphs(
    raw: Any,
    text_page: Any,
    index: int,
    height: float,
    links: list[tuple[float, float, float, float, str]],
    fonts: dict[int, Font],
    tags: dict[int, Tag],
    width: float = 0.0,
    rotation: int = 0,
) -> Glyphs:
    """The page's glyphs. About three calls into PDFium per glyph: the text comes in one call,
    and style, size and angle once per text object, since all of an object's glyphs share them.
    ``width`` and ``height`` are the page's size as displayed; ``rotation`` its /Rotate in quarter
    turns. Glyphs on a rotated page, or turned on the displayed page, are placed by ``rotation``."""
    out = Glyphs([])
    count = raw.FPDFText_CountChars(text_page)
    if count <= 0:
        return out
    buffer = (ctypes.c_ushort * (count + 1))()
    got = raw.FPDFText_GetText(text_page, 0, count, buffer)
    units = bytes(buffer)[: max(0, got - 1) * 2]
    units16 = array("H", units)  # PDFium writes UTF-16LE
    if sys.byteorder != "little":
        units16.byteswap()
    codes = units16.tolist()
    if len(codes) != count:  # the indexes no longer line up with PDFium's: ask for each character
        codes = [raw.FPDFText_GetUnicode(text_page, i) for i in range(count)]
    top = max(codes, default=0)  # most pages have no code high enough to need either look
    pairs = _surrogate_pairs(codes) if top >= 0xD800 else set()
    swapped = swapped_ligatures(codes) if top >= 0x4100 else set()
    object_at, char_box, char_origin, loose_box, generated = _glyph_calls(raw)
    loose = raw.FS_RECTF()
    loose_at = ctypes.byref(loose)
    page_at = ctypes.c_void_p(_address(text_page))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box = [ctypes.byref(v) for v in (left, right, bottom, top)]
    origin = [ctypes.byref(v) for v in (ox, oy)]
    runs: dict[int, _Run] = {}
    turned: list[Turned] = []
    spaced = -2  # the index of the last space PDFium generated
    o_x, o_y = origin
    text = ""
    last: Char | None = None  # the last upright glyph read
    keep = out.chars.append
    for i, code in enumerate(codes):
        rare = code < 0x21 or code >= 0xD800 or i in swapped
        if rare:  # kept off the common path: a page has thousands of glyphs
            if i - 1 in pairs:  # the low half of a character beyond U+FFFF, read with its high half
                continue
            if i in pairs:
                code = 0x10000 + ((code - 0xD800) << 10) + (codes[i + 1] - 0xDC00)
            if code == 0xFFFE:  # GetText's stand-in for a line-end hyphen (U+0002) and the like
                code = raw.FPDFText_GetUnicode(text_page, i)
            # PDFium adds spaces and line ends of its own; the layout code makes its own decisions.
            if code in (0, 0xFFFE, 0xFFFF):
                continue
            if code == 3:  # a font without a Unicode map gives glyph indexes: TrueType's 3 is the space
                code = 0x20
            if code in _WHITESPACE and generated(page_at, i) == 1:
                spaced = i if code == 0x20 else -2  # a hint for the next glyph: see layout._make_line
                continue
        key = object_at(page_at, i) or 0
        run = runs.get(key, _Run)
        if run is _Run:
            run = runs[key] = _run(raw, text_page, i, key, fonts, tags, rotation)
        if run.skewed or run.invisible:
            out.skewed = out.skewed or run.skewed
            out.invisible = out.invisible or run.invisible
            continue
        slow = rotation or run.turns
        if code == 0x20 and last is not None and last.size == run.size and not slow and not run.artifact:
            # A written space needs no place of its own: it separates the glyphs either side, and
            # a line keeps it between them. Put at the end of the glyph of its size before it (not
            # a raised or lowered one), it costs no PDFium calls: a sixth of a page's glyphs.
            x, y = last.x1, last.baseline
            href = _href(links, x, x + 0.25 * run.size, y) if links else None  # inside a link or not
            keep(Char(" ", index, x, x, y, run.size, run.bold, run.italic, href, i, run.tag, spaced == i - 1))
            continue
        char_origin(page_at, i, o_x, o_y)
        baseline = height - oy.value
        # A glyph spans its advance (PDFium's loose box), as pdftotext measures it: ink boxes put a
        # narrow "i" a fifth of an em from its neighbours and split letter-spaced words.
        if not slow and loose_box(page_at, i, loose_at) and (x1 := loose.right) > (x0 := loose.left):
            if (at_x := ox.value) <= x0:  # from its origin, or from its box where that is further left
                x0 = at_x
            if i in pairs and loose_box(page_at, i + 1, loose_at):  # the low half ends the glyph
                x1 = max(x1, loose.right)
        else:  # no advance to go by, or a turned glyph whose corners are wanted
            char_box(page_at, i, *box)
            x0, x1 = min(ox.value, left.value), max(right.value, left.value)
            if i in pairs and char_box(page_at, i + 1, *box):
                x1 = max(x1, right.value)
        href = _href(links, x0, x1, baseline) if links and not slow else None
        if rare:
            # PDFium reports every hyphen that ends a line as U+0002; whether it is a real hyphen
            # is decided by pdf_blocks, so hand on the "-" that is printed.
            if code >= 0xE000 or i in swapped:  # charset.py: PUA codes from CJK fonts, gs ligatures
                code = repair(code, run.font.cjk, i in swapped)
            valid = code < 0x110000 and not 0xD800 <= code < 0xE000
            text = "-" if code == 2 else chr(code) if valid else "\ufffd"
        else:
            text = chr(code)
        char = Char(
            text, index, x0, x1, baseline, run.size, run.bold, run.italic, href, i, run.tag, spaced == i - 1
        )
        if run.artifact:
            if not slow:
                out.furniture.append(char)
        elif slow:
            ends = ((left.value, bottom.value), (right.value, top.value))
            corners = tuple(to_display(x, y, rotation, width, height) for x, y in ends)
            at = to_display(ox.value, oy.value, rotation, width, height)
            turned.append(Turned(char, at, corners, run.turns))  # type: ignore[arg-type]
        else:
            keep(char)
            last = char
    if turned:
        out.turned = any(g.turns for g in turned)
        for g in turned:
            if links and not g.turns:
                c = g.char
                placed = place([g], height)[0]
                c.href = _href(links, placed.x0, placed.x1, placed.baseline)
        out.chars.extend(place(turned, height))
    return out


def _href(
    links: list[tuple[float, float, float, float, str]], x0: float, x1: float, baseline: float
) -> str | None:
    cx = (x0 + x1) / 2
    for lx0, ltop, lx1, lbottom, uri in links:
        if lx0 <= cx <= lx1 and ltop - 1 <= baseline <= lbottom + 2:
            return uri
    return None


def _surrogate_pairs(codes: list[int]) -> set[int]:
    """Indexes of the high halves of UTF-16 surrogate pairs: PDFium gives a character beyond
    U+FFFF (an emoji, a mathematical letter) as two characters, one per UTF-16 unit."""
    return {
        i for i in range(len(codes) - 1) if 0xD800 <= codes[i] < 0xDC00 and 0xDC00 <= codes[i + 1] < 0xE000
    }


def _run(
    raw: Any,
    text_page: Any,
    i: int,
    key: int,
    fonts: dict[int, Font],
    tags: dict[int, Tag],
    rotation: int = 0,
) -> _Run:
    """The shared style of the text object glyph ``i`` belongs to."""
    turns = quarter_turns(raw.FPDFText_GetCharAngle(text_page, i), rotation)
    if turns is None:  # at a slant: a watermark, as a rule
        return _Run(Font(False, False), None, 0.0, skewed=True)
    obj = raw.FPDFText_GetTextObject(text_page, i) if key else None
    # Tagged PDFs mark running headers, footers and page numbers as artifacts: not content.
    artifact = bool(obj) and is_artifact(raw, obj)
    size = _effective_size(raw, text_page, i)
    if not _plausible(size):
        size = _fallback_size(raw, text_page, i)
        if size == 0.0 and obj and drawn_size(raw, obj) == 0.0:
            return _Run(Font(False, False), None, 0.0, invisible=True)  # "0 Tf": nothing is drawn
    size = round(size, 1)
    tag = object_tag(raw, obj, tags) if obj else None
    return _Run(_object_style(raw, obj, fonts), tag, size, turns=turns, artifact=artifact)


def _plausible(size: float) -> bool:
    return math.isfinite(size) and size >= MIN_FONT_SIZE  # NaN fails both


def _effective_size(raw: Any, text_page: Any, i: int) -> float:
    """The size glyph ``i`` is printed at: its ``Tf`` size as the text matrix (and the CTM) scale
    it. Quartz, PDFMaker, Distiller, cairo and iText set ``1 Tf`` and scale the text with
    ``12 0 0 12 x y Tm``, so PDFium's font size alone says 1.0. The scale is the square root of the
    matrix's determinant, which a rotation leaves alone."""
    size = raw.FPDFText_GetFontSize(text_page, i)
    matrix = raw.FS_MATRIX()
    if math.isfinite(size) and raw.FPDFText_GetMatrix(text_page, i, matrix):
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        if math.isfinite(scale) and scale > 0:
            return abs(size) * scale
    return size


def _fallback_size(raw: Any, text_page: Any, i: int) -> float:
    """The size of a glyph whose scaled font size is 0 or tiny: the height of its glyph box; 0.0
    when that does not say either, and ``fill_unknown_sizes`` gives it the document's body size.
    Layout divides by sizes."""
    box = raw.FS_RECTF()
    if raw.FPDFText_GetLooseCharBox(text_page, i, box):
        height = abs(box.top - box.bottom)
        if _plausible(height):
            return height
    return 0.0


def _object_style(raw: Any, obj: Any, fonts: dict[int, Font]) -> Font:
    if not obj:
        return Font(False, False)
    font = raw.FPDFTextObj_GetFont(obj)
    fkey = ctypes.cast(font, ctypes.c_void_p).value or 0
    if fkey not in fonts:
        fonts[fkey] = _font(raw, font) if font else Font(False, False)
    style = fonts[fkey]
    if not style.bold and raw.FPDFTextObj_GetTextRenderMode(obj) == _RENDER_FILL_STROKE:
        style = Font(True, style.italic, style.cjk)
    return style
