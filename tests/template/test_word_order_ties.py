"""Word-order matching (a question-shaped line holding a wording's words in another order) scores
every wording of a near length in one rapidfuzz call with the threshold as its cut-off. On a tie
the first wording in the template's order wins, as ``max()`` over the scores chose before."""

from __future__ import annotations

from wres_convert.model import Paragraph, text_inlines
from wres_convert.standard import Standard
from wres_convert.template.matching import WORDS_THRESHOLD, QuestionMatcher, _Wording

# The same words in two orders: token-set scores depend only on the words, so the two always tie.
ONE = "how did staff share the learning across their teams and networks"
TWO = "across their teams and networks how did staff share the learning"
LINE = "How did our staff share learning across teams and wider networks?"


def _matcher(first: str, second: str) -> tuple[QuestionMatcher, list[str]]:
    import rapidfuzz.fuzz  # noqa: F401 - loaded: rapidfuzz scores every wording, as in a batch

    spec = Standard.load().template
    m = QuestionMatcher(spec)  # a matcher of its own: the shared one is left as it is
    a, b = spec.questions[0], spec.questions[1]
    m.multi_word = [_Wording(a, first, first), _Wording(b, second, second)]
    return m, [a.id, b.id]


def test_a_tie_below_100_goes_to_the_first_wording_in_the_templates_order() -> None:
    from rapidfuzz import fuzz

    norm = LINE.lower().rstrip("?")
    score = fuzz.token_set_ratio(norm, ONE)
    assert WORDS_THRESHOLD <= score < 100 and score == fuzz.token_set_ratio(norm, TWO)
    block = Paragraph(text_inlines(LINE))
    for first, second in ((ONE, TWO), (TWO, ONE)):
        m, ids = _matcher(first, second)
        found = m._fuzzy(block, LINE, norm)
        assert found is not None
        question, match, rest = found
        assert question.id == ids[0] and match.how == "words" and rest is None
        assert match.score == round(score, 1)
