"""What a run converts: the files named, an inbox folder's returns, and each one's path below its
inbox (which names its page, see names.py), and how a file's bytes are read (``read_input``: a
regular file only, within a size limit). The tool's own outputs are never inputs."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import unquote

from wres_convert.errors import EXIT_NOT_SUBMISSION, ConversionError
from wres_convert.model import value
from wres_convert.run.names import ORIGINAL_MARK

SUBMISSION_SUFFIXES = frozenset(
    {
        ".docx",
        ".pdf",
        ".txt",
        ".text",
        ".doc",
        ".rtf",
        ".odt",
        ".eml",
        ".msg",
        ".htm",
        ".html",
        ".mht",
        ".mhtml",
    }
)
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
STDIN = Path("-")
PAGE_SUFFIXES = (".html", ".htm", ".md", ".json", ".txt")  # .txt: a page saved as text

# How a file we wrote begins: anything else at a target path is someone's own file.
OUR_MARKERS = (
    b'name="generator" content="wres-convert',
    b"generator: wres-convert",
    b'"schema": "wres-case-study/',
    b'"schema": "wres-manifest/',
)


def written_by_us(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first 4 KB) is a page or manifest we wrote."""
    return any(marker in head[:4096] for marker in OUR_MARKERS)


def page_source(data: bytes) -> str | None:
    """The return a page of ours was made from, as the page records it, or None."""
    text = data[:8192].decode("utf-8", "replace")
    for pattern in (
        r"<!-- wres-convert source: (\S+) -->",  # HTML: percent-encoded
        r"(?m)^source: (.+)$",  # Markdown front matter (YAML)
        r'"source": \{\s*"file": "((?:[^"\\]|\\.)*)"',  # JSON
    ):
        m = re.search(pattern, text)
        if m:
            return unquote(m.group(1)).strip().strip("'\"")
    return None


def refuse_page(data: bytes) -> None:
    """A page, index or manifest the tool wrote, fed back as input, is refused in one line."""
    if written_by_us(data[:4096]):
        source = page_source(data)
        raise ConversionError(
            "own-output",
            "this is a page wres-convert wrote" + (f" from {source}" if source else ""),
            "convert the return itself",
            EXIT_NOT_SUBMISSION,
        )


def is_ours(path: Path) -> bool:
    if not path.is_file():
        return False  # a FIFO would block the read; a folder or device is never a page of ours
    try:
        with path.open("rb") as fh:
            return written_by_us(fh.read(4096))
    except OSError:
        return False


def published_copy_of(path: Path) -> Path | None:
    """The page whose --link-original copy ``path`` is (``PAGE-original.ext`` beside our page
    ``PAGE.html`` or ``PAGE.md``), or None."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    if not stem.endswith(ORIGINAL_MARK):
        return None
    page_stem = stem[: -len(ORIGINAL_MARK)]
    for suffix in (".html", ".md"):
        page = path.with_name(page_stem + suffix)
        if page.is_file() and is_ours(page):
            return page
    return None


def own_output(path: Path) -> str | None:
    """Why ``path`` is one of the tool's own outputs (a page, the manifest, a published copy),
    or None. Only a page-like suffix is opened, so a folder scan stays cheap."""
    page = published_copy_of(path)
    if page is not None:
        return f"the copy of a return that wres-convert published beside {page.name}"
    if path.suffix.lower() in PAGE_SUFFIXES and is_ours(path):
        return "a page wres-convert wrote"
    return None


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not a submission, or None if it may be one."""
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock"):
        return "Word lock file"
    if name.startswith("."):
        return "hidden file"
    if name.lower() in SYSTEM_FILES:
        return "system file"
    if name.lower().endswith(".corrections.toml"):
        return "a corrections file (applied to its return)"
    if path.suffix.lower() not in SUBMISSION_SUFFIXES:
        return f"not a submission type ({path.suffix.lower() or 'no extension'})"
    return own_output(path)


def refuse_own_output(path: Path) -> None:
    """A file named on the command line that the tool itself wrote: one line, never a page of a page."""
    if path == STDIN:
        return
    page = published_copy_of(path)
    if page is not None:
        raise ConversionError(
            "own-output",
            f"this is the copy of a return that wres-convert published beside {page.name}",
            "convert the return itself",
            EXIT_NOT_SUBMISSION,
        )


