"""A scrubbing rule's needle only spares running a rule that could find nothing: whenever the
rule finds the submitter's name, its needle is found too (issue 18)."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from wres_convert.casestudy.contact import Contact
from wres_convert.casestudy.namerules import name_patterns
from wres_convert.casestudy.scrub import _local_parts, finders, glued_patterns, scrub_text

PEOPLE = [
    "Jane Smith",
    "Ian Siara",
    "Siobhan O'Brien",
    "Anna van der Berg",
    "Jürgen Groß",
    "Kate Kelvin",
    "Rose",
    "Mary-Jane McNeil",
    "Dr Olu Adeyemi",
    "Zelda Quimby-Ortiz",
    "Zoë Hart",
]
SEPARATORS = [" ", "  ", "_", ".", "-", ", ", ". ", "", "\n"]


def _forms(person: str, rng: random.Random) -> list[str]:
    """The name written many ways: cases, orders, initials, glued, odd Unicode case forms."""
    words = person.replace("Dr ", "").split()
    out = []
    for _ in range(300):
        picked = [
            rng.choice([w, w.lower(), w.upper(), w.title(), w[:1], w[:1] + ".", w.casefold()])
            for w in rng.sample(words, len(words))
        ]
        if rng.random() < 0.3:
            picked.insert(0, rng.choice(["Dr", "mr", "PROF", "Ms."]))
        text = rng.choice(SEPARATORS).join(picked)
        text = text.replace("k", rng.choice(["k", "\u212a"])).replace(
            "'", rng.choice(["'", "\u2019", "\u2018", "`", "\u02bc", ""])
        )
        text = text.replace("-", rng.choice(["-", " ", "\u2013", " \u2013 ", "_"]))
        text = unicodedata.normalize(rng.choice(["NFC", "NFD"]), text)
        out.append(
            rng.choice(["", "Report by ", "x", "WRES_", "9"]) + text + rng.choice(["", ".docx", "s", " said"])
        )
    return out


@pytest.mark.parametrize("person", PEOPLE)
def test_every_match_holds_its_needle(person: str) -> None:
    rng = random.Random(person)
    rules = [
        *name_patterns(person, r"\s++"),
        *name_patterns(person, r"[\s_.+-]++"),
        *glued_patterns(person, identifiers=False),
        *glued_patterns(person, identifiers=True),
        *_local_parts(
            Contact(name=person, emails=(person.lower().replace(" ", ".") + "@nhs.net",)), (person,)
        ),
    ]
    found = 0
    for text in _forms(person, rng):
        for source, needle in rules:
            if re.search(source, text):
                found += 1
                assert needle.search(text), (source, text)
    assert found


def test_phone_rule_needs_its_digits() -> None:
    contact = Contact(name="Jane Smith", phones=("01246 512618",))
    assert scrub_text("Ring 01246-512-618 today", contact) != "Ring 01246-512-618 today"
    assert scrub_text("Ring +44 1246 512618", contact) != "Ring +44 1246 512618"
    assert scrub_text("Ring 1246 5126", contact) == "Ring 1246 5126"
    assert len(finders(contact)) >= 3


def test_a_rule_is_compiled_only_where_its_needle_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    # Most texts hold no one's name: the submitter's rules (built per return) are not compiled
    # for them.
    person = "Zelda Quimby-Ortiz"
    contact = Contact(name=person)
    sources = {source for source, _ in name_patterns(person, r"\s++")}
    compiled: list[object] = []
    real = re.compile

    def recording(pattern: object, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(re, "compile", recording)
    assert scrub_text("Nothing about anyone here.", contact) == "Nothing about anyone here."
    assert not sources & set(compiled)
    assert "Zelda" not in scrub_text("Zelda Quimby-Ortiz wrote this.", contact)
    assert sources & set(compiled)


def test_no_rule_or_needle_is_compiled_for_text_without_the_submitter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Prose with curly quotes, dashes, pounds and dates, as answers have: the submitter's
    # address, number, local part and run-together name are looked for without compiling a
    # pattern of theirs, which took about a millisecond of every return.
    contact = Contact(
        name="Zelda Quimby-Ortiz",
        emails=("zelda.quimby7@nhs.net",),
        phones=("01246 512618",),
        names=("Zelda Quimby-Ortiz",),
    )
    compiled: list[str] = []
    real = re.compile

    def recording(pattern: object, flags: int = 0) -> re.Pattern[str]:
        compiled.append(str(pattern))
        return real(pattern, flags)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(re, "compile", recording)
    prose = "We spent £5,000 on “Be Yourself” sessions – 12/03/2024 to 30/09/2025, ref 0114 2715."
    assert scrub_text(prose, contact) == prose
    assert not [p for p in compiled if any(k in p.lower() for k in ("quimby", "zelda", "{0,3}+5", "nhs"))]
    out = scrub_text("Write to ZELDA.QUIMBY7@NHS.NET or ring 01246-512-618; zelda.quimby7 said so.", contact)
    assert "ZELDA" not in out and "512" not in out and "quimby7" not in out
