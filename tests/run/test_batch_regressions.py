"""Issue 11, "pages lost in a batch": every input gets its own page under a stable name, two runs
never interleave one folder, links in the output folder are never written through, and the
tool's own outputs are never taken for returns. One test per promise, named for it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from helpers import SAMPLES, run_cli
from wres_convert.run.names import page_name, shown_name
from wres_convert.run.watch import looks_whole, watch

SAMPLE = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")


def a_return(org: str, submitter: str = "Ian Siara") -> str:
    """The real text return, from another organisation (and, if asked, another submitter)."""
    return SAMPLE.replace("Chesterfield Royal NHS Foundation Trust", org).replace("Ian Siara", submitter)


def pages(folder: Path, ext: str = ".html") -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{ext}") if p.stem != "index")


def manifest(folder: Path) -> dict[str, dict[str, object]]:
    data = json.loads((folder / "wres-convert-manifest.json").read_text(encoding="utf-8"))
    return {e["source"]: e for e in data["entries"]}


# ----------------------------------------------------------------------------- one page each
def test_same_file_name_in_two_sub_folders_gets_two_pages_and_the_index_links_each_to_its_own(
    tmp_path: Path,
) -> None:
    for sub, org in (("north", "Northtown NHS Trust"), ("south", "Southtown NHS Trust")):
        (tmp_path / "inbox" / sub).mkdir(parents=True)
        (tmp_path / "inbox" / sub / "return.txt").write_text(a_return(org), encoding="utf-8")
    r = run_cli("inbox", "-r", "-o", "site/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    site = tmp_path / "site"
    found = pages(site)
    assert [p.relative_to(site).as_posix() for p in found] == [
        "north/return--txt.html",
        "south/return--txt.html",
    ]
    index = (site / "index.html").read_text(encoding="utf-8")
    for sub, org in (("north", "Northtown"), ("south", "Southtown")):
        assert org in (site / sub / "return--txt.html").read_text(encoding="utf-8")
        link = re.search(rf'href="([^"]+)"[^>]*>[^<]*{org}', index) or re.search(
            rf'{org}[^<]*</[^>]+>\s*<a href="([^"]+)"', index
        )
        hrefs = re.findall(r'href="([^"]*return--txt\.html)"', index)
        assert f"{sub}/return--txt.html" in hrefs, (link, hrefs)


def test_same_file_name_named_on_the_command_line_from_two_folders_gets_two_pages(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(a_return(f"{sub.upper()} NHS Trust"), encoding="utf-8")
    r = run_cli("a/x.txt", "b/x.txt", "-o", "site/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(pages(tmp_path / "site")) == 2
    assert r.stderr.decode().count("Wrote") == 2


NASTY_NAMES = [
    "a b.txt",
    "a-b.txt",
    "Café.txt",
    "Cafe.txt",
    "x.txt",
    "x.TXT",
    "😀.txt",
    "🙂.txt",
    " .txt",
    "index.txt",
    "index.docx",
    "wres-convert-manifest.txt",
    "review.txt",
    "chesterfield.docx",
    "chesterfield.pdf",
    "chesterfield.txt",
]


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_names_that_slugify_alike_or_to_nothing_or_are_reserved_each_get_their_own_page(
    tmp_path: Path, fmt: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i, name in enumerate(NASTY_NAMES):
        suffix = Path(name).suffix.lower()
        source = SAMPLES / f"chesterfield{suffix}"
        data = source.read_bytes() if suffix != ".txt" else a_return(f"Trust {i}").encode()
        (inbox / name).write_bytes(data)
    r = run_cli("inbox", "-o", "site/", "-f", fmt, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    site = tmp_path / "site"
    written = [p for p in site.iterdir() if p.suffix == f".{fmt}" and p.stem not in ("index",)]
    written = [p for p in written if p.name != "wres-convert-manifest.json"]
    assert len(written) == len(NASTY_NAMES), sorted(p.name for p in written)
    assert len(manifest(site)) == len(NASTY_NAMES)
    assert json.loads((site / "wres-convert-manifest.json").read_text())["schema"] == "wres-manifest/1"
    if fmt != "json":
        index = (site / f"index.{fmt}").read_text(encoding="utf-8")
        assert "generator" in index and index.count("Trust ") >= 10


def test_page_name_is_one_to_one_and_never_a_reserved_name() -> None:
    rels = [PurePosixPath(n) for n in NASTY_NAMES] + [
        PurePosixPath("sub", "x.docx"),
        PurePosixPath("Sub", "x.docx"),
        PurePosixPath("x-pdf.docx"),
        PurePosixPath("x.pdf"),
        PurePosixPath("x--pdf.docx"),
        PurePosixPath("x-original.docx"),
    ]
    names = [page_name(r, ".html").as_posix() for r in rels]
    assert len(set(names)) == len(names), names
    assert len({n.lower() for n in names}) == len(names), "case-insensitive file systems too"
    assert not {"index.html", "wres-convert-manifest.html", "review.html"} & set(names)
    assert page_name(PurePosixPath("chesterfield.docx"), ".html").as_posix() == "chesterfield.html"
    assert page_name(PurePosixPath("chesterfield.pdf"), ".html").as_posix() == "chesterfield--pdf.html"


def test_a_page_keeps_its_name_when_another_format_of_the_same_return_joins_the_inbox(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "chesterfield.docx").write_bytes((SAMPLES / "chesterfield.docx").read_bytes())
    assert run_cli("inbox", "-o", "site/", "-q", cwd=tmp_path).returncode == 0
    first = [p.name for p in pages(tmp_path / "site")]
    (inbox / "chesterfield.pdf").write_bytes((SAMPLES / "chesterfield.pdf").read_bytes())
    assert run_cli("inbox", "-o", "site/", "-q", cwd=tmp_path).returncode == 0
    assert first == ["chesterfield.html"]
    assert [p.name for p in pages(tmp_path / "site")] == ["chesterfield--pdf.html", "chesterfield.html"]


def test_json_source_carries_the_path_below_the_inbox(tmp_path: Path) -> None:
    (tmp_path / "inbox" / "2024").mkdir(parents=True)
    (tmp_path / "inbox" / "2024" / "return.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("inbox", "-r", "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["source"]["file"] == "2024/return.txt"


def test_a_source_never_replaces_the_page_another_source_made_in_an_earlier_run(tmp_path: Path) -> None:
    for inbox, org in (("in1", "First NHS Trust"), ("in2", "Second NHS Trust")):
        (tmp_path / inbox).mkdir()
        (tmp_path / inbox / "return.txt").write_text(a_return(org), encoding="utf-8")
    assert run_cli("in1", "-o", "site/", "-q", cwd=tmp_path).returncode == 0
    r = run_cli("in2", "-o", "site/", cwd=tmp_path)
    assert r.returncode == 6
    assert "is the page of in1/return.txt" in r.stderr.decode()
    assert "First NHS Trust" in (tmp_path / "site" / "return--txt.html").read_text(encoding="utf-8")
    # Two inboxes in one run clash the same way; the folder that holds both, with -r, does not.
    clash = run_cli("in1", "in2", "-o", "both/", cwd=tmp_path)
    assert clash.returncode == 5 and "name the folder that holds both, with -r" in clash.stderr.decode()
    assert run_cli(".", "-r", "-o", "all/", "-q", cwd=tmp_path).returncode == 0
    assert [p.relative_to(tmp_path / "all").as_posix() for p in pages(tmp_path / "all")] == [
        "in1/return--txt.html",
        "in2/return--txt.html",
    ]


def test_a_page_name_never_depends_on_which_other_files_a_run_holds(tmp_path: Path) -> None:
    (tmp_path / "to" / "in1").mkdir(parents=True)
    (tmp_path / "to" / "in1" / "x.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "base.txt").write_text(SAMPLE, encoding="utf-8")
    assert run_cli("to/in1/x.txt", "-o", "alone/", "-q", cwd=tmp_path).returncode == 0
    assert run_cli("to/in1/x.txt", "base.txt", "-o", "with/", "-q", cwd=tmp_path).returncode == 0
    assert (tmp_path / "alone" / "to" / "in1" / "x--txt.html").is_file()
    assert (tmp_path / "with" / "to" / "in1" / "x--txt.html").is_file()
    assert (tmp_path / "with" / "base--txt.html").is_file()


# ----------------------------------------------------------------------------- private names
def test_a_file_named_after_the_submitter_never_gives_their_details_to_published_output(
    tmp_path: Path,
) -> None:
    name = "WRES case study - Ian Siara 01246 512618.txt"
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / name).write_text(SAMPLE, encoding="utf-8")
    for fmt in ("html", "md", "json"):
        r = run_cli("inbox", "-o", f"site-{fmt}/", "-f", fmt, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        for path in (tmp_path / f"site-{fmt}").iterdir():
            text = path.name + path.read_text(encoding="utf-8")
            for secret in ("Siara", "512618", "Ian"):
                assert secret not in text, (path.name, secret)
    page = pages(tmp_path / "site-html")[0].name
    assert page.startswith("wres-case-study--") and page.endswith(".html")
    r = run_cli(f"inbox/{name}", "-f", "json", "-o", "-", cwd=tmp_path)
    shown = json.loads(r.stdout)["source"]["file"]
    assert shown.startswith("WRES case study") and shown.endswith(".txt") and "Siara" not in shown


def test_shown_name_takes_out_phone_numbers_and_e_mail_addresses_in_every_part() -> None:
    shown = shown_name(PurePosixPath("jo.bloggs@nhs.net", "return 07700 900123.docx"))
    assert "@" not in shown and "900123" not in shown and shown.endswith(".docx")


# ----------------------------------------------------------------------------- one run at a time
def test_two_runs_into_one_folder_at_once_both_land_in_the_manifest_and_index(tmp_path: Path) -> None:
    for inbox in ("in1", "in2"):
        (tmp_path / inbox).mkdir()
        for i in range(12):
            org = f"{inbox.upper()} Trust {i}"
            (tmp_path / inbox / f"{inbox}-{i:02d}.txt").write_text(a_return(org), encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "wres_convert", inbox, "-o", "site/", "-q", "-j", "1"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
        )
        for inbox in ("in1", "in2")
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0], [p.stderr.read() for p in procs if p.stderr]
    site = tmp_path / "site"
    assert len(pages(site)) == 24
    assert len(manifest(site)) == 24
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f"IN{n} Trust {i}<" in index or f"IN{n} Trust {i}" in index for n in (1, 2) for i in range(12))


# ----------------------------------------------------------------------------- links
def test_a_link_named_like_the_manifest_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "precious.json"
    outside.write_text("keep me", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "wres-convert-manifest.json").symlink_to(outside)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "r.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("inbox", "-o", "site/", cwd=tmp_path)
    assert r.returncode != 0
    assert "symbolic link" in r.stderr.decode()
    assert outside.read_text(encoding="utf-8") == "keep me"
    r = run_cli("inbox", "-o", "site/", "--force", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (site / "wres-convert-manifest.json").is_symlink()


def test_a_dangling_link_named_like_a_page_never_puts_a_page_outside_the_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "r--txt.html").symlink_to(tmp_path / "elsewhere.html")
    (site / "sub").symlink_to(tmp_path / "away", target_is_directory=True)
    (tmp_path / "away").mkdir()
    (tmp_path / "inbox" / "sub").mkdir(parents=True)
    (tmp_path / "inbox" / "r.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "inbox" / "sub" / "s.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("inbox", "-r", "-o", "site/", cwd=tmp_path)
    assert r.returncode == 6, r.stderr
    said = [line for line in r.stderr.decode().splitlines() if line.startswith("inbox/")]
    assert len(said) == 2 and all("symbolic link" in line for line in said), said
    assert not (tmp_path / "elsewhere.html").exists()
    assert list((tmp_path / "away").iterdir()) == []


def test_a_page_named_with_o_through_a_link_still_writes_the_links_target(tmp_path: Path) -> None:
    (tmp_path / "real.html").write_text("", encoding="utf-8")
    (tmp_path / "page.html").symlink_to(tmp_path / "real.html")
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("r.txt", "-o", "page.html", "--force", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "page.html").is_symlink() and "WRES" in (tmp_path / "real.html").read_text()


# ----------------------------------------------------------------------------- own outputs
@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_its_own_page_fed_back_is_refused_and_names_the_return_it_came_from(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    assert run_cli("r.txt", "-f", fmt, "-o", f"page.{fmt}", cwd=tmp_path).returncode == 0
    (tmp_path / "page.txt").write_bytes((tmp_path / f"page.{fmt}").read_bytes())
    for name in (f"page.{fmt}", "page.txt"):
        r = run_cli(name, "-o", "-", cwd=tmp_path)
        assert r.returncode == 4, r.stderr
        assert r.stdout == b""
        assert "this is a page wres-convert wrote from r.txt" in r.stderr.decode()
        assert len(r.stderr.decode().strip().splitlines()) == 1


def test_pages_in_an_inbox_are_skipped_not_converted(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    assert run_cli("r.txt", "-f", "md", "-o", "page.txt", "--force", cwd=tmp_path).returncode == 0
    r = run_cli(".", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "page--txt.html").exists()


# ----------------------------------------------------------------------------- watch
def handed_over(folder: Path, copy: Callable[[list[tuple[str, int]]], None]) -> list[tuple[str, int]]:
    """What a watch on ``folder`` hands over (names and sizes) while ``copy`` writes into it,
    and for a few seconds after. ``copy`` gets the list so far, to look at mid-copy."""
    handed: list[tuple[str, int]] = []
    stop = threading.Event()

    def handle(files: list[Path]) -> None:
        handed.extend((f.name, f.stat().st_size) for f in files)

    thread = threading.Thread(target=watch, args=(folder, handle), kwargs={"settle": 0.5, "stop": stop})
    thread.start()
    try:
        time.sleep(0.5)
        copy(handed)
        deadline = time.monotonic() + 10
        while not handed and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=10)
    return handed


def test_a_paused_copy_of_a_word_file_is_not_handed_over_until_it_is_whole(tmp_path: Path) -> None:
    data = (SAMPLES / "chesterfield.docx").read_bytes()
    target = tmp_path / "return.docx"

    def copy(handed: list[tuple[str, int]]) -> None:
        with target.open("wb") as fh:
            fh.write(data[: len(data) // 2])
        time.sleep(2.5)  # the copy pauses for far longer than the settling time
        assert handed == [] and not looks_whole(target)
        with target.open("ab") as fh:
            fh.write(data[len(data) // 2 :])

    assert handed_over(tmp_path, copy) == [("return.docx", len(data))]


def test_a_text_file_still_open_for_writing_is_not_handed_over_until_its_writer_closes_it(
    tmp_path: Path,
) -> None:
    data = SAMPLE.encode("utf-8")

    def copy(handed: list[tuple[str, int]]) -> None:
        with (tmp_path / "return.txt").open("wb") as fh:
            fh.write(data[:3000])
            fh.flush()
            time.sleep(3)  # the copy pauses, the file still open, for far longer than settling
            assert handed == []
            fh.write(data[3000:])

    assert handed_over(tmp_path, copy) == [("return.txt", len(data))]


def test_looks_whole_knows_a_cut_zip_and_pdf_from_whole_ones(tmp_path: Path) -> None:
    for suffix in (".docx", ".pdf"):
        data = (SAMPLES / f"chesterfield{suffix}").read_bytes()
        whole, cut = tmp_path / f"w{suffix}", tmp_path / f"c{suffix}"
        whole.write_bytes(data)
        cut.write_bytes(data[: len(data) * 2 // 3])
        assert looks_whole(whole) and not looks_whole(cut)


# ----------------------------------------------------------------------------- Ctrl-C
def test_ctrl_c_during_a_batch_keeps_the_index_and_manifest_for_what_was_done(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(40):
        (inbox / f"r{i:02d}.pdf").write_bytes((SAMPLES / "chesterfield.pdf").read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "wres_convert", "inbox", "-o", "site/", "-j", "1"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    site = tmp_path / "site"
    deadline = time.monotonic() + 60
    while len(pages(site)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = [line for line in err.decode().splitlines() if "interrupted" in line]
    assert len(lines) == 1 and lines[0].startswith("error: interrupted"), err
    assert "Traceback" not in err.decode()
    done = pages(site)
    assert 3 <= len(done) < 40
    assert len(manifest(site)) == len(done)
    index = (site / "index.html").read_text(encoding="utf-8")
    # Copies of one return: the index lists each that is no duplicate of a newer one (issue 17).
    listed = [e for e in manifest(site).values() if "duplicate_of" not in e]
    assert listed and index.count('href="r') == len(listed)


# ----------------------------------------------------------------------------- standard output
def test_a_full_disk_behind_standard_output_is_one_line_and_exit_6() -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "wres_convert", str(SAMPLES / "chesterfield.txt"), "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert r.returncode == 6, r.stderr
    assert "No space left on device" in r.stderr.decode()
    assert len(r.stderr.decode().strip().splitlines()) == 1


def test_link_original_copies_beside_the_inputs_are_never_converted_on_the_next_run(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "return.docx").write_bytes((SAMPLES / "chesterfield.docx").read_bytes())
    for _ in range(2):
        r = run_cli("inbox", "--link-original", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in inbox.iterdir()) == ["return-original.docx", "return.docx", "return.html"]
    named = run_cli("inbox/return-original.docx", "-o", "-", cwd=tmp_path)
    assert named.returncode == 4
    assert "published beside return.html" in named.stderr.decode()


def test_watch_with_link_original_converts_a_dropped_file_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wres_convert", "inbox", "--watch", "--link-original"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stderr is not None
        assert "Watching inbox" in proc.stderr.readline().decode()
        time.sleep(0.5)
        (inbox / "dropped.docx").write_bytes((SAMPLES / "chesterfield.docx").read_bytes())
        time.sleep(8)  # long enough for a loop to show: each copy would settle and convert
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
    assert sorted(p.name for p in inbox.iterdir()) == [
        "dropped-original.docx",
        "dropped.docx",
        "dropped.html",
    ]


def test_the_page_the_quick_start_leaves_in_samples_is_never_taken_for_a_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import helpers

    for name in (
        "chesterfield.docx",
        "chesterfield.pdf",
        "chesterfield.txt",
        "chesterfield.html",
        "README.md",
    ):
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.setattr(helpers, "SAMPLES", tmp_path)
    assert [p.name for p in helpers.sample_returns()] == [
        "chesterfield.docx",
        "chesterfield.pdf",
        "chesterfield.txt",
    ]


def test_debug_shows_the_conversion_processs_own_frames_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from wres_convert.run import job
    from wres_convert.run.batch import run
    from wres_convert.run.options import Options, PageOptions, ReadOptions, RunOptions
    from wres_convert.writers.site import load_site

    real = job.convert_bytes

    def deep_inside_the_worker(data: bytes, name: str, *args: object, **kwargs: object) -> object:
        if name == "bad.txt":
            return 1 / 0
        return real(data, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(job, "convert_bytes", deep_inside_the_worker)
    (tmp_path / "bad.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    opts = Options(
        ReadOptions(),
        PageOptions(load_site(), "json"),
        RunOptions(str(tmp_path / "site") + "/", debug=True, jobs=2),
    )
    code = run([tmp_path / "bad.txt", tmp_path / "good.txt"], opts)
    err = capfd.readouterr().err
    assert code == 5
    assert "the conversion's traceback follows" in err
    assert "deep_inside_the_worker" in err and "ZeroDivisionError" in err
    assert "bad.txt: error: internal error (ZeroDivisionError" in err
    assert (tmp_path / "site" / "good--txt.json").is_file()  # named from outside the current folder


def test_ctrl_c_during_check_says_so_in_one_line_and_exits_130(tmp_path: Path) -> None:
    for i in range(150):
        (tmp_path / f"r{i:03d}.pdf").write_bytes((SAMPLES / "chesterfield.pdf").read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "wres_convert", "check", str(tmp_path), "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the first report has begun
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert re.fullmatch(r"error: interrupted; \d+ of 150 files checked\n", err.decode()), err


def test_a_full_standard_output_stops_a_batch_with_one_line_and_exit_6(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(SAMPLE, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "wres_convert", str(tmp_path), "-f", "json", "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert r.returncode == 6
    assert r.stderr.decode() == "error: cannot write standard output: No space left on device\n"


def test_help_to_a_full_standard_output_is_one_line_and_exit_6() -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "wres_convert", "--help"], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert r.returncode == 6
    assert r.stderr.decode() == "error: cannot write standard output: No space left on device\n"


def test_o_dev_stdout_is_standard_output_whether_a_pipe_or_a_redirected_file(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    piped = run_cli("r.txt", "-o", "/dev/stdout", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"<!DOCTYPE html>")
    with (tmp_path / "so.html").open("wb") as fh:
        r = subprocess.run(
            [sys.executable, "-m", "wres_convert", "r.txt", "-o", "/dev/stdout"],
            cwd=tmp_path,
            stdout=fh,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "so.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bogus", "r.txt"], "error: No such option: --bogus"),
        (["r.txt", "-f", "xml"], "error: Invalid value for '--format' / '-f': 'xml' is not one of"),
        (["check", "-o", "x", "r.txt"], "error: No such option: -o"),
    ],
)
def test_a_usage_error_from_the_option_parser_is_one_error_line(
    tmp_path: Path, args: list[str], said: str
) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said) and lines[0].endswith("--help'"), lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_a_mistyped_command_anywhere_stops_the_run_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("r.txt", "chek", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode() == "error: no such file or command 'chek'; did you mean 'check'?\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]
    # An option's value is never taken for a command: "-o check" is an output file name, also
    # when the option ends a run of short ones ("-qo").
    assert run_cli("r.txt", "-f", "html", "-o", "chek", cwd=tmp_path).returncode == 0
    assert run_cli("r.txt", "-f", "html", "-qo", "chek2", cwd=tmp_path).returncode == 0
    assert (tmp_path / "chek2").is_file()
    r = run_cli("r.txt", "-qochek3", "reviw", cwd=tmp_path)  # "-qo" took "chek3": "reviw" is a typo
    assert r.returncode == 2 and "did you mean 'review'?" in r.stderr.decode()
    # Nor a missing corrections folder's name: that is the error to report.
    r = run_cli("r.txt", "--corrections", "reviw", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode().startswith("error: --corrections reviw: no such folder")


def test_the_options_whose_values_are_not_checked_as_commands_are_those_that_take_values() -> None:
    import typer.main

    from wres_convert.cli.convert import app
    from wres_convert.cli.main import VALUE_OPTIONS

    options = [p for p in typer.main.get_command(app).params if p.param_type_name == "option"]
    assert {name for p in options if not p.is_flag and not p.count for name in p.opts} == VALUE_OPTIONS


def test_a_link_in_place_of_the_lock_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / ".wres-convert.lock").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "r.txt").write_text(SAMPLE, encoding="utf-8")
    r = run_cli("inbox", "-o", "site/", cwd=tmp_path)
    assert r.returncode == 6
    assert "site/.wres-convert.lock is a symbolic link" in r.stderr.decode()
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--max-pages", "1e9", "--max-pages must be at most 100000, not '1e9'"),
        ("--max-size", "1e-300", "--max-size must be at least 0.001 (MB), not '1e-300'"),
        ("--jobs", "2.5", "--jobs must be a whole number above 0, not '2.5'"),
    ],
)
def test_a_limit_out_of_range_says_which_bound_it_broke(option: str, value: str, said: str) -> None:
    r = run_cli(str(SAMPLES / "chesterfield.txt"), option, value, "-o", "-")
    assert r.returncode == 2 and r.stdout == b""
    assert r.stderr.decode() == f"error: {said}\n"
