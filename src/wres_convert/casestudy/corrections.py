"""A return's corrections file (``RETURN.corrections.toml``): what a reviewer fixed once, applied
on every run, so a rerun never undoes it. Read and checked here, with errors that name the file
and the key; applied to the case study after it is built:

    organisation = "Chesterfield Royal NHS Foundation Trust"
    indicators = [5, 6]
    subtitle = "Tackling bullying"
    omit = ["challenges"]                 # sections kept off the page
    drop = ["We continue to score"]       # blocks, by their first words
    publish = true                        # of two duplicates, list this one too (false: never)
    [alt]
    1 = "Bar chart: staff survey results"  # a picture's alt text, by its number on the page,
    "Chart" = "…"                          # or by the first words of the alt text it has
    [[move]]
    from = "Our aims were"                # a block's first words, a section, or an unpublished answer
    to = "learning"
"""

from __future__ import annotations

import tomllib

from wres_convert.casestudy.build import CaseStudy, Section, Unpublished, slug_for
from wres_convert.digest import sha256_hex
from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.model import Block, Message, Paragraph, block_text, pictures_of, text_inlines, value
from wres_convert.standard import Standard
from wres_convert.text import patterns
from wres_convert.text.normalise import normalise
from wres_convert.values import field, replace

KEYS = ("organisation", "indicators", "subtitle", "omit", "drop", "move", "publish", "alt")
_MARKUP = patterns.compile(r"[<>\n\r]|\{[{%]|[}%]\}")  # what a page or a site generator could act on
HINT = "fix or remove that key; the README's 'Corrections' section lists what a corrections file may say"


@value
class Move:
    source: str  # a section id, an unpublished answer's question, or a block's first words
    to: str  # a section id


@value
class Corrections:
    where: str  # the file, as errors and warnings name it
    sha256: str
    keys: tuple[str, ...]  # the keys it sets, in the file's order
    organisation: str | None = None
    indicators: tuple[int | str, ...] | None = None
    subtitle: str | None = None
    omit: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    move: tuple[Move, ...] = field(default=())
    publish: bool | None = None  # a duplicate listed anyway (True), or never listed (False)
    alt: tuple[tuple[str, str], ...] = ()  # (a picture's number or alt text's first words, new alt)


def _bad(where: str, key: str, problem: str) -> ConversionError:
    return ConversionError("bad-corrections", f"{where}: '{key}' {problem}", HINT, EXIT_USAGE)


def _strings(raw: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and normalise(v) for v in value):
        raise _bad(where, key, "must be a list of the first words of blocks (words, not only punctuation)")
    return tuple(value)


