"""The review report: what a person should look at before a case study is published.

For each template question: the wording it was recognised by, how (content-control tag, exact,
prefix, fuzzy or word match, or its meaning: the cues that fired and how the line was set out,
with its score), and whether it was answered. Lines whose cues named a question but that were
kept as answer text are listed with the reason. Then everything else
the conversion noticed: missing or placeholder answers, question-like lines it did not know,
tracked changes and comments, personal data, and what was read but not published. It is a view
of the same warnings the JSON output carries.
"""

from __future__ import annotations

from typing import Any

from wres_convert.casestudy.build import CaseStudy
from wres_convert.standard.spec import TemplateSpec
from wres_convert.template.mapper import Answer


def _question(q_id: str, label: str, a: Answer | None) -> dict[str, Any]:
    return {
        "id": q_id,
        "question": label,
        "found": a is not None,
        "matched_text": a.match.text if a else None,
        "matched_wording": a.match.wording if a else None,
        "how": a.match.how if a else None,
        "score": a.match.score if a else None,
        "cues": list(a.match.cues) if a else [],
        "form": list(a.match.form) if a else [],
        "answered": bool(a and a.blocks),
        "placeholder": bool(a and a.placeholder),
    }


def review(cs: CaseStudy) -> dict[str, Any]:
    """The report for one converted file, as plain data (the JSON form of ``check``)."""
    found = {a.question.id: a for a in cs.mapping.answers}
    questions = []
    uses = {a.question.use for a in cs.mapping.answers}
    for q in TemplateSpec.load().questions:
        if q.use == "details" or (q.id not in found and q.use in uses):
            continue  # a second question for a role that is answered ("progress made") is optional
        questions.append(_question(q.id, q.label, found.get(q.id)))
        # A template that asks it twice over ("what was hard?", "what helped?"): each part.
        parts = [a for qid, a in found.items() if qid.startswith(q.id + "#")]
        questions += [_question(a.question.id, q.label + " (more)", a) for a in parts]
    codes = {w.code for w in cs.warnings}
    # Every warning needs a look, as it does for the conversion's --strict: even "read as cp1252"
    # and "converted with LibreOffice" ask the reader to check the result.
    attention = sorted(codes)
    return {
        "file": cs.source.file,
        "format": cs.source.format,
        "organisation": cs.organisation,
        "indicators": [i.number for i in cs.indicators],
        "title": cs.title,
        "questions": questions,
        "unrecognised_questions": [
            a.question.label for a in cs.mapping.answers if a.question.id.startswith("unrecognised-")
        ],
        "unpublished": [u.label for u in cs.unpublished],
        "passed_over": [
            {
                "text": p.match.text,
                "question": p.question,
                "score": p.match.score,
                "cues": list(p.match.cues),
                "reason": p.reason,
            }
            for p in cs.mapping.passed
        ],
        "other_contact": "other_contact" in cs.mapping.fields,
        "tracked_changes": "revisions" in codes,
        "comments": "comments" in codes,
        "private_data": [w.message for w in cs.warnings if w.code == "private-data"],
        "warnings": [{"code": w.code, "message": w.message} for w in cs.warnings],
        "needs_attention": bool(attention),
        "attention": attention,
    }


def _how(q: dict[str, Any]) -> str:
    if not q["found"]:
        return "not found"
    how = {"content-control": "form field/control", "words": "word match", "cue": "meaning"}.get(
        q["how"], q["how"]
    )
    if q["how"] == "cue":  # "meaning (7: barrier, what helped; ends with :)"
        return f"{how} ({q['score']:g}: {', '.join(q['cues'])}; {', '.join(q['form'])})"
    return f"{how} ({q['score']:.0f})" if q["how"] in ("fuzzy", "words") else how


def render_text(report: dict[str, Any]) -> str:
    """The report for a terminal: a table of questions, then what needs a look."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from wres_convert.text.controls import printable

    def text(value: object) -> Text:
        # Submission text, printed as written: never rich markup ("[/x]"), emoji codes (":x:"),
        # or terminal control characters. Every line and cell goes through here.
        return Text(printable(str(value)))

    buffer = io.StringIO()
    console = Console(file=buffer, width=110, no_color=True, highlight=False)
    indicators = ", ".join(map(str, report["indicators"])) or "none found"
    console.print(
        text(
            f"{report['file']}: {report['organisation'] or '(organisation not found)'}; indicators {indicators}"
        )
    )
    table = Table(show_header=True, header_style="bold", expand=False)
    for column in ("Question", "Recognised as", "How", "Answered"):
        table.add_column(column, overflow="fold")
    for q in report["questions"]:
        answered = "placeholder only" if q["placeholder"] else "yes" if q["answered"] else "no"
        table.add_row(text(q["question"]), text(q["matched_text"] or "-"), text(_how(q)), text(answered))
    console.print(table)
    for label in report["unrecognised_questions"]:
        console.print(text(f"  unrecognised question (kept unpublished): {label}"))
    for label in report["unpublished"]:
        console.print(text(f"  read but not published: {label}"))
    for p in report["passed_over"]:
        console.print(
            text(
                f"  kept as answer text: '{p['text']}' (its cues named '{p['question']}', "
                f"{p['score']:g}: {', '.join(p['cues'])}): {p['reason']}"
            )
        )
    if report["other_contact"]:
        console.print(text("  another contact was named: kept private, and removed from the answers"))
    for w in report["warnings"]:
        console.print(text(f"  {w['code']}: {w['message']}"))
    console.print(
        text("  needs attention: " + (", ".join(report["attention"]) if report["needs_attention"] else "no"))
    )
    return buffer.getvalue()
