"""The submitter's contact details: read from the "Your details" fields, kept out of every page.

The fields themselves are never published (the job title included); ``scrub`` removes the
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

from wres_convert.casestudy.privacy import EMAILS, PHONES
from wres_convert.model import Block, Heading, Message, Paragraph, Picture, Table, value
from wres_convert.standard.spec import TemplateSpec
from wres_convert.template.labels import inline_label, question_shaped
from wres_convert.template.mapper import Answer, Mapping
from wres_convert.template.matching import QuestionMatcher
from wres_convert.text import patterns
from wres_convert.text.needles import APOSTROPHE_MARKS
from wres_convert.values import replace

REMOVED = "[contact details removed]"
TITLES = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Revd)"
HONORIFIC = patterns.compile(rf"^(?:{TITLES}\.?\s++)++", re.I)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Letters after a name, as NHS staff sign: honours, degrees, registrations, fellowships.
POST_NOMINALS = _words(
    """MBE OBE CBE DBE KBE RN RGN RMN RNLD RM RHV RSCN SCPHN PhD DPhil MPhil EdD DClinPsy MD MBBS
    MBChB BM BMedSci MSc BSc MA BA MBA DBA MPH MRes LLB LLM PGCE PGDip PGCert FRCP MRCP FRCS FRCGP
    MRCGP FRCPsych MRCPsych FRCN FRCOG FRCA FRCR FRCPCH MRCPCH FFPH MFPH FCIPD MCIPD CIPD Assoc
    FCMI MCMI CMgr FHEA SFHEA ACCA FCCA ACA FCA CPFA CIMA CEng DL JP"""
)
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
_SEGMENTS = patterns.compile(r"[,;|/()\[\]\n]|\s[-–—]\s")  # no \s* around: that would be quadratic
_PEOPLE = patterns.compile(r"\s(?:and|&)\s|&")
_NAME_WORD = patterns.compile(rf"[^\W\d_][\w{APOSTROPHE_MARKS}.\-‐‑–]*")  # O‘Brien, Quimby–Ortiz
_TITLE_WORD = patterns.compile(r"[\w&'-]+")
_PARTICLES = _words(
    "van von der den de del della da di du la le dos das do bin binti ibn bint ben abu ap ab al el ter ten"
)
_FORENAMES_TOO = _words("ben")  # "Yosef ben David", but "Jane Ben Ali": a particle only in lower case
# A particle joined to the surname it starts: "d'Souza", "al-Hassan", "ibn-Said" (a capital follows).
_PREFIXED = patterns.compile(
    rf"(?:d|l|dell|al|el|ad|ar|as|ash|at|az|abu|ibn|bin|bint)[{APOSTROPHE_MARKS}\-‐‑](?=[^\W\d_])"
)


@value
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
    words = _TITLE_WORD.findall(segment.lower())
    return any(w in TITLE_WORDS for w in words)


def _is_name(segment: str) -> bool:
    words = segment.split()
    return (
        0 < len(words) <= 5
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and all(_name_like(w) for w in words)
        and not all(w.strip(",.") in POST_NOMINALS for w in words)
        and not _is_title(segment)
    )


def is_particle(word: str) -> bool:
    """Whether ``word`` is a surname's particle ("van", "de", "ben" but not "Ben")."""
    lower = word.lower()
    return lower in _PARTICLES and (lower not in _FORENAMES_TOO or word == lower)


def _name_like(word: str) -> bool:
    """A capital first ("Smith"), a script without capitals ("محمد"), a particle ("van"), or a
    particle joined to its surname ("d'Souza", "al-Hassan")."""
    first = word[0]
    if first.isupper() or (first.isalpha() and not first.islower()) or is_particle(word):
        return True
    joined = _PREFIXED.match(word)
    return joined is not None and word[joined.end()].isupper()


def _person(text: str) -> str:
    """One person's name, honorifics and letters after it dropped, forenames first: "SMITH Jane"
    (a surname in capitals first, as some forms ask) becomes "Jane SMITH"."""
    words = HONORIFIC.sub("", " ".join(text.split())).strip(" .").split()
    while len(words) > 1 and words[-1].strip(",.") in POST_NOMINALS:
        words.pop()
    # Initials ("J.", "J.A.") are no surname in capitals.
    if (
        len(words) >= 2
        and len(words[0]) > 1
        and "." not in words[0]
        and words[0].isupper()
        and not words[-1].isupper()
    ):
        caps = [w for w in words if w.isupper()]
        words = words[len(caps) :] + caps
    return " ".join(words)


