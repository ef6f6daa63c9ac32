"""The template mapper: find the template's questions in a document and the answers between them.

The questions, field labels and boilerplate live in ``data/template.toml``; this module only knows
how to match them. A block is a question when its normalised text equals a known wording, is
close to one (rapidfuzz, with a threshold), or starts with one followed by the answer itself
("Organisation name: Chesterfield Royal…", "Indicator 8: …? We have had…").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from wres_convert.model import (
    Block,
    Document,
    ListItem,
    Message,
    Paragraph,
    Table,
    slice_inlines,
    strip_inlines,
)
from wres_convert.normalise import normalise, word_count

FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio (0-100) at which a longer wording counts as matched
LABEL_END = ":?.-–—)"  # a wording followed by the answer must end at one of these characters


@dataclass(frozen=True)
class Question:
    id: str
    use: str
    label: str
    wordings: tuple[str, ...]


@dataclass(frozen=True)
class FieldSpec:
    id: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TemplateSpec:
    questions: tuple[Question, ...]
    fields: tuple[FieldSpec, ...]
    boilerplate: tuple[str, ...]
    placeholders: tuple[str, ...]
    empty_answers: frozenset[str]

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> TemplateSpec:
        raw = tomllib.loads(resources.files("wres_convert.data").joinpath("template.toml").read_text("utf-8"))
        return TemplateSpec(
            questions=tuple(
                Question(q["id"], q["use"], q["label"], tuple(q["wordings"])) for q in raw["question"]
            ),
            fields=tuple(FieldSpec(f["id"], tuple(f["labels"])) for f in raw["field"]),
            boilerplate=tuple(normalise(p) for p in raw["boilerplate"]["phrases"]),
            placeholders=tuple(normalise(p) for p in raw["empty"]["placeholders"]),
            empty_answers=frozenset(normalise(a) for a in raw["empty"]["answers"]),
        )


@dataclass(frozen=True)
class Match:
    """How a block was recognised as a question: for the review report."""

    text: str
    wording: str
    how: str  # "exact", "prefix" or "fuzzy"
    score: float


@dataclass(frozen=True)
class Answer:
    question: Question
    match: Match
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Mapping:
    fields: dict[str, str]
    answers: tuple[Answer, ...]
    warnings: tuple[Message, ...] = field(default=())

    def answer(self, question_id: str) -> Answer | None:
        return next((a for a in self.answers if a.question.id == question_id), None)


# ----------------------------------------------------------------------------- matching
def split_after(text: str, target: str) -> int | None:
    """Where in ``text`` a leading part normalising to ``target`` ends, if it ends at a label mark.

    Returns the offset just past that part (and its closing punctuation), or None.
    """
    if not normalise(text).startswith(target):
        return None
    for i, ch in enumerate(text):
        if ch in LABEL_END and normalise(text[: i + 1]) == target:
            rest = text[i + 1 :]
            if rest.strip():
                return i + 1
    return None


@dataclass(frozen=True)
class _Wording:
    question: Question
    text: str
    norm: str


class QuestionMatcher:
    def __init__(self, spec: TemplateSpec) -> None:
        self.wordings = [_Wording(q, w, normalise(w)) for q in spec.questions for w in q.wordings]
        self.by_norm = {w.norm: w for w in self.wordings}
        self.max_words = max(word_count(w.norm) for w in self.wordings)

    def match(self, block: Block) -> tuple[Question, Match, Block | None] | None:
        """The question a block asks, with any answer text that follows it in the same block."""
        if isinstance(block, Table):
            return None
        text = block.text
        if word_count(text) > self.max_words * 2 + 40:
            return None
        norm = normalise(text)
        if not norm:
            return None
        exact = self.by_norm.get(norm)
        if exact:
            return exact.question, Match(text, exact.text, "exact", 100.0), None
        if not isinstance(block, ListItem):
            # Longest wordings first, so "Top tips: What learning…" wins over "Top tips".
            for w in sorted(self.wordings, key=lambda w: -len(w.norm)):
                cut = split_after(text, w.norm) if len(w.norm) >= 8 else None
                if cut is not None:
                    rest = strip_inlines(slice_inlines(block.inlines, cut))
                    return w.question, Match(text[:cut].strip(), w.text, "prefix", 100.0), Paragraph(rest)
        from rapidfuzz import fuzz, process  # lazy: only documents that need fuzzy matching pay for it

        long_enough = [w for w in self.wordings if len(w.norm) >= 20]
        best = process.extractOne(
            norm, [w.norm for w in long_enough], scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if best:
            w = long_enough[best[2]]
            return w.question, Match(text, w.text, "fuzzy", round(float(best[1]), 1)), None
        return None


# ----------------------------------------------------------------------------- the document walk
def _is_boilerplate(norm: str, spec: TemplateSpec) -> bool:
    for phrase in spec.boilerplate:
        if norm == phrase or (word_count(phrase) >= 4 and norm.startswith(phrase)):
            return True
    return any(norm.startswith(p) for p in spec.placeholders)


def _table_is_form(table: Table, matcher: QuestionMatcher, spec: TemplateSpec) -> bool:
    """A table that holds template questions or detail labels is the form's layout, not content."""
    labels = {normalise(label) for f in spec.fields for label in f.labels}
    for row in table.rows:
        for cell in row:
            for b in cell.blocks:
                if matcher.match(b) or normalise(b.text) in labels:
                    return True
    return False


