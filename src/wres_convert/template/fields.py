"""The "Your details" fields: organisation, the submitter's name and contact details.

Read as "Label: value" wherever the form puts them outside a published answer. Never published.
"""

from __future__ import annotations

import re
from itertools import pairwise

from wres_convert.model import Block, Picture, Table
from wres_convert.standard.spec import TemplateSpec
from wres_convert.template.labels import inline_label, label_form
from wres_convert.template.matching import QuestionMatcher
from wres_convert.text import patterns
from wres_convert.text.normalise import normalise

_PATTERNS: dict[int, tuple[TemplateSpec, tuple[re.Pattern[str], dict[str, str]]]] = {}


def _label_pattern(spec: TemplateSpec) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every field label followed by a colon, longest first, and label -> field id.
    Cached by the spec's identity: hashing a whole frozen spec on every call cost more than the
    lookups it served."""
    cached = _PATTERNS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    _PATTERNS[id(spec)] = (spec, _build_label_pattern(spec))
    return _PATTERNS[id(spec)][1]


def _build_label_pattern(spec: TemplateSpec) -> tuple[re.Pattern[str], dict[str, str]]:
    ids = {normalise(label): f.id for f in spec.fields for label in f.labels}
    alternatives = patterns.longest_first({label for f in spec.fields for label in f.labels})
    body = "|".join(r"\s+".join(map(re.escape, label.split())) for label in alternatives)
    return patterns.compile(rf"(?<!\w)({body})\s*[:\uff1a]", re.I), ids


def _fields_in(text: str, spec: TemplateSpec) -> list[tuple[str, str]] | None:
    """The (field id, value) pairs of a "Label: value" block, split at every further label.

    Readers sometimes join the details lines into one paragraph ("Name of organisation: X Name
    and job title of person completing this form: Y"); splitting at each known label keeps the
    organisation clean and the submitter's name in its own field.
    """
    found = field_ranges(text, spec)
    return None if found is None else [(fid, text[a:b].strip()) for fid, a, b in found]


def field_ranges(text: str, spec: TemplateSpec) -> list[tuple[str, int, int]] | None:
    """Where each field's value lies in a "Label: value" block, as (field id, start, end): what a
    published copy of the original blanks."""
    pattern, ids = _label_pattern(spec)
    matches = list(pattern.finditer(text))
    if not matches or text[: matches[0].start()].strip(" \t-–•*·"):
        return _field_by_meaning(text, spec)
    return [
        (ids[normalise(m.group(1))], m.end(), nxt.start() if nxt else len(text))
        for m, nxt in pairwise([*matches, None])
    ]


def _field_by_meaning(text: str, spec: TemplateSpec) -> list[tuple[str, int, int]] | None:
    """ "Trust: X", "Tel / email: …": a label no template lists, known by its cues."""
    cut = inline_label(text)
    if cut is None:
        return None
    found = QuestionMatcher.for_spec(spec).cue_field(text[:cut].strip().rstrip(":\uff1a "))
    return None if found is None else [(found[0], cut, len(text))]


# How a label standing alone is set out, when only its meaning says which field it is: a value
# ("Chesterfield Royal NHS Foundation Trust", even in bold) may hold a field's cue word too, but
# does not end in ":" or "?", nor is it a short line in lower case ("organisation submitting").
_LABEL_FORMS = frozenset({"ends with :", "ends with ?", "numbered"})  # "1. Organisation name"


_PLAIN_WORDS = patterns.compile(r"[a-z][a-z '’&/-]*")
LOWER_CASE_LABEL = 5.0  # cues a label in lower case with no colon needs: an answer's fragment has fewer


def _set_out_as_label(block: Block) -> float | None:
    """The cue score a bare label needs, or None when the block is not set out as one."""
    form = label_form(block)
    if _LABEL_FORMS.intersection(form):
        return 0.0
    if "short line" in form and _PLAIN_WORDS.fullmatch(block.text.strip()):
        return LOWER_CASE_LABEL  # "organisation submitting" typed above its value
    return None


def bare_label(text: str, spec: TemplateSpec) -> str | None:
    """The field id when ``text`` is only a field's label (its value follows in the next block)."""
    _, ids = _label_pattern(spec)
    return ids.get(normalise(text))


def _bare_label(block: Block, spec: TemplateSpec) -> str | None:
    """The field id when a block is only a label, its value in the next block (table layouts)."""
    if isinstance(block, (Table, Picture)):
        return None
    _, ids = _label_pattern(spec)
    known = ids.get(normalise(block.text))
    need = None if known is not None else _set_out_as_label(block)
    if need is None:
        return known
    found = QuestionMatcher.for_spec(spec).cue_field(block.text)
    return None if found is None or found[1].score < need else found[0]


def record_field(fields: dict[str, str], fid: str, value: str) -> None:
    value = " ".join(value.split())
    if value and fid == "contact" and fields.get(fid):
        fields[fid] += " " + value  # "Email: …" and "Telephone: …" on separate lines
    elif value and fid not in fields:
        fields[fid] = value


def take_fields(
    blocks: list[Block], spec: TemplateSpec, matcher: QuestionMatcher, fields: dict[str, str]
) -> list[Block]:
    """Record the "Label: value" fields found in ``blocks`` and return the blocks that are not fields."""

    rest: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        pairs = None if isinstance(block, (Table, Picture)) else _fields_in(block.text, spec)
        bare = _bare_label(block, spec)
        if pairs:
            for fid, value in pairs:
                record_field(fields, fid, value)
            # A label with nothing after its colon takes the next block, as a bare label does.
            bare = pairs[-1][0] if not pairs[-1][1] else None
            if bare is None:
                i += 1
                continue
        if bare is not None:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                nxt is not None
                and not isinstance(nxt, (Table, Picture))
                and not _is_label(nxt, spec, matcher)
            ):
                record_field(fields, bare, nxt.text.strip())
                i += 2
            else:
                i += 1
            continue
        rest.append(block)
        i += 1
    return rest


def _is_label(block: Block, spec: TemplateSpec, matcher: QuestionMatcher) -> bool:
    if isinstance(block, (Table, Picture)):
        return False
    return bool(_fields_in(block.text, spec) or _bare_label(block, spec) or matcher.match(block))


def is_field(block: Block, spec: TemplateSpec) -> bool:
    """A "Label: value" or bare label block: the submitter's details, never a question."""
    return not isinstance(block, (Table, Picture)) and bool(
        _fields_in(block.text, spec) or _bare_label(block, spec)
    )