def parse_corrections(data: bytes, where: str, standard: Standard) -> Corrections:
    """The corrections in ``data`` (a TOML file's bytes), checked against the standard pack."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConversionError(
            "bad-corrections", f"{where}: not a valid TOML file ({exc})", "fix its syntax", EXIT_USAGE
        ) from exc
    for key in raw:
        if key not in KEYS:
            raise _bad(where, key, f"is not a correction (one of: {', '.join(KEYS)})")
    sections = {s.id for s in standard.sections}
    generated = {s.id for s in standard.sections if s.show == "questions"}  # rebuilt from the indicators
    for key in ("organisation", "subtitle"):
        if key in raw and (not isinstance(raw[key], str) or not str(raw[key]).strip()):
            raise _bad(where, key, "must be a non-empty string")
        if key in raw and _MARKUP.search(str(raw[key])):
            raise _bad(where, key, "must be plain text on one line: no markup, {{ }} or line breaks")
    indicators = None
    if "indicators" in raw:
        value = raw["indicators"]
        known = {str(n).lower(): n for n in standard.items}
        if not isinstance(value, list) or not value or not all(str(v).lower() in known for v in value):
            raise _bad(
                where,
                "indicators",
                f"must list numbers of the standard's items ({', '.join(map(str, standard.items))})",
            )
        indicators = tuple(standard.grammar.sort({known[str(v).lower()] for v in value}))
    omit = _strings(raw, "omit", where)
    if unknown := [s for s in omit if s not in sections]:
        raise _bad(
            where, "omit", f"names no section: {unknown[0]!r} (sections: {', '.join(sorted(sections))})"
        )
    moves = []
    value = raw.get("move", [])
    if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
        raise _bad(where, "move", 'must be tables: [[move]] from = "…" to = "…"')
    for m in value:
        if set(m) != {"from", "to"} or not all(isinstance(v, str) and normalise(v) for v in m.values()):
            raise _bad(where, "move", 'needs exactly "from" and "to", both words')
        if m["to"] not in sections or m["to"] in generated:
            raise _bad(where, "move", f"names no section an answer can move to: {m['to']!r}")
        if m["to"] in omit:
            raise _bad(
                where, "move", f"moves text to {m['to']!r}, which omit keeps off the page: it would be lost"
            )
        moves.append(Move(m["from"], m["to"]))
    alt = raw.get("alt", {})
    if not isinstance(alt, dict) or not all(
        isinstance(v, str) and v.strip() and normalise(k) for k, v in alt.items()
    ):
        raise _bad(where, "alt", 'must be a table of pictures and their text: [alt] 1 = "A bar chart of…"')
    if "publish" in raw and not isinstance(raw["publish"], bool):
        raise _bad(where, "publish", "must be true or false")
    return Corrections(
        where,
        sha256_hex(data),
        tuple(raw),
        raw.get("organisation"),  # type: ignore[arg-type]
        indicators,
        raw.get("subtitle"),  # type: ignore[arg-type]
        omit,
        _strings(raw, "drop", where),
        tuple(moves),
        raw.get("publish"),  # type: ignore[arg-type]
        tuple((str(k), str(v).strip()) for k, v in alt.items()),
    )


def _starts(block: Block, words: str) -> bool:
    """The block opens with these words, whole ("We" is not "Weekly")."""
    text, start = normalise(block_text(block)), normalise(words)
    return text.startswith(start) and (len(text) == len(start) or not text[len(start)].isalnum())


def apply_corrections(cs: CaseStudy, fix: Corrections, standard: Standard) -> CaseStudy:
    """The case study as the reviewer corrected it; a correction that finds nothing is named in a
    warning (the return changed under it)."""
    sections = {s.id: list(s.blocks) for s in cs.sections}
    unpublished = [(u.label, list(u.blocks)) for u in cs.unpublished]
    unused: list[str] = []
    for words in fix.drop:
        found = False
        for blocks in (*sections.values(), *(b for _, b in unpublished)):
            kept = [b for b in blocks if not _starts(b, words)]
            found |= len(kept) < len(blocks)
            blocks[:] = kept
        if not found:
            unused.append(f"drop {words!r}")
    for move in fix.move:
        taken = _take(_role(move.source, cs, standard), sections, unpublished)
        if taken is None:
            unused.append(f"move from {move.source!r}")
        else:
            sections[move.to].extend(taken)
    unused += _describe(sections, fix.alt)
    out = replace(
        cs,
        sections=tuple(
            Section(s.id, s.heading, tuple(sections[s.id])) for s in cs.sections if s.id not in fix.omit
        ),
        unpublished=tuple(Unpublished(label, tuple(blocks)) for label, blocks in unpublished if blocks),
    )
    if fix.indicators is not None:
        numbers = list(fix.indicators)
        objective = tuple(Paragraph(text_inlines(standard.objective(n))) for n in numbers)
        shown = [s.id for s in standard.sections if s.show == "questions"]
        out = replace(
            out,
            indicators=tuple(standard.items[n] for n in numbers),
            title=standard.title_for(numbers),
            subtitle="; ".join(standard.items[n].title for n in numbers),
            sections=tuple(replace(s, blocks=objective) if s.id in shown else s for s in out.sections),
        )
    if fix.organisation is not None:
        out = replace(out, organisation=fix.organisation.strip())
    if fix.subtitle is not None:
        out = replace(out, subtitle=fix.subtitle.strip())
    kept = out.warnings
    if fix.alt and all(p.alt or p.decorative for s in out.sections for p in pictures_of(s.blocks)):
        kept = tuple(w for w in kept if w.code != "image-no-alt")  # the reviewer described them
    out = replace(out, warnings=kept)
    said = [Message("correction-unused", f"{fix.where}: {u} found nothing in this return") for u in unused]
    return replace(
        out,
        slug=slug_for(out.organisation, out.title),
        warnings=(*out.warnings, *said),
        corrections=(fix.sha256, fix.keys),
    )


def _role(source: str, cs: CaseStudy, standard: Standard) -> str:
    """A question's role ("objectives", "initiative") as what names its answer here: the section
    that publishes that role, or the unpublished answer's question; anything else as it is."""
    question = next((q for q in standard.template.questions if q.id == source), None)
    if question is None:
        return source
    for spec in standard.sections:
        if question.use in spec.uses and spec.show != "questions" and spec.id in {s.id for s in cs.sections}:
            return spec.id
    asked = [a.question.label for a in cs.mapping.answers if a.question.id == source]
    return asked[0] if asked else source


def _take(
    source: str, sections: dict[str, list[Block]], unpublished: list[tuple[str, list[Block]]]
) -> list[Block] | None:
    """The blocks ``source`` names, taken from where they were: a section's whole answer, an
    unpublished answer by its question's first words, or one block by its first words."""
    if source in sections:
        taken, sections[source] = sections[source], []
        return taken
    for label, blocks in unpublished:
        if normalise(label).startswith(normalise(source)) and blocks:
            taken, blocks[:] = list(blocks), []
            return taken
    for blocks in (*sections.values(), *(b for _, b in unpublished)):
        for i, b in enumerate(blocks):
            if _starts(b, source):
                return [blocks.pop(i)]
    return None


def _describe(sections: dict[str, list[Block]], alt: tuple[tuple[str, str], ...]) -> list[str]:
    """Give the page's pictures the alt text the reviewer wrote; what names none, for the warning."""
    from wres_convert.model import Picture

    pictures = [
        (blocks, i) for blocks in sections.values() for i, b in enumerate(blocks) if isinstance(b, Picture)
    ]
    unused = []
    for key, text in alt:
        hits = [
            (blocks, i)
            for n, (blocks, i) in enumerate(pictures, start=1)
            if key == str(n) or normalise(blocks[i].alt).startswith(normalise(key))  # type: ignore[union-attr]
        ]
        if not hits:
            unused.append(f"alt {key!r}")
        for blocks, i in hits[:1]:
            blocks[i] = replace(blocks[i], alt=text, decorative=False)  # type: ignore[call-arg]
    return unused
