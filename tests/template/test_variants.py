"""The real Chesterfield return, changed the ways real returns differ, must still give exactly
the published sections: other encodings and line endings, e-mail quoting and signatures, lines
wrapped at 72 columns, other template versions' wordings, questions reordered or missing, a
question we do not know, stray page furniture. Fixtures: fixtures/make_variant_fixtures.py."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import FIXTURES, expected_sections
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

FIXTURES = FIXTURES
VARIANTS = FIXTURES / "variants"
PRIVATE = ("Siara", "512618", "07700", "ian.siara")


def builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_variant_fixtures", FIXTURES / "make_variant_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(name: str):  # type: ignore[no-untyped-def]
    cs = convert_bytes((VARIANTS / name).read_bytes(), name)
    assert cs.organisation == "Chesterfield Royal NHS Foundation Trust"
    assert [i.number for i in cs.indicators] == [8]
    sections = {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}
    published = " ".join(sections.values()) + " ".join(blocks_md(u.blocks) for u in cs.unpublished)
    for private in PRIVATE:
        assert private not in published
    return cs, sections


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = builder().build()
    assert sorted(built) == sorted(p.name for p in VARIANTS.iterdir())
    for name, data in built.items():
        assert (VARIANTS / name).read_bytes() == data, name


SAME = [
    "utf-8-with-bom.txt",
    "utf-16-with-bom.txt",
    "utf-16-le-without-bom.txt",
    "utf-16-be-without-bom.txt",
    "windows-1252.txt",
    "crlf-line-endings.txt",
    "cr-line-endings.txt",
    "quoted-e-mail-reply.txt",
    "e-mail-signature.txt",
    "wrapped-at-72-columns.txt",
    "other-template-version.txt",
    "reworded-questions.txt",
    "page-furniture.txt",
    "reordered-and-missing.txt",
]


@pytest.mark.parametrize("name", SAME)
def test_variant_gives_the_published_sections(name: str) -> None:
    _, sections = convert(name)
    assert sections == expected_sections()


def test_missing_objectives_question_only_loses_the_unpublished_objectives() -> None:
    cs, _ = convert("reordered-and-missing.txt")
    assert cs.unpublished == ()


def test_unknown_question_is_reported_and_its_answer_kept_unpublished() -> None:
    cs, sections = convert("unknown-extra-question.txt")
    assert sections == expected_sections()
    labels = [u.label for u in cs.unpublished]
    assert "How did you involve your staff networks in this work?" in labels
    kept = next(u for u in cs.unpublished if u.label.startswith("How did you involve"))
    assert blocks_md(kept.blocks) == "Our BME network reviewed every draft."
    assert "unrecognised-question" in [w.code for w in cs.warnings]


def test_signature_is_reported() -> None:
    cs, _ = convert("e-mail-signature.txt")
    assert "signature" in [w.code for w in cs.warnings]
