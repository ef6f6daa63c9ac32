"""A return's corrections file: each kind of correction applied through the CLI, a rerun picking
up an edited file, and errors that name the file and the key (issue 17, first part)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO, SAMPLES, run_cli


def convert(tmp_path: Path, corrections: str, *extra: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLES / "chesterfield.docx", inbox / "chesterfield.docx")
    (inbox / "chesterfield.corrections.toml").write_text(corrections, "utf-8")
    r = run_cli("inbox", "-o", "out/", "-f", "json", *extra, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr.decode()
    return json.loads((tmp_path / "out" / "chesterfield.json").read_text("utf-8")), r.stderr.decode()


def sections(page: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {s["id"]: s["markdown"] for s in page["sections"]}


def convert_with(tmp_path: Path, corrections: str) -> subprocess.CompletedProcess[bytes]:
    """The sample converted to JSON on standard output, with this corrections file beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(SAMPLES / "chesterfield.docx", inbox / "chesterfield.docx")
    (inbox / "chesterfield.corrections.toml").write_text(corrections, "utf-8")
    return run_cli("inbox/chesterfield.docx", "-f", "json", "-o", "-", cwd=tmp_path)


def test_overrides_of_organisation_indicators_and_subtitle(tmp_path: Path) -> None:
    page, _ = convert(
        tmp_path, 'organisation = "Chesterfield Royal"\nindicators = [5, 8]\nsubtitle = "Fair treatment"\n'
    )
    assert page["organisation"] == "Chesterfield Royal"
    assert [i["number"] for i in page["indicators"]] == [5, 8]
    assert page["title"] == "WRES Indicators 5 and 8" and page["subtitle"] == "Fair treatment"
    assert sections(page)["objective"].count("WRES Indicator") == 2
    assert page["corrections"]["keys"] == ["organisation", "indicators", "subtitle"]
    assert len(page["corrections"]["sha256"]) == 64


def test_omit_drop_and_move(tmp_path: Path) -> None:
    before, _ = convert(tmp_path, "")
    first = sections(before)["what-they-did"].split("\n\n")[0]
    words = " ".join(first.split()[:5])
    page, _ = convert(
        tmp_path,
        f'omit = ["challenges"]\ndrop = [{words!r}]\n[[move]]\nfrom = "learning"\nto = "outcome"\n'.replace(
            "'", '"'
        ),
    )
    got = sections(page)
    assert "challenges" not in got
    assert not got["what-they-did"].startswith(first)
    assert got["learning"] == "" and sections(before)["learning"] in got["outcome"]


def test_a_correction_that_finds_nothing_is_named(tmp_path: Path) -> None:
    page, _ = convert(tmp_path, 'drop = ["No block starts like this"]\n')
    assert any(w["code"] == "correction-unused" for w in page["warnings"])


def test_a_rerun_picks_up_an_edited_corrections_file(tmp_path: Path) -> None:
    page, _ = convert(tmp_path, 'organisation = "First"\n')
    assert page["organisation"] == "First"
    (tmp_path / "inbox" / "chesterfield.corrections.toml").write_text('organisation = "Second"\n', "utf-8")
    r = run_cli("inbox", "-o", "out/", "-f", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads((tmp_path / "out" / "chesterfield.json").read_text("utf-8"))["organisation"] == "Second"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("organisatoin = 'x'\n", "'organisatoin'"),
        ("indicators = [12]\n", "'indicators'"),
        ("omit = ['nowhere']\n", "'omit'"),
        ("[[move]]\nfrom = 'x'\nto = 'nowhere'\n", "'move'"),
        ("organisation = \n", "not a valid TOML file"),
    ],
)
def test_a_bad_corrections_file_is_one_line_naming_the_file_and_the_key(
    tmp_path: Path, text: str, key: str
) -> None:
    r = convert_with(tmp_path, text)
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    assert "chesterfield.corrections.toml" in err and key in err