def _people(segment: str) -> list[str]:
    parts = [p.strip() for p in _PEOPLE.split(segment)]
    if len(parts) > 1 and all(_is_name(_person(p)) for p in parts):
        return [_person(p) for p in parts]
    return [_person(segment)] if _is_name(_person(segment)) else []


def parse_names(value: str, *, sentences: bool = False) -> tuple[list[str], str]:
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
    if not names or (sentences and titles):
        # "Head of EDI Jane Smith": no separator; the capitalised non-title words at either end. In
        # sentences, of each segment that named no one: "Our lead is Dr Kwame Boateng (…)".
        for seg in list(titles) if names else segments:
            words = seg.split()
            # A name ends in no particle: "Jane Smith do not publish" names Jane Smith.
            forward = _edge_run(words)
            while forward and is_particle(forward[-1]):
                forward.pop()
            for run in (forward, _edge_run(words[::-1])[::-1]):
                if len(run) >= 2 and len(run) < len(words):
                    names.append(_person(" ".join(run)))
                    titles = [t if t != seg else " ".join(w for w in words if w not in run) for t in titles]
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


def with_sender(contact: Contact, sender: tuple[str, ...]) -> Contact:
    """The submitter's details with those of whoever sent the message the return came in (its
    name, when it names a person, and its address): private wherever they appear."""
    found = [s.strip() for s in sender if s.strip()]
    emails = [s for s in found if EMAILS.pattern.fullmatch(s)]
    people = [
        _person(s) for s in found if s not in emails and len(s.split()) >= 2 and not EMAILS.pattern.search(s)
    ]
    if not emails and not people:
        return contact
    return replace(
        contact,
        name=contact.name or (people[0] if people else ""),
        emails=tuple(dict.fromkeys((*contact.emails, *emails))),
        names=tuple(dict.fromkeys((*contact.names, *people))),
    )


def contact_from_fields(fields: dict[str, str]) -> Contact:
    name, title = fields.get("name", ""), fields.get("job_title", "")
    both = fields.get("name_and_title", "")
    names: list[str] = []
    if name:
        names, _ = parse_names(name)
        names = names or [_person(name)]
    if title:
        names += parse_names(title)[0]  # "role?" answered "Jane Smith, Head of EDI"
    if both:
        more, given_title = parse_names(both)
        names += more
        title = title or given_title
        if not name:
            name = " / ".join(more)
    name = HONORIFIC.sub("", name).strip()
    people = ("contact", "name_and_title", "name", "job_title", "other_contact")
    raw = " ".join(fields.get(k, "") for k in people)
    emails = list(dict.fromkeys(m.group(0) for m in EMAILS.finditer(raw)))[: MAX_PEOPLE * 2]
    phones = list(dict.fromkeys(m.group(0).strip() for m in PHONES.finditer(raw)))[: MAX_PEOPLE * 2]
    # "Contact details: Jane Smith, jane@…": a name there too, when it has two words or more; and
    # a second contact's, who is private like the submitter (never the page's `name`).
    for key in ("contact", "other_contact"):
        rest = fields.get(key, "")
        for found in (*emails, *phones):
            rest = rest.replace(found, ",")
        names += [n for n in parse_names(rest, sentences=key == "other_contact")[0] if len(n.split()) >= 2]
    return Contact(
        name=name,
        job_title=title,
        emails=tuple(emails),
        phones=tuple(phones),
        names=tuple(dict.fromkeys(n for n in names if len(n.replace(" ", "")) >= 4))[:MAX_PEOPLE],
    )


CONTACT_ANSWER_WORDS = 60  # an answer this short that gives an e-mail address or phone number


def _gives_contact(blocks: tuple[Block, ...]) -> str:
    """The text of a short answer that gives an e-mail address or a phone number, or ""."""
    text = " ".join(b.text for b in blocks if not isinstance(b, (Picture, Table)))
    if (
        text
        # The detectors first: with no "@" and few digits they look no further, the word count
        # would split every long paragraph of every answer.
        and any(next(d.finditer(text), None) for d in (EMAILS, PHONES))
        and len(text.split()) <= CONTACT_ANSWER_WORDS
    ):
        return text
    return ""


def _asks(block: Block) -> bool:
    return question_shaped(block) and block.text.rstrip().endswith(("?", ":"))


