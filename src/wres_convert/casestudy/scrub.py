"""Finding the submitter's details wherever they are repeated, and taking them out: in answers,
labels, warnings and file names. A name is found however it is written (see ``contact``).

The patterns made here from a submission's details use ``re.compile``, not the kept
``patterns.compile``: they differ with every submission, and kept they would only fill the cache."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from wres_convert.casestudy.contact import (
    _PARTICLES,
    REMOVED,
    TITLE_WORDS,
    TITLES,
    Contact,
    _words,
)
from wres_convert.casestudy.privacy import (
    EMAILS,
    NOT_AFTER_ALNUM,
    NOT_BEFORE_ALNUM,
    PHONES,
    TIGHT_END,
    TIGHT_START,
    WORD_END,
    WORD_START,
    Digits,
    Finder,
    cut,
    cut_spans,
    find_ranges,
    finder,
    finding,
    map_inlines,
    searchable,
    spaced_digits,
    spans_of,
)
from wres_convert.model import Block, Span
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.needles import APOSTROPHE_MARKS, APOSTROPHES, EITHER_APOSTROPHE, Literals, Needle
from wres_convert.text.normalise import digits_of
from wres_convert.values import replace

# The fixed patterns of this module, kept between runs like every static one.
_NON_WORD = lazy_pattern(r"\W")
_NON_LETTER = lazy_pattern(r"[\W\d_]")
_LETTERS = lazy_pattern(r"[^\W\d_]+")
_BEFORE_EXTENSION = lazy_pattern(r" ++(?=\.[^.\s]*$)")  # "Report .docx": the space before the extension


def _case_forms(word: str, *, any_case: bool) -> set[str]:
    """A name word as written, Title-cased, capitalised ("Mcneil", "O'brien") or in capitals (lower
    case too when ``any_case``), its accents composed or not (a Mac's file names decompose them)."""
    forms = {word, word[:1].upper() + word[1:], word.upper(), word.title(), word.capitalize()}
    if any_case:
        forms.add(word.lower())
    return _normal_forms(forms)


def _normal_forms(texts: Iterable[str]) -> set[str]:
    """``texts`` with any accents both composed (NFC) and decomposed (NFD): "Zoë" is either."""
    out = set(texts)
    if not all(t.isascii() for t in out):
        import unicodedata

        out |= {unicodedata.normalize(form, t) for t in list(out) for form in ("NFC", "NFD")}
    return out


def _parts(word: str) -> list[str]:
    """A double-barrelled name's parts ("Quimby-Ortiz"), each matched in its own case forms."""
    return [p for p in _HYPHEN().split(word) if p] or [word]


_DASHES = re.escape("-‐‑‒–—")
_HYPHEN = lazy_pattern(f"[{_DASHES}]+")
_DASH_JOIN = rf"\s*+[{_DASHES}]\s*+"  # between a double-barrelled name's parts: any dash, spaced or not
_MARK_RUN = lazy_pattern(f"{APOSTROPHES}{{2,}}")
_NO_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHE_MARKS))
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
    """A name word as a pattern: each part in its case forms and any dash between parts
    ("Quimby–Ortiz" for Quimby-Ortiz), or ``spaced`` between parts in their capitalised forms
    ("Zelda Quimby Ortiz", only where the forename is there too: "field long" and "Hall Green"
    are also words); any apostrophe matching any other, or none where a capital follows."""
    word = _one_mark(word)
    marks = _ANY_OR_NO_APOSTROPHE if _unmarked_capital(word) else _APOSTROPHE_RUN

    def part(p: str, case: bool) -> str:
        # One pass over the marks: replacing one then the next would rewrite the first's class too.
        return "(?:" + "|".join(re.escape(f).translate(marks) for f in _case_forms(p, any_case=case)) + ")"

    parts = _parts(word)
    dashed = _DASH_JOIN.join(part(p, any_case) for p in parts)
    if len(parts) == 1 or not spaced:
        return dashed
    return f"(?:{dashed}|{spaced.join(part(p, False) for p in parts)})"


def _split(words: list[str]) -> tuple[list[str], list[str]]:
    """(forenames, surname): the surname is the last word with any particles before it
    ("Anna van der Berg")."""
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in _PARTICLES:
        split -= 1
    return words[:split], words[split:]


