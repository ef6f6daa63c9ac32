"""``--review`` on a batch into a folder: a review page for each return converted, under
``review/`` with its published page's name, and ``review.html`` beside ``index.html`` listing
every return the folder holds with its state (clean, needs review, failed) and why. "review" is
a name the tool keeps for itself (names.RESERVED), so no page or inbox folder can take it."""

from __future__ import annotations

import os.path
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from wres_convert.run.output import write_text

if TYPE_CHECKING:
    from wres_convert.run.job import JobOutput
    from wres_convert.writers.review import Entry
    from wres_convert.writers.site import Site

FOLDER, INDEX = "review", "review.html"


def link(target: str, start: str) -> str:
    """``target`` as a link from the page at ``start`` (both below the output folder), quoted."""
    return quote(os.path.relpath(target, os.path.dirname(start) or ".").replace(os.sep, "/"))


def write_pages(folder: Path, convs: list[JobOutput], site: Site) -> list[Entry]:
    """Each case study's review page; its entry in the review index."""
    from wres_convert.writers.review import entry_for, render_review

    entries = []
    for conv in convs:
        if conv.target is None:
            continue
        # Always HTML, whatever the site's pages are: a review page is never part of a site.
        page = f"{FOLDER}/{conv.target.relative_to(folder).with_suffix('.html').as_posix()}"
        write_text(folder / page, render_review(conv.cs, site, index_href=link(INDEX, page)), root=folder)
        entries.append(entry_for(conv.cs, quote(page)))
    return entries


def from_manifest(entry: dict[str, object], folder: Path) -> Entry:
    """An unchanged return's row, from what the manifest kept of it (its page of an earlier run)."""
    from wres_convert.writers.review import Entry

    outputs = entry.get("outputs") or [""]
    page = f"{FOLDER}/{PurePosixPath(str(outputs[0])).with_suffix('.html').as_posix()}"  # type: ignore[index]
    href = quote(page) if (folder / page).is_file() else None
    count = int(entry.get("warnings") or 0)  # type: ignore[call-overload]
    reasons = (f"{count} warning{'s' if count != 1 else ''}: see its review page",) if count else ()
    name = str(entry.get("source", ""))
    if name.startswith("sha256:"):
        name = "a return whose name holds contact details"
    return Entry(
        name, "needs-review" if count else "clean", reasons, href, str(entry.get("organisation") or "")
    )


def write_index(folder: Path, entries: list[Entry], site: Site) -> None:
    from wres_convert.writers.review import render_index

    write_text(folder / INDEX, render_index(entries, site), root=folder)


def review_rows(
    status: str,
    source: Path,
    reason: str,
    reviews: list[Entry],
    manifest: dict[str, dict[str, object]],
    folder: Path,
) -> list[Entry]:
    """A return's rows in review.html: as converted now, failed, or as an earlier run left it."""
    from wres_convert.writers.review import failed_entry

    if status == "failed":
        return [failed_entry(str(source), reason)]
    from wres_convert.run.manifest import find_entry
    from wres_convert.values import replace

    known = find_entry(manifest, source)
    kept = [known[1], *known[1].get("parts", [])] if known else []  # type: ignore[misc]
    rows = [from_manifest(e, folder) for e in kept] if status == "unchanged" else reviews
    # A duplicate is flagged where the reviewer looks: its row says which return outranks it.
    for i, e in enumerate(kept[: len(rows)]):
        said = []
        if e.get("publish") is False:
            said.append("kept off the index by its corrections file (publish = false)")
        if "duplicate_of" in e:
            fate = "listed anyway" if e.get("publish") else "not listed in the index"
            said.append(f"duplicate of {e['duplicate_of']}: {fate}")
        if said:
            rows[i] = replace(rows[i], state="needs-review", reasons=(*rows[i].reasons, *said))
    return rows
