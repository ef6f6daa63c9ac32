"""Returned templates filled in as Word forms: content controls, Word-numbered questions, merged
question/answer tables and restarted lists (fixtures from tests/fixtures/make_docx_fixtures.py).

Reader tests assert exact blocks; the end-to-end tests only cover what needs no knowledge of
control tags in the mapper (numbered questions, merged tables)."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from types import ModuleType

from helpers import FIXTURES
from wres_convert.model import Block, Cell, Control, Document, ListItem, Paragraph, Span, Table
from wres_convert.readers.docx import read
from wres_convert.readers.docx.controls import ControlInfo, wrap
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.markdown import blocks_md

DOCX = FIXTURES / "docx"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docx_fixtures", FIXTURES / "make_docx_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


X = _script()  # the fixture script's XML helpers, so synthetic bodies read like the fixtures


def fixture(name: str) -> Document:
    return read((DOCX / f"{name}.docx").read_bytes())


def read_body(xml: str, numbering: str = "") -> Document:
    """A document whose body (and numbering definitions) are exactly ``xml`` (and ``numbering``)."""
    with zipfile.ZipFile(DOCX / "exact_text.docx") as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = f"<w:document {X.DECLS}><w:body>{xml}</w:body></w:document>".encode()
    if numbering:
        parts["word/numbering.xml"] = f"<w:numbering {X.DECLS}>{numbering}</w:numbering>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return read(out.getvalue())


def p(text: str, bold: bool = False) -> Paragraph:
    return Paragraph((Span(text, bold),))


def li(text: str, level: int = 0, ordered: bool = False, restart: bool = False) -> ListItem:
    return ListItem((Span(text),), level, ordered, restart)


def c(*blocks: Block, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(tuple(blocks), colspan, rowspan)


ORG = "Ashbourne and District Community Health NHS Trust"
INDICATOR_4 = (
    "Indicator 4: What is the relative likelihood of staff accessing non-mandatory training and "
    "continuous professional development (CPD)?"
)
INDICATOR_5 = (
    "Indicator 5: In the last 12 months have you personally experienced harassment, bullying or abuse "
    "at work from patients, service users, their relatives or other members of the public?"
)
Q_INDICATORS = (
    "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
)
Q_INITIATIVE = "Please describe your WRES initiative, its aims and any outcomes so far."
Q_CHALLENGES = "What challenges or barriers have you had to overcome to achieve this progress?"
Q_LEARNING = "Top tips: What learning could other organisations take from your example above?"

INDICATORS_ANSWER = Control(
    (
        p(INDICATOR_4, bold=True),
        p("In 2021 White staff were 1.48 times more likely to access CPD; in 2023 the figure was 1.02."),
    ),
    tag="indicators",
    title="WRES indicators",
)
INITIATIVE_ANSWER = Control(
    (
        p("Our workforce data showed BME staff were less likely to be put forward for courses."),
        p("The main changes were:"),
        li("A single CPD application route considered by a monthly panel."),
        li("Ring-fenced funding for staff without recent development."),
        p("Actual or intended outcomes", bold=True),  # a bold sub-heading stays a paragraph here
        p("BME staff starting accredited courses rose from 23 to 71."),
    ),
    tag="initiative",
    title="Initiative",
)
CHALLENGES_UNANSWERED = Control((), tag="challenges", title="Challenges", placeholder=True)
# The answer sat in an unnamed control inside the named one: one Control, the inner one unwrapped.
LEARNING_ANSWER = Control(
    (p("Look at who is getting development, not just who asks for it."),), tag="learning"
)


# Content controls


def test_form_controls_become_named_control_blocks() -> None:
    doc = fixture("form_controls")
    assert doc.blocks == (
        p("Sharing good practice: case studies", bold=True),
        p("Your details", bold=True),
        # An inline control beside its label: its text joins the paragraph, no Control.
        Paragraph((Span("Organisation name: ", bold=True), Span(ORG))),
        Table(
            (
                (
                    c(p("Your name and job title:", bold=True)),
                    # w:tc inside the w:sdt
                    c(
                        Control(
                            (p("Grace Mensah, Learning and Development Lead"),),
                            tag="name_and_title",
                            title="Your name",
                        )
                    ),
                ),
                (
                    c(p("Contact details:", bold=True)),
                    # the w:sdt inside the w:tc, around its paragraph
                    c(Control((p("grace.mensah@example.nhs.uk 01632 960245"),), tag="contact")),
                ),
            )
        ),
        p(Q_INDICATORS, bold=True),
        INDICATORS_ANSWER,
        p(Q_INITIATIVE, bold=True),
        INITIATIVE_ANSWER,
        p(Q_CHALLENGES, bold=True),
        CHALLENGES_UNANSWERED,  # the prompt is never content; the question's tag is kept
        p(Q_LEARNING, bold=True),
        LEARNING_ANSWER,
    )
    assert doc.warnings == ()
    assert "Click or tap" not in repr(doc)


def test_form_without_question_text_keeps_the_tags_as_the_only_evidence() -> None:
    doc = fixture("form_controls_untitled")
    assert doc.blocks == (
        p("Sharing good practice: case studies", bold=True),
        # A paragraph holding nothing but one inline control is read as that control.
        Control((p(ORG),), tag="organisation", title="Organisation name"),
        Control((p("Grace Mensah, Learning and Development Lead"),), tag="name_and_title"),
        INDICATORS_ANSWER,
        INITIATIVE_ANSWER,
        # Nested in a "section-3" control: the innermost names win, as one Control.
        CHALLENGES_UNANSWERED,
        LEARNING_ANSWER,
        Control((), tag="attachments", placeholder=True),  # an inline prompt, alone in its paragraph
    )
    assert "Click or tap" not in repr(doc)


def test_nested_controls_merge_name_by_name_innermost_first() -> None:
    inner = Control((p("x"),), tag="initiative")
    assert wrap([inner], ControlInfo("q2", "Question 2")) == [
        Control((p("x"),), tag="initiative", title="Question 2")
    ]
    assert wrap([inner, p("y")], ControlInfo("q2")) == [Control((inner, p("y")), tag="q2")]
    assert wrap([p("x")], ControlInfo()) == [p("x")]  # unnamed: adds nothing
    assert wrap([p("prompt")], ControlInfo("a", placeholder=True)) == [Control((), "a", "", True)]


def test_row_controls_wrap_each_cell_and_placeholder_cells_keep_their_name() -> None:
    row = "<w:tr>" + X.cell(X.para(X.run("Q"))) + X.cell(X.para(X.run("A"))) + "</w:tr>"
    prompt_cell = X.control(X.cell(X.para(X.prompt())), "learning", placeholder=True)
    doc = read_body(
        X.table(
            X.control(row, "item", "Repeating item")
            + "<w:tr>"
            + X.cell(X.para(X.run("Tips")))
            + prompt_cell
            + "</w:tr>"
        )
    )
    item = {"tag": "item", "title": "Repeating item"}
    assert doc.blocks == (
        Table(
            (
                (c(Control((p("Q"),), **item)), c(Control((p("A"),), **item))),
                (c(p("Tips")), c(Control((), tag="learning", placeholder=True))),
            )
        ),
    )


def test_inline_controls_beside_text_stay_text() -> None:
    doc = read_body(
        X.para(X.control(X.run("Jane"), "name") + X.run(" and ") + X.control(X.run("Sam"), "name"))
        + X.para(X.run("Date: ") + X.control(X.prompt(), "date", placeholder=True))
        + X.para(X.control(X.run("Unnamed alone")))
    )
    assert doc.blocks == (p("Jane and Sam"), p("Date:"), p("Unnamed alone"))


# Word numbering


def test_word_numbered_questions_are_one_continuing_list() -> None:
    assert fixture("numbered_questions").blocks == (
        p("Sharing good practice: case studies", bold=True),
        p("Your details", bold=True),
        Paragraph((Span("Organisation name: ", bold=True), Span("Severn Vale Ambulance Service NHS Trust"))),
        Paragraph((Span("Your name and job title: ", bold=True), Span("Tom Okafor, Inclusion Manager"))),
        ListItem((Span("What are your organisation's WRES objectives?", bold=True),), ordered=True),
        p("Reduce harassment of our staff by patients and the public."),
        ListItem((Span(Q_INDICATORS, bold=True),), ordered=True),  # same numId after answers: no restart
        p(INDICATOR_5),
        p("Reports of abuse from the public fell from 31% to 24% of BME staff."),
        ListItem((Span(Q_INITIATIVE, bold=True),), ordered=True),
        p("We introduced body-worn cameras and a zero-tolerance policy:"),
        li("Cameras for every frontline crew"),
        li("Support from a named manager after every incident"),
        ListItem((Span(Q_CHALLENGES, bold=True),), ordered=True),  # carries on past the bullets
        p("Crews worried about privacy at first."),
        ListItem((Span(Q_LEARNING, bold=True),), ordered=True),
        li("Talk to crews before buying anything", ordered=True, restart=True),  # the answer's own list
        li("Report every incident back to the person affected", ordered=True),
        # The questions' list again, right after another numbered list: a new list on the page.
        ListItem((Span("Supporting documents (please attach)", bold=True),), ordered=True, restart=True),
        p("n/a"),
    )


def test_lists_restart_where_word_numbers_anew() -> None:
    assert fixture("restart_lists").blocks == (
        p("Two numbered lists back to back:"),
        li("Alpha one", ordered=True),
        li("Alpha sub", 1, ordered=True),
        li("Alpha two", ordered=True),
        li("Alpha sub again", 1, ordered=True),  # a new parent item: a new sub-list anyway
        li("Beta one", ordered=True, restart=True),  # same abstractNum, but w:startOverride
        li("Beta two", ordered=True),
        li("Gamma one", ordered=True, restart=True),  # another abstractNum
        p("A paragraph inside the list."),
        li("Gamma two", ordered=True),  # same numId after a paragraph: the count carries on
        li("Gamma three", ordered=True),  # another num on the same abstractNum, no override
        p("Two bullet lists:"),
        li("Dot one"),
        li("Dot two"),
        li("Square one", restart=True),  # another bullet list straight after (an empty paragraph between)
        li("Square two"),  # another num on the same abstractNum
    )


def test_bullet_lists_after_a_paragraph_or_a_numbered_item_do_not_restart() -> None:
    numbering = X.BULLET + X.OTHER_BULLET + X.DECIMAL + X.num(1, 80) + X.num(2, 82) + X.num(3, 81)
    doc = read_body(
        X.para(X.run("a"), X.num_ppr(1))
        + X.para(X.run("between"))
        + X.para(X.run("b"), X.num_ppr(2))
        + X.para(X.run("c"), X.num_ppr(3))
        + X.para(X.run("d"), X.num_ppr(1)),
        numbering,
    )
    assert doc.blocks == (li("a"), p("between"), li("b"), li("c", ordered=True), li("d"))


# Merged cells


def test_question_answer_table_with_merged_cells() -> None:
    assert fixture("qa_table_merged").blocks == (
        p("Sharing good practice: case studies", bold=True),
        Table(
            (
                (c(p("Your details", bold=True), colspan=2),),
                (c(p("Organisation name:", bold=True)), c(p("Severn Vale Ambulance Service NHS Trust"))),
                (c(p("Your name and job title:", bold=True)), c(p("Tom Okafor, Inclusion Manager"))),
                (c(p(Q_INDICATORS, bold=True), colspan=2),),
                (c(p(INDICATOR_5), p("Abuse from the public fell from 31% to 24%."), colspan=2),),
                (c(p(Q_INITIATIVE, bold=True), colspan=2),),
                (c(p("We introduced body-worn cameras for every frontline crew."), colspan=2),),
                (
                    c(p(Q_CHALLENGES, bold=True)),
                    # The continuation cell held text of its own: kept, after the first cell's.
                    c(
                        p("Crews worried about privacy."),
                        p("Open meetings at every station helped."),
                        rowspan=2,
                    ),
                ),
                (c(),),  # the merged cell's column holds nothing in this row
                (c(p(Q_LEARNING, bold=True), colspan=2),),
                (c(p("Talk to crews before buying anything."), colspan=2),),
            )
        ),
    )


def test_vertical_merges_follow_the_grid_and_fully_covered_rows_drop() -> None:
    cell = X.merged_cell
    rows = [
        cell(X.para(X.run("Tall")), vmerge="restart") + cell(X.para(X.run("Also tall")), vmerge="restart"),
        cell("", vmerge="") + cell("", vmerge=""),  # covered entirely: no row of its own
        cell("", vmerge="") + cell(X.para(X.run("Beside"))),
        # w:gridBefore shifts this row one column: its continuation belongs to the second column.
        '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell(X.para(X.run("Second column"))),
        cell(X.para(X.run("Stray continuation")), vmerge="") + cell(X.para(X.run("End"))),
    ]
    doc = read_body(X.table("".join(f"<w:tr>{r}</w:tr>" for r in rows)))
    assert doc.blocks == (
        Table(
            (
                (c(p("Tall"), rowspan=2), c(p("Also tall"), rowspan=1)),
                (c(p("Beside")),),
                (c(p("Second column")),),
                (c(p("Stray continuation")), c(p("End"))),  # nothing above to continue: a cell
            )
        ),
    )


# End to end: needs nothing of the mapper beyond what it did before form controls


def sections(name: str) -> tuple[str, dict[str, str]]:
    cs = convert_bytes((DOCX / f"{name}.docx").read_bytes(), f"{name}.docx")
    return cs.organisation, {s.id: blocks_md(s.blocks) for s in cs.sections}  # as the JSON has them


def test_numbered_questions_map_to_sections() -> None:
    organisation, markdown = sections("numbered_questions")
    assert organisation == "Severn Vale Ambulance Service NHS Trust"
    assert markdown == {
        "objective": "WRES " + INDICATOR_5,
        "what-they-did": (
            "We introduced body-worn cameras and a zero-tolerance policy:\n\n"
            "- Cameras for every frontline crew\n- Support from a named manager after every incident"
        ),
        "outcome": "Reports of abuse from the public fell from 31% to 24% of BME staff.",
        "challenges": "Crews worried about privacy at first.",
        "learning": "1. Talk to crews before buying anything\n2. Report every incident back to the person affected",
    }


def test_merged_question_answer_table_maps_to_sections() -> None:
    organisation, markdown = sections("qa_table_merged")
    assert organisation == "Severn Vale Ambulance Service NHS Trust"
    assert markdown == {
        "objective": "WRES " + INDICATOR_5,
        "what-they-did": "We introduced body-worn cameras for every frontline crew.",
        "outcome": "Abuse from the public fell from 31% to 24%.",
        "challenges": "Crews worried about privacy.\n\nOpen meetings at every station helped.",
        "learning": "Talk to crews before buying anything.",
    }
