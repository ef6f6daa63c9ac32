"""Helpers for the tests that convert whole returns built by a committed fixture script: loading
the script, the published sections and unpublished text as Markdown, and finding private details."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

from helpers import FIXTURES
from wres_convert.writers.markdown import blocks_md


def fixture_builder(name: str) -> ModuleType:
    """``tests/fixtures/<name>.py``, loaded as a module (registered by name: its dataclasses look
    their module up there; the fixtures folder on the path: one script may use another)."""
    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def leaks(text: str, words: tuple[str, ...], strings: tuple[str, ...]) -> list[str]:
    """The private ``words`` (whole words, any case) and ``strings`` (e-mails, phone digits with
    any spacing) found in ``text``."""
    digits = re.sub(r"\D", "", text)
    found = [w for w in words if re.search(rf"\b{w}\b", text, re.I)]
    found += [s for s in strings if s in text.lower() or (s.isdigit() and s in digits)]
    return found


def sections_of(cs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.id: blocks_md(s.blocks).replace("’", "'") for s in cs.sections}


def unpublished_of(cs) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f"{u.label}\n{blocks_md(u.blocks)}" for u in cs.unpublished)