def linearise(blocks: tuple[Block, ...], matcher: QuestionMatcher, spec: TemplateSpec) -> list[Block]:
    """Flatten question/answer tables into reading order: question cell, then its answer cell.

    Row by row, cell by cell, covers both layouts (answer in the next cell or in the row below).
    """
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table) and _table_is_form(b, matcher, spec):
            for row in b.rows:
                for cell in row:
                    out.extend(linearise(cell.blocks, matcher, spec))
        else:
            out.append(b)
    return out


@lru_cache(maxsize=8)
def _label_pattern(spec: TemplateSpec) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every field label followed by a colon, longest first, and label -> field id."""
    ids = {normalise(label): f.id for f in spec.fields for label in f.labels}
    alternatives = sorted({label for f in spec.fields for label in f.labels}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, label.split())) for label in alternatives)
    return re.compile(rf"(?<!\w)({body})\s*[:\uff1a]", re.I), ids


def _fields_in(text: str, spec: TemplateSpec) -> list[tuple[str, str]] | None:
    """The (field id, value) pairs of a "Label: value" block, split at every further label.

    Readers sometimes join the details lines into one paragraph ("Name of organisation: X Name
    and job title of person completing this form: Y"); splitting at each known label keeps the
    organisation clean and the submitter's name in its own field.
    """
    pattern, ids = _label_pattern(spec)
    matches = list(pattern.finditer(text))
    if not matches or text[: matches[0].start()].strip(" \t-–•*·"):
        return None
    out = []
    for m, nxt in pairwise([*matches, None]):
        value = text[m.end() : nxt.start() if nxt else len(text)].strip()
        out.append((ids[normalise(m.group(1))], value))
    return out


def _bare_label(block: Block, spec: TemplateSpec) -> str | None:
    """The field id when a block is only a label, its value in the next block (table layouts)."""
    _, ids = _label_pattern(spec)
    return None if isinstance(block, Table) else ids.get(normalise(block.text))


def take_fields(
    blocks: list[Block], spec: TemplateSpec, matcher: QuestionMatcher, fields: dict[str, str]
) -> list[Block]:
    """Record the "Label: value" fields found in ``blocks`` and return the blocks that are not fields."""

    def record(fid: str, value: str) -> None:
        if value and fid == "contact" and fields.get(fid):
            fields[fid] += " " + value  # "Email: …" and "Telephone: …" on separate lines
        elif value and fid not in fields:
            fields[fid] = value

    rest: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        pairs = None if isinstance(block, Table) else _fields_in(block.text, spec)
        bare = _bare_label(block, spec)
        if pairs:
            for fid, value in pairs:
                record(fid, value)
            # A label with nothing after its colon takes the next block, as a bare label does.
            bare = pairs[-1][0] if not pairs[-1][1] else None
            if bare is None:
                i += 1
                continue
        if bare is not None:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and not isinstance(nxt, Table) and not _is_label(nxt, spec, matcher):
                record(bare, nxt.text.strip())
                i += 2
            else:
                i += 1
            continue
        rest.append(block)
        i += 1
    return rest


def _is_label(block: Block, spec: TemplateSpec, matcher: QuestionMatcher) -> bool:
    if isinstance(block, Table):
        return False
    return bool(_fields_in(block.text, spec) or _bare_label(block, spec) or matcher.match(block))


def _clean_answer(blocks: list[Block], spec: TemplateSpec) -> tuple[Block, ...]:
    kept = [b for b in blocks if not _is_boilerplate(normalise(b.text), spec)]
    if all(normalise(b.text) in spec.empty_answers for b in kept):
        return ()
    return tuple(kept)


def map_document(doc: Document, spec: TemplateSpec | None = None) -> Mapping:
    spec = spec or TemplateSpec.load()
    matcher = QuestionMatcher(spec)
    blocks = linearise(doc.blocks, matcher, spec)

    preamble: list[Block] = []
    order: list[str] = []
    found: dict[str, tuple[Question, Match, list[Block]]] = {}
    current: list[Block] = preamble
    current_id: str | None = None
    for block in blocks:
        norm = normalise(block.text)
        if not norm:
            continue
        hit = matcher.match(block)
        if hit and (hit[0].id not in found or hit[0].id == current_id):
            question, match, rest = hit
            if question.id not in found:
                found[question.id] = (question, match, [])
                order.append(question.id)
            current, current_id = found[question.id][2], question.id
            if rest is not None:
                current.append(rest)
            continue
        if _is_boilerplate(norm, spec):
            continue
        current.append(block)

    # Fields are read wherever the form puts them except inside a published answer, and are
    # removed from what they were found in: contact details must never reach a page.
    fields: dict[str, str] = {}
    take_fields(preamble, spec, matcher, fields)
    answers = []
    for qid in order:
        question, match, got = found[qid]
        if question.use in ("details", "unpublished"):
            got = take_fields(got, spec, matcher, fields)
        if question.use != "details":
            answers.append(Answer(question, match, _clean_answer(got, spec)))
    return Mapping(fields=fields, answers=tuple(answers))
