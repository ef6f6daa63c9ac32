"""The submitter's contact details: read from the "Your details" fields, kept out of every page.

The fields themselves are never published (the job title included). This module also removes the
submitter's name, e-mail address and telephone number wherever an answer, a label, a warning or a
file name repeats them. Job-title words are left in answers: on their own they are not personal
data, and roles such as "Freedom to Speak Up Guardian" are often part of the story.

A name is found however it is written: "Jane Smith", "Smith, Jane", "SMITH Jane", "J. Smith",
"Dr Smith", split over formatting ("<b>Jane</b> Smith"), run together as user and file names
write it ("JaneSmith", "jsmith_WRES.docx", her e-mail's "jane.smith" alone), and in a field naming
two people ("Jane Smith and Raj Patel") or with the job title first ("Head of EDI - Jane Smith").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wres_convert.casestudy.privacy import (
    EMAILS,
    NOT_AFTER_ALNUM,
    NOT_BEFORE_ALNUM,
    PHONES,
    TIGHT_END,
    TIGHT_START,
    WORD_END,
    WORD_START,
    Finder,
    cut,
    cut_spans,
    find_ranges,
    finder,
    map_inlines,
    spans_of,
)
from wres_convert.model import Block, Span

REMOVED = "[contact details removed]"
TITLES = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Revd)"
HONORIFIC = re.compile(rf"^(?:{TITLES}\.?\s++)++", re.I)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


POST_NOMINALS = _words("MBE OBE CBE RN RMN PhD MSc BSc MA BA MBA DBA FRCP MRCP")
MAX_FIELD = 1000
MAX_PEOPLE = 6  # a "name" field naming more is not one; this also bounds the search work
# Words that mark a job title rather than a name ("Head of EDI", "Deputy Director of Workforce").
TITLE_WORDS = _words(
    """head deputy director assistant associate chief executive officer manager lead leader
    partner guardian adviser advisor consultant coordinator co-ordinator specialist practitioner
    analyst chair chairman chairperson secretary administrator nurse matron midwife doctor
    president senior junior principal programme project team service business people workforce
    equality diversity inclusion engagement organisational development hr od edi ed&i bme bame
    nhs wres ceo coo cfo cpo hrd ftsu network staff clinical medical operations support of for
    the to in at email e-mail tel telephone phone mobile ext extension direct line address"""
)
_SEGMENTS = re.compile(r"[,;|/()\[\]\n]|\s[-–—]\s")  # no \s* around: that would be quadratic
_PEOPLE = re.compile(r"\s(?:and|&)\s|&")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PARTICLES = _words("van von der den de del della da di du la le bin binti al el ter ten")


@dataclass(frozen=True)
class Contact:
    name: str = ""
    job_title: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # each person named, forenames first: "Jane Smith", "Raj Patel"

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "job_title": self.job_title,
            "emails": list(self.emails),
            "phones": list(self.phones),
        }


def _is_title(segment: str) -> bool:
    words = re.findall(r"[\w&'-]+", segment.lower())
    return any(w in TITLE_WORDS for w in words)


def _is_name(segment: str) -> bool:
    words = segment.split()
    return (
        0 < len(words) <= 5
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
        and not _is_title(segment)
    )


def _person(text: str) -> str:
    """One person's name, honorifics and letters after it dropped, forenames first: "SMITH Jane"
    (a surname in capitals first, as some forms ask) becomes "Jane SMITH"."""
    words = HONORIFIC.sub("", " ".join(text.split())).strip(" .").split()
    while len(words) > 1 and words[-1].strip(",.") in POST_NOMINALS:
        words.pop()
    if len(words) >= 2 and len(words[0]) > 1 and words[0].isupper() and not words[-1].isupper():
        caps = [w for w in words if w.isupper()]
        words = words[len(caps) :] + caps
    return " ".join(words)


def _people(segment: str) -> list[str]:
    parts = [p.strip() for p in _PEOPLE.split(segment)]
    if len(parts) > 1 and all(_is_name(_person(p)) for p in parts):
        return [_person(p) for p in parts]
    return [_person(segment)] if _is_name(_person(segment)) else []


def parse_names(value: str) -> tuple[list[str], str]:
    """(the people a name field names, the job title it gives) for "Jane Smith, Head of EDI",
    "Smith, Jane", "Head of EDI - Jane Smith", "Jane Smith and Raj Patel"…"""
    # A name field is short: the first MAX_FIELD characters say who, and bound the work.
    segments = [s.strip() for s in _SEGMENTS.split(value[:MAX_FIELD])]
    segments = [s for s in segments if s]
    names: list[str] = []
    titles: list[str] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        nxt = segments[i + 1] if i + 1 < len(segments) else ""
        if len(seg.split()) == 1 and len(nxt.split()) in (1, 2) and _is_name(seg) and _is_name(nxt):
            names.append(_person(f"{nxt} {seg}"))  # "Smith, Jane": surname first
            i += 2
            continue
        found = _people(seg)
        if found:
            names += found
        else:
            titles.append(seg)
        i += 1
    if not names:
        # "Head of EDI Jane Smith": no separator; the capitalised non-title words at either end.
        for seg in segments:
            words = seg.split()
            for run in (_edge_run(words), _edge_run(words[::-1])[::-1]):
                if len(run) >= 2 and len(run) < len(words):
                    names.append(_person(" ".join(run)))
                    titles = [t if t != seg else " ".join(w for w in words if w not in run) for t in titles]
                    break
            if names:
                break
    people = list(dict.fromkeys(n for n in names if n))[:MAX_PEOPLE]
    return people, ", ".join(t for t in titles if t not in names)


def _edge_run(words: list[str]) -> list[str]:
    run = []
    for w in words:
        if not _is_name(w):
            break
        run.append(w)
    return run


def contact_from_fields(fields: dict[str, str]) -> Contact:
    name, title = fields.get("name", ""), fields.get("job_title", "")
    both = fields.get("name_and_title", "")
    names: list[str] = []
    if name:
        names, _ = parse_names(name)
        names = names or [_person(name)]
    if both:
        more, given_title = parse_names(both)
        names += more
        title = title or given_title
        if not name:
            name = " / ".join(more)
    name = HONORIFIC.sub("", name).strip()
    raw = " ".join(fields.get(k, "") for k in ("contact", "name_and_title", "name"))
    emails = list(dict.fromkeys(m.group(0) for m in EMAILS.finditer(raw)))[: MAX_PEOPLE * 2]
    phones = list(dict.fromkeys(m.group(0).strip() for m in PHONES.finditer(raw)))[: MAX_PEOPLE * 2]
    # "Contact details: Jane Smith, jane@…": a name there too, when it has two words or more.
    rest = fields.get("contact", "")
    for found in (*emails, *phones):
        rest = rest.replace(found, ",")
    names += [n for n in parse_names(rest)[0] if len(n.split()) >= 2]
    return Contact(
        name=name,
        job_title=title,
        emails=tuple(emails),
        phones=tuple(phones),
        names=tuple(dict.fromkeys(n for n in names if len(n.replace(" ", "")) >= 4))[:MAX_PEOPLE],
    )


def _word(word: str, *, any_case: bool) -> str:
    """A name word as written, Title-cased or in capitals (lower case too when ``any_case``);
    straight and curly apostrophes alike."""
    forms = {word, word[:1].upper() + word[1:], word.upper(), word.title()}
    if any_case:
        forms.add(word.lower())
    return "(?:" + "|".join(re.escape(f).replace("'", "['’]").replace("’", "['’]") for f in forms) + ")"


def _split(words: list[str]) -> tuple[list[str], list[str]]:
    """(forenames, surname): the surname is the last word with any particles before it
    ("Anna van der Berg")."""
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in _PARTICLES:
        split -= 1
    return words[:split], words[split:]


def _name_patterns(person: str, sep: str) -> list[re.Pattern[str]]:
    words = person.split()
    if not words:
        return []
    sep = f"(?:{sep})"
    given, surname = _split(words)
    sur = sep.join(_word(w, any_case=True) for w in surname)
    title = rf"(?i:{TITLES})\.?{sep}"
    b, e = NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM
    if not given:  # one word: only capitalised, so a name like "Rose" leaves "rose" alone
        return [re.compile(rf"{b}(?:{title})?{sep.join(_word(w, any_case=False) for w in surname)}{e}")]
    full = sep.join(_word(w, any_case=True) for w in words)
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
        rf"{title}{capital_sur}",  # Dr Smith, Mr. Smith
    ]
    return [re.compile(f"{b}(?:{'|'.join(forms)}){e}")]


def _email_of(person: str) -> Finder:
    """Any e-mail address whose local part is the person's name ("jane.smith@…", "smith_jane@…")."""
    words = [re.sub(r"\W", "", w).lower() for w in person.split()]
    if len(words) < 2 or not all(words):
        return lambda text: ()
    given, surname = words[0], words[-1]
    glued = {given + surname, surname + given, given[0] + surname, surname + given[0]}

    def valid(m: re.Match[str]) -> bool:
        local = re.sub(r"[\W_\d]", "", m.group(0).split("@")[0].lower())
        return local in glued

    return finder(EMAILS.pattern, valid)


