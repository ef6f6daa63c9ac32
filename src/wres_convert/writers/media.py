"""Where a page's pictures are: files in a folder beside the page (as pandoc's --extract-media
writes them), or inside the page itself as ``data:`` URIs (--embed-images, a one-file page).

The pictures are already safe (casestudy/images.py re-encoded them); here they are only named.
Writers ask ``current()`` while they render, as they ask notes.py for note numbers, so one
setting reaches every section without threading it through each call.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import quote

from wres_convert.casestudy.images import file_name, sha256
from wres_convert.model import Block, Picture, pictures_of, value


@value
class Media:
    """``folder``: the pictures' folder, relative to the page (``chesterfield-files``); None puts
    them in the page as ``data:`` URIs."""

    folder: str | None = None

    def path(self, picture: Picture) -> str:
        """The picture's file, relative to the page's folder (what the JSON lists)."""
        return f"{self.folder or 'images'}/{file_name(picture)}"

    def src(self, picture: Picture) -> str:
        if self.folder is None:
            return data_uri(picture)
        return quote(self.path(picture))


_CURRENT: ContextVar[Media | None] = ContextVar("media", default=None)


def current() -> Media:
    """The setting in force; outside ``media()``, pictures go in the page (nowhere else is known)."""
    return _CURRENT.get() or Media()


@contextmanager
def media(setting: Media) -> Iterator[Media]:
    token = _CURRENT.set(setting)
    try:
        yield setting
    finally:
        _CURRENT.reset(token)


def data_uri(picture: Picture) -> str:
    return f"data:{picture.media_type};base64,{base64.b64encode(picture.data).decode('ascii')}"


def files(blocks: tuple[Block, ...], setting: Media) -> dict[str, bytes]:
    """The files the blocks' pictures need beside the page: path (relative to the page) → bytes.
    None when the pictures are in the page."""
    if setting.folder is None:
        return {}
    return {setting.path(p): p.data for p in pictures_of(blocks)}


def describe(picture: Picture, setting: Media, *, embed: bool) -> dict[str, object]:
    """A picture as the JSON contract lists it."""
    out: dict[str, object] = {
        "file": setting.path(picture),
        "alt": "" if picture.decorative else picture.alt,
        "decorative": picture.decorative,
        "kind": picture.kind,
        "media_type": picture.media_type,
        "width": picture.width,
        "height": picture.height,
        "sha256": sha256(picture),
    }
    if embed:
        out["data"] = base64.b64encode(picture.data).decode("ascii")
    return out
