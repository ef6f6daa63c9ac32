"""The Python API: bytes in, case study out, rendered in any output format.

from wres_convert.convert import convert_file, render
cs = convert_file(Path("submission.docx"))
html = render(cs, "html")
"""

from __future__ import annotations

from pathlib import Path

from wres_convert.casestudy import CaseStudy, build_case_study, source_for
from wres_convert.detect import detect_format
from wres_convert.errors import ConversionError
from wres_convert.readers import read_document
from wres_convert.site import Site, load_site

FORMATS = ("html", "md", "json")
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "json",
}
MAX_INPUT_BYTES = 50 * 1024 * 1024  # a returned template is well under 5 MB; refuse what is clearly not one


def read_input(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, or a ConversionError saying plainly why they cannot be had."""
    try:
        if path.is_dir():
            raise ConversionError(
                "is-a-folder", "this is a folder, not a file", "give the submission file itself"
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise ConversionError(
                "too-large",
                f"the file is {size // (1024 * 1024)} MB, over the {max_bytes // (1024 * 1024)} MB limit",
                "check it is a returned template",
            )
        return path.read_bytes()
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


def convert_bytes(data: bytes, name: str, input_format: str | None = None) -> CaseStudy:
    fmt = input_format or detect_format(data, name)
    doc = read_document(data, name, fmt)
    return build_case_study(doc, source_for(data, name, fmt))


def convert_file(path: Path) -> CaseStudy:
    return convert_bytes(read_input(path), path.name)


def render(
    cs: CaseStudy,
    fmt: str,
    site: Site | None = None,
    *,
    include_contact: bool = False,
    templates: Path | None = None,
    pretty: bool = True,
) -> str:
    """The case study as ``fmt``: "html" (a whole page), "md" (a page with front matter) or "json"."""
    if fmt == "json":
        from wres_convert.writers.jsonout import case_study_dict, dumps

        return dumps(case_study_dict(cs, include_contact=include_contact), pretty=pretty) + "\n"
    from wres_convert.render import render_page

    return render_page(cs, fmt, site or load_site(), templates)
