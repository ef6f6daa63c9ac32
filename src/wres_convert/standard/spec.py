"""The returned template as data (a standard pack's ``template.toml``): questions, fields, boilerplate."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from wres_convert.model import value
from wres_convert.standard import packcache
from wres_convert.standard.cues import Cue, parse_cues
from wres_convert.text import patterns
from wres_convert.text.normalise import normalise

# The package's data folder, and the packaged WRES pack in it: importlib.resources would cost a
# one-file run its import for paths the package can name itself. pack.py and writers/site.py
# take theirs from here.
DATA = Path(__file__).resolve().parents[1] / "data"
PACKAGED = DATA / "standards" / "wres"


@value
class Question:
    id: str
    use: str  # details, unpublished, or a role of the standard (standard.toml: items, sections)
    label: str
    wordings: tuple[str, ...]
    tags: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()  # what the question asks, by meaning: for wordings not listed
    field: str = ""  # its whole answer is this field's value (a second contact): never published


@value
class FieldSpec:
    id: str
    labels: tuple[str, ...]
    tags: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()
    covers: tuple[str, ...] = ()  # fields it holds both of: a label meaning either is this one


@value
class TemplateSpec:
    questions: tuple[Question, ...]
    fields: tuple[FieldSpec, ...]
    boilerplate: tuple[str, ...]  # normalised
    furniture: tuple[re.Pattern[str], ...]  # whole normalised lines
    placeholders: tuple[str, ...]  # normalised
    empty_answers: frozenset[str]  # normalised
    subheadings: frozenset[str]  # normalised
    sign_offs: tuple[str, ...]  # normalised
    openings: tuple[str, ...] = ()  # normalised: how a question without "you" speaks to the trust
    replies: tuple[str, ...] = ()  # normalised, each with a space after: how an answer opens
    question_words: tuple[str, ...] = ()  # normalised: how a question ending in "?" opens

    @staticmethod
    @lru_cache(maxsize=8)
    def load(folder: Path | None = None) -> TemplateSpec:
        """The template of a standard pack's ``folder``; by default the packaged WRES pack's.
        Standard.load validates it against the pack (every ``use`` a known role)."""
        base = folder or PACKAGED
        raw = packcache.read_toml(base, base / "template.toml")
        return TemplateSpec(
            questions=tuple(
                Question(
                    q["id"],
                    q["use"],
                    q["label"],
                    tuple(q["wordings"]),
                    tuple(q.get("tags", ())),
                    parse_cues(q.get("cues", {}), f"question {q['id']!r}"),
                    str(q.get("field", "")),
                )
                for q in raw["question"]
            ),
            fields=tuple(
                FieldSpec(
                    f["id"],
                    tuple(f["labels"]),
                    tuple(f.get("tags", ())),
                    parse_cues(f.get("cues", {}), f"field {f['id']!r}"),
                    tuple(f.get("covers", ())),
                )
                for f in raw["field"]
            ),
            boilerplate=tuple(normalise(p) for p in raw["boilerplate"]["phrases"]),
            furniture=tuple(patterns.compile(p) for p in raw["boilerplate"]["patterns"]["lines"]),
            placeholders=tuple(normalise(p) for p in raw["empty"]["placeholders"]),
            empty_answers=frozenset(normalise(a) for a in raw["empty"]["answers"]),
            subheadings=frozenset(normalise(h) for h in raw["subheadings"]["known"]),
            sign_offs=tuple(normalise(s) or s for s in raw["signature"]["sign_offs"]),
            openings=tuple(normalise(o) for o in raw.get("asking", {}).get("openings", ())),
            replies=tuple(normalise(r) + " " for r in raw.get("asking", {}).get("replies", ())),
            question_words=tuple(normalise(q) for q in raw.get("asking", {}).get("question_words", ())),
        )

    @cached_property
    def boilerplate_exact(self) -> frozenset[str]:
        return frozenset(self.boilerplate)

    @cached_property
    def sign_offs_exact(self) -> frozenset[str]:
        return frozenset(self.sign_offs)

    @cached_property
    def sign_off_starts(self) -> tuple[str, ...]:
        """How a line opening with a sign-off goes on ("Kind regards Sam", "Thanks, Sam"): one
        ``str.startswith`` call rules out the usual line (the mapper asks of every line)."""
        return tuple(s + sep for s in self.sign_offs for sep in (" ", ","))

    @cached_property
    def boilerplate_prefixes(self) -> tuple[str, ...]:
        """Phrases long enough (four words or more) to count as boilerplate when a line starts with them."""
        return tuple(p for p in self.boilerplate if len(p.split()) >= 4)
