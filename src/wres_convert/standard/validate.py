"""Checking a standard pack's parts as they load: each problem is a ValueError (or KeyError for a
missing key) that pack.py turns into one line naming the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_convert.model import value
from wres_convert.standard.grammar import Indicator, Number, number_key
from wres_convert.text import patterns
from wres_convert.text.lazy import pattern as lazy_pattern

if TYPE_CHECKING:
    from wres_convert.standard.pack import Standard

_ID = patterns.compile(r"[a-z0-9][a-z0-9-]*")  # a section id is an HTML id and a JSON value
_LINK_TARGET = lazy_pattern(r"\]\(([^)]*)\)")
_PLACEHOLDER = lazy_pattern(r"\{\w+\}")
_WEB = lazy_pattern(r"https?://")
SHOWS = ("answer", "questions", "progress")  # what a section shows of the answers that feed it
LINKS = ("url", "others_url")  # the links an introduction may make


@value
class SectionSpec:
    id: str
    heading: str
    uses: tuple[str, ...]  # answer roles, template.toml `use` values
    show: str = "answer"


@value
class Theme:
    name: str
    items: tuple[Number, ...]


def placeholders(pattern: str) -> set[str]:
    """The {names} a pattern uses; ValueError for a broken one ("{acronym")."""
    import string  # its Template class compiles a pattern on import: only when a pack is checked

    return {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}


def unknown(table: object, known: set[str], prefix: str) -> None:
    """A key nobody reads is a typo, and a typo must not pass silently."""
    if not isinstance(table, dict):
        raise TypeError(f"{prefix.rstrip('.') or 'the file'} must be a table")
    for key in table:
        if key not in known:
            import difflib  # only for a mistake: a good pack never loads it

            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown key {prefix}{key!r}{hint}")


def _number(value: object, where: str) -> Number:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise ValueError(f'{where} must be a number (8) or a string ("4a"), not {value!r}')
    return value


def items_of(
    table: object, numbers: tuple[Number, ...], themes: dict[str, str], file: str
) -> dict[Number, Indicator]:
    """The items file's tables, one per number in items.numbers, in that order."""
    if not numbers:
        raise ValueError("items.numbers is empty")
    keys = [number_key(_number(n, "each of items.numbers")) for n in numbers]
    if len(set(keys)) != len(keys):
        raise ValueError("items.numbers names an item twice")
    if not isinstance(table, list):
        raise TypeError(f"{file}: items must be [[…]] tables")
    found: dict[str, Indicator] = {}
    for entry in table:
        unknown(entry, {"number", "question", "title", "statements"}, f"{file}: ")
        key = number_key(_number(entry["number"], f"{file}: number"))
        if key not in keys:
            raise ValueError(f"{file}: item {entry['number']!r} is not in items.numbers")
        if key in found:
            raise ValueError(f"{file}: item {entry['number']!r} appears twice")
        question, title = str(entry["question"]).strip(), str(entry["title"]).strip()
        if not question or not title:
            raise ValueError(f"{file}: item {entry['number']!r} needs a question and a title")
        statements = entry.get("statements", [])
        if not isinstance(statements, list) or not all(isinstance(x, str) and x.strip() for x in statements):
            raise ValueError(f"{file}: item {entry['number']!r}: statements must be a list of wordings")
        found[key] = Indicator(entry["number"], question, title, themes.get(key, ""), tuple(statements))
    missing = [str(n) for n, k in zip(numbers, keys, strict=True) if k not in found]
    if missing:
        raise ValueError(f"{file}: no table for item(s) {', '.join(missing)}")
    # Keyed by the number as items.numbers writes it, so 8 in one file and "8" in the other agree.
    return {n: found[k] for n, k in zip(numbers, keys, strict=True)}


def sections_of(raw: object) -> tuple[SectionSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("there must be at least one [[section]]")
    out: list[SectionSpec] = []
    for s in raw:
        unknown(s, {"id", "heading", "uses", "show"}, "section.")
        sid, show = str(s["id"]), str(s.get("show", "answer"))
        if not _ID.fullmatch(sid) or sid in {o.id for o in out}:
            raise ValueError(f"section id {sid!r} must be unique, lower-case letters, digits and '-'")
        if show not in SHOWS:
            raise ValueError(f"section {sid!r}: show must be one of {', '.join(SHOWS)}, not {show!r}")
        uses = s["uses"]
        if not isinstance(uses, list) or not uses or not all(isinstance(u, str) for u in uses):
            raise ValueError(f"section {sid!r}: uses must be a list of answer roles")
        out.append(SectionSpec(sid, str(s["heading"]), tuple(uses), show))
    return tuple(out)


def themes_of(raw: object, numbers: tuple[Number, ...]) -> tuple[Theme, ...]:
    """The themes in order; with any themes at all, every item is in exactly one."""
    if not isinstance(raw, list):
        raise TypeError("themes must be [[theme]] tables")
    known = {number_key(n): n for n in numbers}
    seen: dict[str, str] = {}
    out: list[Theme] = []
    for t in raw:
        unknown(t, {"name", "items"}, "theme.")
        name = str(t["name"]).strip()
        if not name or name in {o.name for o in out}:
            raise ValueError(f"theme name {name!r} must be given, and only once")
        members: list[Number] = []
        for n in t["items"]:
            key = number_key(n)
            if key not in known:
                raise ValueError(f"theme {name!r} names item {n!r}, which is not in items.numbers")
            if key in seen:
                raise ValueError(f"item {n!r} is in two themes, {seen[key]!r} and {name!r}")
            seen[key] = name
            members.append(known[key])
        out.append(Theme(name, tuple(members)))
    if out and (left := [str(n) for k, n in known.items() if k not in seen]):
        raise ValueError(f"item(s) {', '.join(left)} belong to no theme")
    return tuple(out)


def check_text(standard: Standard) -> None:
    """Every pattern formats: known placeholders only, links only to the site's two addresses."""
    words = set(standard.words)
    allowed = {
        "none": words,
        "one": words | {"number"},
        "many": words | {"numbers"},
        "and": set(),
        "objective": words | {"number", "question"},
    }
    unknown(standard.titles, set(allowed), "title.")
    for key, names in allowed.items():
        if key not in standard.titles:
            raise KeyError(f"title.{key}")
        _only(standard.titles[key], names, f"title.{key}")
    for s in standard.sections:
        _only(s.heading, words, f"section {s.id!r} heading")
        if s.show != "answer" and s.uses != (standard.item_role,):
            raise ValueError(
                f"section {s.id!r} shows {s.show} of the items: it uses only {standard.item_role!r}"
            )
        if standard.item_role in s.uses and s.show == "answer":
            raise ValueError(
                f"section {s.id!r} uses {standard.item_role!r}: say show = questions or progress"
            )
    for key, text in standard.introduction.items():
        targets = _LINK_TARGET().findall(text)
        bad = [t for t in targets if t.strip("{}") not in LINKS or not _PLACEHOLDER().fullmatch(t)]
        if bad:
            raise ValueError(f"introduction.{key}: a link goes to {{url}} or {{others_url}}, not {bad[0]!r}")
        _only(text, words | {"organisation", *LINKS}, f"introduction.{key}")
    if not _WEB().match(standard.url):
        raise ValueError(f"introduction.url must be an http or https address, not {standard.url!r}")


def _only(pattern: str, names: set[str], where: str) -> None:
    try:
        used = placeholders(pattern)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    if extra := sorted(used - names):
        raise ValueError(f"{where} uses {{{extra[0]}}}: known are {', '.join(sorted(names))}")
