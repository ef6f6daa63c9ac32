"""Site settings for the page: links in the introduction and Further Reading, and the site name.

Defaults live in data/site.toml; a TOML file given with ``--config`` overrides them key by key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wres_convert.errors import EXIT_USAGE, ConversionError


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
    links = tuple(Link(str(x["text"]), str(x["url"])) for x in raw.get("further_reading", []))  # type: ignore[union-attr]
    return Site(
        site_name=str(raw["site_name"]),
        wres_url=str(raw["wres_url"]),
        others_url=str(raw["others_url"]),
        lang=str(raw["lang"]),
        further_reading=links,
    )
