"""The improved indicators named without an "Indicator N:" header: numbers in free text ("3 and 7",
"metric 3 (disciplinary)", "indicator three"), tick-box lines ("☒ Indicator 7 – …"), and tick-box
tables whatever column holds the name or the tick. Numbers in ordinary prose (counts, percentages,
years) never name an indicator."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.casestudy.indicators import mentioned, split_by_indicator
from wres_convert.errors import ConversionError
from wres_convert.model import Cell, Document, Paragraph, Table, text_inlines
from wres_convert.standard import Standard
from wres_convert.standard.pack import PACKS
from wres_convert.writers.markdown import blocks_md

INDICATORS_Q = (
    "Which WRES indicators has your organisation improved on? Please provide details of the progress made."
)
Q7 = "Do you believe that your organisation provides equal opportunities for career progression or promotion?"


def paragraphs(*lines: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text_inlines(t)) for t in lines)


def study(*blocks: object):  # type: ignore[no-untyped-def]
    answer = tuple(Paragraph(text_inlines(b)) if isinstance(b, str) else b for b in blocks)
    doc = Document((Paragraph(text_inlines(INDICATORS_Q)), *answer), "text")  # type: ignore[arg-type]
    return build_case_study(doc, source_for(b"", "x.txt", "text"))


def outcome(cs: object) -> str:
    return blocks_md(next(s for s in cs.sections if s.id == "outcome").blocks)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "numbers"),
    [
        ("3 and 7", [3, 7]),
        ("3, 7", [3, 7]),
        ("Three & seven", [3, 7]),
        ("Indicators 2, 3", [2, 3]),
        ("WRES metric(s): 3 & 7", [3, 7]),
        ("Indicator(s) 5 and 6", [5, 6]),
        ("indicator three", [3]),
        ("Indicators: 3 and 7.", [3, 7]),
        ("metric 3 (disciplinary)", [3]),
        ("Disciplinary (indicator 3)", [3]),
        ("Fairer disciplinary processes", [3]),
    ],
)
def test_a_short_first_line_of_numbers_names_the_indicators_and_the_rest_is_progress(
    first: str, numbers: list[int]
) -> None:
    cs = study(first, "Fell from 1.58 to 1.19 over two years.")
    assert [i.number for i in cs.indicators] == numbers
    assert outcome(cs) == "Fell from 1.58 to 1.19 over two years."
    objective = next(s for s in cs.sections if s.id == "objective")
    assert blocks_md(objective.blocks).startswith(f"WRES Indicator {numbers[0]}: ")  # the question supplied


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("We improved on metric 3 (disciplinary) this year.", [3]),
        ("Progress against WRES metric 3 & 7 was good.", [3, 7]),
        ("Our WRES measures 2 and 5 moved the right way.", [2, 5]),
        ("Indicators 2, 3 and 7 all improved.", [2, 3, 7]),
        ("We trained 7 managers and 3 panels in 2019.", []),
        ("BME appointments rose 3.2% to 7.5%.", []),
        ("We measure 3 times a year and report 4 measures to the board.", []),
        ("The 2019 and 2020 surveys.", []),
    ],
)
def test_mentions_in_running_text(text: str, numbers: list[int]) -> None:
    assert mentioned(paragraphs(text)) == numbers


@pytest.mark.parametrize(
    "first", ["We trained 7 managers.", "3.2%", "2019", "In 2019 and 2020 we ran 3 courses."]
)
def test_prose_numbers_name_no_indicator(first: str) -> None:
    segments, _ = split_by_indicator(paragraphs(first, "More text."))
    assert segments == []


def test_a_tick_list_counts_the_ticked_lines_only() -> None:
    cs = study(
        "☐ Indicator 4 – training",
        f"☒ Indicator 7 – {Q7}",
        "[ ] Indicator 3",
        "[x] Indicator 2",
        "X  Indicator 9: board membership",
        "Shortlisting and board figures both improved.",
    )
    assert [i.number for i in cs.indicators] == [2, 7, 9]
    assert outcome(cs) == "Shortlisting and board figures both improved."


def test_unticked_lines_are_no_mentions() -> None:
    assert mentioned(paragraphs("☐ Indicator 4", "☐ Indicator 5", "We did well on indicator 7.")) == [7]


def row(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(paragraphs(t) if t else ()) for t in texts)


@pytest.mark.parametrize(
    "rows",
    [
        # tick first, then the name, then the question
        [row("☐", "Indicator 6", "q"), row("☒", "Indicator 7", Q7), row("☐", "Indicator 8", "q")],
        # a bare number beside the box, the tick last
        [row("7", Q7, "✓"), row("8", "", "☐"), row("6", "", "no")],
        # named by the question alone, "yes"/"no" column
        [
            row(Q7, "yes"),
            row(
                "What is the relative likelihood of staff being appointed from shortlisting across all posts?",
                "no",
            ),
        ],
        # named by its short title, "[x]" box
        [
            row("[x]", "Equal opportunities for career progression"),
            row("[ ]", "Fairer appointment from shortlisting"),
        ],
        # "WRES indicator 7" and a typed "X"
        [row("WRES indicator 7", "X"), row("WRES indicator 2", "")],
    ],
)
def test_a_tick_box_table_names_its_indicator_in_any_cell(rows: list[tuple[Cell, ...]]) -> None:
    cs = study(Table(tuple(rows)), "Career progression scores rose to 53.6%.")
    assert [i.number for i in cs.indicators] == [7]
    assert outcome(cs) == "Career progression scores rose to 53.6%."


def test_a_ticked_rows_other_cells_are_its_progress() -> None:
    table = Table((row("☒", "Indicator 2", "Fell from 1.58 to 1.19."), row("☐", "Indicator 4", "Not yet.")))
    segments, _ = split_by_indicator((table,))
    assert [(s.numbers, blocks_md(tuple(s.blocks))) for s in segments] == [([2], "Fell from 1.58 to 1.19.")]


def test_a_table_of_figures_is_not_a_tick_box_table() -> None:
    table = Table((row("Year", "Staff", "Cases"), row("2019", "7", "3"), row("2020", "8", "2")))
    segments, before = split_by_indicator((table,))
    assert segments == [] and before == [table]


def test_synonyms_are_pack_data_and_checked_when_the_pack_loads(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "wres-copy"
    shutil.copytree(PACKS / "wres", pack)
    toml = (pack / "standard.toml").read_text("utf-8")
    (pack / "standard.toml").write_text(toml.replace('["metric", "measure"]', '["gauge"]'), "utf-8")
    gauge = Standard.load(pack)
    assert mentioned(paragraphs("WRES gauge 4", "WRES metric 5"), gauge) == [4]
    (pack / "standard.toml").write_text(toml.replace('["metric", "measure"]', '"metric"'), "utf-8")
    bad = tmp_path / "bad"
    shutil.copytree(pack, bad)
    with pytest.raises(ConversionError, match=r"items\.synonyms"):
        Standard.load(bad)


def test_unmarked_lines_in_a_tick_list_are_empty_boxes() -> None:
    cs = study("Indicator 4 – training", f"X Indicator 7 – {Q7}", "Indicator 8", "Scores rose to 53.6%.")
    assert [i.number for i in cs.indicators] == [7]
    assert outcome(cs) == "Scores rose to 53.6%."


def test_a_tick_list_run_together_by_a_plain_text_reader_is_split_at_its_boxes() -> None:
    cs = study(
        "☐ Indicator 1 ☐ Indicator 2 ☒ Indicator 8 – Manager discrimination [ ] Indicator 9", "Fell 1 point."
    )
    assert [i.number for i in cs.indicators] == [8]
    assert outcome(cs) == "Fell 1 point."


def test_item_lines_without_any_box_are_headers_as_before() -> None:
    cs = study("Indicator 4", "Up 2 points.", "Indicator 7", "Up 3 points.")
    assert [i.number for i in cs.indicators] == [4, 7]


def test_among_empty_boxes_the_unmarked_line_is_the_claim() -> None:
    # "✓ Indicator 7" typed in Word: the reader takes the tick for a bullet, leaving a list item.
    from wres_convert.model import ListItem

    cs = study("☐ Indicator 4", ListItem(text_inlines("Indicator 7")), "☐ Indicator 5", "Up 3 points.")
    assert [i.number for i in cs.indicators] == [7]


def test_a_first_sentence_mentioning_indicators_stays_progress() -> None:
    cs = study("We focused on indicators 3 and 7 this year.", "Cases fell.")
    assert [i.number for i in cs.indicators] == [3, 7]
    assert outcome(cs) == "We focused on indicators 3 and 7 this year.\n\nCases fell."


def test_wingdings_boxes_from_a_pdf_are_tick_marks() -> None:
    # A PDF of a Word form gives Wingdings' boxes as private-use characters: U+F0FE ticked, U+F0A8 empty.
    table = Table((row("\uf0a8", "Indicator 4"), row("\uf0fe", "Indicator 7"), row("\uf0a8", "Indicator 8")))
    cs = study(table, "Up 3 points.")
    assert [i.number for i in cs.indicators] == [7]
