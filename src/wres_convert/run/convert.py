"""The Python API, published from ``wres_convert``: a return in, the case study out, rendered in
any output format. See docs/api.md.

    import wres_convert
    case = wres_convert.convert("return.docx")   # str, Path, or bytes; raises ConversionError
    case.to_dict()                                # the JSON contract, wres-case-study/1
    wres_convert.render(case, "html")            # "html", "md" or "json"
    wres_convert.read("return.pdf")              # the Document, as the reader sees it

``convert_bytes``, ``convert_file`` and ``read_input`` are the pieces the CLI's workers use.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from wres_convert.casestudy import build
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.errors import EXIT_NOT_SUBMISSION, EXIT_USAGE, ConversionError
from wres_convert.model import Document, pictures_of
from wres_convert.readers import read_document
from wres_convert.readers.sniff import detect_kind
from wres_convert.run.inputs import MAX_INPUT_BYTES, megabytes, read_input
from wres_convert.run.messages import attached, body_instead, each_part, message_parts, no_return

if TYPE_CHECKING:
    from wres_convert.readers.mail import Part
from wres_convert.standard import Standard
from wres_convert.values import field_names, replace
from wres_convert.writers.site import Site, load_site

Source = str | os.PathLike[str] | bytes | bytearray | memoryview
InputFormat = Literal["docx", "pdf", "text", "html", "email"]
OutputFormat = Literal["html", "md", "json"]


class CaseStudy(build.CaseStudy):
    """The case study as the API hands it out: the case-study model plus ``to_dict()``.

    The JSON contract is built by the writers (it holds each section as Markdown and HTML), a later
    stage than the case study itself, so the method lives here, at the stage that may use both;
    the model keeps no upward import. ``dataclasses.asdict()`` and ``repr()`` show the published
    fields only: the submitter's contact details are never among them."""

    def to_dict(self, *, include_contact: bool = False) -> dict[str, object]:
        """The case study as the JSON contract (``wres-case-study/1``); the submitter's contact
        details are added, under ``"contact"``, only with ``include_contact=True``."""
        from wres_convert.writers.jsonout import case_study_dict

        return case_study_dict(self, include_contact=include_contact)

    @classmethod
    def of(cls, cs: build.CaseStudy) -> CaseStudy:
        """``cs`` as the API's type (the same values, contact details and mapping included)."""
        if isinstance(cs, cls):
            return cs
        values = {name: getattr(cs, name) for name in field_names(cs)}
        return cls(**values, contact=cs.contact, mapping=cs.mapping)


MAX_PAGES = 200  # a returned template is a few pages; the CLI's --max-pages default


def _document(data: bytes, name: str, fmt: str | None, max_pages: int | None) -> tuple[Document, str]:
    """The reader's Document for ``data``, and the format it was read as (sniffed when None)."""
    fmt = fmt or detect_kind(data)
    return read_document(data, name, fmt, max_pages=max_pages), fmt


def convert_bytes(
    data: bytes,
    name: str,
    input_format: str | None = None,
    *,
    redact: bool = False,
    titles: dict[int, str] | None = None,
    max_pages: int | None = None,
    standard: Standard | str | None = None,
    sender: tuple[str, ...] = (),
) -> CaseStudy:
    """``titles`` overrides indicator theme titles by number (``Site.title_overrides()``);
    ``sender``: who sent the message a return came attached to (private, as the submitter is);
    ``standard``: the standard pack the return was made for (a name or folder; the WRES by default);
    ``max_pages`` refuses a PDF with more pages (``MAX_PAGES`` is the CLI's default; None: no
    limit), before any page is read."""
    doc, fmt = _document(data, name, input_format, max_pages)
    if sender:
        doc = replace(doc, sender=(*doc.sender, *sender))
    pack = standard if standard is None or isinstance(standard, Standard) else Standard.load(standard)

    def make(doc: Document) -> build.CaseStudy:
        # A message records what was read: its body ("email"), or the format of the return attached.
        shown = doc.format if fmt in ("email", "msg") else fmt
        return build_case_study(
            doc, source_for(data, name, shown), redact=redact, titles=titles, standard=pack
        )

    try:
        cs = make(doc)
    except ConversionError as exc:
        if fmt not in ("email", "msg"):
            raise
        if doc.format == "email":
            raise no_return(exc) from None
        cs = body_instead(data, fmt, exc, make)  # the attached file is no return: the text may be
    return CaseStudy.of(cs)


