"""``wres-convert templates export DIR``: a copy of the packaged page templates to change.

Use the changed copy with ``--templates DIR`` or ``templates = "DIR"`` in wres-convert.toml; any
file deleted from the copy comes from the packaged templates again.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from wres_convert.cli.common import Debug, guarded, new_app
from wres_convert.errors import EXIT_CANNOT_WRITE, EXIT_USAGE, message_line
from wres_convert.run.terminal import say

app = new_app()


@app.callback()
def templates() -> None:
    """The page templates: copy them out to change the layout without touching code."""


@app.command()
def export(
    folder: Annotated[Path, typer.Argument(help="Where to put the copy.", metavar="DIR", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace files already in DIR.")] = False,
    debug: Debug = False,
) -> None:
    """Copy the packaged templates (every theme) into DIR, then use them with --templates DIR."""
    with guarded(debug):
        _export(folder, force)


def _export(folder: Path, force: bool) -> None:
    from wres_convert.writers.page import template_dir

    source = template_dir()
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    targets = [folder / p.relative_to(source) for p in files]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        say(
            message_line(
                "error",
                str(existing[0]),
                f"already exists ({len(existing)} of the templates are there); "
                "choose an empty folder, or use --force to replace them",
            )
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        for src, dst in zip(files, targets, strict=True):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    except OSError as exc:
        say(
            message_line(
                "error",
                str(exc.filename or folder),
                f"cannot write: {exc.strerror}; check you may write there",
            )
        )
        raise typer.Exit(EXIT_CANNOT_WRITE) from None
    # A message, not data: standard error, like every other message.
    say(f"Copied {len(files)} templates to {folder}; use them with: wres-convert --templates {folder} FILE")
