"""SHA-256 digests: how the tool names content (a source, a message, a picture, corrections, a
page it wrote). hashlib is imported on the first digest, not with the modules that make one: it
starts OpenSSL, about 3 ms that ``--help`` and the stages' imports need not pay."""

from __future__ import annotations


def sha256_hex(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
