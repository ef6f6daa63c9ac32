"""Whole pages through Jinja2 templates: the published layout as HTML or as Markdown.

Templates ship inside the package (``wres_convert/templates``); in a source checkout they are the
repository's ``templates/`` folder. A theme is a sub-folder (``templates/nhsuk/``) holding only
the files it changes; a user's folder (``--templates`` or the ``templates`` setting) is searched
first, so a copy of one file is enough to change it. HTML templates autoescape; section bodies
arrive already safe.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wres_convert.casestudy.build import CaseStudy
from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.model import value
from wres_convert.standard import Standard
from wres_convert.text import patterns
from wres_convert.writers.html import blocks_html, preload_sanitiser
from wres_convert.writers.markdown import blocks_md, escape
from wres_convert.writers.site import Link, Site

if TYPE_CHECKING:
    import jinja2

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the package: templates ship beside writers/
DEFAULT_THEME = "default"  # the top of the templates folder; other themes are sub-folders
ORIGINAL_LINK_TEXT = "Full version of this case study"
FRAGMENT_MARKER = "<!-- generator: wres-convert -->\n"
_LINK = patterns.compile(r"\[([^\]]*)\]\(\{(\w+)\}\)")  # [text]({url}) in a pack's introduction
_PLACEHOLDER = patterns.compile(r"\{(\w+)\}")


def template_dir() -> Path:
    shipped = PACKAGE_DIR / "templates"
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parents[1] / "templates"  # an editable install of the source tree


def search_path(folder: Path | None, theme: str = DEFAULT_THEME) -> list[Path]:
    """Where templates are looked for, first match wins: the user's folder (its theme sub-folder,
    then itself), then the packaged theme, then the packaged default."""
    packaged = template_dir()
    themed = [] if theme == DEFAULT_THEME else [theme]
    path = [folder / t for t in themed] + [folder] if folder else []
    path += [packaged / t for t in themed] + [packaged]
    return [p for p in path if p.is_dir()]


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (wres_convert.cache): compiling the page's templates
    took a quarter of a one-file run. Jinja2 checks each entry against its template's source, so
    a changed template is compiled again."""
    import jinja2

    from wres_convert.cache import cache_dir

    folder = cache_dir(f"jinja2-{jinja2.__version__}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


@lru_cache(maxsize=8)
def environment(folder: str | None = None, theme: str = DEFAULT_THEME) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            [str(p) for p in search_path(Path(folder) if folder else None, theme)]
        ),
        bytecode_cache=bytecode_cache(),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md_escape"] = escape
    return env


def environment_for(site: Site) -> jinja2.Environment:
    """The environment for a site's theme, with its templates folder (a user's) searched first."""
    return environment(str(site.templates) if site.templates else None, site.theme)


@value
class Extras:
    """What a page may carry beyond the case study: set per run by the CLI."""

    fragment: bool = False  # the case study's body only, for pasting into a CMS
    original: str | None = None  # relative link to the copied source file (--link-original)


