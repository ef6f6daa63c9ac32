"""The template mapper: find the template's questions in a document and the answers between them.

The questions, field labels and boilerplate live in a standard pack's ``template.toml`` (TemplateSpec);
``matching`` recognises a question; this module walks the document in reading order and gives
each question the blocks that follow it, up to the next question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wres_convert.model import (
    Block,
    Control,
    Document,
    Heading,
    ListItem,
    Message,
    Paragraph,
    Picture,
    Span,
    Table,
    all_italic,
    value,
)
from wres_convert.standard import Standard
from wres_convert.standard.spec import Question, TemplateSpec
from wres_convert.template.fields import is_field, record_field, take_fields
from wres_convert.template.forms import Ask, FieldValue, FormLabel, linearise
from wres_convert.template.labels import (
    BRACKETED,
    FIRST_PERSON,
    addresses_submitter,
    continues_question,
    question_shaped,
)
from wres_convert.template.matching import Match, QuestionMatcher
from wres_convert.template.walk import KNOWN_TEMPLATE, Walk, is_boilerplate, place_by_meaning
from wres_convert.text.normalise import normalise, word_count
from wres_convert.values import field

__all__ = ["Answer", "Mapping", "Match", "PassedOver", "Question", "TemplateSpec", "map_document"]


@value
class Answer:
    question: Question
    match: Match
    blocks: tuple[Block, ...]
    placeholder: bool = False  # the form still showed its prompt: unanswered


@value
class PassedOver:
    """A line whose cues named a question but which was kept as answer text: for the review."""

    match: Match
    question: str  # the question's label
    reason: str


@value
class Mapping:
    fields: dict[str, str]
    answers: tuple[Answer, ...]
    warnings: tuple[Message, ...] = field(default=())
    details: tuple[Block, ...] = ()  # the details area's unlabelled text, and the text before any question
    passed: tuple[PassedOver, ...] = ()  # lines whose cues named a question, left in the answers


def _unrecognised_question(
    block: Block, spec: TemplateSpec, lead: re.Pattern[str], opens: Callable[[str], bool], known: bool
) -> bool:
    """A line set out like a template question and addressed to the trust ("…your…", or a
    question opening as one: "Which WRES numbers got better?"), matching none we know: most
    likely a question from a template version we have not seen. "How we engaged our networks" is
    the trust's own sub-heading."""
    text = block.text.strip()
    norm = normalise(text)
    return (
        question_shaped(block)
        # In a template we know, its questions say "you", "your" or "please"; a question of the
        # trust's own there ("What could the manager have done differently?") is its answer's.
        and (addresses_submitter(text) or (not known and opens(text) and not FIRST_PERSON.search(text)))
        and 5 <= word_count(norm) <= 60
        and norm not in spec.subheadings
        and not lead.match(text)
    )


def _ask_unrecognised(walk: Walk, item: Block) -> Message:
    """Ask a question of a template version we do not know: its answer is kept unpublished."""
    label = " ".join(item.text.split())
    walk.ask(
        Question(f"unrecognised-{len(walk.order) + 1}", "unpublished", label, ()),
        Match(label, "", "none", 0.0),
    )
    return Message(
        "unrecognised-question",
        f"'{label}' looks like a template question but matches none known; its answer is kept in unpublished",
    )


def _sign_off(block: Block, spec: TemplateSpec) -> bool:
    """ "Kind regards", "Thanks, Sam Patel": the start of an e-mail signature."""
    if isinstance(block, (Table, Control, Picture)):
        return False
    text = block.text.strip()
    norm = normalise(text) or text
    if norm in spec.sign_offs_exact:
        return True
    if not norm.startswith(spec.sign_off_starts):
        return False  # the usual line: no sign-off opens it, so the loop below cannot say yes
    for s in spec.sign_offs:
        if norm.startswith(s + " ") or norm.startswith(s + ","):
            rest = text[len(s) :].strip(" ,-").split()
            if len(rest) <= 3 and all(w[:1].isupper() for w in rest):
                return True
    return False


def _wrapped_question(
    block: Block, following: Block | Ask | FieldValue, matcher: QuestionMatcher
) -> tuple[Question, Match, Block | None] | None:
    """A question a reader split over two blocks ("…its aims and any" / "outcomes so far."),
    recognised when the two read together match a wording closely. Its own second block is
    consumed with it."""
    if not isinstance(block, (Paragraph, ListItem, Heading)) or not isinstance(
        following, (Paragraph, Heading)
    ):
        return None
    if (
        word_count(block.text) > 40
        or word_count(following.text) > 20
        or block.text.rstrip().endswith((".", "!", "?"))
    ):
        return None  # a finished sentence is not the first half of a question
    if matcher.match(following) is not None:
        return None  # the second block is a question by itself: the first is an answer
    joined = Paragraph((*block.inlines, Span(" "), *following.inlines))
    hit = matcher.match(joined, by_meaning=False)  # the two halves of a known wording
    if hit and hit[1].how in ("exact", "fuzzy") and hit[2] is None:
        return hit
    return None


