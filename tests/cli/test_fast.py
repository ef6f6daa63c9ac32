"""The main command's path without typer (cli/fast.py): the same keyword arguments as typer gives
for every command line it takes, typer's answer for every one it does not, the same --help, and
a cache that is remade when it no longer fits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import REPO
from wres_convert.cli import converting, fast
from wres_convert.cli.table import make_help, make_table

SAMPLE = REPO / "samples" / "chesterfield.txt"


def typer_values(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The keyword arguments typer hands the conversion for ``args``."""
    from wres_convert.cli.convert import app

    seen: dict[str, Any] = {}

    def capture(**kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(converting, "convert_files", capture)
    try:
        app(args=args, prog_name="wres-convert", standalone_mode=False)
    except Exception as exc:  # typer's Exit(0) after the capture
        assert type(exc).__name__ == "Exit", exc
    return seen


TAKEN = [
    ["a.docx"],
    ["a.docx", "b.pdf", "-"],
    ["-"],
    ["a.docx", "-o", "out/"],
    ["a.docx", "-o", "-"],
    ["a.docx", "-oout.html"],
    ["a.docx", "--output=x.md", "-q"],
    ["-q", "a.docx", "--format", "json", "--include-contact"],
    ["a.docx", "-f", "md", "--theme", "nhsuk", "--fragment", "--omit-empty"],
    ["a.docx", "--config", "site.toml", "--templates", "tpl", "--standard", "wres"],
    ["inbox", "-r", "-j", "2", "--max-size", "5", "--timeout", "30", "--max-memory", "512"],
    ["inbox", "--max-pages", "40", "--force", "--review", "--strict", "--redact", "--debug"],
    ["a.docx", "--embed-images", "--link-original"],
    ["a.docx", "--no-images", "--watch"],
    ["--input-format", "text", "-"],
    ["a.docx", "--", "-weird-name.docx"],
    ["a.docx", "-o", "a", "-o", "b.html"],  # the last one wins, as in typer
    ["a.docx", "--jobs=abc"],  # checked after parsing, by the conversion: the same for both
]


@pytest.mark.parametrize("args", TAKEN, ids=" ".join)
def test_a_plain_command_line_gives_what_typer_gives(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = make_table()
    monkeypatch.setattr(fast, "_table", lambda: table)
    ours = fast.parse(args)
    assert ours is not None, "left to typer"
    assert ours == typer_values(args, monkeypatch)


LEFT_TO_TYPER = [
    [],  # typer names the missing FILE
    ["--help"],
    ["a.docx", "-h"],
    ["a.docx", "--version"],
    ["-V"],
    ["a.docx", "--bogus"],
    ["a.docx", "-qr"],  # short flags run together
    ["a.docx", "--quiet=yes"],
    ["a.docx", "-o"],  # a missing value
    ["a.docx", "-o", "--quiet"],  # an option where a value should be
    ["a.docx", "--format", "pdf"],  # not a choice
    ["a.docx", "--format", "HTML"],
    ["a.docx", "--corrections", "fixes"],  # a path typer checks against the file system
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "nothing")
def test_anything_else_is_left_to_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    table = make_table()
    monkeypatch.setattr(fast, "_table", lambda: table)
    assert fast.parse(args) is None


def test_a_table_made_for_other_sources_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wres_convert import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("WRES_CONVERT_NO_CACHE", raising=False)
    cache.store(fast._table_name(), ("an older version",), make_table())
    assert fast.parse(["a.docx"]) is None
    cache.store(fast._table_name(), fast.key(), {"names": {}})  # the right key, another shape
    assert fast.parse(["a.docx"]) is None
    fast.remember()
    assert fast.parse(["a.docx"]) is not None
    # A changed declaration changes the key: its stamp is part of it.
    before = fast.key()
    monkeypatch.setattr(fast, "_SOURCES", (*fast._SOURCES, "main.py"))
    assert fast.key() != before


def run(args: list[str], cache: Path, columns: str = "80") -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, reporting on standard error whether typer was loaded."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('typer loaded' if 'typer' in sys.modules else 'no typer', file=sys.stderr))\n"
        "from wres_convert.cli.launcher import main\n"
        "main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": columns}
    env.pop("WRES_CONVERT_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=cache, check=False
    )


def test_the_first_run_fills_the_cache_and_the_next_ones_need_no_typer(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    first = run([str(SAMPLE), "-o", str(out), "-q"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "typer loaded" in first.stderr
    page = out.read_bytes()
    out.unlink()
    second = run([str(SAMPLE), "-o", str(out), "-q"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stderr.strip() == "no typer"
    assert out.read_bytes() == page

    # The first run kept this terminal's help too (80 columns and more are laid out alike).
    cached_help = run(["--help"], tmp_path, columns="100")
    assert cached_help.stderr.strip() == "no typer"
    assert cached_help.stdout.rstrip("\n") == make_help(78)
    # Another width is another help text, made by typer the first time.
    narrow = run(["--help"], tmp_path, columns="60")
    assert "typer loaded" in narrow.stderr
    again = run(["--help"], tmp_path, columns="60")
    assert again.stderr.strip() == "no typer"
    assert again.stdout == narrow.stdout != cached_help.stdout


def test_errors_on_the_fast_path_are_the_usual_lines(tmp_path: Path) -> None:
    run([str(SAMPLE), "-o", str(tmp_path / "x.html"), "-q"], tmp_path)  # fills the cache
    missing = run([str(tmp_path / "missing.docx")], tmp_path)
    assert missing.returncode == 3 and "no typer" in missing.stderr
    assert "missing.docx" in missing.stderr.splitlines()[0]
    bad = run([str(SAMPLE), "--jobs", "0"], tmp_path)
    assert bad.returncode == 2 and "--jobs must be a whole number above 0" in bad.stderr
    assert "Traceback" not in missing.stderr + bad.stderr
    # A mistake typer answers is still answered by typer, the same way.
    wrong = run([str(SAMPLE), "--format", "pdf"], tmp_path)
    assert wrong.returncode == 2 and "typer loaded" in wrong.stderr
    assert "'pdf' is not one of" in wrong.stderr


def test_help_into_a_closed_pipe_ends_as_any_output_does(tmp_path: Path) -> None:
    """Exit 141 (as the README says) whether the help comes from the cache or is made now."""
    code = "from wres_convert.cli.launcher import main\nmain()\n"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "80"}
    env.pop("WRES_CONVERT_NO_CACHE", None)
    for _ in ("made now", "from the cache"):
        r, w = os.pipe()
        os.close(r)  # nobody reads: the first write fails with EPIPE
        proc = subprocess.run(
            [sys.executable, "-c", code, "--help"], stdout=w, stderr=subprocess.PIPE, env=env
        )
        os.close(w)
        assert proc.returncode == 141, proc.stderr
        assert b"Traceback" not in proc.stderr


def test_the_collector_is_on_once_the_work_starts(tmp_path: Path) -> None:
    """Off while the command starts (launcher.py); on for the conversion and every subcommand."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('gc on' if gc.isenabled() else 'gc off', file=sys.stderr))\n"
        "from wres_convert.cli.launcher import main\n"
        "main()\n"
    )
    for args in ([str(SAMPLE), "-o", str(tmp_path / "x.html"), "-q"], ["read", str(SAMPLE), "-o", "-"]):
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path, check=False
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.strip().endswith("gc on"), (args, proc.stderr)


def test_standard_output_closed_from_the_start_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wres_convert", str(SAMPLE), "-o", "-"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),  # as a shell's >&- leaves it
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 6, proc.stderr
    assert proc.stderr.strip() == "error: cannot write standard output: it is closed"
