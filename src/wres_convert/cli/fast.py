"""The main command without typer, for the command lines people type most: ``wres-convert FILE``
with the usual options, and ``wres-convert --help``. Loading typer was a third of a one-file run.

The options are not declared here: the table that says what each one is comes from typer's own
reading of cli/convert.py (cli/table.py), kept in the cache and remade when that declaration,
the CLI's modules or typer change. A command line this parser is not sure of (an unknown option,
a missing value, a choice that is not one, ``--version``, a path typer checks) is left to typer,
which answers it as it always has, errors included. Without the cache, typer does everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wres_convert import __version__

_CLI = Path(__file__).resolve().parent
# The modules the table and the help are made from: a change to one remakes them.
_SOURCES = ("convert.py", "common.py", "core.py", "table.py", "fast.py")
TABLE = "cli-table"  # the cache entries: the option table, and the help at each width


def _table_name() -> str:
    from wres_convert.cache import own

    return own(TABLE, _CLI)


def _help_name(width: int) -> str:
    from wres_convert.cache import own

    return own(f"cli-help-{width}", _CLI)


def key() -> tuple[object, ...]:
    """What the table and help were made from: this version, the CLI's declaration, and typer."""
    from importlib.util import find_spec

    from wres_convert.cache import stamp

    spec = find_spec("typer")
    typer_init = Path(spec.origin) if spec is not None and spec.origin else None
    paths = [_CLI / name for name in _SOURCES] + ([typer_init] if typer_init else [])
    return (__version__, stamp(*paths))


def _table() -> dict[str, Any] | None:
    from wres_convert.cache import load

    table = load(_table_name(), key())
    shaped = isinstance(table, dict) and table.keys() >= _PARTS
    return table if shaped else None  # a table of another shape is made again by typer


_PARTS = frozenset({"argument", "names", "flags", "kinds", "choices", "defaults"})


def help_width() -> int:
    """The width click lays help out at: the terminal's, at most 80, less a margin."""
    import shutil

    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


def asks_help(args: list[str]) -> bool:
    """Whether the command line asks only for the main command's help."""
    return len(args) == 1 and args[0] in ("--help", "-h")


def help_text() -> str:
    """The main command's help at this terminal's width: from the cache, or made as typer makes
    it (and kept). Printed by us either way, so a closed pipe ends it as it ends any output."""
    from wres_convert.cache import load, store

    width, k = help_width(), key()
    text = load(_help_name(width), k)
    if isinstance(text, str):
        return text
    from wres_convert.cli.table import make_help

    text = make_help(width)
    store(_help_name(width), k, text)
    return text


def parse(args: list[str]) -> dict[str, Any] | None:
    """``args`` as the keyword arguments of converting.convert_files, or None when typer should
    read them (no table in the cache, or anything this parser is not sure of)."""
    if not args:
        return None
    table = _table()
    if table is None:
        return None
    names: dict[str, str] = table["names"]
    flags = set(table["flags"])
    values: dict[str, Any] = dict(table["defaults"])
    positional: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            positional += list(rest)
            break
        if arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        flag, eq, attached = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        name = names.get(flag)
        if name is None:
            return None  # unknown, or one typer answers (--help, --version, -qr)
        if name in flags:
            if eq or attached:
                return None  # --quiet=yes, -qr: typer says what it makes of them
            values[name] = True
            continue
        if eq or attached:
            value = attached
        else:
            value = next(rest, None)
            if value is None or (value.startswith("-") and value != "-"):
                return None  # a missing value: typer says so
        if not _take(table, name, value, values):
            return None
    if not positional or table["argument"] is None:
        return None  # typer names the missing FILE
    values[table["argument"]] = [Path(p) for p in positional]
    return values


def _take(table: dict[str, Any], name: str, value: str, values: dict[str, Any]) -> bool:
    kind = table["kinds"].get(name)
    if kind == "choice":
        if value not in table["choices"][name]:
            return False  # typer lists the choices
        values[name] = value
    elif kind == "path":
        values[name] = Path(value)
    elif kind == "str":
        values[name] = value
    else:
        return False
    return True


def remember() -> None:
    """Make the table and this terminal's help, and keep them, when the cache lacks them (the
    first run, or after a change). Typer is loaded already when this runs."""
    from wres_convert.cache import cache_dir, load, store

    if cache_dir() is None:
        return
    from wres_convert.cli.table import make_help, make_table

    try:
        k = key()
        if _table() is None:
            store(_table_name(), k, make_table())
        width = help_width()
        if load(_help_name(width), k) is None:
            store(_help_name(width), k, make_help(width))
    except Exception:  # a cache is never a reason for a run to fail: typer goes on doing the work
        return
