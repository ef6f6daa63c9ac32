"""How a person's name is written, as patterns: each word in its case forms, any apostrophe
for any other, a double-barrelled name's parts joined by any dash, accents composed or not, and the
forms a name takes ("Smith, Jane", "J. Smith", "Dr Smith"). ``scrub`` finds the submitter with them.

The patterns use ``re.compile`` when they are used, not the kept ``patterns.compile``: they differ
with every submission."""

from __future__ import annotations

import re

from wres_convert.casestudy.contact import _PARTICLES, TITLES, is_particle
from wres_convert.casestudy.privacy import NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.needles import APOSTROPHE_MARKS, APOSTROPHES, Literals, Needle
from wres_convert.text.normalise import normal_forms

# A rule's source and its needle: a part every match of the rule holds, built from the same
# pieces. The needle is found without the rule, whose look-behind must be tried at every
# character, and mostly without compiling anything (text/needles.py); the rule runs only where
# its needle is found, and is compiled only then: most texts a case study scrubs hold no one's
# name, and compiling a submitter's rules and needles took a millisecond of every return.
Rule = tuple[str, Needle]


def _case_forms(word: str, *, any_case: bool) -> set[str]:
    """A name word as written, Title-cased, capitalised ("Mcneil", "O'brien") or in capitals (lower
    case too when ``any_case``), its accents composed or not (a Mac's file names decompose them)."""
    forms = {word, word[:1].upper() + word[1:], word.upper(), word.title(), word.capitalize()}
    if any_case:
        forms.add(word.lower())
    return normal_forms(forms)


def _parts(word: str) -> list[str]:
    """A double-barrelled name's parts ("Quimby-Ortiz"), each matched in its own case forms."""
    return [p for p in _HYPHEN().split(word) if p] or [word]


_DASHES = re.escape("-‐‑‒–—")
_HYPHEN = lazy_pattern(f"[{_DASHES}]+")
_DASH_JOIN = rf"\s*+[{_DASHES}_]\s*+"  # between a double-barrelled name's parts: any dash, spaced or not
_MARK_RUN = lazy_pattern(f"{APOSTROPHES}{{2,}}")
# Any run of marks for a name's apostrophe, or none where it may be left out; possessive, so a
# long run cannot make the search backtrack.
_APOSTROPHE_RUN = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, APOSTROPHES + "++"))
_ANY_OR_NO_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS, APOSTROPHES + "*+"))


def _one_mark(word: str) -> str:
    """``word`` with a run of apostrophes as one: no name holds two together."""
    return _MARK_RUN().sub("'", word)


def _unmarked_capital(word: str) -> bool:
    """Whether an apostrophe in ``word`` may be left out: where a capital follows it, as in
    O'Brien or D'Souza ("OBrien"), never in Sa'id, whose "Said" is a word."""
    return any(c in APOSTROPHE_MARKS and word[i + 1 : i + 2].isupper() for i, c in enumerate(word))


def _word_needle(word: str) -> Literals:
    """A part every match of ``_word`` holds, as literals: its last part's case forms (any_case),
    apostrophes aside (a superset of what the pattern allows, as a needle may be)."""
    forms = _case_forms(_parts(_one_mark(word))[-1], any_case=True)
    return Literals(forms, apostrophes="optional")


def _word(word: str, *, any_case: bool, spaced: str = "") -> str:
    """A name word as a pattern: each part in its case forms, any dash between parts
    ("Quimby–Ortiz" for Quimby-Ortiz), any apostrophe for any other, left out where a capital
    follows it ("OBrien"). ``spaced``: the forename, an initial or a title is there too, so
    looser forms are the person as well: the parts capitalised with ``spaced`` between them
    ("Zelda Quimby Ortiz"), and a capitalised form without its apostrophe ("Omar Said"). Alone,
    "field long", "Hall Green" and "said" are words."""
    word = _one_mark(word)
    always = _unmarked_capital(word)

    def form(f: str) -> str:
        drop = always or (bool(spaced) and f[:1].isupper())
        # One pass over the marks: replacing one then the next would rewrite the first's class too.
        return re.escape(f).translate(_ANY_OR_NO_APOSTROPHE if drop else _APOSTROPHE_RUN)

    def part(p: str, case: bool) -> str:
        return "(?:" + "|".join(form(f) for f in _case_forms(p, any_case=case)) + ")"

    parts = _parts(word)
    dashed = _DASH_JOIN.join(part(p, any_case) for p in parts)
    if len(parts) == 1 or not spaced:
        return dashed
    return f"(?:{dashed}|{spaced.join(part(p, False) for p in parts)})"


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """(forenames, surname): the surname is the last word with any particles before it
    ("Anna van der Berg")."""
    split = len(words) - 1
    while split > 1 and is_particle(words[split - 1]):
        split -= 1
    return words[:split], words[split:]


def name_patterns(person: str, sep: str) -> list[Rule]:
    """Every form below holds the last surname word as ``_word`` writes it (one of its
    ``any_case=True`` forms, of which the ``any_case=False`` ones are some): its needle."""
    words = person.split()
    if not words:
        return []
    sep = f"(?:{sep})"
    given, surname = split_name(words)
    splits = [(given, surname)]
    if len(given) > 1 and given[-1].lower() in _PARTICLES:  # "Jane Ben Ali": Ben may be either
        splits.append((given[:-1], [given[-1], *surname]))
    forms = [form for g, s in splits for form in _name_forms(words, g, s, sep)]
    return [(f"{NOT_AFTER_ALNUM}(?:{'|'.join(forms)}){NOT_BEFORE_ALNUM}", _word_needle(surname[-1]))]


def _name_forms(words: list[str], given: list[str], surname: list[str], sep: str) -> list[str]:
    sur = sep.join(_word(w, any_case=True, spaced=sep) for w in surname)
    title = rf"(?i:{TITLES})\.?{sep}"
    # With a title or an initial, a double-barrelled surname may be spaced ("Mr Al Hassan"); alone,
    # not ("Hall Green").
    titled = sep.join(_word(w, any_case=False, spaced=sep) for w in surname)
    if not given:  # one word: only capitalised, so a name like "Rose" leaves "rose" alone
        one = sep.join(_word(w, any_case=False) for w in surname)
        return [f"{title}{titled}", one]
    full = sep.join(_word(w, any_case=True, spaced=sep) for w in words)
    first = _word(given[0], any_case=True, spaced=sep)
    initial = re.escape(given[0][0].upper())
    return [
        rf"(?:{title})?{full}",  # Jane Anne Smith, Dr Jane Smith
        rf"(?:{title})?{first}{sep}{sur}",  # Jane Smith
        rf"{sur},?{sep}{first}(?:{sep}{sep.join(_word(w, any_case=True) for w in given[1:])})?",  # Smith, Jane
        # J. Smith, J.A. Smith, J Smith: the initial and surname capitalised, so "a hall" is not "A. Hall"
        rf"{initial}(?:\.{sep}?+|{sep})(?:[A-Z](?:\.{sep}?+|{sep})){{0,3}}{titled}",
        rf"{titled},?{sep}{initial}\.?",  # Smith J, SMITH, J.
        rf"{title}{titled}",  # Dr Smith, Mr. Smith
        # Dr Cruz for Ana de la Cruz: a title with the surname's last word, without its particles.
        *([rf"{title}{_word(surname[-1], any_case=False, spaced=sep)}"] if len(surname) > 1 else []),
    ]
