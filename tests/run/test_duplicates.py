"""Duplicates in a mixed inbox (issue 17): the same return as a PDF and a DOCX is flagged, only the
newer is listed in the index, and a corrections file can list the other too, or keep one off."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SAMPLES, run_cli
from wres_convert.run.duplicates import similarity


def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("chesterfield.docx", "chesterfield.pdf"):
        shutil.copyfile(SAMPLES / name, folder / name)
    os.utime(folder / "chesterfield.pdf", (1_700_000_000, 1_700_000_000))  # the older
    os.utime(folder / "chesterfield.docx", (1_800_000_000, 1_800_000_000))
    # A different return: not a duplicate of either.
    text = (SAMPLES / "chesterfield.txt").read_text("utf-8").replace("Chesterfield Royal", "Derby Royal")
    (folder / "derby.txt").write_text(text, "utf-8")
    return folder


def index_links(tmp_path: Path) -> str:
    return (tmp_path / "out" / "index.html").read_text("utf-8")


def test_the_older_copy_of_a_return_is_flagged_and_left_out_of_the_index(tmp_path: Path) -> None:
    inbox(tmp_path)
    r = run_cli("inbox", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert "chesterfield.pdf: a duplicate of inbox/chesterfield.docx" in r.stderr.decode()
    manifest = json.loads((tmp_path / "out" / "wres-convert-manifest.json").read_text("utf-8"))
    flagged = {e["source"]: e.get("duplicate_of") for e in manifest["entries"]}
    assert flagged == {
        "inbox/chesterfield.docx": None,
        "inbox/chesterfield.pdf": "inbox/chesterfield.docx",
        "inbox/derby.txt": None,
    }
    index = index_links(tmp_path)
    assert 'href="chesterfield.html"' in index and "chesterfield--pdf.html" not in index
    assert "derby--txt.html" in index


def test_a_corrections_file_lists_a_duplicate_or_keeps_a_page_off(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    (folder / "chesterfield.pdf.corrections.toml").write_text("publish = true\n", "utf-8")
    (folder / "derby.corrections.toml").write_text("publish = false\n", "utf-8")
    r = run_cli("inbox", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    index = index_links(tmp_path)
    assert "chesterfield--pdf.html" in index and 'href="chesterfield.html"' in index
    assert "derby--txt.html" not in index


def test_signatures_tell_the_same_text_from_another() -> None:
    assert similarity([1, 2, 3], [1, 2, 3]) == 1.0
    assert similarity([1, 2, 3], [4, 5, 6]) == 0.0
    assert similarity([], [1]) == 0.0


def test_a_signature_is_a_compact_string_and_older_lists_still_compare() -> None:
    import base64
    import hashlib

    from wres_convert.model import block_text
    from wres_convert.run.convert import convert
    from wres_convert.run.duplicates import RUN, K, _hashes, signature
    from wres_convert.text.normalise import normalise

    cs = convert(SAMPLES / "chesterfield.txt")
    sig = signature(cs)
    assert isinstance(sig, str) and len(base64.b64decode(sig)) == 8 * K
    # What manifests before issue 18 kept: the list of the K smallest 64-bit blake2b hashes.
    words = normalise(" ".join(block_text(b) for s in cs.sections for b in s.blocks)).split()
    runs = {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    old = sorted(int.from_bytes(hashlib.blake2b(r.encode(), digest_size=8).digest(), "big") for r in runs)[:K]
    assert _hashes(sig) == old
    assert similarity(sig, old) == 1.0
    assert similarity(sig, signature(convert(SAMPLES / "chesterfield.docx"))) >= 0.8
    assert similarity(sig, None) == similarity(sig, "not base64!") == similarity(sig, [1, "x"]) == 0.0


def test_the_review_index_flags_the_duplicate(tmp_path: Path) -> None:
    inbox(tmp_path)
    r = run_cli("inbox", "-o", "out/", "--review", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    review = (tmp_path / "out" / "review.html").read_text("utf-8")
    assert "duplicate of inbox/chesterfield.docx: not listed in the index" in review


def test_publish_false_on_the_newest_copy_lets_the_older_one_be_listed(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    (folder / "chesterfield.docx.corrections.toml").write_text("publish = false\n", "utf-8")
    r = run_cli("inbox", "-o", "out/", "--review", "-f", "md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    index = (tmp_path / "out" / "index.md").read_text("utf-8")
    assert "chesterfield--pdf.md" in index and "(chesterfield.md)" not in index
    review = (tmp_path / "out" / "review.html").read_text("utf-8")
    assert "publish = false" in review and 'href="review/chesterfield.html"' in review
    assert (
        (tmp_path / "out" / "review" / "chesterfield.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    )


def _signature_as_manifests_kept_it(text: str) -> str:
    """The signature as issue 17 first made it: each run's 64-bit blake2b hash as a number, the K
    smallest, each back to 8 bytes, in base64; one run for a text shorter than a run."""
    import base64
    import hashlib

    from wres_convert.run.duplicates import RUN, K
    from wres_convert.text.normalise import normalise

    words = normalise(text).split()
    runs = {" ".join(words[i : i + RUN]) for i in range(max(1, len(words) - RUN + 1))}
    hashes = sorted(int.from_bytes(hashlib.blake2b(r.encode(), digest_size=8).digest(), "big") for r in runs)
    return base64.b64encode(b"".join(h.to_bytes(8, "big") for h in hashes[:K])).decode("ascii")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "WRES", "staff", "‘BME’", "–", "networks", "2019"]), max_size=90))
def test_a_signature_is_the_same_however_it_is_made(words: list[str]) -> None:
    """Short texts (none, or fewer words than a run), repeated runs and more runs than K: the same
    signature as the first way of making it, so a new run compares with an old manifest."""
    from types import SimpleNamespace

    from wres_convert.model import Paragraph, text_inlines
    from wres_convert.run.duplicates import signature

    text = " ".join(words)
    cs = SimpleNamespace(sections=[SimpleNamespace(blocks=[Paragraph(text_inlines(text))])])
    assert signature(cs) == _signature_as_manifests_kept_it(text)  # type: ignore[arg-type]
