"""Site settings for the page: the standard (pack) the returns are made for, the site name, links
in the introduction and Further Reading, the output template folder and the item titles.

Settings come in layers, each later one winning key by key: the packaged defaults
(data/site.toml), then a site configuration file (``wres-convert.toml`` in the current folder, or
the file given with ``--config``), then command-line flags. Each setting remembers its layer, so
``wres-convert config`` can say where it came from.
"""

from __future__ import annotations

from pathlib import Path

from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.model import value
from wres_convert.standard import Standard
from wres_convert.standard.grammar import Number
from wres_convert.standard.spec import DATA
from wres_convert.text.controls import ANY_CONTROL
from wres_convert.text.links import safe_href
from wres_convert.values import field

DEFAULT_STANDARD = "wres"
CWD_FILE = "wres-convert.toml"  # found in the current folder without --config
DEFAULT = "default"
COMMAND_LINE = "command line"
# Every key a settings file may hold: anything else is a typo, and a typo must not pass silently.
SETTINGS = (
    "standard",
    "site_name",
    "standard_url",
    "wres_url",
    "others_url",
    "lang",
    "further_reading",
    "templates",
    "theme",
    "stylesheet",
    "titles",
)
# wres_url is the older name of standard_url: a site file that sets it keeps working.
ALIASES = {"wres_url": "standard_url"}
THEMES = ("default", "nhsuk")  # folders under templates/: "default" is the top folder itself
LINK_KEYS = ("text", "url")


@value
class Link:
    text: str
    url: str


@value
class Site:
    site_name: str
    standard_url: str  # the standard's web site: the pack's own, unless the site sets another
    others_url: str
    lang: str
    further_reading: tuple[Link, ...]
    templates: Path | None = None  # None: the packaged templates
    theme: str = "default"
    stylesheet: str | None = None  # a URL the page links instead of inlining its CSS
    # Tuples of pairs rather than dicts keep Site frozen and hashable (render caches may key on it).
    titles: tuple[tuple[Number, str], ...] = ()  # item number -> title, only those overridden
    sources: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    standard: str = "wres"  # a packaged pack's name, or a pack folder's absolute path

    @property
    def wres_url(self) -> str:
        """The older name of ``standard_url``: templates exported before packs still render."""
        return self.standard_url

    def load_standard(self) -> Standard:
        """The standard pack these settings select, for ``build_case_study(standard=…)``."""
        return Standard.load(self.standard)

    def title_overrides(self) -> dict[Number, str]:
        """Item titles that replace the pack's (indicators.toml), for ``build_case_study(titles=…)``."""
        return dict(self.titles)

    def source(self, setting: str) -> str:
        """Where ``setting`` ("site_name", "titles.8" …) came from: "default", "wres-convert.toml",
        the --config path, or "command line"."""
        return dict(self.sources).get(ALIASES.get(setting, setting), DEFAULT)


SITE_DEFAULTS = DATA / "site.toml"


def _defaults() -> dict[str, object]:
    """The packaged settings, parsed once and kept in the cache: tomllib is a few ms of every run
    otherwise, and most runs read no other TOML."""
    from wres_convert import cache

    key = cache.stamp(SITE_DEFAULTS)
    name = cache.own("site-defaults", SITE_DEFAULTS)
    kept = cache.load(name, key)
    if isinstance(kept, dict):
        return kept
    import tomllib

    parsed = tomllib.loads(SITE_DEFAULTS.read_text("utf-8"))
    cache.store(name, key, parsed)
    return parsed


def config_in_force(config: Path | None = None, cwd: Path | None = None) -> Path | None:
    """The settings file ``load_site`` reads: ``config`` when given, else ``wres-convert.toml`` in
    ``cwd`` if there is one. Callers use it to name the file in an error message."""
    if config is not None:
        return config
    found = (cwd or Path.cwd()) / CWD_FILE
    return found if found.is_file() else None


