"""Recognising the template's questions: by wording, by a form field's name, or by shape alone.

Wordings are compared after normalisation, in tiers from strongest to weakest evidence:
exact; the wording followed by its answer in the same block; close spelling (ratio); the same
words in another order or with a few more or fewer (token-set), only for blocks shaped like a
question, since a short wording's words recur in ordinary answer text. Last, a wording nobody
listed is recognised by its meaning (``cues``), when it is set out as a label: a heading, bold,
ending in "?" or ":", a numbered item, a short line of its own, or "Label: answer".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from wres_convert.model import (
    Block,
    Control,
    ListItem,
    Paragraph,
    Picture,
    Table,
    plain_text,
    slice_inlines,
    strip_inlines,
    value,
)
from wres_convert.standard.spec import FieldSpec, Question, TemplateSpec
from wres_convert.template.bounds import MARGIN, may_reach_ratio, token_set_bound, use_rapidfuzz
from wres_convert.template.cues import MIN_CUES, CueScore, CueScorer
from wres_convert.template.labels import (
    ASKING_MAX_WORDS,
    CUE_MAX_WORDS,
    FIELD_MAX_WORDS,
    FIRST_SENTENCE,
    LABEL_MAX_WORDS,
    LAYOUT_ONLY_CUES,
    addresses_submitter,
    continues_question,
    inline_label,
    label_form,
    question_goes_on,
    question_shaped,
)
from wres_convert.text import patterns
from wres_convert.text.normalise import normalise, word_count

LABEL_END = ":?.-–—)"  # a wording followed by the answer must end at one of these characters
SPELLING_THRESHOLD = 90.0  # rapidfuzz ratio for a wording of 20+ characters
WORDS_THRESHOLD = 80.0  # rapidfuzz token-set ratio, question-shaped blocks only
_WORD = patterns.compile(r"[\w']+")
_TAG_BREAK = patterns.compile(r"(?<=[a-z])(?=[A-Z])|[_\-.]+")  # "OrgName", "q3_initiative"
# Below this bound (bounds.py) a wording cannot reach WORDS_THRESHOLD, and is not scored.
WORDS_CUT = WORDS_THRESHOLD - MARGIN
SEEN_MAX = 4096  # blocks remembered: about one long return


@value
class Match:
    """How a block was recognised as a question: for the review report."""

    text: str
    wording: str
    how: str  # "content-control", "exact", "prefix", "fuzzy", "words", "cue"
    score: float
    cues: tuple[str, ...] = ()  # for "cue": the cues that fired
    form: tuple[str, ...] = ()  # for "cue": how the line is set out as a label

    @property
    def strong(self) -> bool:
        """Found by a known wording or the form's own control, not by cues alone."""
        return self.how not in ("cue", "none")


def split_after(text: str, target: str, norm: str | None = None) -> int | None:
    """Where in ``text`` a leading part normalising to ``target`` ends, if it ends at a label mark
    and an answer follows. Returns the offset just past that part, or None. ``norm``: ``text``
    already normalised, when the caller has it."""
    if not (norm if norm is not None else normalise(text)).startswith(target):
        return None
    for i, ch in enumerate(text):
        if ch in LABEL_END and normalise(text[: i + 1]) == target:
            return i + 1 if text[i + 1 :].strip() else None
    return None


@value
class _Wording:
    question: Question
    text: str
    norm: str


def _first_word(norm: str) -> str:
    found = _WORD.search(norm)
    return found.group(0) if found else ""


def _tag_words(tag: str) -> str:
    """ "OrgName", "q3_initiative", "Top-Tips" -> "org name", "q3 initiative", "top tips"."""
    spaced = _TAG_BREAK.sub(" ", tag)
    return normalise(spaced)


