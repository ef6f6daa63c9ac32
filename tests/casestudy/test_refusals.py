"""Documents that are not a returned template are refused in one clear line with exit 4, through
the CLI and the API, and a batch goes on with the other files. Fixtures:
fixtures/make_refusal_fixtures.py (python-docx, and the tool's own Markdown page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli
from helpers.returns import fixture_builder
from wres_convert.errors import ConversionError
from wres_convert.run.convert import convert_bytes

REFUSALS = FIXTURES / "refusals"
CASES = [
    ("blank-template.docx", "blank-template", "nothing was answered"),
    ("blank-template.txt", "blank-template", "nothing was answered"),
    (
        "published-case-study.docx",
        "published-case-study",
        "this looks like a published case study, not a returned template",
    ),
    (
        "published-case-study.txt",
        "published-case-study",
        "this looks like a published case study, not a returned template",
    ),
]


def builder():  # type: ignore[no-untyped-def]
    return fixture_builder("make_refusal_fixtures")


def test_committed_fixtures_are_what_the_script_builds() -> None:
    built = builder().build()
    assert sorted(built) == sorted(p.name for p in REFUSALS.iterdir())
    for name, data in built.items():
        assert (REFUSALS / name).read_bytes() == data, name


@pytest.mark.parametrize(("name", "code", "said"), CASES)
def test_the_api_refuses_with_a_stable_code(name: str, code: str, said: str) -> None:
    with pytest.raises(ConversionError) as err:
        convert_bytes((REFUSALS / name).read_bytes(), name)
    assert (err.value.code, err.value.exit_code) == (code, 4)
    assert said in err.value.message


@pytest.mark.parametrize(("name", "code", "said"), CASES)
def test_the_cli_says_one_line_and_exits_4(tmp_path: Path, name: str, code: str, said: str) -> None:
    done = run_cli(str(REFUSALS / name), "-o", str(tmp_path / "out"))
    err = done.stderr.decode()
    assert done.returncode == 4
    assert err.count("\n") == 1 and name in err and said in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_batch_refuses_them_and_converts_the_rest(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, _, _ in CASES:
        (inbox / name).write_bytes((REFUSALS / name).read_bytes())
    sample = Path(__file__).resolve().parents[2] / "samples" / "chesterfield.docx"
    (inbox / "chesterfield.docx").write_bytes(sample.read_bytes())
    done = run_cli(str(inbox), "-o", str(tmp_path / "site"))
    assert done.returncode == 5  # some failed, some converted
    pages = sorted(p.name for p in (tmp_path / "site").glob("*.html") if p.name != "index.html")
    assert len(pages) == 1 and pages[0].startswith("chesterfield")
    err = done.stderr.decode()
    for name, _, said in CASES:  # each named, with its reason (a summary may repeat it)
        assert any(name in line and said in line for line in err.splitlines()), name


def test_a_return_with_one_answer_is_not_blank() -> None:
    text = (
        (REFUSALS / "blank-template.txt")
        .read_text()
        .replace(
            "Please describe your WRES initiative, its aims and any outcomes so far.\n",
            "Please describe your WRES initiative, its aims and any outcomes so far.\nWe ran listening events.\n",
        )
    )
    cs = convert_bytes(text.encode(), "one-answer.txt")
    assert "We ran listening events." in [b.text for s in cs.sections for b in s.blocks]


def test_an_email_with_one_label_of_its_own_is_refused_saying_what_to_do() -> None:
    text = (
        b"Hi team,\n\nWe ran a mentoring scheme and it went well.\n\nAdvice for other trusts: start small.\n"
    )
    with pytest.raises(ConversionError) as err:
        convert_bytes(text, "mail.txt")
    assert (
        err.value.exit_code == 4 and "only one" in err.value.message and "label each answer" in err.value.hint
    )