def _letters(word: str) -> str:
    return re.sub(r"[\W\d_]", "", word)


def _alternatives(forms: set[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def glued_patterns(person: str, *, identifiers: bool) -> list[re.Pattern[str]]:
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
    if len(first) >= 2 and len(first + sur) >= 5:
        pairs = {(first, sur), ("".join(names), sur), (sur, first)}
        either = "|".join(f"{re.escape(a)}{joint}{re.escape(b)}" for a, b in sorted(pairs))
        out.append(rf"(?i:{either})")
    if len(sur) >= 3:
        initials = {first[0].upper(), "".join(n[0].upper() for n in names)}
        cased = {caps} | ({sur} if not sur.isupper() else set())  # "McNeil" as written; never "AWARD"
        out.append(_alternatives({f for x in initials for c in cased for f in (x + c, c + x)}))
        if identifiers:
            one_case = {f for x in initials for f in (x + sur, sur + x)}
            tight = _alternatives({g(f) for f in one_case for g in (str.lower, str.upper, str.title)})
            out.append(f"{TIGHT_START}(?:{tight}){TIGHT_END}")
        else:
            out.append(rf"(?i:{re.escape(first[0])}_{re.escape(sur)}|{re.escape(sur)}_{re.escape(first[0])})")
    if not out:
        return []
    b, e = (WORD_START, WORD_END) if identifiers else (NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM)
    return [re.compile(f"{b}(?:{'|'.join(out)}){e}")]


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


def _local_parts(contact: Contact, people: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The submitter's e-mail local parts on their own ("jane.smith wrote"), four characters or
    more, as words. Not one that is a single name word ("jane@…": a forename alone stays) or a
    shared mailbox's ("equality@…")."""
    name_words = {_letters(w).lower() for person in people for w in person.split()}
    locals_ = [e.rsplit("@", 1)[0] for e in contact.emails]
    parts = [
        re.escape(local)
        for local in locals_
        if len(local) >= 4
        and local.lower() not in name_words
        and not all(w in _MAILBOXES or w in TITLE_WORDS for w in re.findall(r"[^\W\d_]+", local.lower()))
    ]
    return [] if not parts else [re.compile(f"{NOT_AFTER_ALNUM}(?i:{'|'.join(parts)}){NOT_BEFORE_ALNUM}")]


def finders(contact: Contact, *, sep: str = r"\s++", identifiers: bool = False) -> list[Finder]:
    """What finds the submitter's details in text: their e-mail addresses and numbers however they
    are spaced, each person's name in the forms above and run together, and the submitter's
    e-mail local parts on their own. ``sep``: what separates name words (file names also use
    "_", "." and "-"); ``identifiers``: the looser run-together forms of file names."""
    found: list[Finder] = [finder(re.compile(re.escape(e), re.I)) for e in contact.emails]
    for phone in contact.phones:
        digits = re.sub(r"\D", "", phone)
        if digits.startswith("44"):
            digits = digits[2:]
        digits = digits.lstrip("0")
        if len(digits) < 6:
            continue
        # The same number however it is spaced, with or without its leading 0 or +44.
        spaced = r"[\s().\/_-]{0,3}+".join(digits)
        found.append(
            finder(re.compile(rf"(?<!\d)(?:(?:\+|00)44[\s_-]?(?:\(0\)[\s_-]?)?|\(?0)?{spaced}(?!\d)"))
        )
    people = contact.names or ((contact.name,) if contact.name else ())
    for person in people:
        if len(person.replace(" ", "")) >= 4:
            found += [finder(p) for p in _name_patterns(person, sep)]
            found += [finder(p) for p in glued_patterns(person, identifiers=identifiers)]
            found.append(_email_of(person))
    found += [finder(p) for p in _local_parts(contact, people)]
    return found


def scrub_text(text: str, contact: Contact, *, everyone: bool = False, mark: str = REMOVED) -> str:
    """``text`` without the submitter's details; ``everyone``: without any e-mail address or
    telephone number either (labels and warnings quote no one's)."""
    rules = finders(contact) + (
        [finder(EMAILS.pattern), finder(PHONES.pattern, PHONES.valid)] if everyone else []
    )
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
        texts.append("".join(s.text for s in inlines))
        return inlines

    map_inlines(blocks, collect)
    everything = "\n".join(texts) + "\n" + "\n".join(s.href or "" for s in spans_of(blocks))
    rules = [r for r in rules if next(iter(r(everything)), None) is not None] if rules else []
    if not rules or not find_ranges(everything, rules):
        return blocks, False
    changed = False

    def change(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        nonlocal changed
        found = find_ranges("".join(s.text for s in inlines), rules)
        out = cut_spans(inlines, found, REMOVED) if found else inlines
        links = tuple(
            s if s.href is None or not find_ranges(s.href, rules) else Span(s.text, s.bold, s.italic)
            for s in out
        )
        changed = changed or links != inlines
        return links

    return map_inlines(blocks, change), changed


_EXTENSION = re.compile(r"\.(?:docx?|pdf|txt|rtf|odt|html?|eml|md|json)$", re.I)
_DANGLING = r"[\s_,;:/()&+-]"  # left around a removed part of a name: "Report - Jane Smith.docx"
_JOINED = re.compile(
    rf"(?<!{_DANGLING}){_DANGLING}*+\x00(?:{_DANGLING}*+(?:and{_DANGLING}++)?\x00)*+{_DANGLING}*+"
)


def scrub_identifiers(text: str, contact: Contact | None) -> tuple[str, bool]:
    """``text`` (a file name, a label) without the submitter's details or any e-mail address or
    telephone number, and whether anything was taken out. Used where published output shows an
    input's name. Names are looked for with "_", "." and "-" between their words as well."""
    rules = [finder(EMAILS.pattern), finder(PHONES.pattern, PHONES.valid)]
    if contact is not None:
        rules += finders(contact, sep=r"[\s_.+-]++", identifiers=True)
    ranges = find_ranges(text, rules)
    if not ranges:
        return text.strip(), False
    ext = _EXTENSION.search(text)
    if ext and ranges[-1][1] > ext.start():  # "jane@nhs.net.docx": the extension is not the domain
        ranges[-1] = (ranges[-1][0], max(ranges[-1][0], ext.start()))
    out = _JOINED.sub(" ", cut(text, ranges, "\x00"))
    out = re.sub(r" ++(?=\.[^.\s]*$)", "", " ".join(out.split())).strip(" _-,;")
    return out, True