# A rule's source and its needle: a part every match of the rule holds, built from the same
# pieces. The needle is found without the rule, whose look-behind must be tried at every
# character, and mostly without compiling anything (text/needles.py); the rule runs only where
# its needle is found, and is compiled only then: most texts a case study scrubs hold no one's
# name, and compiling a submitter's rules and needles took a millisecond of every return.
Rule = tuple[str, Needle]


def _needled(rule: Rule) -> Finder:
    source, needle = rule
    compiled: list[Finder] = []  # the rule, compiled the first time its needle is found

    def find(text: str) -> Iterator[tuple[int, int]]:
        if needle.search(text) is None:
            return iter(())
        if not compiled:
            compiled.append(finder(re.compile(source)))
        return compiled[0](text)

    return find


def _name_patterns(person: str, sep: str) -> list[Rule]:
    """Every form below holds the last surname word as ``_word`` writes it (one of its
    ``any_case=True`` forms, of which the ``any_case=False`` ones are some): its needle."""
    words = person.split()
    if not words:
        return []
    sep = f"(?:{sep})"
    given, surname = _split(words)
    sur = sep.join(_word(w, any_case=True, spaced=sep) for w in surname)
    title = rf"(?i:{TITLES})\.?{sep}"
    b, e = NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM
    needle = _word_needle(surname[-1])
    # With a title, a double-barrelled surname may be spaced ("Mr Al Hassan"); alone, not ("Hall Green").
    titled = sep.join(_word(w, any_case=False, spaced=sep) for w in surname)
    if not given:  # one word: only capitalised, so a name like "Rose" leaves "rose" alone
        one = sep.join(_word(w, any_case=False) for w in surname)
        return [(rf"{b}(?:{title}{titled}|{one}){e}", needle)]
    full = sep.join(_word(w, any_case=True, spaced=sep) for w in words)
    first = _word(given[0], any_case=True)
    initial = re.escape(given[0][0].upper())
    capital_sur = sep.join(_word(w, any_case=False) for w in surname)
    forms = [
        rf"(?:{title})?{full}",  # Jane Anne Smith, Dr Jane Smith
        rf"(?:{title})?{first}{sep}{sur}",  # Jane Smith
        rf"{sur},?{sep}{first}(?:{sep}{sep.join(_word(w, any_case=True) for w in given[1:])})?",  # Smith, Jane
        # J. Smith, J.A. Smith, J Smith: the initial and surname capitalised, so "a hall" is not "A. Hall"
        rf"{initial}(?:\.{sep}?+|{sep})(?:[A-Z](?:\.{sep}?+|{sep})){{0,3}}{capital_sur}",
        rf"{capital_sur},?{sep}{initial}\.?",  # Smith J, SMITH, J.
        rf"{title}{titled}",  # Dr Smith, Mr. Smith
    ]
    return [(f"{b}(?:{'|'.join(forms)}){e}", needle)]


def _email_of(person: str) -> Finder:
    """Any e-mail address whose local part is the person's name ("jane.smith@…", "smith_jane@…")."""
    words = [_NON_WORD().sub("", w).lower() for w in person.split()]
    if len(words) < 2 or not all(words):
        return lambda text: ()
    given, surname = words[0], words[-1]
    glued = {given + surname, surname + given, given[0] + surname, surname + given[0]}

    def valid(m: re.Match[str]) -> bool:
        local = _NON_LETTER().sub("", m.group(0).split("@")[0].lower())
        return local in glued

    return finder(EMAILS.pattern, valid, EMAILS.needs)


def _letters(word: str) -> str:
    return _NON_LETTER().sub("", word)


