"""Word equations (OMML) as linear text: every operator and number kept, the structure shown by
``^``, ``_``, ``/``, ``√`` and brackets (readers/docx/omml.py)."""

from __future__ import annotations

import pytest
from lxml import etree

from helpers import sample_docx_with
from wres_convert.readers.docx import read
from wres_convert.readers.docx.omml import M, linear


def math(xml: str) -> str:
    return linear(etree.fromstring(f'<m:oMath xmlns:m="{M}">{xml}</m:oMath>'))


def r(text: str) -> str:
    return f"<m:r><m:t>{text}</m:t></m:r>"


@pytest.mark.parametrize(
    ("xml", "text"),
    [
        (f"<m:sSup><m:e>{r('x')}</m:e><m:sup>{r('2')}</m:sup></m:sSup>", "x^2"),
        (f"<m:sSup><m:e>{r('x')}</m:e><m:sup>{r('n+1')}</m:sup></m:sSup>", "x^(n+1)"),
        (f"<m:sSub><m:e>{r('x')}</m:e><m:sub>{r('i')}</m:sub></m:sSub>", "x_i"),
        (
            f"<m:sSubSup><m:e>{r('x')}</m:e><m:sub>{r('i')}</m:sub><m:sup>{r('2')}</m:sup></m:sSubSup>",
            "x_i^2",
        ),
        (f"<m:f><m:num>{r('a+b')}</m:num><m:den>{r('c')}</m:den></m:f>", "(a+b)/c"),
        (f"<m:f><m:num>{r('1')}</m:num><m:den>{r('2')}</m:den></m:f>", "1/2"),
        (f"<m:rad><m:deg/><m:e>{r('2')}</m:e></m:rad>", "√(2)"),
        (f"<m:rad><m:deg>{r('3')}</m:deg><m:e>{r('8')}</m:e></m:rad>", "∛(8)"),
        (
            f"<m:nary><m:sub>{r('i=1')}</m:sub><m:sup>{r('n')}</m:sup><m:e>{r('x')}</m:e></m:nary>",
            "∫_(i=1)^n x",
        ),
        (
            f'<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e>{r("a")}</m:e><m:e>{r("b")}</m:e></m:d>',
            "[a|b]",
        ),
        (f"<m:func><m:fName>{r('sin')}</m:fName><m:e>{r('θ')}</m:e></m:func>", "sin(θ)"),
        (
            f"<m:m><m:mr><m:e>{r('1')}</m:e><m:e>{r('0')}</m:e></m:mr><m:mr><m:e>{r('0')}</m:e><m:e>{r('1')}</m:e></m:mr></m:m>",
            "[1, 0; 0, 1]",
        ),
        (f"<m:limLow><m:e>{r('lim')}</m:e><m:lim>{r('n→∞')}</m:lim></m:limLow>", "lim_(n→∞)"),
        (f'<m:phant><m:phantPr><m:show m:val="0"/></m:phantPr><m:e>{r("x")}</m:e></m:phant>', ""),
        (f"<m:unknownNew>{r('kept')}</m:unknownNew>", "kept"),  # unknown structure: its text, in order
    ],
)
def test_linear_text(xml: str, text: str) -> None:
    assert math(xml) == text


def test_display_equations_in_one_paragraph_each_take_a_line() -> None:
    para = (
        f'<m:oMathPara xmlns:m="{M}"><m:oMath>{r("a=1")}</m:oMath><m:oMath>{r("b=2")}</m:oMath></m:oMathPara>'
    )
    assert linear(etree.fromstring(para)) == "a=1\nb=2"


def test_equation_in_a_paragraph_reads_in_place() -> None:
    xml = f'<w:p><w:r><w:t xml:space="preserve">Ratio </w:t></w:r><m:oMath xmlns:m="{M}"><m:f><m:num>{r("9")}</m:num><m:den>{r("42")}</m:den></m:f></m:oMath></w:p>'
    doc = read(sample_docx_with(xml))
    assert "Ratio 9/42" in [b.text for b in doc.blocks]
