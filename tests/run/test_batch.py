"""Batch conversion as staff and pipelines use it: a mixed inbox of 50+ files with bad ones among
them, parallel runs equal to serial ones, incremental reruns, JSON Lines, standard input, and
watch mode picking up files dropped into the inbox."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, SAMPLES, run_cli

FIXTURES = REPO / "tests" / "fixtures"
JUNK = ["~$lock.docx", ".DS_Store", ".hidden.txt", "photo.jpg", "budget.xlsx", "notes"]


def make_inbox(folder: Path) -> tuple[int, int]:
    """A realistic inbox: good returns in every format, bad ones, and files that are not returns.
    Returns (files that should convert, files that should fail)."""
    folder.mkdir()
    good = [SAMPLES / f"chesterfield{s}" for s in (".docx", ".pdf", ".txt")]
    good += sorted((FIXTURES / "variants").glob("*.txt"))
    good += sorted((FIXTURES / "crossformat").glob("*.pdf"))
    good += [FIXTURES / "docx" / "form_controls.docx", FIXTURES / "docx" / "numbered_questions.docx"]
    good += [FIXTURES / "xss" / n for n in ("xss.docx", "xss.pdf", "xss.txt")]
    good += [SAMPLES / f"chesterfield{s}" for s in (".docx", ".pdf", ".txt")] * 2  # resubmitted returns
    bad = [
        p
        for p in sorted((FIXTURES / "bad").iterdir())
        if p.suffix in (".docx", ".pdf", ".txt") and "named" not in p.name
    ]
    for i, src in enumerate(good + bad):
        shutil.copy(src, folder / f"{i:02d}-{src.name}")
    for name in JUNK:
        (folder / name).write_bytes(b"\xff\xd8\xff\xe0 not a return")
    return len(good), len(bad)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    root = tmp_path_factory.mktemp("batch")
    good, bad = make_inbox(root / "inbox")
    assert good + bad + len(JUNK) >= 50
    return root, good, bad


def test_a_mixed_inbox_converts_the_good_names_the_bad_and_skips_the_rest(
    inbox: tuple[Path, int, int],
) -> None:
    root, good, bad = inbox
    r = run_cli("inbox", "-o", "site-j2/", "-j", "2", cwd=root)
    err = r.stderr.decode()
    assert r.returncode == 5, err
    assert "Traceback" not in err
    manifest = json.loads((root / "site-j2" / "wres-convert-manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["entries"]) == good
    failed = [line for line in err.splitlines() if line.startswith("  failed: ")]
    assert len(failed) == bad
    skipped = [line for line in err.splitlines() if line.startswith("  skipped: ")]
    assert len(skipped) == len(JUNK)
    index = (root / "site-j2" / "index.html").read_text(encoding="utf-8")
    assert (
        "Bullying, abuse and discrimination" in index and "Chesterfield Royal NHS Foundation Trust" in index
    )


def test_parallel_output_is_identical_to_serial(inbox: tuple[Path, int, int]) -> None:
    root, _, _ = inbox
    run_cli("inbox", "-o", "site-j1/", "-j", "1", "-q", cwd=root)
    if not (root / "site-j2").exists():
        run_cli("inbox", "-o", "site-j2/", "-j", "2", "-q", cwd=root)
    assert outputs(root / "site-j1") == outputs(root / "site-j2")


def test_rerun_skips_unchanged_redoes_changed_and_reports_removed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for s in (".docx", ".txt"):
        shutil.copy(SAMPLES / f"chesterfield{s}", inbox / f"c{s}")
    assert run_cli("inbox", "-o", "site/", "-q", cwd=tmp_path).returncode == 0
    page = tmp_path / "site" / "c.html"
    before = page.stat().st_mtime_ns
    again = run_cli("inbox", "-o", "site/", cwd=tmp_path)
    assert again.returncode == 0
    assert "unchanged since last run" in again.stderr.decode() and "Wrote" not in again.stderr.decode()
    assert page.stat().st_mtime_ns == before
    (inbox / "c.txt").write_text(
        (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    (inbox / "c.docx").unlink()
    third = run_cli("inbox", "-o", "site/", cwd=tmp_path).stderr.decode()
    assert "Wrote site/c--txt.html" in third
    assert "removed: inbox/c.docx" in third
    forced = run_cli("inbox", "-o", "site/", "--force", cwd=tmp_path).stderr.decode()
    assert "Wrote site/c--txt.html" in forced


def test_a_changed_theme_template_or_setting_redoes_the_pages_so_a_site_never_mixes_them(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "chesterfield.docx", inbox / "c.docx")

    def run(*args: str) -> str:
        r = run_cli("inbox", "-o", "site/", *args, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        return r.stderr.decode()

    run("-q")
    assert "unchanged since last run" in run()
    assert "Wrote site/c.html" in run("--theme", "nhsuk")  # another theme: redone
    assert "nhsuk-header" in (tmp_path / "site" / "c.html").read_text(encoding="utf-8")
    assert "unchanged since last run" in run("--theme", "nhsuk")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "page.css").write_text("body { color: #111; }\n", encoding="utf-8")
    assert "Wrote site/c.html" in run("--theme", "nhsuk", "--templates", "tpl")  # a changed template
    (tmp_path / "tpl" / "page.css").write_text("body { color: #222; }\n", encoding="utf-8")
    assert "Wrote site/c.html" in run("--theme", "nhsuk", "--templates", "tpl")  # its text changed
    (tmp_path / "wres-convert.toml").write_text('site_name = "Another site"\n', encoding="utf-8")
    assert "Wrote site/c.html" in run("--theme", "nhsuk", "--templates", "tpl")  # a site setting


def test_json_lines_for_a_whole_inbox_parse_back_in_order(inbox: tuple[Path, int, int]) -> None:
    root, good, bad = inbox
    r = run_cli("inbox", "-f", "json", "-o", "-", "-q", cwd=root)
    objs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(objs) == good + bad
    names = [o["source"]["file"] for o in objs]
    assert names == sorted(names)
    assert sum("error" in o for o in objs) == bad
    assert all(o["schema"] == "wres-case-study/1" for o in objs if "error" not in o)


def test_standard_input_with_and_without_a_named_format() -> None:
    data = (SAMPLES / "chesterfield.docx").read_bytes()
    for extra in ((), ("--input-format", "docx")):
        r = run_cli("-", "-f", "json", *extra, stdin=data)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["organisation"] == "Chesterfield Royal NHS Foundation Trust"


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="needs POSIX signals")
def test_watch_converts_files_dropped_into_the_inbox_until_ctrl_c(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wres_convert", "inbox", "--watch", "-o", "site/", "-q"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        assert "Watching inbox" in proc.stderr.readline().decode()  # the watcher is up
        time.sleep(0.5)
        shutil.copy(SAMPLES / "chesterfield.txt", tmp_path / "inbox" / "dropped.txt")
        deadline = time.monotonic() + 20
        page = tmp_path / "site" / "dropped--txt.html"
        while not page.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page.exists()
        assert "Chesterfield Royal NHS Foundation Trust" in page.read_text(encoding="utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
    assert code == 0
    assert "Traceback" not in proc.stderr.read().decode()  # type: ignore[union-attr]


def test_listing_an_inbox_names_each_file_once_in_linear_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A file named on its own and again in its folder is converted once, in the order first named;
    and listing n files compares paths about n times, not n² (it took 0.2 s of 1,000 returns)."""
    from pathlib import PurePath

    from wres_convert.run.inputs import expand

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(300):
        (inbox / f"r{i:03}.txt").write_text("x")
    compared = [0]
    eq = PurePath.__eq__

    def counted(self, other):  # type: ignore[no-untyped-def]
        compared[0] += 1
        return eq(self, other)

    monkeypatch.setattr(PurePath, "__eq__", counted)
    found = expand([inbox / "r007.txt", inbox, inbox, inbox / "r001.txt"], recursive=False)
    assert [f.name for f in found.files[:3]] == ["r007.txt", "r000.txt", "r001.txt"]
    assert len(found.files) == len(set(found.files)) == 300
    assert str(found.rels[1]) == "r000.txt"
    assert compared[0] < 3 * 300


def test_the_command_lists_an_inbox_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the options needs the inbox's files (several into one -o file is refused before
    any work), and the run converts that same listing rather than making another."""
    from wres_convert.cli.convert import app
    from wres_convert.run import batch, inputs

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLES / "chesterfield.txt", inbox / name)
    listed: list[list[Path]] = []
    expand = inputs.expand

    def counted(paths: list[Path], *args: object, **kwargs: object) -> inputs.Found:
        listed.append(paths)
        return expand(paths, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs, "expand", counted)
    monkeypatch.setattr(batch, "expand", counted)
    code = app(
        args=[str(inbox), "-o", f"{tmp_path / 'site'}/", "-q"],
        prog_name="wres-convert",
        standalone_mode=False,
    )
    assert code == 0
    assert len(listed) == 1
    pages = sorted(p.name for p in (tmp_path / "site").glob("*.html"))
    assert len(pages) == 3 and "index.html" in pages  # both returns' pages, and the index
