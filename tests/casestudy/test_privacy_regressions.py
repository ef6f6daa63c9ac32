"""Issue 11, private details: each test names what it protects.

The submitter ("Jane Smith", jane.smith@nhs.net, 07700 900123) must never be published however her
details are written, split or hidden; warnings never repeat anyone's details; and every detector
runs in linear time on hostile input.
"""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest

from helpers import FIXTURES, SAMPLES, run_cli
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.casestudy.contact import Contact, contact_from_fields, parse_names
from wres_convert.casestudy.organisation import find_organisation
from wres_convert.casestudy.privacy import DETECTORS, EMAIL, PHONE, find, redact
from wres_convert.casestudy.scrub import scrub, scrub_identifiers, scrub_text
from wres_convert.model import Document, Paragraph, Span
from wres_convert.readers import docx as docx_reader
from wres_convert.run.convert import convert_bytes, render

PRIVACY = FIXTURES / "privacy"
JANE = Contact(
    name="Jane Smith", emails=("jane.smith@nhs.net",), phones=("07700 900123",), names=("Jane Smith",)
)
LEAKS = ("Jane", "Smith", "SMITH", "jane.smith", "07700", "900123")


def _submission(name_line: str, answer: str, *, contact: str = "jane.smith@nhs.net Tel: 07700 900123") -> str:
    return (
        "Your details\n"
        "Organisation name: Northmoor and Dales NHS Foundation Trust\n"
        f"Your name and job title: {name_line}\n"
        f"Contact details: {contact}\n\n"
        "Which WRES indicators has your organisation improved on?\n\n"
        "Indicator 2: The gap narrowed from 1.6 to 1.3.\n\n"
        "Please describe your WRES initiative, its aims and any outcomes so far.\n\n"
        f"{answer}\n\n"
        "What challenges or barriers have you had to overcome to achieve this progress?\n\n"
        "Finding time.\n\n"
        "Top tips: What learning could other organisations take from your example above?\n\n"
        "Share the data.\n"
    )


def _published(text: str) -> str:
    """Everything published or reported for a text return: JSON (sections, unpublished, labels,
    warnings), the HTML page and the Markdown page."""
    cs = convert_bytes(text.encode(), "return.txt")
    return "\n".join(render(cs, fmt) for fmt in ("json", "html", "md"))


# 1. The name however it is written


@pytest.mark.parametrize(
    "written",
    ["Smith, Jane", "SMITH Jane", "J. Smith", "Jane Smith", "Dr Smith", "J.A. Smith", "jane smith"],
)
def test_the_submitters_name_is_removed_in_every_written_form(written: str) -> None:
    out = _published(_submission("Jane Smith, Head of EDI", f"The work was led by {written} in 2023."))
    assert "led by" in out
    for leak in ("Jane", "Smith", "SMITH", "J. Smith", "jane smith"):
        assert leak not in out, (written, leak)


@pytest.mark.parametrize("field", ["Siobhan O'Brien", "Siobhan O’Brien"])
@pytest.mark.parametrize(
    "written",
    ["Siobhan O'Brien", "Siobhan O’Brien", "Ms O'Brien", "S. O’Brien", "O'Brien, Siobhan", "SIOBHAN O'BRIEN"],
)
def test_a_name_with_an_apostrophe_is_removed_written_either_way(field: str, written: str) -> None:
    # Straight or curly, in the field or the answer: the surname's apostrophe matches either
    # (the pattern once rewrote its own class for the curly one and matched neither).
    out = _published(_submission(f"{field}, Head of EDI", f"The work was led by {written} in 2023."))
    assert "led by" in out
    for leak in ("Brien", "BRIEN"):
        assert leak not in out, (field, written)


@pytest.mark.parametrize("field", ["Siobhan O‘Brien", "Siobhan O`Brien"])
@pytest.mark.parametrize("written", ["Siobhan O‘Brien", "Siobhan OBrien", "Ms O`Brien", "Siobhan Oʼbrien"])
def test_a_name_with_any_apostrophe_or_none_is_removed(field: str, written: str) -> None:
    out = _published(_submission(f"{field}, Head of EDI", f"The work was led by {written} in 2023."))
    assert "led by" in out
    assert "brien" not in out.lower(), (field, written)


