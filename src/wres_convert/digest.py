"""SHA-256 digests: how the tool names content (a source, a message, a picture, corrections, a
page it wrote). hashlib is imported only once a process has hashed a fair amount, not with the
modules that make a digest: it starts OpenSSL, about 2.5 ms that ``--help``, the stages' imports
and a one-file run's worker need not pay. Until then Python's own SHA-256 (``_sha2``, ``_sha256``
before 3.12) is used: it loads in a fraction of that, and hashes a few hundred kilobytes in the
time OpenSSL takes to load (it is 5 to 10 times slower a byte, by Python version). Past
``_SMALL`` bytes hashed in all, or once hashlib is loaded anyway (a batch loads it before its
workers fork), OpenSSL's is used. Both give the same digest."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_SMALL = 256 * 1024  # bytes hashed by Python's own before OpenSSL's load pays for itself
_hashed = 0  # bytes this process has hashed with Python's own


def sha256_hex(data: bytes) -> str:
    return _hasher(memoryview(data).nbytes)(data).hexdigest()  # type: ignore[no-any-return]


def _hasher(size: int) -> Callable[[bytes], Any]:
    global _hashed
    if _hashed + size < _SMALL and "hashlib" not in sys.modules and (own := _own()) is not None:
        _hashed += size
        return own
    import hashlib

    return hashlib.sha256


@cache
def _own() -> Callable[[bytes], Any] | None:
    """Python's own SHA-256, whichever module this version keeps it in; None without one."""
    for name in ("_sha2", "_sha256"):
        try:
            return __import__(name).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    return None
