"""The case study as the public JSON contract, ``wres-case-study/1`` (see the README)."""

from __future__ import annotations

import json

from wres_convert.casestudy.build import CaseStudy
from wres_convert.writers.html import blocks_html
from wres_convert.writers.markdown import blocks_md

SCHEMA = "wres-case-study/1"


def case_study_dict(cs: CaseStudy, *, include_contact: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "schema": SCHEMA,
        "source": {"file": cs.source.file, "format": cs.source.format, "sha256": cs.source.sha256},
        "organisation": cs.organisation,
        "indicators": [{"number": i.number, "question": i.question} for i in cs.indicators],
        "title": cs.title,
        "subtitle": cs.subtitle,
        "slug": cs.slug,
        "sections": [
            {"id": s.id, "heading": s.heading, "markdown": blocks_md(s.blocks), "html": blocks_html(s.blocks)}
            for s in cs.sections
        ],
        "unpublished": [{"label": u.label, "markdown": blocks_md(u.blocks)} for u in cs.unpublished],
        "warnings": [{"code": w.code, "message": w.message} for w in cs.warnings],
    }
    if include_contact:
        out["contact"] = cs.contact.as_json()
    return out


def error_dict(file: str, code: str, message: str) -> dict[str, object]:
    return {"source": {"file": file}, "error": {"code": code, "message": message}}


def dumps(obj: object, *, pretty: bool = True) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, sort_keys=False)