@pytest.mark.parametrize("written", ["s.o’brien@nhs.net", "S.O‘BRIEN@NHS.NET", "s.o’brien"])
def test_an_address_typed_with_a_curly_apostrophe_is_the_submitters(written: str) -> None:
    # Word's smart quotes turn the apostrophe of an address typed in an answer.
    out = _published(
        _submission("Siobhan Byrne", f"Write to {written} for the slides.", contact="s.o'brien@nhs.net")
    )
    assert "Write to" in out
    assert "brien" not in out.lower(), written


@pytest.mark.parametrize(
    "written",
    [
        "Zelda Quimby Ortiz",
        "Zelda Quimby–Ortiz",
        "Zelda Quimby - Ortiz",
        "Zelda Quimby-ortiz",
        "Ms Quimby-Ortiz",
    ],
)
def test_a_double_barrelled_name_is_removed_however_its_parts_are_joined(written: str) -> None:
    out = _published(
        _submission("Zelda Quimby-Ortiz, Head of EDI", f"The work was led by {written} in 2023.")
    )
    assert "led by" in out
    assert "quimby" not in out.lower() and "ortiz" not in out.lower(), written


@pytest.mark.parametrize("field_form", ["NFC", "NFD"])
@pytest.mark.parametrize("written_form", ["NFC", "NFD"])
def test_accents_composed_or_not_are_the_same_name_and_address(field_form: str, written_form: str) -> None:
    # A Mac's file names and some PDFs decompose accents: "e" and a combining diaeresis for "ë".
    field = unicodedata.normalize(field_form, "Zoë Hart, Head of EDI")
    answer = unicodedata.normalize(written_form, "Led by Zoë Hart; mail zoë.hart@nhs.net for the slides.")
    out = _published(
        _submission(field, answer, contact=unicodedata.normalize(field_form, "zoë.hart@nhs.net"))
    )
    assert "Led by" in out
    assert "hart" not in unicodedata.normalize("NFC", out).lower(), (field_form, written_form)


@pytest.mark.parametrize(
    ("field", "answer", "leaks"),
    [
        ("Ngozi d'Souza, Head of EDI", "Led by Ngozi d'Souza and Ms d'Souza.", ["Souza"]),
        ("Ana dos Santos, EDI Lead", "Led by Ana dos Santos.", ["Santos"]),
        ("Omar al-Hassan, EDI Lead", "Led by Omar al-Hassan, then Mr Al Hassan.", ["Hassan"]),
        ("Rhys ap Gruffydd, EDI Lead", "Led by Rhys ap Gruffydd.", ["Gruffydd"]),
        ("Jane Smith MCIPD, Head of EDI", "Led by Jane Smith.", ["Smith"]),
        ("Jane Smith RGN MSc", "Led by Jane Smith and Ms Smith.", ["Smith"]),
        ("J. Smith, Head of EDI", "Led by Ms Smith and J. Smith.", ["Smith"]),
        ("محمد علي, Head of EDI", "Led by محمد علي.", ["محمد"]),
    ],
)
def test_names_with_particles_letters_after_or_initials_are_read_from_the_field(
    field: str, answer: str, leaks: list[str]
) -> None:
    # Each was read as no name, or as the wrong one ("J. Smith" as a surname "J." in capitals).
    out = _published(_submission(field, answer))
    assert "Led by" in out
    for leak in leaks:
        assert leak not in out, (field, leak)


@pytest.mark.parametrize(
    ("field", "answer"),
    [
        ("Will Field-Long, Head of EDI", "Staff will field long questions."),
        ("Dr Hall-Green, Head of EDI", "Clinics at Hall Green Health Centre opened."),
        ("Mrs Smith-Jones, Head of EDI", "We asked Smith Jones Solicitors."),
        ("Ahmed Sa'id, Head of EDI", "As the chair said, Ahmed joined."),
        ("Dr Sa'id, Head of EDI", "Said the panel: yes."),
    ],
)
def test_names_that_are_also_words_leave_the_words_alone(field: str, answer: str) -> None:
    # A double-barrelled name's parts spaced, or a name without its apostrophe, are the
    # submitter only with the forename or a title there too, and only before a capital.
    assert answer.rstrip(".") in _published(_submission(field, answer))


