"""The main command's option table and help text, made from its typer declaration
(cli/convert.py) and kept in the cache (wres_convert.cache), so that cli/fast.py can parse a plain
command line and answer ``--help`` without loading typer. Made on the first run, and again
whenever the declaration, this module or typer changes (fast.key)."""

from __future__ import annotations

from typing import Any


def make_table() -> dict[str, Any]:
    """What fast.parse needs to know of each option: the name its value goes to, whether it is a
    flag, what kind of value it takes, and its default. Anything it cannot describe simply (an
    eager option, a path typer checks, a count) is listed under ``typer``: fast.parse leaves a
    command line naming one to typer."""
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
        "typer": [],
    }
    for param in command.params:
        name = param.name
        kind, choices = _kind(param.type)
        if param.param_type_name == "argument":
            table["argument"] = name
            table["kinds"][name] = kind
            continue
        flags = [*param.opts, *param.secondary_opts]
        simple = not (
            param.is_eager or param.multiple or param.nargs != 1 or param.count or param.secondary_opts
        )
        if not simple or not param.expose_value or kind == "checked":
            table["typer"] += flags
            if param.expose_value:
                table["defaults"][name] = param.default
            continue
        for flag in flags:
            table["names"][flag] = name
        if param.is_flag:
            table["flags"].append(name)
        table["kinds"][name] = kind
        if choices is not None:
            table["choices"][name] = choices
        table["defaults"][name] = param.default
    help_names = command.context_settings.get("help_option_names", ["--help"])
    table["typer"] += list(help_names)
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
