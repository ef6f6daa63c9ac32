"""Issue 11, resources: hostile inputs are stopped with one line each, never a hang, a traceback or
the machine's whole memory. The inputs are built here, small on disk, rather than committed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from helpers import FONT, PAGE, SAMPLES, pdf, run_cli, stream
from wres_convert.errors import EXIT_UNREADABLE, ConversionError
from wres_convert.run.convert import MAX_PAGES, convert_bytes, read_input, render


def text_ops(lines: list[str], tf: bytes = b"/F1 12 Tf", extra: bytes = b"") -> bytes:
    ops = b"BT " + tf + b" " + extra + b" 72 720 Td 16 TL\n"
    return ops + b"".join(b"(" + line.encode() + b") Tj T*\n" for line in lines) + b"ET"


def one_page_listed(times: int) -> bytes:
    """One page object that the page tree lists ``times`` times: 600 KB for 100,000 pages."""
    kids = b" ".join([b"3 0 R"] * times)
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % times,
            PAGE % (5, 4),
            stream(text_ops(["Organisation name: Repeat NHS Trust", "The same page again."])),
            FONT,
        ]
    )


def many_pages(count: int) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    kids = []
    for i in range(count):
        kids.append(b"%d 0 R" % (len(objects) + 1))
        objects.append(PAGE % (3, len(objects) + 2))
        objects.append(stream(text_ops([f"Page {i + 1} of the return"])))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % count
    return pdf(objects)


def template_pdf(tf: bytes, extra: bytes = b"") -> bytes:
    """The template's questions and answers, drawn in a font whose size is ``tf``."""
    lines = [
        "Organisation name: Zero Size NHS Trust",
        "What are your organisation's WRES objectives?",
        "To close the gap in shortlisting.",
        "Please describe your WRES initiative, its aims and any outcomes so far.",
        "Reverse mentoring for the board.",
    ]
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE % (5, 4),
            stream(text_ops(lines, tf, extra)),
            FONT,
        ]
    )


