"""One sniffer (readers/sniff.detect_kind) and one registry that reads every format, legacy too."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

import wres_convert.readers as readers
import wres_convert.readers.sniff as sniff
from wres_convert.errors import ConversionError
from wres_convert.readers import READERS, guess_format, read_document
from wres_convert.readers.sniff import FORMATS, LEGACY, detect_kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LEGACY_FILES = [("legacy.doc", "doc"), ("legacy.rtf", "rtf"), ("legacy.odt", "odt")]


def test_every_sniffed_format_has_a_reader() -> None:
    assert set(READERS) == set(FORMATS)


def test_the_other_sniffers_are_gone() -> None:
    assert not hasattr(sniff, "detect_format")
    assert not hasattr(sniff, "READABLE")


@pytest.mark.parametrize(("head", "guess"), [
    (b"%PDF-1.7\n", "pdf"),
    (b"PK\x03\x04 not really a zip", "docx"),  # the guess does not open the container
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really OLE", "docx"),  # a .doc ends in the DOCX reader
    (b"{\\rtf1 hello}", "docx"),
    (b"Organisation name: Northmoor\n", "text"),
    (b"\x89PNG\r\n\x1a\n", "text"),  # refused later, by the sniffer itself: nothing to preload
    (b"", "text"),
])  # fmt: skip
def test_guess_format_is_the_sniffer_without_looking_inside(head: bytes, guess: str) -> None:
    assert guess_format(head) == guess


def test_look_inside_only_when_asked() -> None:
    with pytest.raises(ConversionError):
        detect_kind(b"PK\x03\x04 not really a zip")
    assert detect_kind(b"PK\x03\x04 not really a zip", look_inside=False) == "docx"


@pytest.mark.parametrize(("name", "kind"), LEGACY_FILES)
def test_read_document_refuses_a_legacy_file_without_libreoffice(
    monkeypatch: pytest.MonkeyPatch, name: str, kind: str
) -> None:
    monkeypatch.setenv("WRES_CONVERT_NO_SOFFICE", "1")
    data = (FIXTURES / "bad" / name).read_bytes()
    assert detect_kind(data) == kind
    with pytest.raises(ConversionError) as info:
        read_document(data, name)
    assert "save it as .docx" in info.value.hint


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_read_document_reads_a_legacy_file_like_any_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WRES_CONVERT_NO_SOFFICE", raising=False)
    doc = read_document((FIXTURES / "bad" / "legacy.rtf").read_bytes(), "legacy.rtf")
    assert doc.warnings[0].code == "converted-with-libreoffice"
    assert any("Chesterfield" in b.text for b in doc.blocks)


def test_a_chosen_format_overrides_the_sniffer(monkeypatch: pytest.MonkeyPatch) -> None:
    # What --input-format does: the bytes of a PDF read as text when the user says so.
    calls: list[str] = []
    real = readers.importlib.import_module

    def spy(module: str) -> ModuleType:
        calls.append(module)
        return real(module)

    monkeypatch.setattr(readers.importlib, "import_module", spy)
    read_document(b"%PDF-1.4 but read as text\n", "x.pdf", "text")
    assert calls == ["wres_convert.readers.text"]


def test_legacy_kinds() -> None:
    assert LEGACY == ("doc", "rtf", "odt")