@pytest.mark.parametrize(
    ("field", "answer", "leak"),
    [
        ("Jane Ben Ali, Head of EDI", "Jane Ali led; Dr Ali presented.", "Ali"),
        ("Jane Ben Ali, Head of EDI", "Mr Ben Ali and J. Ben Ali led; so did Ben Ali, Jane.", "Ali"),
        ("Jane Smith do not publish", "Jane Smith led the work.", "Smith"),
        ("Maria do Carmo, Head of EDI", "Led by Maria do Carmo and Dr do Carmo.", "Carmo"),
        ("Yosef ben David, Head of EDI", "Led by Yosef ben David.", "David"),
        ("Zelda Quimby-Ortiz, Head of EDI", "Led by Mr Quimby Ortiz.", "Ortiz"),
        ("Ann O'Brien-Quimby, Head of EDI", "Led by A. O'Brien Quimby and Ann O'Brien_Quimby.", "Quimby"),
        ("Siobhan O'brien, Head of EDI", "Led by Siobhan OBrien and S. OBrien.", "Brien"),
        ("Omar Sa'id, Head of EDI", "Led by Omar Said.", "Said"),
        ("Ana de la Cruz, Head of EDI", "Led by Dr Cruz and Ms de la Cruz.", "Cruz"),
    ],
)
def test_a_forename_or_a_word_after_the_name_is_no_particle(field: str, answer: str, leak: str) -> None:
    assert leak not in _published(_submission(field, answer))


def test_a_run_of_apostrophes_in_a_name_cannot_make_the_search_backtrack() -> None:
    # Each optional apostrophe once doubled the ways to match: 30 took minutes.
    field = "Ann O" + "'" * 30 + "Brien, Head of EDI"
    answer = "Ann O" + "’" * 30 + "Brien " + ("O" + "'" * 30 + "Brie ") * 3000
    spent = _timed(_published, _submission(field, answer))
    assert spent < 5.0


def test_dates_and_series_parted_by_dashes_are_no_telephone_numbers() -> None:
    answer = "The period 01.04.19 – 31.3.20 gave scores of 08 – 12 – 14 – 16 – 19."
    assert redact((Paragraph((Span(answer),)),))[0].text == answer  # --redact keeps them
    out = _published(_submission("Jane Smith", answer, contact="jane.smith@nhs.net, 01.04.19 – 31.3.20"))
    assert "01.04.19 – 31.3.20" in out and "08 – 12 – 14" in out


def test_a_name_field_written_surname_first_still_finds_forename_surname_in_answers() -> None:
    out = _published(_submission("Smith, Jane", "Jane Smith and J. Smith led it."))
    assert "Jane" not in out and "Smith" not in out


@pytest.mark.parametrize(
    "field",
    [
        "Jane Smith and Raj Patel",
        "Jane Smith / Raj Patel",
        "Jane Smith & Raj Patel",
        "Jane Smith and Raj Patel, EDI Leads",
    ],
)
def test_a_name_field_holding_two_people_removes_both(field: str) -> None:
    out = _published(_submission(field, "Raj Patel and Jane Smith ran the panels; Mr Patel chaired."))
    assert "Patel" not in out and "Smith" not in out and "ran the panels" in out


@pytest.mark.parametrize(
    "field", ["Head of EDI, Jane Smith", "Head of EDI - Jane Smith", "Head of EDI Jane Smith"]
)
def test_a_job_title_written_before_the_name_still_finds_the_name(field: str) -> None:
    names, title = parse_names(field)
    assert names == ["Jane Smith"] and title == "Head of EDI"
    out = _published(_submission(field, "Jane Smith led it."))
    assert "Jane Smith" not in out


def test_a_phone_written_with_a_slash_is_the_submitters_phone() -> None:
    out = _published(
        _submission("Jane Smith", "Call 07700/900123 or 07700-900-123.", contact="Tel: 07700/900123")
    )
    assert "900" not in out


@pytest.mark.parametrize(
    ("field", "answer"),
    [
        ("Tel: 07700 900123", "Call 07700 – 900123 or 07700‑900123."),  # Word's en dash, non-breaking hyphen
        ("Tel: 07700–900123", "Call 07700 900123."),
        ("Tel: 0044 7700 900123", "Call 07700 900123 or +44 7700 900123."),
        ("Tel: +44 (0)7700 900123", "Call 07700—900123."),
        ("Tel: +44 (0)20-7946-0000", "Call +44 (0)20-7946-0000."),  # pairs and dashes, yet a number
        ("Tel: 07700-90-01-23", "Call 07700-90-01-23."),
    ],
)
def test_a_phone_written_with_dashes_or_a_country_code_is_the_submitters_phone(
    field: str, answer: str
) -> None:
    out = _published(_submission("Jane Smith", answer, contact=field))
    assert "900" not in out and "Call" in out


