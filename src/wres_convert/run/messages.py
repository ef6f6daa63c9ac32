"""A saved e-mail's returns: each one attached to the message converts on its own, and one that
cannot be converted never stops the others (the run layer's part of readers/mail)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from wres_convert.casestudy.build import CaseStudy
from wres_convert.errors import EXIT_NOT_SUBMISSION, EXIT_UNREADABLE, ConversionError
from wres_convert.readers.sniff import detect_kind

if TYPE_CHECKING:
    from wres_convert.model import Document
    from wres_convert.readers.mail import Part

T = TypeVar("T", bound=CaseStudy)


def message_parts(data: bytes, input_format: str | None = None) -> list[Part]:
    """The returns attached to a message (and to a message attached to it), in order, or [] for
    anything that is not a message or holds none."""
    try:
        kind = input_format or detect_kind(data)
    except ConversionError:
        return []  # the conversion itself reports it
    if kind not in ("email", "msg"):
        return []
    from wres_convert.readers.mail import parse_mail, returns

    return returns(parse_mail(data, kind))


def each_part(
    parts: list[Part], convert_one: Callable[[Part], CaseStudy]
) -> list[tuple[int, Part, CaseStudy]]:
    """Each attached return converted (with its position): one that cannot be converted never
    stops the others, and the first converted names it in a warning; none converted is an error."""
    from wres_convert.model import Message

    done: list[tuple[int, Part, T]] = []
    failed: list[Message] = []
    errors: list[ConversionError] = []
    for i, part in enumerate(parts):
        try:
            done.append((i, part, convert_one(part)))
        except ConversionError as exc:
            if len(parts) == 1:
                raise
            errors.append(exc)
            failed.append(
                Message("email-attachment-failed", f"{part.name!r}, attached: {exc.message}; {exc.hint}")
            )
    if not done:
        refused = all(e.exit_code == EXIT_NOT_SUBMISSION for e in errors)  # blank templates, say
        raise ConversionError(
            "attachments-unreadable",
            f"none of the {len(parts)} returns attached to the message could be converted",
            "; ".join(m.message for m in failed),
            EXIT_NOT_SUBMISSION if refused else EXIT_UNREADABLE,
        )
    i, part, cs = done[0]
    done[0] = (i, part, replace(cs, warnings=(*cs.warnings, *failed)))
    return done


def attached(cs: T, part: Part, message: PurePosixPath) -> T:
    """The case study of a return attached to the message at ``message``: its file is
    MESSAGE/ATTACHMENT (without the submitter's details), which says where it came from, so no
    warning needs to (a warning would fail every attached return under --strict)."""
    from wres_convert.run.names import part_file, shown_name

    # Each named as a file of its own: a message's name that is all contact details is "return.eml".
    inbox = f"{shown_name(message.parent, cs.contact)}/" if message.parent != PurePosixPath(".") else ""
    shown = f"{inbox}{shown_name(PurePosixPath(message.name), cs.contact)}/"
    shown += shown_name(PurePosixPath(part_file(part.name)), cs.contact)
    return replace(cs, source=replace(cs.source, file=shown))


def no_return(exc: ConversionError) -> ConversionError:
    """A message's body that answers nothing is "no return in this message" (a batch skips it),
    not a refused return."""
    from wres_convert.readers.mail import NO_RETURN

    if exc.exit_code != EXIT_NOT_SUBMISSION or exc.code == "no-return":
        return exc
    return ConversionError("no-return", f"{NO_RETURN} ({exc.message})", exc.hint, EXIT_NOT_SUBMISSION)


def body_instead(
    data: bytes, fmt: str, refused: ConversionError, make: Callable[[Document], CaseStudy]
) -> CaseStudy:
    """A message whose attached file is no return (a blank template, a published page) but whose
    text holds the answers: the text, saying so; otherwise the attachment's own refusal."""
    from wres_convert.model import Message
    from wres_convert.readers.clean import clean_document
    from wres_convert.readers.mail import parse_mail, read_mail_text

    if refused.exit_code != EXIT_NOT_SUBMISSION:
        raise refused
    try:
        cs = make(clean_document(read_mail_text(parse_mail(data, fmt))))
    except ConversionError:
        raise refused from None
    said = Message(
        "email-attachment-not-return",
        f"the file attached to the e-mail is no return ({refused.message}): the answers were read from the message's text",
    )
    return replace(cs, warnings=(*cs.warnings, said))
