"""What a run is asked to do, in three parts that travel only as far as they are needed: how a
return is read, what page is written, and how the run goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_convert.model import value
from wres_convert.run.convert import MAX_INPUT_BYTES, MAX_PAGES

if TYPE_CHECKING:
    from wres_convert.writers.site import Site


@value
class ReadOptions:
    """How a return is read and understood (the worker)."""

    input_format: str | None = None  # for standard input, when it cannot be told
    redact: bool = False  # replace other people's details found in answers
    max_bytes: int = MAX_INPUT_BYTES
    max_pages: int | None = MAX_PAGES
    corrections: str | None = None  # the folder of corrections files (--corrections); else beside each return


@value
class PageOptions:
    """What is written for a case study (the worker renders it; the manifest fingerprints it).
    The site settings hold the templates, the theme and the indicator titles."""

    site: Site
    fmt: str = "html"
    include_contact: bool = False
    fragment: bool = False  # the article only, for a CMS
    link_original: bool = False  # publish a cleaned copy of the source beside its page
    # Pictures: "files" in PAGE-files/ beside the page, "embed" as data: URIs in it, "none" left out.
    images: str = "files"
    omit_empty: bool = False  # leave unanswered sections off the page, not "Not provided…"


@value
class RunOptions:
    """How the run goes (the parent process)."""

    output: str | None = None
    force: bool = False
    strict: bool = False
    quiet: bool = False
    debug: bool = False
    timeout: float = 90.0
    jobs: int = 1
    recursive: bool = False
    max_memory: int | None = None  # bytes one conversion may use; None: no cap
    review: bool = False  # a batch into a folder also writes review pages and review.html


@value
class Options:
    read: ReadOptions
    page: PageOptions
    run: RunOptions
