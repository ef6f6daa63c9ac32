"""Where a return's corrections file is: ``RETURN.corrections.toml`` beside the return (its whole
name, "return.docx.corrections.toml", or its stem, "return.corrections.toml"), or in the folder
``--corrections DIR`` names. casestudy/corrections.py reads and applies it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.casestudy.corrections import Corrections
    from wres_convert.standard import Standard

SUFFIX = ".corrections.toml"
MAX_BYTES = 1024 * 1024


def corrections_file(source: Path, folder: str | None = None) -> Path | None:
    """The corrections file for the return at ``source``, if there is one."""
    place = Path(folder) if folder else source.parent
    for name in (source.name + SUFFIX, source.stem + SUFFIX):
        path = place / name
        if path.is_file():
            return path
    return None


def corrections_digest(source: Path, folder: str | None = None) -> str:
    """What the manifest keeps of it, so a changed file redoes the page ("" when there is none)."""
    path = corrections_file(source, folder)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def load_corrections(source: Path, folder: str | None, standard: Standard) -> Corrections | None:
    from wres_convert.casestudy.corrections import parse_corrections
    from wres_convert.errors import EXIT_USAGE, ConversionError

    path = corrections_file(source, folder)
    if path is None:
        return None
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
