"""How a line is set out as a question or label: its layout (a heading, bold, "?" or ":" at its
end, a number), a "Label: answer" or "Label - answer" at its start, and whether it speaks to the
trust as template questions do. The evidence ``matching`` weighs with a label's cues."""

from __future__ import annotations

import re
from collections.abc import Callable

from wres_convert.model import (
    Block,
    Control,
    Heading,
    Inlines,
    ListItem,
    Paragraph,
    Picture,
    Table,
    all_bold,
    plain_text,
)
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern
from wres_convert.text.normalise import normalise, word_count

_ADDRESSES_SUBMITTER = patterns.compile(r"\b(?:you|your|yours|please)\b", re.I)
CUE_MAX_WORDS = 40  # a longer block is an answer, whatever words it uses
LABEL_MAX_WORDS = 12  # a label that does not speak to the trust ("Problems faced and overcome")
LAYOUT_ONLY_CUES = 4.0  # cues a label needs when only its layout (bold, a heading, a short line) marks it
ASKING_MAX_WORDS = 30  # a sentence speaking to the trust this short, standing alone, may be a question
SHORT_LINE = 8  # words: a line this short standing alone, with no full stop, may be a label
# "Trust: Chesterfield Royal", "Our work: we …", "Which trust is this from? Chesterfield…": a
# label, a colon or question mark, the answer.
_INLINE_LABEL = patterns.compile(
    r"^\s*(?P<label>[^\W\d_](?:[^:\uff1a?\n]{0,58}?\s*[:\uff1a]|[^:\uff1a?\n]{0,150}\?))\s+(?=\S)"
)
# "Progress - we cut the gap…": a label of a few words, a spaced dash, the answer.
_DASH_LABEL = patterns.compile(r"^\s*(?P<label>[^\W\d_][^:\uff1a?\n.]{0,40}?)\s+[-–—]\s+(?=\S)")
DASH_MAX_WORDS = 4
FIRST_SENTENCE = patterns.compile(r"^\s*(\S.{8,250}?[.])\s+(?=[A-Z\"“‘'(])")
INLINE_MAX_WORDS = (
    10  # a "Label:" ("If I had one piece of advice for other trusts:"); a question may be longer
)
QUESTION_MAX_WORDS = 25
FIELD_MAX_WORDS = 12  # "Email address and phone number for the person above"
# The trust speaking of itself ("What would we do differently?", "Our aims…"), where the form
# asks it ("Tell us…" is the form speaking).
FIRST_PERSON = patterns.compile(r"\b(?:we|our|I|my)\b", re.I)
# "(name, email, phone)", "(max 500 words)": said to the trust aside
BRACKETED = patterns.compile(r"\([^()]*\)")
_ASKING_WORD = lazy_pattern(r"\b(?:what|which|how|why|who|where|when|whether)\b", re.I)


def question_shaped(block: Block) -> bool:
    """Set out as a question or label: a heading, all bold, or ending in "?" or ":"."""
    if isinstance(block, Heading):
        return True
    if isinstance(block, Paragraph):
        text = block.text.rstrip()
        return all_bold(block.inlines) or text.endswith(("?", ":"))
    return False


ASKS_THE_TRUST = "asks the trust"  # the one form evidence that is wording, not layout


def label_form(block: Block, asks: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """How a block is set out as a label or question, if it is: the form evidence cues need.
    ``asks``: whether a sentence speaks to the trust (the matcher's ``asks``)."""
    asks = asks or addresses_submitter
    if isinstance(block, (Table, Control, Picture)):
        return ()
    if isinstance(block, ListItem) and not block.ordered:
        return ()  # a bullet point is an answer's, not the form's
    text = block.text.strip()
    form = []
    if isinstance(block, Heading):
        form.append("heading")
    if isinstance(block, ListItem):
        form.append("numbered")
    if all_bold(block.inlines):
        form.append("bold")
    if text.endswith("?"):
        form.append("ends with ?")
    elif text.endswith((":", "\uff1a")):
        form.append("ends with :")
    elif word_count(text) <= ASKING_MAX_WORDS and asks(text):
        form.append(ASKS_THE_TRUST)  # "Attach a local template if you have one."
    if not form and word_count(text) <= SHORT_LINE and not text.endswith((".", ",", ";", "!")):
        form.append("short line")
    return tuple(form)


def inline_label(text: str) -> int | None:
    """Where a leading "Label:" ends in ``text`` ("Trust: …", "Our work: we …"), when the label is
    short enough to be one and an answer follows; None otherwise."""
    dash = _DASH_LABEL.match(text)
    dash_ok = dash is not None and word_count(dash.group("label")) <= DASH_MAX_WORDS
    if dash_ok and not text[dash.end() : dash.end() + 1].islower():  # type: ignore[union-attr]
        # The first mark ends the label: 'Initiative - "Not In…" campaign in ED: posters…'; but
        # "Top tips – what could others learn:" goes on asking, to its colon.
        return dash.end()  # type: ignore[union-attr]
    m = _INLINE_LABEL.match(text)
    if m is not None and "@" in m.group("label"):
        return None  # "ian.siara@nhs.net Tel: 0123…" is a value, not a label
    if m is not None and "//" not in text[m.end() : m.end() + 8]:
        label = m.group("label")
        # "(name, email, phone)" is a hint to the trust, not more label
        if word_count(BRACKETED.sub("", label)) <= max_words_for(label):
            return m.end()
    return dash.end() if dash_ok else None  # type: ignore[union-attr]


def max_words_for(label: str) -> int:
    return QUESTION_MAX_WORDS if label.rstrip().endswith("?") else INLINE_MAX_WORDS


def continues_question(asked: Inlines, more: Inlines) -> bool:
    """Whether ``more`` is the rest of a question rather than its answer: set out the same way
    (bold after a bold question) or an instruction to the trust ("Please tick and provide…"),
    one short sentence long. A new template version often adds such a sentence."""
    text = plain_text(more).strip()
    if not text or word_count(text) > 30 or not text.endswith((".", "?", ":")) or text.count(". ") > 1:
        return False
    same_style = all_bold(asked) and all_bold(more)
    instruction = normalise(text).startswith(("please ", "and please ", "and ")) or text[:1].islower()
    return same_style or (instruction and addresses_submitter(text))


def question_goes_on(asked: Inlines, more: Inlines, asks: Callable[[str], bool]) -> bool:
    """After a question's colon, the rest of the question in lower case ("…the work you did: what
    it set out to achieve") rather than the answer."""
    text = plain_text(more).strip()
    short = word_count(text) <= 30 and text.endswith((".", "?", ":")) and text.count(". ") <= 1
    # "…describing this work? If so, please attach it.": still speaking to the trust
    # "what it set out to achieve…" goes on asking; "the bullying one (6). Ethnic minority…" answers
    lower = (
        text[:1].islower() and _ASKING_WORD().search(text) is not None and not any(c.isdigit() for c in text)
    )
    return short and (lower or asks(text) or continues_question(asked, more))


def addresses_submitter(text: str) -> bool:
    """Template questions speak to the trust ("Please describe your…"); a trust's own sub-headings
    speak as the trust ("How we engaged our networks"). The difference tells them apart."""
    return bool(_ADDRESSES_SUBMITTER.search(text))
