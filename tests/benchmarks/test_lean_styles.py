"""The benchmark's lean DOCX inputs (benchmarks/lean_styles.py): the sample with only the styles it
uses and no stylesWithEffects.xml must read as the sample does, in python-docx, mammoth and
wres-convert, or the lean rows would time a different document."""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from pathlib import Path

import pytest

from helpers import REPO, SAMPLES, run_cli

SAMPLE = SAMPLES / "chesterfield.docx"


def _load_lean_styles():
    # By path: putting benchmarks/ on sys.path would shadow the standard library's `profile`.
    spec = importlib.util.spec_from_file_location("lean_styles", REPO / "benchmarks" / "lean_styles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lean_styles = _load_lean_styles()


def _parts(path: Path) -> tuple[dict[str, bytes], list[str]]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}, z.namelist()


@pytest.fixture(scope="module")
def lean_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parts, names = lean_styles.lean(*_parts(SAMPLE))
    path = tmp_path_factory.mktemp("lean") / "chesterfield.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(name, parts[name])
    return path


def _style_ids(styles: bytes) -> set[str]:
    return set(re.findall(rb'w:styleId="([^"]+)"', styles))


def test_keeps_what_is_used_and_drops_the_rest(lean_docx: Path) -> None:
    fat, fat_names = _parts(SAMPLE)
    lean, lean_names = _parts(lean_docx)
    assert set(fat_names) - set(lean_names) == {"word/stylesWithEffects.xml"}
    assert b"stylesWithEffects" not in lean["word/_rels/document.xml.rels"]
    assert b"stylesWithEffects" not in lean["[Content_Types].xml"]
    changed = {n for n in lean_names if lean[n] != fat[n]}
    assert changed == {"word/styles.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert len(fat["word/styles.xml"]) > 300_000
    assert len(lean["word/styles.xml"]) < 25_000
    kept = _style_ids(lean["word/styles.xml"])
    # used by the document and its numbering, the defaults, and the linked character styles
    assert {b"Title", b"Heading1", b"ListBullet", b"ListNumber3", b"ListParagraph"} <= kept
    assert {b"Normal", b"DefaultParagraphFont", b"TableNormal", b"NoList", b"Heading1Char"} <= kept
    assert b"Heading2" not in kept and b"Quote" not in kept
    for tag in (b"<w:docDefaults>", b"<w:latentStyles "):
        assert tag in lean["word/styles.xml"]
    # every style a kept one is based on, linked to or followed by is kept too
    named = re.findall(rb'<w:(?:basedOn|link|next) w:val="([^"]+)"', lean["word/styles.xml"])
    assert set(named) <= kept


def test_python_docx_reads_the_same_paragraphs(lean_docx: Path) -> None:
    import docx  # python-docx, a test dependency

    def paras(path: Path) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]

    assert paras(lean_docx) == paras(SAMPLE)


def test_mammoth_writes_the_same_html(lean_docx: Path) -> None:
    import mammoth  # a test dependency: the benchmark's peer reads the lean file as the sample

    with SAMPLE.open("rb") as f:
        fat = mammoth.convert_to_html(f)
    with lean_docx.open("rb") as f:
        lean = mammoth.convert_to_html(f)
    assert lean.value == fat.value
    assert lean.messages == fat.messages


def test_wres_convert_finds_the_same_sections(lean_docx: Path) -> None:
    def sections(path: Path) -> list[dict[str, object]]:
        done = run_cli(str(path), "-f", "json", "-o", "-")
        assert done.returncode == 0, done.stderr.decode()
        return json.loads(done.stdout)["sections"]

    assert sections(lean_docx) == sections(SAMPLE)
