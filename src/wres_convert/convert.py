"""The Python API: bytes in, case study out, rendered in any output format.

from wres_convert.convert import convert_file, render
cs = convert_file(Path("submission.docx"))
html = render(cs, "html")
"""

from __future__ import annotations

from pathlib import Path

from wres_convert.casestudy import CaseStudy, build_case_study, source_for
from wres_convert.detect import LEGACY, detect_kind
from wres_convert.errors import ConversionError
from wres_convert.readers import read_document
from wres_convert.site import Site, load_site

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a returned template is well under 5 MB; refuse what is clearly not one


def read_input(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, or a ConversionError saying plainly why they cannot be had."""
    try:
        if path.is_dir():
            raise ConversionError(
                "is-a-folder", "this is a folder, not a file", "give the submission file itself"
            )
        # Read at most one byte over the limit: a device or pipe (/dev/zero) has no honest size.
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise ConversionError("missing", "no such file", "check the name and folder") from exc
    except PermissionError as exc:
        raise ConversionError(
            "unreadable", "permission denied", "check you are allowed to read the file"
        ) from exc
    except OSError as exc:
        raise ConversionError(
            "unreadable", f"cannot read the file ({exc.strerror})", "check the file"
        ) from exc
    if len(data) > max_bytes:
        raise ConversionError(
            "too-large",
            f"the file is over the {_megabytes(max_bytes)} MB size limit",
            "check it is a returned template, or raise the limit with --max-size",
        )
    return data


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.3g}"


def convert_bytes(
    data: bytes,
    name: str,
    input_format: str | None = None,
    *,
    redact: bool = False,
    titles: dict[int, str] | None = None,
) -> CaseStudy:
    """``titles`` overrides indicator theme titles by number (``Site.title_overrides()``)."""
    fmt = input_format or detect_kind(data)
    if fmt in LEGACY:  # .doc, .rtf, .odt: LibreOffice makes a .docx of it, when it is installed
        from wres_convert.legacy import read_legacy

        doc = read_legacy(data, fmt)
    else:
        doc = read_document(data, name, fmt)
    return build_case_study(doc, source_for(data, name, fmt), redact=redact, titles=titles)


def convert_file(
    path: Path,
    *,
    redact: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    titles: dict[int, str] | None = None,
) -> CaseStudy:
    """Convert one file; ``max_bytes`` refuses larger inputs (the CLI's --max-size), ``titles``
    overrides indicator theme titles by number."""
    return convert_bytes(read_input(path, max_bytes), path.name, redact=redact, titles=titles)


def render(
    cs: CaseStudy,
    fmt: str,
    site: Site | None = None,
    *,
    include_contact: bool = False,
    templates: Path | None = None,
    pretty: bool = True,
    fragment: bool = False,
    original: str | None = None,
) -> str:
    """The case study as ``fmt``: "html" (a whole page), "md" (a page with front matter) or "json".
    ``fragment``: the page's body only; ``original``: a relative link to the copied source file,
    listed first under Further Reading."""
    if fmt == "json":
        from wres_convert.writers.jsonout import case_study_dict, dumps

        return dumps(case_study_dict(cs, include_contact=include_contact), pretty=pretty) + "\n"
    from wres_convert.render import Extras, render_page

    site = site or load_site()
    return render_page(cs, fmt, site, templates or site.templates, Extras(fragment, original))
