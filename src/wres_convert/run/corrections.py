"""Where a return's corrections file is: ``RETURN.corrections.toml`` beside the return (its whole
name, "return.docx.corrections.toml", or its stem, "return.corrections.toml"), or in the folder
``--corrections DIR`` names. casestudy/corrections.py reads and applies it."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from wres_convert.digest import sha256_hex

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.casestudy.corrections import Corrections
    from wres_convert.standard import Standard

SUFFIX = ".corrections.toml"
MAX_BYTES = 1024 * 1024


def corrections_file(
    source: Path, folder: str | None = None, attachment: str | None = None, below: str = ""
) -> Path | None:
    """The corrections file for the return at ``source`` (or for its ``attachment``, when it is a
    message: ``MESSAGE--ATTACHMENT.corrections.toml``, "inbox.eml--return.docx…"), if any.
    ``below``: the return's folder below its inbox, which a ``--corrections`` folder mirrors."""
    from wres_convert.run.names import part_file

    place = Path(folder) / below if folder else source.parent  # an inbox's sub-folders, mirrored
    names = (f"{source.name}--{part_file(attachment)}",) if attachment else (source.name, source.stem)
    for name in names:
        path = place / (name + SUFFIX)
        if path.is_file():
            return path
    return None


def corrections_digest(source: Path, folder: str | None = None, below: str = "") -> str:
    """What the manifest keeps of a return's corrections files (its own, and for a message each
    attachment's), so editing one redoes the pages ("" when there are none)."""
    place = Path(folder) / below if folder else source.parent
    found = [p for p in (corrections_file(source, folder, None, below),) if p]
    try:
        prefix = f"{source.name}--"
        found += [place / name for name in _listed(place) if name.startswith(prefix)]
        if not found:
            return ""
        return sha256_hex(b"".join(p.read_bytes() + b"\0" for p in found))
    except OSError:
        return ""


_LISTINGS: dict[str, tuple[str, ...]] = {}


def _listed(place: Path) -> tuple[str, ...]:
    """The corrections files' names in ``place``, sorted: listed once a run (``forget_listings``
    starts each), since globbing the folder for every return made a batch's time grow with the
    square of the inbox's size."""
    key = str(place)
    if key not in _LISTINGS:
        with os.scandir(place) as entries:
            _LISTINGS[key] = tuple(sorted(e.name for e in entries if e.name.endswith(SUFFIX)))
    return _LISTINGS[key]


def forget_listings() -> None:
    """A new run (a batch, or --watch's next look at the inbox) lists the folders afresh."""
    _LISTINGS.clear()


def load_corrections(
    source: Path, folder: str | None, standard: Standard, attachment: str | None = None, below: str = ""
) -> Corrections | None:
    path = corrections_file(source, folder, attachment, below)
    if path is None:
        return None
    from wres_convert.casestudy.corrections import parse_corrections  # and tomllib: only when needed
    from wres_convert.errors import EXIT_USAGE, ConversionError

    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ConversionError(
            "bad-corrections", f"{path}: cannot be read ({exc.strerror})", "check the file", EXIT_USAGE
        ) from exc
    if len(data) > MAX_BYTES:
        raise ConversionError(
            "bad-corrections", f"{path}: over 1 MB", "a corrections file is a few lines", EXIT_USAGE
        )
    return parse_corrections(data, str(path), standard)


def apply_file(cs: CaseStudy, data: bytes, where: str, standard: Standard | str | None = None) -> CaseStudy:
    """``cs`` with the corrections file ``where`` (its bytes ``data``) applied: the API's ``corrections=``."""
    from wres_convert.casestudy.corrections import apply_corrections, parse_corrections
    from wres_convert.standard import Standard

    pack = (
        standard
        if isinstance(standard, Standard)
        else Standard.load(standard)
        if standard
        else Standard.load()
    )
    return apply_corrections(cs, parse_corrections(data, where, pack), pack)


def below(rel: PurePosixPath) -> str:
    """A return's folder below its inbox ("" at its top), which a --corrections folder mirrors."""
    return rel.parent.as_posix() if rel.parent != PurePosixPath(".") else ""