def test_a_name_split_over_formatting_is_removed_whole() -> None:
    """<b>Jane</b> Smith and **jane.smith**@nhs.net: scrubbing used to work span by span."""
    inlines = (
        Span("Led by "),
        Span("Jane", bold=True),
        Span(" Smith. Mail "),
        Span("jane.smith", bold=True),
        Span("@nhs.net"),
    )
    (out,), changed = scrub((Paragraph(inlines),), JANE)
    assert changed
    assert "Jane" not in out.text and "jane.smith" not in out.text and "nhs.net" not in out.text
    assert out.text.startswith("Led by [contact details removed]")


@pytest.mark.parametrize(
    "written", ["Ja\u200bne Smith", "Jane\u200bSmith", "Jane Smi\u00adth", "jane\u200b.smith@nhs.net"]
)
def test_invisible_characters_inside_the_details_do_not_hide_them_from_the_answers(written: str) -> None:
    # The first search over all of a case study's text skips them as each paragraph's search does.
    out = _published(_submission("Jane Smith, Head of EDI", f"The work was led by {written} in 2023."))
    assert "led by" in out
    for leak in ("Smi", "jane", "Jane"):
        assert leak not in out, (written, leak)


def test_markdown_emphasis_inside_an_address_does_not_hide_it() -> None:
    assert scrub_text("write to **jane.smith**@nhs.net", JANE) == "write to [contact details removed]"


def test_the_name_split_over_word_runs_never_reaches_the_page() -> None:
    data = (PRIVACY / "contact_everywhere.docx").read_bytes()
    cs = convert_bytes(data, "contact_everywhere.docx")
    out = "\n".join(render(cs, fmt) for fmt in ("json", "html", "md"))
    for leak in (*LEAKS, "J. Smith"):
        assert leak not in out, leak
    assert "Freedom to Speak Up Guardian" in out  # a role is content, not personal data
    assert "Head of EDI" in out  # job-title words stay in answers; only the name goes


def test_the_organisation_never_carries_the_submitters_name() -> None:
    text = _submission("Jane Smith", "We did it.").replace(
        "Organisation name: Northmoor and Dales NHS Foundation Trust",
        "Organisation name: Northmoor and Dales NHS Foundation Trust - Jane Smith (07700 900123)",
    )
    cs = convert_bytes(text.encode(), "return.txt")
    assert cs.organisation == "Northmoor and Dales NHS Foundation Trust"
    assert "jane" not in cs.slug and "Smith" not in cs.title + cs.subtitle


# 2. Labels and warnings


def test_a_question_like_line_with_contact_details_is_scrubbed_in_its_label_and_warning() -> None:
    answer = (
        "Finding time.\n\nCould you contact Jane Smith on 07700 900123 or raj.patel@nhs.net for your copy?"
        "\n\nYes, it is attached."
    )
    text = _submission("Jane Smith", "We did it.").replace("Finding time.", answer)
    cs = convert_bytes(text.encode(), "return.txt")
    out = render(cs, "json")
    data = json.loads(out)
    labels = [u["label"] for u in data["unpublished"]]
    assert any("Could you contact" in label for label in labels), labels
    assert any(w["code"] == "unrecognised-question" for w in data["warnings"])
    for leak in ("Jane", "Smith", "07700", "raj.patel"):
        assert leak not in out, leak
    # The review report quotes the mapping: cleaned too.
    assert all("Smith" not in a.match.text and "Smith" not in a.question.label for a in cs.mapping.answers)


def test_warnings_never_repeat_anyones_email_phone_or_the_submitters_name() -> None:
    """Readers' and the mapper's warnings may quote submission text; all pass through one filter."""
    from wres_convert.model import Message

    doc = Document(
        (
            Paragraph((Span("Please describe your WRES initiative, its aims and any outcomes so far."),)),
            Paragraph((Span("Jane did it."),)),
        ),
        "text",
        (Message("odd", "a line said 'Jane Smith, raj@x.org, 0113 496 0412, 943 476 5919'"),),
    )
    cs = build_case_study(doc, source_for(b"", "x.txt", "text"))
    message = next(w.message for w in cs.warnings if w.code == "odd")
    assert "raj@x.org" not in message and "0113" not in message and "943 476 5919" not in message


