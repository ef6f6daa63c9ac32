"""The review page: what a person looks at before a return is published (issue 17).

One static page per return, in two columns: on the left the document as it was read (the
mapper's answers in reading order, each labelled with the section it went to and how its question
line was recognised; the text that was placed nowhere; what was not published; the submitter's
details, masked; the warnings), on the right the case study as it will be published. A review
index lists every return with its state: clean, needs review, or failed.

Everything shown on the left is submission text: it is passed to the templates as plain strings
(Jinja2 autoescapes them) and every string goes through ``Masker`` first, so no e-mail address,
telephone number or the submitter's name is ever written out whole. Only the published article
(the writers' own, already safe HTML) is marked safe.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from wres_convert.model import Block, Control, Heading, ListItem, Paragraph, Picture, Table, value
from wres_convert.text.normalise import digits_of
from wres_convert.values import field, record
from wres_convert.writers.review_fixes import snippet

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy
    from wres_convert.casestudy.contact import Contact
    from wres_convert.standard import Standard
    from wres_convert.template.mapper import Answer
    from wres_convert.writers.site import Site

BULLET = "\u2022"
STATES = {"clean": "Clean", "needs-review": "Needs review", "failed": "Failed"}
THEME_CSS = {"default": "page.css", "nhsuk": "nhsuk.css"}  # each theme's packaged stylesheet
HOW = {
    "content-control": "tag (the form's own field)",
    "exact": "exact wording",
    "prefix": "exact wording (its start)",
    "fuzzy": "fuzzy wording",
    "words": "word match",
    "cue": "cue (its meaning)",
    "none": "not a known question",
}
NOT_PUBLISHED = {"n": 0, "id": "not-published", "heading": "Not published"}


class Masker:
    """Hides private details in text shown to a reviewer, keeping enough to recognise them:
    ``j•••@nhs.net``, ``•••18``, ``J••• S•••``. Finds what the conversion itself removes (the
    submitter's e-mail addresses, numbers and names however written) and anyone's e-mail address,
    telephone, NHS or National Insurance number."""

    def __init__(self, contact: Contact) -> None:
        from wres_convert.casestudy.privacy import DETECTORS, finder
        from wres_convert.casestudy.scrub import finders

        self.rules = finders(contact) + [finder(d.pattern, d.valid) for d in DETECTORS]

    def __call__(self, text: str) -> str:
        from wres_convert.casestudy.privacy import find_ranges

        if not text:
            return text
        out, pos = [], 0
        for a, b in find_ranges(text, self.rules):
            out += [text[pos:a], masked(text[a:b])]
            pos = b
        return "".join([*out, text[pos:]])


def masked(found: str) -> str:
    """One private detail, masked: an address keeps its first letter and its domain, a number its
    last two digits, a name each word's initial."""
    if "@" in found:
        local, _, domain = found.rpartition("@")
        return f"{local[:1]}{BULLET * 3}@{domain}"
    digits = digits_of(found)
    if len(digits) >= 6:
        return BULLET * 3 + digits[-2:]
    return " ".join(w[:1] + BULLET * 3 for w in found.split()) or BULLET * 3


def how_found(answer: Answer) -> str:
    """How a question line was recognised, as the review shows it: "fuzzy wording, score 87"."""
    m = answer.match
    how = HOW.get(m.how, m.how)
    if m.how == "cue":
        cues = ", ".join((*m.cues, *m.form))
        return f"{how}, score {m.score:g}" + (f": {cues}" if cues else "")
    if m.how in ("fuzzy", "words", "prefix"):
        return f"{how}, score {m.score:.0f}"
    return how


def _one_line(text: str) -> str:
    return " ".join(text.split())


def block_lines(block: Block, mask: Masker) -> list[dict[str, Any]]:
    """A block as the reader saw it (as ``wres-convert read`` prints it): its kind and its text,
    masked; a form control and a table give their contents. Pictures are described, never shown."""
    if isinstance(block, Heading):
        return [{"kind": f"heading {block.level}", "text": mask(_one_line(block.text)), "level": 0}]
    if isinstance(block, ListItem):
        return [
            {
                "kind": "numbered item" if block.ordered else "list item",
                "text": mask(_one_line(block.text)),
                "level": min(block.level, 4),
            }
        ]
    if isinstance(block, Table):
        rows = [" | ".join(_one_line(c.text) for c in row) for row in block.rows]
        return [{"kind": "table row", "text": mask(r), "level": 0} for r in rows if r.strip(" |")]
    if isinstance(block, Control):
        inner = [line for b in block.blocks for line in block_lines(b, mask)]
        tag = f" {mask(block.tag)}" if block.tag else ""
        return [{**line, "kind": f"form field{tag}: {line['kind']}"} for line in inner]
    if isinstance(block, Picture):
        alt = mask(_one_line(block.alt)) or "no alt text"
        return [{"kind": block.kind, "text": f"[{alt}]", "level": 0}]
    if isinstance(block, Paragraph):
        return [{"kind": "paragraph", "text": mask(_one_line(block.text)), "level": 0}]
    return [{"kind": type(block).__name__.lower(), "text": mask(_one_line(block.text)), "level": 0}]


@record
class ReadView:
    """The left column, as plain strings for the template."""

    legend: list[dict[str, Any]]
    parts: list[dict[str, Any]] = field(default_factory=list)
    private: list[dict[str, str]] = field(default_factory=list)
    unpublished: list[dict[str, Any]] = field(default_factory=list)
    passed: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    corrections_file: str = "RETURN.corrections.toml"  # where a warning's fix goes


def read_view(cs: CaseStudy, standard: Standard) -> ReadView:
    """What the left column shows for ``cs``: the mapping in reading order, every string masked."""
    mask = Masker(cs.contact)
    legend = [
        {"n": i, "id": s.id, "heading": standard.heading(s), "generated": s.show == "questions"}
        for i, s in enumerate(standard.sections, start=1)
    ]
    # An answer goes where its role is shown as written (the items' answer: the outcome); the
    # objective is the pack's wording for the items the answer names, not the trust's text.
    by_use: dict[str, dict[str, Any]] = {}
    for entry, spec in zip(legend, standard.sections, strict=True):
        for use in spec.uses:
            if spec.show != "questions":
                by_use.setdefault(use, entry)
    parts = PurePosixPath(cs.source.file).parts or ("RETURN",)
    attached = len(parts) > 1 and PurePosixPath(parts[-2]).suffix.lower() in (".eml", ".msg")
    name = f"{parts[-2]}--{parts[-1]}" if attached else parts[-1]  # MESSAGE--ATTACHMENT
    view = ReadView(legend=legend, corrections_file=mask(f"{name}.corrections.toml"))
    passed = {_one_line(p.match.text): p for p in cs.mapping.passed}
    if cs.mapping.details:
        view.parts.append(
            {
                "question": "Before the first question, or among the contact details",
                "how": "no question: placed in no section",
                "section": NOT_PUBLISHED,
                "lines": [line for b in cs.mapping.details for line in block_lines(b, mask)],
                "placeholder": False,
            }
        )
    for a in cs.mapping.answers:
        lines = []
        for b in a.blocks:
            for line in block_lines(b, mask):
                p = passed.get(_one_line(b.text)) if not isinstance(b, (Table, Control)) else None
                if p is not None:
                    line = {**line, "passed": f"looked like a question (score {p.match.score:g}): {p.reason}"}
                lines.append(line)
        view.parts.append(
            {
                "question": mask(_one_line(a.match.text)) or mask(a.question.label),
                "how": how_found(a),
                "section": by_use.get(a.question.use, NOT_PUBLISHED),
                "lines": lines,
                "placeholder": a.placeholder,
            }
        )
    contact = cs.contact
    for label, values in (
        ("Name", contact.names or ((contact.name,) if contact.name else ())),
        ("Job title", (contact.job_title,) if contact.job_title else ()),
        ("E-mail", contact.emails),
        ("Telephone", contact.phones),
    ):
        view.private += [
            {"label": label, "value": masked(v) if label != "Job title" else mask(v)} for v in values
        ]
    view.private += [
        {"label": "In an answer", "value": mask(w.message)} for w in cs.warnings if w.code == "private-data"
    ]
    view.unpublished = [
        {"label": mask(u.label), "lines": [line for b in u.blocks for line in block_lines(b, mask)]}
        for u in cs.unpublished
    ]
    view.passed = [
        {
            "text": mask(_one_line(p.match.text)),
            "question": p.question,
            "score": f"{p.match.score:g}",
            "reason": p.reason,
        }
        for p in cs.mapping.passed
    ]
    view.warnings = [
        {"code": w.code, "message": mask(w.message), "fix": snippet(cs, w, mask)} for w in cs.warnings
    ]
    return view


def article(cs: CaseStudy, site: Site) -> str:
    """The case study's article as it will be published, pictures in it as data: URIs."""
    from wres_convert.writers.media import Media, media
    from wres_convert.writers.page import FRAGMENT_MARKER, Extras, render_page

    with media(Media(None)):  # pictures in the page: a review page stands alone
        html = render_page(cs, "html", site, Extras(True, None))
    return html.removeprefix(FRAGMENT_MARKER)


def state_of(cs: CaseStudy) -> str:
    """Clean, or needs review: every warning asks for a look, as ``check --strict`` counts it."""
    return "needs-review" if cs.warnings else "clean"


def render_review(cs: CaseStudy, site: Site, *, index_href: str) -> str:
    """The review page of one return."""
    from markupsafe import Markup

    from wres_convert.standard import Standard

    standard = Standard.load(cs.standard)
    state = state_of(cs)
    return _render(
        site,
        "review.html.j2",
        cs=cs,
        shown=Masker(cs.contact)(cs.source.file),
        state=state,
        state_label=STATES[state],
        view=read_view(cs, standard),
        article=Markup(article(cs, site)),  # the writers' HTML: every submission string escaped there
        index_href=index_href,
    )


@value
class Entry:
    """One return in the review index."""

    name: str  # as published output names it: no one's details
    state: str  # a key of STATES
    reasons: tuple[str, ...]
    href: str | None = None  # its review page, relative to the index; none for a failed return
    organisation: str = ""


def entry_for(cs: CaseStudy, href: str) -> Entry:
    mask = Masker(cs.contact)
    reasons = tuple(f"{w.code}: {mask(w.message)}" for w in cs.warnings)
    return Entry(mask(cs.source.file), state_of(cs), reasons, href, mask(cs.organisation))


def failed_entry(name: str, line: str) -> Entry:
    """A return that could not be converted: its name and error line with any address or number
    taken out (a file name may hold them)."""
    from wres_convert.casestudy.contact import Contact

    mask = Masker(Contact())
    return Entry(mask(name), "failed", (mask(line),))


def render_index(entries: list[Entry], site: Site) -> str:
    """The review index: every return, its state, why, and a link to its review page."""

    counts = {s: sum(1 for e in entries if e.state == s) for s in STATES}
    return _render(
        site,
        "review-index.html.j2",
        entries=entries,
        states=STATES,
        counts=counts,
    )


def _render(site: Site, template: str, **values: object) -> str:
    """A review template, with the site and its theme's CSS inlined (review pages work offline)."""
    from wres_convert.writers.page import environment_for, render_template

    theme_css = THEME_CSS.get(site.theme, "page.css")
    return render_template(environment_for(site), template, site=site, theme_css=theme_css, **values)
