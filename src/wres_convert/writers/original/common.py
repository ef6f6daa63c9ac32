"""What every published copy shares: who must not be in it, and how a refusal reads."""

from __future__ import annotations

import zlib

from wres_convert.casestudy.build import CaseStudy
from wres_convert.casestudy.contact import Contact, contact_from_fields
from wres_convert.casestudy.privacy import EMAILS, PHONES, Finder, finder
from wres_convert.casestudy.scrub import finders
from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.text import patterns

_STREAM = patterns.compile(rb"(?<!end)stream\r?\n")  # a stream's start, not "endstream"
PUBLIC_FIELDS = frozenset({"organisation"})  # every other details field is blanked in the copy
WHAT_TO_DO = (
    "remove the contact details from the original and convert the cleaned copy, or leave out --link-original"
)


def refuse(message: str, hint: str = WHAT_TO_DO) -> ConversionError:
    return ConversionError("original-not-published", f"--link-original: {message}", hint, EXIT_CANNOT_WRITE)


def rules(contact: Contact) -> list[Finder]:
    """What must not be in a published original: the submitter's details, anyone's e-mail address
    or telephone number."""
    return [*finders(contact), finder(EMAILS.pattern), finder(PHONES.pattern, PHONES.valid)]


def contact_of(cs: CaseStudy) -> Contact:
    """The submitter's details, with every name also read from the fields as written."""
    return cs.contact if cs.contact.names or not cs.mapping.fields else contact_from_fields(cs.mapping.fields)


def inflated(data: bytes, budget: int = 64 * 1024 * 1024) -> bytes:
    """The PDF's bytes with each Flate stream inflated after them (bounded): metadata and
    annotations may sit in compressed object streams."""
    out = [data]
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        if budget <= 0:
            break
        inflater = zlib.decompressobj()
        try:
            piece = inflater.decompress(view[m.end() :], budget)
        except zlib.error:
            continue
        budget -= len(piece)
        out.append(piece)
    return b"\n".join(out)
