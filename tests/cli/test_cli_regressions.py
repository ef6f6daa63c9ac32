"""Issue 11, "hostile text" and "consistency": what the command line prints and refuses.

Submission text and file names never reach the terminal as markup or control sequences; every
option is checked before any work; ``check`` reads files as the conversion does; error lines have
one form; a closed or full standard output is handled like any Unix tool handles it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, SAMPLES, run_cli

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\\x9b31m"
ORG = "Chesterfield Royal NHS Foundation Trust"


def _sample(tmp_path: Path, name: str = "c.txt", org: str | None = None, extra: str = "") -> Path:
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    if org is not None:
        text = text.replace(f"Organisation name: {ORG}", f"Organisation name: {org}")
    text = text.replace("What learning could other", extra + "What learning could other")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _controls(data: bytes) -> list[str]:
    """Control characters other than the newline that ends each line."""
    text = data.decode("utf-8", "replace")
    return [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


# ----------------------------------------------------------------------------- 1, 2: hostile text
def test_check_prints_markup_like_submission_text_as_written(tmp_path: Path) -> None:
    _sample(tmp_path, org="Chester [/x] [b]Trust[/b] :thumbs_up:")
    r = run_cli("check", "c.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr.decode()
    assert "c.txt: Chester [/x] [b]Trust[/b] :thumbs_up:; indicators 8" in r.stdout.decode()


def test_terminal_escapes_in_submissions_never_reach_the_terminal(tmp_path: Path) -> None:
    _sample(
        tmp_path,
        org=f"Chester{ESCAPES} Trust",
        extra=f"How did your staff networks{ESCAPES} [/x] help with this?\n\nThey led it.\n\n",
    )
    report = run_cli("check", "c.txt", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert _controls(report.stdout) == [] and _controls(report.stderr) == []
    assert "Chesterlink Trust" in report.stdout.decode()  # the OSC 8 link's text stays
    converted = run_cli("c.txt", "-o", "page.html", cwd=tmp_path)  # warnings on standard error
    assert converted.returncode == 0, converted.stderr
    assert "warning:" in converted.stderr.decode() and _controls(converted.stderr) == []
    # The readers drop escape sequences from what they read, so no output carries them at all.
    data = run_cli("check", "c.txt", "-f", "json", cwd=tmp_path)
    assert json.loads(data.stdout)["organisation"] == "Chesterlink Trust"


def test_terminal_escapes_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    name = "x\x1b]0;PWNED\x07\x1b[2J\x1b]8;;evil\x1b\\link\x1b]8;;\x1b\\\x9b31m.txt"  # no "/" in a name
    (tmp_path / name).write_bytes(b"")
    for args in ((name,), ("check", name), (name, "-o", "site/")):
        r = run_cli(*args, cwd=tmp_path)
        assert r.returncode == 3, (args, r.stderr)
        assert _controls(r.stderr) == [], (args, r.stderr)
        assert "error: the file is empty" in r.stderr.decode()


def test_printable_removes_whole_escape_sequences_and_keeps_text() -> None:
    from wres_convert.text.controls import printable

    assert printable("a\x1b]0;title\x07b\x1b[2Jc\x9b31md") == "abcd"
    assert printable("\x1b]8;;https://x/\x1b\\link\x1b]8;;\x1b\\") == "link"
    assert printable("one\ntwo\r\n\tthree\u2028four") == "one two three four"
    assert printable("\u202eevil\x7f\x00") == "evil"
    assert printable("£ é 日本 [/x] :smile:") == "£ é 日本 [/x] :smile:"
    assert printable("unterminated \x1b]0;title") == "unterminated "


def test_every_message_path_cleans_what_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from wres_convert.casestudy.build import build_case_study, source_for
    from wres_convert.errors import ConversionError
    from wres_convert.model import Document, Paragraph, text_inlines
    from wres_convert.run.progress import Progress
    from wres_convert.writers.report import render_text, review

    line = ConversionError("x", f"bad{ESCAPES}", "hint\x1b[2J").line(f"f{ESCAPES}.txt")
    assert line == "flink.txt: error: badlink; hint"
    Progress(0, enabled=False).say("Wrote a\x1b[2J[/x].html")
    assert capsys.readouterr().err == "Wrote a[/x].html\n"
    doc = Document(
        (
            Paragraph(text_inlines(f"Organisation name: Trust{ESCAPES} [/x]")),
            Paragraph(
                text_inlines("Please describe your WRES initiative, its aims and any outcomes so far.")
            ),
            Paragraph(text_inlines(f"Done{ESCAPES}.")),
        ),
        "text",
    )
    text = render_text(review(build_case_study(doc, source_for(b"", f"x{ESCAPES}.txt", "text"))))
    assert _controls(text.encode()) == [] and "[/x]" in text


# ----------------------------------------------------------------------------- 3: check = conversion
def test_check_strict_agrees_with_the_conversion_on_a_cp1252_text(tmp_path: Path) -> None:
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8") + "\nCost: £5 – “quoted”\n"
    (tmp_path / "c.txt").write_bytes(text.encode("cp1252"))
    converted = run_cli("c.txt", "-o", "page.html", "--strict", cwd=tmp_path)
    checked = run_cli("check", "c.txt", "--strict", "-f", "json", cwd=tmp_path)
    assert converted.returncode == checked.returncode == 1, (converted.stderr, checked.stderr)
    report = json.loads(checked.stdout)
    assert "text-encoding" in report["attention"] and report["needs_attention"] is True


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_check_strict_agrees_with_the_conversion_on_a_legacy_doc(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "bad" / "legacy.doc", tmp_path / "old.doc")
    converted = run_cli("old.doc", "-o", "page.html", "--strict", cwd=tmp_path)
    checked = run_cli("check", "old.doc", "--strict", cwd=tmp_path)
    assert converted.returncode == checked.returncode, (converted.stderr, checked.stderr)
    if converted.returncode == 1:  # converted, with LibreOffice's warning: check must see it too
        assert "converted-with-libreoffice" in checked.stdout.decode()


def test_check_reads_an_inbox_folder_and_standard_input(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "chesterfield.docx", inbox / "a.docx")
    shutil.copy(SAMPLES / "chesterfield.txt", inbox / "sub" / "b.txt")
    (inbox / "photo.png").write_bytes(b"\x89PNG")
    flat = run_cli("check", "inbox", "-f", "json", cwd=tmp_path)
    assert flat.returncode == 0, flat.stderr
    assert [json.loads(line)["organisation"] for line in flat.stdout.splitlines()] == [ORG]
    assert "photo.png: skipped" in flat.stderr.decode()
    deep = run_cli("check", "inbox", "-r", "-f", "json", cwd=tmp_path)
    assert len(deep.stdout.splitlines()) == 2
    piped = run_cli("check", "-", "--input-format", "text", stdin=(SAMPLES / "chesterfield.txt").read_bytes())
    assert piped.returncode == 0, piped.stderr
    assert ORG in piped.stdout.decode()
    (tmp_path / "none").mkdir()  # a folder with no returns in it
    empty = run_cli("check", "none", cwd=tmp_path)
    assert empty.returncode == 3 and empty.stderr.decode().startswith("error: none: no returned templates")


# ----------------------------------------------------------------------------- 4, 5: before any work
@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("templats", "templates"), ("confg", "config")]
)
def test_a_mistyped_subcommand_stops_before_any_work(tmp_path: Path, typed: str, meant: str) -> None:
    _sample(tmp_path)
    r = run_cli(typed, "c.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode() == f"error: no such file or command '{typed}'; did you mean '{meant}'?\n"
    assert not (tmp_path / "c.html").exists() and r.stdout == b""


def test_a_file_named_like_a_subcommand_still_converts(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "chesterfield.txt", tmp_path / "chek")
    r = run_cli("chek", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    missing = run_cli("cheque.txt", cwd=tmp_path)  # a path: reported as a missing file
    assert missing.returncode == 3 and "did you mean" not in missing.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        ("c.txt", "--watch", "-o", "-"),
        ("c.txt", "--watch"),
        ("inbox", "--watch", "-o", "-"),
        ("inbox", "--watch", "-o", "one.html"),
        ("inbox", "c.txt", "--watch", "-o", "site/"),
        ("c.txt", "d.txt", "-o", "one.html"),
        ("c.txt", "d.txt", "-o", "-"),
        ("inbox", "-o", "-", "-f", "md"),
        ("-", "--link-original", "-o", "site/"),
        ("c.txt", "-f", "json", "--fragment"),
        ("c.txt", "-o", "out.pdf"),
        ("c.txt", "--max-size", "nan"),
    ],
)
def test_usage_errors_come_before_any_work(tmp_path: Path, args: tuple[str, ...]) -> None:
    _sample(tmp_path)
    _sample(tmp_path, "d.txt")
    (tmp_path / "inbox").mkdir()
    _sample(tmp_path / "inbox", "e.txt")
    _sample(tmp_path / "inbox", "f.txt")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    r = run_cli(*args, cwd=tmp_path, stdin=b"")
    assert r.returncode == 2, r.stderr
    assert r.stdout == b""
    lines = r.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# ----------------------------------------------------------------------------- 6: one form
def test_error_lines_have_the_form_of_warning_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _sample(tmp_path, extra="How did your staff networks help with this?\n\nThey led it.\n\n")
    r = run_cli("c.txt", "empty.txt", "-o", "site/", cwd=tmp_path)
    lines = r.stderr.decode().splitlines()
    assert any(line.startswith("c.txt: warning: ") for line in lines), lines
    assert "empty.txt: error: the file is empty; check that the file was saved or copied completely" in lines
    usage = run_cli("c.txt", "--timeout", "0", cwd=tmp_path)
    assert usage.stderr.decode() == "error: --timeout must be a number above 0 (seconds), not '0'\n"


# ----------------------------------------------------------------------------- 7: -o and --include-contact
def test_an_output_suffix_that_names_no_format_is_refused(tmp_path: Path) -> None:
    _sample(tmp_path)
    r = run_cli("c.txt", "-o", "out.pdf", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode() == (
        "error: -o out.pdf: .pdf is not an output format; use .html, .md or .json, or --format\n"
    )
    assert not (tmp_path / "out.pdf").exists()
    for ok in (
        ("-o", "page.htm"),
        ("-o", "page.markdown"),
        ("-o", "page.jsonl"),
        ("-o", "out.pdf", "-f", "html"),
    ):
        assert run_cli("c.txt", *ok, cwd=tmp_path).returncode == 0, ok
    (tmp_path / "site.v2").mkdir()
    assert run_cli("c.txt", "-o", "site.v2", cwd=tmp_path).returncode == 0  # an existing folder
    assert run_cli("c.txt", "-o", "new.v3/", cwd=tmp_path).returncode == 0  # a folder by its slash


def test_include_contact_outside_json_says_it_is_ignored(tmp_path: Path) -> None:
    _sample(tmp_path)
    r = run_cli("c.txt", "-o", "-", "--include-contact", cwd=tmp_path)
    assert r.returncode == 0
    assert "warning: --include-contact only applies to JSON output, not html" in r.stderr.decode()
    assert "Siara" not in r.stdout.decode()
    quiet = run_cli("c.txt", "-o", "-", "-f", "json", "--include-contact", cwd=tmp_path)
    assert b"--include-contact" not in quiet.stderr


# ----------------------------------------------------------------------------- 8: numeric options
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-size", "nan", "--max-size must be a number above 0 (MB), not 'nan'"),
        ("--max-size", "inf", "--max-size must be at most 1024 (MB), not 'inf'"),
        ("--max-size", "1e308", "--max-size must be at most 1024 (MB), not '1e308'"),
        ("--max-size", "-1", "--max-size must be a number above 0 (MB), not '-1'"),
        ("--timeout", "inf", "--timeout must be at most 86400 (seconds), not 'inf'"),
        ("--timeout", "nan", "--timeout must be a number above 0 (seconds), not 'nan'"),
        ("--jobs", "0", "--jobs must be a whole number above 0, not '0'"),
        ("-j", "1000000000", "--jobs must be at most"),
        ("--jobs", "2.5", "--jobs must be a whole number above 0, not '2.5'"),
        ("--max-memory", "nan", "--max-memory must be a number above 0 (MB), not 'nan'"),
        ("--max-memory", "1e308", "--max-memory must be at most 1048576 (MB), not '1e308'"),
        ("--max-memory", "1", "--max-memory must be at least 128 (MB), not '1'"),
        ("--max-pages", "0", "--max-pages must be a whole number above 0, not '0'"),
        ("--max-pages", "inf", "--max-pages must be a whole number above 0, not 'inf'"),
    ],
)
@pytest.mark.parametrize("command", [(), ("check",)])
def test_numeric_options_refuse_non_finite_and_absurd_values(
    tmp_path: Path, command: tuple[str, ...], option: str, value: str, message: str
) -> None:
    _sample(tmp_path)
    r = run_cli(*command, "c.txt", option, value, cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2 and err.startswith(f"error: {message}") and err.count("\n") == 1, err
    assert r.stdout == b"" and not (tmp_path / "c.html").exists()


def test_limits_reach_the_options_in_their_units(monkeypatch: pytest.MonkeyPatch) -> None:
    from wres_convert.cli.core import limit_options
    from wres_convert.run import memory

    got = limit_options("2.5", "30", "3", "512", "40")
    assert got == {
        "max_bytes": int(2.5 * 1024 * 1024),
        "timeout": 30.0,
        "jobs": 3,
        "max_memory": 512 * 1024 * 1024,
        "max_pages": 40,
    }
    monkeypatch.setattr(memory, "default_memory_limit", lambda jobs: 1000 * jobs)
    assert limit_options("50", "90", "2", None, None)["max_memory"] == 2000


# ----------------------------------------------------------------------------- 9: standard output
def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "wres_convert", *args]


@pytest.mark.parametrize("command", [("c.txt", "-o", "-"), ("check", "c.txt"), ("config",), ("--version",)])
def test_a_closed_standard_output_ends_quietly(tmp_path: Path, command: tuple[str, ...]) -> None:
    _sample(tmp_path)
    proc = subprocess.Popen(_cli(*command), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone, as with | head
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141, err
    assert err == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("command", [("c.txt", "-o", "-"), ("check", "c.txt"), ("config",), ("--version",)])
def test_a_full_standard_output_is_one_line_and_exit_6(tmp_path: Path, command: tuple[str, ...]) -> None:
    _sample(tmp_path)
    with open("/dev/full", "wb") as full:
        r = subprocess.run(_cli(*command), cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, timeout=60)
    err = r.stderr.decode()
    assert r.returncode == 6, err
    assert err.count("\n") == 1 and "cannot write standard output: No space left on device" in err, err
    assert "Traceback" not in err and "internal error" not in err


# ----------------------------------------------------------------------------- 10: --debug
BROKEN_REVIEW = (
    "import sys, wres_convert.writers.report as r\n"
    "def review(cs): raise ZeroDivisionError('boom')\n"
    "r.review = review\n"
    "from wres_convert.cli.main import main\n"
    "sys.argv = ['wres-convert', *sys.argv[1:]]\n"
    "main()\n"
)


def test_check_reports_an_internal_error_in_one_line_and_traces_it_with_debug(tmp_path: Path) -> None:
    _sample(tmp_path)
    plain = subprocess.run(
        [sys.executable, "-c", BROKEN_REVIEW, "check", "c.txt"], cwd=tmp_path, capture_output=True, timeout=60
    )
    err = plain.stderr.decode()
    assert plain.returncode == 3 and "Traceback" not in err
    assert err == (
        "error: internal error (ZeroDivisionError: boom); please report it, with --debug for details\n"
    )
    debug = subprocess.run(
        [sys.executable, "-c", BROKEN_REVIEW, "check", "c.txt", "--debug"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert debug.returncode != 0
    assert b"Traceback" in debug.stderr and b"ZeroDivisionError: boom" in debug.stderr
