"""What one line of a plain-text return is: a list item, a "Label: value" field, a title.

Plain text carries no structure, so these are the few signs people actually type: bullet and
enumerator markers at the start of a line, "Organisation name: …" fields, and short title-like
lines standing alone as sub-headings.
"""

from __future__ import annotations

from wres_convert.standard.spec import TemplateSpec
from wres_convert.text import patterns
from wres_convert.text.markers import Marker, list_marker
from wres_convert.text.normalise import normalise
from wres_convert.text.shapes import TITLE_MAX_CHARS, TITLE_MAX_WORDS, is_title_like

LABEL_RE = patterns.compile(r"^(?P<label>[A-Z][^:.?!]{0,40}?):\s+(?P<value>\S.*)$")
LOWER_LABEL_RE = patterns.compile(r"^(?P<label>[a-z][a-z '’/&()-]{0,40}?):\s+(?P<value>\S.*)$")
DASH_LABEL_RE = patterns.compile(r"^(?P<label>[A-Za-z][A-Za-z '’/&()]{0,30}?)\s+[-–—]\s+(?P<value>\S.*)$")
# Whole replies that say something, so are not empty answers, but are no titles either.
_SHORT_REPLIES = frozenset({"yes", "see attached"})
_OPENERS = "‘'\"“("


def line_marker(text: str) -> Marker | None:
    """The list marker a plain-text line starts with. "A." counts: typed outlines are the only
    lists plain text has, and a line is short enough that "J. Smith, Head of EDI" rarely leads one."""
    return list_marker(text, capital_dot=True)


def is_label(text: str) -> bool:
    """A "Label: value" field line such as "Organisation name: Chesterfield Royal …", "Name - Olu
    Adeyemi", or typed in lower case ("trust: Riverside Valley…")."""
    match = LABEL_RE.match(text) or LOWER_LABEL_RE.match(text)
    if match is not None:
        return len(match.group("label").split()) <= 6 and "//" not in match.group("value")[:8]
    dash = DASH_LABEL_RE.match(text)
    return dash is not None and len(dash.group("label").split()) <= 3


def is_answer(text: str) -> bool:
    """A whole short answer ("n/a", "None.", "Yes") that must stay a paragraph. The empty answers
    are the template's own list (``[empty] answers``), the one the mapper uses."""
    reply = normalise(text)
    return reply in TemplateSpec.load().empty_answers or reply in _SHORT_REPLIES


def title_like(text: str, *, max_words: int = TITLE_MAX_WORDS, max_chars: int = TITLE_MAX_CHARS) -> bool:
    """Title-shaped text (``text.shapes``) that plain text gives no other reason to doubt: a
    sub-heading candidate (the caller checks it stands alone)."""
    text = text.strip()
    if not is_title_like(text, max_words=max_words, max_chars=max_chars) or is_answer(text):
        return False
    if "•" in text or "@" in text or "http" in text.lower() or "www." in text.lower():
        return False
    label = LABEL_RE.match(text)
    if label and (
        len(label.group("value").split()) > 3 or sum(ch.isdigit() for ch in label.group("value")) >= 5
    ):
        return False  # "Organisation name: Chesterfield Royal NHS Foundation Trust" is a field
    marker = line_marker(text)
    if marker is not None and marker.bullet:
        return False
    body = text[marker.end :] if marker else text
    body = body.lstrip(_OPENERS)
    return bool(body) and (body[0].isupper() or body[0].isdigit()) and sum(ch.isalpha() for ch in body) >= 2
