"""Output names: each input's page name, derived from the input's own path and nothing else.

A page name depends only on the input's path below its inbox, never on which other files a run
happens to hold, so it is the same on every run and a page is never left stale under an old
name. The mapping is one-to-one, so no two inputs can share a page:

- a "plain" DOCX name (lower-case letters, digits, ``-`` and ``_``) keeps its stem:
  ``chesterfield.docx`` -> ``chesterfield.html``;
- a plain name of another type adds its type: ``chesterfield.pdf`` -> ``chesterfield--pdf.html``,
  so the DOCX and the PDF of one return never meet;
- any other name (spaces, capitals, accents, an upper-case suffix, nothing left once slugified,
  a name the tool keeps for itself, a name over ``PLAIN_MAX`` characters, or one holding personal
  details) becomes its slug and a
  short hash of the exact path: ``WRES return (v2).docx`` -> ``wres-return-v2--3f2a9c1b.html``.

Plain names and slugs never hold ``--``, a type is at most five letters and a hash eight hex
digits, so no two of these forms can meet. (No dot: ``x.pdf.html`` would show as "x.pdf" where
a file manager hides the last extension.)
Sub-folders below the inbox are kept, each folder's name made the same way.

A return attached to a message is named MESSAGE--ATTACHMENT: the message's own page name (made to
hold exactly one ``--``, its type added to a plain .docx name) and the attachment's, made by the same
rules from its file name (``inbox.eml`` holding ``return.docx`` -> ``inbox--eml--return.html``), so
these never meet a file's page either; attachments of one message whose names give the same page
each add their position (``--2``: one or two digits, where an attachment's own name has a type
of letters or an eight-digit hash after its ``--``).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from wres_convert.casestudy.scrub import scrub_identifiers
from wres_convert.digest import sha256_hex
from wres_convert.text import patterns

if TYPE_CHECKING:
    from wres_convert.casestudy.contact import Contact

PLAIN = patterns.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_SUFFIX = patterns.compile(r"\.[a-z]{1,5}")
_NOT_ALNUM = patterns.compile(r"[^a-z0-9]")
_UNSAFE = patterns.compile(r"[^\w .,()+-]")  # in an attachment's name
PRIMARY_SUFFIX = ".docx"  # the template's own format: its pages keep the bare name
# Stems the tool writes itself in an output folder: a page must never take their place.
RESERVED = frozenset({"index", "wres-convert-manifest", "review"})
PLAIN_MAX = 60  # a longer plain name is hashed too: every page name stays well inside 255 bytes
ORIGINAL_MARK = "-original"  # a page's published copy of its source: PAGE-original.ext


def slug(text: str) -> str:
    """Letters, digits and dashes only, lower case: never a path, never markup."""
    from slugify import slugify

    return slugify(text, max_length=80)


def _hashed(text: str, rel: PurePosixPath) -> str:
    digest = sha256_hex(rel.as_posix().encode("utf-8", "surrogateescape"))[:8]
    return f"{slug(text) or 'case-study'}--{digest}"


def _folder_name(name: str, rel: PurePosixPath, contact: Contact | None) -> str:

    kept, removed = scrub_identifiers(name, contact)
    plain = PLAIN.fullmatch(name) and len(name) <= PLAIN_MAX and name not in RESERVED
    return name if plain and not removed else _hashed(kept, rel)


def page_name(rel: PurePosixPath, ext: str, contact: Contact | None = None) -> PurePosixPath:
    """The page for the input at ``rel`` (its path below the inbox), with extension ``ext``.
    ``contact``: the submitter's details, which never reach a name."""

    folders = [
        _folder_name(part, PurePosixPath(*rel.parts[: i + 1]), contact)
        for i, part in enumerate(rel.parts[:-1])
    ]
    stem, suffix = rel.stem, rel.suffix
    kept, removed = scrub_identifiers(stem, contact)
    plain = not removed and bool(PLAIN.fullmatch(stem)) and len(stem) <= PLAIN_MAX and stem not in RESERVED
    plain = plain and not stem.endswith(ORIGINAL_MARK)  # never mistaken for a published copy
    if plain and suffix == PRIMARY_SUFFIX:
        name = stem
    elif plain and _SUFFIX.fullmatch(suffix):
        name = f"{stem}--{suffix[1:]}"
    else:
        name = _hashed(kept, rel)
    return PurePosixPath(*folders, name + ext)


def shown_name(rel: PurePosixPath, contact: Contact | None = None) -> str:
    """The input's path as published output shows it (JSON ``source.file``, front matter):
    the submitter's details, e-mail addresses and phone numbers taken out of every part."""

    parts = []
    for i, part in enumerate(rel.parts):
        last = i == len(rel.parts) - 1
        path = PurePosixPath(part)
        kept, removed = scrub_identifiers(path.stem if last else part, contact)
        if removed:
            part = f"{kept or 'return'}{path.suffix}" if last else (kept or "folder")
        parts.append(part)
    return "/".join(parts)


def original_name(page: PurePosixPath | str, source_suffix: str) -> str:
    """The name the source's copy gets beside its page (--link-original)."""
    suffix = _NOT_ALNUM.sub("", source_suffix.lower())
    stem = PurePosixPath(page).name.rsplit(".", 1)[0]
    return f"{stem}{ORIGINAL_MARK}" + (f".{suffix}" if suffix else "")


def part_file(name: str) -> str:
    """An attachment's file name as one safe path part: a stranger chose it, so only letters,
    digits, spaces and ``.,()+-_`` are kept ("../x", "<script>.docx" cannot pass)."""
    return _UNSAFE.sub("_", name).strip(" .") or "attachment"


def part_page_name(
    rel: PurePosixPath, attachments: list[str], index: int, ext: str, contact: Contact | None = None
) -> PurePosixPath:
    """The page of the return ``attachments[index]`` attached to the message at ``rel``:
    MESSAGE--ATTACHMENT, with ``--N`` (its position) added when another attachment of the message
    has the same name (an attachment's own name never ends so: see the module docstring)."""
    message = page_name(rel, "", contact)
    if "--" not in message.name:  # a message saved under a .docx name: its type, as other types have
        message = message.with_name(f"{message.name}--{rel.suffix[1:] or 'message'}")
    stems = [page_name(PurePosixPath(part_file(a)), "", contact).name for a in attachments]
    name = f"{message.name}--{stems[index]}" + (f"--{index + 1}" if stems.count(stems[index]) > 1 else "")
    return message.with_name(name + ext)