def convert_file(
    path: str | os.PathLike[str],
    *,
    redact: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    titles: dict[int, str] | None = None,
    max_pages: int | None = None,
) -> CaseStudy:
    """Convert one file; ``max_bytes`` refuses larger inputs (the CLI's --max-size), ``titles``
    overrides indicator theme titles by number, ``max_pages`` refuses longer PDFs (--max-pages)."""
    path = Path(path)  # a str too: the path's name is read below
    data = read_input(path, max_bytes)
    return convert_bytes(data, path.name, redact=redact, titles=titles, max_pages=max_pages)


def _input(source: Source, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    """(bytes, file name) for any of the API's inputs: a path (str or PathLike) or the bytes."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise ConversionError(
                "too-large",
                f"the input is over the {megabytes(max_bytes)} MB size limit",
                "check it is a returned template, or raise max_bytes",
            )
        return data, name or "input"
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"expected a path (str or Path) or bytes, not {type(source).__name__}")
    path = Path(source)
    return read_input(path, max_bytes), name or path.name


def _return_input(source: Source, name: str | None, fmt: str | None, max_bytes: int) -> tuple[bytes, str]:
    """``_input`` for a conversion: the format checked, and a page this tool wrote, fed back,
    refused as the CLI refuses it."""
    from wres_convert.run.inputs import refuse_page

    _check_format(fmt)
    data, shown = _input(source, name, max_bytes)
    refuse_page(data)
    return data, shown


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in ("docx", "pdf", "text", "html", "email"):
        raise ConversionError(
            "usage", f"unknown input format {fmt!r}", "use docx, pdf, text, html or email", EXIT_USAGE
        )


def convert(
    source: Source,
    *,
    format: InputFormat | None = None,  # the CLI's word: --input-format
    name: str | None = None,
    redact: bool = False,
    titles: dict[int, str] | None = None,
    standard: Standard | str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_pages: int | None = MAX_PAGES,
    corrections: str | os.PathLike[str] | None = None,
) -> CaseStudy:
    """One returned template (a path, or its bytes) as the case study, read as the CLI reads it.
    ``corrections``: a corrections file to apply, as the CLI applies the one beside a return.

    ``format``: "docx", "pdf", "text", "html" or "email"; None tells it from the bytes. ``name``: the file name the
    case study records (default: the path's name, or "input" for bytes). The rest: see docs/api.md.
    Raises ``ConversionError`` (``.code``, ``.message``, ``.hint``, ``.exit_code``) for an input
    that cannot be converted."""
    from wres_convert.run.names import shown_name

    data, shown = _return_input(source, name, format, max_bytes)
    cs = convert_bytes(
        data, shown, format, redact=redact, titles=titles, max_pages=max_pages, standard=standard
    )
    # As the CLI: a file name that names the submitter is not repeated in the case study.
    cs = replace(cs, source=replace(cs.source, file=shown_name(PurePosixPath(shown), cs.contact)))
    if corrections is not None:
        from wres_convert.run.corrections import MAX_BYTES, apply_file

        cs = CaseStudy.of(
            apply_file(cs, read_input(Path(corrections), MAX_BYTES), str(corrections), standard)
        )
    return cs


def convert_each(
    source: Source,
    *,
    format: InputFormat | None = None,
    name: str | None = None,
    redact: bool = False,
    titles: dict[int, str] | None = None,
    standard: Standard | str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_pages: int | None = MAX_PAGES,
) -> list[CaseStudy]:
    """Every return ``source`` holds, as case studies: one for each return attached to a message
    (or to a message attached to it), else the one ``convert`` gives. Options as for ``convert``."""
    data, shown = _return_input(source, name, format, max_bytes)
    parts, notes = message_parts(data, format)

    def whole() -> CaseStudy:
        return convert(
            data,
            format=format,
            name=shown,
            redact=redact,
            titles=titles,
            standard=standard,
            max_pages=max_pages,
        )

    if not parts:
        return [whole()]

    def one(part: Part) -> CaseStudy:
        cs = convert_bytes(
            part.data,
            part.name,
            part.kind or None,
            redact=redact,
            titles=titles,
            max_pages=max_pages,
            standard=standard,
        )
        return attached(cs, part, PurePosixPath(shown))

    try:
        return [cs for _, _, cs in each_part(parts, one, notes)]
    except ConversionError as exc:
        if exc.exit_code != EXIT_NOT_SUBMISSION:
            raise
        return [whole()]  # no attached file is a return (a blank template): the text may be


def read(
    source: Source,
    *,
    format: InputFormat | None = None,
    name: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_pages: int | None = MAX_PAGES,
) -> Document:
    """The document as the reader sees it (``wres_convert.model.Document``): its blocks in reading
    order, before any template question is looked for. It holds everything the file says, the
    submitter's contact details included. Options as for ``convert``."""
    _check_format(format)
    data, shown = _input(source, name, max_bytes)
    return _document(data, shown, format, max_pages)[0]


def render(
    cs: build.CaseStudy,
    fmt: OutputFormat | str = "html",
    site: Site | str | os.PathLike[str] | None = None,
    *,
    theme: str | None = None,
    standard: str | None = None,
    include_contact: bool = False,
    templates: str | os.PathLike[str] | None = None,
    pretty: bool = True,
    fragment: bool = False,
    original: str | None = None,
    images: str | None = None,
) -> str:
    """The case study as ``fmt``: "html" (a whole page), "md" (a page with front matter) or "json"
    (the contract; contact details only with ``include_contact``). ``site``: the site settings, or
    the path of a settings file (as --config; default: wres-convert.toml in the current folder, if
    any); ``theme`` ("default", "nhsuk"), ``standard`` and ``templates`` override its settings.
    ``fragment``: the page's body only; ``original``: a relative link to the copied source file,
    listed first under Further Reading. ``images``: the folder, relative to the page, that its
    pictures' files go in (the caller writes them: ``picture_files``); None puts them in the page
    as ``data:`` URIs, and in JSON as base64."""
    if fmt not in ("html", "md", "json"):
        raise ConversionError("usage", f"unknown output format {fmt!r}", "use html, md or json", EXIT_USAGE)
    from wres_convert.writers.media import Media, media

    with media(Media(images)):
        if fmt == "json":
            from wres_convert.writers.jsonout import case_study_dict, dumps

            return dumps(case_study_dict(cs, include_contact=include_contact), pretty=pretty) + "\n"
        from wres_convert.writers.page import Extras, render_page

        site = _site_for(site, theme, standard)
        if templates:
            site = replace(site, templates=Path(templates))
        return render_page(cs, fmt, site, Extras(fragment, original))


def picture_files(cs: build.CaseStudy, folder: str) -> dict[str, bytes]:
    """The files a page rendered with ``images=folder`` needs beside it: each path (relative to
    the page's folder) and its bytes."""
    blocks = tuple(b for s in cs.sections for b in s.blocks)
    if not pictures_of(blocks):  # most returns: the writers' media module is not even loaded
        return {}
    from wres_convert.writers.media import Media, files

    return files(blocks, Media(folder))


def _site_for(site: Site | str | os.PathLike[str] | None, theme: str | None, standard: str | None) -> Site:
    """The site settings ``render`` uses: ``site`` itself, or loaded from that settings file (the
    current folder's wres-convert.toml when None), with ``theme`` and ``standard`` over them."""
    from wres_convert.writers.site import THEMES

    if not isinstance(site, Site):
        # As the CLI's flags: checked (and a bad value reported) as the settings file's are.
        overrides = {"theme": theme, "standard": standard}
        return load_site(Path(site) if site is not None else None, overrides=overrides)
    if theme is not None:
        if theme not in THEMES:
            raise ConversionError(
                "usage", f"unknown theme {theme!r}", f"use {' or '.join(THEMES)}", EXIT_USAGE
            )
        site = replace(site, theme=theme)
    if standard is not None:
        if "standard" in field_names(site):  # the standard packs' setting, when there
            site = replace(site, standard=standard)  # type: ignore[call-arg]
        elif standard != "wres":
            raise ConversionError("usage", f"unknown standard {standard!r}", "only 'wres' ships", EXIT_USAGE)
    return site
