"""A standard as a data pack: ``data/standards/<name>/`` (or any folder) holding standard.toml, the
returned template (template.toml) and the standard's items. Everything the tool says about the
WRES (its name, items, sections, themes, titles, introduction) comes from here, so another standard
is another folder, not new code. A pack is checked whole when it loads: a mistake in it is one
clear error before any file is converted, never an answer silently lost."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.model import value
from wres_convert.standard import packcache
from wres_convert.standard.grammar import Grammar, Indicator, Number, number_key
from wres_convert.standard.spec import DATA, TemplateSpec
from wres_convert.standard.validate import (
    SectionSpec,
    Theme,
    check_text,
    items_of,
    sections_of,
    themes_of,
    unknown,
)
from wres_convert.text import patterns

DEFAULT = "wres"
PACKS = DATA / "standards"  # the packaged packs
DETAILS, UNPUBLISHED = "details", "unpublished"  # roles every template has: never published
_NAME = patterns.compile(r"[a-z0-9][a-z0-9_-]*")
_STANDARD_KEYS = {
    "name",
    "acronym",
    "long_name",
    "template_name",
    "items",
    "title",
    "section",
    "theme",
    "introduction",
}


@value(eq=False)  # compared by identity: one object per pack (load caches)
class Standard:
    id: str  # the name it was loaded by, or its folder's absolute path
    name: str
    acronym: str
    long_name: str
    template_name: str
    noun: str
    plural: str
    items: dict[Number, Indicator]  # in the pack's order
    item_role: str  # the answer naming the improved items
    sections: tuple[SectionSpec, ...]
    themes: tuple[Theme, ...]
    titles: dict[str, str]  # none, one, many, and, objective
    url: str  # the standard's web site, linked from the introduction
    introduction: dict[str, str]  # page, index: text with [links]({url})
    template: TemplateSpec
    grammar: Grammar

    @staticmethod
    def load(name_or_folder: str | Path | None = None) -> Standard:
        """The pack named ``name_or_folder`` (under data/standards/), or in that folder when it is
        a path ("./packs/wdes", a Path). Loaded once; ConversionError for a missing or bad pack."""
        return _load(_where(name_or_folder if name_or_folder is not None else DEFAULT))

    @property
    def words(self) -> dict[str, str]:
        """The placeholders a pack's text may use."""
        return {
            "name": self.name,
            "acronym": self.acronym,
            "long_name": self.long_name,
            "noun": self.noun,
            "plural": self.plural,
            "Noun": _capital(self.noun),
            "Plural": _capital(self.plural),
        }

    def fill(self, pattern: str, **more: str) -> str:
        return pattern.format_map({**self.words, **more})

    def title_for(self, numbers: list[Number]) -> str:
        """ "WRES Indicator 8", "WRES Indicators 5 and 6", or "WRES case study" for none."""
        if not numbers:
            return self.fill(self.titles["none"])
        if len(numbers) == 1:
            return self.fill(self.titles["one"], number=str(numbers[0]))
        listed = ", ".join(map(str, numbers[:-1])) + f"{self.titles['and']}{numbers[-1]}"
        return self.fill(self.titles["many"], numbers=listed)

    def objective(self, number: Number) -> str:
        """An improved item's line in the objective section: "WRES Indicator 8: <its question>"."""
        return self.fill(self.titles["objective"], number=str(number), question=self.items[number].question)

    def heading(self, section: SectionSpec) -> str:
        return self.fill(section.heading)

    def item(self, key: object) -> Number | None:
        """The item number ``key`` names ("4a", 8, "8"), or None."""
        return self._keys.get(number_key(key))

    @property
    def _keys(self) -> dict[str, Number]:
        return {number_key(n): n for n in self.items}


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _where(name_or_folder: str | Path) -> str:
    """The cache key: a packaged pack's name (lower case), or a pack folder's absolute path."""
    text = str(name_or_folder).strip()
    if isinstance(name_or_folder, Path) or "/" in text or "\\" in text or text.startswith((".", "~")):
        folder = Path(text).expanduser().resolve()
        if not (folder / "standard.toml").is_file():
            problem = "has no standard.toml" if folder.is_dir() else "is not a folder"
            raise _error(f"standard pack {str(folder)!r} {problem}")
        return str(folder)  # a path: never taken for a name, having a separator in it
    text = text.lower()  # "WRES" names the wres pack too
    known = _known()
    if not _NAME.fullmatch(text) or text not in known:
        raise ConversionError(
            "unknown-standard",
            f"no standard pack named {text!r}",
            f"choose one of {', '.join(known)}, or give the path to a pack's folder",
            exit_code=EXIT_USAGE,
        )
    return text


@cache
def _known() -> list[str]:
    """The packaged packs' names: looked up once, not on each of a conversion's many loads."""
    return sorted(p.name for p in PACKS.iterdir() if (p / "standard.toml").is_file())


def _error(message: str) -> ConversionError:
    return ConversionError(
        "bad-standard",
        message,
        "fix the standard pack, or choose another with --standard",
        exit_code=EXIT_USAGE,
    )


def _read(folder: Path, path: Path) -> dict[str, Any]:
    try:
        return packcache.read_toml(folder, path)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        raise _error(f"cannot read {path}: {exc}") from None