GUIDANCE_WORDS = 30


def _continues(
    asked: Block, block: Block, spec: TemplateSpec, lead: re.Pattern[str], wordings: tuple[str, ...] = ()
) -> bool:
    """A block right after a question that is the question's own continuation (a wrapped second
    line, "Please provide details…", or the rest of the known wording it was found by: "And what
    supports, enablers or valued partnerships have helped."), not the start of its answer."""
    if not isinstance(block, (Paragraph, Heading)) or not isinstance(asked, (Paragraph, Heading, ListItem)):
        return False
    if is_field(block, spec) or lead.match(block.text):
        return False  # "Indicator 7: Do you believe…?", even in italics, is the answer
    norm = normalise(block.text)
    if len(norm) >= 12 and any(norm in normalise(w) for w in wordings):
        return True
    text = block.text.strip()
    if word_count(text) <= GUIDANCE_WORDS and (
        BRACKETED.fullmatch(text)  # "(max 500 words)"
        or (
            all_italic(block.inlines)  # an instruction, not a staff member's words ("You made me…")
            and (norm + " ").startswith(spec.openings)
        )
    ):
        return True  # the form's guidance under its question: "Include figures where you can."
    if (normalise(block.text) + " ").startswith(spec.replies):
        return False  # "Please see the attached summary.": the trust answering, not the form asking
    return continues_question(asked.inlines, block.inlines)


def _clean_answer(blocks: list[Block], spec: TemplateSpec, numbers: bool = False) -> tuple[Block, ...]:
    """An answer without template text (``numbers``: as ``is_boilerplate`` takes it)."""
    kept = [
        b for b in blocks if isinstance(b, Picture) or not is_boilerplate(normalise(b.text), spec, numbers)
    ]
    if all(not isinstance(b, Picture) and normalise(b.text) in spec.empty_answers for b in kept):
        return ()
    return tuple(kept)


_LAYOUT = frozenset({"heading", "bold", "short line"})  # set out as a label by its layout alone


def _opens_items(walk: Walk, question: Question) -> bool:
    """Whether an item line may start the items' answer: none is open yet, and the line is not
    inside a published answer (where "Indicator 6 did not change" is the trust's own text)."""
    if walk.has_use(question.use):
        return False
    current = walk.found.get(walk.current_id or "")
    return current is None or current[0].use in ("details", "unpublished")


def _items_from_preamble(walk: Walk, question: Question, standard: Standard, spec: TemplateSpec) -> None:
    """An e-mail that names its indicators in its opening prose and never asks ("We improved on
    indicators 5 and 8: abuse from patients fell…"): with no answer naming the items, those
    paragraphs are it, rather than details nobody publishes."""
    if walk.has_use(question.use):
        return
    naming = [
        b
        for b in walk.preamble
        if isinstance(b, (Paragraph, ListItem))
        and standard.grammar.mention.search(b.text)
        and not addresses_submitter(b.text)
        and not is_field(b, spec)
    ]
    if not naming:
        return
    walk.preamble[:] = [b for b in walk.preamble if all(b is not n for n in naming)]
    how = Match(naming[0].text.strip(), "", "cue", 0.0, (), ("names an item before any question",))
    walk.found[question.id] = (question, how, naming)
    walk.order.insert(0, question.id)


