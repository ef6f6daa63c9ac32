"""digest.py: the one SHA-256 helper gives hashlib's digest for any data, and spares a small
conversion OpenSSL's start (issue 18)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wres_convert import digest
from wres_convert.digest import sha256_hex

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "chesterfield.docx"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_a_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_either_side_of_the_size_where_openssl_takes_over() -> None:
    for size in (digest._SMALL - 1, digest._SMALL, digest._SMALL + 1, 3 * digest._SMALL):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def _fresh(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return run.stdout.strip()


def test_a_small_digest_leaves_openssl_unloaded_and_a_large_one_loads_it() -> None:
    code = (
        "import sys\nfrom wres_convert.digest import sha256_hex, _SMALL\n"
        "sha256_hex(b'a return' * 1000)\nprint('hashlib' in sys.modules)\n"
        "sha256_hex(b'x' * (_SMALL + 1))\nprint('hashlib' in sys.modules)\n"
    )
    assert _fresh(code).split() == ["False", "True"]


def test_converting_a_word_return_loads_no_openssl() -> None:
    # The source's digest is in every case study: made by a one-file run's worker, on its path.
    docx = SAMPLE
    code = (
        "import sys\nfrom wres_convert.run.convert import convert_bytes\n"
        f"cs = convert_bytes(open({str(docx)!r}, 'rb').read(), 'x.docx')\n"
        "print(cs.source.sha256, 'hashlib' in sys.modules)\n"
    )
    sha, loaded = _fresh(code).split()
    assert (sha, loaded) == (hashlib.sha256(docx.read_bytes()).hexdigest(), "False")
