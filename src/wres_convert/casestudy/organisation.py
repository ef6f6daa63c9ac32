"""The organisation's name: its labelled field, or failing that an NHS body named in the details.

Some returns name the organisation only in a sentence ("submitted on behalf of Fenland Valley
Healthcare NHS Trust by …"). NHS bodies' names have a recognisable shape (capitalised words ending
in "NHS Trust", "NHS Foundation Trust", "Integrated Care Board" …), so we look for one there.
"""

from __future__ import annotations

from collections import Counter

from wres_convert.model import Block, Message
from wres_convert.text.lazy import pattern as lazy_pattern

_WORD = r"(?:[A-Z][\w'’.&-]*|&)"
_JOIN = r"(?:and|of|the|for|&|upon|on|in)"
_ENDING = (
    r"(?:NHS\s+Foundation\s+Trust|NHS\s+Trust|Foundation\s+Trust|Integrated\s+Care\s+Board|"
    r"Health\s+Board|NHS\s+Trust\s+Board|Commissioning\s+Support\s+Unit|Clinical\s+Commissioning\s+Group)"
)
# At most 14 words before the ending: an unbounded lazy run made a long title-cased text quadratic
# (every capitalised word started a search to the end of the text).
NHS_BODY = lazy_pattern(rf"\b{_WORD}(?:\s++(?:{_WORD}|{_JOIN})){{0,14}}?\s++{_ENDING}\b")
# "The" may be part of the name; "We're", "I'm" and "Here is" never are
_LEADING_NOISE = lazy_pattern(r"^(?:Our|At|For|From|In|On|By|This|We|I|We['’]re|I['’]m|Here|Is|Are)\s+")


def _candidates(blocks: tuple[Block, ...]) -> list[str]:
    names = []
    for b in blocks:
        for m in NHS_BODY().finditer(" ".join(b.text.split())):
            name = m.group(0)
            while _LEADING_NOISE().match(name):
                name = _LEADING_NOISE().sub("", name, count=1)
            if len(name.split()) >= 3:
                names.append(name)
    return names


def find_organisation(
    fields: dict[str, str], details: tuple[Block, ...], answers: tuple[Block, ...]
) -> tuple[str, Message | None]:
    """(organisation, warning): the labelled field; else the NHS body named in the details;
    else the one the answers name most often; else nothing, with a warning."""
    named = " ".join(fields.get("organisation", "").split())
    if named:
        return named, None
    for source, blocks in (("details", details), ("answers", answers)):
        found = Counter(_candidates(blocks))
        if found:
            name = found.most_common(1)[0][0]
            return name, Message(
                "organisation-guessed",
                f"no 'Organisation name' field: '{name}' was taken from the {source}; check it",
            )
    return "", Message("missing-organisation", "the organisation's name was not found")
