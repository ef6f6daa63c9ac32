"""The mapper's walk through a document: the answers collected so far, and which one the next
block belongs to. Questions found by their meaning alone stay tentative until a known wording
confirms or overrules them."""

from __future__ import annotations

import re
from collections.abc import Callable

from wres_convert.model import Block, ListItem
from wres_convert.standard.spec import Question, TemplateSpec
from wres_convert.template.fields import is_field
from wres_convert.template.labels import ASKS_THE_TRUST, FIRST_PERSON, addresses_submitter
from wres_convert.template.matching import Match
from wres_convert.text.normalise import normalise
from wres_convert.values import replace


class Walk:
    """The answers collected so far, and which one the next block belongs to."""

    def __init__(self) -> None:
        self.preamble: list[Block] = []
        self.found: dict[str, tuple[Question, Match, list[Block]]] = {}
        self.order: list[str] = []
        self.placeholders: set[str] = set()
        self.current: list[Block] = self.preamble
        self.current_id: str | None = None
        self.in_signature = False
        self.asked_by: Block | None = None  # the question block just read, while nothing followed it
        # Questions found by their meaning alone, with the answer that was open and the line that
        # asked: a known wording of the same question later shows that line was a sub-heading.
        self.tentative: dict[str, tuple[str | None, Block]] = {}
        self.strong = 0  # questions found by a known wording or a control
        self.parts: dict[str, int] = {}  # how many times each question was asked, for "learning#2"
        self.passed: list[tuple[Match, Question, str]] = []  # cue lines kept as answer text, and why

    def ask(self, question: Question, match: Match, line: Block | None = None) -> None:
        if question.id not in self.found:
            if not match.strong and line is not None:
                self.tentative[question.id] = (self.current_id, line)
            self.found[question.id] = (question, match, [])
            self.order.append(question.id)
        elif match.strong:
            # The cues or the wording found it; a known wording or the form's own control confirms
            # it: report the stronger.
            q, _, blocks = self.found[question.id]
            self.found[question.id] = (q, match, blocks)
            self.tentative.pop(question.id, None)
        self.strong += match.strong
        self.current, self.current_id = self.found[question.id][2], question.id
        self.in_signature = False

    def has_use(self, use: str) -> bool:
        """Whether a question with this role has been asked."""
        return any(q.use == use for q, _, _ in self.found.values())

    def pass_over(self, match: Match, question: Question, reason: str) -> None:
        """A line whose cues named ``question``, kept as answer text: recorded for the review."""
        self.passed.append((match, question, reason))

    def withdraw(self, qid: str) -> None:
        """A question found by its meaning was a sub-heading after all: give its line and its
        answer back to the answer it interrupted."""
        before, line = self.tentative.pop(qid)
        question, match, blocks = self.found.pop(qid)
        self.pass_over(
            match, question, "the question came later in a known wording, or nothing followed this line"
        )
        self.order.remove(qid)
        back = self.found[before][2] if before in self.found else self.preamble
        back.extend([line, *blocks])

    def again(self, question: Question, match: Match) -> None:
        """A second question with the role of one already answered (a template that asks about
        barriers and enablers apart): its answer follows the first one's in the same section."""
        self.parts[question.id] = n = self.parts.get(question.id, 1) + 1  # counted, not searched for
        self.ask(replace(question, id=f"{question.id}#{n}"), match)


def is_boilerplate(norm: str, spec: TemplateSpec, numbers: bool = False) -> bool:
    """Template text, placeholder or page furniture. ``numbers``: in the answer naming the items,
    where a line that is only a number ("8") is the answer, not a page number."""
    if numbers and norm.isdigit():
        return False
    return (
        norm in spec.boilerplate_exact
        or norm.startswith(spec.boilerplate_prefixes)
        or norm.startswith(spec.placeholders)
        or any(p.match(norm) for p in spec.furniture)
    )


def _sibling(item: Block, other: object) -> bool:
    """Another item of the same numbered list, beside ``item``."""
    return (
        isinstance(item, ListItem)
        and isinstance(other, ListItem)
        and other.ordered
        and other.level == item.level
    )


KNOWN_TEMPLATE = 3  # questions found by known wordings: the template is one we know


def place_by_meaning(
    hit: tuple[Question, Match, Block | None],
    item: Block,
    walk: Walk,
    spec: TemplateSpec,
    lead: re.Pattern[str],
    around: tuple[object, object] = (None, None),
    asks: Callable[[str], bool] = addresses_submitter,
) -> tuple[Question, Match, Block | None] | None:
    """Whether a line recognised by its cues alone asks its question here, and if so ask it.
    It does not when it is an item line ("Indicator 8: …"), a field, boilerplate, or, inside a
    template we know, a line that does not speak to the trust as template questions do (the
    trust's own sub-heading "Impact on staff")."""
    question, match, _ = hit
    text = item.text.strip()
    if lead.match(text) or is_boilerplate(normalise(text), spec):
        return None
    if is_field(item, spec) and not question.field:
        return None  # "Trust: …", "Email: …": the details, read as fields
    template_like = asks(text) or (text.endswith("?") and not FIRST_PERSON.search(text))
    asked_strongly = (
        walk.asked_by is not None and walk.current_id in walk.found and walk.found[walk.current_id][1].strong
    )
    under_known = asked_strongly and not addresses_submitter(text)  # else a blank answer: the next question
    if walk.asked_by is not None and (
        under_known or match.form in (("label: answer",), ("question: answer",))
    ):
        # Right under a question, "Close the loop: tell staff what happened…" or "What made the
        # difference was…" is its answer.
        return walk.pass_over(match, question, "the first line under a question is its answer")
    if match.form == ("numbered",) and not template_like and any(_sibling(item, b) for b in around):
        # "b) A number of wider staff initiatives"
        return walk.pass_over(match, question, "an item of a numbered list in the answer")
    if walk.strong >= KNOWN_TEMPLATE and not (
        addresses_submitter(text) or (asks(text) and not text.endswith("?"))
    ):
        # Inside a template we know, its questions speak to the trust ("…your…", "Please…",
        # "Tell us…"); "What difference has it made?" there is the trust's own sub-heading.
        return walk.pass_over(
            match,
            question,
            "a known template, and the line does not speak to the trust: the answer's sub-heading",
        )
    if question.id in walk.tentative and not walk.found[question.id][2] and question.id != walk.current_id:
        walk.withdraw(question.id)  # asked by a line with nothing under it: a title, not the question
    if question.id not in walk.found:
        walk.ask(question, match, item)
    elif question.id == walk.current_id or not template_like:
        return walk.pass_over(
            match, question, "the question is answered already: a sub-heading of its answer"
        )
    elif walk.found[question.id][1].strong and set(match.form) <= {ASKS_THE_TRUST}:
        # The template asked it in its known wording; a sentence of the answer that speaks like
        # an instruction ("Give mentors a space to…") is no second asking.
        return walk.pass_over(match, question, "asked already in its known wording: a line of the answer")
    else:
        walk.again(question, match)
    return hit
