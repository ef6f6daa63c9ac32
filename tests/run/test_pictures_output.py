"""A page's pictures as files beside it (issue 14): PAGE-files/ as pandoc's --extract-media
writes it, known to the manifest, left alone by a run that changes nothing, cleared when the page
no longer shows them, never written through a link; --embed-images, --no-images and JSON."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from helpers import run_cli
from helpers.pictures import make_pdf


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "inbox").mkdir()
    make_pdf(tmp_path / "inbox" / "pictures.pdf")
    return tmp_path


def _images(folder: Path) -> list[Path]:
    return sorted(folder.glob("image-*.png"))


def test_pictures_live_beside_their_page_and_the_manifest_knows_them(inbox: Path) -> None:
    r = run_cli("inbox", "-o", "site/", cwd=inbox)
    assert r.returncode == 0, r.stderr
    page = inbox / "site" / "pictures--pdf.html"
    [image] = _images(inbox / "site" / "pictures--pdf-files")
    html = page.read_text()
    assert f'<img src="pictures--pdf-files/{image.name}" alt="" width="320" height="160">' in html
    assert b"no alt text" in r.stderr  # the reviewer is asked to describe it
    manifest = json.loads((inbox / "site" / "wres-convert-manifest.json").read_text())
    [entry] = manifest["entries"]
    assert entry["outputs"] == ["pictures--pdf.html", f"pictures--pdf-files/{image.name}"]

    # Nothing changed: nothing is rewritten, the picture included.
    before = image.stat().st_mtime_ns
    r = run_cli("inbox", "-o", "site/", cwd=inbox)
    assert r.returncode == 0 and b"unchanged" in r.stderr
    assert image.stat().st_mtime_ns == before

    # A picture that is gone from the page is gone from the folder.
    image.unlink()
    r = run_cli("inbox", "-o", "site/", "--embed-images", cwd=inbox)
    assert r.returncode == 0, r.stderr
    assert 'src="data:image/png;base64,' in page.read_text()
    assert not (inbox / "site" / "pictures--pdf-files").exists()


def test_a_link_in_place_of_the_pictures_folder_is_never_written_through(inbox: Path) -> None:
    elsewhere = inbox / "elsewhere"
    elsewhere.mkdir()
    (inbox / "site").mkdir()
    os.symlink(elsewhere, inbox / "site" / "pictures--pdf-files")
    r = run_cli("inbox", "-o", "site/", cwd=inbox)
    assert r.returncode != 0
    assert b"symbolic link" in r.stderr
    assert list(elsewhere.iterdir()) == []


def test_no_images_leaves_them_out_with_a_warning(inbox: Path) -> None:
    r = run_cli("inbox/pictures.pdf", "-o", "page.html", "--no-images", cwd=inbox)
    assert r.returncode == 0, r.stderr
    assert "<img" not in (inbox / "page.html").read_text()
    assert b"1 image was left out (--no-images)" in r.stderr
    assert not (inbox / "page-files").exists()


def test_markdown_links_to_the_same_files(inbox: Path) -> None:
    r = run_cli("inbox/pictures.pdf", "-o", "out/page.md", cwd=inbox)
    assert r.returncode == 0, r.stderr
    [image] = _images(inbox / "out" / "page-files")
    assert f"![](<page-files/{image.name}>)" in (inbox / "out" / "page.md").read_text()


def test_json_on_standard_output_lists_pictures_and_embeds_them_only_when_asked(inbox: Path) -> None:
    schema = json.loads(resources.files("wres_convert.data").joinpath("case-study.schema.json").read_text())
    r = run_cli("inbox/pictures.pdf", "-f", "json", "-o", "-", cwd=inbox)
    assert r.returncode == 0, r.stderr
    jsonschema.Draft202012Validator(schema).validate(json.loads(r.stdout))
    [listed] = [i for s in json.loads(r.stdout)["sections"] for i in s.get("images", [])]
    assert re.fullmatch(r"images/image-[0-9a-f]{16}\.png", listed["file"])
    assert listed["media_type"] == "image/png" and (listed["width"], listed["height"]) == (320, 160)
    assert len(listed["sha256"]) == 64 and "data" not in listed
    assert not (inbox / "images").exists()  # nothing is written beside standard output

    r = run_cli("inbox/pictures.pdf", "-f", "json", "-o", "-", "--embed-images", cwd=inbox)
    jsonschema.Draft202012Validator(schema).validate(json.loads(r.stdout))
    [listed] = [i for s in json.loads(r.stdout)["sections"] for i in s.get("images", [])]
    assert listed["data"]


def test_embed_and_no_images_together_are_a_usage_error(inbox: Path) -> None:
    r = run_cli("inbox/pictures.pdf", "--embed-images", "--no-images", cwd=inbox)
    assert r.returncode == 2 and b"--embed-images and --no-images" in r.stderr


def test_a_file_someone_else_put_under_a_name_like_ours_is_left_alone(inbox: Path) -> None:
    # Only a picture whose name is the start of its content's digest is ours to remove.
    folder = inbox / "site" / "pictures--pdf-files"
    folder.mkdir(parents=True)
    theirs = folder / "image-0000000000000000.png"
    theirs.write_bytes(b"mine")
    r = run_cli("inbox", "-o", "site/", cwd=inbox)
    assert r.returncode == 0, r.stderr
    assert theirs.read_bytes() == b"mine" and len(_images(folder)) == 2