def test_an_organisation_guessed_from_the_answers_is_quoted_without_contact_details() -> None:
    name, problem = find_organisation({}, (), (Paragraph((Span("Fenland Valley NHS Trust"),)),))
    assert problem is not None and name == "Fenland Valley NHS Trust"


# 3. Hidden text in Word


def test_hidden_word_text_never_reaches_any_output() -> None:
    data = (PRIVACY / "hidden_text.docx").read_bytes()
    doc = docx_reader.read(data)
    text = "\n".join(b.text for b in doc.blocks)
    assert "HIDDEN" not in text
    assert "Visible start. Visible end." in text and "Styled: shown." in text
    assert "Unhidden in a hidden style." in text  # w:vanish w:val="0" beats the paragraph style
    cs = convert_bytes(data, "hidden_text.docx")
    assert "HIDDEN" not in "\n".join(render(cs, fmt) for fmt in ("json", "html", "md"))


def test_the_docx_reader_records_that_hidden_text_was_skipped_without_quoting_it() -> None:
    from wres_convert.readers.docx.inline import HIDDEN_TEXT, Format, InlineReader
    from wres_convert.readers.docx.package import Package, w
    from wres_convert.readers.docx.styles import Styles

    package = Package((PRIVACY / "hidden_text.docx").read_bytes())
    reader = InlineReader(Styles(package.xml("word/styles.xml")), package.rels)
    for p in package.document.iter(w("p")):
        reader.read(p, Format())
    assert reader.skipped_hidden  # docx.py adds HIDDEN_TEXT to the document's warnings then
    assert "HIDDEN" not in HIDDEN_TEXT.message


# 4. Job titles


def test_the_job_title_field_is_never_published_but_role_words_in_answers_stay() -> None:
    out = _published(
        _submission(
            "Jane Smith, Freedom to Speak Up Guardian",
            "Our Freedom to Speak Up Guardian, Jane Smith, led it.",
        )
    )
    assert "Our Freedom to Speak Up Guardian, [contact details removed], led it." in out.replace(
        "\\[", "["
    ).replace("\\]", "]")
    cs = convert_bytes(_submission("Jane Smith, Head of EDI", "x y z.").encode(), "r.txt")
    assert cs.contact.job_title == "Head of EDI"
    assert "Head of EDI" not in render(cs, "json")  # the field itself: only with --include-contact


# 5. Linear time, one rule


ADVERSARIAL = {
    "apostrophes": "'" * 1_000_000,
    "dots": "." * 1_000_000,
    "a.a.a": "a." * 500_000,
    "a@a@a": "a@" * 500_000,
    "at then domain": "x@" + "a-" * 500_000,
    "zeros and spaces": "0 " * 500_000,
    "digits and separators": "0-1/2.3 " * 125_000,
    "long word": "a" * 1_000_000,
    "title case": "Aaa " * 250_000,
    "spaces then name": "Jane" + " " * 1_000_000,
    "name words": "Jane Jane Smith, " * 60_000,
    "initials": "J. " * 330_000,
    "underscores": "_" * 1_000_000 + "x",
    "plus signs": "+44 " * 250_000,
    "names run together": "JaneSmithjsmith_jane.smith " * 40_000,
    "changes of case": "aB" * 500_000,
}


