"""Converting many returns at once: an inbox folder, a list of files, or standard input.

Inputs are expanded (folders, recursively with -r), files that are not submissions by type are
skipped and counted, every conversion runs in its own process (in parallel with -j, each with a
time limit: isolate.py), and results are written in input order, so a parallel run writes
exactly what a serial one does. An output folder keeps a manifest (docs/batch.md): unchanged
sources are skipped next time, removed ones reported, and the index page rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wres_convert.errors import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    EXIT_WARNINGS,
    ConversionError,
)
from wres_convert.isolate import run_all

if TYPE_CHECKING:
    from wres_convert.casestudy import CaseStudy
    from wres_convert.site import Site

SUBMISSION_SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".text", ".doc", ".rtf", ".odt"})
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
MANIFEST = "wres-convert-manifest.json"
STDIN = Path("-")


@dataclass
class Options:
    output: str | None
    fmt: str
    site: Site
    include_contact: bool = False
    redact: bool = False
    force: bool = False
    strict: bool = False
    quiet: bool = False
    debug: bool = False
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 90.0
    jobs: int = 1
    recursive: bool = False
    input_format: str | None = None
    titles: dict[int, str] = field(default_factory=dict)
    fragment: bool = False  # body HTML only, for a CMS
    link_original: bool = False  # copy each source beside its page and link it
    max_memory: int | None = None  # bytes one conversion may use (--max-memory); None: no cap
    max_pages: int | None = None  # pages a PDF may have (--max-pages); None: no cap


@dataclass
class Result:
    source: Path
    status: str  # converted, warnings, failed, skipped, unchanged, removed
    reason: str = ""
    code: int = EXIT_OK
    target: Path | None = None


# ----------------------------------------------------------------------------- inputs
def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not a submission, or None if it may be one."""
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock"):
        return "Word lock file"
    if name.startswith("."):
        return "hidden file"
    if name.lower() in SYSTEM_FILES:
        return "system file"
    if path.suffix.lower() not in SUBMISSION_SUFFIXES:
        return f"not a submission type ({path.suffix.lower() or 'no extension'})"
    return None


def expand(paths: list[Path], recursive: bool) -> tuple[list[Path], list[Result]]:
    """Files to convert (named files always; folders' files that may be submissions, sorted),
    and the files skipped with their reasons."""
    files: list[Path] = []
    skipped: list[Result] = []
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
                    skipped.append(Result(p, "skipped", reason))
                else:
                    files.append(p)
        else:
            files.append(path)
    return list(dict.fromkeys(files)), skipped


