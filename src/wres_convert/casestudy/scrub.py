"""Finding the submitter's details wherever they are repeated, and taking them out: in answers,
labels, warnings and file names. A name is found however it is written (see ``namerules``).

The patterns made here from a submission's details use ``re.compile``, not the kept
``patterns.compile``: they differ with every submission, and kept they would only fill the cache."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from wres_convert.casestudy.contact import (
    _PARTICLES,
    REMOVED,
    TITLE_WORDS,
    Contact,
    _words,
)
from wres_convert.casestudy.namerules import Rule, name_patterns, split_name
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
from wres_convert.text.needles import EITHER_APOSTROPHE, Literals
from wres_convert.text.normalise import digits_of, normal_forms
from wres_convert.values import replace

# The fixed patterns of this module, kept between runs like every static one.
_NON_WORD = lazy_pattern(r"\W")
_NON_LETTER = lazy_pattern(r"[\W\d_]")
_LETTERS = lazy_pattern(r"[^\W\d_]+")
_BEFORE_EXTENSION = lazy_pattern(r" ++(?=\.[^.\s]*$)")  # "Report .docx": the space before the extension


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
    given, surname = split_name(person.split())
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
    forms = normal_forms(literals)
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
            found += [_needled(r) for r in name_patterns(person, sep)]
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
