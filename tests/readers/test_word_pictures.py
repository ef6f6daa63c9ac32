"""Word pictures (issue 14): readers/pictures.py turns a ``wp:inline`` and its image bytes into
the model's Picture, and the case study publishes it safely. The fixtures are real DOCX files
(tests/fixtures/make_picture_fixtures.py, python-docx's ``add_picture``); the DOCX reader's walk
that finds the picture in the body is simulated here with lxml, as it will find it."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

import wres_convert
from helpers import FIXTURES, GOLDEN, SAMPLES, run_cli
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.model import Picture, pictures_of
from wres_convert.readers.pictures import WP, blip_reference, word_picture

PICTURES = FIXTURES / "pictures"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def picture_in(path: Path) -> Picture:
    """The one picture of a fixture, as the DOCX reader reads it: its container, its
    relationship's bytes."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = {
            r.get("Id"): r.get("Target")
            for r in etree.fromstring(z.read("word/_rels/document.xml.rels")).iter(REL)
        }
        [inline] = list(body.iter(f"{{{WP}}}inline"))
        rid, linked = blip_reference(next(inline.iter(f"{{{PIC}}}pic")))
        assert not linked
        return word_picture(inline, z.read("word/" + rels[rid]))


def published(picture: Picture):  # type: ignore[no-untyped-def]
    """The case study of the Chesterfield return with ``picture`` after the paragraph it follows
    in the fixture."""
    doc = wres_convert.read(SAMPLES / "chesterfield.txt")
    at = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("Our equality, diversity")) + 1
    doc = replace(doc, blocks=(*doc.blocks[:at], picture, *doc.blocks[at:]))
    return build_case_study(doc, source_for(b"x", "chesterfield.txt", "text"))


def pictures(cs) -> list[Picture]:  # type: ignore[no-untyped-def]
    return [p for s in cs.sections for p in pictures_of(s.blocks)]


def test_alt_text_title_and_display_size_are_read() -> None:
    p = picture_in(PICTURES / "alt.docx")
    assert p.alt == "Bar chart: staff survey return rate rose to 71%" and p.title == "Survey returns"
    assert p.media_type == "image/png" and not p.decorative
    assert p.width == pytest.approx(320) and p.height == pytest.approx(160)  # 240 pt wide, 2:1
    cs = published(p)
    assert [q.alt for q in pictures(cs)] == [p.alt]
    assert not [w for w in cs.warnings if w.code.startswith("image")]


def test_a_decorative_picture_has_empty_alt_and_no_warning() -> None:
    p = picture_in(PICTURES / "decorative.docx")
    assert p.decorative and p.alt == ""
    cs = published(p)
    assert len(pictures(cs)) == 1 and "image-no-alt" not in [w.code for w in cs.warnings]
    assert 'alt=""' in wres_convert.render(wres_convert.run.convert.CaseStudy.of(cs), "html")


def test_a_picture_without_alt_text_asks_the_reviewer_for_one() -> None:
    cs = published(picture_in(PICTURES / "no-alt.docx"))
    assert len(pictures(cs)) == 1
    assert any(w.code == "image-no-alt" and "add a description" in w.message for w in cs.warnings)


def test_a_gif_is_published_as_png() -> None:
    p = picture_in(PICTURES / "gif.docx")
    assert p.media_type == "image/gif"
    assert [q.media_type for q in pictures(published(p))] == ["image/png"]


def test_a_phone_photos_gps_position_is_never_published() -> None:
    p = picture_in(PICTURES / "jpeg-gps.docx")
    assert Image.open(io.BytesIO(p.data)).getexif().get_ifd(0x8825)  # the fixture has it
    [q] = pictures(published(p))
    assert q.media_type == "image/jpeg"
    assert not Image.open(io.BytesIO(q.data)).getexif()
    assert b"PhoneMaker" not in q.data


def test_an_emf_chart_becomes_png_through_libreoffice() -> None:
    # scripts/test.sh installs LibreOffice's Draw, which draws Word's metafiles.
    p = picture_in(PICTURES / "emf.docx")
    assert p.media_type == "image/emf"
    cs = published(p)
    assert [q.media_type for q in pictures(cs)] == ["image/png"]