def test_omit_empty_leaves_unanswered_sections_off_the_page(tmp_path: Path) -> None:
    page, _ = convert(
        tmp_path, 'drop = ["We recognise our local", "We need to be creative"]\n', "--omit-empty"
    )
    assert "learning" not in sections(page)
    r = run_cli("inbox", "-o", "out-md/", "-f", "md", "--omit-empty", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr.decode()
    assert "Not provided in the submission" not in (tmp_path / "out-md" / "chesterfield.md").read_text(
        "utf-8"
    )
    r = run_cli("inbox", "-o", "out-md2/", "-f", "md", cwd=tmp_path)
    assert "Not provided in the submission" in (tmp_path / "out-md2" / "chesterfield.md").read_text("utf-8")


def test_a_corrections_file_in_an_inbox_is_no_return(tmp_path: Path) -> None:
    _, err = convert(tmp_path, 'organisation = "X"\n')
    assert "chesterfield.corrections.toml: a corrections file (applied to its return)" in err


def test_the_api_applies_a_corrections_file(tmp_path: Path) -> None:
    import wres_convert

    fix = tmp_path / "fix.toml"
    fix.write_text('organisation = "Chesterfield Royal"\nomit = ["challenges"]\n', "utf-8")
    case = wres_convert.convert(SAMPLES / "chesterfield.docx", corrections=fix)
    assert case.organisation == "Chesterfield Royal" and "challenges" not in [s.id for s in case.sections]
    assert case.to_dict()["corrections"]["keys"] == ["organisation", "omit"]
    fix.write_text("omit = 3\n", "utf-8")
    with pytest.raises(wres_convert.ConversionError) as caught:
        wres_convert.convert(SAMPLES / "chesterfield.docx", corrections=fix)
    assert caught.value.code == "bad-corrections" and "'omit'" in caught.value.message


def test_alt_text_for_a_picture_that_has_none(tmp_path: Path) -> None:
    import wres_convert

    fix = tmp_path / "fix.toml"
    fix.write_text('[alt]\n1 = "Bar chart of staff survey return rates"\n', "utf-8")
    case = wres_convert.convert(REPO / "tests" / "fixtures" / "pictures" / "no-alt.docx", corrections=fix)
    html = next(s["html"] for s in case.to_dict()["sections"] if "<img" in s["html"])
    assert 'alt="Bar chart of staff survey return rates"' in html
    assert "image-no-alt" not in [w.code for w in case.warnings]
    fix.write_text('[alt]\n7 = "No seventh picture"\n', "utf-8")
    case = wres_convert.convert(REPO / "tests" / "fixtures" / "pictures" / "no-alt.docx", corrections=fix)
    assert any(w.code == "correction-unused" and "alt '7'" in w.message for w in case.warnings)


KINDS = {
    "organisation": (
        'organisation = "Chesterfield Royal"\n',
        lambda d: d["organisation"] == "Chesterfield Royal",
    ),
    "indicators": ("indicators = [6]\n", lambda d: [i["number"] for i in d["indicators"]] == [6]),
    "subtitle": ('subtitle = "Fair treatment"\n', lambda d: d["subtitle"] == "Fair treatment"),
    "omit": ('omit = ["challenges"]\n', lambda d: "challenges" not in sections(d)),
    "drop": (
        'drop = ["We recognise our local"]\n',
        lambda d: "We recognise our local" not in sections(d)["learning"],
    ),
    "move by role": (
        '[[move]]\nfrom = "objectives"\nto = "what-they-did"\n',
        lambda d: "Form a group to discuss" in sections(d)["what-they-did"] and not d["unpublished"],
    ),
    "move by words": (
        '[[move]]\nfrom = "We recognise our local"\nto = "outcome"\n',
        lambda d: "We recognise our local" in sections(d)["outcome"],
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_correction_through_the_cli_and_the_api(tmp_path: Path, kind: str) -> None:
    import wres_convert

    text, holds = KINDS[kind]
    page, _ = convert(tmp_path, text)
    assert holds(page), f"CLI: {kind}"
    fix = tmp_path / "fix.toml"
    fix.write_text(text, "utf-8")
    assert holds(wres_convert.convert(SAMPLES / "chesterfield.docx", corrections=fix).to_dict()), (
        f"API: {kind}"
    )


def test_a_return_attached_to_a_message_has_its_own_corrections_file(tmp_path: Path) -> None:
    from email.message import EmailMessage
    from email.policy import default

    m = EmailMessage(policy=default)
    m["From"] = "ian.siara@nhs.net"
    m.set_content("Attached.")
    docx = (SAMPLES / "chesterfield.docx").read_bytes()
    for name in ("a.docx", "b.docx"):
        m.add_attachment(docx, maintype="application", subtype="octet-stream", filename=name)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "m.eml").write_bytes(m.as_bytes())
    (inbox / "m.eml--b.docx.corrections.toml").write_text('organisation = "Second"\n', "utf-8")
    for expected in ("Second", "Third"):
        r = run_cli("inbox", "-o", "out/", "-f", "json", cwd=tmp_path)
        assert r.returncode == 0, r.stderr.decode()
        got = [json.loads((tmp_path / "out" / f"m--eml--{n}.json").read_text())["organisation"] for n in "ab"]
        assert got == ["Chesterfield Royal NHS Foundation Trust", expected]
        (inbox / "m.eml--b.docx.corrections.toml").write_text('organisation = "Third"\n', "utf-8")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('drop = ["*"]\n', "'drop'"),
        ('[[move]]\nfrom = "-"\nto = "outcome"\n', "'move'"),
        ('[[move]]\nfrom = "learning"\nto = "objective"\n', "'move'"),
        ('omit = ["learning"]\n[[move]]\nfrom = "outcome"\nto = "learning"\n', "'move'"),
        ("indicators = []\n", "'indicators'"),
        ('organisation = "<script>alert(1)</script>"\n', "'organisation'"),
        ('subtitle = "x\\n\\n# Injected"\n', "'subtitle'"),
        ('subtitle = "{{ site.x }}"\n', "'subtitle'"),
    ],
)
def test_corrections_that_would_lose_text_or_reach_a_page_raw_are_refused(
    tmp_path: Path, text: str, key: str
) -> None:
    r = convert_with(tmp_path, text)
    assert r.returncode == 2 and key in r.stderr.decode(), r.stderr.decode()


