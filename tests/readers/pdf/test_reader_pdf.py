"""The PDF reader: one committed fixture per feature (built by fixtures/make_pdf_fixtures.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, SHARED
from wres_convert.errors import ConversionError
from wres_convert.model import Block, Heading, ListItem, Paragraph, Span, Table
from wres_convert.readers import pdf
from wres_convert.readers.pdf.blocks import _keep_hyphen

FIXTURES = FIXTURES / "pdf"
CORPUS = SHARED / "corpus"  # ../shared beside the repo


def read(name: str) -> tuple[Block, ...]:
    doc = pdf.read((FIXTURES / name).read_bytes())
    assert doc.format == "pdf"
    return doc.blocks


def shape(blocks: tuple[Block, ...]) -> list[tuple[str, ...]]:
    """Blocks as (kind, text, detail) rows: bold paragraphs, heading levels and list nesting show."""
    rows: list[tuple[str, ...]] = []
    for b in blocks:
        if isinstance(b, Heading):
            rows.append(("h", str(b.level), b.text))
        elif isinstance(b, ListItem):
            rows.append(("ol" if b.ordered else "ul", str(b.level), b.text))
        elif isinstance(b, Paragraph):
            rows.append(("bold" if all(s.bold for s in b.inlines if s.text.strip()) else "p", b.text))
        else:
            rows.append(("table", b.text))
    return rows


def test_paragraphs_headings_questions_and_hyphenation() -> None:
    assert shape(read("paragraphs.pdf")) == [
        ("h", "1", "Sharing good practice"),
        ("h", "2", "Examples of improvements"),
        (
            "bold",
            "What are your organisation's WRES objectives and how did you decide on them with your staff?",
        ),
        (
            "p",
            "We agreed our objectives with the BME staff network in 2021 after a series of listening events "
            "held on every site, and the board signed them off in the spring.",
        ),
        (
            "p",
            "We asked every team in the organisation to nominate a champion for staff well-being, and the "
            "champions met each month.",
        ),
        ("p", "Read the full report on our website."),
        ("p", "The first paragraph has no spacing after it and ends with a short line here."),
        ("p", "The second paragraph starts on the very next line at the same indentation."),
        (
            "p",
            "An indented first line opens this paragraph, and the lines after it return to the left margin, "
            "as they do in many letters and reports that are typed by hand.",
        ),
    ]


def test_spans_carry_italic_and_link() -> None:
    blocks = read("paragraphs.pdf")
    assert blocks[4].inlines[1:] == (Span("champions", italic=True), Span(" met each month."))
    assert blocks[5].inlines == (
        Span("Read the "),
        Span("full report", href="https://example.nhs.uk/report"),
        Span(" on our website."),
    )
    assert blocks[2].inlines == (Span(blocks[2].text, bold=True),)


def test_lists_nesting_markers_and_bold_subheading() -> None:
    assert shape(read("lists.pdf")) == [
        ("p", "Ambassadors:"),
        (
            "ul",
            "0",
            "take a full part in scoring, rather than observing, on every panel for a post at band 7 "
            "and above;",
        ),
        ("ul", "0", "can pause the process if they have concerns, for example:"),
        ("ul", "1", "questions not linked to the person specification;"),
        ("ul", "2", "a third level of nesting;"),
        ("ul", "1", "scores without evidence;"),
        ("ul", "0", "complete a short report after every panel."),
        ("p", "We set up the programme with three aims:"),
        ("ol", "0", "to take bias out of shortlisting;"),
        ("ol", "0", "to make recruitment more transparent; and"),
        ("ol", "1", "for candidates;"),
        ("ol", "1", "for panels;"),
        ("ol", "0", "to support BME staff to apply."),
        ("ul", "0", "A dash bullet on its own."),
        ("bold", "a) Survey return rate"),
        ("p", "We rewarded teams who gave us 100% return rates."),
    ]


def test_running_header_footer_page_numbers_dropped_and_page_breaks_joined() -> None:
    assert shape(read("furniture.pdf")) == [
        (
            "p",
            "This paragraph runs to the foot of the first page and carries on at the top of the second page "
            "without a break in the sentence, so the reader has to join it across the page break as one "
            "paragraph of text.",
        ),
        ("p", "This paragraph ends at the foot of the second page with a full stop."),
        (
            "ul",
            "0",
            "A bullet whose text is long enough to wrap and then carries on over the page break, so the "
            "reader must keep it as one list item on the next page.",
        ),
        (
            "p",
            "This paragraph fills its last line right up to the margin and ends a sentence there at the foot "
            "of the page with a full stop, as it happens.",
        ),
        ("p", "A new paragraph begins at the top of the last page."),
    ]


def test_libreoffice_export_of_word_lists() -> None:
    assert shape(read("libreoffice.pdf")) == [
        ("bold", "What did you do?"),
        (
            "p",
            "We trained 64 volunteers from across the trust to sit on interview panels for posts at band 7 "
            "and above. Ambassadors:",
        ),
        ("ul", "0", "take a full part in scoring;"),
        (
            "ul",
            "0",
            "can pause the process if they have concerns about fairness, for example when the questions "
            "are not linked to the person specification;",
        ),
        ("ul", "1", "questions that are not linked to the person specification;"),
        ("ul", "0", "complete a short report after every panel."),
        ("bold", "What did you learn?"),
        ("ol", "0", "Start with the data."),
        ("ol", "0", "Protect the time needed."),
    ]


def test_wrapped_lines_that_look_like_block_starts_continue() -> None:
    blocks = read("continuations.pdf")
    assert shape(blocks) == [
        # A bold item under a plain number, its first line ended short after "?": one item.
        (
            "ol",
            "0",
            "Which WRES indicators has your organisation improved on? Please provide details of the "
            "progress made.",
        ),
        ("p", "We met every target we set for band 8a and above."),
        (
            "ol",
            "0",
            "Please describe your WRES initiative, its aims and any outcomes so far, and who took part.",
        ),
        ("p", "Our programme began in 2021."),  # plain, after a short line: the answer, in the item's place
        ("ol", "0", "Who was helped and how?"),
        ("bold", "Reverse mentoring"),  # at the margin, not under the item's text
        (
            "ol",
            "0",
            "Development roadshows in all twenty-six of our community bases. The learning team talked to "
            "staff about courses.",
        ),
        (
            "p",
            "Every executive director was paired with a BME mentor from bands 3 to 7. Pairs met monthly for "
            "a year and agreed one change to take back to their directorate.",
        ),
        ("p", "Our three aims were"),
        ("ol", "0", "to take bias out of shortlisting for every post; and"),
        (
            "ol",
            "0",
            "to bring BME colleagues onto every interview panel for posts at bands 8a to 9. We trained every panel chair.",
        ),
        ("p", "We set up the programme with two aims:"),
        (
            "ol",
            "0",
            "to take bias out of shortlisting for every single post at band 7 and above, by removing names; and",
        ),
        ("ol", "0", "to publish our data."),
        (
            "table",
            "What did you do?\nEach of our directors had a mentor from bands 3 to 7. Pairs met monthly for a "
            "year and agreed a change.",
        ),
    ]
    assert all(s.bold for s in blocks[0].inlines)
    table = blocks[-1]
    assert isinstance(table, Table)
    assert [type(b) for b in table.rows[0][1].blocks] == [Paragraph]


@pytest.mark.parametrize(
    ("before", "after", "vocab", "keep"),
    [
        ("organis-", "ation", set(), False),
        ("recruit-", "ment", set(), False),
        ("well-", "being", set(), True),
        ("twelve-", "month", set(), True),
        ("COVID-", "19", set(), True),
        ("data-", "driven", {"datadriven"}, False),
        ("well-", "being", {"well-being", "wellbeing"}, True),
    ],
)
def test_hyphen_rule(before: str, after: str, vocab: set[str], keep: bool) -> None:
    assert _keep_hyphen(before, after, vocab) is keep


def test_same_bytes_same_document() -> None:
    data = (FIXTURES / "lists.pdf").read_bytes()
    assert pdf.read(data) == pdf.read(data)


@pytest.mark.parametrize(
    ("name", "code"), [("encrypted.pdf", "encrypted-pdf"), ("scanned.pdf", "scanned-pdf")]
)
def test_unreadable_pdfs_are_refused_with_a_reason(name: str, code: str) -> None:
    with pytest.raises(ConversionError) as info:
        read(name)
    assert info.value.code == code
    assert info.value.hint


@pytest.mark.parametrize("data", [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj garbage", b"not a pdf at all"])
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(ConversionError) as info:
        pdf.read(data)
    assert info.value.code == "corrupt-pdf"


def test_truncated_pdf_is_refused_or_read() -> None:
    data = (FIXTURES / "paragraphs.pdf").read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        try:
            pdf.read(data[:cut])
        except ConversionError as exc:
            assert exc.code in {"corrupt-pdf", "scanned-pdf"}


SEED = (FIXTURES / "furniture.pdf").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.one_of(st.just(len(SEED)), st.integers(min_value=0, max_value=len(SEED))),
    flips=st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_bytes_never_escape_as_other_errors(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEED)
    for pos, value in flips:
        data[pos] = value
    try:
        doc = pdf.read(bytes(data[:cut]))
    except ConversionError:
        return
    assert doc.format == "pdf"


def test_reader_module_imports_no_pdf_library_up_front() -> None:
    import subprocess
    import sys

    code = (
        "import sys, wres_convert.readers.pdf.layout, wres_convert.readers.pdf.blocks, wres_convert.readers.pdf;"
        "print(any(m.split('.')[0] in {'pdfplumber', 'pypdfium2', 'pdfminer'} for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# The public acceptance corpus (LibreOffice exports of the docx-a returns), when it is checked out beside
# the repository: paragraph boundaries, list items and nesting must match the plain-text version.
def _expected_rows(text: str) -> list[tuple[bool, int, str]]:
    lines = text.splitlines()
    letter = re.compile(r"^[a-z]\) ")
    rows = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        m = re.match(r"^( *)(?:- |\d+\. )(.*)$", line)
        neighbours = [lines[k] for k in (n - 1, n + 1) if 0 <= k < len(lines)]
        if m:
            rows.append((True, len(m.group(1)) // 3, m.group(2)))
        elif letter.match(line) and any(letter.match(x) for x in neighbours):
            rows.append((True, 0, line[3:]))  # a lettered Word list, not a lone "a)" sub-heading
        else:
            rows.append((False, 0, line.strip()))
    return rows


@pytest.mark.parametrize("case", ["ashbourne", "chesterfield", "northmoor", "severnvale"])
def test_corpus_pdf_a_matches_plain_text_structure(case: str) -> None:
    source = CORPUS / "pdf-a" / f"{case}.pdf"
    if not source.exists():
        pytest.skip("acceptance corpus not checked out beside the repository")
    blocks = pdf.read(source.read_bytes()).blocks
    got = [(isinstance(b, ListItem), b.level if isinstance(b, ListItem) else 0, b.text) for b in blocks]
    assert got == _expected_rows((CORPUS / "txt-plain" / f"{case}.txt").read_text(encoding="utf-8"))
    assert "Priya Raman" not in {b.text for b in blocks}  # metadata (Author) never becomes content
