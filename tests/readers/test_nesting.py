"""Issue 11, nesting: 110 nested tables, 400 nested lists or a typed list indented 1,000 levels
ended in "internal error (RecursionError)", and Word files nested past libxml2's 256 levels were
called "damaged". Readers now flatten what nests beyond a sane depth, keep every word, and say so;
nothing downstream recurses deeper than that."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import SAMPLES, run_cli, sample_docx_with
from wres_convert.errors import ConversionError
from wres_convert.model import Cell, Control, Document, ListItem, Paragraph, Span, Table
from wres_convert.readers import read_document
from wres_convert.readers.nesting import (
    FLATTENED,
    MAX_CONTROL_DEPTH,
    MAX_LIST_LEVEL,
    MAX_TABLE_DEPTH,
    limit_nesting,
)
from wres_convert.writers.listtree import ListNode, group


# ----------------------------------------------------------------------------- inputs
def text_return(extra: str) -> bytes:
    """The sample text return with ``extra`` as part of the initiative's answer."""
    text = (SAMPLES / "chesterfield.txt").read_text(encoding="utf-8")
    at = text.index("\n", text.index("Please describe your WRES initiative"))
    return (text[:at] + "\n\n" + extra + "\n\n" + text[at:]).encode()


def nested_html_tables(depth: int) -> str:
    return "".join(f"<table><tr><td>cell {i}" for i in range(depth)) + "</td></tr></table>" * depth


def nested_html_lists(depth: int) -> str:
    return "".join(f"<ul><li>item {i}" for i in range(depth)) + "</li></ul>" * depth


def typed_list(depth: int) -> str:
    return "\n".join(" " * i + f"- item {i}" for i in range(depth))


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_tables(depth: int) -> str:
    xml = p(f"cell {depth}")
    for i in range(depth - 1, -1, -1):
        xml = f"<w:tbl><w:tr><w:tc>{p(f'cell {i}')}{xml}</w:tc></w:tr></w:tbl>"
    return xml


def docx_controls(depth: int) -> str:
    xml = p(f"field {depth}")
    for i in range(depth - 1, -1, -1):
        tag = f'<w:sdtPr><w:tag w:val="field{i}"/></w:sdtPr>'
        xml = f"<w:sdt>{tag}<w:sdtContent>{p(f'field {i}')}{xml}</w:sdtContent></w:sdt>"
    return xml


DEEP_TEXT = {
    "110-nested-tables": (text_return(nested_html_tables(110)), "cell", 110),
    "400-nested-lists": (text_return(nested_html_lists(400)), "item", 400),
    "typed-list-1000-levels": (text_return(typed_list(1000)), "item", 1000),
}


# ----------------------------------------------------------------------------- the whole CLI
@pytest.mark.parametrize("case", sorted(DEEP_TEXT))
def test_deep_nesting_converts_to_every_format_with_all_its_text(tmp_path: Path, case: str) -> None:
    data, word, count = DEEP_TEXT[case]
    (tmp_path / "deep.txt").write_bytes(data)
    for fmt in ("html", "md", "json"):
        r = run_cli("deep.txt", "-f", fmt, "-o", "-", cwd=tmp_path)
        err = r.stderr.decode()
        assert r.returncode == 0, err
        assert "internal error" not in err and "Traceback" not in err
        assert "nested more deeply than a page can show" in err  # the reviewer is told
        page = r.stdout.decode()
        if fmt == "json":
            page = json.dumps(json.loads(page), ensure_ascii=False)
        found = {int(n) for n in re.findall(rf"\b{word} (\d+)\b", page)}
        assert found >= set(range(count)), f"{fmt}: lost {sorted(set(range(count)) - found)[:5]}"


DEEP_WORD = {
    "80-nested-tables": (docx_tables(80), "cell", 81),
    "120-nested-content-controls": (docx_controls(120), "field", 121),
    "110-nested-tables": (docx_tables(110), "cell", 111),
    "400-nested-content-controls": (docx_controls(400), "field", 401),
    "2000-nested-tables": (docx_tables(2000), "cell", 2001),
}


