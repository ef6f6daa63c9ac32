"""The real Chesterfield return typed into an e-mail under the submitter's own short labels ("Our
organisation: X", "what we have done", "Indicator we improved: 8", "Area of improvement: Indicator
eight (discrimination)"), with a greeting and a signature, must give exactly the published sections
of the original: the organisation, indicator 8, every section; and nobody's contact details, neither
the submitter's (in the answers and the signature) nor a second contact's, are published.
Fixtures: fixtures/make_email_body_fixtures.py."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, expected_sections
from helpers.returns import fixture_builder, sections_of, unpublished_of
from helpers.returns import leaks as find_leaks
from wres_convert.run.convert import convert_bytes, render

EMAILS = FIXTURES / "email-body"
ORGANISATION = "Chesterfield Royal NHS Foundation Trust"

# Everyone's details, as the e-mails give them: name parts (whole words), e-mails, phones.
PRIVATE_WORDS = ("Ian", "Siara", "Amara", "Okafor")
PRIVATE_STRINGS = ("ian.siara", "amara.okafor", "512618", "512999")


def builder():  # type: ignore[no-untyped-def]
    return fixture_builder("make_email_body_fixtures")


FILES = sorted(p.name for p in EMAILS.iterdir())


def leaks(text: str) -> list[str]:
    return find_leaks(text, PRIVATE_WORDS, PRIVATE_STRINGS)


def convert(name: str):  # type: ignore[no-untyped-def]
    return convert_bytes((EMAILS / name).read_bytes(), name)


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = builder().build()
    assert sorted(built) == FILES
    assert len(FILES) >= 4
    for name, data in built.items():
        assert (EMAILS / name).read_bytes() == data, name


@pytest.mark.parametrize("name", FILES)
def test_email_body_gives_the_organisation_and_indicator(name: str) -> None:
    cs = convert(name)
    assert cs.organisation == ORGANISATION
    assert [i.number for i in cs.indicators] == [8]


@pytest.mark.parametrize("name", FILES)
def test_email_body_gives_the_published_sections(name: str) -> None:
    assert sections_of(convert(name)) == expected_sections()


@pytest.mark.parametrize("name", FILES)
def test_email_body_publishes_nobody_s_contact_details(name: str) -> None:
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


@pytest.mark.parametrize("name", FILES)
def test_email_body_keeps_the_objectives_unpublished_and_nothing_published_twice(name: str) -> None:
    """The objectives' answer is read but not published; no published answer is also left in
    ``unpublished`` as an answer the mapper could not place."""
    unpublished = unpublished_of(convert(name)).replace("’", "'")
    for goal in builder().OBJECTIVES:
        assert goal.replace("’", "'") in unpublished
    for published in (
        "We have had an overall improvement in scores",
        "Leading the Chesterfield Way",
        "The 'Be Yourself' group is still in its early stages",
        "We recognise our local demographic",
    ):
        assert published not in unpublished


def test_the_leak_check_finds_every_private_detail() -> None:
    for text in ("Ian Siara", "IAN.SIARA@NHS.NET", "01246 512 618", "Dr Amara Okafor", "01246512999"):
        assert leaks(text), text
    for name in FILES:
        assert leaks((EMAILS / name).read_text(encoding="utf-8")), name
    assert not leaks("\n".join(expected_sections().values()))
