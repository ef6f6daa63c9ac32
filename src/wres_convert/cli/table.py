"""The main command's option table and help text, made from its typer declaration
(cli/convert.py) and kept in the cache (wres_convert.cache), so that cli/fast.py can parse a plain
command line and answer ``--help`` without loading typer. Made on the first run, and again
whenever the declaration, this module or typer changes (fast.key)."""

from __future__ import annotations

from typing import Any


def make_table() -> dict[str, Any]:
    """What fast.parse needs to know of each option: the name its value goes to, whether it is a
    flag, what kind of value it takes, and its default. An option it cannot take simply (a path
    typer checks, a count, a repeated one) gets a default but no flag names, so a command line
    naming it is left to typer; so does an eager one (--version), which the conversion never sees."""
    import typer.main

    from wres_convert.cli.convert import app

    command = typer.main.get_command(app)
    table: dict[str, Any] = {
        "argument": None,
        "names": {},
        "flags": [],
        "kinds": {},
        "choices": {},
        "defaults": {},
    }
    for param in command.params:
        name = param.name
        if param.param_type_name == "argument":
            table["argument"] = name
            continue
        if param.is_eager or not param.expose_value:
            continue
        table["defaults"][name] = param.default
        kind, choices = _kind(param.type)
        if param.multiple or param.nargs != 1 or param.count or param.secondary_opts or kind == "checked":
            continue
        for flag in param.opts:
            table["names"][flag] = name
        if param.is_flag:
            table["flags"].append(name)
        else:
            table["kinds"][name] = kind
        if choices is not None:
            table["choices"][name] = choices
    return table


def _kind(param_type: Any) -> tuple[str, list[str] | None]:
    """A value's kind: "str", "path", "choice" (with its choices), "flag", or "checked" for a path
    typer checks against the file system (which fast.parse leaves to typer)."""
    name = type(param_type).__name__
    if "Choice" in name and getattr(param_type, "case_sensitive", True):
        return "choice", [str(c) for c in param_type.choices]
    if "Path" in name:
        checks = (
            param_type.exists,
            not param_type.file_okay,
            not param_type.dir_okay,
            param_type.readable,
            param_type.writable,
            getattr(param_type, "executable", False),
        )
        return ("checked" if any(checks) else "path"), None
    if "Bool" in name:
        return "flag", None
    if "String" in name:
        return "str", None
    return "checked", None  # a type fast.parse does not convert: typer does


def make_help(width: int) -> str:
    """The main command's --help, as typer prints it at this width."""
    import typer.main

    from wres_convert.cli.convert import app

    command = typer.main.get_command(app)
    ctx = command.make_context("wres-convert", [], resilient_parsing=True, terminal_width=width)
    return command.get_help(ctx)
