"""Converting many returns at once: an inbox folder, a list of files, or standard input.

Inputs are expanded (folders, recursively with -r), files that are not submissions by type are
skipped and counted, every file is read and converted in a worker process (in parallel with -j,
each with a time limit: isolate.py), and results are written in input order, so a parallel run writes
exactly what a serial one does. An output folder keeps a manifest (docs/batch.md): unchanged
sources are skipped next time, removed ones reported, and the index page rebuilt.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from wres_convert.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_WARNINGS,
    ConversionError,
    combined_exit_code,
    internal_error_line,
)
from wres_convert.run.corrections import below, corrections_digest, forget_listings, load_corrections
from wres_convert.run.duplicates import all_entries, flag_duplicates, listed, mtime
from wres_convert.run.inputs import STDIN, Found, expand, nothing_found
from wres_convert.run.isolate import Outcome, run_all
from wres_convert.run.job import JobOutput, Place, conversion_job, preload, rendered
from wres_convert.run.manifest import (
    digest,
    find_entry,
    folder_lock,
    hidden_id,
    load_manifest,
    manifest_entry,
    owners,
    save_manifest,
    settings_fingerprint,
)
from wres_convert.run.options import Options
from wres_convert.run.output import (
    check_usage,
    format_for,
    preload_writing,
    remove_outputs,
    write_text,
)
from wres_convert.run.progress import Progress, print_summary
from wres_convert.run.publish import OutputGone, write_outputs, write_stdout
from wres_convert.run.review import review_rows, write_pages
from wres_convert.run.review import write_index as write_review_index
from wres_convert.run.terminal import say
from wres_convert.values import field, record

if TYPE_CHECKING:
    from wres_convert.writers.review import Entry


@record
class FileStatus:
    source: Path
    status: str  # converted, warnings, failed, skipped, unchanged, removed
    reason: str = ""
    code: int = EXIT_OK
    target: Path | None = None
    entry: dict[str, object] | None = None  # its manifest entry, once converted into a folder
    reviews: list[Entry] = field(default_factory=list)  # its rows in review.html (--review)


# ----------------------------------------------------------------------------- conversion
def exit_code(results: list[FileStatus], strict: bool) -> int:
    def code(r: FileStatus) -> int:
        if r.status == "failed":
            return r.code
        return EXIT_WARNINGS if strict and r.status == "warnings" else EXIT_OK

    return combined_exit_code([code(r) for r in results if r.status not in ("skipped", "removed")])


def is_folder_output(output: str | None, paths: list[Path], files: list[Path]) -> bool:
    if output is None or output == "-":
        return False
    named_folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
    return named_folder or (
        (len(files) > 1 or any(p.is_dir() for p in paths if p != STDIN)) and not format_for(output)
    )


def run(
    paths: list[Path],
    opts: Options,
    *,
    allow_empty: bool = False,
    root: Path | None = None,
    found: Found | None = None,
) -> int:
    """Convert everything ``paths`` names; print one line per problem and a summary. Exit code.
    ``allow_empty``: an inbox with nothing in it yet is fine (--watch starts that way). ``root``:
    the inbox the paths lie in, when they are named one by one (--watch). ``found``: their
    listing (``expand``), when the command has made it to check its options."""
    forget_listings()
    found = found if found is not None else expand(paths, opts.run.recursive, root)
    files = found.files
    results = [FileStatus(p, "skipped", reason) for p, reason in found.skipped]
    into_folder = bool(opts.run.output and is_folder_output(opts.run.output, paths, files))
    # One page, not into a folder: its templates are loaded while its worker reads (_convert).
    # Otherwise they are checked now: a broken one stops the run once, before any page, and
    # before an empty inbox is waited on (--watch) or reported.
    alone = len(files) == 1 and not into_folder
    if not alone:
        check_templates(opts, index=into_folder)
    if not files and allow_empty:
        return EXIT_OK
    if not files:
        raise nothing_found(paths)
    output = (opts.run.output.rstrip("/" + os.sep) + os.sep) if into_folder else opts.run.output
    check_usage(files, output, opts.page.fmt)
    if STDIN in files and output is None:
        output = "-"  # standard input has nowhere "beside" it
    folder = Path(output) if into_folder and output else None
    # A file named on its own keeps its folders only where they place its page in an output
    # folder; elsewhere (standard output, beside it) its name is all published output shows.
    named = set(paths) if folder is None else set()
    rels = [PurePosixPath(f.name) if f in named else r for f, r in zip(files, found.rels, strict=True)]
    if folder is None:
        return _convert(files, rels, results, opts, output, None, alone)
    with folder_lock(folder, say):
        return _convert(files, rels, results, opts, output, folder, alone)


def check_templates(opts: Options, *, index: bool) -> None:
    """Load the templates the run renders with, the pages' and with ``index`` the index's:
    a broken one stops the run, before any page. The writers and Jinja2 are imported here, not
    with this module: one file's parent loads them while its worker reads."""
    if opts.page.fmt == "json":
        return
    from wres_convert.writers.page import compile_templates, index_template, page_templates

    pages = page_templates(opts.page.fmt, opts.page.fragment)
    compile_templates(opts.page.site, (*pages, index_template(opts.page.fmt)) if index else pages)


