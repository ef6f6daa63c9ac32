"""Where results go and how they are written: planned up front so that two inputs never write
the same file, and written atomically so a reader never sees half a page."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from wres_convert.errors import EXIT_CANNOT_WRITE, EXIT_USAGE, ConversionError

EXTENSIONS = {"html": ".html", "md": ".md", "json": ".json"}
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "json",
}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def format_for(output: str | None) -> str | None:
    """The output format an ``-o`` path implies by its suffix, if any."""
    if output and output != "-":
        return SUFFIXES.get(Path(output).suffix.lower())
    return None


def _is_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def check_usage(sources: list[Path], output: str | None, fmt: str) -> None:
    """Refuse combinations that cannot mean what the user wants, before any work is done."""
    if len(sources) < 2 or output is None:
        return
    if output == "-" and fmt != "json":
        raise ConversionError(
            "usage",
            "several inputs to standard output need --format json (one JSON object per line)",
            "",
            EXIT_USAGE,
        )
    if output != "-" and not _is_folder(output) and format_for(output):
        raise ConversionError(
            "usage",
            f"several inputs cannot all be written to the one file {output}",
            "end -o with / for a folder",
            EXIT_USAGE,
        )


# How a file we wrote begins: anything else at a target path is someone's own file.
OUR_MARKERS = (
    b'name="generator" content="wres-convert',
    b"generator: wres-convert",
    b'"schema": "wres-case-study/',
)


def safe_stem(stem: str) -> str:
    """An output name from an input's: letters, digits and dashes only, never a path."""
    from slugify import slugify

    return slugify(stem, lowercase=False, max_length=100) or "case-study"


def plan_targets(sources: list[Path], output: str | None, fmt: str) -> list[Path | None]:
    """Each input's output path (None: standard output). Same-named inputs (a.docx, a.pdf) that
    would land on one file get the input's type in their names instead (a-docx.html, a-pdf.html)."""
    ext = EXTENSIONS[fmt]
    if output == "-":
        return [None] * len(sources)
    if output is not None and len(sources) == 1 and not _is_folder(output):
        return [Path(output)]
    folder = Path(output) if output is not None else None
    targets = [(folder or s.parent) / (safe_stem(s.stem) + ext) for s in sources]
    clashes = Counter(t.resolve() for t in targets)
    return [
        t.with_name(f"{safe_stem(s.stem)}-{s.suffix.lstrip('.').lower() or 'file'}{ext}")
        if clashes[t.resolve()] > 1
        else t
        for s, t in zip(sources, targets, strict=True)
    ]


def is_ours(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4096)
    return any(marker in head for marker in OUR_MARKERS)


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path``, or raise a ConversionError saying why it could not be written.

    A symbolic link is written through to its target; a FIFO or device (``-o /dev/stdout``) is
    written to directly, never replaced by a file. An existing file that wres-convert did not
    write is replaced only with ``force``.
    """
    try:
        if path.is_symlink():
            path = path.resolve()
        if not force and path.is_file() and not is_ours(path):
            raise ConversionError(
                "exists",
                f"{path} already exists and was not written by wres-convert",
                "choose another name with -o, or use --force to replace it",
                EXIT_CANNOT_WRITE,
            )
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            with path.open("w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            return
        _write_atomic(path, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConversionError(
            "cannot-write",
            f"cannot write {path}: {reason}",
            "check the output folder exists and you may write to it",
            EXIT_CANNOT_WRITE,
        ) from exc


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a published page must be readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def original_name(page: Path, source: Path) -> str:
    """The name the source's copy gets beside its page (--link-original): the page's own safe stem,
    so it can never leave the page's folder or clash with another page's copy."""
    suffix = re.sub(r"[^a-z0-9]", "", source.suffix.lower())
    return f"{page.stem}-original" + (f".{suffix}" if suffix else "")


def original_href(page: Path, source: Path) -> str:
    """The page's relative link to its source's copy."""
    return quote(original_name(page, source))


def copy_original(source: Path, page: Path, *, replace: bool) -> None:
    """Copy ``source`` beside ``page`` as ``original_name``. An existing different file of that
    name is replaced only when ``replace`` (the page is being rewritten by us, or --force)."""
    target = page.with_name(original_name(page, source))
    try:
        if target.exists() and target.resolve() == source.resolve():
            return
        if target.is_file() and not replace and target.read_bytes() != source.read_bytes():
            raise ConversionError(
                "exists",
                f"{target} already exists and is not a copy of this source",
                "move it away, or use --force to replace it",
                EXIT_CANNOT_WRITE,
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.chmod(tmp, 0o666 & ~_UMASK)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise ConversionError(
            "cannot-write",
            f"cannot copy the original to {target}: {exc.strerror or type(exc).__name__}",
            "check the output folder exists and you may write to it",
            EXIT_CANNOT_WRITE,
        ) from exc
