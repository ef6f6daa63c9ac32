"""``wres-convert config``: the site settings in force, and where each one came from."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wres_convert.cli.common import Debug, guarded, new_app
from wres_convert.errors import ConversionError
from wres_convert.run.terminal import say, write_stdout
from wres_convert.text.controls import printable

if TYPE_CHECKING:
    from wres_convert.writers.site import Site

app = new_app()

Value = str | list[dict[str, str]]


class ConfigFormat(StrEnum):
    text = "text"
    json = "json"


def settings_in_force(site: Site) -> dict[str, tuple[Value, str]]:
    """Every setting as {name: (value, source)}, titles flattened to "titles.N" so each indicator's
    title shows its own source."""
    from wres_convert.writers.page import template_dir

    rows: dict[str, tuple[Value, str]] = {
        name: (getattr(site, name), site.source(name))
        for name in ("site_name", "standard", "standard_url", "others_url", "lang")
    }
    rows["further_reading"] = (
        [{"text": link.text, "url": link.url} for link in site.further_reading],
        site.source("further_reading"),
    )
    # The folder actually used, even when it is the packaged one: that is what the reader needs to see.
    rows["templates"] = (str(site.templates or template_dir()), site.source("templates"))
    rows["theme"] = (site.theme, site.source("theme"))
    if site.stylesheet:
        rows["stylesheet"] = (site.stylesheet, site.source("stylesheet"))
    overrides = site.title_overrides()
    for number, indicator in site.load_standard().items.items():  # in the pack's own order
        rows[f"titles.{number}"] = (overrides.get(number, indicator.title), site.source(f"titles.{number}"))
    return rows


def _shown(value: Value) -> str:
    """A value as the table shows it: one line per link, control characters taken out (a setting
    could hold an escape sequence; the JSON form carries it as it is)."""
    if isinstance(value, list):
        lines = (printable(f"{link['text']} <{link['url']}>") for link in value)
        return "\n".join(lines) or "(none)"
    return printable(value)


@app.command(name="config")
def config_command(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="A TOML file of site settings, instead of ./wres-convert.toml.",
            show_default=False,
            metavar="FILE",
            readable=False,
        ),
    ] = None,
    fmt: Annotated[
        ConfigFormat,
        typer.Option("--format", "-f", help="text (a table) or json (one object)."),
    ] = ConfigFormat.text,
    debug: Debug = False,
) -> None:
    """Print every site setting in force, with its value and where it came from: "default",
    "wres-convert.toml" (found in the current folder) or the --config file. Exit 2 for a bad file."""
    with guarded(debug):
        _print_config(config, fmt)


def _print_config(config: Path | None, fmt: ConfigFormat) -> None:
    from wres_convert.writers.site import CWD_FILE, load_site

    try:
        site = load_site(config)
    except ConversionError as exc:
        say(exc.line(str(config) if config is not None else CWD_FILE))
        raise typer.Exit(exc.exit_code) from None

    rows = settings_in_force(site)
    if fmt is ConfigFormat.json:
        out = {name: {"value": value, "source": source} for name, (value, source) in rows.items()}
        write_stdout(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("setting", "value", "source"):
        table.add_column(column, no_wrap=True)
    for name, (value, source) in rows.items():
        # Text(), not a markup string: a site name such as "[NHS]" must print as written.
        table.add_row(Text(name), Text(_shown(value)), Text(printable(source)))
    # Wide enough never to wrap or cut a URL: the table is for reading and for grep alike.
    width = sum(
        max(len(line) for cell in column for line in cell.splitlines() or [""])
        for column in zip(*((n, _shown(v), s) for n, (v, s) in rows.items()), strict=True)
    )
    # Drawn into a buffer to trim it; a bold header still when a person is reading at a terminal.
    console = Console(
        file=io.StringIO(), width=width + 8, highlight=False, force_terminal=sys.stdout.isatty()
    )
    console.print(table)
    # rich pads every row to the table's width: drop the trailing spaces, which only get in the way.
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    write_stdout("".join(line.rstrip() + "\n" for line in lines))