@lru_cache(maxsize=16)
def _load(key: str) -> Standard:
    """The pack for ``key``: a packaged pack's name, or a folder's absolute path."""
    folder = Path(key) if "/" in key or "\\" in key else _packaged(key)
    try:
        # The packaged WRES template is the one TemplateSpec.load() gives the rest of the tool.
        template = TemplateSpec.load() if folder == _packaged(DEFAULT) else TemplateSpec.load(folder)
    except (KeyError, TypeError, ValueError, OSError) as exc:  # TOMLDecodeError is a ValueError
        raise _error(f"{folder / 'template.toml'}: {_reason(exc)}") from None
    raw = _read(folder, folder / "standard.toml")
    try:
        standard = _build(key, folder, raw, template)
    except (KeyError, TypeError, ValueError) as exc:
        raise _error(f"{folder / 'standard.toml'}: {_reason(exc)}") from None
    _check_template(standard, folder / "template.toml")
    # Kept only once the whole pack is known good: a broken pack is parsed, and refused, each run.
    spec = standard.template
    cue_texts = [c.text for t in (*spec.questions, *spec.fields) for c in t.cues]
    packcache.keep(folder, cue_texts, _vocabulary(standard))
    return standard


def _vocabulary(standard: Standard) -> list[str]:
    """The pack's own wording: a return's labels are mostly made of these words."""
    spec = standard.template
    return [
        *(w for q in spec.questions for w in (q.label, *q.wordings)),
        *(label for f in spec.fields for label in f.labels),
        *(w for i in standard.items.values() for w in (*i.wordings, i.title)),
        *spec.subheadings,
        *spec.placeholders,
        *spec.empty_answers,
        *spec.boilerplate,
        *spec.sign_offs,
        *spec.openings,
        *spec.replies,
        *spec.question_words,
        *(standard.heading(s) for s in standard.sections),
        standard.long_name,
        standard.template_name,
    ]


def _reason(exc: Exception) -> str:
    # KeyError's str() is the repr of the key: say what is missing instead.
    return f"{exc.args[0]} is missing" if isinstance(exc, KeyError) else str(exc)


def _build(key: str, folder: Path, raw: dict[str, Any], template: TemplateSpec) -> Standard:
    unknown(raw, _STANDARD_KEYS, "")
    items_raw = raw["items"]
    unknown(items_raw, {"noun", "plural", "file", "numbers", "role", "words", "synonyms"}, "items.")
    numbers = tuple(items_raw["numbers"])
    themes = themes_of(raw.get("theme", []), numbers)
    where = {number_key(n): t.name for t in themes for n in t.items}
    items_file = folder / str(items_raw.get("file", "items.toml"))
    noun = str(items_raw["noun"])
    table = _read(folder, items_file).get(noun)
    if table is None:
        raise ValueError(f"{items_file.name} has no [[{noun}]] tables")
    items = items_of(table, numbers, where, items_file.name)
    words = dict(items_raw.get("words", {}))
    for word, n in words.items():
        if number_key(n) not in {number_key(x) for x in numbers}:
            raise ValueError(f"items.words.{word} = {n!r} is not one of items.numbers")
    synonyms = items_raw.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
        raise ValueError("items.synonyms must be a list of words")
    url = raw["introduction"]["url"]
    standard = Standard(
        id=key,
        name=str(raw["name"]),
        acronym=str(raw["acronym"]),
        long_name=str(raw.get("long_name", raw["name"])),
        template_name=str(raw.get("template_name", f"{raw['acronym']} case study")),
        noun=noun,
        plural=str(items_raw.get("plural", noun + "s")),
        items=items,
        item_role=str(items_raw["role"]),
        sections=sections_of(raw["section"]),
        themes=themes,
        titles={k: str(v) for k, v in raw["title"].items()},
        url=str(url),
        introduction={k: str(raw["introduction"][k]) for k in ("page", "index")},
        template=template,
        grammar=Grammar(
            str(raw["acronym"]),
            noun,
            str(items_raw.get("plural", noun + "s")),
            numbers,
            words,
            tuple(s.strip() for s in synonyms),
        ),
    )
    check_text(standard)
    return standard


def _packaged(name: str) -> Path:
    return PACKS / name


def _check_template(standard: Standard, path: Path) -> None:
    """Every answer has somewhere to go: a template question whose ``use`` is no role of the
    standard would be read and then dropped, in neither the page nor ``unpublished``."""
    fed = {standard.item_role} | {r for s in standard.sections for r in s.uses}
    roles = fed | {DETAILS, UNPUBLISHED}
    for q in standard.template.questions:
        if q.use not in roles:
            raise _error(
                f"{path}: question {q.id!r} has use {q.use!r}, which is no role of the standard "
                f"(roles: {', '.join(sorted(roles))})"
            )
    fields = {f.id for f in standard.template.fields}
    for q in standard.template.questions:
        if q.field and (q.field not in fields or q.use != DETAILS):
            raise _error(
                f"{path}: question {q.id!r} has field {q.field!r}: it must be one of the [[field]] ids "
                f"({', '.join(sorted(fields))}) on a question whose use is {DETAILS!r}"
            )
    for f in standard.template.fields:
        if unknown_fields := set(f.covers) - fields:
            raise _error(
                f"{path}: field {f.id!r} covers {', '.join(sorted(unknown_fields))}, which are no [[field]] ids"
            )
    used = {q.use for q in standard.template.questions}
    for role in sorted(fed - used):
        raise _error(f"{path}: no question has use {role!r}, which standard.toml's sections take")
