"""Documents that are not a returned template, refused in one line (exit 4) before a page is made:
no questions found, a blank template, or a case study already published."""

from __future__ import annotations

from wres_convert.errors import EXIT_NOT_SUBMISSION, ConversionError
from wres_convert.model import Document, Heading, Paragraph, leaves
from wres_convert.standard import Standard
from wres_convert.template.mapper import Mapping
from wres_convert.text.normalise import normalise

PUBLISHED_HEADINGS = 3  # of the published sections' headings, standing as lines of their own
TEMPLATE_QUESTIONS = 2  # asked in the template's own words: a return, not a published page
QUESTIONS_BY_MEANING = 2  # found by their meaning alone, a return's questions are two roles or more


def refuse(code: str, message: str, standard: Standard, hint: str = "") -> ConversionError:
    hint = hint or f"check this is a returned '{standard.template_name}' template"
    return ConversionError(code, message, hint, EXIT_NOT_SUBMISSION)


def _line(text: str) -> str:
    """A line as compared with the published headings: "## What they did", pasted from our own
    Markdown, is the heading too."""
    return normalise(text.lstrip("#* \t"))


def check_published(doc: Document, standard: Standard, mapping: Mapping) -> None:
    """A published case study ("What they did … What can other organisations learn from this?"),
    copied into a document, is refused: converting it again would publish it twice, with its
    headings as answers. A return that asks the template's own questions is not one, whatever
    headings its answers use."""
    headings = {normalise(standard.heading(s)) for s in standard.sections}
    asked = [a for a in mapping.answers if a.match.strong and _line(a.match.text) not in headings]
    if len(asked) >= TEMPLATE_QUESTIONS:
        return
    seen = {
        norm
        for b in leaves(doc.blocks)
        # "## What they did" when the page's own Markdown is pasted in as text
        if isinstance(b, (Heading, Paragraph)) and (norm := _line(b.text)) in headings
    }
    if len(seen) >= min(PUBLISHED_HEADINGS, len(headings)):
        raise refuse(
            "published-case-study",
            "this looks like a published case study, not a returned template",
            standard,
            "convert the return it was made from",
        )


def check_answered(mapping: Mapping, standard: Standard) -> None:
    """Refuse a document with no template questions in it, or with questions and nothing under
    them (the blank template)."""
    roles = {a.question.use for a in mapping.answers}
    known = any(a.match.strong for a in mapping.answers)
    if not mapping.answers:
        raise refuse(
            "not-a-submission",
            standard.fill("no questions from the {acronym} case-study template were found"),
            standard,
        )
    if not known and len(roles) < QUESTIONS_BY_MEANING:
        # An e-mail with one label of its own ("Advice for other trusts:"): too little to be sure of
        raise refuse(
            "not-a-submission",
            standard.fill("only one of the {acronym} case-study template's questions was recognised"),
            standard,
            "label each answer ('What we did:', 'Challenges:', 'Learning:'), or see what was read with wres-convert read",
        )
    if not any(a.blocks for a in mapping.answers):
        raise refuse(
            "blank-template",
            "nothing was answered: every question is blank",
            standard,
            "ask the trust for the completed template",
        )