def huge_document_xml(path: Path, megabytes: int) -> None:
    """The sample return with ``megabytes`` of extra paragraphs in document.xml, written as a
    stream: each paragraph numbered, so it deflates about 20:1, well inside the zip-bomb ratio."""
    src = zipfile.ZipFile(SAMPLES / "chesterfield.docx")
    doc = src.read("word/document.xml")
    cut = doc.index(b"</w:p>", doc.index(b"Please describe your WRES initiative")) + len(b"</w:p>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(doc[:cut])
            n = written = 0
            while written < megabytes * 1024 * 1024:
                chunk = b"".join(
                    b"<w:p><w:r><w:t>Line %d of the answer</w:t></w:r></w:p>" % k for k in range(n, n + 10000)
                )
                fh.write(chunk)
                n, written = n + 10000, written + len(chunk)
            fh.write(doc[cut:])


def one_error_line(r: subprocess.CompletedProcess[bytes], name: str) -> str:
    err = r.stderr.decode()
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [line for line in err.splitlines() if line.startswith(f"{name}: ")]
    assert len(lines) == 1, err
    return lines[0]


# ----------------------------------------------------------------------------- memory
def test_a_docx_whose_document_xml_unpacks_huge_is_stopped_by_the_memory_cap(tmp_path: Path) -> None:
    """Before: a 25 MB DOCX with a 190 MB document.xml grew to 3.7 GB until the 90 s limit. Here a
    40 MB one under a 300 MB cap: stopped in seconds, one line, exit 3, and the next file converts."""
    huge_document_xml(tmp_path / "huge.docx", 40)
    assert (tmp_path / "huge.docx").stat().st_size < 5 * 1024 * 1024
    shutil.copy(SAMPLES / "chesterfield.txt", tmp_path / "chesterfield.txt")
    started = time.monotonic()
    r = run_cli("huge.docx", "--max-memory", "300", "-f", "json", "-o", "-", "-q", cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert r.returncode == EXIT_UNREADABLE
    line = one_error_line(r, "huge.docx")
    assert "needed more than 300 MB of memory and was stopped" in line and "--max-memory" in line

    r = run_cli("huge.docx", "chesterfield.txt", "--max-memory", "300", "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 5  # one failed, the other converted
    assert b"Chesterfield Royal" in r.stdout


def test_a_docx_reader_out_of_memory_in_libxml2_is_memory_not_damage(tmp_path: Path) -> None:
    """libxml2 reports a failed allocation as a syntax error: the file is too big, not damaged."""
    from wres_convert.run.isolate import run_all

    huge_document_xml(tmp_path / "huge.docx", 40)
    data = (tmp_path / "huge.docx").read_bytes()

    def job() -> int:
        return len(convert_bytes(data, "huge.docx").sections)

    [outcome] = run_all([job], workers=1, timeout=60, memory=300 * 1024 * 1024)
    assert isinstance(outcome.error, ConversionError) and outcome.error.code == "too-much-memory"


# ----------------------------------------------------------------------------- pages
def test_a_pdf_listing_one_page_100000_times_is_refused_before_any_page_is_read(tmp_path: Path) -> None:
    """Before: 600 KB grew to 2 GB and ran into the 90 s limit."""
    data = one_page_listed(100_000)
    assert len(data) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        convert_bytes(data, "repeat.pdf", max_pages=MAX_PAGES)
    assert time.monotonic() - started < 5
    assert info.value.code == "too-many-pages"
    assert info.value.message == f"the PDF has 100000 pages, over the limit of {MAX_PAGES}"
    assert info.value.hint == "raise the limit with --max-pages"
    assert info.value.exit_code == EXIT_UNREADABLE


def test_the_page_limit_is_the_callers_choice() -> None:
    data = many_pages(12)
    with pytest.raises(ConversionError) as info:
        convert_bytes(data, "long.pdf", max_pages=10)
    assert info.value.message == "the PDF has 12 pages, over the limit of 10"
    for limit in (12, None):  # at the limit, and no limit at all
        with pytest.raises(ConversionError) as info:
            convert_bytes(data, "long.pdf", max_pages=limit)
        assert info.value.code == "not-a-submission"  # read through: no template questions in it


def test_the_cli_refuses_a_pdf_over_the_page_limit_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "repeat.pdf").write_bytes(one_page_listed(100_000))
    started = time.monotonic()
    r = run_cli("repeat.pdf", "-f", "json", "-o", "-", "--timeout", "10", cwd=tmp_path)
    assert time.monotonic() - started < 20
    assert r.returncode == EXIT_UNREADABLE
    assert "the PDF has 100000 pages, over the limit of" in one_error_line(r, "repeat.pdf")
    r = run_cli("repeat.pdf", "--max-pages", "99", "-f", "json", "-o", "-", cwd=tmp_path)
    assert "over the limit of 99; raise the limit with --max-pages" in one_error_line(r, "repeat.pdf")


# ----------------------------------------------------------------------------- font size 0
@pytest.mark.parametrize(
    ("tf", "extra"),
    [(b"/F1 0 Tf", b"5 Tc"), (b"/F1 0.01 Tf", b"1200 0 0 1200 0 0 Tm"), (b"/F1 0.04 Tf", b"")],
    ids=["zero-with-spacing", "tiny-scaled-by-the-matrix", "tiny"],
)
def test_a_pdf_font_size_of_zero_converts_or_fails_with_one_line(tf: bytes, extra: bytes) -> None:
    """Two real PDFs ended in "internal error (ZeroDivisionError)": PDFium gives size 0."""
    from wres_convert.readers import pdf as pdf_reader

    data = template_pdf(tf, extra)
    try:
        doc = pdf_reader.read(data)
    except ConversionError:
        return  # refused with a reason is fine; a crash is not
    assert all(b.text for b in doc.blocks)
    try:
        cs = convert_bytes(data, "zero.pdf")
    except ConversionError:
        return
    for fmt in ("html", "md", "json"):
        render(cs, fmt)


def test_a_font_size_set_by_the_text_matrix_is_read_as_the_size_the_page_shows() -> None:
    """ "0.01 Tf" drawn 1200 times larger is 12 pt text, not 0 pt and not letter-spaced."""
    from wres_convert.readers import pdf as pdf_reader

    doc = pdf_reader.read(template_pdf(b"/F1 0.01 Tf", b"1200 0 0 1200 72 720 Tm"))
    text = "\n".join(b.text for b in doc.blocks)
    assert "Organisation name: Zero Size NHS Trust" in text


def test_the_cli_never_reports_an_internal_error_for_font_size_zero(tmp_path: Path) -> None:
    (tmp_path / "zero.pdf").write_bytes(template_pdf(b"/F1 0 Tf", b"5 Tc"))
    r = run_cli("zero.pdf", "-f", "json", "-o", "-", cwd=tmp_path)
    err = r.stderr.decode()
    assert "internal error" not in err and "Traceback" not in err
    assert r.returncode in (0, 1, 3, 4)


def test_text_drawn_at_size_zero_is_called_invisible_never_a_scan(tmp_path: Path) -> None:
    """ "/F1 0 Tf" with an identity text matrix draws nothing, and PDFium's text layer leaves it
    out; the PDF was refused as "a scan" to run OCR on. It has text objects: it is not a scan."""
    (tmp_path / "zero.pdf").write_bytes(template_pdf(b"/F1 0 Tf"))
    r = run_cli("zero.pdf", "-f", "html", "-o", "-", cwd=tmp_path)
    line = one_error_line(r, "zero.pdf")
    assert r.returncode == EXIT_UNREADABLE
    assert "drawn at size 0, so it is invisible" in line
    assert "scan" not in line and "OCR" not in line


@pytest.mark.parametrize("extra", [b"", b"5 Tc"], ids=["no-spacing", "spread-by-character-spacing"])
def test_invisible_text_beside_visible_text_is_left_out_with_a_warning(extra: bytes) -> None:
    """Like hidden text in Word: what the page never shows is never published."""
    from wres_convert.readers import pdf as pdf_reader

    ops = text_ops(["Organisation name: Visible NHS Trust", "Shown on the page."])
    ops += b"\nBT /F1 0 Tf " + extra + b" 72 600 Td (Secret zero size words) Tj ET"
    data = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE % (5, 4),
            stream(ops),
            FONT,
        ]
    )
    doc = pdf_reader.read(data)
    text = "\n".join(b.text for b in doc.blocks)
    assert "Visible NHS Trust" in text and "Shown on the page." in text
    assert "Secret" not in text and "S e c r e t" not in text
    assert [w.code for w in doc.warnings] == ["pdf-invisible-text"]


