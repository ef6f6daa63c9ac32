"""The command line: ``wres-convert submission.docx`` writes ``submission.html`` beside it.

Standard output carries only data (with ``-o -``); every message goes to standard error, one line
per problem, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wres_convert import __version__
from wres_convert.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_CANNOT_WRITE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    EXIT_WARNINGS,
    ConversionError,
    internal_error_line,
    message_line,
)
from wres_convert.terminal import STDOUT_WRITE_ERRORS, say

if TYPE_CHECKING:
    from wres_convert.site import Site

SUBCOMMANDS = ("check", "templates", "config")

# Upper bounds of the numeric options: past them a value is a slip of the keyboard, and some would
# overflow (an input buffer of 1e308 MB, a wait longer than the system's clock can count).
MOST_MB_INPUT = 1024  # --max-size: a returned template is well under 5 MB
MOST_SECONDS = 24 * 60 * 60  # --timeout: a day
MOST_MB_MEMORY = 1024 * 1024  # --max-memory: a terabyte
LEAST_MB_INPUT = 0.001  # --max-size: a kilobyte; below it the limit would round to nothing
LEAST_MB_MEMORY = 128  # --max-memory: a conversion process starts at 52-68 MB of address space
MOST_PAGES = 100_000  # --max-pages
MB = 1024 * 1024

EXIT_CODES_HELP = (
    "Exit codes: 0 converted; 1 converted with review warnings (only with --strict); 2 usage error; "
    "3 a file could not be read (missing, damaged, encrypted, wrong kind, over a limit); 4 not a WRES "
    "case-study submission (or a page wres-convert wrote); 5 some files converted and some failed; "
    "6 an output file could not be written; 130 interrupted (Ctrl-C); 141 standard output was closed "
    "early (| head). When every file fails, the highest code is returned."
)


def new_app() -> typer.Typer:
    """One command's app, set up alike for every subcommand: plain help (rich's help formatting
    costs start-up time), no completion installer, our own one-line errors instead of tracebacks."""
    return typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = new_app()


class InputFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    text = "text"


class Theme(StrEnum):
    default = "default"
    nhsuk = "nhsuk"


class OutputFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"


def most_jobs() -> int:
    """The largest -j: a few workers per core is already past any gain."""
    return max(32, 4 * (os.cpu_count() or 1))


def usage_error(message: str, hint: str = "") -> ConversionError:
    return ConversionError("usage", message, hint, EXIT_USAGE)


def _whole(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def positive(
    option: str, raw: str, *, unit: str = "", most: float, least: float = 0, whole: bool = False
) -> float:
    """``raw`` as a number above 0 and at most ``most``, or a usage error naming ``option``. Parsed
    here, not by typer, so "nan", "inf" and "1e308" get the same plain message as "abc"."""
    kind = "a whole number" if whole else "a number"
    units = f" ({unit})" if unit else ""
    value: float | None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if whole and value is not None and not (math.isfinite(value) and value.is_integer()):
        value = None  # "2.5" or "inf" jobs; "1e9" is a whole number, only too large
    if value is None or value != value or value <= 0:  # value != value: NaN
        raise usage_error(f"{option} must be {kind} above 0{units}, not {raw!r}")
    if value > most:
        raise usage_error(f"{option} must be at most {_whole(most)}{units}, not {raw!r}")
    if value < least:
        raise usage_error(f"{option} must be at least {_whole(least)}{units}, not {raw!r}")
    return value


def limit_options(
    max_size: str, timeout: str, jobs: str | None, max_memory: str | None, max_pages: str | None
) -> dict[str, Any]:
    """The resource limits shared by the conversion and ``check``, checked, as ``Options`` fields."""
    n_jobs = (
        int(positive("--jobs", jobs, most=most_jobs(), whole=True))
        if jobs is not None
        else os.cpu_count() or 1
    )
    size = positive("--max-size", max_size, unit="MB", most=MOST_MB_INPUT, least=LEAST_MB_INPUT)
    seconds = positive("--timeout", timeout, unit="seconds", most=MOST_SECONDS)
    if max_memory is not None:
        memory: int | None = int(
            positive("--max-memory", max_memory, unit="MB", most=MOST_MB_MEMORY, least=LEAST_MB_MEMORY) * MB
        )
    else:
        from wres_convert.isolate import default_memory_limit

        memory = default_memory_limit(n_jobs)
    if max_pages is not None:
        pages: int | None = int(positive("--max-pages", max_pages, most=MOST_PAGES, whole=True))
    else:
        from wres_convert.convert import MAX_PAGES

        pages = MAX_PAGES
    return {
        "max_bytes": int(size * MB),
        "timeout": seconds,
        "jobs": n_jobs,
        "max_memory": memory,
        "max_pages": pages,
    }


@contextlib.contextmanager
def guarded(debug: bool) -> Iterator[None]:
    """What no command lets out as a traceback. A closed standard output (``| head``) ends the run
    quietly, as Unix tools do; a full one is one line and exit 6; a bug is one line and exit 3,
    with its traceback under --debug."""
    from wres_convert.terminal import silence_stdout

    try:
        yield
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except ConversionError as exc:  # one that no file owns, such as standard output being full
        say(exc.line())
        raise typer.Exit(exc.exit_code) from None
    except Exception as exc:
        # typer's own exits and usage errors are answers, not bugs: typer prints them.
        if debug or type(exc).__module__.split(".")[0] in ("typer", "click"):
            raise
        say(internal_error_line(None, exc))
        raise typer.Exit(EXIT_UNREADABLE) from None


# Options the conversion and ``check`` share, so both read files under the same limits.
MaxSize = Annotated[
    str, typer.Option("--max-size", help="Refuse input files larger than this many MB.", metavar="MB")
]
Timeout = Annotated[
    str, typer.Option("--timeout", help="Stop a file's conversion after this many seconds.", metavar="S")
]
Jobs = Annotated[
    str | None,
    typer.Option(
        "--jobs",
        "-j",
        help="Files converted at once. Default: the number of cores.",
        show_default=False,
        metavar="N",
    ),
]
MaxMemory = Annotated[
    str | None,
    typer.Option(
        "--max-memory",
        help="Stop a file's conversion when it uses more memory than this many MB. "
        "Default: a share of the machine's memory for each of the --jobs.",
        show_default=False,
        metavar="MB",
    ),
]
MaxPages = Annotated[
    str | None,
    typer.Option(
        "--max-pages",
        help="Refuse a PDF with more pages than this. Default: the converter's own limit.",
        show_default=False,
        metavar="N",
    ),
]
Recursive = Annotated[bool, typer.Option("--recursive", "-r", help="Look inside sub-folders of a folder.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="docx, pdf or text: for standard input when it cannot be told.",
        show_default=False,
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="A TOML file of site settings (links, site name).",
        show_default=False,
        metavar="FILE",
        readable=False,
    ),
]
DEFAULT_TIMEOUT = "90"  # above LibreOffice's own 60 s for legacy files, so its clearer message wins


def config_error(exc: ConversionError, config: Path | None) -> str:
    """The line for a ConversionError met while setting up: a bad site setting names its file."""
    from wres_convert.site import config_in_force

    if exc.code == "bad-config":
        return exc.line(str(config_in_force(config) or "wres-convert.toml"))
    return exc.line()


def _show_version(value: bool) -> None:
    if value:
        print(f"wres-convert {__version__}")
        raise typer.Exit()


@app.command(epilog=EXIT_CODES_HELP)
def convert(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned templates: .docx, .pdf or .txt.",
            show_default=False,
            metavar="FILE",
            readable=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file, folder, or - for standard output. Default: beside each input.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md or json. Default: from the -o suffix, else html.",
            show_default=False,
        ),
    ] = None,
    include_contact: Annotated[
        bool,
        typer.Option("--include-contact", help="Add the submitter's contact details to JSON output only."),
    ] = False,
    config: ConfigFile = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="A folder of changed templates (from 'wres-convert templates export DIR'); "
            "files it lacks come from the packaged ones.",
            show_default=False,
            metavar="DIR",
            readable=False,
        ),
    ] = None,
    theme: Annotated[
        Theme | None,
        typer.Option(
            "--theme", help="Page design: default, or nhsuk (NHS.UK design system).", show_default=False
        ),
    ] = None,
    fragment: Annotated[
        bool,
        typer.Option("--fragment", help="Write only the case study's body (no <html>/<head>), for a CMS."),
    ] = False,
    link_original: Annotated[
        bool,
        typer.Option(
            "--link-original",
            help="Publish a copy of each source, cleaned of the submitter's details, beside its page and link it under Further Reading.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a conversion has review warnings.")
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact", help="Replace e-mail addresses, phone, NHS and NI numbers found in answers."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing output files that wres-convert did not write.")
    ] = False,
    max_size: MaxSize = "50",
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_memory: MaxMemory = None,
    max_pages: MaxPages = None,
    jobs: Jobs = None,
    recursive: Recursive = False,
    input_format: InputFormatOption = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Keep running: convert each new or changed file in the inbox folder."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Debug = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", is_eager=True, callback=_show_version),
    ] = False,
) -> None:
    """Convert returned WRES case-study templates into the published case study page.

    FILE may be a file, a folder (an inbox: every submission in it), or - for standard input.
    Review how a file was read, question by question, with: wres-convert check FILE...
    Copy the page templates out to change them with: wres-convert templates export DIR"""
    from wres_convert.batch import Options, run, watch_inbox

    if output in STDOUT_NAMES:
        output = "-"  # the device is standard output, whatever it is joined to (a pipe, a file)
    with guarded(debug):
        try:
            # Every option is checked before any work: a usage error never follows a page.
            limits = limit_options(max_size, timeout, jobs, max_memory, max_pages)
            fmt_name = _output_format(output, fmt.value if fmt is not None else None)
            if fmt_name == "json" and (fragment or link_original):
                raise usage_error("--fragment and --link-original are for html and md pages")
            if link_original and (output == "-" or Path("-") in files):
                raise usage_error(
                    "--link-original needs a source file and a page file to copy it beside",
                    "name the file instead of standard input, and leave out -o -",
                )
            if watch:
                _check_watch(files, output)
            site = _site(config, templates, theme, fmt_name)
            _check_inputs(files, output, fmt_name, recursive)
        except ConversionError as exc:
            say(config_error(exc, config))
            raise typer.Exit(exc.exit_code) from None
        if include_contact and fmt_name != "json" and not quiet:
            say(
                message_line(
                    "warning", None, f"--include-contact only applies to JSON output, not {fmt_name}"
                )
            )
        opts = Options(
            output=output,
            fmt=fmt_name,
            site=site,
            include_contact=include_contact,
            redact=redact,
            force=force,
            strict=strict,
            quiet=quiet,
            debug=debug,
            recursive=recursive,
            input_format=input_format.value if input_format else None,
            titles=dict(site.title_overrides()),
            fragment=fragment,
            link_original=link_original,
            **limits,
        )
        try:
            code = run(files, opts, allow_empty=watch)
            if watch and code != EXIT_USAGE:
                code = watch_inbox(files, opts)
        except ConversionError as exc:
            say(exc.line())
            raise typer.Exit(exc.exit_code) from None
    raise typer.Exit(code)


def _output_format(output: str | None, fmt: str | None) -> str:
    """The output format: --format, else the -o suffix, else html. An -o suffix that names no
    format (out.pdf) is refused rather than given a page of HTML under that name."""
    from wres_convert.output import SUFFIXES, format_for

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
    from wres_convert.output import format_for

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


def _site(config: Path | None, templates: Path | None, theme: Theme | None, fmt: str) -> Site:
    """The site settings in force, with the page templates checked (a broken one is a usage error)."""
    from wres_convert.render import check_templates
    from wres_convert.site import load_site

    site = load_site(
        config, overrides={"templates": str(templates) if templates else None, "theme": theme and theme.value}
    )
    if fmt != "json":
        check_templates(site, site.templates)
    return site


def _check_inputs(paths: list[Path], output: str | None, fmt: str, recursive: bool) -> None:
    """The checks the run makes once it knows its files, made before it starts: several inputs
    into one file, or onto standard output as anything but JSON Lines."""
    from wres_convert.batch import is_folder_output
    from wres_convert.inputs import expand
    from wres_convert.output import check_usage

    files = expand(paths, recursive).files
    if output is not None and is_folder_output(output, paths, files):
        output = output.rstrip("/" + os.sep) + os.sep
    check_usage(files, output, fmt)


def _exit_code(codes: list[int]) -> int:
    failed = [c for c in codes if c not in (EXIT_OK, EXIT_WARNINGS)]
    if failed:
        return EXIT_SOME_FAILED if len(failed) < len(codes) else max(failed)
    return EXIT_WARNINGS if EXIT_WARNINGS in codes else EXIT_OK


def main() -> None:
    args = sys.argv[1:]
    # Before parsing, so a failure anywhere (even in parsing) honours it.
    debug = "--debug" in (args[: args.index("--")] if "--" in args else args)
    code = _dispatch(args, debug)
    code = _flush_stdout(code)
    sys.exit(code)


def _dispatch(args: list[str], debug: bool) -> int:
    """Run the command ``args`` names; its exit code. Nothing escapes as a traceback but under
    --debug."""
    from wres_convert.terminal import silence_stdout

    try:
        typo = _mistyped_command(args)
        if typo is not None:
            say(
                message_line("error", None, f"no such file or command {typo[0]!r}; did you mean {typo[1]!r}?")
            )
            return EXIT_USAGE
        if args[:1] == ["check"]:
            from wres_convert.cli_check import app as check_app

            return _run(check_app, args[1:], "wres-convert check")
        if args[:1] == ["templates"]:
            from wres_convert.cli_templates import app as templates_app

            return _run(templates_app, args[1:], "wres-convert templates")
        if args[:1] == ["config"]:
            from wres_convert.cli_config import app as config_app

            return _run(config_app, args[1:], "wres-convert config")
        return _run(app, args, "wres-convert")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except BrokenPipeError:  # raised where no command's guard stood (typer's own output)
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        say(message_line("error", None, "interrupted"))
        return EXIT_INTERRUPTED
    except OSError as exc:  # typer's own output (--help) to a full disk
        if exc.errno not in STDOUT_WRITE_ERRORS:
            raise
        silence_stdout()
        say(message_line("error", None, f"cannot write standard output: {exc.strerror}"))
        return EXIT_CANNOT_WRITE
    except Exception as exc:
        if debug:
            raise
        say(internal_error_line(None, exc))
        return EXIT_UNREADABLE
    return EXIT_OK


def _run(command: typer.Typer, args: list[str], prog: str) -> int:
    """Run one command's app with click's own error handling off, so a usage error is our one
    line (not click's four, with its capital "Error:") and Ctrl-C is ours too."""
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    try:
        code = command(args=args, prog_name=prog, standalone_mode=False)
    except usage_error as exc:
        say(message_line("error", None, f"{exc.format_message().rstrip('.')}; see '{prog} --help'"))
        return EXIT_USAGE
    except Exception as exc:
        if type(exc).__name__ == "Abort":  # click's word for Ctrl-C at a prompt or in parsing
            raise KeyboardInterrupt from exc
        raise
    return code if isinstance(code, int) else EXIT_OK


def _flush_stdout(code: int) -> int:
    """Flush standard output while a failure can still be reported: Python's own flush at exit
    would print a second, confusing error and exit 120."""
    from wres_convert.terminal import silence_stdout

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # ENOSPC, EIO: whatever it is, the data did not get out
        silence_stdout()
        say(message_line("error", None, f"cannot write standard output: {exc.strerror}"))
        return EXIT_CANNOT_WRITE
    return code


# Names of standard output as a file: written as "-" is. Opening the device instead would follow
# it to a pipe that has no name, or to the shell's redirect target, which is not "our" file.
STDOUT_NAMES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})

# Options of the main command that take a value: their values are never file names to check.
VALUE_OPTIONS = frozenset(
    {"-o", "--output", "-f", "--format", "--config", "--templates", "--theme", "--max-size", "--timeout"}
    | {"--max-memory", "--max-pages", "-j", "--jobs", "--input-format"}
)


def _mistyped_command(args: list[str]) -> tuple[str, str] | None:
    """An argument that names no file and is close to a subcommand ("chek"), with the command it
    was probably meant to be: caught before any work, wherever it stands, rather than converting
    the rest and then failing on it."""
    if args[:1] and args[0] in SUBCOMMANDS:
        return None
    import difflib

    skip = False
    for arg in args:
        if skip or arg == "--":
            skip = False
            continue
        if arg.startswith("-"):
            skip = arg in VALUE_OPTIONS  # "--output=x" carries its own value
            continue
        if any(c in arg for c in "./" + os.sep) or os.path.lexists(arg):
            continue  # a path: a missing file is reported as one
        close = difflib.get_close_matches(arg.lower(), SUBCOMMANDS, n=1, cutoff=0.7)
        if close:
            return arg, close[0]
    return None


if __name__ == "__main__":
    main()
