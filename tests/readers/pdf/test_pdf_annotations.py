"""Issue 13: text that lives only in annotations. An answer typed onto a flat PDF with Acrobat's
"Fill & Sign" or macOS Preview's text tool is a FreeText annotation, not page text: it must be
read where it stands, as a typed field's value is. Sticky-note comments are a reviewer's remarks:
left out, with the same ``comments`` warning a Word document's comments get.
"""

from __future__ import annotations

from helpers import FONT, pdf, stream
from wres_convert.model import Control, Paragraph
from wres_convert.readers import pdf as pdf_reader

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
    b" /Contents 5 0 R /Annots [%s] >>"
)
QUESTIONS = (
    b"BT /F1 11 Tf 72 700 Td (Please describe your WRES initiative, its aims and any outcomes so far.) Tj ET\n"
    b"BT /F1 11 Tf 72 500 Td (What challenges or barriers have you had to overcome?) Tj ET\n"
)


def _annotation(subtype: bytes, rect: bytes, contents: bytes) -> bytes:
    return b"<< /Type /Annot /Subtype /%s /Rect [%s] /Contents (%s) /DA (/Helv 11 Tf 0 g) >>" % (
        subtype,
        rect,
        contents,
    )


def _read(annotations: list[bytes]):
    refs = b" ".join(b"%d 0 R" % (6 + k) for k in range(len(annotations)))
    return pdf_reader.read(pdf([CATALOG, PAGES, PAGE % refs, FONT, stream(QUESTIONS), *annotations]))


def test_text_typed_onto_the_page_is_read_where_it_stands() -> None:
    doc = _read(
        [
            _annotation(b"FreeText", b"72 560 540 680", b"We ran reverse mentoring for 40 senior leaders."),
            _annotation(b"FreeText", b"72 380 540 480", b"Finding mentors took longer than planned."),
        ]
    )
    kinds = [(type(b).__name__, b.text) for b in doc.blocks]
    assert kinds == [
        ("Paragraph", "Please describe your WRES initiative, its aims and any outcomes so far."),
        ("Control", "We ran reverse mentoring for 40 senior leaders."),
        ("Paragraph", "What challenges or barriers have you had to overcome?"),
        ("Control", "Finding mentors took longer than planned."),
    ]
    assert all(b.tag == "" for b in doc.blocks if isinstance(b, Control))
    assert not doc.warnings


def test_sticky_notes_are_left_out_with_a_warning() -> None:
    doc = _read([_annotation(b"Text", b"500 700 520 720", b"Check these figures with HR - reviewer")])
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    assert "reviewer" not in " ".join(b.text for b in doc.blocks)
    assert [w.code for w in doc.warnings] == ["comments"]
    assert "page 1" in doc.warnings[0].message


def test_an_empty_typed_box_adds_nothing() -> None:
    doc = _read([_annotation(b"FreeText", b"72 560 540 680", b"   ")])
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph"]


def test_hidden_or_sizeless_typed_text_is_left_out_with_a_warning() -> None:
    hidden = _annotation(b"FreeText", b"72 560 540 680", b"reviewer note: do not publish").replace(
        b"/Type /Annot", b"/Type /Annot /F 2"
    )
    sizeless = _annotation(b"FreeText", b"72 560 72 560", b"nothing shows this")
    doc = _read([hidden, sizeless])
    assert "publish" not in " ".join(b.text for b in doc.blocks) and "shows" not in " ".join(
        b.text for b in doc.blocks
    )
    assert [w.code for w in doc.warnings] == ["hidden-text"]


def test_a_callout_is_a_reviewers_comment() -> None:
    callout = _annotation(b"FreeText", b"300 560 540 600", b"Is this right?").replace(
        b"/Type /Annot", b"/Type /Annot /IT /FreeTextCallout /CL [300 580 250 600]"
    )
    doc = _read([callout])
    assert "Is this right" not in " ".join(b.text for b in doc.blocks)
    assert [w.code for w in doc.warnings] == ["comments"]
