"""The reader contract, once: a reader raises ``ConversionError`` (or the worker's ``MemoryError``,
isolate.py's memory cap) and nothing else, so no library's exception reaches the user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from wres_convert.errors import ConversionError

P = ParamSpec("P")
R = TypeVar("R")


def guarded(code: str, what: str, hint: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a reader: any other exception becomes ``ConversionError(code, "WHAT could not be read
    (ExceptionType)", hint)``."""

    def wrap(read: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(read)
        def reader(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return read(*args, **kwargs)
            except (ConversionError, MemoryError):
                raise
            except Exception as exc:
                raise ConversionError(code, f"{what} could not be read ({type(exc).__name__})", hint) from exc

        return reader

    return wrap