def _alternatives(forms: set[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def glued_patterns(person: str, *, identifiers: bool) -> list[Rule]:
    """A person's name with nothing between its words: forename and surname either way round in
    any case ("janesmith", "SmithJane"); initials and a surname of three letters or more written
    with both capitals ("JSmith", "SmithJA") and, in file names (``identifiers``), also in one
    case ("jsmith", "Smithj"). Answers also have the words joined by ".", "_" or "-"."""
    given, surname = _split(person.split())
    names = [_letters(w) for w in given]
    sur, caps = "".join(_letters(w) for w in surname), "".join(_letters(w).title() for w in surname)
    if not names or not all(names) or len(sur) < 2:
        return []
    first = names[0]
    joint = "" if identifiers else "[._-]?"
    out = []
    held: set[str] = set()  # what each form holds as written: case aside, the needle's words
    if len(first) >= 2 and len(first + sur) >= 5:
        pairs = {(first, sur), ("".join(names), sur), (sur, first)}
        either = "|".join(f"{re.escape(a)}{joint}{re.escape(b)}" for a, b in sorted(pairs))
        out.append(rf"(?i:{either})")
        held.add(sur)
    if len(sur) >= 3:
        initials = {first[0].upper(), "".join(n[0].upper() for n in names)}
        cased = {caps} | ({sur} if not sur.isupper() else set())  # "McNeil" as written; never "AWARD"
        out.append(_alternatives({f for x in initials for c in cased for f in (x + c, c + x)}))
        held |= cased
        if identifiers:
            one_case = {f for x in initials for f in (x + sur, sur + x)}
            written = {g(f) for f in one_case for g in (str.lower, str.upper, str.title)}
            out.append(f"{TIGHT_START}(?:{_alternatives(written)}){TIGHT_END}")
            held |= written
        else:
            out.append(rf"(?i:{re.escape(first[0])}_{re.escape(sur)}|{re.escape(sur)}_{re.escape(first[0])})")
            held.add(sur)
    if not out:
        return []
    b, e = (WORD_START, WORD_END) if identifiers else (NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM)
    # Ignoring case, the needle matches whatever any form holds, as written or ignoring case too.
    return [(f"{b}(?:{'|'.join(out)}){e}", Literals(held, ignore_case=True))]


def name_parts(contact: Contact) -> Finder:
    """Any word of the submitter's name on its own, three letters or more, in any case: for
    document properties, where even "Smith" alone says who sent it."""
    people = contact.names or ((contact.name,) if contact.name else ())
    words = {
        _letters(w)
        for n in people
        for w in n.split()
        if w.lower() not in _PARTICLES and len(_letters(w)) >= 3
    }
    if not words:
        return lambda text: ()
    return finder(re.compile(rf"{WORD_START}(?i:{'|'.join(map(re.escape, sorted(words)))}){WORD_END}"))


# Shared mailboxes: their local part on its own is an ordinary word, not the submitter.
_MAILBOXES = _words(
    "info enquiries enquiry contact contacts admin office mail email hello help support team general wres"
)


def _local_parts(contact: Contact, people: tuple[str, ...]) -> list[Rule]:
    """The submitter's e-mail local parts on their own ("jane.smith wrote"), four characters or
    more, as words, a tagged one also without its tag ("jsmith42" of "jsmith42+wres@…"). Not one
    that is a single name word ("jane@…": a forename alone stays) or a shared mailbox's
    ("equality@…")."""
    name_words = {_letters(w).lower() for person in people for w in person.split()}
    locals_ = [e.rsplit("@", 1)[0] for e in contact.emails]
    locals_ += [local.split("+", 1)[0] for local in locals_ if "+" in local]
    parts = [
        local
        for local in locals_
        if len(local) >= 4
        and local.lower() not in name_words
        and not all(w in _MAILBOXES or w in TITLE_WORDS for w in _LETTERS().findall(local.lower()))
    ]
    if not parts:
        return []
    words, needle = _any_case(*parts)
    return [(f"{NOT_AFTER_ALNUM}{words}{NOT_BEFORE_ALNUM}", needle)]


def _any_case(*literals: str) -> Rule:
    """Any of ``literals`` in any case, any apostrophe for any other ("s.o’brien@…" typed in Word
    for "s.o'brien@…"), accents composed or not, and the needle for it."""
    forms = _normal_forms(literals)
    either = "|".join(re.escape(x).translate(EITHER_APOSTROPHE) for x in sorted(forms, key=len, reverse=True))
    return f"(?i:{either})", Literals(forms, ignore_case=True, apostrophes="any")


def finders(contact: Contact, *, sep: str = r"\s++", identifiers: bool = False) -> list[Finder]:
    """What finds the submitter's details in text: their e-mail addresses and numbers however they
    are spaced, each person's name in the forms above and run together, and the submitter's
    e-mail local parts on their own. ``sep``: what separates name words (file names also use
    "_", "." and "-"); ``identifiers``: the looser run-together forms of file names."""
    return list(_finders(contact, sep, identifiers))


@lru_cache(maxsize=8)  # a case study scrubs each section and answer with the same contact
def _finders(contact: Contact, sep: str, identifiers: bool) -> tuple[Finder, ...]:
    found = [_needled(_any_case(e)) for e in contact.emails]
    for phone in contact.phones:
        digits = digits_of(phone).lstrip("0")  # "07700…", "+44 (0)7700…", "0044 7700…"
        if digits.startswith("44") and len(digits) >= 11:  # a country code before ten digits or nine
            digits = digits[2:].lstrip("0")
        if len(digits) < 6:
            continue
        # The same number however it is spaced, with or without its leading 0 or +44.
        number = rf"(?<!\d)(?:(?:\+|00)44[\s_-]?(?:\(0\)[\s_-]?)?|\(?0)?{spaced_digits(digits)}(?!\d)"
        found.append(_needled((number, Digits(digits))))
    people = contact.names or ((contact.name,) if contact.name else ())
    for person in people:
        if len(person.replace(" ", "")) >= 4:
            found += [_needled(r) for r in _name_patterns(person, sep)]
            found += [_needled(r) for r in glued_patterns(person, identifiers=identifiers)]
            found.append(_email_of(person))
    found += [_needled(r) for r in _local_parts(contact, people)]
    return tuple(found)


def scrub_text(text: str, contact: Contact, *, everyone: bool = False, mark: str = REMOVED) -> str:
    """``text`` without the submitter's details; ``everyone``: without any e-mail address or
    telephone number either (labels and warnings quote no one's)."""
    rules = finders(contact) + ([EMAILS.finder(), PHONES.finder()] if everyone else [])
    return cut(text, find_ranges(text, rules), mark)


def scrub(blocks: tuple[Block, ...], contact: Contact) -> tuple[tuple[Block, ...], bool]:
    """Blocks with the submitter's details replaced, and whether anything was replaced. Each
    paragraph is searched as a whole, so a name split over formatting is found."""
    rules = finders(contact)
    # One search over all the text first: the details are usually only in the details section,
    # which is not published, and then no span needs rebuilding.
    # Each paragraph's spans are joined with nothing between them, as the paragraph joins them:
    # a name split over two spans must survive this first search.
    texts: list[str] = []

    def collect(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        texts.append(searchable(inlines))
        return inlines

    map_inlines(blocks, collect)
    everything = "\n".join(texts) + "\n" + "\n".join(s.href or "" for s in spans_of(blocks))
    rules = finding(everything, rules)
    if not rules or not find_ranges(everything, rules):
        return blocks, False
    changed = False

    def change(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        nonlocal changed
        found = find_ranges(searchable(inlines), rules)
        out = cut_spans(inlines, found, REMOVED) if found else inlines
        links = tuple(
            s if s.href is None or not find_ranges(s.href, rules) else replace(s, href=None) for s in out
        )
        changed = changed or links != inlines
        return links

    return map_inlines(blocks, change), changed


_EXTENSION = lazy_pattern(r"\.(?:docx?|pdf|txt|rtf|odt|html?|eml|md|json)$", re.I)
_DANGLING = r"[\s_,;:/()&+-]"  # left around a removed part of a name: "Report - Jane Smith.docx"
_JOINED = lazy_pattern(
    rf"(?<!{_DANGLING}){_DANGLING}*+\x00(?:{_DANGLING}*+(?:and{_DANGLING}++)?\x00)*+{_DANGLING}*+"
)


def scrub_identifiers(text: str, contact: Contact | None) -> tuple[str, bool]:
    """``text`` (a file name, a label) without the submitter's details or any e-mail address or
    telephone number, and whether anything was taken out. Used where published output shows an
    input's name. Names are looked for with "_", "." and "-" between their words as well."""
    rules = [EMAILS.finder(), PHONES.finder()]
    if contact is not None:
        rules += finders(contact, sep=r"[\s_.+-]++", identifiers=True)
    ranges = find_ranges(text, rules)
    if not ranges:
        return text.strip(), False
    ext = _EXTENSION().search(text)
    if ext and ranges[-1][1] > ext.start():  # "jane@nhs.net.docx": the extension is not the domain
        ranges[-1] = (ranges[-1][0], max(ranges[-1][0], ext.start()))
    out = _JOINED().sub(" ", cut(text, ranges, "\x00"))
    out = _BEFORE_EXTENSION().sub("", " ".join(out.split())).strip(" _-,;")
    return out, True
