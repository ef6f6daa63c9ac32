"""digest.py: the one SHA-256 helper gives hashlib's digest for any data, and spares a small
conversion OpenSSL's start (issue 18)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_convert import digest
from wres_convert.digest import sha256_hex

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "chesterfield.docx"


@pytest.fixture
def no_hashlib(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process as one that has not loaded hashlib, nor hashed anything yet."""
    monkeypatch.delitem(sys.modules, "hashlib")
    monkeypatch.setattr(digest, "_hashed", 0)
    yield


def _builtin_used(data: bytes) -> bool:
    """Whether ``sha256_hex(data)`` took Python's own SHA-256: it counts what it hashed."""
    before = digest._hashed
    sha256_hex(data)
    return digest._hashed == before + len(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_pythons_own_digest_is_hashlibs(data: bytes) -> None:
    expected = hashlib.sha256(data).hexdigest()
    with pytest.MonkeyPatch.context() as patch:
        patch.delitem(sys.modules, "hashlib")
        patch.setattr(digest, "_hashed", 0)
        assert sha256_hex(data) == expected
        assert digest._hashed == len(data) and "hashlib" not in sys.modules


def test_openssl_is_used_once_enough_is_hashed(no_hashlib: None) -> None:
    chunk = bytes(range(256)) * 400  # 100 KB
    assert _builtin_used(chunk) and _builtin_used(chunk)
    expected = hashlib.sha256(chunk).hexdigest()
    assert not _builtin_used(chunk)  # 300 KB in all: past _SMALL, OpenSSL's from here on
    assert "hashlib" in sys.modules and sha256_hex(chunk) == expected


def test_a_process_with_hashlib_loaded_uses_it() -> None:
    assert "hashlib" in sys.modules
    assert not _builtin_used(b"a return")
    assert sha256_hex(b"a return") == hashlib.sha256(b"a return").hexdigest()


def test_converting_a_return_loads_neither_openssl_nor_dataclasses() -> None:
    # The source's digest is in every case study, made by a one-file run's worker on its path;
    # dataclasses imports inspect, ast, dis and tokenize (fieldset.py).
    code = (
        "import sys\nfrom wres_convert.run.convert import convert_bytes\n"
        f"cs = convert_bytes(open({str(SAMPLE)!r}, 'rb').read(), 'x.docx')\n"
        "print(cs.source.sha256, 'hashlib' in sys.modules, 'dataclasses' in sys.modules)\n"
        "import dataclasses\n"
        "assert 'Ian' not in repr(dataclasses.asdict(cs)) and cs.contact.names\n"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    sha, openssl, dataclasses_loaded = run.stdout.split()
    assert (sha, openssl, dataclasses_loaded) == (
        hashlib.sha256(SAMPLE.read_bytes()).hexdigest(),
        "False",
        "False",
    )
