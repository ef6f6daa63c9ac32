"""The real Chesterfield return as the web pages trusts send: LibreOffice's own HTML export of the
DOCX, Google Docs' export, Word's "Web Page, Filtered" (windows-1252) and an HTML page saved under a
.txt name. Each gives the DOCX's sections (the published ones), organisation and indicators, and is
read as HTML; each producer's habits (Word's typed list markers, Google's bold classes and redirect
links, its flat nested lists and tables) come out as the structure they stand for. A page
wres-convert wrote itself is refused, and skipped in an inbox. (Fixtures:
fixtures/make_web_fixtures.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import FIXTURES, SAMPLES, expected_sections, run_cli
from helpers.returns import fixture_builder
from wres_convert.model import Heading, ListItem, Paragraph, Table, leaves
from wres_convert.readers import read_document
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

WEB = FIXTURES / "web"
PAGES = {
    "libreoffice": WEB / "chesterfield-libreoffice.html",
    "gdocs": WEB / "chesterfield-gdocs.html",
    "word-filtered": WEB / "chesterfield-word-filtered.htm",
    "html-as-txt": WEB / "chesterfield-html-as.txt",
}
DOCX = SAMPLES / "chesterfield.docx"

script = fixture_builder("make_web_fixtures")


def sections(cs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}


def convert(path: Path):  # type: ignore[no-untyped-def]
    return convert_bytes(path.read_bytes(), path.name)


def read(path: Path):  # type: ignore[no-untyped-def]
    return read_document(path.read_bytes(), path.name)


# ----------------------------------------------------------------------------- the fixtures


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = script.fixtures(libreoffice=False)
    for name, data in built.items():
        assert (WEB / name).read_bytes() == data, f"{name} is stale: run make_web_fixtures.py"
    assert sorted(p.name for p in WEB.iterdir()) == sorted(PAGES[k].name for k in PAGES)
    # HTML under a .txt name: the LibreOffice page's own bytes.
    assert PAGES["html-as-txt"].read_bytes() == PAGES["libreoffice"].read_bytes()


def test_the_libreoffice_page_is_libreoffices_export() -> None:
    """Rebuilt where the LibreOffice that made it is installed (3 s): the same bytes."""
    if not script.soffice_version().startswith(script.LIBREOFFICE):
        pytest.skip(f"{script.LIBREOFFICE} is not installed")
    assert script.libreoffice_page() == PAGES["libreoffice"].read_bytes()


def test_each_fixture_is_in_its_producers_form() -> None:
    lo = PAGES["libreoffice"].read_bytes()
    assert b'<meta name="generator" content="LibreOffice"/>' in lo and b"<li><p" in lo
    gdocs = PAGES["gdocs"].read_text("utf-8")
    assert "<b>" not in gdocs and ".c1{color:#000000;font-weight:700" in gdocs
    assert '<p class="c10 title"' in gdocs and 'class="c4 lst-kix_list_1-0 start"' in gdocs
    assert (
        "https://www.google.com/url?q=mailto:ian.siara@nhs.net&amp;sa=D&amp;source=editors&amp;ust=" in gdocs
    )
    word = PAGES["word-filtered"].read_bytes()
    assert b'<meta http-equiv=Content-Type content="text/html; charset=windows-1252">' in word
    assert b"\x96" in word and "–".encode() not in word  # an en dash, as one windows-1252 byte
    assert b"<div class=WordSection1>" in word and b"<p class=MsoNormal>&nbsp;</p>" in word
    for cls in (b"CxSpFirst", b"CxSpMiddle", b"CxSpLast"):
        assert b"<p class=MsoListParagraph" + cls in word
    assert re.search(rb"<span\s+style='font-family:Symbol'>\xb7<span\s+style='font:7.0pt", word)


# ----------------------------------------------------------------------------- the same return


@pytest.fixture(scope="module")
def docx():  # type: ignore[no-untyped-def]
    return convert(DOCX)


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_gives_the_published_sections(page: str) -> None:
    got, want = sections(convert(PAGES[page])), expected_sections()
    assert list(got) == list(want)
    for sid, md in want.items():
        assert got[sid] == md, f"{page}: section {sid} differs"


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_is_the_docx_organisation_and_indicators_read_as_html(docx, page: str) -> None:  # type: ignore[no-untyped-def]
    cs = convert(PAGES[page])
    assert cs.source.format == "html"
    assert cs.organisation == docx.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert [(i.number, i.question) for i in cs.indicators] == [
        (i.number, i.question) for i in docx.indicators
    ]
    assert [i.number for i in cs.indicators] == [8]
    assert sections(cs) == sections(docx)


def test_a_page_is_html_whatever_its_name_says() -> None:
    r = run_cli(str(PAGES["html-as-txt"]), "--format", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["source"] == {**out["source"], "file": "chesterfield-html-as.txt", "format": "html"}
    assert {s["id"]: s["markdown"] for s in out["sections"]} == expected_sections()


# ----------------------------------------------------------------------------- producers' habits


def items(blocks) -> list[tuple[str, int, bool]]:  # type: ignore[no-untyped-def]
    return [(b.text, b.level, b.ordered) for b in leaves(tuple(blocks)) if isinstance(b, ListItem)]


def test_word_pseudo_lists_are_list_items_without_their_typed_markers() -> None:
    page, docx = read(PAGES["word-filtered"]), read(DOCX)
    assert len(items(page.blocks)) == 19
    assert items(page.blocks) == items(docx.blocks)
    for block in leaves(page.blocks):
        text = block.text
        assert "·" not in text and "\xa0" not in text, text
        assert not re.match(r"\s*(?:o|\d+\.)\s", text), text
    # Only list items come from the list paragraphs: no paragraph is left holding a marker.
    words = [b.text for b in page.blocks if isinstance(b, Paragraph)]
    assert words == [b.text for b in docx.blocks if isinstance(b, Paragraph)]


def test_a_second_level_in_word_is_an_o_in_courier_new_at_72pt() -> None:
    P = script.Para
    paras = [
        P("p", (("What learning could other organisations take from your example above?", True),)),
        P("bullet", (("Listen to staff networks", False),)),
        P("bullet", (("our BME network first", False),), level=1),
        P("bullet", (("our allies next", False),), level=1),
        P("bullet", (("Report to the board", False),)),
        P("number", (("Plan", False),)),
        P("number", (("Do", False),)),
    ]
    page = script.word_filtered_page(paras)
    assert "margin-left:72.0pt" in page and 'font-family:"Courier New"\'>o<span' in page
    doc = read_document(page.encode("windows-1252"), "page.htm")
    assert items(doc.blocks) == [
        ("Listen to staff networks", 0, False),
        ("our BME network first", 1, False),
        ("our allies next", 1, False),
        ("Report to the board", 0, False),
        ("Plan", 0, True),
        ("Do", 0, True),
    ]


def test_google_bold_classes_are_bold_as_in_the_docx() -> None:
    page, docx = read(PAGES["gdocs"]), read(DOCX)

    def bold(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
        """Each paragraph's text and its bold part."""
        return [
            (b.text, "".join(s.text for s in b.inlines if s.bold))
            for b in doc.blocks
            if isinstance(b, Paragraph | ListItem)
        ]

    assert sum(1 for _, part in bold(docx) if part) == 21
    assert bold(page) == bold(docx)
    headings = [(b.text, b.level) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [(b.text, b.level) for b in docx.blocks if isinstance(b, Heading)]
    assert len(headings) == 2


def test_google_redirect_links_are_unwrapped() -> None:
    page = read(PAGES["gdocs"])
    links = [(s.text, s.href) for b in leaves(page.blocks) for s in getattr(b, "inlines", ()) if s.href]
    assert links == [
        ("ian.siara@nhs.net", "mailto:ian.siara@nhs.net"),
        ("england.wres@nhs.net", "mailto:england.wres@nhs.net"),
    ]
    contact = next(b for b in page.blocks if b.text.startswith("Contact details:"))
    assert contact.text == "Contact details: ian.siara@nhs.net Tel: 01246 512618"


def test_google_web_links_nested_lists_and_tables() -> None:
    P = script.Para
    paras = [
        P("p", (("Please describe your WRES initiative, its aims and any outcomes so far.", True),)),
        P(
            "p",
            (("Our report is at https://www.example.nhs.uk/wres/report?year=2024&part=2 for all.", False),),
        ),
        P("bullet", (("Reverse mentoring", False),)),
        P("bullet", (("for the board", False),), level=1),
        P("bullet", (("for senior leaders", False),), level=1),
        P("bullet", (("Listening events", False),)),
        P("table", cells=(("Indicator", "2019", "2020"), ("Indicator 8 (BME)", "8.1%", "7.1%"))),
    ]
    html = script.gdocs_page(paras)
    assert "q=https://www.example.nhs.uk/wres/report%3Fyear%3D2024%26part%3D2&amp;sa=D" in html
    # Flat: the deeper level is a list of its own after the first one closes, not inside an item.
    assert '</li></ul><ul class="c4 lst-kix_list_1-1 start"><li' in html
    doc = read_document(html.encode(), "page.html")
    links = [s.href for b in leaves(doc.blocks) for s in getattr(b, "inlines", ()) if s.href]
    assert links == ["https://www.example.nhs.uk/wres/report?year=2024&part=2"]
    assert items(doc.blocks) == [
        ("Reverse mentoring", 0, False),
        ("for the board", 1, False),
        ("for senior leaders", 1, False),
        ("Listening events", 0, False),
    ]
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[c.text for c in row] for row in table.rows] == [
        ["Indicator", "2019", "2020"],
        ["Indicator 8 (BME)", "8.1%", "7.1%"],
    ]


