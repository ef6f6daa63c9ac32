"""Old Word .doc, Rich Text and OpenDocument returns: turned into .docx by LibreOffice, then read.

Trusts still send these. Rather than write three more readers, we let LibreOffice (when it is
installed) save the file as .docx, read that with the DOCX reader, and warn the reviewer that a
conversion happened. Without LibreOffice, or with ``WRES_CONVERT_NO_SOFFICE=1``, the file is
refused with a line saying how to convert it by hand.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from wres_convert.errors import ConversionError
from wres_convert.model import Document, Message
from wres_convert.readers import docx as docx_reader
from wres_convert.readers.sniff import LEGACY, legacy_error
from wres_convert.values import replace

TIMEOUT_SECONDS = 60
NO_SOFFICE_ENV = "WRES_CONVERT_NO_SOFFICE"
SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


def soffice() -> str | None:
    """LibreOffice's command, or None when it is missing or switched off by the environment."""
    if os.environ.get(NO_SOFFICE_ENV, "").strip() not in ("", "0"):
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes) -> Document:
    """The registry's reader for an old Word .doc."""
    return read_legacy(data, "doc")


def read_rtf(data: bytes) -> Document:
    """The registry's reader for Rich Text."""
    return read_legacy(data, "rtf")


def read_odt(data: bytes) -> Document:
    """The registry's reader for an OpenDocument text."""
    return read_legacy(data, "odt")


def read_legacy(data: bytes, kind: str) -> Document:
    """Read a .doc/.rtf/.odt by converting it to .docx; the Document carries a warning saying so.
    The registry (``read_document``) cleans it, as it cleans every reader's Document."""
    if kind not in LEGACY:
        raise ValueError(f"not a legacy kind: {kind!r}")
    doc = docx_reader.read(to_docx(data, kind))
    warning = Message(
        "converted-with-libreoffice", f"converted from {SUFFIX[kind]} with LibreOffice: check the result"
    )
    return replace(doc, warnings=(warning, *doc.warnings))


def to_docx(data: bytes, kind: str) -> bytes:
    """The .docx LibreOffice makes of ``data``, or a ConversionError saying what to do instead."""
    exe = soffice()
    if exe is None:
        disabled = os.environ.get(NO_SOFFICE_ENV, "").strip() not in ("", "0")
        raise legacy_error(kind, soffice="disabled" if disabled else "absent")
    try:
        return office_convert(exe, data, SUFFIX[kind], "docx:MS Word 2007 XML", ".docx")
    except OfficeFailed as why:
        raise _failed(kind, str(why)) from None


class OfficeFailed(Exception):
    """LibreOffice did not convert the file: why, in a few words."""


def office_convert(exe: str, data: bytes, suffix: str, target: str, made: str, limit: int = 0) -> bytes:
    """What LibreOffice (``exe``) makes of ``data`` (a file ending ``suffix``) when converting to
    ``target``; the result ends ``made``. Each run has its own profile and folder: LibreOffice
    refuses a second instance on a shared profile, so parallel runs (and a desktop LibreOffice the
    user has open) would otherwise clash. At most ``limit`` seconds (TIMEOUT_SECONDS by default);
    OfficeFailed otherwise."""
    limit = limit or TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="wres-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"submission{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        argv = [
            exe,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        _run(argv, limit)
        result = out / f"submission{made}"
        if not result.is_file() or result.stat().st_size == 0:
            raise OfficeFailed(f"it made no {made}")
        return result.read_bytes()


def _run(argv: list[str], limit: int) -> None:
    # coreutils' timeout puts LibreOffice's whole process tree in one group and kills it at the
    # limit even if we are killed first (the CLI's own per-file time limit SIGKILLs its worker), so
    # no soffice outlives its conversion by more than the limit.
    guard = shutil.which("timeout")
    if guard:
        argv = [guard, "-s", "KILL", str(limit), *argv]
    try:
        # A new session, so our own timeout below can end soffice's helper processes too.
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise OfficeFailed(f"it could not be started: {exc.strerror}") from exc
    try:
        code = proc.wait(timeout=limit + 5)
    except subprocess.TimeoutExpired as exc:
        raise OfficeFailed(f"it took more than {limit} s") from exc
    finally:
        if proc.poll() is None:  # timed out or interrupted (Ctrl-C): leave no LibreOffice behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    # timeout's own signal reaches it too (it kills its whole group): -9, or 124/137 from a shell.
    if guard and code in (124, 128 + signal.SIGKILL, -signal.SIGKILL):
        raise OfficeFailed(f"it took more than {limit} s")


def _failed(kind: str, why: str) -> ConversionError:
    base = legacy_error(kind, soffice="disabled")
    return ConversionError(
        base.code, f"{base.message} and LibreOffice could not convert it ({why})", base.hint
    )
