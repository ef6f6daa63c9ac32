"""The pictures on a PDF's pages (issue 14): images of a size a reader notices, each as a PNG
placed where it stands, so it joins the answer it sits in.

Left out: small images (bullets, icons, the dots and hairlines some producers draw as images),
an image repeated at the same place on several pages (a header or footer logo), the image of
a scanned page (the page's own warning says its content is missing), and an image under a
figure's labels (a chart whose labels were already kept out of the text).

The pixels come from PDFium (``FPDFImageObj_GetBitmap``: the image's own resolution, its
filters decoded) and become a PNG with Pillow, imported only when a page has a picture. The
case study re-encodes it again, as it does every picture, whatever its reader.
"""

from __future__ import annotations

import ctypes
import io
from collections import defaultdict
from typing import Any, NamedTuple

from wres_convert.digest import sha256_hex
from wres_convert.model import Picture, text_inlines
from wres_convert.readers.pdf.geometry import Box
from wres_convert.readers.sniff import MAX_PIXELS

MIN_POINTS = 36.0  # half an inch both ways: smaller is an icon, a bullet or a rule
PX_PER_PT = 96 / 72  # CSS px per PDF point
_MODES = {1: ("L", "L"), 2: ("RGB", "BGR"), 3: ("RGB", "BGRX"), 4: ("RGBA", "BGRA")}  # FPDFBitmap_*


class Placed(NamedTuple):
    """A picture and where it stands on its page (as displayed, y down)."""

    page: int
    box: Box
    png: bytes
    alt: str = ""
    caption: str = ""
    kind: str = "picture"

    @property
    def key(self) -> tuple[int, int, int, int, str]:
        # Where it stands and what it shows: the same logo on every page has the same key.
        b = self.box
        digest = sha256_hex(self.png)[:16]
        return round(b.x0), round(b.top), round(b.x1 - b.x0), round(b.bottom - b.top), digest

    def picture(self) -> Picture:
        b = self.box
        return Picture(
            self.png,
            "image/png",
            alt=self.alt,
            width=(b.x1 - b.x0) * PX_PER_PT,
            height=(b.bottom - b.top) * PX_PER_PT,
            caption=text_inlines(self.caption),
            kind=self.kind,
        )


def page_pictures(raw: Any, index: int, boxes: list[tuple[Any, Box]]) -> tuple[list[Placed], int]:
    """The page's pictures of a meaningful size, and how many such could not be read (too large
    to decode safely, or damaged); ``boxes``: each image object and its box."""
    out: list[Placed] = []
    lost = 0
    for obj, box in boxes:
        if box.x1 - box.x0 < MIN_POINTS or box.bottom - box.top < MIN_POINTS:
            continue
        png = _png(raw, obj)
        if png is not None:
            out.append(Placed(index, box, png))
        else:
            lost += 1
    return out, lost


def without_repeats(placed: list[Placed]) -> list[Placed]:
    """Leave out an image that stands at the same place on two or more pages: a logo in the
    page's header or footer is furniture, as its running text is."""
    pages: dict[tuple[int, int, int, int, str], set[int]] = defaultdict(set)
    for p in placed:
        pages[p.key].add(p.page)
    return [p for p in placed if len(pages[p.key]) < 2]


def chart_picture(raw: Any, page: Any, index: int, region: Box, labels: list[str]) -> Placed | None:
    """A chart drawn on the page, as a picture of its region: PDFium renders the page at twice
    its size and the region is cut out. Its largest label line (its title, as a rule) is the
    caption and all its labels the alt text, so the chart is on the page and its words with it."""
    scale = 2.0
    width, height = round(raw.FPDF_GetPageWidthF(page) * scale), round(raw.FPDF_GetPageHeightF(page) * scale)
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
        return None
    bitmap = raw.FPDFBitmap_Create(width, height, 0)
    if not bitmap:
        return None
    try:
        raw.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
        raw.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, 0)
        stride = raw.FPDFBitmap_GetStride(bitmap)
        pixels = ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * height)
    finally:
        raw.FPDFBitmap_Destroy(bitmap)
    from PIL import Image

    image = Image.frombuffer("RGB", (width, height), pixels, "raw", "BGRX", stride, 1)
    crop = (
        max(0, int(region.x0 * scale)),
        max(0, int(region.top * scale)),
        min(width, int(region.x1 * scale) + 1),
        min(height, int(region.bottom * scale) + 1),
    )
    if crop[2] - crop[0] < 2 or crop[3] - crop[1] < 2:
        return None
    out = io.BytesIO()
    image.crop(crop).save(out, "PNG")
    caption = labels[0] if labels else ""
    return Placed(index, region, out.getvalue(), alt="; ".join(labels), caption=caption, kind="chart")


def _png(raw: Any, obj: Any) -> bytes | None:
    """The image object's pixels as a PNG, or None when PDFium cannot give them."""
    w, h = ctypes.c_uint(), ctypes.c_uint()
    if raw.FPDFImageObj_GetImagePixelSize(obj, w, h) and w.value * h.value > MAX_PIXELS:
        return None
    bitmap = raw.FPDFImageObj_GetBitmap(obj)
    if not bitmap:
        return None
    try:
        width, height = raw.FPDFBitmap_GetWidth(bitmap), raw.FPDFBitmap_GetHeight(bitmap)
        stride, kind = raw.FPDFBitmap_GetStride(bitmap), raw.FPDFBitmap_GetFormat(bitmap)
        if kind not in _MODES or width <= 0 or height <= 0 or width * height > MAX_PIXELS:
            return None
        pixels = ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * height)
    finally:
        raw.FPDFBitmap_Destroy(bitmap)
    from PIL import Image

    mode, raw_mode = _MODES[kind]
    image = Image.frombuffer(mode, (width, height), pixels, "raw", raw_mode, stride, 1)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
