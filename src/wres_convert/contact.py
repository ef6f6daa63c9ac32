"""The submitter's contact details: read from the "Your details" fields, kept out of every page.

The fields themselves are never published. This module also removes the submitter's name, e-mail
address and telephone number wherever an answer repeats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wres_convert.model import Block, Heading, ListItem, Paragraph, Span, Table
from wres_convert.privacy import spans_of

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers as people type them: 01246 512618, +44 (0)113 496 0412, 07700-900123.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s().-]?\d){8,10}(?!\d)")
REMOVED = "[contact details removed]"
TITLES = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Revd)"
HONORIFIC = re.compile(rf"^(?:{TITLES}\.?\s+)+", re.I)


@dataclass(frozen=True)
class Contact:
    name: str = ""
    job_title: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "job_title": self.job_title,
            "emails": list(self.emails),
            "phones": list(self.phones),
        }


def contact_from_fields(fields: dict[str, str]) -> Contact:
    name, title = fields.get("name", ""), fields.get("job_title", "")
    both = fields.get("name_and_title", "")
    if both and not name:
        # "Ian Siara, Deputy Director of Workforce & OD" or "Ian Siara - Deputy Director…"
        parts = re.split(r"\s*(?:,|\s[-–—]\s|\(|/)\s*", both, maxsplit=1)
        name = parts[0].strip()
        title = title or (parts[1].rstrip(") ").strip() if len(parts) > 1 else "")
    name = HONORIFIC.sub("", name).strip()
    raw = " ".join(fields.get(k, "") for k in ("contact", "name_and_title", "name"))
    return Contact(
        name=name,
        job_title=title,
        emails=tuple(dict.fromkeys(EMAIL.findall(raw))),
        phones=tuple(dict.fromkeys(m.group(0).strip() for m in PHONE.finditer(raw))),
    )


def _patterns(contact: Contact) -> list[re.Pattern[str]]:
    pats = [re.compile(re.escape(e), re.I) for e in contact.emails]
    for phone in contact.phones:
        digits = re.sub(r"\D", "", phone)
        if digits.startswith("44"):
            digits = digits[2:]
        digits = digits.lstrip("0")
        # The same number however it is spaced, with or without its leading 0 or +44.
        pats.append(re.compile(r"(?:\+44\s?\(?0?\)?\s?|0)?" + r"[\s().-]*".join(digits) + r"(?!\d)"))
    if len(contact.name) >= 4:
        words = contact.name.split()
        full = r"\s+".join(map(re.escape, words))
        pats.append(re.compile(rf"(?:\b{TITLES}\.?\s+)?\b{full}\b", re.I))
        if len(words) > 1:
            # "Dr Smith", "Mr. Mensah-Bonsu": the surname after a title is the same person.
            pats.append(re.compile(rf"\b{TITLES}\.?\s+{re.escape(words[-1])}\b", re.I))
    return pats


def _scrub_text(text: str, pats: list[re.Pattern[str]]) -> str:
    for p in pats:
        text = p.sub(REMOVED, text)
    return text


def scrub(blocks: tuple[Block, ...], contact: Contact) -> tuple[tuple[Block, ...], bool]:
    """Blocks with the submitter's details replaced, and whether anything was replaced."""
    pats = _patterns(contact)
    # One search over all the text first: the details are usually only in the details section,
    # which is not published, and then no span needs rebuilding.
    everything = "\n".join(s.text + "\n" + (s.href or "") for s in spans_of(blocks))
    pats = [p for p in pats if p.search(everything)]
    if not pats:
        return blocks, False
    changed = False

    def spans(inlines: tuple[Span, ...]) -> tuple[Span, ...]:
        nonlocal changed
        out = []
        for s in inlines:
            new = _scrub_text(s.text, pats)
            href = s.href
            if href and _scrub_text(href, pats) != href:
                href = None
            if new != s.text or href != s.href:
                changed = True
            out.append(replace(s, text=new, href=href))
        return tuple(out)

    def block(b: Block) -> Block:
        if isinstance(b, Table):
            return Table(
                tuple(tuple(replace(c, blocks=tuple(map(block, c.blocks))) for c in row) for row in b.rows)
            )
        if isinstance(b, (Heading, Paragraph, ListItem)):
            return replace(b, inlines=spans(b.inlines))
        return b

    return tuple(map(block, blocks)), changed


def scrub_identifiers(text: str, contact: Contact | None) -> tuple[str, bool]:
    """``text`` (a file name, a label) without the submitter's details or any e-mail address or
    telephone number, and whether anything was taken out. Used where published output shows an
    input's name."""
    pats = [EMAIL, PHONE, *(_patterns(contact) if contact else [])]
    out = text
    for p in pats:
        out = p.sub(" ", out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return out, out != text.strip()
