"""How a line or a table cell names one of the standard's items (a WRES indicator): "Indicator 7",
"WRES indicator 7: …", a bare "7" beside a tick box, the item's own question, or its short title.
Shared by the answer's line reading (indicators.py) and its tick-box tables (ticktables.py)."""

from __future__ import annotations

from wres_convert.model import Block
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.template.bounds import may_reach_ratio, ratio_reaches
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.normalise import normalise, word_count
from wres_convert.values import field, record

_SENTENCE_END = lazy_pattern(r"[?:.]")

QUESTION_ONLY = 88.0  # rapidfuzz ratio at which a line is an indicator's official question
RESTATED = 85.0  # ... at which a line or cell restates a named indicator's question or title
NAMING_WORDS = 12  # a few words with no figure, all of them (stemmed) from an indicator's wording, name it


@record
class Segment:
    """The blocks under one "Indicator N" line: the progress for the indicators it names."""

    numbers: list[Number]
    blocks: list[Block] = field(default_factory=list)


def official_question(text: str, standard: Standard | None = None) -> Number | None:
    """The indicator whose own question ``text`` is, when a trust names it by its question alone."""
    standard = standard or Standard.load()
    norm = normalise(text)
    if not 5 <= len(norm.split()) <= 60:
        return None
    if not any(
        may_reach_ratio(norm, normalise(w), QUESTION_ONLY)
        for i in standard.items.values()
        for w in i.wordings
    ):
        return None  # no wording comes near: said without loading rapidfuzz
    from rapidfuzz import fuzz

    # Ties go to the later item, as max() over (score, number) pairs did for the WRES's 1…9.
    scored = [
        (max(fuzz.ratio(norm, normalise(w)) for w in i.wordings), k)
        for k, i in enumerate(standard.items.values())
    ]
    score, at = max(scored)
    return list(standard.items)[at] if score >= QUESTION_ONLY else None


def title_of(text: str, standard: Standard) -> Number | None:
    """The item whose short title (indicators.toml) ``text`` is, or the start of it: "Fairer
    disciplinary processes" for "Fairer disciplinary processes for BME staff"."""
    norm = normalise(text)
    if not 2 <= len(norm.split()) <= 15:
        return None
    for n, item in standard.items.items():
        title = normalise(item.title)
        if len(norm.split()) >= 3 and title.startswith(norm):
            return n
    if not any(may_reach_ratio(norm, normalise(i.title), QUESTION_ONLY) for i in standard.items.values()):
        return None
    from rapidfuzz import fuzz

    scored = [(fuzz.ratio(norm, normalise(i.title)), n) for n, i in standard.items.items()]
    best = max(scored, key=lambda s: s[0])
    return best[1] if best[0] >= QUESTION_ONLY else None


def names(text: str, standard: Standard, *, bare: bool = False) -> list[Number]:
    """The items ``text`` names by its start ("Indicator 7 …", "WRES indicator 7: …"), whole as
    their question or title, or (with ``bare``, beside a tick box) as only numbers ("7")."""
    grammar = standard.grammar
    m = grammar.lead.match(text)
    if m:
        return grammar.numbers_in(m.group("nums"))
    if bare and (found := grammar.bare_numbers(text)):
        return found
    n = official_question(text, standard) or title_of(text, standard)
    return [n] if n else []


def restates(text: str, numbers: list[Number], standard: Standard) -> bool:
    """``text`` is only one of these items' question or title, as a tick-box row repeats it."""
    norm = normalise(text)
    return any(
        ratio_reaches(norm, normalise(own), RESTATED)
        for n in numbers
        for own in (*standard.items[n].wordings, standard.items[n].title)
    )


def question_length(text: str, numbers: list[Number], standard: Standard) -> int:
    """How many leading characters of ``text`` restate the indicators' own questions."""
    norm = normalise(text)
    # A few words from the wording ("harassment, bullying or abuse from staff.", "discrimination from
    # a manager, team leader or colleague."), with no figure of their own, only name the indicator.
    naming = word_count(norm) <= NAMING_WORDS and not any(c.isdigit() for c in norm)
    for n in numbers:
        for q in map(normalise, standard.items[n].wordings):
            if norm == q or ratio_reaches(norm, q, RESTATED) or (naming and _named_by(norm, q)):
                return len(text)
            # The question followed by the answer in the same paragraph: cut at the end of the
            # sentence that best matches the question.
            for m in _SENTENCE_END().finditer(text):
                if ratio_reaches(normalise(text[: m.end()]), q, RESTATED):
                    return m.end()
    return 0


SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "at", "to", "by", "and", "or"})


def _named_by(norm: str, wording: str) -> bool:
    """Every word of ``norm`` but the small ones is a word of ``wording``, in any form."""
    from wres_convert.standard.cues import stems

    own = {w for w in stems(norm) if w not in SMALL_WORDS}
    return len(own) >= 2 and own <= set(stems(wording))
