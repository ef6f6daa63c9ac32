"""Cues: the words and phrases that say what a question or field label asks, with weights, as a
pack's ``template.toml`` lists them (``[question.cues]``). The scoring is ``template.cues``'.

A label's words are stemmed with Snowball's English stemmer ("barriers" and "barrier" agree,
"learning" meets "learn"). Snowball is pure Python, small and long maintained (Sphinx and NLTK ship
it): nothing is downloaded, and its stems are the same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from wres_convert.model import value
from wres_convert.text import patterns
from wres_convert.text.normalise import normalise

_TOKEN = patterns.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    """Snowball's English stemmer alone. The package's __init__ imports all 30 of its languages
    (15 ms, on every run that reads a label); loading its English module under a private package
    name runs none of them, and leaves ``snowballstemmer`` itself untouched for anyone else."""
    import importlib
    import sys
    import types

    folder = snowball_dir()
    if folder is None:
        raise ImportError("snowballstemmer is not installed")
    name = "_wres_convert_snowball"
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(folder)]
        sys.modules[name] = package
    return importlib.import_module(f"{name}.english_stemmer").EnglishStemmer()


def snowball_dir() -> Path | None:
    """Where the snowballstemmer package is installed (its stemmer's code keys the stems kept in
    the cache, packcache), found without importing it."""
    from importlib.machinery import PathFinder  # loaded with Python itself: importlib.util is not

    found = PathFinder.find_spec("snowballstemmer")
    if found is None:  # installed somewhere only another finder knows
        import importlib.util

        found = importlib.util.find_spec("snowballstemmer")
    if found is None or not found.submodule_search_locations:
        return None
    return Path(next(iter(found.submodule_search_locations)))


# Memos of stems found: seeded from the cache with the pack's cues and their words (packcache),
# so a warm run stems the pack without Snowball, and a label of known words too.
Learned = tuple[dict[str, tuple[str, ...]], dict[str, str]]  # text -> stems, word -> stem
_TEXTS: dict[str, tuple[str, ...]] = {}
_WORDS: dict[str, str] = {}
_TEXTS_MAX, _WORDS_MAX = 8192, 16384  # lines and words remembered: a memo, never a leak


def stems(text: str) -> tuple[str, ...]:
    """The stemmed words of ``text`` ("Obstacles faced?" -> ("obstacl", "face")), with one
    spelling of "organisation"."""
    found = _TEXTS.get(text)
    if found is None:
        found = tuple(map(_stem, _words(text)))
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        _TEXTS[text] = found
    return found


def _words(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text).replace("organiz", "organis"))


def _stem(word: str) -> str:
    """One word's stem: Snowball is pure Python, and the same words recur in every label."""
    found = _WORDS.get(word)
    if found is None:
        # Snowball keeps these as they are: its rules are about letters ("01246" is "01246").
        found = word if len(word) <= 2 or word.isdigit() else _stemmer().stemWord(word)
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        _WORDS[word] = found
    return found


def learned(texts: Iterable[str], vocabulary: Iterable[str] = ()) -> Learned:
    """The stems of ``texts`` and of each of their words, and of the words of ``vocabulary``:
    what a later run needs (``learn``) to stem them, and labels made of them, without Snowball."""
    texts = list(texts)
    words = {w: _stem(w) for t in (*texts, *vocabulary) for w in _words(t)}
    return {t: stems(t) for t in texts}, words


def learn(known: Learned) -> None:
    """Take the stems an earlier run found (``learned``)."""
    _TEXTS.update(known[0])
    _WORDS.update(known[1])


@value
class Cue:
    text: str  # as the pack writes it, for the review report
    stems: tuple[str, ...]
    weight: float


def parse_cues(raw: object, where: str) -> tuple[Cue, ...]:
    """A ``cues`` table: cue text -> weight (a number; negative points away from the role)."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where}.cues must be a table of cue = weight")
    cues: list[Cue] = []
    seen: dict[tuple[str, ...], str] = {}
    for text, weight in raw.items():
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise ValueError(f"{where}.cues.{text!r} must be a number, not {weight!r}")
        found = stems(text)
        if not found:
            raise ValueError(f"{where}.cues has a cue with no words: {text!r}")
        if found in seen:  # "change" and "changed" are one stem: counted twice, they would weigh double
            raise ValueError(f"{where}.cues: {text!r} and {seen[found]!r} are the same words once stemmed")
        seen[found] = text
        cues.append(Cue(text, found, float(weight)))
    return tuple(cues)