def test_an_emf_chart_without_libreoffice_is_left_out_saying_why(monkeypatch) -> None:
    import wres_convert.readers.legacy as legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    cs = published(picture_in(PICTURES / "emf.docx"))
    assert pictures(cs) == []
    assert any("EMF" in w.message and "LibreOffice" in w.message for w in cs.warnings)


def test_the_docx_reader_gives_the_picture_in_its_answer() -> None:
    cs = wres_convert.convert(PICTURES / "alt.docx")
    [section] = [s for s in cs.sections if pictures_of(s.blocks)]
    assert section.id == "what-they-did"


class _Rel:
    def __init__(self, target: str, external: bool = False) -> None:
        self.target, self.external = target, external


def test_the_hook_reads_the_picture_through_the_parts_relationships() -> None:
    from wres_convert.readers.pictures import picture_block

    with zipfile.ZipFile(PICTURES / "jpeg-gps.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = {
            r.get("Id"): _Rel("word/" + r.get("Target"))
            for r in etree.fromstring(z.read("word/_rels/document.xml.rels")).iter(REL)
        }
        [drawing] = list(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing"))
        pic = next(drawing.iter(f"{{{PIC}}}pic"))
        p = picture_block(pic, drawing, rels, lambda name: z.read(name) if name in z.namelist() else None)
    assert p is not None and p.media_type == "image/jpeg" and p.alt == "Staff at the Be Yourself event"

    # The same picture only linked from a web address: its address, never its bytes.
    rid, _ = blip_reference(pic)
    linked = picture_block(pic, drawing, {rid: _Rel("https://tracker.example/p.jpg", True)}, lambda _n: b"x")
    assert linked is not None and linked.data == b"" and linked.link == "https://tracker.example/p.jpg"
    cs = published(linked)
    assert pictures(cs) == [] and any(w.code == "image-linked" for w in cs.warnings)


def test_a_chart_without_its_picture_keeps_its_title_and_says_so() -> None:
    from wres_convert.readers.pictures import C, chart_picture

    drawing = etree.fromstring(
        f'<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="{WP}">'
        '<wp:inline><wp:extent cx="3048000" cy="1524000"/><wp:docPr id="1" name="Chart 1" descr="Returns by year"/>'
        "</wp:inline></w:drawing>"
    )
    part = etree.fromstring(
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        "<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Staff survey </a:t></a:r><a:r><a:t>returns</a:t></a:r>"
        "</a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>"
    )
    chart = chart_picture(drawing, part)
    assert (
        chart.kind == "chart"
        and chart.alt == "Returns by year"
        and chart.text.endswith("Staff survey returns")
    )
    cs = published(chart)
    assert any(w.code == "image-missing" for w in cs.warnings)
    assert any("Staff survey returns" in b.text for s in cs.sections for b in s.blocks)


def test_the_published_copy_of_a_return_keeps_its_photo_without_the_gps_position(tmp_path: Path) -> None:
    from helpers import run_cli

    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "photo.docx").write_bytes((PICTURES / "jpeg-gps.docx").read_bytes())
    r = run_cli("inbox", "-o", "site/", "--link-original", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "site" / "photo-original.docx") as z:
        [media] = [n for n in z.namelist() if n.startswith("word/media/")]
        photo = z.read(media)
    assert Image.open(io.BytesIO(photo)).format == "JPEG"
    assert not Image.open(io.BytesIO(photo)).getexif() and b"PhoneMaker" not in photo


# Goldens: each one-feature picture return, and the chart return, as the reader reads it.
# Regenerate after an intended change with WRES_REGEN_GOLDEN=1 (refused in CI, see conftest.py).
GOLDEN_PICTURES = GOLDEN / "pictures"
ONE_FEATURE = [*(PICTURES / f"{n}.docx" for n in ("alt", "decorative", "no-alt", "gif", "jpeg-gps", "emf"))]


@pytest.mark.parametrize("path", [*ONE_FEATURE, FIXTURES / "notes" / "chart.docx"], ids=lambda p: p.stem)
def test_read_output_matches_its_golden_file(path) -> None:
    golden = GOLDEN_PICTURES / f"{path.stem}.md"
    r = run_cli("read", str(path), "-f", "md", "-o", "-")
    assert r.returncode == 0, r.stderr
    if os.environ.get("WRES_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(r.stdout)
    assert r.stdout.decode("utf-8") == golden.read_text(encoding="utf-8")
