"""Pictures made safe to publish: nothing from the submission's image bytes reaches a page as is.

A picture in a return is a file the trust made with any software, and may carry what nobody meant
to publish (a phone photo's EXIF, GPS position included) or be built to hurt (a decompression
bomb, an SVG with script). So only PNG, JPEG and GIF are accepted, decoded by Pillow under a
pixel cap and encoded afresh without metadata. EMF and WMF, Word's usual form for a pasted chart,
are drawn to PNG by LibreOffice when it is installed, then go the same way. Everything else (SVG,
TIFF, an image only linked from outside the document) is left out with a warning that says so.

Pillow is imported only when a return has pictures: the CLI's start-up never pays for it.
"""

from __future__ import annotations

import io
import warnings as pywarnings

from wres_convert.digest import sha256_hex
from wres_convert.model import Block, Control, Message, Paragraph, Picture, Table, text_inlines
from wres_convert.readers.sniff import MAX_PIXELS, image_type
from wres_convert.values import replace

SOFFICE_SECONDS = 60
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
NAMES = {
    "image/emf": "EMF",
    "image/wmf": "WMF",
    "image/svg+xml": "SVG",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "image/webp": "WebP",
}


class Unusable(Exception):
    """This image cannot be published; the message says why, for the reviewer."""


def file_name(picture: Picture) -> str:
    """The name a published picture's file has: its content's digest, so a page always names an
    image the same way and a changed image never keeps a stale file's name."""
    return f"image-{sha256(picture)[:16]}.{EXTENSIONS.get(picture.media_type, 'bin')}"


def sha256(picture: Picture) -> str:
    return sha256_hex(picture.data)


def publishable(blocks: tuple[Block, ...], where: str, warnings: list[Message]) -> tuple[Block, ...]:
    """The blocks with each picture re-encoded, or left out with a warning (in tables and
    controls too). A chart with no picture keeps its title and alt text as a paragraph."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Picture):
            out.extend(_publishable(b, where, warnings))
        elif isinstance(b, Table):
            rows = tuple(
                tuple(replace(c, blocks=publishable(c.blocks, where, warnings)) for c in row)
                for row in b.rows
            )
            out.append(Table(rows))
        elif isinstance(b, Control):
            out.append(replace(b, blocks=publishable(b.blocks, where, warnings)))
        else:
            out.append(b)
    return tuple(out)


def _described(p: Picture) -> str:
    said = p.alt or p.title or p.text
    return f" ('{' '.join(said.split())[:80]}')" if said else ""


def _publishable(p: Picture, where: str, warnings: list[Message]) -> list[Block]:
    what = "a chart" if p.kind == "chart" else "an image"
    if not p.data:
        if p.link:  # never fetched: the request would tell a stranger who is reading the return
            warnings.append(
                Message(
                    "image-linked",
                    f"{what} in '{where}'{_described(p)} is linked from outside the document and was not "
                    "fetched: left out; put the image itself in the document to publish it",
                )
            )
        # A chart's title and description are its content for a reader who cannot see it.
        text = p.caption or text_inlines(p.alt)
        kept = p.kind == "chart" and bool(text)
        if not p.link:
            outcome = "its title is kept as text; add a picture of it by hand" if kept else "left out"
            warnings.append(
                Message("image-missing", f"{what} in '{where}'{_described(p)} has no picture: {outcome}")
            )
        return [Paragraph(text)] if kept else []
    try:
        data, media_type, size = _safe_bytes(p.data)
    except Unusable as why:
        warnings.append(Message("image-dropped", f"{what} in '{where}'{_described(p)} was left out: {why}"))
        return [Paragraph(p.caption)] if p.caption else []
    width, height = _display_size(p, size)
    if not p.alt and not p.decorative:
        warnings.append(
            Message(
                "image-no-alt",
                f"{what} in '{where}' has no alt text: add a description of it for people who cannot see it",
            )
        )
    return [replace(p, data=data, media_type=media_type, width=width, height=height, link="")]


def _display_size(p: Picture, pixels: tuple[int, int]) -> tuple[int, int]:
    """Whole CSS px (as <img> needs): the source's display size when it gives one, the image's
    own pixels otherwise; a missing side keeps the image's proportions."""
    pw, ph = pixels
    w, h = p.width, p.height
    if w and not h:
        h = w * ph / pw
    elif h and not w:
        w = h * pw / ph
    if not w or not h:
        w, h = pw, ph
    return max(1, round(w)), max(1, round(h))


