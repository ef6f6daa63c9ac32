"""Paragraph and run properties are read in one pass (package.props_of) and styles' answers are
kept per style (issue 18): what Word's XML says must read as it did when each was searched for."""

from __future__ import annotations

import re

from lxml import etree

from wres_convert.model import Heading, Paragraph, Span
from wres_convert.readers.docx.body import BodyReader
from wres_convert.readers.docx.inline import Format, InlineReader
from wres_convert.readers.docx.numbering import Numbering
from wres_convert.readers.docx.package import W, props_of, w
from wres_convert.readers.docx.styles import Styles

STYLES = f"""<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="Strong"/>
    <w:rPr><w:i/></w:rPr></w:style>
</w:styles>"""


def el(xml: str) -> etree._Element:
    """One element written with the w: prefix, declared on it."""
    return etree.fromstring(re.sub(r"^<([\w:]+)", lambda m: f'<{m.group(1)} xmlns:w="{W}"', xml))


def spans(paragraph: str, styles: Styles | None = None) -> list[Span]:
    reader = InlineReader(styles or Styles(None), {})
    return reader.read(el(paragraph), Format()).spans


def test_props_of_keeps_the_first_element_of_each_tag_as_find_does() -> None:
    rpr = el('<w:rPr><w:b w:val="0"/><w:i/><w:b/></w:rPr>')
    props = props_of(rpr)
    assert props[w("b")] is rpr.find(w("b"))
    assert props[w("i")] is rpr.find(w("i"))
    assert props_of(None) == {}


def test_run_properties_count_wherever_they_stand_in_the_run() -> None:
    assert spans("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>first</w:t></w:r></w:p>")[0].bold
    assert spans("<w:p><w:r><w:t>after</w:t><w:rPr><w:b/></w:rPr></w:r></w:p>")[0].bold
    assert not spans('<w:p><w:r><w:rPr><w:b w:val="0"/><w:b/></w:rPr><w:t>x</w:t></w:r></w:p>')[0].bold


def test_a_symbol_font_in_a_second_run_properties_element_still_makes_a_tick_box() -> None:
    run = '<w:r><w:rPr><w:b/></w:rPr><w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr><w:t>\u00fe</w:t></w:r>'
    (span,) = spans(f"<w:p>{run}</w:p>")
    assert (span.text, span.bold) == ("\u2612", True)
    plain = '<w:r><w:rPr><w:rFonts w:ascii="Wingdings"/><w:b/></w:rPr><w:t>\u00fe</w:t></w:r>'
    assert spans(f"<w:p>{plain}</w:p>")[0].text == "\u2612"


def test_character_styles_are_inherited_and_asked_again_alike() -> None:
    styles = Styles(etree.fromstring(STYLES))
    for _ in range(2):  # the second answer comes from what the first worked out
        (span,) = spans('<w:p><w:r><w:rPr><w:rStyle w:val="Quiet"/></w:rPr><w:t>x</w:t></w:r></w:p>', styles)
        assert (span.bold, span.italic) == (True, True)
        (span,) = spans(
            '<w:p><w:r><w:rPr><w:rStyle w:val="Quiet"/><w:b w:val="0"/></w:rPr><w:t>y</w:t></w:r></w:p>',
            styles,
        )
        assert (span.bold, span.italic) == (False, True)
    assert styles.chain("Quiet") == styles.chain("Quiet")
    assert [s.style_id for s in styles.chain("Quiet")] == ["Quiet", "Strong"]


def test_paragraph_properties_count_wherever_they_stand_in_the_paragraph() -> None:
    styles = Styles(etree.fromstring(STYLES))
    body = BodyReader(styles, Numbering(None, lambda _style: None), InlineReader(styles, {}))
    first = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>'
    late = '<w:p><w:r><w:t>Late</w:t></w:r><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>'
    plain = "<w:p><w:r><w:t>Text</w:t></w:r></w:p>"
    blocks = body.blocks(el(f"<w:body>{first}{late}{plain}</w:body>"))
    assert [type(b) for b in blocks] == [Heading, Heading, Paragraph]
    assert [b.text for b in blocks] == ["Title", "Late", "Text"]
