"""The real Chesterfield return with its indicator given by tick boxes, as trusts send them: Word
check-box controls (one with every glyph stale), legacy FORMCHECKBOX fields in a protected form,
typed ☒/☐ and "X" columns, a tick list of paragraphs, two ticked indicators, and the number alone
in words. Each gives the published sections of the original return (two ticked: its objective
names both). Fixtures: fixtures/make_tickbox_fixtures.py."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from helpers import FIXTURES, expected_sections
from wres_convert.run.convert import convert_bytes
from wres_convert.standard import Standard
from wres_convert.writers.markdown import blocks_md

TICKBOX = FIXTURES / "tickbox"


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_tickbox_fixtures", FIXTURES / "make_tickbox_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(name: str) -> tuple[list[object], dict[str, str]]:
    cs = convert_bytes((TICKBOX / name).read_bytes(), name)
    assert cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert not [w.code for w in cs.warnings if w.code in ("no-indicator", "unrecognised-question")]
    sections = {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}
    return [i.number for i in cs.indicators], sections


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = builder().build()
    assert sorted(built) == sorted(p.name for p in TICKBOX.iterdir())
    for name, data in built.items():
        assert (TICKBOX / name).read_bytes() == data, name


SAME = [
    "content-controls.docx",
    "content-controls-stale-glyphs.docx",
    "legacy-form-checkboxes.docx",
    "typed-boxes.docx",
    "typed-x-column.docx",
    "tick-list.docx",
    "number-in-words.docx",
]


@pytest.mark.parametrize("name", SAME)
def test_ticked_indicator_gives_the_published_sections(name: str) -> None:
    numbers, sections = convert(name)
    assert numbers == [8]
    assert sections == expected_sections()


def test_two_ticked_indicators_are_both_the_objective_and_share_the_progress() -> None:
    numbers, sections = convert("two-ticked.docx")
    assert numbers == [5, 8]
    expected = expected_sections()
    standard = Standard.load()
    assert sections.pop("objective") == "\n\n".join(standard.objective(n) for n in (5, 8)).replace("’", "'")
    expected.pop("objective")
    assert sections == expected