def load_site(
    config: Path | None = None, *, cwd: Path | None = None, overrides: dict[str, object] | None = None
) -> Site:
    """The site settings in force.

    Layers, each later one winning key by key:

    1. the packaged defaults (data/site.toml; the standard pack for the titles and standard_url);
    2. ``wres-convert.toml`` in ``cwd`` (default: the current folder), if it exists; or, when
       ``config`` is given, that file *instead*: ``--config`` replaces the folder's file rather
       than stacking on it, so the file you name is the whole story;
    3. ``overrides``: command-line flags, e.g. ``{"site_name": "…", "templates": "dir"}``
       (None values are skipped, so unset flags can be passed as they are).

    ``further_reading`` is replaced as a whole; ``titles`` merges item by item, checked against
    the ``standard`` in force ("wres", another pack's name, or a folder: ``--standard``'s
    override is ``{"standard": …}``). A relative ``templates`` or ``standard`` folder starts from
    the settings file's folder (from ``cwd`` for a flag); ``wres_url`` is read as ``standard_url``.
    Raises ConversionError("bad-config") for an unreadable file, an unknown key or a bad value.
    """
    here = cwd or Path.cwd()
    layers: list[tuple[str, dict[str, object], Path]] = [(DEFAULT, _defaults(), here)]
    file = config_in_force(config, here)
    if file is not None:
        label = str(config) if config is not None else CWD_FILE
        layers.append((label, _read(file), file.absolute().parent))
    if overrides:
        layers.append((COMMAND_LINE, {k: v for k, v in overrides.items() if v is not None}, here))

    merged: dict[str, object] = {"standard": DEFAULT_STANDARD}
    said_titles: list[tuple[str, object]] = []  # (layer, [titles] table): checked once the standard is known
    sources: dict[str, str] = {"templates": DEFAULT}
    try:
        for label, raw, base in layers:
            for key, value in raw.items():
                if key not in SETTINGS:
                    raise ValueError(f"unknown setting {key!r}{_did_you_mean(key, SETTINGS)}")
                if key == "titles":
                    said_titles.append((label, value))
                    continue
                key = ALIASES.get(key, key)
                if key == "templates":
                    value = _folder(value, base)
                elif key == "standard":
                    value = _pack(value, base)
                merged[key] = value
                sources[key] = label
        standard = Standard.load(merged["standard"])  # type: ignore[arg-type]  # str from _pack
        merged.setdefault("standard_url", standard.url)
        titles: dict[Number, str] = {}
        for label, value in said_titles:
            for number, title in _titles(value, standard).items():
                titles[number] = title
                sources[f"titles.{number}"] = label
        for number in standard.items:
            sources.setdefault(f"titles.{number}", DEFAULT)
        return Site(
            site_name=_text(merged, "site_name"),
            standard_url=_url(merged, "standard_url"),
            others_url=_url(merged, "others_url"),
            lang=_text(merged, "lang"),
            further_reading=_links(merged.get("further_reading", [])),
            templates=merged.get("templates"),  # type: ignore[arg-type]  # a Path from _folder
            theme=_theme(merged),
            stylesheet=_url(merged, "stylesheet") if "stylesheet" in merged else None,
            titles=tuple(sorted(titles.items(), key=lambda kv: standard.grammar.position(kv[0]))),
            sources=tuple(sources.items()),
            standard=standard.id,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConversionError(
            "bad-config",
            f"bad site setting: {_reason(exc)}",
            "see the README's site settings",
            exit_code=EXIT_USAGE,
        ) from exc


def _read(path: Path) -> dict[str, object]:
    import tomllib

    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ConversionError(
            "bad-config",
            "cannot read the configuration: no such file",
            "check the name",
            exit_code=EXIT_USAGE,
        ) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConversionError(
            "bad-config",
            f"cannot read the configuration: {exc}",
            "fix the TOML file",
            exit_code=EXIT_USAGE,
        ) from exc


def _reason(exc: Exception) -> str:
    # KeyError's str() is the repr of the key: say what is missing instead.
    return f"{exc.args[0]} is missing" if isinstance(exc, KeyError) else str(exc)


def _did_you_mean(key: str, known: tuple[str, ...]) -> str:
    import difflib  # only to suggest a fix for a mistyped setting

    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f"; known settings: {', '.join(known)}"


def _links(value: object) -> tuple[Link, ...]:
    if not isinstance(value, list):
        raise TypeError("further_reading must be a list of [[further_reading]] tables")
    links = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise TypeError("each [[further_reading]] entry must be a table with text and url")
        for key in item:
            if key not in LINK_KEYS:
                raise ValueError(
                    f"unknown setting 'further_reading[{i}].{key}'{_did_you_mean(key, LINK_KEYS)}"
                )
        links.append(Link(_text(item, "text"), _url(item, "url")))
    return tuple(links)


def _titles(value: object, standard: Standard) -> dict[Number, str]:
    """A [titles] table: item number ("1"…"9", "4a", or an int from Python) -> its page subtitle."""
    if not isinstance(value, dict):
        raise TypeError('titles must be a table: [titles] then lines such as 8 = "Tackling discrimination"')
    numbers = list(standard.items)
    out: dict[Number, str] = {}
    for key, title in value.items():
        number = standard.item(key)
        if number is None:
            raise ValueError(
                f"unknown setting 'titles.{key}': {standard.plural} are numbered {numbers[0]} to {numbers[-1]}"
            )
        out[number] = _text({f"titles.{key}": title}, f"titles.{key}").strip()
    return out


def _theme(table: dict[str, object]) -> str:
    theme = _text(table, "theme").strip().lower()
    if theme not in THEMES:
        raise ValueError(f"unknown theme {table['theme']!r}: choose one of {', '.join(THEMES)}")
    return theme


def _pack(value: object, base: Path) -> str:
    """The standard: a pack's name as it is, or a folder (a path with a separator, or a Path) made
    absolute from the settings file's folder, as ``templates`` is."""
    if isinstance(value, Path):
        value = str(value)
    text = _text({"standard": value}, "standard").strip()
    if "/" in text or "\\" in text or text.startswith((".", "~")):
        folder = Path(text).expanduser()
        return str(folder if folder.is_absolute() else base / folder)
    return text


def _folder(value: object, base: Path) -> Path:
    """The templates folder, made absolute: a relative path starts from the settings file's folder,
    so a site's configuration and templates can move together."""
    if isinstance(value, Path):
        value = str(value)
    folder = Path(_text({"templates": value}, "templates")).expanduser()
    folder = folder if folder.is_absolute() else base / folder
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise ValueError(f"templates folder {str(folder)!r} {problem}")
    return folder


def _text(table: object, key: str) -> str:
    value = table[key]  # type: ignore[index]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _url(table: object, key: str) -> str:
    """A link the page may carry: http(s)/mailto, or a relative path on the same site. A setting
    with control characters is refused rather than cleaned: the user typed it and can fix it."""
    value = _text(table, key)
    href = safe_href(value, relative=True)
    if href is None or ANY_CONTROL.search(value):
        raise ValueError(f"{key} must be an http, https or mailto address or a relative path, not {value!r}")
    return href
