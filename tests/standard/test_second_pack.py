"""A second standard from data alone: an invented WDES-like pack, written to a folder, converts a
return made for it with no code change; and a pack whose template sends an answer nowhere is
refused when it loads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import run_cli
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.errors import ConversionError
from wres_convert.readers import read_document
from wres_convert.standard import Standard
from wres_convert.writers.index import group_entries, render_index
from wres_convert.writers.page import render_page
from wres_convert.writers.site import load_site

NUMBERS = ["1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9", "10"]
QUESTIONS = {n: f"Metric {n} question: how far have disabled staff fared on measure {n}?" for n in NUMBERS}
TITLES = {n: f"Disability measure {n} improved" for n in NUMBERS}

STANDARD = """
name = "Workforce Disability Equality Standard"
acronym = "WDES"
long_name = "NHS Workforce Disability Equality Standard"
template_name = "Disability good practice return"

[items]
noun = "metric"
plural = "metrics"
file = "metrics.toml"
numbers = ["1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9", "10"]
role = "metrics"

[items.words]
one = "1"
ten = "10"

[title]
none = "{acronym} return"
one = "{acronym} {Noun} {number}"
many = "{acronym} {Plural} {numbers}"
and = " & "
objective = "{Noun} {number} ({acronym}): {question}"

[[section]]
id = "aim"
heading = "The {acronym} aim"
uses = ["metrics"]
show = "questions"

[[section]]
id = "actions"
heading = "Actions taken"
uses = ["actions"]

[[section]]
id = "results"
heading = "Results"
uses = ["metrics"]
show = "progress"

[[section]]
id = "lessons"
heading = "Lessons for others"
uses = ["lessons", "advice"]

[[theme]]
name = "Recruitment and progression"
items = ["1", "2", "3"]

[[theme]]
name = "Harassment and pressure"
items = ["4a", "4b", "5", "6"]

[[theme]]
name = "Voice and the board"
items = ["7", "8", "9", "10"]

[introduction]
url = "https://example.org/disability-standard/"
page = "How {organisation} worked on the {long_name} ({acronym}): see the [{acronym} pages]({url}), or [other returns]({others_url})."
index = "Returns on the {long_name}, by theme. More on the [{acronym} pages]({url})."
"""

TEMPLATE = """
[[question]]
id = "about"
use = "details"
label = "About you"
wordings = ["About you"]

[[question]]
id = "metrics"
use = "metrics"
label = "Which WDES metrics moved?"
wordings = ["Which WDES metrics moved in the right direction this year?"]

[[question]]
id = "actions"
use = "actions"
label = "What actions did you take for disabled colleagues?"
wordings = ["What actions did you take for disabled colleagues?"]

[[question]]
id = "lessons"
use = "lessons"
label = "What would you tell another employer?"
wordings = ["What would you tell another employer?"]

[[question]]
id = "advice"
use = "advice"
label = "Any other advice?"
wordings = ["Any other advice for employers starting out?"]

[[question]]
id = "budget"
use = "unpublished"
label = "What did the work cost?"
wordings = ["What did the work cost, roughly?"]

[[field]]
id = "organisation"
labels = ["Employer"]

[[field]]
id = "name"
labels = ["Your name"]

[[field]]
id = "contact"
labels = ["Email"]

[boilerplate]
phrases = ["Disability good practice return"]

[boilerplate.patterns]
lines = ['^page \\d+$']

[empty]
placeholders = ["Type here"]
answers = ["n/a"]

[subheadings]
known = []

[signature]
sign_offs = ["Regards"]
"""

RETURN = """Disability good practice return

About you
Employer: Northshire Community Health Services
Your name: Pat Example
Email: pat.example@example.org

Which WDES metrics moved in the right direction this year?

Metric 4a: Fewer disabled staff reported harassment from patients, down from 31% to 24%.

Metric 10: Two disabled colleagues now sit on the board, up from none.

What actions did you take for disabled colleagues?

We set up a disabled staff network with protected time, and trained every manager in reasonable adjustments.

What would you tell another employer?

Start with the network and let it set the priorities.

Any other advice for employers starting out?

