"""The main command's work, without typer: ``wres-convert submission.docx`` writes
``submission.html`` beside it. cli/convert.py declares the options for typer (and its help);
cli/fast.py parses a plain command line itself and calls ``convert_files`` directly, so a one-file
run need not load the CLI framework.

Standard output carries only data (with ``-o -``); every message goes to standard error, one line
per problem, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from wres_convert.cli.core import Stop, config_error, guard, limit_options, usage_error
from wres_convert.errors import EXIT_USAGE, ConversionError, message_line
from wres_convert.run.terminal import say

if TYPE_CHECKING:
    from wres_convert.run.inputs import Found
    from wres_convert.writers.site import Site

# Names of standard output as a file: written as "-" is. Opening the device instead would follow
# it to a pipe that has no name, or to the shell's redirect target, which is not "our" file.
STDOUT_NAMES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def convert_files(
    *,
    files: list[Path],
    output: str | None,
    fmt: str | None,
    include_contact: bool,
    config: Path | None,
    templates: Path | None,
    theme: str | None,
    standard: str | None,
    fragment: bool,
    link_original: bool,
    embed_images: bool,
    no_images: bool,
    strict: bool,
    redact: bool,
    force: bool,
    review: bool,
    omit_empty: bool,
    corrections: Path | None,
    max_size: str,
    timeout: str,
    max_memory: str | None,
    max_pages: str | None,
    jobs: str | None,
    recursive: bool,
    input_format: str | None,
    watch: bool,
    quiet: bool,
    debug: bool,
) -> int:
    """Convert ``files`` as the options say; the exit code. The options are the command's, by
    name, with choices as their strings, every one given: their defaults are typer's, declared
    once in cli/convert.py. ``Stop`` carries the code of a run that ended early."""
    from wres_convert.run.batch import run
    from wres_convert.run.options import Options, PageOptions, ReadOptions, RunOptions

    if output in STDOUT_NAMES:
        output = "-"  # the device is standard output, whatever it is joined to (a pipe, a file)
    with guard(debug):
        try:
            # Every option is checked before any work: a usage error never follows a page.
            limits = limit_options(max_size, timeout, jobs, max_memory, max_pages)
            fmt_name = _output_format(output, fmt)
            if fmt_name == "json" and (fragment or link_original):
                raise usage_error("--fragment and --link-original are for html and md pages")
            if link_original and (output == "-" or Path("-") in files):
                raise usage_error(
                    "--link-original needs a source file and a page file to copy it beside",
                    "name the file instead of standard input, and leave out -o -",
                )
            if corrections is not None and not corrections.is_dir():
                raise usage_error(
                    f"--corrections {corrections}: no such folder", "name the folder of corrections files"
                )
            if embed_images and no_images:
                raise usage_error("--embed-images and --no-images cannot both be given")
            if watch:
                _check_watch(files, output)
            site = _site(config, templates, theme, standard)
            found = _check_inputs(files, output, fmt_name, recursive)
        except ConversionError as exc:
            say(config_error(exc, config))
            raise Stop(exc.exit_code) from None
        if include_contact and fmt_name != "json" and not quiet:
            say(
                message_line(
                    "warning", None, f"--include-contact only applies to JSON output, not {fmt_name}"
                )
            )
        opts = Options(
            read=ReadOptions(
                input_format=input_format,
                redact=redact,
                max_bytes=limits["max_bytes"],
                max_pages=limits["max_pages"],
                corrections=str(corrections) if corrections else None,
            ),
            page=PageOptions(
                site,
                fmt_name,
                include_contact=include_contact,
                fragment=fragment,
                link_original=link_original,
                images="embed" if embed_images else "none" if no_images else "files",
                omit_empty=omit_empty,
            ),
            run=RunOptions(
                output=output,
                force=force,
                strict=strict,
                quiet=quiet,
                debug=debug,
                recursive=recursive,
                review=review,
                timeout=limits["timeout"],
                jobs=limits["jobs"],
                max_memory=limits["max_memory"],
            ),
        )
        try:
            code = run(files, opts, allow_empty=watch, found=found)
            if watch and code != EXIT_USAGE:
                from wres_convert.run.watch import watch_inbox  # watchdog: only for --watch

                code = watch_inbox(files, opts)
        except ConversionError as exc:
            say(exc.line())
            raise Stop(exc.exit_code) from None
    return code


def _output_format(output: str | None, fmt: str | None) -> str:
    """The output format: --format, else the -o suffix, else html. An -o suffix that names no
    format (out.pdf) is refused rather than given a page of HTML under that name."""
    from wres_convert.run.output import SUFFIXES, format_for

    if fmt is not None:
        return fmt
    if output is not None and output != "-" and not (output.endswith(("/", os.sep)) or Path(output).is_dir()):
        suffix = Path(output).suffix
        if suffix and suffix.lower() not in SUFFIXES:
            raise usage_error(
                f"-o {output}: {suffix} is not an output format", "use .html, .md or .json, or --format"
            )
    return format_for(output) or "html"


def _check_watch(paths: list[Path], output: str | None) -> None:
    """--watch keeps one inbox folder's pages up to date: it needs that folder, and somewhere to
    keep pages that is not standard output or a single file."""
    from wres_convert.run.output import format_for

    if len(paths) != 1 or str(paths[0]) == "-" or not paths[0].is_dir():
        raise usage_error(
            "--watch needs exactly one inbox folder",
            "name the folder, as in: wres-convert inbox/ --watch -o site/",
        )
    if output == "-" or (output is not None and format_for(output) and not output.endswith(("/", os.sep))):
        raise usage_error(
            f"--watch needs an output folder, not {'standard output' if output == '-' else output}",
            "end -o with / for a folder, or leave -o out to write each page beside its return",
        )


def _site(config: Path | None, templates: Path | None, theme: str | None, standard: str | None) -> Site:
    """The site settings in force (the run checks the templates it uses: run/batch.py)."""
    from wres_convert.writers.site import load_site

    site = load_site(
        config,
        overrides={
            "templates": str(templates) if templates else None,
            "theme": theme or None,
            "standard": standard,
        },
    )
    return site


def _check_inputs(paths: list[Path], output: str | None, fmt: str, recursive: bool) -> Found:
    """The checks the run makes once it knows its files, made before it starts: several inputs
    into one file, or onto standard output as anything but JSON Lines. The listing, which the run
    then converts: an inbox of 1,000 files took 40 ms to list."""
    from wres_convert.run.batch import is_folder_output
    from wres_convert.run.inputs import expand
    from wres_convert.run.output import check_usage

    found = expand(paths, recursive)
    if output is not None and is_folder_output(output, paths, found.files):
        output = output.rstrip("/" + os.sep) + os.sep
    check_usage(found.files, output, fmt)
    return found
