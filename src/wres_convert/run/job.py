"""One file's conversion as a job for a worker process (isolate.run_all): read, convert, name
the page and render it. In a batch the parent process only writes, so it never holds the workers
up; one file's page is rendered by the parent instead (``later``), which loads the templates while
its worker reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from wres_convert.digest import sha256_hex
from wres_convert.errors import EXIT_NOT_SUBMISSION, ConversionError
from wres_convert.model import Message, value
from wres_convert.run.inputs import STDIN
from wres_convert.run.output import EXTENSIONS
from wres_convert.values import record, replace

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.readers.mail import Part
    from wres_convert.run.options import Options
    from wres_convert.writers.site import Site
from wres_convert.casestudy.build import said_safely
from wres_convert.casestudy.scrub import scrub_identifiers
from wres_convert.readers import guess_format
from wres_convert.readers import preload as preload_readers
from wres_convert.run.convert import (
    convert_bytes,
    picture_files,
    read_input,
    render,
)
from wres_convert.run.corrections import below, load_corrections
from wres_convert.run.duplicates import signature
from wres_convert.run.inputs import refuse_own_output, refuse_page
from wres_convert.run.messages import attached, each_part, is_message, message_parts
from wres_convert.run.names import original_name, page_name, part_page_name, shown_name


@value
class Place:
    """Where one input's output goes: ``folder`` / its page name, or exactly ``file`` (``-o FILE``);
    neither: standard output. ``rel`` is the input's path below its inbox, which names the page
    (names.py) and is what published output shows as its source."""

    rel: PurePosixPath
    folder: Path | None = None
    file: Path | None = None


@value
class PageOrder:
    """How a case study's page is rendered: ``render()``'s arguments besides the case study and
    the site, so the parent can render a page its worker left to it (``rendered``)."""

    fmt: str
    include_contact: bool
    pretty: bool
    fragment: bool
    original: str | None  # the link to the source's published copy
    images: str | None  # the folder beside the page its pictures go in (picture_files)


@record
class JobOutput:
    """What a worker sends back: the case study (for the manifest and warnings), its page, where
    the page goes, and the source's publishable copy (--link-original). With no review pages to
    write, the case study comes without its mapping, and without its text too (``outline``) when
    the worker made the page."""

    cs: CaseStudy
    text: str
    target: Path | None = None
    original: bytes | None = None
    private_path: bool = False  # the source's path holds the submitter's details
    images: dict[str, bytes] | None = None  # the page's pictures: path relative to its folder → bytes
    others: tuple[JobOutput, ...] = ()  # the other returns attached to the same message, in order
    source_sha256: str = ""  # the message's own digest, when its pages are its attachments'
    original_file: str = ""  # the name of the source's published copy beside the page
    signature: str | None = None  # the text's, for the manifest: made here, where work is parallel
    order: PageOrder | None = None  # set when ``text`` is still to be rendered, by the parent


def conversion_job(
    source: Path,
    place: Place | None,
    opts: Options,
    data: bytes | None = None,
    *,
    pretty: bool = True,
    page: bool = True,
    later: bool = False,
) -> Callable[[], JobOutput]:
    """One file's conversion and rendering, to run in a worker process (isolate.run_all). The
    page's name is settled here, once the submitter's details are known, so they never reach it.
    ``page=False``: the
    case study only (``check`` reports on it and renders nothing). ``later``: the page is left
    for the parent to render (``rendered``): with one file, the parent loads the templates on
    another core while its worker reads. The parent renders outside the worker's time and memory
    limits, which guard the reading of a hostile file: the page is made from the case study the
    worker made within them, in time linear in its size."""

    def run() -> JobOutput:

        refuse_own_output(source)
        raw = data if data is not None else read_input(source, opts.read.max_bytes)
        refuse_page(raw)
        rel = place.rel if place is not None else PurePosixPath(source.name)
        # Each return attached to a message is a case study of its own, wherever there is room
        # for several: a folder, JSON Lines, the review report. One file (-o FILE) takes the first.
        several = place is None or (
            place.file is None and (place.folder is not None or opts.page.fmt == "json")
        )
        parts, notes = message_parts(raw, opts.read.input_format) if several or not page else ([], [])
        if not parts:
            return one(study(raw, rel), raw, rel)
        names = [p.name for p in parts]
        try:
            studies = each_part(parts, lambda part: study(raw, rel, part), notes)
        except ConversionError as exc:
            if exc.exit_code != EXIT_NOT_SUBMISSION:
                raise
            return one(study(raw, rel), raw, rel)  # no attached file is a return: the text may be
        outputs = [one(cs, raw, rel, part, names, i, len(parts) == 1) for i, part, cs in studies]
        digest = sha256_hex(raw)  # what the next run compares the message with
        return replace(outputs[0], others=tuple(outputs[1:]), source_sha256=digest)

    def study(raw: bytes, rel: PurePosixPath, part: Part | None = None) -> CaseStudy:
        titles = dict(opts.page.site.title_overrides())
        extra = {"titles": titles} if titles else {}
        cs = convert_bytes(
            part.data if part else raw,
            part.name if part else rel.name,
            (part.kind or None) if part else opts.read.input_format,
            sender=part.sender if part else (),
            redact=opts.read.redact,
            max_pages=opts.read.max_pages,
            standard=opts.page.site.load_standard(),
            **extra,
        )
        if part is not None:
            cs = attached(cs, part, rel)
        else:
            cs = replace(cs, source=replace(cs.source, file=shown_name(rel, cs.contact)))
        if (
            source != STDIN
        ):  # a reviewer's corrections, beside the return (MESSAGE--ATTACHMENT for one attached)
            standard = opts.page.site.load_standard()
            attachment = part.name if part else None
            fix = load_corrections(source, opts.read.corrections, standard, attachment, below(rel))
            if fix is not None:
                from wres_convert.casestudy.corrections import apply_corrections

                cs = apply_corrections(cs, fix, standard)
        if opts.page.omit_empty:  # unanswered sections left off the page
            cs = replace(cs, sections=tuple(s for s in cs.sections if s.blocks))
        return without_pictures(cs) if opts.page.images == "none" else cs

    def one(
        cs: CaseStudy,
        raw: bytes,
        rel: PurePosixPath,
        part: Part | None = None,
        names: list[str] | None = None,
        index: int = 0,
        alone: bool = True,
    ) -> JobOutput:
        if not page:
            return JobOutput(cs, "")
        target = None
        if place is not None and place.file is not None:
            target = place.file
        elif place is not None and place.folder is not None and part is not None:
            target = place.folder / part_page_name(
                rel, names or [], index, EXTENSIONS[opts.page.fmt], cs.contact
            )
        elif place is not None and place.folder is not None:
            target = place.folder / page_name(rel, EXTENSIONS[opts.page.fmt], cs.contact)
        if target is not None and source != STDIN and target.resolve() == source.resolve():
            raise ConversionError(
                "would-overwrite-input", "the output would replace the input", "choose another file with -o"
            )
        original, href, copy = None, None, ""
        # A message itself is never copied (its other parts, its headers); a return attached is.
        if (
            opts.page.link_original
            and target is not None
            and source != STDIN
            and (part or not is_message(raw))
        ):
            from urllib.parse import quote

            from wres_convert.writers.original import publishable_original  # lxml: only for this

            copy = original_name(target.name, PurePosixPath(part.name).suffix if part else source.suffix)
            try:
                original = publishable_original(part.data if part else raw, cs.source.format, cs)
            except ConversionError as exc:
                if part is None:
                    raise
                said = Message(
                    "original-not-published", f"no copy of {part.name!r} was published: {exc.message}"
                )
                cs = replace(cs, warnings=(*cs.warnings, said_safely(said, cs.contact)))
            href = quote(copy) if original is not None else None
        folder, images = _picture_folder(target, opts), None
        order = PageOrder(
            opts.page.fmt,
            opts.page.include_contact,
            pretty and alone,  # several case studies on standard output: JSON Lines
            opts.page.fragment,
            href,
            folder,
        )
        text = "" if later else page_text(cs, order, opts.page.site)
        if folder is not None and target is not None:
            images = picture_files(cs, folder)

        private = scrub_identifiers(str(source), cs.contact)[1]
        sig = signature(cs) if place is not None and place.folder is not None else None
        if opts.run.review:  # review pages show how each answer was found
            sent = cs
        elif later:  # the parent renders the page: its sections, not how they were found
            sent = replace(cs, mapping=None)
        else:  # the page is made: what the manifest lists of it
            sent = outline(cs)
        return JobOutput(
            sent,
            text,
            target,
            original,
            private,
            images,
            original_file=copy,
            signature=sig,
            order=order if later else None,
        )

    return run


def outline(cs: CaseStudy) -> CaseStudy:
    """``cs`` without its sections' and unpublished blocks or its mapping: what the parent reads
    of a case study whose page is made (the manifest's fields, its warnings). Sending the whole
    took a twentieth of a small return's conversion, to pickle and unpickle; the mapping alone,
    two thirds of the bytes, is left out of a case study sent to be rendered too."""
    sections = tuple(replace(s, blocks=()) for s in cs.sections)
    return replace(cs, sections=sections, unpublished=(), mapping=None)  # None: an empty mapping


def page_text(cs: CaseStudy, order: PageOrder, site: Site) -> str:
    return render(
        cs,
        order.fmt,
        site,
        include_contact=order.include_contact,
        pretty=order.pretty,
        fragment=order.fragment,
        original=order.original,
        images=order.images,
    )


def rendered(output: JobOutput, site: Site) -> JobOutput:
    """``output`` with the pages its worker left to the parent (``later``) rendered."""
    if output.order is None:
        return output
    return replace(
        output,
        text=page_text(output.cs, output.order, site),
        order=None,
        others=tuple(rendered(o, site) for o in output.others),
    )


def _picture_folder(target: Path | None, opts: Options) -> str | None:
    """The folder beside the page its pictures go in (``PAGE-files``, as pandoc's --extract-media
    names it), or None when they go in the page. A page on standard output has nowhere beside it:
    HTML and Markdown then carry their pictures; JSON lists them, with the bytes only when asked."""
    if opts.page.images == "embed":
        return None
    if target is None:
        return "images" if opts.page.fmt == "json" else None
    return target.name.rsplit(".", 1)[0] + "-files"


def preload(files: list[Path]) -> None:
    """Import what the conversions will need once, before they fork (see isolate.py)."""

    formats = set()
    for f in files:
        if not f.is_file():
            continue  # a FIFO or device is refused by its job, never opened here
        try:
            with f.open("rb") as fh:
                formats.add(guess_format(fh.read(2048)))
        except OSError:
            continue  # the child reports it properly
    preload_readers(formats)
    if len(files) > 1:  # some returns of a batch need fuzzy matching or a non-ASCII slug; one may not
        import base64  # noqa: F401 - each page's signature (run/duplicates.py)
        import hashlib  # noqa: F401 - OpenSSL's, for every source's digest and signature

        import rapidfuzz.fuzz  # noqa: F401
        import slugify  # noqa: F401


def without_pictures(cs: CaseStudy) -> CaseStudy:
    """The case study with its pictures left out (--no-images), and a warning saying how many."""
    from wres_convert.model import Message
    from wres_convert.model import without_pictures as strip

    sections, dropped = [], 0
    for s in cs.sections:
        blocks, n = strip(s.blocks)
        sections.append(replace(s, blocks=blocks))
        dropped += n
    if not dropped:
        return cs
    said = Message(
        "images-left-out", f"{dropped} image{'s were' if dropped > 1 else ' was'} left out (--no-images)"
    )
    return replace(cs, sections=tuple(sections), warnings=(*cs.warnings, said))
