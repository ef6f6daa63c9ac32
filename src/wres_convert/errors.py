"""The one exception the tool raises on purpose: a conversion that cannot go ahead, with a reason a
person can act on. The CLI turns it into one line on standard error and an exit code."""

from __future__ import annotations

# Exit codes, documented in the README and --help.
EXIT_OK = 0
EXIT_WARNINGS = 1  # converted, but with review warnings, under --strict
EXIT_USAGE = 2
EXIT_UNREADABLE = 3  # the file could not be read: missing, corrupt, encrypted, wrong kind
EXIT_NOT_SUBMISSION = 4  # read, but no template questions were found
EXIT_SOME_FAILED = 5  # batch: at least one file failed
EXIT_CANNOT_WRITE = 6  # an output file could not be written
EXIT_INTERRUPTED = 130  # stopped with Ctrl-C, as a shell reports it
EXIT_BROKEN_PIPE = 141  # standard output closed early: what a shell shows for a tool stopped by SIGPIPE


def combined_exit_code(codes: list[int]) -> int:
    """One exit code for several files' codes: all fine (0), warnings under --strict (1), some
    failed (5), or, when every file failed, the highest of their codes."""
    failed = [c for c in codes if c not in (EXIT_OK, EXIT_WARNINGS)]
    if failed:
        return EXIT_SOME_FAILED if len(failed) < len(codes) else max(failed)
    return EXIT_WARNINGS if EXIT_WARNINGS in codes else EXIT_OK


class ConversionError(Exception):
    """A file that cannot be converted. ``code`` is stable (used in JSON), ``hint`` says what to do."""

    def __init__(self, code: str, message: str, hint: str = "", exit_code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[type[ConversionError], tuple[str, str, str, int]]:
        # Conversions run in child processes: the error must survive pickling whole.
        return (ConversionError, (self.code, self.message, self.hint, self.exit_code))

    def line(self, name: str | None = None) -> str:
        """The one line the user sees: the file (if any), what is wrong, and what to do."""
        return message_line("error", name, self.message + (f"; {self.hint}" if self.hint else ""))


def message_line(severity: str, name: str | None, message: str) -> str:
    """Every message line has one form, ``FILE: error: message`` or ``FILE: warning: message``
    (``error: message`` when no file is concerned), like a compiler's, so it can be grepped. The
    line is made printable here: names and messages carry submission text, which must never
    reach the terminal as control characters or escape sequences."""
    from wres_convert.text.controls import printable

    return printable(f"{name}: {severity}: {message}" if name else f"{severity}: {message}")


def internal_error_line(name: str | None, exc: BaseException) -> str:
    """The line for a bug rather than bad input, in the same form."""
    return message_line(
        "error",
        name,
        f"internal error ({type(exc).__name__}: {exc}); please report it, with --debug for details",
    )
