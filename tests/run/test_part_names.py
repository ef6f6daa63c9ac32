"""Pages of the returns attached to a message: MESSAGE--ATTACHMENT, one-to-one, never meeting a
file's own page name."""

from __future__ import annotations

from pathlib import PurePosixPath

from wres_convert.run.names import page_name, part_page_name


def test_each_attachment_is_named_after_its_message_and_itself() -> None:
    rel = PurePosixPath("north/inbox.eml")
    names = ["return.docx", "Return (v2).pdf", "return.docx"]
    got = [part_page_name(rel, names, i, ".html").as_posix() for i in range(3)]
    assert got[0] == "north/inbox--eml--return--1.html"  # two attachments named alike: positions
    assert got[1].startswith("north/inbox--eml--return-v2--") and got[1].endswith(".html")
    assert got[2] == "north/inbox--eml--return--3.html"
    assert len(set(got)) == 3


def test_no_attachment_page_meets_a_files_page() -> None:
    files = ["x.docx", "x.pdf", "x--a.pdf", "x.a", "x.eml", "x--eml.docx"]
    pages = {page_name(PurePosixPath(f), ".html").as_posix() for f in files}
    parts = {
        part_page_name(PurePosixPath(m), [a], 0, ".html").as_posix()
        for m in ("x.eml", "x.docx", "x.a", "x.msg")
        for a in ("a.pdf", "pdf.docx", "eml.docx", "A b.docx")
    }
    assert not pages & parts
    assert len(parts) == 16


def test_a_name_with_slashes_stays_one_path_part() -> None:
    got = part_page_name(PurePosixPath("m.eml"), ["../../etc/passwd.docx"], 0, ".html")
    assert got.parent == PurePosixPath(".") and ".." not in got.name


def test_names_that_only_look_alike_never_share_a_page() -> None:
    names = ["a.docx", "a.docx", "a-2.docx", "a--2.docx", "A.docx", "a-1.docx"]
    got = [part_page_name(PurePosixPath("m.eml"), names, i, ".html").as_posix() for i in range(len(names))]
    assert len(set(got)) == len(got)


def test_a_very_long_attachment_name_gives_a_short_page_name() -> None:
    got = part_page_name(PurePosixPath("m.eml"), ["x" * 300 + ".docx"], 0, ".html")
    assert len(got.name.encode()) < 200
