"""The JSON contract's schema (docs/case-study.schema.json, shipped as wres_convert/data/…): every
JSON output the tool writes validates against it: each sample and fixture return, the JSON Lines
error objects, --include-contact, and the API's to_dict()."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema  # in the test extra: a missing one fails, never skips
import pytest

from helpers import REPO, SAMPLES, run_cli

FIXTURES = REPO / "tests" / "fixtures"
# Every fixture folder of returns, the hostile ones included: their errors are JSON Lines objects.
FOLDERS = [
    SAMPLES,
    *(FIXTURES / d for d in ("docx", "pdf", "text", "variants", "crossformat", "privacy", "xss", "notes")),
]


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("wres_convert.data").joinpath("case-study.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid(obj: object) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(obj)]
    assert errors == []


def json_lines(*args: str) -> list[dict[str, object]]:
    r = run_cli(*args, "--format", "json", "-o", "-")
    assert r.stdout, r.stderr
    return [json.loads(line) for line in r.stdout.decode().splitlines()]


def test_the_docs_copy_is_the_shipped_schema() -> None:
    shipped = resources.files("wres_convert.data").joinpath("case-study.schema.json").read_text()
    assert (REPO / "docs" / "case-study.schema.json").read_text() == shipped


def test_every_sample_and_fixture_return_and_every_error_validates() -> None:
    found = json_lines(*map(str, FOLDERS), str(FIXTURES / "bad"))
    errors = [d for d in found if "error" in d]
    cases = [d for d in found if "error" not in d]
    assert len(cases) >= 40 and len(errors) >= 15  # the bad fixtures fail, one object each
    for obj in found:
        assert_valid(obj)


def test_include_contact_validates() -> None:
    found = json_lines(str(SAMPLES), str(FIXTURES / "privacy"), "--include-contact")
    assert all("contact" in d for d in found)
    for obj in found:
        assert_valid(obj)


def test_api_to_dict_validates() -> None:
    import wres_convert

    case = wres_convert.convert(SAMPLES / "chesterfield.pdf")
    assert_valid(case.to_dict())
    assert_valid(case.to_dict(include_contact=True))


@pytest.mark.parametrize(
    "broken",
    [
        lambda d: d.pop("sections"),
        lambda d: d["sections"].reverse(),
        lambda d: d.update(schema="wres-case-study/2"),
        lambda d: d["indicators"].append({"number": 12, "question": "?"}),
        lambda d: d["source"].update(sha256="abc"),
    ],
)
def test_the_schema_catches_a_broken_contract(broken: object) -> None:
    doc = json.loads((REPO / "tests" / "golden" / "chesterfield-docx.json").read_text())
    assert_valid(doc)
    broken(doc)  # type: ignore[operator]
    assert list(validator().iter_errors(doc))


def test_the_schema_names_every_contract_field() -> None:
    schema = json.loads((REPO / "docs" / "case-study.schema.json").read_text())
    spec = Path(REPO.parent / "shared" / "spec" / "case-study-json.md")
    if not spec.exists():
        pytest.skip("no ../shared/spec here")
    named = set(schema["$defs"]["caseStudy"]["properties"])
    for field in ("schema", "source", "organisation", "indicators", "title", "subtitle", "slug"):
        assert f'"{field}"' in spec.read_text() and field in named


def test_notes_validate_and_a_broken_note_does_not() -> None:
    found = next(d for d in json_lines(str(FIXTURES / "notes")) if d["source"]["file"] == "footnotes.pdf")
    assert any("notes" in s for s in found["sections"])
    assert_valid(found)
    section = next(s for s in found["sections"] if "notes" in s)
    section["notes"][0]["number"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(found)
