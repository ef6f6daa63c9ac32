"""Word equations (OMML, ``m:oMath``) as linear text: ``x^2``, ``x_i``, ``(a+b)/(c)``, ``√(x)``,
``∑_(i=1)^n x_i``.

Pasting an equation's characters end to end loses its meaning ("x2" for x squared, "ab" for a
over b). Linear text in the style of Word's own linear format keeps every operator and number
and reads the same in HTML, Markdown and JSON, so no writer needs to know about maths. A part
this module does not know is read as the text of its children in order, so nothing is lost.
"""

from __future__ import annotations

from lxml import etree

from wres_convert.readers.docx.namespaces import W

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
# Word's defaults when a property is not written (ECMA-376 Part 1, 22.1.2).
NARY_DEFAULT = "∫"
ACCENT_DEFAULT = "\u0302"  # combining circumflex
ROOTS = {"2": "√", "3": "∛", "4": "∜"}


def m(local: str) -> str:
    return f"{{{M}}}{local}"


def linear(el: etree._Element) -> str:
    """An ``m:oMath`` or ``m:oMathPara`` as one line of text (a paragraph of several equations:
    one per line)."""
    if el.tag == m("oMathPara"):
        return "\n".join(linear(child) for child in el if child.tag == m("oMath"))
    return _children(el)


def _children(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return "".join(_node(child) for child in el if isinstance(child.tag, str))


def _node(el: etree._Element) -> str:
    tag = el.tag
    if tag in (m("t"), f"{{{W}}}t"):
        return el.text or ""
    local = etree.QName(el).localname
    if local.endswith("Pr") and local != "sPre":  # properties: how it looks, not what it says
        return ""
    reader = _READERS.get(tag)
    return reader(el) if reader is not None else _children(el)


def _group(text: str) -> str:
    """A part as an operand: bare when it is one number or name, else in brackets."""
    plain = text.replace(".", "").replace(",", "")
    return text if plain.isalnum() or len(text) <= 1 else f"({text})"


def _prop(el: etree._Element, pr: str, name: str, default: str) -> str:
    """A ``m:val`` of a child of the element's property block (``m:naryPr/m:chr``…)."""
    props = el.find(m(pr))
    found = props.find(m(name)) if props is not None else None
    if found is None:
        return default
    return found.get(m("val"), default)


def _part(el: etree._Element, name: str) -> str:
    return _children(el.find(m(name)))


def _fraction(el: etree._Element) -> str:
    num, den = _part(el, "num"), _part(el, "den")
    if _prop(el, "fPr", "type", "bar") == "lin":
        return f"{num}/{den}"
    return f"{_group(num)}/{_group(den)}"


def _scripts(el: etree._Element) -> str:
    base = _part(el, "e")
    sub, sup = _part(el, "sub"), _part(el, "sup")
    if el.tag == m("sPre"):
        return (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "") + base
    return base + (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "")


def _radical(el: etree._Element) -> str:
    degree = _part(el, "deg").strip()
    body = f"({_part(el, 'e')})"
    if not degree or _prop(el, "radPr", "degHide", "0") in ("1", "on", "true"):
        return f"√{body}"
    return f"{ROOTS[degree]}{body}" if degree in ROOTS else f"({degree})√{body}"


def _nary(el: etree._Element) -> str:
    op = _prop(el, "naryPr", "chr", NARY_DEFAULT)
    sub, sup = _part(el, "sub"), _part(el, "sup")
    limits = (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "")
    return f"{op}{limits} {_part(el, 'e')}".rstrip()


def _delimiter(el: etree._Element) -> str:
    begin = _prop(el, "dPr", "begChr", "(")
    end = _prop(el, "dPr", "endChr", ")")
    sep = _prop(el, "dPr", "sepChr", "|")
    return begin + sep.join(_children(e) for e in el.findall(m("e"))) + end


def _function(el: etree._Element) -> str:
    name, arg = _part(el, "fName"), _part(el, "e")
    return f"{name}{arg}" if arg.startswith(("(", "[", "{")) else f"{name}({arg})"


def _accent(el: etree._Element) -> str:
    return _part(el, "e") + _prop(el, "accPr", "chr", ACCENT_DEFAULT)


def _bar(el: etree._Element) -> str:
    under = _prop(el, "barPr", "pos", "bot") == "bot"
    return _part(el, "e") + ("\u0332" if under else "\u0305")


def _limit(el: etree._Element) -> str:
    mark = "_" if el.tag == m("limLow") else "^"
    return f"{_part(el, 'e')}{mark}{_group(_part(el, 'lim'))}"


def _rows(el: etree._Element) -> str:
    """An equation array or matrix: rows split by "; ", a matrix's cells by ", "."""
    if el.tag == m("eqArr"):
        return "; ".join(_children(e) for e in el.findall(m("e")))
    rows = [", ".join(_children(e) for e in row.findall(m("e"))) for row in el.findall(m("mr"))]
    return "[" + "; ".join(rows) + "]"


def _phantom(el: etree._Element) -> str:
    # A phantom that is not shown takes up space only: it is not part of what the reader sees.
    return "" if _prop(el, "phantPr", "show", "1") in ("0", "off", "false") else _part(el, "e")


_READERS = {
    m("f"): _fraction,
    m("sSup"): _scripts,
    m("sSub"): _scripts,
    m("sSubSup"): _scripts,
    m("sPre"): _scripts,
    m("rad"): _radical,
    m("nary"): _nary,
    m("d"): _delimiter,
    m("func"): _function,
    m("acc"): _accent,
    m("bar"): _bar,
    m("limLow"): _limit,
    m("limUpp"): _limit,
    m("eqArr"): _rows,
    m("m"): _rows,
    m("phant"): _phantom,
}
