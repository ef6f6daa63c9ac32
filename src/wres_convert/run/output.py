"""Where results go and how they are written: planned up front so that two inputs never write
the same file, and written atomically so a reader never sees half a page."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from wres_convert.digest import sha256_hex
from wres_convert.errors import EXIT_CANNOT_WRITE, EXIT_USAGE, ConversionError
from wres_convert.run.inputs import is_ours, published_copy_of
from wres_convert.text import patterns

if TYPE_CHECKING:
    from wres_convert.run.progress import Progress

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


def write_text(path: Path, text: str, *, force: bool = False, root: Path | None = None) -> None:
    """Write ``text`` to ``path``, or raise a ConversionError saying why it could not be written.

    ``root``: the folder the tool writes into (an output folder, or the inputs' own folders).
    Inside it nothing is written through a symbolic link: a link where a file or folder would
    go is refused, and with ``force`` a link in a file's place is replaced, never followed.
    Without ``root`` (a file named with ``-o``) a link is written through to its target, and a
    FIFO or device (``-o /dev/stdout``) is written to directly, never replaced by a file. An
    existing file that wres-convert did not write is replaced only with ``force``.
    """
    write_bytes(path, text.encode("utf-8"), force=force, root=root)


def write_bytes(
    path: Path, data: bytes | Callable[[BinaryIO], None], *, force: bool = False, root: Path | None = None
) -> None:
    """``write_text`` for bytes: a page, or a return's published copy. ``data`` may also be a
    function that writes them to the file it is given: a large file (a thousand returns'
    manifest) is then never held whole in memory."""
    try:
        if root is not None:
            _refuse_links(path, root, force)
        elif path.is_symlink():
            path = path.resolve()
        if not force and path.is_file() and not is_ours(path):
            raise ConversionError(
                "exists",
                f"{path} already exists and was not written by wres-convert",
                "choose another name with -o, or use --force to replace it",
                EXIT_CANNOT_WRITE,
            )
        if path.exists() and not path.is_symlink() and not stat.S_ISREG(path.stat().st_mode):
            if root is not None:
                raise ConversionError(
                    "exists",
                    f"{path} is not a regular file",
                    "move it away, or choose another output folder",
                    EXIT_CANNOT_WRITE,
                )
            with path.open("wb") as fh:
                _put(fh, data)
            return
        _write_atomic(path, data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConversionError(
            "cannot-write",
            f"cannot write {path}: {reason}",
            "check the output folder exists and you may write to it",
            EXIT_CANNOT_WRITE,
        ) from exc


def _refuse_links(path: Path, root: Path, force: bool) -> None:
    """No symbolic link between ``root`` and ``path``: a link in the output folder could send a
    page, or the manifest, anywhere on the machine."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    here = root
    for part in rel.parts[:-1]:
        here = here / part
        if here.is_symlink():
            raise ConversionError(
                "link-in-output",
                f"{here} is a symbolic link; wres-convert never writes through links in its output folder",
                "remove the link, or choose another output folder",
                EXIT_CANNOT_WRITE,
            )
    if path.is_symlink() and not force:
        raise ConversionError(
            "link-in-output",
            f"{path} is a symbolic link; wres-convert never writes through links in its output folder",
            "remove the link, or use --force to replace the link itself",
            EXIT_CANNOT_WRITE,
        )


def _put(fh: BinaryIO, data: bytes | Callable[[BinaryIO], None]) -> None:
    if callable(data):
        data(fh)
    else:
        fh.write(data)


def preload_writing() -> None:
    """Import what writing a file needs: tempfile (with shutil and random, ~2 ms) is imported here,
    not with this module, so one file's parent can load it while its worker reads (batch.py)."""
    import tempfile  # noqa: F401


def _write_atomic(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    import tempfile  # loaded already where the run called preload_writing()

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            _put(fh, data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a published page must be readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_OUR_PICTURE = patterns.compile(r"image-[0-9a-f]{16}\.(?:png|jpg|gif)")


def _ours(path: Path) -> bool:
    """A picture this tool wrote: its name is the start of its content's SHA-256, so a file
    someone else put there under a name like ours is left alone."""
    if path.is_symlink():
        return False
    try:
        digest = sha256_hex(path.read_bytes())
    except OSError:
        return False
    return path.name.startswith(f"image-{digest[:16]}.")


def remove_stale_pictures(target: Path, kept: dict[str, bytes], root: Path) -> None:
    """The pictures an earlier conversion of this page left in its PAGE-files folder that the page
    no longer shows: removed, so nothing the trust took out of its return stays published. Only
    our own files (image-<digest>.ext) are touched, and nothing through a link."""
    pictures = target.parent / (target.name.rsplit(".", 1)[0] + "-files")
    if pictures.is_symlink() or not pictures.is_dir() or target.parent.is_symlink():
        return
    keep = {(target.parent / rel).name for rel in kept}
    for old in pictures.iterdir():
        if _OUR_PICTURE.fullmatch(old.name) and old.name not in keep and old.is_file() and _ours(old):
            old.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        pictures.rmdir()  # only when empty


def remove_outputs(folder: Path, gone: set[str], progress: Progress) -> None:
    """Pages a source no longer gives (a return taken out of a message): removed, so nothing the
    trust withdrew stays published. Only our own files, and nothing through a link."""
    for rel in sorted(gone):
        path = folder / rel
        if path.is_symlink() or not path.is_file() or not (is_ours(path) or published_copy_of(path)):
            continue
        path.unlink(missing_ok=True)
        remove_stale_pictures(path, {}, folder)  # and the pictures it showed
        progress.say(f"Removed {path}: its return is no longer in its source")
