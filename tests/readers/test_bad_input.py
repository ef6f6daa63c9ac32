"""Bad, hostile and misnamed input: one plain line on standard error naming the file and what to do,
the documented exit code, never a traceback, never a partial page. The fixtures are real files made
by the tools that make them in the wild (tests/fixtures/make_bad_fixtures.py)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from helpers import REPO, SAMPLES, run_cli
from wres_convert.errors import ConversionError
from wres_convert.readers.sniff import detect_kind
from wres_convert.run.convert import read_input

BAD = REPO / "tests" / "fixtures" / "bad"
CHESTERFIELD = "Chesterfield Royal NHS Foundation Trust"

# fixture, exit code, words the one line must hold (what is wrong and what to do)
REFUSED = [
    ("empty.txt", 3, ["empty"]),
    ("truncated.docx", 3, ["damaged", "save it again"]),
    ("corrupt.docx", 3, ["damaged", "save it again"]),
    ("encrypted.docx", 3, ["password-protected", "remove the password"]),
    ("encrypted.pdf", 3, ["password-protected", "remove the password"]),
    ("scanned.pdf", 3, ["no text layer", "OCR", "ocrmypdf"]),
    ("image.jpg", 3, ["image (JPEG)", "not a returned template", ".docx"]),
    ("image.png", 3, ["image (PNG)", "not a returned template", ".docx"]),
    ("random.bin", 3, ["not a Word, PDF or text file", ".docx"]),
    ("zipbomb.docx", 3, ["zip bomb", "save it again"]),
    ("xxe.docx", 3, ["entity", "refused for safety"]),
    ("billion-laughs.docx", 3, ["entity", "refused for safety"]),
    ("not-a-submission.docx", 4, ["no questions", "template"]),
    ("not-a-submission.pdf", 4, ["no questions", "template"]),
    ("not-a-submission.txt", 4, ["no questions", "template"]),
]
LEGACY = [("legacy.doc", ".doc"), ("legacy.rtf", ".rtf"), ("legacy.odt", ".odt")]
MISNAMED = [("pdf-named.docx", "pdf"), ("docx-named.txt", "docx"), ("text-named.pdf", "text")]


def one_error_line(r: object, name: str) -> str:
    """The single stderr line of a refused file, after checking the promises every refusal keeps."""
    out, err = r.stdout.decode(), r.stderr.decode()  # type: ignore[attr-defined]
    assert "Traceback" not in out + err
    assert out == "", "nothing may reach standard output for a refused file"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{name}: "), lines[0]
    return lines[0]


def copy_in(tmp_path: Path, name: str, source: Path = BAD) -> Path:
    shutil.copy(source / name, tmp_path / name)
    return tmp_path / name


@pytest.mark.parametrize(("name", "code", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_one_line_naming_file_and_fix(
    tmp_path: Path, name: str, code: int, words: list[str]
) -> None:
    copy_in(tmp_path, name)
    r = run_cli(name, "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == code, r.stderr
    line = one_error_line(r, name)
    for word in words:
        assert word in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "a refused file leaves no output behind"


def need_soffice() -> None:
    """LibreOffice runs the conversion tests; CI installs it, so there a missing one is a failure."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) is missing: install the Debian package libreoffice-writer-nogui"
            )
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.mark.parametrize(("name", "suffix"), LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_files_convert_with_libreoffice_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, suffix: str
) -> None:
    need_soffice()
    monkeypatch.delenv("WRES_CONVERT_NO_SOFFICE", raising=False)
    copy_in(tmp_path, name)
    r = run_cli(name, "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["organisation"] == CHESTERFIELD
    assert [i["number"] for i in doc["indicators"]] == [8]
    assert doc["source"]["file"] == name
    assert {
        "code": "converted-with-libreoffice",
        "message": f"converted from {suffix} with LibreOffice: check the result",
    } in doc["warnings"]
    assert f"{name}: warning: converted from {suffix} with LibreOffice" in r.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "LibreOffice's work files stay out of sight"


@pytest.mark.parametrize(("name", "suffix"), LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_files_without_libreoffice_say_how_to_convert_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, suffix: str
) -> None:
    copy_in(tmp_path, name)
    monkeypatch.setenv("WRES_CONVERT_NO_SOFFICE", "1")
    r = run_cli(name, "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 3
    line = one_error_line(r, name)
    assert suffix in line and "save it as .docx" in line
    assert "install LibreOffice" not in line  # switched off on purpose: no advice to install it

    monkeypatch.delenv("WRES_CONVERT_NO_SOFFICE")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # LibreOffice absent
    r = run_cli(name, "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 3
    line = one_error_line(r, name)
    assert suffix in line and "save it as .docx" in line and "install LibreOffice" in line


@pytest.mark.parametrize(("name", "fmt"), MISNAMED, ids=[c[0] for c in MISNAMED])
def test_misnamed_file_converts_by_its_content(tmp_path: Path, name: str, fmt: str) -> None:
    copy_in(tmp_path, name)
    r = run_cli(name, "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["organisation"] == CHESTERFIELD
    assert doc["source"]["format"] == fmt


def test_batch_keeps_going_past_a_bad_file(tmp_path: Path) -> None:
    for name in ("chesterfield.docx", "chesterfield.txt"):
        copy_in(tmp_path, name, SAMPLES)
    copy_in(tmp_path, "encrypted.docx")
    r = run_cli(
        "chesterfield.docx", "encrypted.docx", "chesterfield.txt", "-f", "json", "-o", "-", cwd=tmp_path
    )
    assert r.returncode == 5
    objs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [o["organisation"] for o in objs if "error" not in o] == [CHESTERFIELD, CHESTERFIELD]
    assert [o["error"]["code"] for o in objs if "error" in o] == ["encrypted-docx"]
    err = r.stderr.decode()
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("encrypted.docx: ")] == [
        "encrypted.docx: error: the Word document is password-protected; "
        "remove the password (File > Info > Protect Document) and save it again"
    ]


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (lambda d: None, 3, "no such file"),
        (lambda d: (d / "sub.docx").mkdir(), 3, "folder"),
    ],
    ids=["missing", "folder"],
)
def test_paths_that_are_not_files(tmp_path: Path, make: object, code: int, words: str) -> None:
    make(tmp_path)  # type: ignore[operator]
    r = run_cli("sub.docx", "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == code
    assert words in one_error_line(r, "sub.docx")


def test_unreadable_file(tmp_path: Path) -> None:
    """As root every file is readable, so the CLI then runs as the unprivileged user "nobody"."""
    # A folder everyone may enter (pytest's own are private), so only the file itself is shut.
    folder = Path(tempfile.mkdtemp(prefix="wres-unreadable-"))
    folder.chmod(0o755)
    path = copy_in(folder, "chesterfield.txt", SAMPLES)
    path.chmod(0)
    as_nobody: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        as_nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    try:
        r = subprocess.run(
            [*as_nobody, sys.executable, "-m", "wres_convert", "chesterfield.txt", "-f", "json", "-o", "-"],
            cwd=folder,
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        shutil.rmtree(folder)
    assert r.returncode == 3
    assert "permission denied" in one_error_line(r, "chesterfield.txt")


# ----------------------------------------------------------------------------- limits, in process
def test_size_limit_is_configurable_and_reads_no_further(tmp_path: Path) -> None:
    path = copy_in(tmp_path, "chesterfield.txt", SAMPLES)
    assert read_input(path, max_bytes=10_000) == path.read_bytes()
    with pytest.raises(ConversionError) as info:
        read_input(path, max_bytes=1000)
    assert info.value.code == "too-large" and "size limit" in info.value.message
    assert "--max-size" in info.value.hint
    if Path("/dev/zero").exists():  # endless input: refused after max_bytes + 1, not read forever
        with pytest.raises(ConversionError):
            read_input(Path("/dev/zero"), max_bytes=1024)


def test_convert_file_takes_the_limit(tmp_path: Path) -> None:
    from wres_convert.run.convert import convert_file

    path = copy_in(tmp_path, "chesterfield.txt", SAMPLES)
    with pytest.raises(ConversionError) as info:
        convert_file(path, max_bytes=100)
    assert info.value.code == "too-large"
    assert convert_file(path, max_bytes=1_000_000).organisation == CHESTERFIELD


def _docx_with(part: str, body: bytes) -> bytes:
    src = zipfile.ZipFile(SAMPLES / "chesterfield.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, body if info.filename == part else src.read(info))
    return out.getvalue()


def test_total_unpacked_size_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    from wres_convert.readers import docx
    from wres_convert.readers.docx import package as docx_package

    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(ConversionError) as info:
        docx.read((SAMPLES / "chesterfield.docx").read_bytes())
    assert info.value.code == "too-large"


def test_xml_parser_never_reads_files_or_expands_entities() -> None:
    """Even past the DOCTYPE refusal, the parser itself neither reads a local file nor expands."""
    from lxml import etree

    from wres_convert.readers.docx.package import _parser

    for name in ("xxe.docx", "billion-laughs.docx"):
        xml = zipfile.ZipFile(BAD / name).read("word/document.xml")
        try:
            text = etree.tostring(etree.fromstring(xml, _parser()))
        except etree.XMLSyntaxError:
            continue  # libxml2 refused the entity bomb outright: also fine
        assert b"root:" not in text
        assert text.count(b"lol") < 1000


def test_doctype_in_utf16_is_refused_too() -> None:
    from wres_convert.readers import docx

    xml = zipfile.ZipFile(BAD / "xxe.docx").read("word/document.xml").decode("utf-8")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1).encode("utf-16")
    with pytest.raises(ConversionError) as info:
        docx.read(_docx_with("word/document.xml", xml))
    assert info.value.code == "unsafe-docx"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE w:document PUBLIC "-//x//y" "http://example.org/x.dtd">',
        '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    ],
    ids=["external-subset", "public-id", "parameter-entity"],
)
def test_dtds_naming_files_or_urls_are_refused(doctype: str) -> None:
    from wres_convert.readers import docx

    xml = zipfile.ZipFile(SAMPLES / "chesterfield.docx").read("word/document.xml")
    head, sep, rest = xml.partition(b"?>")
    with pytest.raises(ConversionError) as info:
        docx.read(_docx_with("word/document.xml", head + sep + doctype.encode() + rest))
    assert info.value.code == "unsafe-docx"


@pytest.mark.parametrize(
    ("head", "words"),
    [
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00", "GIF"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(40), "WebP"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(40), "Windows program"),
    ],
)
def test_other_attachments_are_named(head: bytes, words: str) -> None:
    with pytest.raises(ConversionError) as info:
        detect_kind(head)
    assert words in info.value.message


def test_text_starting_with_magic_letters_is_still_text() -> None:
    assert detect_kind(b"MZ Healthcare returned the template below.\n") == "text"
    assert detect_kind(b"GIF89a is an image format, but this line is text.\n") == "text"


def test_zip_kinds() -> None:
    def package(*names: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name in names:
                z.writestr(name, "x")
        return out.getvalue()

    for names, words in [
        (("xl/workbook.xml",), "Excel"),
        (("ppt/presentation.xml",), "PowerPoint"),
        (("a.txt",), "zip"),
    ]:
        with pytest.raises(ConversionError) as info:
            detect_kind(package("[Content_Types].xml", *names))
        assert words in info.value.message
    assert detect_kind((BAD / "legacy.odt").read_bytes()) == "odt"
    assert detect_kind((BAD / "legacy.doc").read_bytes()) == "doc"
    assert detect_kind((BAD / "legacy.rtf").read_bytes()) == "rtf"


def _fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A stand-in ``soffice`` first on PATH, to drive LibreOffice's failure paths."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("WRES_CONVERT_NO_SOFFICE", raising=False)


def test_libreoffice_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from wres_convert.readers import legacy

    _fake_soffice(tmp_path, monkeypatch, "sleep 30")
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        legacy.to_docx((BAD / "legacy.doc").read_bytes(), "doc")
    assert time.monotonic() - started < 10
    assert info.value.code == "legacy-doc"
    assert "LibreOffice could not convert it (it took more than 1 s)" in info.value.message


def test_libreoffice_that_makes_nothing_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wres_convert.readers import legacy

    _fake_soffice(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(ConversionError) as info:
        legacy.to_docx((BAD / "legacy.rtf").read_bytes(), "rtf")
    assert info.value.code == "legacy-rtf"
    assert "it made no .docx" in info.value.message and "save it as .docx" in info.value.hint


def test_a_zip_whose_small_members_are_damaged_is_refused_in_one_line(tmp_path: Path) -> None:
    """A zip without word/document.xml is told apart by its small members ("mimetype",
    "[Content_Types].xml"): damaged deflate data there is a plain refusal, not an internal error."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types>" + b"wordprocessingml " * 200 + b"</Types>")
    data = bytearray(buf.getvalue())
    start = data.index(b"[Content_Types].xml") + len("[Content_Types].xml")  # the local entry's data
    data[start + 10 : start + 40] = b"\xff" * 30
    with pytest.raises(ConversionError) as refused:
        detect_kind(bytes(data))
    assert refused.value.code == "not-docx"
    (tmp_path / "odd.docx").write_bytes(bytes(data))
    r = run_cli("odd.docx", "-o", "odd.html", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 3 and "Traceback" not in err and "internal" not in err.lower(), err
    assert err.strip().splitlines() == [
        "odd.docx: error: this zip archive is not a Word document; send the .docx file itself"
    ]
