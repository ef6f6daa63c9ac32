"""The case study as the public JSON contract, ``wres-case-study/1`` (see the README)."""

from __future__ import annotations

import json

from wres_convert.casestudy.build import CaseStudy, Section
from wres_convert.digest import sha256_hex
from wres_convert.model import Document, Span, notes_of, pictures_of
from wres_convert.values import instance_fields
from wres_convert.writers.html import blocks_html, notes_html
from wres_convert.writers.markdown import blocks_md, notes_md
from wres_convert.writers.media import current as current_media
from wres_convert.writers.media import describe

SCHEMA = "wres-case-study/1"
DOCUMENT_SCHEMA = "wres-document/1"  # ``wres-convert read -f json``: the reader's model itself


def _section(s: Section) -> dict[str, object]:
    out: dict[str, object] = {
        "id": s.id,
        "heading": s.heading,
        "markdown": blocks_md(s.blocks, s.id),
        "html": blocks_html(s.blocks, s.id),
    }
    pictures = pictures_of(s.blocks)
    if pictures:  # as the section's markdown and html show them: files, or data: URIs in the page
        setting = current_media()
        out["images"] = [describe(p, setting, embed=setting.folder is None) for p in pictures]
    notes = notes_of(s.blocks)
    if notes:  # numbered as the section's markdown and html number them
        out["notes"] = [
            {"number": n, "kind": note.kind, "markdown": notes_md(note), "html": notes_html(note)}
            for n, note in enumerate(notes, start=1)
        ]
    return out


def case_study_dict(cs: CaseStudy, *, include_contact: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "schema": SCHEMA,
        "source": {"file": cs.source.file, "format": cs.source.format, "sha256": cs.source.sha256},
        "organisation": cs.organisation,
        "indicators": [{"number": i.number, "question": i.question} for i in cs.indicators],
        "title": cs.title,
        "subtitle": cs.subtitle,
        "slug": cs.slug,
        "sections": [_section(s) for s in cs.sections],
        "unpublished": [{"label": u.label, "markdown": blocks_md(u.blocks)} for u in cs.unpublished],
        "warnings": [{"code": w.code, "message": w.message} for w in cs.warnings],
    }
    if cs.corrections is not None:
        out["corrections"] = {"sha256": cs.corrections[0], "keys": list(cs.corrections[1])}
    if include_contact:
        out["contact"] = cs.contact.as_json()
    return out


def document_dict(doc: Document, file: str | None = None) -> dict[str, object]:
    """The reader's Document as JSON: every block with its ``type`` ("heading", "paragraph",
    "list-item", "table", "cell", "control") and its fields as the model holds them; a span gives
    ``text`` and only the formatting it has (``bold``, ``italic``, ``href``)."""
    out: dict[str, object] = {"schema": DOCUMENT_SCHEMA}
    if file is not None:
        out["source"] = {"file": file, "format": doc.format}
    out["format"] = doc.format
    out["blocks"] = [_model(b) for b in doc.blocks]
    out["warnings"] = [{"code": w.code, "message": w.message} for w in doc.warnings]
    if doc.figures:
        out["figures"] = [_model(b) for b in doc.figures]
    if doc.furniture:
        out["furniture"] = [_model(b) for b in doc.furniture]
    return out


def _model(value: object) -> object:
    # Generic over the model's dataclasses, so a field a reader adds later is shown too.
    if isinstance(value, bytes):  # a picture's bytes: what they are, not the bytes themselves
        return {"size": len(value), "sha256": sha256_hex(value)}
    if isinstance(value, Span):
        return {"text": value.text} | {k: _model(v) for k, v in vars(value).items() if k != "text" and v}
    if (names := instance_fields(value)) is not None:
        kind = "".join(f"-{c.lower()}" if c.isupper() else c for c in type(value).__name__).lstrip("-")
        return {"type": kind} | {name: _model(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_model(v) for v in value]
    return value


def error_dict(file: str, code: str, message: str) -> dict[str, object]:
    return {"source": {"file": file}, "error": {"code": code, "message": message}}


def dumps(obj: object, *, pretty: bool = True) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, sort_keys=False)
