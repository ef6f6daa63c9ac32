"""A form's layout resolved into reading order: question-and-answer tables flattened row by row,
a details table's rows read as fields (the label in the first column, its value beside it), and
Word controls that name a question or field turned into that evidence."""

from __future__ import annotations

from collections.abc import Callable

from wres_convert.model import Block, Cell, Control, Picture, Table, value
from wres_convert.standard.spec import FieldSpec, Question, TemplateSpec
from wres_convert.template.fields import bare_label, is_field
from wres_convert.template.matching import Match, QuestionMatcher
from wres_convert.text.normalise import normalise


@value
class Ask:
    """A form control that names its question: the control's content answers it."""

    question: Question
    match: Match
    placeholder: bool


@value
class FieldValue:
    field_id: str
    value: str


@value
class FormLabel:
    """A form table's first-column label with an answer beside it that names no question or field
    we know: its place in the form makes it a question (of a version we have not seen), whose
    answer is kept unpublished, never a sub-heading of the answer above it."""

    block: Block


LABEL_MAX_WORDS = 15


def _table_is_form(
    table: Table, matcher: QuestionMatcher, spec: TemplateSpec, items: Callable[[str], bool] | None
) -> bool:
    """A table that holds template questions or detail labels is the form's layout, not content.
    Labels known only by their meaning must name two different questions or fields down the first
    column: an answer's own table may well be headed "Indicator | Improved? | Progress"."""
    labels = {normalise(label) for f in spec.fields for label in f.labels}
    by_meaning: set[str] = set()
    for row in table.rows:
        for column, cell in enumerate(row):
            for b in cell.blocks:
                if isinstance(b, Picture):
                    continue
                if isinstance(b, Control) and matcher.match_tag(b):
                    return True
                if normalise(b.text) in labels:
                    return True
                hit = matcher.match(b)
                if hit and hit[1].strong:
                    return True
                if items is not None and items(b.text):
                    continue  # "Indicator 7: …": a row of the answer's own tick-box table
                if column == 0 and (hit or is_field(b, spec) or _label_field(b.text, matcher, spec)):
                    by_meaning.add(hit[0].id if hit else "field:" + b.text)
                    if len(by_meaning) >= 2:
                        return True
    return False


def _field_row(row: tuple[Cell, ...], matcher: QuestionMatcher, spec: TemplateSpec) -> str | None:
    """The field a form table's row gives: its first cell only a field's label, by wording or by
    meaning, the value in the cells beside it."""
    label = [x for x in row[0].blocks if not isinstance(x, Picture) and x.text.strip()] if row else []
    if len(row) < 2 or len(label) != 1 or isinstance(label[0], (Table, Control)):
        return None
    if not any(c.text.strip() for c in row[1:]) or matcher.match(label[0]) is not None:
        return None
    return _label_field(label[0].text, matcher, spec)


def _label_field(text: str, matcher: QuestionMatcher, spec: TemplateSpec) -> str | None:
    """The field a table's first-column cell labels, by wording or by meaning: its place in the
    form, not its layout, makes it a label."""
    text = text.strip().rstrip(":\uff1a ")
    known = bare_label(text, spec)
    if known is not None:
        return known
    found = matcher.cue_field(text)
    return found[0] if found else None


def _unknown_label(
    row: tuple[Cell, ...],
    matcher: QuestionMatcher,
    spec: TemplateSpec,
    items: Callable[[str], bool] | None,
    *,
    header: bool,
) -> Block | None:
    """A form row's first cell, when it is a short label no question or field of ours names, with
    an answer beside it ("Supporting papers | n/a"); not a table's header row ("Question | Answer")."""
    label = [x for x in row[0].blocks if not isinstance(x, Picture) and x.text.strip()] if row else []
    if len(row) < 2 or len(label) != 1 or isinstance(label[0], (Table, Control)):
        return None
    text = label[0].text.strip()
    answers = [c.text.strip() for c in row[1:] if c.text.strip()]
    if not answers or len(text.split()) > LABEL_MAX_WORDS or matcher.match(label[0]) is not None:
        return None
    if header and all(len(t.split()) <= 3 for t in (text, *answers)):
        return None
    if is_field(label[0], spec) or (items is not None and items(text)):
        return None
    return label[0]


def linearise(
    blocks: tuple[Block, ...],
    matcher: QuestionMatcher,
    spec: TemplateSpec,
    items: Callable[[str], bool] | None = None,
) -> list[Block | Ask | FieldValue | FormLabel]:
    """Reading order, with form structure resolved: question/answer tables flattened row by row,
    cell by cell (which covers answers in the next cell and in the row below), and controls that
    name a question or field turned into that evidence."""
    out: list[Block | Ask | FieldValue | FormLabel] = []
    for b in blocks:
        if isinstance(b, Table) and _table_is_form(b, matcher, spec, items):
            for i, row in enumerate(b.rows):
                if (fid := _field_row(row, matcher, spec)) is not None:
                    # "NHS organisation submitting this case study | Chesterfield…": the label in
                    # the first column, its value beside it
                    out.append(FieldValue(fid, " ".join(c.text for c in row[1:] if c.text.strip())))
                    continue
                label = _unknown_label(row, matcher, spec, items, header=i == 0)
                if label is not None:
                    out.append(FormLabel(label))
                    row = row[1:]
                for cell in row:
                    out.extend(linearise(cell.blocks, matcher, spec, items))
        elif isinstance(b, Control):
            target = matcher.match_tag(b)
            if isinstance(target, Question):
                how = Match(b.tag or b.title, target.label, "content-control", 100.0)
                out.append(Ask(target, how, b.placeholder))
                out.extend(linearise(b.blocks, matcher, spec, items))
            elif isinstance(target, FieldSpec):
                out.append(FieldValue(target.id, b.text))
            else:
                out.extend(linearise(b.blocks, matcher, spec, items))
        else:
            out.append(b)
    return out
