"""The mapper's walk through a document: the answers collected so far, and which one the next
block belongs to. Questions found by their meaning alone stay tentative until a known wording
confirms or overrules them."""

from __future__ import annotations

from dataclasses import replace

from wres_convert.model import Block
from wres_convert.standard.spec import Question
from wres_convert.template.matching import Match


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

    def withdraw(self, qid: str) -> None:
        """A question found by its meaning was a sub-heading after all: give its line and its
        answer back to the answer it interrupted."""
        before, line = self.tentative.pop(qid)
        _, _, blocks = self.found.pop(qid)
        self.order.remove(qid)
        back = self.found[before][2] if before in self.found else self.preamble
        back.extend([line, *blocks])

    def again(self, question: Question, match: Match) -> None:
        """A second question with the role of one already answered (a template that asks about
        barriers and enablers apart): its answer follows the first one's in the same section."""
        n = sum(1 for qid in self.order if qid == question.id or qid.startswith(question.id + "#")) + 1
        self.ask(replace(question, id=f"{question.id}#{n}"), match)
