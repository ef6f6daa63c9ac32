"""However a return sets out its details (reworded labels, a details table, labels typed in an
e-mail, a second contact), the people and their addresses and numbers are read, so that every
answer that repeats them can be scrubbed: a detail never read is a detail never removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES
from wres_convert.run.convert import convert_bytes

FILES = sorted(p for d in ("reworded", "email-body") for p in (FIXTURES / d).iterdir())
SECOND = {
    "Amara Okafor": ("amara.okafor@nhs.net", "01246 512999"),
    "Tomasz Wielgosz": ("tomasz.wielgosz@nhs.net", "07700 900871"),
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_submitter_and_any_second_contact_are_read(path: Path) -> None:
    data = path.read_bytes()
    contact = convert_bytes(data, path.name).contact
    assert "Ian Siara" in contact.names
    assert "ian.siara@nhs.net" in contact.emails and "01246 512618" in contact.phones
    text = data.decode("utf-8", "replace") if path.suffix == ".txt" else ""
    for person, (email, phone) in SECOND.items():
        if person in text or (path.suffix == ".docx" and person.split()[-1].encode() in _document_xml(path)):
            assert person in contact.names and email in contact.emails and phone in contact.phones, person


def _document_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")
