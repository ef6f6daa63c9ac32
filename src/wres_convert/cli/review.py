"""``wres-convert review FILE… -o DIR``: a static review page for each return, and an index.

Each file is read as ``check`` reads it (the same worker processes and limits), so the page shows
exactly the warnings a conversion would; the pages are then written by this process. Exit codes
are ``check``'s: 0 all read, 1 something needs review (only with --strict), 5 some failed.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated

import typer

from wres_convert.cli.common import (
    ConfigFile,
    CorrectionsDir,
    Debug,
    InputFormatOption,
    Jobs,
    MaxMemory,
    MaxPages,
    MaxSize,
    Recursive,
    StandardOption,
    Timeout,
    guarded,
    new_app,
)
from wres_convert.cli.core import DEFAULT_TIMEOUT, EXIT_CODES_HELP, Theme, config_error, limit_options
from wres_convert.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_WARNINGS,
    ConversionError,
    combined_exit_code,
    message_line,
)
from wres_convert.run.terminal import say

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy

app = new_app()
INDEX = "index.html"


@app.command(epilog=EXIT_CODES_HELP)
def review(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned templates to review: files, folders (inboxes), or - for standard input.",
            metavar="FILE",
            readable=False,
        ),
    ],
    corrections: CorrectionsDir = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder the review pages go in.", metavar="DIR"),
    ] = Path("review"),
    theme: Annotated[
        Theme | None,
        typer.Option(
            "--theme", help="Page design of the published side: default or nhsuk.", show_default=False
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when anything needs a person's attention.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    config: ConfigFile = None,
    standard: StandardOption = None,
    recursive: Recursive = False,
    input_format: InputFormatOption = None,
    max_size: MaxSize = "50",
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_memory: MaxMemory = None,
    max_pages: MaxPages = None,
    jobs: Jobs = None,
    debug: Debug = False,
) -> None:
    """Write a review page for each returned template (the document as read beside the page as it
    will be published, private details masked) and an index of every return's state. Static HTML:
    no server or JavaScript, works offline."""
    from wres_convert.cli.studies import failure, read_all, reading_options
    from wres_convert.run.inputs import STDIN
    from wres_convert.run.output import write_text
    from wres_convert.run.review import link
    from wres_convert.writers.review import Entry, entry_for, failed_entry, render_index, render_review
    from wres_convert.writers.site import load_site

    with guarded(debug):
        try:
            limits = limit_options(max_size, timeout, jobs, max_memory, max_pages)
            site = load_site(config, overrides={"standard": standard, "theme": theme and theme.value})
        except ConversionError as exc:
            say(config_error(exc, config))
            raise typer.Exit(exc.exit_code) from None
        # The conversion's own reading and limits, as check has them: the same warnings.
        opts = reading_options(
            site,
            "html",
            str(output),
            limits,
            input_format=input_format.value if input_format else None,
            debug=debug,
            recursive=recursive,
            corrections=str(corrections) if corrections else None,
        )
        found, count, outcomes = read_all(files, opts)
        codes: list[int] = []
        entries: list[Entry] = []
        try:
            for source, rel, outcome in zip(found.files, found.rels, outcomes, strict=True):
                name = "standard input" if source == STDIN else str(source)
                failed = failure(outcome, name, debug)
                if failed is not None:
                    codes.append(failed[0])
                    entries.append(failed_entry(rel.as_posix(), failed[1]))
                    continue
                studies = [job.cs for job in (outcome.value, *outcome.value.others)]
                for i, cs in enumerate(studies):
                    page = review_page_name(rel, cs, studies, i)
                    href = link(page.as_posix(), INDEX)
                    text = render_review(cs, site, index_href=link(INDEX, page.as_posix()))
                    write_text(output / page, text, root=output)
                    entry = entry_for(cs, href)
                    entries.append(entry)
                    if not quiet and entry.state != "clean":
                        say(message_line("warning", cs.source.file, f"needs review: {output / page}"))
                    codes.append(EXIT_WARNINGS if strict and entry.state != "clean" else EXIT_OK)
            write_text(output / INDEX, render_index(entries, site), root=output)
        except KeyboardInterrupt:
            say(message_line("error", None, f"interrupted; {len(codes)} of {count} files reviewed"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except ConversionError as exc:  # a page that could not be written: stop, as convert does
            say(exc.line())
            raise typer.Exit(exc.exit_code) from None
        finally:
            outcomes.close()  # stops the workers, also on Ctrl-C
        if not quiet:
            say(f"review index: {output / INDEX}")
    raise typer.Exit(combined_exit_code(codes))


def review_page_name(rel: PurePosixPath, cs: CaseStudy, studies: list[CaseStudy], i: int) -> PurePosixPath:
    """The review page's path below the output folder: the published page's name (names.py), so a
    reviewer finds it by the same name; a return attached to a message as MESSAGE--ATTACHMENT."""
    from wres_convert.run.names import page_name, part_page_name

    attached = len(PurePosixPath(cs.source.file).parts) > len(rel.parts)
    if not attached:
        return page_name(rel, ".html", cs.contact)
    names = [PurePosixPath(s.source.file).name for s in studies]
    return part_page_name(rel, names, i, ".html", cs.contact)
