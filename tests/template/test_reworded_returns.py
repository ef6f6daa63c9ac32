"""The real Chesterfield return typed into other versions of the template, whose questions are
worded in none of the ways the standard pack lists (plain questions, terse headings, numbered
questions; as text and as Word files, some with the questions in a table's first column), must give
exactly the published sections of the original: the organisation, indicator 8, every section. Nobody's
contact details are published: the submitter's, nor those of the second contact some versions ask
for. Fixtures: fixtures/make_reworded_fixtures.py."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from helpers import FIXTURES, expected_sections
from helpers.returns import fixture_builder, sections_of, unpublished_of
from helpers.returns import leaks as find_leaks
from wres_convert.run.convert import convert_bytes, render

REWORDED = FIXTURES / "reworded"
ORGANISATION = "Chesterfield Royal NHS Foundation Trust"

# Everyone's details, as the returns give them: name parts (whole words), e-mails, phones.
PRIVATE_WORDS = ("Ian", "Siara", "Amara", "Okafor", "Tomasz", "Wielgosz")
PRIVATE_STRINGS = (
    "ian.siara",
    "amara.okafor",
    "tomasz.wielgosz",
    "512618",
    "512999",
    "900871",
)


def builder():  # type: ignore[no-untyped-def]
    return fixture_builder("make_reworded_fixtures")


FILES = sorted(p.name for p in REWORDED.iterdir())


def leaks(text: str) -> list[str]:
    return find_leaks(text, PRIVATE_WORDS, PRIVATE_STRINGS)


def convert(name: str):  # type: ignore[no-untyped-def]
    return convert_bytes((REWORDED / name).read_bytes(), name)


def test_there_are_three_versions_each_as_text_and_word() -> None:
    assert sorted(f"{v}.{ext}" for v in builder().VERSIONS for ext in ("txt", "docx")) == FILES


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = builder().build()
    assert sorted(built) == FILES
    for name, data in built.items():
        committed = (REWORDED / name).read_bytes()
        if name.endswith(".txt"):
            assert committed == data, name
            continue
        # Word files: the same parts with the same contents (zip compression may differ by zlib).
        with zipfile.ZipFile(io.BytesIO(data)) as new, zipfile.ZipFile(REWORDED / name) as old:
            assert new.namelist() == old.namelist(), name
            for part in new.namelist():
                assert new.read(part) == old.read(part), f"{name}: {part}"


def test_every_role_is_worded_three_ways_none_of_them_known() -> None:
    """The fixtures are a fair test: each role has a wording per version, all different, and none
    is a wording the standard pack already lists."""
    import tomllib
    from importlib.resources import files

    versions = builder().VERSIONS.values()
    roles = ("details", "organisation", "name_and_title", "contact", "objectives", "indicators")
    roles += ("initiative", "challenges", "learning", "attachments")
    pack = files("wres_convert") / "data" / "standards" / "wres" / "template.toml"
    known = tomllib.loads(pack.read_text(encoding="utf-8"))
    listed = {w.lower() for q in known["question"] for w in q["wordings"]}
    listed |= {w.lower() for f in known["field"] for w in f["labels"]}
    for role in roles:
        wordings = [getattr(v, role) for v in versions]
        assert len(set(wordings)) == len(wordings) >= 3, role
        bare = [re.sub(r"^\d+\.\s*", "", w).lower() for w in wordings]
        assert not set(bare) & listed, role


@pytest.mark.parametrize("name", FILES)
def test_reworded_return_gives_the_organisation_and_indicator(name: str) -> None:
    cs = convert(name)
    assert cs.organisation == ORGANISATION
    assert [i.number for i in cs.indicators] == [8]


@pytest.mark.parametrize("name", FILES)
def test_reworded_return_gives_the_published_sections(name: str) -> None:
    assert sections_of(convert(name)) == expected_sections()


@pytest.mark.parametrize("name", FILES)
def test_reworded_return_keeps_the_objectives_unpublished_and_nothing_published_twice(name: str) -> None:
    """The objectives' answer is read but not published; no published answer is also left in
    ``unpublished`` as an answer the mapper could not place."""
    unpublished = unpublished_of(convert(name))
    for goal in builder().OBJECTIVES:
        assert goal in unpublished
    for published in (
        "We have had an overall improvement in scores",
        "Leading the Chesterfield Way",
        "The 'Be Yourself' group is still in its early stages",
        "We recognise our local demographic",
    ):
        assert published not in unpublished.replace("’", "'")


@pytest.mark.parametrize("name", FILES)
def test_reworded_return_publishes_nobody_s_contact_details(name: str) -> None:
    cs = convert(name)
    where = {
        "organisation": cs.organisation,
        "title": f"{cs.title}\n{cs.subtitle}\n{cs.slug}",
        "sections": "\n".join(sections_of(cs).values()),
        "unpublished": unpublished_of(cs),
        "json": render(cs, "json"),
        "html": render(cs, "html"),
        "md": render(cs, "md"),
    }
    assert {place: leaks(text) for place, text in where.items() if leaks(text)} == {}


def test_the_leak_check_finds_every_private_detail() -> None:
    """The check above is only as good as its list: it finds each detail the fixtures carry."""
    for text in (
        "Ian Siara, Deputy Director",
        "ian.siara@nhs.net",
        "Tel: 01246 512618",
        "Dr Amara Okafor",
        "01246 512 999",
        "Mr Tomasz Wielgosz, 07700 900871",
    ):
        assert leaks(text), text
    assert leaks((FIXTURES / "reworded" / "terse-headings.txt").read_text(encoding="utf-8"))
    assert not leaks("\n".join(expected_sections().values()))
