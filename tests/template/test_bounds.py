"""The bounds that spare loading rapidfuzz (template/bounds.py) are never below its scores: a
wording they rule out could not have matched."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from wres_convert.standard import Standard
from wres_convert.template import bounds
from wres_convert.template.bounds import ratio_bound, token_set_bound
from wres_convert.text.normalise import normalise

WORDS = st.lists(
    st.sampled_from(["a", "ab", "ba", "abc", "the", "tea", "eat", "x", "what", "you", "did"]), max_size=12
)
TEXT = WORDS.map(" ".join) | st.text("ab c", max_size=30)


CUTS = (0.0, 50.0, 79.5, 89.5, 101.0)  # 0: always the exact distance; 101: the counts alone


@given(TEXT, TEXT)
def test_the_bounds_are_never_below_the_scores(a: str, b: str) -> None:
    for cut in CUTS:
        assert ratio_bound(a, b, cut) >= fuzz.ratio(a, b) - 1e-9
        assert token_set_bound(a, b, cut) >= fuzz.token_set_ratio(a, b) - 1e-9
    # At or above the cut, the bound is the score itself.
    assert abs(ratio_bound(a, b, 0.0) - fuzz.ratio(a, b)) < 1e-6
    assert abs(token_set_bound(a, b, 0.0) - fuzz.token_set_ratio(a, b)) < 1e-6


def test_the_bounds_hold_for_the_packs_wordings_and_their_rewordings() -> None:
    spec = Standard.load().template
    wordings = [normalise(w) for q in spec.questions for w in q.wordings]
    rng = random.Random(18)
    texts = list(wordings)
    for w in wordings:  # the same words reordered, some dropped, a letter changed
        words = w.split()
        rng.shuffle(words)
        texts.append(" ".join(words[: max(1, len(words) - rng.randint(0, 2))]))
        i = rng.randrange(len(w))
        texts.append(w[:i] + "e" + w[i + 1 :])
    for a in texts:
        for b in wordings:
            for cut in CUTS:
                assert ratio_bound(a, b, cut) >= fuzz.ratio(a, b) - 1e-9, (a, b)
                assert token_set_bound(a, b, cut) >= fuzz.token_set_ratio(a, b) - 1e-9, (a, b)


def test_the_bounds_rule_out_unrelated_text() -> None:
    a = "we ran listening events for staff across every site in the spring"
    b = "what were the main barriers you faced and how did you overcome them"
    assert ratio_bound(a, b, 89.5) < 89.5
    assert token_set_bound(a, b, 79.5) < 79.5
    # Words in common, letters in common: only the distance itself rules this one out.
    a, b = "sharing good practice: case studies", "contact details for this case study"
    assert token_set_bound(a, b) >= 79.5
    assert token_set_bound(a, b, 79.5) < 79.5


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROBE = """
import json, sys
if sys.argv[2] == "preloaded":
    import rapidfuzz.fuzz
import wres_convert
case = wres_convert.convert(sys.argv[1])
print(json.dumps({"case": case.to_dict(include_contact=True), "how": [a.match.how for a in case.mapping.answers],
                  "loaded": "rapidfuzz" in sys.modules}))
"""


def _convert(path: Path, mode: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), mode], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_a_return_converts_the_same_whether_or_not_rapidfuzz_was_loaded() -> None:
    plain = FIXTURES.parent.parent / "samples" / "chesterfield.txt"
    reworded = next(FIXTURES.rglob("reworded-questions.txt"))
    for path in (plain, reworded):
        spared, preloaded = _convert(path, "spared"), _convert(path, "preloaded")
        assert spared["case"] == preloaded["case"], path.name
        assert spared["how"] == preloaded["how"], path.name
    assert _convert(plain, "spared")["loaded"] is False  # its wordings are the template's own
    assert "words" in spared["how"]  # the reworded return needed rapidfuzz, and got it


def test_a_long_running_process_loads_rapidfuzz_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")
    monkeypatch.setattr(bounds, "_spared", [0])
    assert not bounds.use_rapidfuzz()
    monkeypatch.setattr(bounds, "_spared", [bounds._SPARE_PAIRS])
    assert bounds.use_rapidfuzz()  # spared enough: from now on rapidfuzz scores
    assert bounds.may_reach_ratio("abc", "xyz", 90.0)
