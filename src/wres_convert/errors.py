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

    def line(self, name: str) -> str:
        """The one line the user sees: the file, what is wrong, and what to do."""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{name}: {self.message}{hint}"
