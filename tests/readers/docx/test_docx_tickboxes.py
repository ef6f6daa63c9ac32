"""Word's tick boxes are read as their state: a check-box content control from w14:checked (never
the glyph it shows), a legacy FORMCHECKBOX field from its ffData (w:checked over w:default), a
Wingdings box glyph in w:sym. Fixtures: fixtures/make_tickbox_fixtures.py."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from helpers import FIXTURES
from wres_convert.model import Table
from wres_convert.readers import read_document
from wres_convert.readers.docx.checkboxes import W14, control_mark, field_mark, symbol_mark, symbol_text
from wres_convert.readers.docx.package import W

TICKBOX = FIXTURES / "tickbox"
NS = f'xmlns:w="{W}" xmlns:w14="{W14}"'


def first_column(name: str, column: int) -> list[str]:
    doc = read_document((TICKBOX / name).read_bytes(), name)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    return [" ".join(row[column].text.split()) for row in table.rows]


@pytest.mark.parametrize("name", ["content-controls.docx", "content-controls-stale-glyphs.docx"])
def test_a_check_box_control_reads_as_its_checked_state(name: str) -> None:
    assert first_column(name, 0) == ["☐"] * 7 + ["☒", "☐"]


def test_a_legacy_check_box_reads_as_its_state_where_it_stands() -> None:
    marks = [cell.split(" ")[0] for cell in first_column("legacy-form-checkboxes.docx", 0)]
    # Indicator 3's default is ticked but its w:checked says not: w:checked wins.
    assert marks == ["☐"] * 7 + ["☒", "☐"]


def el(xml: str) -> etree._Element:
    """One element written with the w: and w14: prefixes, declared on it."""
    return etree.fromstring(re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)} {NS}", xml))


@pytest.mark.parametrize(
    ("state", "mark"),
    [
        ('<w:checked w14:val="1"/>', "☒"),
        ('<w:checked w14:val="true"/>', "☒"),
        ('<w:checked w14:val="0"/>', "☐"),
        ('<w:checked w14:val="false"/>', "☐"),
        ("", "☐"),
    ],
)
def test_control_mark(state: str, mark: str) -> None:
    state = state.replace("<w:checked", "<w14:checked")
    sdt = el(f"<w:sdt><w:sdtPr><w14:checkbox>{state}</w14:checkbox></w:sdtPr></w:sdt>")
    assert control_mark(sdt) == mark
    assert control_mark(el("<w:sdt><w:sdtPr><w:tag w:val='x'/></w:sdtPr></w:sdt>")) is None


@pytest.mark.parametrize(
    ("box", "mark"),
    [
        ("<w:checked/>", "☒"),
        ('<w:checked w:val="true"/>', "☒"),
        ('<w:checked w:val="false"/><w:default w:val="1"/>', "☐"),
        ('<w:default w:val="1"/>', "☒"),
        ('<w:default w:val="0"/>', "☐"),
    ],
)
def test_field_mark(box: str, mark: str) -> None:
    char = el(
        f'<w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>{box}</w:checkBox></w:ffData></w:fldChar>'
    )
    assert field_mark(char) == mark
    assert (
        field_mark(el('<w:fldChar w:fldCharType="begin"><w:ffData><w:textInput/></w:ffData></w:fldChar>'))
        is None
    )


@pytest.mark.parametrize(
    ("font", "char", "mark"),
    [
        ("Wingdings", "F0FE", "☒"),
        ("Wingdings", "F078", "☒"),
        ("Wingdings", "F0A8", "☐"),
        ("Wingdings", "F06F", "☐"),
        ("Wingdings", "A8", "☐"),
        ("Segoe UI Symbol", "2612", "☒"),
        ("MS Gothic", "2610", "☐"),
        ("Wingdings", "F0B7", None),  # a bullet, not a box
        ("Symbol", "zz", None),  # damaged: no text, no crash
    ],
)
def test_symbol_mark(font: str, char: str, mark: str | None) -> None:
    assert symbol_mark(el(f'<w:sym w:font="{font}" w:char="{char}"/>')) == mark


def test_box_glyphs_typed_in_a_symbol_font_are_marks() -> None:
    def r(font: str, text: str) -> etree._Element:
        return el(f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t>{text}</w:t></w:r>')

    assert symbol_text("þ", r("Wingdings", "þ")) == "☒"
    assert symbol_text("¨", r("Wingdings", "¨")) == "☐"
    assert symbol_text("\uf0fe", r("Wingdings", "\uf0fe")) == "☒"
    assert symbol_text("Ø", r("Wingdings", "Ø")) == "Ø"  # an arrow, not a box: as it was
    assert symbol_text("þ", r("Calibri", "þ")) == "þ"  # Icelandic thorn in a text font