def _ready_to_write(opts: Options) -> None:
    """One file's parent, while its worker reads: the templates loaded and checked, and what
    writing the page needs, so none of it is left for after the worker."""
    check_templates(opts, index=False)
    preload_writing()


def _place(source: Path, rel: PurePosixPath, output: str | None, folder: Path | None) -> Place:
    if output == "-":
        return Place(rel)
    if folder is not None:
        return Place(rel, folder=folder)
    if output is not None:
        return Place(rel, file=Path(output))
    return Place(PurePosixPath(source.name), folder=source.parent)  # beside the input


def _convert(
    files: list[Path],
    rels: list[PurePosixPath],
    results: list[FileStatus],
    opts: Options,
    output: str | None,
    folder: Path | None,
    alone: bool,
) -> int:
    manifest = load_manifest(folder) if folder else {}
    fingerprint = settings_fingerprint(opts) if folder else ""

    # Unchanged since the last run into this folder: nothing to do (--force redoes them).
    todo: list[int] = []
    digests: dict[int, str | None] = {}
    for i, source in enumerate(files):
        known = find_entry(manifest, source) if folder else None
        entry = known[1] if known else None
        # Hashed here only to compare with the last run; a new source is hashed by its worker.
        digests[i] = digest(source) if entry and folder and source != STDIN else None
        outputs = [folder / str(o) for o in entry.get("outputs", [])] if entry and folder else []  # type: ignore[union-attr]
        if (
            entry
            and not opts.run.force
            and entry.get("sha256") == digests[i]
            and entry.get("settings") == fingerprint
            and entry.get("corrections", "")
            == corrections_digest(source, opts.read.corrections, below(rels[i]))
            and outputs
            and all(o.is_file() for o in outputs)
        ):
            results.append(FileStatus(source, "unchanged", target=outputs[0]))
        else:
            todo.append(i)
    if folder:
        here = {str(f) for f in files} | {hidden_id(f) for f in files}
        for gone in sorted(set(manifest) - here):
            # A source kept only as a digest cannot be looked for; its entry stays.
            if not gone.startswith("sha256:") and not Path(gone).exists():
                results.append(
                    FileStatus(Path(gone), "removed", "the source is no longer there; its page was kept")
                )
                del manifest[gone]

    stdin_data = sys.stdin.buffer.read() if STDIN in files else None
    many = len(files) > 1
    jobs = [
        conversion_job(
            files[i],
            _place(files[i], rels[i], output, folder),
            opts,
            stdin_data if files[i] == STDIN else None,
            pretty=not (many and output == "-"),
            later=alone,
        )
        for i in todo
    ]
    meanwhile = None
    if alone:  # the worker imports its reader; this process loads the templates, then renders
        meanwhile = partial(_ready_to_write, opts)
    else:  # imported once, before the workers fork
        preload([files[i] for i in todo if files[i] != STDIN])
    progress = Progress(len(jobs), enabled=many and not opts.run.quiet and sys.stderr.isatty())
    claimed = owners(manifest)  # output file -> the source it belongs to
    outcomes = run_all(
        jobs,
        workers=opts.run.jobs,
        timeout=opts.run.timeout,
        memory=opts.run.max_memory,
        meanwhile=meanwhile,
    )
    interrupted = False
    stopped: ConversionError | None = None
    try:
        for i, outcome in zip(todo, outcomes, strict=True):
            result = _finish(files[i], outcome, opts, output, folder, claimed, many, progress)
            results.append(result)
            if result.entry is not None and folder is not None:
                old: list[str] = []
                for key in (str(files[i]), hidden_id(files[i])):
                    old += [str(o) for o in (manifest.pop(key, None) or {}).get("outputs", [])]  # type: ignore[union-attr]
                remove_outputs(folder, set(old) - {str(o) for o in result.entry["outputs"]}, progress)  # type: ignore[union-attr]
                entry = {
                    **result.entry,
                    "sha256": digests[i] or result.entry["sha256"],
                    "settings": fingerprint,
                }
                if fixed := corrections_digest(files[i], opts.read.corrections, below(rels[i])):
                    entry["corrections"] = fixed  # a changed corrections file redoes the page
                    fix = load_corrections(
                        files[i], opts.read.corrections, opts.page.site.load_standard(), None, below(rels[i])
                    )
                    if fix is not None and fix.publish is not None:
                        entry["publish"] = fix.publish
                if (changed := mtime(files[i])) is not None:
                    entry["mtime"] = changed  # of two duplicates, the newer is listed
                manifest[str(entry["source"])] = result.entry = entry  # one dict a return, not two
            progress.advance()
    except KeyboardInterrupt:
        interrupted = True
    except OutputGone as gone:  # a full disk behind standard output: no later file can get out either
        stopped = gone.error
    finally:
        outcomes.close()  # stops the workers, also on Ctrl-C
        progress.close()

    if folder:
        flag_duplicates(all_entries(manifest), None if opts.run.quiet else say)
        save_manifest(folder, manifest, opts.page.fmt, force=opts.run.force)
        write_index(folder, manifest, opts)
        if opts.run.review:
            rows = [
                row
                for r in results
                for row in review_rows(r.status, r.source, r.reason, r.reviews, manifest, folder)
            ]
            write_review_index(folder, rows, opts.page.site)
    if stopped is not None:
        raise stopped
    if interrupted:
        done = sum(r.status in ("converted", "warnings") for r in results)
        say(
            f"error: interrupted; {done} of {len(todo)} files converted"
            + (f", and {folder} lists them" if folder else "")
        )
        return EXIT_INTERRUPTED
    if not opts.run.quiet and (many or any(r.status in ("skipped", "removed", "unchanged") for r in results)):
        print_summary(results)
    return exit_code(results, opts.run.strict)


