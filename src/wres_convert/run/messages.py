"""A saved e-mail's returns: each one attached to the message converts on its own, and one that
cannot be converted never stops the others (the run layer's part of readers/mail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from wres_convert.casestudy.build import CaseStudy, said_safely
from wres_convert.errors import EXIT_NOT_SUBMISSION, EXIT_UNREADABLE, ConversionError
from wres_convert.readers.sniff import ZIP_MAGIC, detect_kind
from wres_convert.values import replace

if TYPE_CHECKING:
    from wres_convert.model import Document, Message
    from wres_convert.readers.mail import Part

T = TypeVar("T", bound=CaseStudy)


def is_message(data: bytes) -> bool:
    """Whether ``data`` is a saved e-mail (.eml or Outlook's .msg)."""
    try:
        return _kind(data) in ("email", "msg")
    except ConversionError:
        return False


def _kind(data: bytes) -> str:
    """What ``data`` is, as far as telling a message from the rest: a zip is never one, so a Word
    return is not opened to say so (its reader opens it); an OLE file may be Outlook's .msg."""
    return detect_kind(data, look_inside=not data.startswith(ZIP_MAGIC))


def message_parts(data: bytes, input_format: str | None = None) -> tuple[list[Part], list[Message]]:
    """The returns attached to a message (and to the messages attached to it), in order, and the
    warning naming what else it holds; ([], []) for anything that is not a message."""
    try:
        kind = input_format or _kind(data)
    except ConversionError:
        return [], []  # the conversion itself reports it
    if kind not in ("email", "msg"):
        return [], []
    from wres_convert.readers.mail import left_out, parse_mail, returns

    left: list[str] = []
    parts = returns(parse_mail(data, kind), left=left)
    return parts, left_out(left)


def each_part(
    parts: list[Part],
    convert_one: Callable[[Part], T],
    notes: list[Message] = (),  # type: ignore[assignment]
) -> list[tuple[int, Part, T]]:
    """Each attached return converted (with its position): one that cannot be converted never
    stops the others, and the first converted names it (and ``notes``) in warnings; none
    converted is an error naming them."""
    from wres_convert.readers.mail import attachment_error, attachment_failed

    done: list[tuple[int, Part, T]] = []
    failed: list[tuple[Part, ConversionError]] = []
    for i, part in enumerate(parts):
        try:
            done.append((i, part, convert_one(part)))
        except ConversionError as exc:
            failed.append((part, exc))
    if not done:
        part, first = failed[0]
        if len(parts) == 1:
            raise attachment_error(part, first)
        refused = all(e.exit_code == EXIT_NOT_SUBMISSION for _, e in failed)  # blank templates, say
        names = ", ".join(f"{p.name!r} ({e.code})" for p, e in failed[:5])
        raise ConversionError(
            "attachments-unreadable",
            f"none of the {len(parts)} returns attached to the message could be converted: {names}"
            + (f" and {len(failed) - 5} more" if len(failed) > 5 else ""),
            "convert each attachment on its own to see why",
            EXIT_NOT_SUBMISSION if refused else EXIT_UNREADABLE,
        )
    i, part, cs = done[0]
    said = [said_safely(m, cs.contact) for m in (*(attachment_failed(p, e) for p, e in failed), *notes)]
    done[0] = (i, part, replace(cs, warnings=(*cs.warnings, *said)))
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
    return replace(cs, warnings=(*cs.warnings, said_safely(said, cs.contact)))