class QuestionMatcher:
    _built: dict[int, tuple[TemplateSpec, QuestionMatcher]] = {}  # noqa: RUF012 - a cache by spec identity

    @classmethod
    def for_spec(cls, spec: TemplateSpec) -> QuestionMatcher:
        """The matcher for ``spec``, built once: its indexes cost more than matching a document."""
        built = cls._built.get(id(spec))
        if built is None or built[0] is not spec:
            built = cls._built[id(spec)] = (spec, cls(spec))
        return built[1]

    def __init__(self, spec: TemplateSpec) -> None:
        self.spec = spec
        self.wordings = [_Wording(q, w, normalise(w)) for q in spec.questions for w in q.wordings]
        self.by_norm = {w.norm: w for w in self.wordings}
        self.by_length = sorted(self.wordings, key=lambda w: -len(w.norm))
        self.max_words = max(word_count(w.norm) for w in self.wordings)
        self.long_enough = sorted((w for w in self.wordings if len(w.norm) >= 20), key=lambda w: len(w.norm))
        self.long_lengths = [len(w.norm) for w in self.long_enough]
        self.order = {id(w): i for i, w in enumerate(self.wordings)}
        self._bands: dict[tuple[int, int], list[_Wording]] = {}  # _fuzzy's wordings near a length
        # Prefix matching looks only at wordings that start with the text's first word (a wording
        # must end at a label mark to match, so it never ends inside the text's first word).
        self.by_first_word: dict[str, list[_Wording]] = {}
        for w in self.by_length:
            if len(w.norm) >= 8:
                self.by_first_word.setdefault(_first_word(w.norm), []).append(w)
        self.multi_word = [w for w in self.wordings if word_count(w.norm) >= 3]
        self.question_cues = CueScorer({q.id: q.cues for q in spec.questions})
        self.field_cues = CueScorer({f.id: f.cues for f in spec.fields})
        self.by_id = {q.id: q for q in spec.questions}
        # Blocks already asked about, by identity (the block is kept, so its id is not reused).
        self._seen: dict[tuple[int, bool], tuple[Block, tuple[Question, Match, Block | None] | None]] = {}
        self.openings = tuple(o + " " for o in spec.openings)
        self.question_words = tuple(q + " " for q in spec.question_words)
        # Lines the template prints that are not questions: never matched by their words alone.
        self.known_not_questions = spec.subheadings | {
            normalise(label) for f in spec.fields for label in f.labels
        }

    def match(self, block: Block, *, by_meaning: bool = True) -> tuple[Question, Match, Block | None] | None:
        """The question a block asks, with any answer text that follows it in the same block.
        ``by_meaning=False``: by known wordings only. A block's answer is remembered: the mapper
        asks about the same block more than once (as a table cell, a label, a question's next line)."""
        if isinstance(block, (Table, Control, Picture)):
            return None  # a picture's alt text is never a question
        key = (id(block), by_meaning)
        cached = self._seen.get(key)
        if cached is not None and cached[0] is block:
            return cached[1]
        found = self._match(block, by_meaning)
        if len(self._seen) > SEEN_MAX:
            self._seen.clear()
        self._seen[key] = (block, found)
        return found

    def _match(self, block: Block, by_meaning: bool) -> tuple[Question, Match, Block | None] | None:
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
            for w in self.by_first_word.get(_first_word(norm), ()):
                # The startswith test first: normalising the text's prefixes is the costly part.
                if not norm.startswith(w.norm):
                    continue
                cut = split_after(text, w.norm, norm)
                if cut is not None:
                    rest = strip_inlines(slice_inlines(block.inlines, cut))
                    asked = strip_inlines(slice_inlines(block.inlines, 0, cut))
                    if continues_question(asked, rest):
                        return w.question, Match(text.strip(), w.text, "prefix", 100.0), None
                    return w.question, Match(text[:cut].strip(), w.text, "prefix", 100.0), Paragraph(rest)
        return self._fuzzy(block, text, norm) or (self._by_cues(block, text, norm) if by_meaning else None)

    def opens(self, text: str) -> bool:
        """Whether ``text`` opens as a template's question does: an instruction ("Tell us by how
        much.", "Attach a local template…"), or "What…", "Do you…" ending in "?"."""
        start = normalise(text) + " "
        return start.startswith(self.openings) or (
            text.rstrip().endswith("?") and start.startswith(self.question_words)
        )

    def asks(self, text: str) -> bool:
        """Whether ``text`` speaks to the trust as a template's questions do: it opens as one, or
        says "you", "your" or "please" ("Please see the attached…" is the trust replying)."""
        if (normalise(text) + " ").startswith(self.spec.replies):
            return False
        return addresses_submitter(text) or self.opens(text)

    def cue_question(self, label: str) -> tuple[Question, CueScore] | None:
        """The question a label asks by its meaning, when one role is clearly meant."""
        best, _ = self.question_cues.best(label)
        return None if best is None else (self.by_id[best.target], best)

    def cue_field(self, label: str) -> tuple[str, CueScore] | None:
        """The field a short label names by its meaning ("Trust", "Tel / email"): only when no
        question is meant, since a question's words may name a field ("… other trusts?")."""
        if (
            word_count(normalise(label)) > FIELD_MAX_WORDS
            or "@" in label
            or sum(c.isdigit() for c in label) >= 5
        ):
            return None  # a field's label is short, and never holds an address or a number
        asked = self.cue_question(label)
        if asked and asked[0].use != "details":
            return None  # a question's words may name a field; the details heading is no rival
        best, _ = self.field_cues.best(label)
        if best is None:
            # "Who is completing this form, and what is their role?": as much the name as the job
            # title, so the field that covers both.
            scored = self.field_cues.scores(label)[:2]
            pair = {s.target for s in scored}
            both = [f for f in self.spec.fields if len(pair) == 2 and pair <= {f.id, *f.covers}]
            if both and scored[0].score >= MIN_CUES:
                return both[0].id, scored[0]
            return None
        return best.target, best

    def _by_cues(self, block: Block, text: str, norm: str) -> tuple[Question, Match, Block | None] | None:
        if isinstance(block, (Table, Control, Picture)) or norm in self.known_not_questions:
            return None
        if isinstance(block, ListItem) and not block.ordered:
            return None
        cut = inline_label(text)
        if cut is not None:
            label = text[:cut].strip()
            # The label alone, or when it is ambiguous ("Improved on:"), the label and its answer
            # together ("… indicators 4 & 1"): either way the answer stays the answer.
            bare = label.rstrip(":\uff1a-–— ")
            found = self.cue_question(bare)
            if found is None and self.question_cues.scores(bare):
                found = self.cue_question(text)
            if found is not None:
                q, score = found
                rest = strip_inlines(slice_inlines(block.inlines, cut))
                more = FIRST_SENTENCE.match(plain_text(rest))
                if self.asks(label) and more and self.opens(more.group(1)):
                    # "Which indicators got better? Tell us by how much. We improved…"
                    cut += more.end()
                    rest = strip_inlines(slice_inlines(block.inlines, cut))
                if self.asks(label) and question_goes_on(
                    slice_inlines(block.inlines, 0, cut), rest, self.asks
                ):
                    # "Tell us about the work you did: what it set out to achieve…": all question
                    how = Match(text.strip(), "", "cue", score.score, score.fired, ("label: more",))
                    return q, how, None
                how = Match(label, "", "cue", score.score, score.fired, ("label: answer",))
                return q, how, Paragraph(rest)
        asked = self._first_sentence_asks(block, text)
        if asked is not None:
            return asked
        words = word_count(norm)
        if words > CUE_MAX_WORDS:
            return None  # a paragraph of an answer, whatever words it uses
        form = label_form(block, self.opens)
        asks = self.asks(text) or text.rstrip().endswith("?")
        # A label that does not speak to the trust is short: "Our approach: <a long sentence>"
        # ending in ":" is a label and its answer (above), not one long label.
        if not form or not (words <= LABEL_MAX_WORDS or (asks and words <= CUE_MAX_WORDS)):
            return None
        found = self.cue_question(text)
        if found is None:
            return None
        q, score = found
        if score.score < LAYOUT_ONLY_CUES and not (asks or set(form) & {"ends with :", "ends with ?"}):
            return None  # a heading with one weak cue word ("Sharing good practice…") is a title
        return q, Match(text.strip(), "", "cue", score.score, score.fired, form), None

    def _first_sentence_asks(self, block: Block, text: str) -> tuple[Question, Match, Block] | None:
        """ "Tell us about what you did – the initiative… so far. We launched…": a question a
        reader ran together with its answer, the question a sentence that opens as one."""
        m = FIRST_SENTENCE.match(text)
        if m is None or word_count(m.group(1)) > ASKING_MAX_WORDS or not self.opens(m.group(1)):
            return None
        found = self.cue_question(m.group(1))
        if found is None:
            return None
        q, score = found
        rest = strip_inlines(slice_inlines(block.inlines, m.end()))
        return (
            q,
            Match(m.group(1).strip(), "", "cue", score.score, score.fired, ("question: answer",)),
            Paragraph(rest),
        )

    def _fuzzy(self, block: Block, text: str, norm: str) -> tuple[Question, Match, None] | None:
        # A ratio of 90 needs the shorter text to be at least 9/11 of the longer one's length, so
        # wordings outside that band cannot match and are not scored.
        n = len(norm)
        band = (bisect_left(self.long_lengths, n * 0.81), bisect_right(self.long_lengths, n / 0.81))
        close = self._bands.get(band)
        if close is None:  # back in the template's order, which breaks ties as before
            close = self._bands[band] = sorted(
                self.long_enough[slice(*band)], key=lambda w: self.order[id(w)]
            )
        if any(may_reach_ratio(norm, w.norm, SPELLING_THRESHOLD) for w in close):
            from rapidfuzz import fuzz, process  # lazy: only texts that need fuzzy matching pay for it

            best = process.extractOne(
                norm, [w.norm for w in close], scorer=fuzz.ratio, score_cutoff=SPELLING_THRESHOLD
            )
            if best:
                w = close[best[2]]
                return w.question, Match(text, w.text, "fuzzy", round(float(best[1]), 1)), None
        if not question_shaped(block) or not 3 <= word_count(norm) <= 40 or norm in self.known_not_questions:
            return None
        # Same words, other order or a few more: guard against a short wording's words being
        # a subset of an unrelated longer line by comparing lengths too.
        near = [w for w in self.multi_word if 0.5 <= n / len(w.norm) <= 2.0]
        if not use_rapidfuzz() and all(token_set_bound(norm, w.norm, WORDS_CUT) < WORDS_CUT for w in near):
            return None  # no wording can score WORDS_THRESHOLD: rapidfuzz need not load to say so
        from rapidfuzz import fuzz, process

        # The first of the best, as max() gave it; scored in one call, skipping what cannot reach it.
        best = process.extractOne(
            norm, [w.norm for w in near], scorer=fuzz.token_set_ratio, score_cutoff=WORDS_THRESHOLD
        )
        if best:
            w = near[best[2]]
            return w.question, Match(text, w.text, "words", round(float(best[1]), 1)), None
        return None

    def match_tag(self, control: Control) -> Question | FieldSpec | None:
        """The question or field a form control names in its tag or title, if any."""
        best: tuple[int, Question | FieldSpec] | None = None
        for raw in (control.tag, control.title):
            name = _tag_words(raw) if raw else ""
            if not name:
                continue
            tokens = set(name.split())
            for target in (*self.spec.questions, *self.spec.fields):
                names = {normalise(t) for t in target.tags} | {target.id.replace("_", " ")}
                if isinstance(target, Question):
                    names |= {w.norm for w in self.wordings if w.question is target}
                else:
                    names |= {normalise(label) for label in target.labels}
                for candidate in names:
                    if candidate == name:
                        score = 1000 + len(candidate)
                    elif set(candidate.split()) <= tokens:
                        score = len(candidate)  # "q3 initiative" holds "initiative"
                    else:
                        continue
                    if best is None or score > best[0]:
                        best = (score, target)
            if best is not None:
                return best[1]
        return None