def _finish(
    source: Path,
    outcome: Outcome[JobOutput],
    opts: Options,
    output: str | None,
    folder: Path | None,
    claimed: dict[str, str],
    many: bool,
    progress: Progress,
) -> FileStatus:
    """Write one conversion's results (the parent does all writing, in input order) and say how
    it went. One failed file never stops the others."""
    name = "standard input" if source == STDIN else str(source)
    target = None
    try:
        if outcome.error is not None:
            raise outcome.error
        assert outcome.value is not None
        conv = rendered(outcome.value, opts.page.site)
        cs, target = conv.cs, conv.target
        convs = [conv, *conv.others]  # a message's attached returns: a page each
        written = [write_outputs(source, c, opts, output, folder, claimed) for c in convs]
    except ConversionError as exc:
        if exc.code == "no-return" and many:  # an inbox's "thank you" message: not a failed return
            progress.say(f"{name}: skipped: {exc.message}")
            return FileStatus(source, "skipped", exc.message)
        progress.say(exc.line(name))
        if output == "-" and many:
            from wres_convert.writers.jsonout import dumps, error_dict  # only for a failure

            write_stdout(dumps(error_dict(source.name, exc.code, exc.message), pretty=False) + "\n")
        return FileStatus(source, "failed", exc.message, exc.exit_code, target)
    except (BrokenPipeError, KeyboardInterrupt, OutputGone):
        raise  # the reader has gone, or the user stopped the run: the whole run ends
    except Exception as exc:  # a bug, not bad input: still one line, and the batch goes on
        if opts.run.debug:  # the worker's own frames: the parent's would end where it re-raises
            import traceback

            progress.say(f"{name}: the conversion's traceback follows")
            sys.stderr.write(outcome.trace or "".join(traceback.format_exception(exc)))
        line = internal_error_line(name, exc)
        progress.say(line)
        return FileStatus(source, "failed", line, EXIT_UNREADABLE, target)
    if not opts.run.quiet:
        for c in convs:
            if c.target is not None:
                progress.say(f"Wrote {c.target}")
            for w in c.cs.warnings:
                progress.say(f"{name}: warning: {w.message}")
    entry = None
    if folder is not None and source != STDIN and written[0]:
        source_id = hidden_id(source) if conv.private_path else str(source)
        entry = manifest_entry(
            source_id, conv.source_sha256 or cs.source.sha256, written[0], cs, conv.signature
        )
        if conv.others:  # every page the message gave is the source's; the index lists each
            entry["parts"] = [
                manifest_entry(source_id, c.cs.source.sha256, w, c.cs, c.signature)
                for c, w in zip(convs[1:], written[1:], strict=True)
            ]
            entry["outputs"] = [o for w in written for o in w]
    reviews = write_pages(folder, convs, opts.page.site) if folder is not None and opts.run.review else []
    warned = any(c.cs.warnings for c in convs)
    return FileStatus(
        source, "warnings" if warned else "converted", target=target, entry=entry, reviews=reviews
    )


def write_index(folder: Path, manifest: dict[str, dict[str, object]], opts: Options) -> None:
    """Rebuild the folder's index page from the manifest: every case study, grouped by theme."""
    if opts.page.fmt not in ("html", "md"):
        return

    entries = [e for e in all_entries(manifest) if listed(e)]
    from wres_convert.writers.index import render_index  # Jinja2: not before a worker forks

    page = render_index(entries, opts.page.fmt, opts.page.site)
    write_text(folder / f"index.{opts.page.fmt}", page, force=opts.run.force, root=folder)