# ----------------------------------------------------------------------------- our own pages


@pytest.fixture
def own_page(tmp_path: Path) -> Path:
    """A page wres-convert wrote, from the sample DOCX, as someone might drop it back in the inbox."""
    page = tmp_path / "made" / "chesterfield.html"
    r = run_cli(str(DOCX), "-o", str(page))
    assert r.returncode == 0, r.stderr
    assert b'<meta name="generator" content="wres-convert">' in page.read_bytes()
    return page


def test_a_page_wres_convert_wrote_is_refused(own_page: Path, tmp_path: Path) -> None:
    r = run_cli(str(own_page), "-o", str(tmp_path / "again.html"))
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert len(err.strip().splitlines()) == 1 and "wres-convert wrote" in err and "Traceback" not in err
    assert not (tmp_path / "again.html").exists()


def test_a_page_wres_convert_wrote_is_skipped_in_an_inbox(own_page: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "old-page.html").write_bytes(own_page.read_bytes())
    (inbox / "return.htm").write_bytes(PAGES["word-filtered"].read_bytes())
    r = run_cli("inbox", "-o", "out/", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert re.search(r"skipped: inbox/old-page\.html: a page wres-convert wrote", err), err
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "index.html",
        "return--htm.html",
        "wres-convert-manifest.json",
    ]
