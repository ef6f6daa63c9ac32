"""Site settings for the page: links in the introduction and Further Reading, and the site name.

Defaults live in data/site.toml; a TOML file given with ``--config`` overrides them key by key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.writers.links import SAFE_SCHEMES


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Site:
    site_name: str
    wres_url: str
    others_url: str
    lang: str
    further_reading: tuple[Link, ...]


def _defaults() -> dict[str, object]:
    return tomllib.loads(resources.files("wres_convert.data").joinpath("site.toml").read_text("utf-8"))


def load_site(config: Path | None = None) -> Site:
    raw = _defaults()
    if config is not None:
        try:
            raw.update(tomllib.loads(config.read_text("utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConversionError(
                "bad-config",
                f"cannot read the configuration: {exc}",
                "fix the TOML file",
                exit_code=EXIT_USAGE,
            ) from exc
    try:
        links = tuple(Link(_text(x, "text"), _url(x, "url")) for x in raw.get("further_reading", []))
        return Site(
            site_name=_text(raw, "site_name"),
            wres_url=_url(raw, "wres_url"),
            others_url=_url(raw, "others_url"),
            lang=_text(raw, "lang"),
            further_reading=links,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConversionError(
            "bad-config", f"bad site setting: {exc}", "see the README's site settings", exit_code=EXIT_USAGE
        ) from exc


def _text(table: object, key: str) -> str:
    value = table[key]  # type: ignore[index]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _url(table: object, key: str) -> str:
    """A link the page may carry: http(s)/mailto, or a relative path on the same site."""
    value = _text(table, key)
    scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    if (scheme and scheme.group(1).lower() not in SAFE_SCHEMES) or re.search(r"[\x00-\x1f]", value):
        raise ValueError(f"{key} must be an http, https or mailto address or a relative path, not {value!r}")
    return value.strip()