@value
class Found:
    """The files a run converts (named files always; a folder's files that may be submissions,
    sorted) with each one's path below its inbox, and the files skipped with their reasons."""

    files: list[Path]
    rels: list[PurePosixPath]
    skipped: list[tuple[Path, str]]


def expand(paths: list[Path], recursive: bool, root: Path | None = None) -> Found:
    """Each file's path below its inbox is what names its page, so it never depends on which other
    files a run holds: a folder's files are named below that folder; a file named on its own keeps
    its path as given when that lies in the current folder, else its name.
    ``root``: the inbox the paths lie in (--watch names its files one by one)."""
    files: list[Path] = []
    rels: list[PurePosixPath] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()  # a list's `in` made listing an inbox of n files take n² comparisons
    for path in paths:
        # A folder is an inbox, unless it is named like a submission ("return.docx/"): then it
        # stands where a file was expected, and its conversion reports exactly that.
        if path != STDIN and path.is_dir() and path.suffix.lower() not in SUBMISSION_SUFFIXES:
            found = sorted(p for p in (path.rglob("*") if recursive else path.iterdir()) if p.is_file())
            for p in found:
                if any(part.startswith(".") for part in p.relative_to(path).parts[:-1]):
                    continue  # inside a hidden folder (.git, .Trash)
                reason = skip_reason(p)
                if reason:
                    skipped.append((p, reason))
                elif p not in seen:
                    seen.add(p)
                    files.append(p)
                    rels.append(_below(p, root or path))
        elif path not in seen:
            seen.add(path)
            files.append(path)
            rels.append(_below(path, root) if root is not None else _as_given(path))
    return Found(files, rels, skipped)


def nothing_found(paths: list[Path]) -> ConversionError:
    """The error for a run whose paths hold no returns at all."""
    return ConversionError(
        "no-submissions",
        f"{', '.join(map(str, paths))}: no returned templates (.docx, .pdf, .txt, .doc, .rtf, .odt, .eml, .msg, .html) found",
        "check the folder, or use -r to look inside its sub-folders",
    )


MAX_INPUT_BYTES = 50 * 1024 * 1024  # a returned template is well under 5 MB; refuse what is clearly not one


def read_input(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, or a ConversionError saying plainly why they cannot be had.

    Only a regular file is read. A named pipe with no writer would block the open itself, past
    any time limit, and a device (/dev/zero) never ends; standard input ("-") is read elsewhere."""
    try:
        if path.is_dir():
            raise ConversionError(
                "is-a-folder", "this is a folder, not a file", "give the submission file itself"
            )
        _refuse_special(path.stat().st_mode)
        # O_NONBLOCK: should a pipe take the file's place after the check, opening it cannot block.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            _refuse_special(os.fstat(fh.fileno()).st_mode)
            data = _read_at_most(fh, max_bytes + 1)  # one byte over the limit is enough to refuse it
    except FileNotFoundError as exc:
        raise ConversionError("missing", "no such file", "check the name and folder") from exc
    except PermissionError as exc:
        raise ConversionError(
            "unreadable", "permission denied", "check you are allowed to read the file"
        ) from exc
    except OSError as exc:
        raise ConversionError(
            "unreadable", f"cannot read the file ({exc.strerror})", "check the file"
        ) from exc
    if len(data) > max_bytes:
        raise ConversionError(
            "too-large",
            f"the file is over the {megabytes(max_bytes)} MB size limit",
            "check it is a returned template, or raise the limit with --max-size",
        )
    return data


def _read_at_most(fh: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, a megabyte at a time: one read reserves all it is asked for, and
    --max-size may be above the memory cap."""
    chunks: list[bytes] = []
    left = limit
    while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))
    kinds += ((stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    raise ConversionError(
        "not-a-file",
        f"this is {kind}, not a regular file",
        "give the submission file itself, or pipe it to standard input with -",
    )


def megabytes(n: int) -> str:
    """A size limit as messages say it."""
    return f"{n / (1024 * 1024):.3g}"


def _below(path: Path, folder: Path) -> PurePosixPath:
    rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(folder))
    return PurePosixPath(*rel.parts)


def _as_given(path: Path) -> PurePosixPath:
    """A named file's path as given, when it lies in the current folder; else its name alone,
    so no folder of the machine's (a home folder's name) reaches published output."""
    if path == STDIN:
        return PurePosixPath("stdin")
    rel = Path(os.path.relpath(os.path.abspath(path)))
    return PurePosixPath(*rel.parts) if rel.parts[:1] != ("..",) else PurePosixPath(path.name)