def _timed(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_detector_is_linear_on_a_megabyte_of_hostile_text(name: str) -> None:
    text = ADVERSARIAL[name]
    spent = {
        "detectors": _timed(lambda t: [list(d.finditer(t)) for d in DETECTORS], text),
        "find": _timed(find, (Paragraph((Span(text),)),), "x"),
        "redact": _timed(redact, (Paragraph((Span(text),)),)),
        "contact scrub": _timed(scrub_text, text, JANE),
        "identifiers": _timed(scrub_identifiers, text, JANE),
        "fields": _timed(contact_from_fields, {"name_and_title": text, "contact": text, "name": text}),
        "organisation": _timed(find_organisation, {}, (Paragraph((Span(text),)),), ()),
    }
    slow = {k: round(v, 2) for k, v in spent.items() if v > 5.0}
    assert not slow, (name, slow)


def test_contact_and_privacy_share_one_email_and_phone_rule() -> None:
    import wres_convert.casestudy.contact as contact

    assert not hasattr(contact, "EMAIL") and not hasattr(contact, "PHONE")
    assert EMAIL.pattern in {d.pattern.pattern for d in DETECTORS}
    assert PHONE.pattern in {d.pattern.pattern for d in DETECTORS}


# 6. File names


@pytest.mark.parametrize(
    "name",
    [
        "WRES case study - Jane Smith 07700 900123.docx",
        "WRES_case_study_-_Jane_Smith_07700_900123.docx",
        "WRES case study SMITH Jane 07700-900-123.docx",
        "WRES case study (Smith, Jane) jane.smith@nhs.net.docx",
        "WRES case study J. Smith 07700_900123.docx",
        "WRES case study Jane Smith 07700 – 900123.docx",
        "WRES case study Jane Smith and Raj Patel.docx",
    ],
)
def test_file_names_lose_every_form_of_the_submitters_details(name: str) -> None:
    two = Contact(
        name="Jane Smith and Raj Patel",
        names=("Jane Smith", "Raj Patel"),
        emails=JANE.emails,
        phones=JANE.phones,
    )
    kept, removed = scrub_identifiers(name, two)
    assert removed
    assert kept == "WRES case study.docx" or kept == "WRES_case_study.docx", kept


def test_file_names_lose_anyones_email_or_phone_even_without_a_contact() -> None:
    assert scrub_identifiers("return 0113 496 0412 raj@x.org.pdf", None) == ("return.pdf", True)
    assert scrub_identifiers("plain name.docx", None) == ("plain name.docx", False)


def test_hidden_word_text_left_out_is_a_warning_in_the_json_and_on_the_terminal() -> None:
    r = run_cli(str(PRIVACY / "hidden_text.docx"), "-f", "json", "-o", "-")
    assert r.returncode == 0, r.stderr
    codes = [w["code"] for w in json.loads(r.stdout)["warnings"]]
    assert codes.count("hidden-text") == 1
    assert "hidden_text.docx: warning: text formatted as hidden in Word was left out" in r.stderr.decode()


# 7. The name run together, and the e-mail's local part alone

SAMPLES = SAMPLES
RUN_TOGETHER = ("janesmith", "jsmith", "smithj", "smithjane")


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("JaneSmith", ""),
        ("janesmith", ""),
        ("JANESMITH", ""),
        ("smithjane", ""),
        ("SmithJane_WRES", "WRES"),
        ("jsmith", ""),
        ("JSmith", ""),
        ("Jsmith", ""),
        ("JSMITH", ""),
        ("smithj", ""),
        ("SmithJ_WRES", "WRES"),
        ("JaneSmith_WRES", "WRES"),
        ("WRES-2024-jsmith", "WRES-2024"),
        ("WRES_JaneSmithReturn", "WRES Return"),
        ("WRESJaneSmith", "WRES"),
        ("2024janesmith", "2024"),
        ("WRES return JaneSmith", "WRES return"),
        ("inbox/janesmith/return.txt", "inbox return.txt"),
        ("jane.smith_WRES", "WRES"),
    ],
)
def test_a_name_run_together_in_a_file_or_folder_name_is_removed_in_any_case(name: str, kept: str) -> None:
    assert scrub_identifiers(name, JANE) == (kept, True)


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("ajsmithson", JANE),  # inside a longer word
        ("jsmithson", JANE),
        ("Smithfield Trust", JANE),
        ("blacksmiths", JANE),
        ("Jane", JANE),  # a forename alone is not the submitter
        ("WRES jsmith", JANE),  # one case and bounded by a space: it could be a word (below)
        # An initial glued to a surname in one case is often an English word: in prose it stays.
        (
            "Improving BME representation across pay bands",
            Contact(name="Alice Cross", names=("Alice Cross",)),
        ),
        ("Chesterfield Royal NHS Foundation Trust", Contact(name="Tom Rust", names=("Tom Rust",))),
        ("an award for wards", Contact(name="Amy Ward", names=("Amy Ward",))),
        ("jolie", Contact(name="Jo Li", names=("Jo Li",))),  # too short to run together
    ],
)
def test_a_run_together_name_is_never_found_inside_words_or_ordinary_prose(
    text: str, contact: Contact
) -> None:
    assert scrub_identifiers(text, contact) == (text, False)


