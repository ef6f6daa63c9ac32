"""Recognising a question or field label by its meaning: the cues of a pack's template.

Each question and field lists cues (``standard.cues``): words and phrases with weights
("barrier" = 4, "what got in the way" = 4, "action" = 1). Every cue whose stems appear in a label,
in order and side by side, adds its weight to its role; the best role wins when it is clear of the
runner-up. Known wordings are stronger evidence and are tried first (``matching``).
"""

from __future__ import annotations

from wres_convert.model import value
from wres_convert.standard.cues import Cue, stems

MIN_CUES = 3.0  # the cues alone must say this much: form never makes a label by itself
CLEAR_BY = 2.0  # ahead of the runner-up by this much, or the label is ambiguous


@value
class CueScore:
    """One role's score for a label, and the cues that fired."""

    target: str  # a question's or field's id
    score: float
    fired: tuple[str, ...]


SCORED_MAX = 8192  # lines remembered
PHRASE_GAP = 2  # words a phrase's words may have between them: "what you actually did"
GAPPED_FROM = 3  # phrases this long or longer; a shorter one must stand as written


def _follows(label: tuple[str, ...], start: int, cue: tuple[str, ...]) -> bool:
    """Whether ``cue``'s words follow ``label[start]`` in order, with at most PHRASE_GAP other
    words among them when it has three or more ("What did you actually do?" holds "what did you
    do")."""
    if len(cue) < GAPPED_FROM:
        return cue == label[start : start + len(cue)]  # "about you" is not "about the work you did"
    at, gap = start, 0
    for word in cue[1:]:
        at += 1
        while at < len(label) and label[at] != word:
            at, gap = at + 1, gap + 1
            if gap > PHRASE_GAP:
                return False
        if at >= len(label):
            return False
    return True


class CueScorer:
    """Scores labels against every role's cues. The cues are indexed by their first stem, so a
    label costs a look-up per word, not a comparison per cue."""

    def __init__(self, roles: dict[str, tuple[Cue, ...]]) -> None:
        self.roles = {role: cues for role, cues in roles.items() if cues}
        self.by_first: dict[str, list[tuple[str, Cue]]] = {}
        self._scored: dict[str, tuple[CueScore, ...]] = {}
        for role, cues in self.roles.items():
            for cue in cues:
                self.by_first.setdefault(cue.stems[0], []).append((role, cue))

    def scores(self, text: str) -> list[CueScore]:
        """Every role with a positive score for ``text``, best first (ties in the pack's order).
        Remembered: a line is scored as a question, then as a field, and its label again."""
        cached = self._scored.get(text)
        if cached is None:
            if len(self._scored) > SCORED_MAX:
                self._scored.clear()
            cached = self._scored[text] = self._scores(text)
        return list(cached)

    def _scores(self, text: str) -> tuple[CueScore, ...]:
        label = stems(text)
        fired: dict[str, dict[str, Cue]] = {}
        for i, stem in enumerate(label):
            for role, cue in self.by_first.get(stem, ()):
                if _follows(label, i, cue.stems):
                    fired.setdefault(role, {})[cue.text] = cue  # a cue counts once
        out = []
        for role in self.roles:
            if role in fired:
                total = sum(c.weight for c in fired[role].values())
                if total > 0:
                    order = [c.text for c in self.roles[role] if c.text in fired[role]]
                    out.append(CueScore(role, round(total, 1), tuple(order)))
        return tuple(sorted(out, key=lambda s: -s.score))

    def best(self, text: str, among: frozenset[str] | None = None) -> tuple[CueScore | None, float]:
        """The clear winner among ``among`` (all roles by default) and the runner-up's score, or
        (None, runner-up) when no role says enough or two say it equally."""
        scored = [s for s in self.scores(text) if among is None or s.target in among]
        if not scored:
            return None, 0.0
        runner_up = scored[1].score if len(scored) > 1 else 0.0
        top = scored[0]
        if top.score < MIN_CUES or top.score - runner_up < CLEAR_BY:
            return None, runner_up
        return top, runner_up