def test_drop_takes_whole_words(tmp_path: Path) -> None:
    page, _ = convert(tmp_path, 'drop = ["We recognise our loc"]\n')
    assert any(w["code"] == "correction-unused" for w in page["warnings"])


def test_a_corrections_folder_mirrors_the_inboxs_sub_folders(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        shutil.copyfile(SAMPLES / "chesterfield.txt", tmp_path / "in" / sub / "r.txt")
    (tmp_path / "cor" / "a").mkdir(parents=True)
    (tmp_path / "cor" / "a" / "r.corrections.toml").write_text('organisation = "Fixed"\n', "utf-8")
    r = run_cli("in", "-r", "-o", "out/", "-f", "json", "--corrections", "cor", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    got = {
        sub: json.loads((tmp_path / "out" / sub / "r--txt.json").read_text())["organisation"] for sub in "ab"
    }
    assert got == {"a": "Fixed", "b": "Chesterfield Royal NHS Foundation Trust"}


def test_each_run_lists_the_folder_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder is listed once a run, not once a return; a corrections file added before the next
    run (--watch's next look) counts even when the folder's time did not move."""
    import os

    from wres_convert.run import batch
    from wres_convert.run.corrections import corrections_digest, forget_listings

    source = tmp_path / "a.txt"
    shutil.copy(SAMPLES / "chesterfield.txt", source)
    assert corrections_digest(source) == ""
    st = tmp_path.stat()
    (tmp_path / "a.txt--return.docx.corrections.toml").write_text('organisation = "X"\n', "utf-8")
    os.utime(tmp_path, ns=(st.st_atime_ns, st.st_mtime_ns))  # a folder time that did not move
    assert corrections_digest(source) == ""  # the same run: listed once
    forget_listings()
    assert corrections_digest(source) != ""

    started: list[bool] = []
    monkeypatch.setattr(batch, "forget_listings", lambda: started.append(True))
    with pytest.raises(AttributeError):  # no options: the run stops once it has forgotten
        batch.run([tmp_path / "missing"], None)  # type: ignore[arg-type]
    assert started == [True]