def _jane_return() -> bytes:
    text = (SAMPLES / "chesterfield.txt").read_text("utf-8")
    assert "Ian Siara" in text and "ian.siara@nhs.net" in text
    return text.replace("Ian Siara", "Jane Smith").replace("ian.siara@nhs.net", "jane.smith@nhs.net").encode()


def test_run_together_names_never_reach_page_names_sources_or_the_manifest(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    paths = [
        "JaneSmith_WRES.txt",
        "SmithJ_WRES.txt",
        "janesmith.txt",
        "jsmith.txt",
        "JSmith.txt",
        "janesmith/return.txt",
        "jsmith-2024/return.txt",
    ]
    for rel in paths:
        (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
        (inbox / rel).write_bytes(_jane_return())
    for fmt in ("md", "json"):
        site = tmp_path / f"site-{fmt}"
        r = run_cli(str(inbox), "-o", str(site), "-r", "-f", fmt, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        written = sorted(p for p in site.rglob("*") if p.is_file() and p.name != ".wres-convert.lock")
        pages = [
            p for p in written if p.suffix == f".{fmt}" and p.stem not in ("index", "wres-convert-manifest")
        ]
        assert len(pages) == len(paths)
        for path in written:  # the pages, the index and the manifest: names and contents
            shown = path.relative_to(site).as_posix() + "\n" + path.read_text("utf-8")
            assert not [leak for leak in RUN_TOGETHER if leak in shown.lower()], path
            assert not [leak for leak in ("Jane", "Smith", "jane.smith") if leak in shown], path
        if fmt == "json":
            files = [json.loads(p.read_text("utf-8"))["source"]["file"] for p in pages]
            assert sorted(files) == sorted(
                [
                    "WRES.txt",
                    "WRES.txt",
                    "return.txt",
                    "return.txt",
                    "return.txt",
                    "folder/return.txt",
                    "2024/return.txt",
                ]
            ), files


@pytest.mark.parametrize(
    "written",
    [
        "jane.smith wrote it",
        "jane_smith wrote it",
        "@jane.smith wrote it",
        "JSmith wrote it",
        "janesmith wrote it",
    ],
)
def test_the_submitters_email_local_part_and_handles_are_removed_from_answers(written: str) -> None:
    out = _published(_submission("Jane Smith, Head of EDI", f"In 2023 {written}."))
    assert "wrote it" in out
    for leak in ("jane.smith", "jane_smith", "JSmith", "janesmith"):
        assert leak not in out, (written, leak)


def test_a_local_part_alone_is_removed_even_when_it_is_not_the_name() -> None:
    contact = Contact(name="Jane Smith", names=("Jane Smith",), emails=("js.edi@nhs.net", "jane@nhs.net"))
    assert scrub_text("Ask js.edi or JS.EDI, jane or Jane.", contact) == (
        "Ask [contact details removed] or [contact details removed], jane or Jane."
    )


def test_a_tagged_address_local_part_alone_is_removed_without_its_tag() -> None:
    contact = Contact(name="Jane Smith", emails=("jsmith42+wres@nhs.net",), names=("Jane Smith",))
    assert "jsmith42" not in scrub_text("Ask jsmith42 or JSMITH42+wres for the data.", contact)


def test_a_shared_mailbox_or_short_local_part_alone_stays_in_answers() -> None:
    contact = Contact(
        name="Jane Smith",
        names=("Jane Smith",),
        emails=("equality@nhs.net", "wres.team@nhs.net", "jas@nhs.net"),
    )
    text = "Equality and the wres team: jas said so."
    assert scrub_text(text, contact) == text


def test_labels_and_warnings_lose_run_together_names_and_the_local_part() -> None:
    answer = "Finding time.\n\nCould janesmith, JSmith or jane.smith send your copy?\n\nYes, it is attached."
    text = _submission("Jane Smith", "We did it.").replace("Finding time.", answer)
    cs = convert_bytes(text.encode(), "return.txt")
    out = render(cs, "json")
    data = json.loads(out)
    assert any("send your copy" in u["label"] for u in data["unpublished"])
    assert any(w["code"] == "unrecognised-question" for w in data["warnings"])
    for leak in ("janesmith", "JSmith", "jane.smith"):
        assert leak not in out, leak
    assert all(
        "janesmith" not in a.match.text and "JSmith" not in a.question.label for a in cs.mapping.answers
    )
