"""What a batch run shows on standard error: a progress bar on a terminal, and a summary table."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from wres_convert.run.terminal import say
from wres_convert.text.controls import printable

if TYPE_CHECKING:
    from wres_convert.run.batch import FileStatus

ORDER = ("converted", "warnings", "failed", "skipped", "unchanged", "removed")
LABELS = {
    "converted": "converted",
    "warnings": "converted with warnings",
    "failed": "failed",
    "skipped": "skipped (not a submission)",
    "unchanged": "unchanged since last run",
    "removed": "removed since last run",
}


class Progress:
    """A rich progress bar on an interactive terminal; nothing at all when piped or quiet.
    Messages printed meanwhile appear above the bar."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self._bar: Any = None
        if enabled and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("Converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=True,
            )  # fmt: skip
            self._task = self._bar.add_task("convert", total=total)
            self._bar.start()

    def say(self, message: str) -> None:
        """One message line, made printable (it carries file names and submission text)."""
        if self._bar is not None:
            from rich.text import Text

            # Text, not a string: rich would read "[/x]" as markup and ":smile:" as an emoji code.
            self._bar.console.print(Text(printable(message)), highlight=False, soft_wrap=True)
        else:
            say(message)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def print_summary(results: list[FileStatus]) -> None:
    """Counts by outcome, then one line per failed or skipped file with its reason."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    counts = Counter(r.status for r in results)
    from rich.text import Text

    table = Table(title="Summary", show_header=True, header_style="bold")
    table.add_column("outcome")
    table.add_column("files", justify="right")
    for status in ORDER:
        if counts[status]:
            table.add_row(LABELS[status], str(counts[status]))
    console.print(table)
    for r in results:
        if r.status in ("failed", "skipped", "removed"):
            # File names and reasons carry submission text: printable, and never read as markup.
            console.print(Text(printable(f"  {r.status}: {r.source}: {r.reason}")))
