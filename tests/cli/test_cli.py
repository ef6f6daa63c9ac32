"""The command line as users and pipelines meet it: where output goes, formats, exit codes and
one-line errors on standard error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import SAMPLES, run_cli

SAMPLE_FILES = ["chesterfield.txt", "chesterfield.docx", "chesterfield.pdf"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in SAMPLE_FILES:
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_default_writes_html_beside_the_input_and_says_where(work: Path, name: str) -> None:
    r = run_cli(name, cwd=work)
    assert r.returncode == 0, r.stderr
    # A DOCX keeps its name; another type adds its own, so the DOCX and PDF of one return never meet.
    expected = "chesterfield.html" if name.endswith(".docx") else name.replace(".", "--") + ".html"
    page = work / expected
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert r.stdout == b""
    assert r.stderr.decode().splitlines()[0] == f"Wrote {expected}"


@pytest.mark.parametrize(
    ("suffix", "starts"), [(".html", "<!DOCTYPE html>"), (".md", "---\n"), (".json", "{")]
)
def test_output_suffix_chooses_the_format(work: Path, suffix: str, starts: str) -> None:
    r = run_cli("chesterfield.txt", "-o", f"out/page{suffix}", cwd=work)
    assert r.returncode == 0, r.stderr
    assert (work / "out" / f"page{suffix}").read_text(encoding="utf-8").startswith(starts)


def test_format_flag_overrides_the_suffix(work: Path) -> None:
    r = run_cli("chesterfield.txt", "-o", "page.html", "--format", "json", cwd=work)
    assert r.returncode == 0
    assert json.loads((work / "page.html").read_text(encoding="utf-8"))["schema"] == "wres-case-study/1"


def test_dash_writes_to_stdout_only(work: Path) -> None:
    r = run_cli("chesterfield.txt", "--format", "json", "-o", "-", "-q", cwd=work)
    assert r.returncode == 0
    assert json.loads(r.stdout)["organisation"] == "Chesterfield Royal NHS Foundation Trust"
    assert r.stderr == b""
    assert sorted(p.name for p in work.iterdir()) == sorted(SAMPLE_FILES)


def test_several_inputs_to_stdout_as_json_lines_with_errors_in_place(work: Path) -> None:
    (work / "empty.txt").write_bytes(b"")
    r = run_cli("chesterfield.txt", "empty.txt", "chesterfield.docx", "-f", "json", "-o", "-", cwd=work)
    assert r.returncode == 5
    lines = r.stdout.decode().splitlines()
    objs = [json.loads(line) for line in lines]
    assert [o.get("organisation") for o in objs] == [
        "Chesterfield Royal NHS Foundation Trust",
        None,
        "Chesterfield Royal NHS Foundation Trust",
    ]
    assert objs[1]["error"]["code"] == "empty"
    err = r.stderr.decode().splitlines()
    assert err[0] == "empty.txt: error: the file is empty; check that the file was saved or copied completely"
    assert "Summary" in err[1]  # then the batch summary: counts, and the failure's reason again
    assert any("failed: empty.txt: the file is empty" in line for line in err)


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (lambda d: None, 3, "no such file"),
        (lambda d: (d / "x.txt").write_bytes(b""), 3, "empty"),
        (lambda d: (d / "x.txt").mkdir(), 3, "folder"),
        (lambda d: (d / "x.txt").write_bytes(b"PK\x03\x04 truncated zip"), 3, "damaged"),
        (
            lambda d: (d / "x.txt").write_text(
                "Dear team, please find our news attached.\n", encoding="utf-8"
            ),
            4,
            "no questions",
        ),
    ],
)
def test_bad_input_gets_one_line_naming_the_file(tmp_path: Path, make: object, code: int, words: str) -> None:
    make(tmp_path)  # type: ignore[operator]
    r = run_cli("x.txt", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == code
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("x.txt: ") and words in err
    assert "Traceback" not in err


def test_version_help_and_module_entry_point() -> None:
    v = run_cli("--version")
    assert v.returncode == 0 and v.stdout.decode().startswith("wres-convert ")
    h = run_cli("--help")
    assert h.returncode == 0
    text = h.stdout.decode()
    for word in ("--output", "--format", "Exit codes", "--include-contact"):
        assert word in text


def test_usage_error_exits_2(work: Path) -> None:
    r = run_cli("chesterfield.txt", "--format", "pdf", cwd=work)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr.decode()


def test_refuses_to_overwrite_its_own_input(tmp_path: Path) -> None:
    src = tmp_path / "sub.md"
    shutil.copy(SAMPLES / "chesterfield.txt", src)
    r = run_cli("sub.md", "--format", "md", "-o", "sub.md", cwd=tmp_path)
    assert r.returncode != 0
    assert src.read_bytes() == (SAMPLES / "chesterfield.txt").read_bytes()


def test_include_contact_adds_contact_to_json_only(work: Path) -> None:
    r = run_cli("chesterfield.txt", "-f", "json", "-o", "-", "--include-contact", cwd=work)
    contact = json.loads(r.stdout)["contact"]
    assert contact["name"] == "Ian Siara"
    assert contact["emails"] == ["ian.siara@nhs.net"]
    page = run_cli("chesterfield.txt", "-f", "html", "-o", "-", "--include-contact", cwd=work).stdout.decode()
    assert "Siara" not in page


def test_written_page_is_readable_by_others_like_any_new_file(work: Path) -> None:
    run_cli("chesterfield.docx", cwd=work)
    (work / "plain.txt").write_text("x")
    assert (work / "chesterfield.html").stat().st_mode & 0o777 == (work / "plain.txt").stat().st_mode & 0o777


def test_same_named_inputs_into_one_folder_do_not_overwrite_each_other(work: Path) -> None:
    r = run_cli(*SAMPLE_FILES, "-o", "site/", cwd=work)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (work / "site").iterdir()) == [
        ".wres-convert.lock",
        "chesterfield--pdf.html",
        "chesterfield--txt.html",
        "chesterfield.html",
        "index.html",
        "wres-convert-manifest.json",
    ]


@pytest.mark.parametrize("args", [("-o", "one.html"), ("-o", "-", "-f", "html")])
def test_several_inputs_into_one_file_is_a_usage_error(work: Path, args: tuple[str, ...]) -> None:
    r = run_cli("chesterfield.txt", "chesterfield.docx", *args, cwd=work)
    assert r.returncode == 2
    assert len(r.stderr.decode().strip().splitlines()) == 1
    assert not (work / "one.html").exists()


def test_unwritable_output_is_one_line_and_exit_6(work: Path) -> None:
    (work / "afile").write_text("x")
    r = run_cli("chesterfield.txt", "-o", "afile/page.html", cwd=work)
    err = r.stderr.decode()
    assert r.returncode == 6
    assert err.count("\n") == 1 and "cannot write" in err and "Traceback" not in err


def test_output_through_a_symlink_writes_its_target(work: Path) -> None:
    (work / "real.html").write_text(
        '<meta name="generator" content="wres-convert">'
    )  # an earlier page of ours
    (work / "link.html").symlink_to(work / "real.html")
    assert run_cli("chesterfield.txt", "-o", "link.html", cwd=work).returncode == 0
    assert (work / "link.html").is_symlink()
    assert (work / "real.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_config_refuses_a_script_link(work: Path) -> None:
    (work / "site.toml").write_text('others_url = " JavaScript:alert(1)"\n', encoding="utf-8")
    r = run_cli("chesterfield.txt", "--config", "site.toml", "-o", "-", cwd=work)
    assert r.returncode == 2
    assert r.stdout == b""
    assert r.stderr.decode().startswith("site.toml: error: bad site setting")


def test_config_changes_the_page_links(work: Path) -> None:
    (work / "site.toml").write_text(
        'site_name = "Example Site"\nothers_url = "/wres/"\n[[further_reading]]\ntext = "More"\nurl = "https://example.org/more"\n',
        encoding="utf-8",
    )
    page = run_cli("chesterfield.txt", "--config", "site.toml", "-o", "-", cwd=work).stdout.decode()
    assert '<a href="/wres/">' in page and '<a href="https://example.org/more">More</a>' in page
    assert "Example Site" in page


def test_a_file_the_tool_did_not_write_is_kept_unless_forced(work: Path) -> None:
    (work / "chesterfield.html").write_text("<p>my own notes</p>", encoding="utf-8")
    r = run_cli("chesterfield.docx", cwd=work)
    assert r.returncode == 6
    assert "--force" in r.stderr.decode() and r.stderr.decode().count("\n") == 1
    assert (work / "chesterfield.html").read_text(encoding="utf-8") == "<p>my own notes</p>"
    assert run_cli("chesterfield.docx", "--force", cwd=work).returncode == 0
    assert run_cli("chesterfield.docx", cwd=work).returncode == 0  # now it is ours: rerunning replaces it


def test_output_names_are_safe_slugs(work: Path) -> None:
    odd = work / "Return (final) ; rm -rf.txt"
    shutil.copy(SAMPLES / "chesterfield.txt", odd)
    r = run_cli(odd.name, "-o", "site/", cwd=work)
    assert r.returncode == 0, r.stderr
    names = [p.name for p in (work / "site").iterdir()]
    assert [n for n in names if n.startswith("return-final-rm-rf--")], names
    assert all(p.parent == work / "site" for p in (work / "site").iterdir())


def test_input_over_the_size_limit_is_refused(work: Path) -> None:
    r = run_cli("chesterfield.pdf", "--max-size", "0.01", cwd=work)
    assert r.returncode == 3
    assert "limit" in r.stderr.decode() and r.stderr.decode().count("\n") == 1


def test_redact_replaces_other_peoples_details_and_warns_without_it(work: Path) -> None:
    text = (
        (SAMPLES / "chesterfield.txt")
        .read_text(encoding="utf-8")
        .replace(
            "Coffee vouchers were distributed with the surveys.",
            "Coffee vouchers were distributed by sam.jones@nhs.net (07700 900123, NHS number 943 476 5919).",
        )
    )
    (work / "private.txt").write_text(text, encoding="utf-8")
    plain = run_cli("private.txt", "-f", "json", "-o", "-", cwd=work)
    doc = json.loads(plain.stdout)
    assert {w["message"].split(" in ")[0] for w in doc["warnings"] if w["code"] == "private-data"} == {
        "an e-mail address",
        "an NHS number",
        "a telephone number",
    }
    assert "sam.jones@nhs.net" in json.dumps(doc["sections"])
    redacted = json.loads(run_cli("private.txt", "-f", "json", "-o", "-", "--redact", cwd=work).stdout)
    body = json.dumps(redacted["sections"])
    for secret in ("sam.jones", "900123", "5919"):
        assert secret not in body
    assert "[email removed]" in body and "[NHS number removed]" in body and "[phone number removed]" in body