Publish the figures every quarter.

What did the work cost, roughly?

About twelve thousand pounds.
"""


def write_pack(folder: Path, template: str = TEMPLATE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "standard.toml").write_text(STANDARD, encoding="utf-8")
    (folder / "template.toml").write_text(template, encoding="utf-8")
    metrics = "".join(
        f'[[metric]]\nnumber = "{n}"\nquestion = "{QUESTIONS[n]}"\ntitle = "{TITLES[n]}"\n\n' for n in NUMBERS
    )
    (folder / "metrics.toml").write_text(metrics, encoding="utf-8")
    return folder


@pytest.fixture
def wdes(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "wdes")


def test_a_second_pack_converts_a_return_made_for_it(wdes: Path, tmp_path: Path) -> None:
    site = load_site(cwd=tmp_path, overrides={"standard": str(wdes)})
    standard = site.load_standard()
    assert standard is Standard.load(wdes) and site.standard_url == "https://example.org/disability-standard/"
    data = RETURN.encode()
    cs = build_case_study(
        read_document(data, "r.txt", "text"), source_for(data, "r.txt", "text"), standard=standard
    )

    assert cs.title == "WDES Metrics 4a & 10"
    assert [i.number for i in cs.indicators] == ["4a", "10"]
    assert cs.subtitle == "Disability measure 4a improved; Disability measure 10 improved"
    assert cs.organisation == "Northshire Community Health Services"
    assert [(s.id, s.heading) for s in cs.sections] == [
        ("aim", "The WDES aim"),
        ("actions", "Actions taken"),
        ("results", "Results"),
        ("lessons", "Lessons for others"),
    ]
    text = {s.id: " ".join(b.text for b in s.blocks) for s in cs.sections}
    assert text["aim"] == f"Metric 4a (WDES): {QUESTIONS['4a']} Metric 10 (WDES): {QUESTIONS['10']}"
    assert "31% to 24%" in text["results"] and "sit on the board" in text["results"]
    assert (
        text["lessons"]
        == "Start with the network and let it set the priorities. Publish the figures every quarter."
    )
    assert [u.label for u in cs.unpublished] == ["What did the work cost?"]
    assert cs.warnings == ()

    html = render_page(cs, "html", site)
    md = render_page(cs, "md", site)
    for page in (html, md):
        assert "Workforce Disability Equality Standard case study" in page or "WDES Metrics 4a" in page
        assert "https://example.org/disability-standard/" in page
        assert "Pat Example" not in page
        # Nothing of the WRES: not its name, its indicators, its headings or its web site (the
        # generator's name, wres-convert, and the site's own links are the site's, not the standard's;
        # "indicators:" in the front matter is a key of the data, as in the JSON contract).
        shown = page.replace("\nindicators:", "\n")
        assert not re.search(r"\bWRES\b|Race Equality|[Ii]ndicator|equality-standard|What they did", shown), (
            page
        )
    assert '<h2 id="results-heading">Results</h2>' in html
    assert "How Northshire Community Health Services worked on the NHS Workforce Disability Equality" in md

    entries = [
        {
            "organisation": cs.organisation,
            "title": cs.title,
            "indicators": ["4a", "10"],
            "outputs": ["a.html"],
        }
    ]
    assert [g.theme for g in group_entries(entries, standard)] == [
        "Harassment and pressure",
        "Voice and the board",
    ]
    index = render_index(entries, "md", site)
    assert "# WDES case studies" in index and not re.search(r"\bWRES\b|[Ii]ndicator|Race", index)


def test_a_pack_named_in_the_site_file_is_found_from_that_files_folder(wdes: Path, tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text('standard = "wdes"\n', encoding="utf-8")  # a name, not a folder
    with pytest.raises(ConversionError, match="no standard pack named 'wdes'"):
        load_site(tmp_path / "site.toml", cwd=tmp_path)
    (tmp_path / "site.toml").write_text('standard = "./wdes"\n[titles]\n4b = "Part b"\n', encoding="utf-8")
    site = load_site(tmp_path / "site.toml", cwd=tmp_path / "elsewhere")
    assert site.standard == str(wdes.resolve()) and site.title_overrides() == {"4b": "Part b"}


def test_the_wres_is_the_default_pack() -> None:
    wres = Standard.load()
    assert wres is Standard.load("wres") and wres.title_for([5, 6]) == "WRES Indicators 5 and 6"
    assert [n for n in wres.items] == list(range(1, 10))
    assert wres.grammar.numbers_in("5, six and 8") == [5, 6, 8]


def test_an_answer_with_nowhere_to_go_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "typo", TEMPLATE.replace('use = "actions"', 'use = "action"'))
    with pytest.raises(ConversionError) as caught:
        Standard.load(pack)
    error = caught.value
    assert error.code == "bad-standard" and "\n" not in error.line()
    assert "question 'actions' has use 'action', which is no role of the standard" in error.message
    assert str(pack / "template.toml") in error.message


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ('items = ["1", "2", "3"]', 'items = ["1", "2", "33"]'),
            "theme 'Recruitment and progression' names item '33'",
        ),
        (
            ('uses = ["lessons", "advice"]', 'uses = ["lessons", "advice", "tips"]'),
            "no question has use 'tips'",
        ),
        (('show = "progress"', 'show = "figures"'), "show must be one of"),
        (('one = "{acronym} {Noun} {number}"', 'one = "{acronym} {Nuon} {number}"'), "uses {Nuon}"),
        (("({others_url})", "({elsewhere})"), "a link goes to {url} or {others_url}"),
        (('acronym = "WDES"', 'acronym = "WDES"\ncolour = "blue"'), "unknown key 'colour'"),
    ],
)
def test_a_broken_pack_is_one_clear_error(tmp_path: Path, change: tuple[str, str], said: str) -> None:
    pack = write_pack(tmp_path / "broken")
    text = (pack / "standard.toml").read_text(encoding="utf-8")
    assert change[0] in text
    (pack / "standard.toml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ConversionError, match=re.escape(said)):
        Standard.load(pack)


def test_json_of_a_second_pack_keeps_its_numbers_as_written(wdes: Path) -> None:
    from wres_convert.writers.jsonout import case_study_dict

    data = RETURN.encode()
    standard = Standard.load(wdes)
    cs = build_case_study(
        read_document(data, "r.txt", "text"), source_for(data, "r.txt", "text"), standard=standard
    )
    doc = json.loads(json.dumps(case_study_dict(cs)))
    assert [i["number"] for i in doc["indicators"]] == ["4a", "10"] and doc["title"] == "WDES Metrics 4a & 10"
    assert [s["heading"] for s in doc["sections"]] == [
        "The WDES aim",
        "Actions taken",
        "Results",
        "Lessons for others",
    ]


def test_the_standard_flag_and_setting_convert_a_second_pack_end_to_end(wdes: Path, tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "northshire.txt").write_text(RETURN, encoding="utf-8")
    r = run_cli("inbox", "--standard", str(wdes), "-f", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["title"] == "WDES Metrics 4a & 10"
    assert [s["heading"] for s in doc["sections"]][:2] == ["The WDES aim", "Actions taken"]
    # The same through the site file, for a whole inbox with its index, and for check.
    (tmp_path / "wres-convert.toml").write_text(f'standard = "{wdes}"\n', encoding="utf-8")
    r = run_cli("inbox", "-o", "site/", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "WDES case studies" in index and "WRES" not in index.replace("wres-convert", "")
    report = run_cli("check", "inbox/northshire.txt", "-f", "json", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["indicators"] == ["4a", "10"]
    # And a name that is no pack is one line, before any work.
    bad = run_cli("inbox", "--standard", "nosuch", "-o", "-", "-f", "json", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stdout == b""
    assert len(bad.stderr.decode().splitlines()) == 1 and "nosuch" in bad.stderr.decode()


def test_the_api_converts_for_a_named_pack(wdes: Path) -> None:
    import wres_convert

    case = wres_convert.convert(RETURN.encode(), format="text", standard=wdes)
    assert case.title == "WDES Metrics 4a & 10"
    assert "WDES Metrics 4a" in wres_convert.render(case, "html")
