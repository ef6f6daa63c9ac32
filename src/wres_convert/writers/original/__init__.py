"""The copy of a submission that ``--link-original`` publishes beside its page.

The original holds what the page never shows: the "Your details" answers, the author in the
document's properties, comments, tracked changes and their authors, hidden text. So the copy is
made, never the file itself:

- Word: the details fields' values are blanked (job title included) and the submitter's name,
  e-mail address and phone number, and every other e-mail address and UK phone number, are
  removed wherever they occur, even split across runs; hidden and deleted text, comments,
  revision marks and authors, custom properties, the thumbnail, custom XML, the attached template
  and document variables go; the author, last-modified-by, company and manager are emptied.
  Embedded Office files are cleaned the same way; other embedded objects are refused.
- Text (plain, Markdown, HTML): the same for its lines; a saved e-mail is refused (its encoded
  parts cannot be checked).
- PDF: published unchanged only when it holds no contact details, no e-mail address or phone
  number, no author and no annotations; otherwise refused.
- .doc, .rtf, .odt: refused.

Every copy is then read back, with the project's own reader and as raw XML or text, and checked for
any remaining detail; if one remains, nothing is published. A refusal is one ``ConversionError``
saying what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_convert.writers.original.common import refuse

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy


def publishable_original(data: bytes, fmt: str, cs: CaseStudy) -> bytes:
    """The bytes of ``data`` (the submission ``cs`` was made from, in format ``fmt``) that are safe
    to publish; ``ConversionError`` when no safe copy can be made."""
    if fmt == "docx":
        from wres_convert.writers.original.docx import publishable_docx

        return publishable_docx(data, cs)
    if fmt == "text":
        from wres_convert.writers.original.flat import publishable_text

        return publishable_text(data, cs)
    if fmt == "pdf":
        from wres_convert.writers.original.flat import publishable_pdf

        return publishable_pdf(data, cs)
    raise refuse(
        f"a .{fmt} file cannot be published cleanly here",
        "save it as .docx and convert that, or leave out --link-original",
    )
