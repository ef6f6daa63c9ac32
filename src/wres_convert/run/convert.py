"""The Python API: bytes in, case study out, rendered in any output format.

from wres_convert.run.convert import convert_file, render
cs = convert_file(Path("submission.docx"))
html = render(cs, "html")
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from wres_convert.casestudy.build import CaseStudy, build_case_study, source_for
from wres_convert.errors import ConversionError
from wres_convert.readers import read_document
from wres_convert.readers.sniff import LEGACY, detect_kind
from wres_convert.writers.site import Site, load_site

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a returned template is well under 5 MB; refuse what is clearly not one
MAX_PAGES = 200  # a returned template is a few pages; the CLI's --max-pages default


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
            f"the file is over the {_megabytes(max_bytes)} MB size limit",
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
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    raise ConversionError(
        "not-a-file",
        f"this is {kind}, not a regular file",
        "give the submission file itself, or pipe it to standard input with -",
    )


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.3g}"


def convert_bytes(
    data: bytes,
    name: str,
    input_format: str | None = None,
    *,
    redact: bool = False,
    titles: dict[int, str] | None = None,
    max_pages: int | None = None,
) -> CaseStudy:
    """``titles`` overrides indicator theme titles by number (``Site.title_overrides()``);
    ``max_pages`` refuses a PDF with more pages (``MAX_PAGES`` is the CLI's default; None: no
    limit), before any page is read."""
    fmt = input_format or detect_kind(data)
    if fmt in LEGACY:  # .doc, .rtf, .odt: LibreOffice makes a .docx of it, when it is installed
        from wres_convert.readers.legacy import read_legacy

        doc = read_legacy(data, fmt)  # no pages to count before LibreOffice has read it all
    else:
        doc = read_document(data, name, fmt, max_pages=max_pages)
    return build_case_study(doc, source_for(data, name, fmt), redact=redact, titles=titles)


def convert_file(
    path: Path,
    *,
    redact: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    titles: dict[int, str] | None = None,
    max_pages: int | None = None,
) -> CaseStudy:
    """Convert one file; ``max_bytes`` refuses larger inputs (the CLI's --max-size), ``titles``
    overrides indicator theme titles by number, ``max_pages`` refuses longer PDFs (--max-pages)."""
    data = read_input(path, max_bytes)
    return convert_bytes(data, path.name, redact=redact, titles=titles, max_pages=max_pages)


def render(
    cs: CaseStudy,
    fmt: str,
    site: Site | None = None,
    *,
    include_contact: bool = False,
    templates: Path | None = None,
    pretty: bool = True,
    fragment: bool = False,
    original: str | None = None,
) -> str:
    """The case study as ``fmt``: "html" (a whole page), "md" (a page with front matter) or "json".
    ``fragment``: the page's body only; ``original``: a relative link to the copied source file,
    listed first under Further Reading."""
    if fmt == "json":
        from wres_convert.writers.jsonout import case_study_dict, dumps

        return dumps(case_study_dict(cs, include_contact=include_contact), pretty=pretty) + "\n"
    from wres_convert.writers.page import Extras, render_page

    site = site or load_site()
    return render_page(cs, fmt, site, templates or site.templates, Extras(fragment, original))