@pytest.mark.parametrize("case", list(DEEP_WORD))
def test_deep_word_nesting_converts_with_all_its_text_and_one_warning(tmp_path: Path, case: str) -> None:
    """libxml2 stops at 256 levels (about 84 nested tables, 127 nested controls): deeper ones
    were called "damaged". They are flattened before parsing now, every word kept."""
    extra, word, count = DEEP_WORD[case]
    (tmp_path / "deep.docx").write_bytes(sample_docx_with(extra))
    r = run_cli("deep.docx", "-f", "html", "-o", "-", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "damaged" not in err and "internal error" not in err
    assert err.count("nested more deeply than a page can show") == 1
    found = {int(n) for n in re.findall(rf"\b{word} (\d+)\b", r.stdout.decode())}
    assert found >= set(range(count))


def test_a_word_body_flattened_before_parsing_keeps_order_and_drops_prompts_and_deleted_rows() -> None:
    prompt = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + p("Click or tap here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    prompt = "<w:sdt><w:sdtContent>" * 150 + prompt + "</w:sdtContent></w:sdt>" * 150  # beyond the limit
    deleted = "<w:tr><w:trPr><w:del/></w:trPr><w:tc>" + p("deleted row") + "</w:tc></w:tr>"
    inner = f"<w:tbl><w:tblPr/>{deleted}<w:tr><w:tc><w:tcPr/>{prompt}{p('kept row')}</w:tc></w:tr></w:tbl>"
    xml = docx_controls(0).replace(p("field 0"), inner)
    for i in range(99, -1, -1):  # tables declaring a namespace their content uses
        xml = (
            f'<w:tbl xmlns:x{i}="urn:x"><w:tr><w:tc>'
            f'<w:p><w:r x{i}:a="1"><w:t>cell {i}</w:t></w:r></w:p>{xml}</w:tc></w:tr></w:tbl>'
        )
    doc = read_document(sample_docx_with(xml), "deep.docx")
    text = all_text(doc.blocks)
    start = text.index("cell 0")
    assert text[start : start + 101] == [f"cell {i}" for i in range(100)] + ["kept row"]
    assert "deleted row" not in text and not any("Click or tap" in t for t in text)
    assert list(doc.warnings).count(FLATTENED) == 1


def test_deep_look_through_wrappers_are_unwrapped_and_anything_else_too_deep_is_said_plainly() -> None:
    custom = '<w:customXml w:element="x"><w:customXmlPr/>' * 2000 + p("deep custom") + "</w:customXml>" * 2000
    link = (
        "<w:p>"
        + "<w:hyperlink>" * 2000
        + "<w:r><w:t>deep link</w:t></w:r>"
        + "</w:hyperlink>" * 2000
        + "</w:p>"
    )
    doc = read_document(sample_docx_with(custom + link), "deep.docx")
    assert {"deep custom", "deep link"} <= set(all_text(doc.blocks))
    assert FLATTENED in doc.warnings
    unknown = "<w:foo>" * 2000 + p("x") + "</w:foo>" * 2000
    with pytest.raises(ConversionError) as caught:
        read_document(sample_docx_with(unknown), "deep.docx")
    assert caught.value.code == "too-deep" and "damaged" not in str(caught.value)


# ----------------------------------------------------------------------------- the readers' limit
def depth_of(blocks: tuple[object, ...], kind: type) -> int:
    """How deep ``kind`` nests (0: not at all), counted without recursion."""
    deepest = 0
    stack = [(b, 0) for b in blocks]
    while stack:
        b, d = stack.pop()
        if isinstance(b, Table):
            d += kind is Table
            stack.extend((x, d) for row in b.rows for c in row for x in c.blocks)
        elif isinstance(b, Control):
            d += kind is Control
            stack.extend((x, d) for x in b.blocks)
        deepest = max(deepest, d)
    return deepest


def all_text(blocks: tuple[object, ...]) -> list[str]:
    out: list[str] = []
    stack = list(reversed(blocks))
    while stack:
        b = stack.pop()
        if isinstance(b, Table):
            stack.extend(reversed([x for row in b.rows for c in row for x in c.blocks]))
        elif isinstance(b, Control):
            stack.extend(reversed(b.blocks))
        else:
            out.append(b.text)  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize("case", sorted(DEEP_TEXT))
def test_no_reader_hands_on_deeper_nesting_than_the_limits(case: str) -> None:
    data, _, _ = DEEP_TEXT[case]
    doc = read_document(data, "deep.txt")
    assert depth_of(doc.blocks, Table) <= MAX_TABLE_DEPTH
    assert all(b.level <= MAX_LIST_LEVEL for b in doc.blocks if isinstance(b, ListItem))
    assert FLATTENED in doc.warnings


def test_word_tables_and_controls_are_kept_to_the_limits() -> None:
    for extra in (docx_tables(80), docx_controls(120), docx_tables(2000), docx_controls(400)):
        doc = read_document(sample_docx_with(extra), "deep.docx")
        assert depth_of(doc.blocks, Table) <= MAX_TABLE_DEPTH
        assert depth_of(doc.blocks, Control) <= MAX_CONTROL_DEPTH
        assert list(doc.warnings).count(FLATTENED) == 1


def test_flattening_keeps_every_word_in_order_however_deep() -> None:
    """10,000 tables deep: walked with a stack, so the limit itself cannot overflow."""
    inner: tuple[object, ...] = (Paragraph((Span("deepest"),)),)
    for i in range(10_000, 0, -1):
        inner = (Table(((Cell((Paragraph((Span(f"cell {i}"),)), *inner)),),)),)
    doc = limit_nesting(Document(inner, "text"))  # type: ignore[arg-type]
    assert depth_of(doc.blocks, Table) == MAX_TABLE_DEPTH
    assert all_text(doc.blocks) == [f"cell {i}" for i in range(1, 10_001)] + ["deepest"]
    assert doc.warnings == (FLATTENED,)


def test_a_document_within_the_limits_is_left_alone() -> None:
    table = Table(((Cell((ListItem((Span("a"),), level=MAX_LIST_LEVEL),)),),))
    doc = Document((table, Control((Paragraph((Span("b"),)),), tag="q1")), "docx")
    assert limit_nesting(doc) is doc


def test_list_levels_past_the_limit_stay_at_the_deepest_level() -> None:
    items = tuple(ListItem((Span(f"item {n}"),), level=n) for n in range(50))
    doc = limit_nesting(Document(items, "text"))
    assert [b.level for b in doc.blocks] == [min(n, MAX_LIST_LEVEL) for n in range(50)]  # type: ignore[union-attr]
    assert [b.text for b in doc.blocks] == [f"item {n}" for n in range(50)]


# ----------------------------------------------------------------------------- downstream
def test_the_writers_list_tree_never_nests_past_the_limit_even_for_a_hand_built_document() -> None:
    items = tuple(ListItem((Span(f"item {n}"),), level=n) for n in range(5000))
    node: ListNode = group(items)[0]  # type: ignore[assignment]
    depth = 0
    while node.items[-1].children:
        node = node.items[-1].children[-1]
        depth += 1
    assert depth == MAX_LIST_LEVEL
    from wres_convert.writers.html import blocks_html
    from wres_convert.writers.markdown import blocks_md

    assert blocks_html(items).count("<li>") == 5000
    assert all(f"item {n}" in blocks_md(items) for n in (0, 8, 9, 4999))


def test_a_deep_word_body_that_is_also_broken_is_called_damaged() -> None:
    """Past libxml2's depth and not well-formed either: expat, which flattens it, cannot read it,
    and the file is reported as damaged, not as an internal error."""
    broken = docx_tables(300) + "<w:p><w:r><w:t>unclosed</w:r></w:p>"
    with pytest.raises(ConversionError) as caught:
        read_document(sample_docx_with(broken), "deep.docx")
    assert caught.value.code == "corrupt-docx", caught.value.code
