"""Pictures in an answer (issue 14): kept at their place, re-encoded so nothing of the
submission's bytes is published as is, or left out with a warning that says why.

The DOCX reader's part (w:drawing → Picture) is built separately; these tests put Picture blocks
into a real return's Document, as a reader will, and follow them through to every output."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace

import pytest
from PIL import Image

import wres_convert
from helpers import REPO
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.casestudy.images import MAX_PIXELS, file_name
from wres_convert.model import Document, Picture, pictures_of, text_inlines
from wres_convert.readers.sniff import image_type

SAMPLE = REPO / "samples" / "chesterfield.txt"
ANSWER_AT = 21  # after "Our equality, diversity and inclusion agenda…": the initiative's answer


def png(size: tuple[int, int] = (120, 80), color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    im = Image.new("RGB", (100, 60), "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (53.0, 14.0, 10.0), 3: "W", 4: (1.0, 25.0, 30.0)}  # GPS IFD
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif)
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (64, 64), 1).save(out, "GIF")
    return out.getvalue()


def with_pictures(*pictures: Picture) -> Document:
    doc = wres_convert.read(SAMPLE)
    blocks = (*doc.blocks[:ANSWER_AT], *pictures, *doc.blocks[ANSWER_AT:])
    return replace(doc, blocks=blocks)


def case_study(*pictures: Picture):  # type: ignore[no-untyped-def]
    doc = with_pictures(*pictures)
    return build_case_study(doc, source_for(b"x", "chesterfield.txt", "text"))


def published(cs) -> list[Picture]:  # type: ignore[no-untyped-def]
    return [p for s in cs.sections for p in pictures_of(s.blocks)]


def codes(cs) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.code for w in cs.warnings]


def test_a_picture_between_two_questions_belongs_to_that_answer_and_is_reencoded() -> None:
    data = png()
    cs = case_study(Picture(data, "image/png", alt="Staff survey response rate by year"))
    [p] = published(cs)
    what_they_did = next(s for s in cs.sections if p in s.blocks)
    assert what_they_did.id == "what-they-did"
    assert image_type(p.data) == "image/png" and p.media_type == "image/png"
    assert (p.width, p.height) == (120, 80)
    assert "image-no-alt" not in codes(cs)


def test_exif_and_gps_never_reach_the_published_jpeg() -> None:
    data = jpeg_with_gps()
    assert b"PhoneMaker" in data and Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    cs = case_study(Picture(data, "image/png", alt="Our network's launch"))  # the claimed type is wrong
    [p] = published(cs)
    assert p.media_type == "image/jpeg"
    assert b"PhoneMaker" not in p.data and b"Exif" not in p.data
    assert not Image.open(io.BytesIO(p.data)).getexif()


def test_a_gif_is_published_as_a_still_png() -> None:
    [p] = published(case_study(Picture(gif(), "image/gif", alt="Logo of the staff network")))
    assert p.media_type == "image/png"


def test_svg_tiff_and_unknown_bytes_are_left_out_with_a_warning() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    tiff = io.BytesIO()
    Image.new("RGB", (60, 60)).save(tiff, "TIFF")
    cs = case_study(
        Picture(svg, "image/png", alt="a"),
        Picture(tiff.getvalue(), "image/tiff", alt="b"),
        Picture(b"junk", alt="c"),
    )
    assert published(cs) == []
    dropped = [w.message for w in cs.warnings if w.code == "image-dropped"]
    assert len(dropped) == 3 and "SVG" in dropped[0] and "TIFF" in dropped[1]


def test_a_decompression_bomb_is_refused() -> None:
    side = int(MAX_PIXELS**0.5) + 100
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG")  # a few KB that decode to over the cap
    cs = case_study(Picture(out.getvalue(), alt="huge"))
    assert published(cs) == []
    assert any("pixel limit" in w.message or "too large" in w.message for w in cs.warnings)


def test_missing_alt_text_is_reported_and_a_decorative_picture_is_not() -> None:
    cs = case_study(Picture(png(), ""), Picture(png(color="blue"), "", decorative=True))
    assert codes(cs).count("image-no-alt") == 1
    assert len(published(cs)) == 2


def test_a_linked_image_is_never_fetched() -> None:
    cs = case_study(Picture(b"", link="https://tracker.example/pixel.png", alt="Chart"))
    assert published(cs) == []
    assert "image-linked" in codes(cs)


def test_a_chart_without_its_picture_keeps_its_title_as_text() -> None:
    cs = case_study(Picture(b"", kind="chart", caption=text_inlines("Staff survey returns 2018-2019")))
    assert "image-missing" in codes(cs)
    assert any("Staff survey returns 2018-2019" in b.text for s in cs.sections for b in s.blocks)


def test_alt_text_is_cleaned_of_the_submitters_details() -> None:
    cs = case_study(Picture(png(), alt="Photo sent by Ian Siara, ian.siara@nhs.net"))
    [p] = published(cs)
    assert "siara" not in p.alt.lower()


def test_alt_text_is_never_taken_for_a_question() -> None:
    asked = "Please describe your WRES initiative, its aims and any outcomes so far"
    cs = case_study(Picture(png(), alt=asked))
    assert len(published(cs)) == 1


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_an_emf_chart_is_drawn_to_png_by_libreoffice_or_left_out_saying_why() -> None:
    # LibreOffice draws a metafile with its Draw module; a Writer-only install cannot, and then
    # the picture is left out with a warning rather than published as it is.
    emf = (REPO / "tests" / "fixtures" / "images" / "chart.emf").read_bytes()
    assert image_type(emf) == "image/emf"
    cs = case_study(Picture(emf, alt="Bar chart of survey returns", kind="chart"))
    pictures = published(cs)
    if pictures:
        assert [p.media_type for p in pictures] == ["image/png"]
    else:
        assert any("EMF" in w.message and "LibreOffice" in w.message for w in cs.warnings)


def test_an_emf_without_libreoffice_is_left_out_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WRES_CONVERT_NO_SOFFICE", "1")
    emf = (REPO / "tests" / "fixtures" / "images" / "chart.emf").read_bytes()
    cs = case_study(Picture(emf, alt="Bar chart"))
    assert published(cs) == []
    assert any("EMF" in w.message and "LibreOffice" in w.message for w in cs.warnings)


def test_every_output_shows_the_picture() -> None:
    cs = wres_convert.run.convert.CaseStudy.of(case_study(Picture(png(), alt="Survey [results] *2019*")))
    [p] = published(cs)
    name = file_name(p)
    html = wres_convert.render(cs, "html", images="page-files")
    assert (
        f'<figure><img src="page-files/{name}" alt="Survey [results] *2019*" width="120" height="80">' in html
    )
    embedded = wres_convert.render(cs, "html")
    assert 'src="data:image/png;base64,' in embedded
    md = wres_convert.render(cs, "md", images="page-files")
    assert f"![Survey \\[results\\] \\*2019\\*](<page-files/{name}>)" in md
    data = json.loads(wres_convert.render(cs, "json", images="page-files"))
    [listed] = [i for s in data["sections"] for i in s.get("images", [])]
    assert listed["file"] == f"page-files/{name}" and "data" not in listed
    assert listed["sha256"].startswith(name[len("image-") : -len(".png")])
    embedded_json = json.loads(wres_convert.render(cs, "json"))
    assert next(i for s in embedded_json["sections"] for i in s.get("images", []))["data"]


# Review of issue 14: metadata Pillow's writers would carry over unless the image's info is emptied.


def _jpeg_with_comment() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(out, "JPEG", comment=b"SECRETMARK jane.doe@trust.nhs.uk")
    return out.getvalue()


def _png_with_icc() -> bytes:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + b"SECRETMARK 07700900123"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, "PNG", icc_profile=profile)
    return out.getvalue()


def _meta(data: bytes) -> bytes:
    """The bytes and what Pillow reads from them (a PNG's ICC profile is compressed)."""
    return data + repr(Image.open(io.BytesIO(data)).info).encode()


def _gif_with_comment() -> bytes:
    out = io.BytesIO()
    Image.new("P", (64, 48)).save(out, "GIF", comment=b"SECRETMARK")
    return out.getvalue()


@pytest.mark.parametrize(
    "data", [_jpeg_with_comment(), _png_with_icc(), _gif_with_comment()], ids=["jpeg", "png", "gif"]
)
def test_no_comment_or_colour_profile_reaches_the_page(data: bytes) -> None:
    assert b"SECRETMARK" in _meta(data)
    (picture,) = published(case_study(Picture(data, image_type(data), alt="A chart")))
    assert b"SECRETMARK" not in picture.data and not Image.open(io.BytesIO(picture.data)).info.get(
        "icc_profile"
    )


@pytest.mark.parametrize(
    "data", [_jpeg_with_comment(), _png_with_icc(), _gif_with_comment()], ids=["jpeg", "png", "gif"]
)
def test_the_published_originals_pictures_keep_no_metadata(data: bytes) -> None:
    from wres_convert.casestudy.images import without_metadata

    clean = without_metadata(data)
    assert b"SECRETMARK" not in _meta(clean) and image_type(clean) == image_type(data)


def test_a_picture_that_cannot_be_cleaned_is_never_given_back_as_it_came() -> None:
    from wres_convert.casestudy.images import Unusable, without_metadata

    truncated = jpeg_with_gps()[:200]
    with pytest.raises(Unusable):
        without_metadata(truncated)