def _names_a_contact(text: str, spec: TemplateSpec) -> bool:
    """Whether a sentence is about whom to contact, by the cues of the template's contact question,
    or a line labelled as someone's details ("Contact: Sarah Whitfield, sarah.w@…")."""
    matcher = QuestionMatcher.for_spec(spec)
    found = matcher.cue_question(text)
    if found is not None and found[0].field:
        return True
    cut = inline_label(text)
    field = matcher.cue_field(text[:cut].strip().rstrip(":-–— ")) if cut else None
    return field is not None and field[0] != "organisation"


SIGNATURE_LINES = 6  # an e-mail signature's lines, each short
SIGNATURE_WORDS = 8


def _unsigned_signature(answers: list[Answer]) -> tuple[Answer, str] | None:
    """An e-mail ending in a signature with no "Regards" before it: short lines after the last
    answer, one of them an address or a number ("Olu Adeyemi / Head of Inclusion / 07700…").
    They leave the answer and are private."""
    if not answers or not answers[-1].blocks:
        return None
    last = answers[-1]
    tail: list[Block] = []
    for b in reversed(last.blocks):
        if (
            len(tail) == SIGNATURE_LINES
            or not isinstance(b, (Paragraph, Heading))
            or len(b.text.split()) > SIGNATURE_WORDS
            or b.text.rstrip().endswith((".", "!", "?"))  # a sentence of the answer, not a signature line
        ):
            break
        tail.insert(0, b)
    if len(tail) < 2 or len(tail) == len(last.blocks) or not _gives_contact(tuple(tail)):
        return None
    return replace(last, blocks=last.blocks[: len(last.blocks) - len(tail)]), " ".join(b.text for b in tail)


def contact_answers(mapping: Mapping, spec: TemplateSpec) -> tuple[Mapping, list[Message]]:
    """An extra question no template lists whose answer is someone's contact details ("Who
    else can we speak to? Dr A Okafor, a.okafor@nhs.net"): private like the submitter's. Its
    answer leaves the answers and becomes the ``other_contact`` field, so the people it names are
    removed from every answer too. Found as an unrecognised question, or as a question-like line
    inside an answer with only contact details under it."""
    found: list[str] = []
    named: list[str] = []  # sentences naming someone to contact: scrubbed, not removed
    answers = []
    for a in mapping.answers:
        if a.question.id.startswith("unrecognised-") and (text := _gives_contact(a.blocks)):
            found.append(text)
            continue
        blocks, i = list(a.blocks), 0
        for b in blocks:
            # "The lead for this work is our Recruitment Manager, J Pereira (j.pereira@…)": the
            # sentence stays (it may be a tip, "talk to your network early…"); who it names, and
            # their address and number, are removed from it and from every answer.
            if (text := _gives_contact((b,))) and _names_a_contact(text, spec):
                named.append(text)
        while i + 1 < len(blocks):
            # A question with a one-line answer. Its own line is asked about first: few lines are questions.
            one_line = _asks(blocks[i]) and (i + 2 == len(blocks) or _asks(blocks[i + 2]))
            if one_line and (text := _gives_contact((blocks[i + 1],))):
                found.append(text)
                del blocks[i : i + 2]
                continue
            i += 1
        answers.append(a if len(blocks) == len(a.blocks) else replace(a, blocks=tuple(blocks)))
    signed = _unsigned_signature(answers)
    if signed is not None:
        answers[-1], text = signed
        found.append(text)
    # The details' own lines no label claimed ("My details: jane@…, 0123…"): whoever they are, an
    # address or number there is private, and is removed from the answers.
    loose = [text for b in mapping.details if (text := _gives_contact((b,)))]
    if not found and not loose and not named:
        return mapping, []
    fields = dict(mapping.fields)
    if loose:
        fields["contact"] = " ".join(filter(None, (fields.get("contact", ""), *loose)))
    if named:
        fields["other_contact"] = " ".join(filter(None, (fields.get("other_contact", ""), *named)))
    if not found:
        return replace(mapping, fields=fields), []
    fields["other_contact"] = " ".join(filter(None, (fields.get("other_contact", ""), *found)))
    said = Message(
        "other-contact",
        "someone's contact details (a contact question's answer, or an e-mail signature) were kept private",
    )
    return replace(mapping, fields=fields, answers=tuple(answers)), [said]
