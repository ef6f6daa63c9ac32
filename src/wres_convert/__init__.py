"""wres-convert: returned WRES case-study templates in, published case studies out.

The Python API (docs/api.md)::

    import wres_convert

    case = wres_convert.convert("return.docx")  # str, Path, or bytes; raises ConversionError
    case.to_dict()  # the JSON contract, wres-case-study/1
    wres_convert.render(case, "html")  # "html", "md" or "json"
    wres_convert.read("return.pdf")  # the Document, as the reader sees it
    wres_convert.convert_each("inbox.eml")  # a case study per return attached to a message
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from wres_convert.errors import ConversionError
    from wres_convert.model import Document
    from wres_convert.run.convert import CaseStudy, convert, convert_each, read, render

__all__ = [
    "CaseStudy",
    "ConversionError",
    "Document",
    "__version__",
    "convert",
    "convert_each",
    "read",
    "render",
]

# Name -> module. Imported on first use, not with the package: ``import wres_convert`` and the
# command's start-up (``--help``, ``--version``) never pay for the readers and writers.
_LAZY = {
    "convert": "wres_convert.run.convert",
    "convert_each": "wres_convert.run.convert",
    "read": "wres_convert.run.convert",
    "render": "wres_convert.run.convert",
    "CaseStudy": "wres_convert.run.convert",
    "ConversionError": "wres_convert.errors",
    "Document": "wres_convert.model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wres_convert' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
