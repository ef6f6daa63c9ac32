"""For each warning on a review page, the corrections-file lines that fix it, ready to copy: the
reviewer edits the values and saves them as RETURN.corrections.toml beside the return."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from wres_convert.text import patterns

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.model import Message

_QUOTED = patterns.compile(r"'([^']{1,80})'")


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is a JSON string


def snippet(cs: CaseStudy, warning: Message, mask: object) -> str:
    """The lines for ``warning`` (``mask`` hides private details in any text quoted), or ""."""
    quoted = _QUOTED.search(warning.message)
    label = mask(quoted.group(1)) if quoted else ""  # type: ignore[operator]
    sections = {s.heading: s.id for s in cs.sections}
    code = warning.code
    if code == "no-indicator":
        return "indicators = [8]  # the numbers of the improved indicators"
    if code in ("organisation-guessed", "missing-organisation"):
        return f"organisation = {_toml(cs.organisation or 'Name of the trust')}"
    if code == "missing-answer" and label in sections:
        return f"omit = [{_toml(sections[label])}]  # or publish every page with --omit-empty"
    if code == "unrecognised-question" and label:
        words = " ".join(label.split()[:6])
        return f'[[move]]\nfrom = {_toml(words)}\nto = "outcome"  # the section its answer belongs in'
    if code in ("unplaced-text", "unrecognised-question"):
        return '[[move]]\nfrom = "the first words of the text"\nto = "what-they-did"  # or: drop = ["…"]'
    if code in ("contact-in-answer", "private-data", "other-contact"):
        return 'drop = ["the first words of the paragraph to leave out"]'
    return ""
