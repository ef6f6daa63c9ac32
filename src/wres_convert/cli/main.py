"""The ``wres-convert`` command: picks the subcommand, and turns whatever escapes it into one
line and an exit code (a usage error, Ctrl-C, a closed or full standard output, a bug)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from wres_convert.cli.core import SUBCOMMANDS
from wres_convert.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_CANNOT_WRITE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    internal_error_line,
    message_line,
)
from wres_convert.run.terminal import STDOUT_WRITE_ERRORS, say

if TYPE_CHECKING:
    import typer


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
    from wres_convert.run.terminal import silence_stdout

    if args[:1] and args[0] in SUBCOMMANDS:  # off only for the main command's start-up (launcher.py)
        from wres_convert.run.isolate import settle

        settle()
    try:
        if args[:1] == ["review"]:  # before the typo check: its own arguments are not commands
            from wres_convert.cli.review import app as review_app

            return _run(review_app, args[1:], "wres-convert review")
        typo = _mistyped_command(args)
        if typo is not None:
            say(
                message_line("error", None, f"no such file or command {typo[0]!r}; did you mean {typo[1]!r}?")
            )
            return EXIT_USAGE
        if args[:1] == ["check"]:
            from wres_convert.cli.check import app as check_app

            return _run(check_app, args[1:], "wres-convert check")
        if args[:1] == ["templates"]:
            from wres_convert.cli.templates import app as templates_app

            return _run(templates_app, args[1:], "wres-convert templates")
        if args[:1] == ["config"]:
            from wres_convert.cli.config import app as config_app

            return _run(config_app, args[1:], "wres-convert config")
        if args[:1] == ["read"]:
            from wres_convert.cli.read import app as read_app

            return _run(read_app, args[1:], "wres-convert read")
        return _main_command(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except BrokenPipeError:  # raised where no command's guard stood (help, ours or typer's)
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        say(message_line("error", None, "interrupted"))
        return EXIT_INTERRUPTED
    except OSError as exc:  # help (ours or typer's) to a full disk
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


def _main_command(args: list[str]) -> int:
    """The conversion: parsed without typer when the command line is a plain one and the option
    table is in the cache (cli/fast.py), else by typer, which then fills the cache."""
    from wres_convert.cli import fast
    from wres_convert.cli.core import Stop

    if fast.asks_help(args):
        print(fast.help_text())
        return EXIT_OK
    values = fast.parse(args)
    if values is not None:
        from wres_convert.cli.converting import convert_files

        try:
            return convert_files(**values)
        except Stop as stop:
            return stop.code
    from wres_convert.cli.convert import app

    try:
        return _run(app, args, "wres-convert")
    finally:
        fast.remember()


def _run(command: typer.Typer, args: list[str], prog: str) -> int:
    """Run one command's app with click's own error handling off, so a usage error is our one
    line (not click's four, with its capital "Error:") and Ctrl-C is ours too."""
    import typer

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
    from wres_convert.run.terminal import silence_stdout

    if sys.stdout is None:  # closed before we started: nothing was written to it
        return code
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


# Options of the main command that take a value: their values are never file names or commands to
# check. A test holds this to typer's declaration (cli/convert.py).
VALUE_OPTIONS = frozenset(
    {"-o", "--output", "-f", "--format", "--config", "--templates", "--theme", "--max-size", "--timeout"}
    | {"--max-memory", "--max-pages", "-j", "--jobs", "--input-format", "--standard", "--corrections"}
)


def _takes_next(option: str) -> bool:
    """Whether the argument after ``option`` is its value: "-o", and "-qo", short options run
    together as click reads them, the first that takes a value taking the rest ("-qox": "x") or,
    last, the next argument. "--output=x" carries its own value."""
    if option.startswith("--") or len(option) <= 2:
        return option in VALUE_OPTIONS
    for i, letter in enumerate(option[1:], 1):
        if f"-{letter}" in VALUE_OPTIONS:
            return i == len(option) - 1
    return False


def _mistyped_command(args: list[str]) -> tuple[str, str] | None:
    """An argument that names no file and is close to a subcommand ("chek"), with the command it
    was probably meant to be: caught before any work, wherever it stands, rather than converting
    the rest and then failing on it."""
    if args[:1] and args[0] in SUBCOMMANDS:
        return None
    skip = False
    for arg in args:
        if skip or arg == "--":
            skip = False
            continue
        if arg.startswith("-"):
            skip = _takes_next(arg)
            continue
        if any(c in arg for c in "./" + os.sep) or os.path.lexists(arg):
            continue  # a path: a missing file is reported as one
        import difflib  # only for an argument that is neither a path nor an option

        close = difflib.get_close_matches(arg.lower(), SUBCOMMANDS, n=1, cutoff=0.7)
        if close:
            return arg, close[0]
    return None


if __name__ == "__main__":
    main()