# ----------------------------------------------------------------------------- manifest
def load_manifest(folder: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {e["source"]: e for e in data.get("entries", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_manifest(folder: Path, entries: dict[str, dict[str, object]], fmt: str) -> None:
    from wres_convert.output import write_text

    data = {"schema": "wres-manifest/1", "format": fmt, "entries": [entries[k] for k in sorted(entries)]}
    write_text(folder / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n", force=True)


def settings_fingerprint(opts: Options) -> str:
    """What else a page depends on besides its source: the version, the options that change a
    page, the site settings and the templates' text. A page made under other ones is made again,
    so a folder never mixes themes or layouts after a template or setting changes."""
    from dataclasses import asdict

    from wres_convert import __version__
    from wres_convert.render import search_path

    h = hashlib.sha256()
    site = {k: v for k, v in asdict(opts.site).items() if k != "sources"}
    chosen = {
        "version": __version__,
        "format": opts.fmt,
        "site": site,
        "options": [
            opts.include_contact,
            opts.redact,
            opts.fragment,
            opts.link_original,
            sorted(opts.titles.items()),
        ],
    }
    h.update(json.dumps(chosen, sort_keys=True, default=str).encode())
    for folder in search_path(opts.site.templates, opts.site.theme):
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def manifest_entry(
    source: Path, digest: str, target: Path, cs: CaseStudy, settings: str = ""
) -> dict[str, object]:
    return {
        "source": str(source),
        "sha256": digest,
        "settings": settings,
        "outputs": [target.name],
        "organisation": cs.organisation,
        "title": cs.title,
        "subtitle": cs.subtitle,
        "indicators": [i.number for i in cs.indicators],
        "slug": cs.slug,
        "warnings": len(cs.warnings),
    }


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ----------------------------------------------------------------------------- conversion
@dataclass
class Converted:
    """What a worker sends back: the case study (for the manifest and warnings) and its page."""

    cs: CaseStudy
    text: str


def conversion_job(
    source: Path,
    target: Path | None,
    opts: Options,
    data: bytes | None = None,
    *,
    pretty: bool = True,
    original: str | None = None,
    page: bool = True,
) -> Callable[[], Converted]:
    """One file's conversion and rendering, to run in a worker process (isolate.run_all): the
    parent process only writes, so it never holds the workers up. ``page=False``: the case study
    only (``check`` reports on it and renders nothing)."""

    def run() -> Converted:
        from wres_convert.convert import convert_bytes, read_input, render

        if target is not None and source != STDIN and target.resolve() == source.resolve():
            raise ConversionError(
                "would-overwrite-input", "the output would replace the input", "choose another file with -o"
            )
        raw = data if data is not None else read_input(source, opts.max_bytes)
        name = "stdin" if source == STDIN else source.name
        extra = {"titles": opts.titles} if opts.titles else {}
        cs = convert_bytes(raw, name, opts.input_format, redact=opts.redact, **extra)
        if not page:
            return Converted(cs, "")
        text = render(
            cs,
            opts.fmt,
            opts.site,
            include_contact=opts.include_contact,
            pretty=pretty,
            fragment=opts.fragment,
            original=original,
        )
        return Converted(cs, text)

    return run


def preload(files: list[Path]) -> None:
    """Import what the conversions will need once, before they fork (see isolate.py)."""
    from wres_convert import casestudy, render  # noqa: F401 - imported for the children
    from wres_convert.readers import guess_format
    from wres_convert.readers import preload as preload_readers

    formats = set()
    for f in files:
        try:
            with f.open("rb") as fh:
                formats.add(guess_format(fh.read(2048)))
        except OSError:
            continue  # the child reports it properly
    preload_readers(formats)
    import rapidfuzz.fuzz  # noqa: F401 - every conversion matches questions
    import slugify  # noqa: F401


def exit_code(results: list[Result], strict: bool) -> int:
    done = [r for r in results if r.status not in ("skipped", "removed")]
    failed = [r.code for r in done if r.status == "failed"]
    if failed:
        return EXIT_SOME_FAILED if len(failed) < len(done) else max(failed)
    return EXIT_WARNINGS if strict and any(r.status == "warnings" for r in done) else EXIT_OK


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def is_folder_output(output: str | None, paths: list[Path], files: list[Path]) -> bool:
    if output is None or output == "-":
        return False
    from wres_convert.output import format_for

    named_folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
    return named_folder or (
        (len(files) > 1 or any(p.is_dir() for p in paths if p != STDIN)) and not format_for(output)
    )


def run(paths: list[Path], opts: Options, *, allow_empty: bool = False) -> int:
    """Convert everything ``paths`` names; print one line per problem and a summary. Exit code.
    ``allow_empty``: an inbox with nothing in it yet is fine (--watch starts that way)."""
    from wres_convert.output import (
        check_usage,
        copy_original,
        is_ours,
        original_href,
        plan_targets,
        write_text,
    )
    from wres_convert.summary import Progress, print_summary

    files, results = expand(paths, opts.recursive)
    if not files and allow_empty:
        return EXIT_OK
    if not files:
        where = ", ".join(str(p) for p in paths)
        raise ConversionError(
            "no-submissions",
            f"{where}: no returned templates (.docx, .pdf, .txt, .doc, .rtf, .odt) found",
            "check the folder, or use -r to look inside its sub-folders",
        )
    folder_out = is_folder_output(opts.output, paths, files)
    output = (opts.output.rstrip("/" + os.sep) + os.sep) if folder_out and opts.output else opts.output
    check_usage(files, output, opts.fmt)
    if STDIN in files and output is None:
        output = "-"  # standard input has nowhere "beside" it
    targets = plan_targets(files, output, opts.fmt)
    folder = Path(output) if folder_out and output else None
    manifest = load_manifest(folder) if folder else {}
    fingerprint = settings_fingerprint(opts) if folder else ""

    # Unchanged since the last run into this folder: nothing to do (--force redoes them).
    todo: list[int] = []
    digests: dict[int, str | None] = {}
    for i, source in enumerate(files):
        entry = manifest.get(str(source))
        # Hashed here only to compare with the last run; a new source is hashed by its worker.
        digests[i] = _digest(source) if entry and folder and source != STDIN else None
        outputs = [folder / str(o) for o in entry.get("outputs", [])] if entry and folder else []
        if (
            entry
            and not opts.force
            and entry.get("sha256") == digests[i]
            and entry.get("settings") == fingerprint
            and outputs
            and all(o.exists() for o in outputs)
        ):
            results.append(Result(source, "unchanged", target=targets[i]))
        else:
            todo.append(i)
    if folder:
        for gone in sorted(set(manifest) - {str(f) for f in files}):
            if not Path(gone).exists():
                results.append(
                    Result(Path(gone), "removed", "the source is no longer there; its page was kept")
                )
                del manifest[gone]

    stdin_data = sys.stdin.buffer.read() if STDIN in files else None
    many = len(files) > 1
    linked = [opts.link_original and targets[i] is not None and files[i] != STDIN for i in range(len(files))]
    jobs = [
        conversion_job(
            files[i],
            targets[i],
            opts,
            stdin_data if files[i] == STDIN else None,
            pretty=not (many and output == "-"),
            original=original_href(targets[i], files[i]) if linked[i] and targets[i] else None,
        )
        for i in todo
    ]
    preload([files[i] for i in todo if files[i] != STDIN])
    progress = Progress(len(jobs), enabled=many and not opts.quiet and sys.stderr.isatty())
    for i, outcome in zip(todo, run_all(jobs, workers=opts.jobs, timeout=opts.timeout), strict=True):
        source, target = files[i], targets[i]
        name = "standard input" if source == STDIN else str(source)
        try:
            if outcome.error is not None:
                raise outcome.error
            assert outcome.value is not None
            cs, text = outcome.value.cs, outcome.value.text
            rewriting = linked[i] and target is not None and target.is_file() and is_ours(target)
            if target is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_text(target, text, force=opts.force)
                if linked[i]:  # after the page, so a page we may not replace leaves nothing behind
                    copy_original(source, target, replace=opts.force or rewriting)
        except ConversionError as exc:
            progress.say(exc.line(name))
            results.append(Result(source, "failed", exc.message, exc.exit_code, target))
            if output == "-" and many:
                from wres_convert.writers.jsonout import dumps, error_dict

                sys.stdout.write(dumps(error_dict(source.name, exc.code, exc.message), pretty=False) + "\n")
            progress.advance()
            continue
        except Exception as exc:  # a bug, not bad input: still one line, and the batch goes on
            if opts.debug:
                raise
            line = f"{name}: internal error ({type(exc).__name__}: {exc}); please report it, with --debug for details"
            progress.say(line)
            results.append(Result(source, "failed", line, EXIT_UNREADABLE, target))
            progress.advance()
            continue
        if not opts.quiet:
            if target is not None:
                progress.say(f"Wrote {target}")
            for w in cs.warnings:
                progress.say(f"{name}: warning: {w.message}")
        results.append(Result(source, "warnings" if cs.warnings else "converted", target=target))
        if folder and target is not None and source != STDIN:
            manifest[str(source)] = manifest_entry(
                source, digests[i] or cs.source.sha256, target, cs, fingerprint
            )
        progress.advance()
    progress.close()

    if folder:
        save_manifest(folder, manifest, opts.fmt)
        write_index(folder, manifest, opts)
    if not opts.quiet and (many or any(r.status in ("skipped", "removed", "unchanged") for r in results)):
        print_summary(results)
    return exit_code(results, opts.strict)


def write_index(folder: Path, manifest: dict[str, dict[str, object]], opts: Options) -> None:
    """Rebuild the folder's index page from the manifest: every case study, grouped by theme."""
    if opts.fmt not in ("html", "md"):
        return
    from wres_convert.index import render_index
    from wres_convert.output import write_text

    entries = [manifest[k] for k in sorted(manifest)]
    page = render_index(entries, opts.fmt, opts.site, opts.site.templates)
    write_text(folder / f"index.{opts.fmt}", page, force=opts.force)


def watch_inbox(paths: list[Path], opts: Options) -> int:
    """--watch: after the first run, convert each new or changed file that settles in the inbox,
    until Ctrl-C. The watched folder is the one folder given."""
    from wres_convert.watch import watch

    folders = [p for p in paths if p != STDIN and p.is_dir()]
    if len(folders) != 1 or len(paths) != 1:
        raise ConversionError("usage", "--watch needs exactly one inbox folder", "", EXIT_USAGE)
    inbox = folders[0]
    base = Path.cwd()

    def handle(files: list[Path]) -> None:
        # Paths as the user would name them, so the manifest matches the first run's sources.
        named = [Path(os.path.relpath(f, base)) if f.is_relative_to(base) else f for f in files]
        try:
            run(named, opts)
        except ConversionError as exc:
            say(exc.line(str(inbox)))

    say(f"Watching {inbox} for returned templates; press Ctrl-C to stop.")
    watch(inbox.resolve(), handle, recursive=opts.recursive, accept=lambda p: skip_reason(p) is None)
    say("Stopped watching.")
    return EXIT_OK