def _front_matter(cs: CaseStudy) -> str:
    import yaml

    data = {
        "title": cs.title,
        "subtitle": cs.subtitle,
        "organisation": cs.organisation,
        "indicators": [i.number for i in cs.indicators],
        "themes": sorted({i.theme for i in cs.indicators if i.theme}),
        "slug": cs.slug,
        "source": cs.source.file,
        "generator": "wres-convert",
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render ``name``; a broken template becomes one line naming its file and line."""
    import jinja2

    try:
        return compiled(env, name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise ConversionError(
            "bad-template",
            f"template {exc.name!r} not found in {', '.join(str(p) for p in search_path(None))}",
            "export the templates again with: wres-convert templates export DIR",
            exit_code=EXIT_USAGE,
        ) from None
    except jinja2.TemplateError as exc:  # raised while rendering: undefined names, bad filters
        filename, lineno = _template_frame(exc)
        raise template_error(exc, filename or name, lineno) from None


def compiled(env: jinja2.Environment, name: str) -> jinja2.Template:
    """The template ``name``; a syntax error becomes one line naming its file and line."""
    import jinja2

    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise template_error(exc, exc.filename or exc.name or name, exc.lineno) from None


def template_error(exc: Exception, filename: str, lineno: int | None) -> ConversionError:
    where = f"{filename}:{lineno}" if lineno else filename
    return ConversionError(
        "bad-template",
        f"template error at {where}: {exc}",
        "fix the template, or leave out --templates to use the packaged ones",
        exit_code=EXIT_USAGE,
    )


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that is a template: Jinja2 rewrites its frames so that their
    file name is the template's and their line number is the template's line."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def introduction(
    standard: Standard, which: str, fmt: str, site: Site, organisation: str | None = None
) -> str:
    """The pack's introduction ("page" or "index") in ``fmt``: its [text]({url}) links made
    links, its {placeholders} filled. In HTML everything is escaped (the organisation comes from
    the submission); in Markdown the pack's own text is Markdown, and only values are escaped."""
    from markupsafe import Markup
    from markupsafe import escape as html

    values = {**standard.words, "organisation": organisation or "this organisation"}
    links = {"url": site.standard_url, "others_url": site.others_url}

    def text(part: str) -> str:
        pieces = _PLACEHOLDER.split(part)  # literal, name, literal, name, …
        out = []
        for k, piece in enumerate(pieces):
            value = values[piece] if k % 2 else piece
            out.append(str(html(value)) if fmt == "html" else (escape(value) if k % 2 else value))
        return "".join(out)

    out, at = [], 0
    source = standard.introduction[which]
    for m in _LINK.finditer(source):
        out.append(text(source[at : m.start()]))
        label, href = text(m.group(1)), links[m.group(2)]
        out.append(f'<a href="{html(href)}">{label}</a>' if fmt == "html" else f"[{label}](<{href}>)")
        at = m.end()
    out.append(text(source[at:]))
    return Markup("".join(out)) if fmt == "html" else "".join(out)


def further_reading(site: Site, extras: Extras) -> list[Link]:
    links = list(site.further_reading)
    if extras.original:
        links.insert(0, Link(ORIGINAL_LINK_TEXT, extras.original))
    return links


def render_page(
    cs: CaseStudy,
    fmt: str,
    site: Site,
    extras: Extras = Extras(),
) -> str:
    """The whole page (or with ``extras.fragment`` its body only), ``fmt`` "html" or "md", with the
    site's templates (``site.templates``, searched before the packaged ones)."""
    from markupsafe import Markup

    env = environment_for(site)
    standard = Standard.load(cs.standard)
    context: dict[str, Any] = {
        "cs": cs,
        "site": site,
        "standard": standard,
        "introduction": introduction(standard, "page", fmt, site, cs.organisation),
        "fragment": extras.fragment,
        "further_reading": further_reading(site, extras),
    }
    if fmt == "html":
        sections = [
            {"id": s.id, "heading": s.heading, "body": Markup(blocks_html(s.blocks, s.id))}
            for s in cs.sections
        ]
        page = render_template(env, page_templates(fmt, extras.fragment)[0], sections=sections, **context)
    else:
        sections = [
            {"id": s.id, "heading": s.heading, "body": blocks_md(s.blocks, s.id)} for s in cs.sections
        ]
        page = render_template(
            env, page_templates(fmt)[0], sections=sections, front_matter=_front_matter(cs), **context
        )
    # A fragment has no <head> or front matter to name its maker: this comment does, so a rerun
    # may replace it (output.OUR_MARKERS) while someone's own file is still protected.
    return FRAGMENT_MARKER + page if extras.fragment else page


def page_templates(fmt: str, fragment: bool = False) -> tuple[str, ...]:
    """The templates a case study's page uses: the first is rendered, and includes the others."""
    if fmt == "html":
        return ("case-study.html.j2",) if fragment else ("page.html.j2", "case-study.html.j2")
    return ("page.md.j2",)


def index_template(fmt: str) -> str:
    return f"index.{fmt}.j2"


def compile_templates(site: Site, names: tuple[str, ...]) -> None:
    """Compile the templates a run will use now, so a syntax error stops the run once, before any
    page. Loaded, they are kept: the pages are then rendered without loading them again."""
    import jinja2

    env = environment_for(site)
    for name in names:
        with contextlib.suppress(jinja2.TemplateNotFound):  # reported when a page needs it
            compiled(env, name)
    if any(name.endswith(".html.j2") for name in names):
        preload_sanitiser()  # loaded with the templates, not when the first page is rendered