def test_a_pdf_with_no_text_objects_at_all_is_still_called_a_scan() -> None:
    from wres_convert.readers import pdf as pdf_reader

    data = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE % (5, 4),
            stream(b"0 0 m 100 100 l S"),
            FONT,
        ]
    )
    with pytest.raises(ConversionError) as caught:
        pdf_reader.read(data)
    assert caught.value.code == "scanned-pdf"


# ----------------------------------------------------------------------------- not a file
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_with_no_writer_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "return.docx"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        read_input(fifo)
    assert time.monotonic() - started < 2
    assert info.value.code == "not-a-file"
    assert info.value.message == "this is a named pipe (FIFO), not a regular file"
    assert info.value.exit_code == EXIT_UNREADABLE


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(ConversionError) as info:
        read_input(Path("/dev/zero"))
    assert info.value.code == "not-a-file" and "a device" in info.value.message


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(ConversionError) as info:
            read_input(path)
    assert info.value.code == "not-a-file" and "a socket" in info.value.message


def test_a_regular_file_and_a_link_to_one_still_read(tmp_path: Path) -> None:
    target = tmp_path / "chesterfield.txt"
    shutil.copy(SAMPLES / "chesterfield.txt", target)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_input(link) == read_input(target) == target.read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_the_cli_refuses_a_named_pipe_within_its_time_limit(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "return.txt")
    try:
        r = subprocess.run(
            [sys.executable, "-m", "wres_convert", "return.txt", "-f", "json", "-o", "-"],
            cwd=tmp_path,
            capture_output=True,
            timeout=15,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the CLI waited on a named pipe with no writer")
    assert r.returncode == EXIT_UNREADABLE
    assert "named pipe" in one_error_line(r, "return.txt")


def test_a_size_limit_above_the_memory_cap_never_reserves_the_whole_limit() -> None:
    """--max-size 1024 under a 400 MB cap: the read must take what the file holds, not the limit."""
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))\n"
        "from wres_convert.run.convert import read_input\n"
        f"print(len(read_input(Path({str(SAMPLES / 'chesterfield.docx')!r}), 1024 << 20)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) == (SAMPLES / "chesterfield.docx").stat().st_size