def _safe_bytes(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    """(new bytes, media type, pixel size) for an image, or Unusable."""
    kind = image_type(data)
    if kind in ("image/emf", "image/wmf"):
        data = _metafile_png(data, NAMES[kind])
        kind = image_type(data)
    if kind == "image/svg+xml":
        raise Unusable("SVG is never published as it is (it can carry script); paste it as a PNG picture")
    if kind not in EXTENSIONS:
        name = NAMES.get(kind, "an unknown format")
        raise Unusable(f"{name} is not published; paste it as a PNG or JPEG picture")
    return _reencode(data)


def _reencode(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with pywarnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and refuses at twice that; refuse at once.
            pywarnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "GIF"]) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise Unusable(
                        f"it is {im.width} × {im.height} pixels, over the {MAX_PIXELS:,} pixel limit"
                    )
                fmt = im.format
                im.seek(0)  # an animated GIF: its first frame (moving pictures need a pause, WCAG 2.2.2)
                # A photo's EXIF turn is applied before the EXIF goes, so it is not shown on its side.
                frame = ImageOps.exif_transpose(im) if fmt == "JPEG" else im.copy()
    except Unusable:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Unusable("it is too large to decode safely") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise Unusable("it could not be read as an image") from exc
    out = io.BytesIO()
    # Saved without info or exif arguments, and with the image's own info emptied: Pillow's
    # writers fall back on it (a JPEG's comment, a PNG's ICC profile, which can hold any text).
    frame.info.clear()
    if fmt == "JPEG":
        if frame.mode not in ("RGB", "L"):
            frame = frame.convert("RGB")
        frame.save(out, "JPEG", quality=90)
        return out.getvalue(), "image/jpeg", frame.size
    if frame.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        frame = frame.convert("RGBA")
    frame.save(out, "PNG")
    return out.getvalue(), "image/png", frame.size


def _metafile_png(data: bytes, name: str) -> bytes:
    """An EMF or WMF drawn to PNG by LibreOffice (in a private profile and folder, with a time
    limit), or Unusable."""
    from wres_convert.readers.legacy import OfficeFailed, office_convert, soffice  # only for a metafile

    exe = soffice()
    if exe is None:
        raise Unusable(f"{name} pictures need LibreOffice to be converted, and it is not installed")
    try:
        return office_convert(exe, data, f".{name.lower()}", "png", ".png", SOFFICE_SECONDS)
    except OfficeFailed as why:
        raise Unusable(f"LibreOffice could not convert the {name} picture ({why})") from None


def without_metadata(data: bytes) -> bytes:
    """A JPEG, PNG or GIF re-encoded in its own format without its metadata (EXIF with a GPS
    position, XMP, comments, text chunks, ICC profiles), for a copy of the return that keeps its
    file names and content types (the published original). Data that is no such image is given
    back as it is; such an image that cannot be re-encoded safely raises Unusable, so the caller
    never publishes it as it came."""
    kind = image_type(data)
    if kind not in ("image/jpeg", "image/png", "image/gif"):
        return data
    if kind == "image/gif":
        return _gif_without_metadata(data)
    new, media_type, _ = _reencode(data)
    if media_type != kind:
        raise Unusable("it could not be kept in its own format")
    return new


def _gif_without_metadata(data: bytes) -> bytes:
    """A GIF's first frame as a GIF without its comment or extensions (a copy keeps its type)."""
    from PIL import Image

    new, _, _ = _reencode(data)  # the checks and limits every picture gets; a PNG of frame one
    with Image.open(io.BytesIO(new)) as im:
        frame = im.copy()
    frame.info.clear()
    out = io.BytesIO()
    frame.save(out, "GIF")
    return out.getvalue()