def map_document(
    doc: Document, spec: TemplateSpec | None = None, *, standard: Standard | None = None
) -> Mapping:
    """The answers to ``spec``'s questions (by default ``standard``'s template; the WRES pack's
    when neither is given). The standard's item grammar tells an "Indicator 8:" line from a question."""
    standard = standard or Standard.load()
    spec = spec or standard.template
    lead = standard.grammar.lead
    matcher = QuestionMatcher.for_spec(spec)
    walk = Walk()
    fields: dict[str, str] = {}
    warnings: list[Message] = []
    questions = {normalise(i.question) for i in standard.items.values()}

    def names_item(text: str) -> bool:  # "Indicator 7: …", or an item's own question
        return bool(lead.match(text)) or normalise(text) in questions

    items = linearise(doc.blocks, matcher, spec, names_item)
    item_question = next(q for q in spec.questions if q.use == standard.item_role)
    skip = False
    for index, item in enumerate(items):
        if skip:
            skip = False
            continue
        if isinstance(item, FieldValue):
            record_field(fields, item.field_id, item.value)
            continue
        if isinstance(item, Ask):
            walk.ask(item.question, item.match)
            if item.placeholder:
                walk.placeholders.add(item.question.id)
            continue
        if isinstance(item, FormLabel):
            warnings.append(_ask_unrecognised(walk, item.block))
            continue
        if isinstance(item, Picture):
            # A picture is never a question or a label, whatever its alt text says: it belongs to
            # the answer it sits in (a logo in a signature goes with the signature).
            walk.asked_by = None
            if not walk.in_signature:
                walk.current.append(item)
            continue
        norm = normalise(item.text)
        if not norm:
            continue
        hit = matcher.match(item)
        if (hit is None or not hit[1].strong) and index + 1 < len(items):
            # A known wording split over two lines beats the first line's cues.
            wrapped = _wrapped_question(item, items[index + 1], matcher)
            if wrapped is not None:
                hit, skip = wrapped, True
        if hit and not hit[1].strong and index == 0 and set(hit[1].form) <= _LAYOUT:
            hit = None  # the document's first line is its title ("Sharing what works…"), not a question
        if hit and hit[1].strong:
            qid = hit[0].id
            if qid in walk.tentative and (qid != walk.current_id or walk.found[qid][2]):
                walk.withdraw(qid)
            if qid in walk.found and qid != walk.current_id:
                hit = None  # asked already: here the answer quotes it
            else:
                walk.ask(hit[0], hit[1], item)
        if hit and not hit[1].strong:
            around = (
                items[index - 1] if index else None,
                items[index + 1] if index + 1 < len(items) else None,
            )
            hit = place_by_meaning(hit, item, walk, spec, lead, around, matcher.asks)
        if hit is None and lead.match(item.text) and _opens_items(walk, item_question):
            # "Indicators: 7 and 9. BME staff…" typed with no question before it: the line names
            # the improved items, so it starts their answer, and stays in it whole.
            how = Match(item.text.strip(), "", "cue", 0.0, (), ("names an item",))
            walk.ask(item_question, how, item)
            walk.current.append(item)
            continue
        if hit:
            question, match, rest = hit
            walk.asked_by = item if rest is None else None
            if rest is not None:
                walk.current.append(rest)
            continue
        asked_by, walk.asked_by = walk.asked_by, None
        current = walk.found.get(walk.current_id or "")
        wordings = current[0].wordings if current else ()
        if asked_by is not None and _continues(asked_by, item, spec, lead, wordings):
            walk.asked_by = asked_by  # the question's own next line, split off by the reader: and the next
            continue
        if walk.current_id is not None and _sign_off(item, spec):
            walk.in_signature = True  # names, titles and phone numbers follow: never publish them
        items_answer = current is not None and current[0].use == standard.item_role
        boilerplate = is_boilerplate(norm, spec, numbers=items_answer)  # "3" under the indicators question
        if walk.in_signature and not boilerplate:
            warnings.append(Message("signature", "an e-mail signature after the answers was left out"))
        if walk.in_signature or boilerplate:
            continue
        if (
            walk.current_id is not None
            and _unrecognised_question(item, spec, lead, matcher.opens, walk.strong >= KNOWN_TEMPLATE)
            and not names_item(item.text)  # an indicator's own question, quoted in the answer
            and not is_field(item, spec)
        ):
            warnings.append(_ask_unrecognised(walk, item))
            continue
        walk.current.append(item)

    # Fields are read wherever the form puts them except inside a published answer, and are
    # removed from what they were found in: contact details must never reach a page.
    # What is left of the details once the labelled fields are read: never published, but the
    # organisation may be named there in a sentence.
    _items_from_preamble(walk, item_question, standard, spec)
    details = take_fields(walk.preamble, spec, matcher, fields)
    answers = []
    for qid in walk.order:
        question, match, got = walk.found[qid]
        if question.field:  # a second contact: the whole answer is the field, never published
            record_field(fields, question.field, " ".join(b.text for b in got if not isinstance(b, Picture)))
            continue
        if question.use in ("details", "unpublished"):
            got = take_fields(got, spec, matcher, fields)
        if question.use == "details":
            details += got
        else:
            blocks = _clean_answer(got, spec, numbers=question.use == standard.item_role)
            answers.append(
                Answer(question, match, blocks, placeholder=qid in walk.placeholders and not blocks)
            )
    for a in answers:
        if a.placeholder:
            warnings.append(
                Message(
                    "placeholder-answer", f"'{a.question.label}' still shows the form's prompt: unanswered"
                )
            )
    return Mapping(
        fields=fields,
        answers=tuple(answers),
        warnings=tuple(dict.fromkeys(warnings)),
        details=tuple(
            b for b in details if not isinstance(b, Picture) and not is_boilerplate(normalise(b.text), spec)
        ),
        passed=tuple(PassedOver(m, q.label, why) for m, q, why in walk.passed),
    )
