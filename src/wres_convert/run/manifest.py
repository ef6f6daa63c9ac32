"""An output folder's record of what it holds (docs/batch.md), and the lock that keeps two runs
from writing one folder at once.

The manifest lists, per source, its digest, the settings its pages were made under and the files
it wrote, so a rerun skips unchanged sources, redoes changed ones and never lets one source's
page replace another's.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from wres_convert import __version__
from wres_convert.digest import sha256_hex
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.run.output import write_bytes

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.run.options import Options

MANIFEST = "wres-convert-manifest.json"
LOCK = ".wres-convert.lock"  # hidden, so an inbox scan never takes it for a return
LOCK_WAIT = 600.0  # seconds to wait for another run before giving up
Entries = dict[str, dict[str, object]]


def load_manifest(folder: Path) -> Entries:
    import json  # only where a folder's manifest is used: not for -o FILE

    path = folder / MANIFEST
    if path.is_symlink():
        return {}  # not ours: the write refuses it with a clear line
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {e["source"]: e for e in data.get("entries", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_manifest(folder: Path, entries: Entries, fmt: str, *, force: bool = False) -> None:
    import json

    data = {"schema": "wres-manifest/1", "format": fmt, "entries": [entries[k] for k in sorted(entries)]}

    def dump(fh: BinaryIO) -> None:  # written as it is encoded: never the whole text in memory
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="\n")
        json.dump(data, text, ensure_ascii=False, indent=1)
        text.write("\n")
        text.flush()
        text.detach()  # the file is the caller's to close

    write_bytes(folder / MANIFEST, dump, force=force, root=folder)


def hidden_id(source: Path) -> str:
    """How the manifest names a source whose path holds personal details: the output folder is
    published, so such a path is kept only as a digest."""
    return "sha256:" + sha256_hex(str(source).encode("utf-8", "surrogateescape"))


def find_entry(entries: Entries, source: Path) -> tuple[str, dict[str, object]] | None:
    for key in (str(source), hidden_id(source)):
        if key in entries:
            return key, entries[key]
    return None


def owners(entries: Entries) -> dict[str, str]:
    """Each output file (relative to the folder) and the source it belongs to."""
    return {str(o): source for source, e in entries.items() for o in e.get("outputs", []) or []}  # type: ignore[union-attr]


def settings_fingerprint(opts: Options) -> str:
    """What else a page depends on besides its source: the version, the options that change a
    page, the site settings, the templates' text and a pack folder's text. A page made under other ones is made again,
    so a folder never mixes themes or layouts after a template or setting changes."""
    import hashlib
    import json
    from dataclasses import asdict

    h = hashlib.sha256()
    site = {k: v for k, v in asdict(opts.page.site).items() if k != "sources"}
    chosen = {
        "version": __version__,
        "format": opts.page.fmt,
        "site": site,
        "options": [
            opts.page.include_contact,
            opts.read.redact,
            opts.page.fragment,
            opts.page.link_original,
            opts.page.images,
            *(["omit-empty"] if opts.page.omit_empty else []),  # earlier manifests stay valid
        ],
    }
    h.update(json.dumps(chosen, sort_keys=True, default=str).encode())
    from wres_convert.writers.page import search_path  # the writers: not before a worker forks

    folders = search_path(opts.page.site.templates, opts.page.site.theme)
    pack = Path(opts.page.site.standard)
    if pack.is_absolute() and pack.is_dir():  # a pack folder of the user's: its text counts too
        folders.append(pack)
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def manifest_entry(
    source_id: str, digest: str, outputs: list[str], cs: CaseStudy, sig: str | None
) -> dict[str, object]:
    if sig is None:  # the worker signs every page it writes into a folder (job.py), in parallel
        raise ValueError("a page for the folder came without its text's signature")
    return {
        "source": source_id,
        "sha256": digest,
        "outputs": outputs,
        "organisation": cs.organisation,
        "title": cs.title,
        "subtitle": cs.subtitle,
        "indicators": [i.number for i in cs.indicators],
        "slug": cs.slug,
        "warnings": len(cs.warnings),
        "signature": sig,  # duplicates.py compares by it
    }


def digest(path: Path) -> str | None:
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return None


@contextlib.contextmanager
def folder_lock(folder: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder for this run: a second run into it waits (saying so) until the
    first is done, so two runs never interleave pages, the manifest and the index."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; runs are not serialised there
        yield
        return
    if (folder / LOCK).is_symlink():
        raise ConversionError(
            "link-in-output",
            f"{folder / LOCK} is a symbolic link; wres-convert never writes through links in its output folder",
            "remove the link",
            EXIT_CANNOT_WRITE,
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise ConversionError(
            "cannot-write",
            f"cannot use the output folder {folder}: {exc.strerror or type(exc).__name__}",
            "check the folder exists, is not a link, and you may write to it",
            EXIT_CANNOT_WRITE,
        ) from exc
    try:
        waited = 0.0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waited == 0.0:
                    say(f"{folder}: another wres-convert run is writing here; waiting for it to finish")
                if waited >= LOCK_WAIT:
                    raise ConversionError(
                        "folder-busy",
                        f"another wres-convert run has been writing to {folder} for {LOCK_WAIT:g} s",
                        "wait for it to finish, or stop it",
                        EXIT_CANNOT_WRITE,
                    ) from None
                time.sleep(0.2)
                waited += 0.2
        yield
    finally:
        os.close(fd)  # closing releases the lock
