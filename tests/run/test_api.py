"""The Python API (``wres_convert.convert/read/render``), run on the same vectors as the CLI with a
file and the CLI reading standard input, as markitdown's test vectors are: one expectation per
return, checked through every entry point, so the three cannot drift apart."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import wres_convert
from helpers import REPO, SAMPLES, run_cli

FIXTURES = REPO / "tests" / "fixtures"
HEADINGS = [
    "WRES objective being addressed",
    "What they did",
    "What was the outcome?",
    "Challenges & barriers",
    "What can other organisations learn from this?",
]
ALL = ("objective", "what-they-did", "outcome", "challenges", "learning")
CHESTERFIELD = "Chesterfield Royal NHS Foundation Trust"


@dataclass(frozen=True)
class Vector:
    path: Path
    organisation: str
    indicators: tuple[int, ...]
    answered: tuple[str, ...] = ALL  # the sections with content
    sub_headings: tuple[str, ...] = ()  # headings kept inside a section's Markdown

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


VECTORS = [
    Vector(SAMPLES / "chesterfield.docx", CHESTERFIELD, (8,), sub_headings=("Planning and preparation",)),
    Vector(SAMPLES / "chesterfield.pdf", CHESTERFIELD, (8,), sub_headings=("Planning and preparation",)),
    Vector(SAMPLES / "chesterfield.txt", CHESTERFIELD, (8,), sub_headings=("Planning and preparation",)),
    Vector(FIXTURES / "crossformat" / "chesterfield-fillable.pdf", CHESTERFIELD, (8,)),
    Vector(
        FIXTURES / "docx" / "form_controls.docx",
        "Ashbourne and District Community Health NHS Trust",
        (4,),
        ("objective", "what-they-did", "outcome", "learning"),
    ),
    Vector(FIXTURES / "docx" / "numbered_questions.docx", "Severn Vale Ambulance Service NHS Trust", (5,)),
    Vector(FIXTURES / "pdf" / "plain-questions.pdf", "Fenwick Community Health NHS Trust", (4,)),
    Vector(FIXTURES / "privacy" / "details_table.docx", "Severn Vale NHS Trust", (2,)),
    Vector(FIXTURES / "variants" / "reworded-questions.txt", CHESTERFIELD, (8,)),
]


def check(vector: Vector, doc: dict[str, object]) -> None:
    """What every entry point must give for ``vector``: the same case study."""
    assert doc["schema"] == "wres-case-study/1"
    assert doc["organisation"] == vector.organisation
    assert [i["number"] for i in doc["indicators"]] == list(vector.indicators)  # type: ignore[union-attr,index]
    sections = doc["sections"]
    assert [s["heading"] for s in sections] == HEADINGS  # type: ignore[union-attr,index]
    assert tuple(s["id"] for s in sections if s["markdown"]) == vector.answered  # type: ignore[union-attr,index]
    markdown = "\n".join(s["markdown"] for s in sections)  # type: ignore[union-attr,index]
    for heading in vector.sub_headings:
        assert f"# {heading}\n" in markdown
    assert "contact" not in doc


def without_file(doc: dict[str, object]) -> dict[str, object]:
    return {**doc, "source": {k: v for k, v in doc["source"].items() if k != "file"}}  # type: ignore[union-attr]


@pytest.fixture(scope="module", params=VECTORS, ids=lambda v: v.id)
def vector(request: pytest.FixtureRequest) -> Vector:
    return request.param


def test_api_path(vector: Vector) -> None:
    case = wres_convert.convert(vector.path)
    check(vector, case.to_dict())
    assert case.to_dict()["source"]["file"] == vector.path.name  # type: ignore[index]


def test_api_str_and_bytes_agree(vector: Vector) -> None:
    by_str = wres_convert.convert(str(vector.path)).to_dict()
    by_bytes = wres_convert.convert(vector.path.read_bytes()).to_dict()  # the format is sniffed
    check(vector, by_bytes)
    assert by_bytes["source"]["file"] == "input"  # type: ignore[index]
    assert without_file(by_bytes) == without_file(by_str)


def test_cli_file_and_stdin_agree_with_the_api(vector: Vector) -> None:
    api = wres_convert.convert(vector.path).to_dict()
    r = run_cli(str(vector.path), "--format", "json", "-o", "-")
    assert r.returncode in (0, 1), r.stderr
    cli = json.loads(r.stdout)
    check(vector, cli)
    assert cli == api
    s = run_cli("-", "--format", "json", "-o", "-", stdin=vector.path.read_bytes())
    assert s.returncode in (0, 1), s.stderr
    piped = json.loads(s.stdout)
    check(vector, piped)
    assert without_file(piped) == without_file(api)


def test_render_json_is_to_dict_and_pages_render(vector: Vector) -> None:
    case = wres_convert.convert(vector.path)
    assert json.loads(wres_convert.render(case, "json")) == case.to_dict()
    html = wres_convert.render(case, "html")
    assert html.lstrip().lower().startswith("<!doctype html") and vector.organisation.split()[0] in html
    md = wres_convert.render(case, "md")
    assert md.startswith("---\n") and "## What they did" in md


# --------------------------------------------------------------------------- contact details


def test_contact_details_only_on_request() -> None:
    case = wres_convert.convert(SAMPLES / "chesterfield.docx")
    assert "Siara" not in json.dumps(case.to_dict())
    contact = case.to_dict(include_contact=True)["contact"]
    assert contact["name"] == "Ian Siara" and contact["emails"] == ["ian.siara@nhs.net"]  # type: ignore[index]
    assert "Siara" not in wres_convert.render(case, "json")
    assert "Siara" in wres_convert.render(case, "json", include_contact=True)
    assert "Siara" not in wres_convert.render(case, "html", include_contact=True)


@pytest.mark.parametrize("path", [SAMPLES / "chesterfield.docx", FIXTURES / "privacy" / "details_table.docx"])
def test_asdict_repr_and_json_never_show_contact_details(path: Path) -> None:
    case = wres_convert.convert(path)
    secrets = [case.contact.name, *case.contact.emails, *case.contact.phones]
    assert case.contact.name and secrets
    as_dict = dataclasses.asdict(case)
    assert "contact" not in as_dict and "mapping" not in as_dict  # the mapping's fields hold them too
    shown = [repr(case), str(case), json.dumps(as_dict, default=str), repr(as_dict)]
    for text in shown:
        for secret in secrets:
            assert secret not in text
    assert {f.name for f in dataclasses.fields(case)}.isdisjoint({"contact", "mapping"})
    # Still there for the pipeline: a copy, replace() and a worker's pickle keep them.
    assert pickle.loads(pickle.dumps(case)).contact == case.contact
    assert dataclasses.replace(case, title="x").contact == case.contact
    assert dataclasses.replace(case, title="x").mapping == case.mapping


# --------------------------------------------------------------------------- errors and inputs


def test_missing_file_is_a_conversion_error_with_a_code(tmp_path: Path) -> None:
    with pytest.raises(wres_convert.ConversionError) as err:
        wres_convert.convert(tmp_path / "nope.docx")
    assert err.value.code == "missing" and err.value.exit_code == 3 and err.value.hint
    with pytest.raises(wres_convert.ConversionError):
        wres_convert.read(str(tmp_path / "nope.docx"))


def test_not_a_submission_and_unreadable_bytes() -> None:
    with pytest.raises(wres_convert.ConversionError) as err:
        wres_convert.convert(FIXTURES / "bad" / "not-a-submission.docx")
    assert (err.value.code, err.value.exit_code) == ("not-a-submission", 4)
    with pytest.raises(wres_convert.ConversionError) as err:
        wres_convert.convert(b"")
    assert err.value.code == "empty"
    with pytest.raises(wres_convert.ConversionError) as err:
        wres_convert.convert((FIXTURES / "bad" / "image.png").read_bytes())
    assert err.value.exit_code == 3


def test_bytes_are_sniffed_or_read_as_told() -> None:
    data = (SAMPLES / "chesterfield.pdf").read_bytes()
    assert wres_convert.convert(data).source.format == "pdf"
    case = wres_convert.convert(bytearray(data), format="pdf", name="return.pdf")
    assert (case.source.file, case.source.format) == ("return.pdf", "pdf")
    text = (SAMPLES / "chesterfield.txt").read_bytes()
    assert wres_convert.convert(text, format="text").organisation == CHESTERFIELD


def test_bad_options_are_conversion_errors() -> None:
    case = wres_convert.convert(SAMPLES / "chesterfield.txt")
    with pytest.raises(wres_convert.ConversionError, match="input format"):
        wres_convert.convert(SAMPLES / "chesterfield.txt", format="rtf")  # type: ignore[arg-type]
    with pytest.raises(wres_convert.ConversionError, match="output format"):
        wres_convert.render(case, "pdf")
    with pytest.raises(wres_convert.ConversionError, match="theme"):
        wres_convert.render(case, "html", theme="garish")
    with pytest.raises(wres_convert.ConversionError) as err:
        wres_convert.convert(SAMPLES / "chesterfield.pdf", max_bytes=1000)
    assert err.value.code == "too-large"
    with pytest.raises(TypeError):
        wres_convert.convert(42)  # type: ignore[arg-type]


def test_convert_file_takes_a_str() -> None:
    from wres_convert.run.convert import convert_file

    assert convert_file(str(SAMPLES / "chesterfield.docx")).organisation == CHESTERFIELD


def test_render_options() -> None:
    case = wres_convert.convert(SAMPLES / "chesterfield.docx")
    page = wres_convert.render(case, "html", theme="nhsuk")
    assert page != wres_convert.render(case, "html")
    body = wres_convert.render(case, "html", fragment=True)
    assert "<html" not in body.lower() and "What they did" in body
    assert wres_convert.render(case, "json", pretty=False).count("\n") == 1


def test_read_gives_the_document_model() -> None:
    doc = wres_convert.read(SAMPLES / "chesterfield.docx")
    assert isinstance(doc, wres_convert.Document) and doc.format == "docx"
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert any("Ian Siara" in t for t in texts)  # the document as read: nothing removed yet
    assert wres_convert.read((SAMPLES / "chesterfield.txt").read_bytes()).format == "text"


def test_import_is_lazy() -> None:
    code = "import sys, wres_convert; print(sorted(m for m in sys.modules if m.startswith('wres_convert')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['wres_convert']"
    assert set(wres_convert.__all__) <= set(dir(wres_convert))
    with pytest.raises(AttributeError):
        _ = wres_convert.no_such_thing  # type: ignore[attr-defined]
