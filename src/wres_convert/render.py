"""Whole pages through Jinja2 templates: the published layout as HTML or as Markdown.

Templates ship inside the package (``wres_convert/templates``); in a source checkout they are the
repository's ``templates/`` folder. HTML templates autoescape; section bodies arrive already safe.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from wres_convert.casestudy import CaseStudy
from wres_convert.site import Site
from wres_convert.writers.html import blocks_html
from wres_convert.writers.markdown import blocks_md, escape

if TYPE_CHECKING:
    import jinja2

PACKAGE_DIR = Path(__file__).resolve().parent


def template_dir() -> Path:
    shipped = PACKAGE_DIR / "templates"
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parents[1] / "templates"  # an editable install of the source tree


@lru_cache(maxsize=4)
def environment(folder: str) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md_escape"] = escape
    return env


def _front_matter(cs: CaseStudy) -> str:
    import yaml

    data = {
        "title": cs.title,
        "subtitle": cs.subtitle,
        "organisation": cs.organisation,
        "indicators": [i.number for i in cs.indicators],
        "themes": sorted({i.theme for i in cs.indicators}),
        "slug": cs.slug,
        "source": cs.source.file,
        "generator": "wres-convert",
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def render_page(cs: CaseStudy, fmt: str, site: Site, templates: Path | None = None) -> str:
    """The whole page, ``fmt`` "html" or "md"."""
    from markupsafe import Markup

    env = environment(str(templates or template_dir()))
    if fmt == "html":
        sections = [
            {"id": s.id, "heading": s.heading, "body": Markup(blocks_html(s.blocks))} for s in cs.sections
        ]
        return env.get_template("page.html.j2").render(cs=cs, sections=sections, site=site)
    sections = [{"id": s.id, "heading": s.heading, "body": blocks_md(s.blocks)} for s in cs.sections]
    return env.get_template("page.md.j2").render(
        cs=cs, sections=sections, site=site, front_matter=_front_matter(cs)
    )
