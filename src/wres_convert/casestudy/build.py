"""The case-study model, and building it from a mapped submission in the published layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_convert.values import field, replace

if TYPE_CHECKING:
    from dataclasses import InitVar  # read by name (fieldset.py): dataclasses is not loaded for it

from wres_convert.casestudy import privacy
from wres_convert.casestudy.contact import Contact, contact_answers, contact_from_fields, with_sender
from wres_convert.casestudy.images import publishable
from wres_convert.casestudy.indicators import mentioned, split_by_indicator
from wres_convert.casestudy.organisation import find_organisation
from wres_convert.casestudy.refusals import check_answered, check_published
from wres_convert.casestudy.scrub import scrub, scrub_identifiers, scrub_text
from wres_convert.casestudy.structure import tidy
from wres_convert.digest import sha256_hex
from wres_convert.model import (
    Block,
    Document,
    Message,
    Paragraph,
    notes_of,
    text_inlines,
    value,
    without_pictures,
)
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Indicator, Number
from wres_convert.standard.validate import SectionSpec
from wres_convert.template.labels import FIRST_PERSON, addresses_submitter
from wres_convert.template.mapper import Answer, Mapping, map_document
from wres_convert.text.normalise import normalise


@value
class Source:
    file: str
    format: str
    sha256: str


@value
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@value
class Unpublished:
    label: str
    blocks: tuple[Block, ...]


@value
class CaseStudy:
    """The case study in the published layout. ``contact`` (the submitter's details) and ``mapping``
    (whose fields hold them) are init-only: kept off the dataclass fields, so ``asdict()``,
    ``repr()`` and ``==`` never reach them; read them as ``cs.contact`` and ``cs.mapping``."""

    source: Source
    organisation: str
    indicators: tuple[Indicator, ...]
    title: str
    subtitle: str
    slug: str
    sections: tuple[Section, ...]
    unpublished: tuple[Unpublished, ...]
    contact: InitVar[Contact | None] = None
    mapping: InitVar[Mapping | None] = None
    warnings: tuple[Message, ...] = field(default=())
    standard: str = "wres"  # the pack it was built for (Standard.id), whose introduction the page gives
    corrections: tuple[str, tuple[str, ...]] | None = None  # a corrections file applied: (sha256, its keys)

    def __post_init__(self, contact: Contact | None, mapping: Mapping | None) -> None:
        # The default (None) or, from replace(), the property below: either way, the value given.
        object.__setattr__(self, "_contact", contact if isinstance(contact, Contact) else Contact())
        object.__setattr__(self, "_mapping", mapping if isinstance(mapping, Mapping) else Mapping({}, ()))


# Read-only views of the init-only values, set after @dataclass has taken None as their default.
CaseStudy.contact = property(lambda cs: cs._contact, doc="The submitter's contact details.")  # type: ignore[assignment,attr-defined]
CaseStudy.mapping = property(lambda cs: cs._mapping, doc="How the template's questions were found.")  # type: ignore[assignment,attr-defined]


# Text python-slugify would only lower-case and join with dashes: ASCII letters and digits, and
# marks it turns into a dash. Such a slug is made here, without loading slugify (7 ms on a one-file
# run); short, so it is never cut. Anything else (accents, "&", "'", "1,000") goes to slugify.
_DASHED = "-./:;()"  # marks slugify turns into a dash
_ASCII_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # without loading string
_PLAIN_SLUG_CHARS = frozenset(_ASCII_ALNUM + " " + _DASHED)
_TO_SPACE = str.maketrans(_DASHED, " " * len(_DASHED))
SLUG_MAX = 120  # slugify cuts a slug at a word boundary before this
_PLAIN_SLUG_MAX = 100  # shorter than SLUG_MAX: a plain slug is never cut


def slug_for(organisation: str, title: str) -> str:
    text = f"{organisation} {title}"
    if len(text) <= _PLAIN_SLUG_MAX and _PLAIN_SLUG_CHARS.issuperset(text):
        return "-".join(text.lower().translate(_TO_SPACE).split()) or "case-study"
    from slugify import slugify  # python-slugify: transliterates accents, a well-kept library

    return slugify(text, max_length=SLUG_MAX, word_boundary=True) or "case-study"


def _answer_blocks(mapping: Mapping, *uses: str) -> tuple[Block, ...]:
    """The answers with these roles: role by role, each in document order."""
    return tuple(b for use in uses for a in mapping.answers if a.question.use == use for b in a.blocks)


def _indicator_sections(
    mapping: Mapping, standard: Standard
) -> tuple[list[Number], tuple[Block, ...], tuple[Block, ...], list[Message]]:
    """(item numbers, objective blocks, outcome blocks, warnings) from the items role's answer."""
    warnings: list[Message] = []
    answer = _answer_blocks(mapping, standard.item_role)
    segments, before = split_by_indicator(answer, standard)
    position = standard.grammar.position
    if segments:
        numbers = standard.grammar.sort({n for seg in segments for n in seg.numbers})
        # Progress in the pack's order; a segment shared by several indicators ("Indicators 5 and
        # 6: …") appears once, at its first number. sorted() is stable, so segments for the same
        # indicator keep their document order.
        ordered = sorted(segments, key=lambda seg: min(map(position, seg.numbers)))
        outcome: list[Block] = list(before) + [b for seg in ordered for b in seg.blocks]
    else:
        numbers = mentioned(answer, standard)
        outcome = list(answer)
    if not numbers:
        said = standard.fill('no improved {acronym} {noun} was named ("{Noun} N: …")')
        warnings.append(Message("no-indicator", said))
    objective = tuple(Paragraph(text_inlines(standard.objective(n))) for n in numbers)
    return numbers, objective, tuple(outcome), warnings


def _content(
    mapping: Mapping, section: SectionSpec, objective: tuple[Block, ...], outcome: tuple[Block, ...]
) -> tuple[Block, ...]:
    """A section's blocks: the items' questions or progress, or its roles' answers as they are."""
    if section.show == "questions":
        return objective
    if section.show == "progress":
        return outcome
    return _answer_blocks(mapping, *section.uses)


def _private(
    blocks: tuple[Block, ...], where: str, redact: bool, warnings: list[Message]
) -> tuple[Block, ...]:
    """Report other people's personal data in an answer; with ``redact``, replace it."""
    for f in privacy.find(blocks, where):
        action = "removed" if redact else "left in: check it, or convert with --redact"
        warnings.append(Message("private-data", f"{f.kind} in '{where}' ({action})"))
    return privacy.redact(blocks) if redact else blocks


def _unsafe_links(blocks: tuple[Block, ...]) -> int:
    """Links whose target may not be published (javascript:, data:, file: …): the writers keep
    their text and drop the link, and the reviewer should know."""
    from wres_convert.text.links import safe_href

    return sum(1 for s in privacy.spans_of(blocks) if s.href and not safe_href(s.href))


def build_case_study(
    doc: Document,
    source: Source,
    *,
    redact: bool = False,
    titles: dict[Number, str] | None = None,
    standard: Standard | None = None,
) -> CaseStudy:
    """The case study in the published layout of ``standard`` (by default the WRES pack; a run
    passes ``site.load_standard()``). ``titles`` replaces item titles (the page subtitle) by number:
    a site's [titles] settings, so wording can change without a release."""
    standard = standard or Standard.load()
    mapping = map_document(doc, standard.template, standard=standard)
    check_published(doc, standard, mapping)
    check_answered(mapping, standard)
    mapping, private = contact_answers(mapping, standard.template)
    warnings = list(doc.warnings) + list(mapping.warnings) + private
    numbers, objective, outcome, more = _indicator_sections(mapping, standard)
    warnings += more
    contact = with_sender(contact_from_fields(mapping.fields), doc.sender)

    sections = []
    for spec in standard.sections:
        sid, heading = spec.id, standard.heading(spec)
        blocks, leaked = scrub(
            tidy(_content(mapping, spec, objective, outcome), standard.template.subheadings), contact
        )
        if leaked:
            warnings.append(
                Message(
                    "contact-in-answer",
                    f"private contact details (the submitter's, or another named contact's) were removed from '{heading}'",
                )
            )
        if not blocks:
            warnings.append(Message("missing-answer", f"no answer for '{heading}'"))
        elif spec.show != "questions":  # the objective is the indicator's own wording, not the trust's
            blocks = _private(blocks, heading, redact, warnings)
            # After the alt text is cleaned; each picture re-encoded, or left out with a warning.
            blocks = publishable(blocks, heading, warnings)
            if dropped := _unsafe_links(blocks):
                warnings.append(
                    Message(
                        "link-dropped",
                        f"{dropped} link(s) in '{heading}' were not http, https or mailto: text kept, link left out",
                    )
                )
        sections.append(Section(sid, heading, blocks))

    unpublished = []
    for a in mapping.answers:
        if a.question.use == "unpublished" and a.blocks:
            # Never published: its pictures are not kept (nor re-encoded for nothing).
            blocks, _ = scrub(without_pictures(a.blocks)[0], contact)
            # A label may be a line from the submission (an unrecognised question): it quotes
            # no one's e-mail address or phone number, and never the submitter's name.
            label = scrub_text(a.question.label, contact, everyone=True)
            unpublished.append(Unpublished(label, _private(blocks, label, redact, warnings)))

    kept = tuple(b for part in (*sections, *unpublished) for b in part.blocks)
    left = len(notes_of(doc.blocks)) - len(notes_of(kept))
    if left > 0:  # a note hung on a question, a label or the details: the template's own text
        warnings.append(
            Message(
                "note-not-published",
                f"{left} note{'s' if left > 1 else ''} called from the template's own text (a question, "
                f"a label or the contact details) {'were' if left > 1 else 'was'} left out of the case study",
            )
        )
    everything = tuple(b for a in mapping.answers for b in a.blocks)
    if unplaced := _unplaced_prose(mapping.details, standard.template.replies):
        warnings.append(unplaced)
    organisation, problem = find_organisation(mapping.fields, mapping.details, everything)
    if problem:
        warnings.append(problem)
    organisation, named = scrub_identifiers(organisation, contact)
    if named:
        warnings.append(
            Message(
                "contact-in-answer",
                "private contact details (the submitter's, or another named contact's) were removed from the organisation name",
            )
        )
    title = scrub_identifiers(standard.title_for(numbers), contact)[0]
    indicators = tuple(standard.items[n] for n in numbers)
    subtitle = "; ".join((titles or {}).get(i.number, i.title) for i in indicators)
    return CaseStudy(
        source=source,
        organisation=organisation,
        indicators=indicators,
        title=title,
        subtitle=scrub_identifiers(subtitle, contact)[0],
        slug=slug_for(organisation, title),
        sections=tuple(sections),
        unpublished=tuple(unpublished),
        contact=contact,
        mapping=_quoted_safely(mapping, contact),
        warnings=tuple(dict.fromkeys(said_safely(w, contact) for w in warnings)),
        standard=standard.id,
    )


UNPLACED_WORDS = 40  # more prose than a greeting, outside every answer: someone should look


def _unplaced_prose(details: tuple[Block, ...], replies: tuple[str, ...]) -> Message | None:
    """Text before the first question or among the details that no label claimed ("Our aims
    are…" under a heading nobody recognised) is never published; say so rather than lose it
    silently. Not quoted: it may be the submitter's own details."""
    # The form's own introduction speaks to the trust ("Please use this form…"): not the trust's.
    prose = [
        b
        for b in details
        if len(b.text.split()) >= 8
        and (FIRST_PERSON.search(b.text) or not addresses_submitter(b.text))
        and not (normalise(b.text) + " ").startswith(replies)  # "Please find below our return…"
        and not privacy.find((b,), "")  # someone's details: private, read for scrubbing
    ]
    words = sum(len(b.text.split()) for b in prose)
    if words < UNPLACED_WORDS:
        return None
    return Message(
        "unplaced-text",
        f"{len(prose)} paragraph(s) ({words} words) before the first question or among the details "
        "belong to no question and were not published: check nothing was lost (wres-convert check)",
    )


def said_safely(message: Message, contact: Contact) -> Message:
    """A warning that may quote the submission (a question-like line, a label, a guessed
    organisation) never repeats anyone's e-mail address, phone number, NHS or NI number, nor the
    submitter's name. Every warning goes through here, the readers' included."""
    text = privacy.redact_text(scrub_text(message.message, contact, everyone=True))
    return message if text == message.message else Message(message.code, text)


def _quoted_safely(mapping: Mapping, contact: Contact) -> Mapping:
    """The mapping as the review report shows it: the matched question lines and unrecognised
    questions' labels are submission text, cleaned as warnings are. Fields stay as read (they are
    the contact details, never shown)."""

    def clean(text: str) -> str:
        return privacy.redact_text(scrub_text(text, contact, everyone=True))

    def answer(a: Answer) -> Answer:
        match = replace(a.match, text=clean(a.match.text))
        question = a.question
        if question.id.startswith("unrecognised-"):
            question = replace(question, label=clean(question.label))
        return replace(a, match=match, question=question)

    passed = tuple(replace(p, match=replace(p.match, text=clean(p.match.text))) for p in mapping.passed)
    return replace(mapping, answers=tuple(answer(a) for a in mapping.answers), passed=passed)


def source_for(data: bytes, name: str, fmt: str) -> Source:
    return Source(file=name, format=fmt, sha256=sha256_hex(data))
