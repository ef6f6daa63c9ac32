"""SHA-256 digests: how the tool names content (a source, a message, a picture, corrections, a
page it wrote). hashlib is imported on the first large digest, not with the modules that make
one: it starts OpenSSL, about 2.5 ms that ``--help``, the stages' imports and a one-file run's
worker need not pay. Python's own SHA-256 (``_sha2``, ``_sha256`` before 3.12) loads in a tenth
of that and hashes a return of a few hundred kilobytes as fast as OpenSSL would have loaded;
past ``_SMALL`` bytes, or once hashlib is loaded anyway (a batch, before its workers fork),
OpenSSL's is used. Both give the same digest."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_SMALL = 512 * 1024  # OpenSSL hashes a megabyte about 3 ms faster: worth its load past here


def sha256_hex(data: bytes) -> str:
    return _sha256(len(data))(data).hexdigest()  # type: ignore[no-any-return]


def _sha256(size: int) -> Callable[[bytes], Any]:
    if size < _SMALL and "hashlib" not in sys.modules:
        for name in ("_sha2", "_sha256"):  # CPython's own, whichever this version has
            try:
                return __import__(name).sha256  # type: ignore[no-any-return]
            except (ImportError, AttributeError):
                continue
    import hashlib

    return hashlib.sha256
