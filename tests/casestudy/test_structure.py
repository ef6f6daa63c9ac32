"""Sub-headings recognised from bold title-like lines, and heading levels renumbered under h2."""

from __future__ import annotations

from wres_convert.casestudy.structure import tidy
from wres_convert.model import Heading, ListItem, Paragraph, Span, text_inlines


def bold(text: str) -> Paragraph:
    return Paragraph(text_inlines(text, bold=True))


def p(text: str) -> Paragraph:
    return Paragraph(text_inlines(text))


def shape(blocks: tuple[object, ...]) -> list[tuple[str, object, str]]:
    return [(type(b).__name__, getattr(b, "level", None), b.text) for b in blocks]  # type: ignore[attr-defined]


def test_enumerated_subheadings_hold_plain_ones_beneath_them() -> None:
    out = tidy(
        (
            p("Intro."),
            bold("a) Survey return rate"),
            bold("Preparation"),
            ListItem(text_inlines("x")),
            bold("b) Wider staff engagement activities"),
            p("Text."),
        )
    )
    assert shape(out) == [
        ("Paragraph", None, "Intro."),
        ("Heading", 3, "a) Survey return rate"),
        ("Heading", 4, "Preparation"),
        ("ListItem", 0, "x"),
        ("Heading", 3, "b) Wider staff engagement activities"),
        ("Paragraph", None, "Text."),
    ]


def test_bold_sentences_and_trailing_bold_lines_stay_paragraphs() -> None:
    out = tidy((bold("This whole sentence was emphasised by the author."), p("x"), bold("Last line")))
    assert [type(b).__name__ for b in out] == ["Paragraph", "Paragraph", "Paragraph"]


def test_partly_bold_line_is_not_a_heading() -> None:
    out = tidy((Paragraph((Span("Result:", bold=True), Span(" fewer cases"))), p("x")))
    assert isinstance(out[0], Paragraph)


def test_source_heading_levels_keep_their_order_under_h2() -> None:
    out = tidy(
        (
            Heading(text_inlines("Top"), 2),
            p("x"),
            Heading(text_inlines("Inner"), 4),
            p("y"),
            bold("Also top"),
            p("z"),
        )
    )
    assert shape(out)[0] == ("Heading", 3, "Top")
    assert shape(out)[2] == ("Heading", 4, "Inner")
    assert shape(out)[4] == ("Heading", 3, "Also top")


def test_bullets_typed_on_soft_line_breaks_become_list_items() -> None:
    para = Paragraph(
        (
            Span("The main changes were:\n•\tA single route\n•\tPanels ", bold=False),
            Span("trained", italic=True),
        )
    )
    out = tidy((para,))
    assert shape(out) == [
        ("Paragraph", None, "The main changes were:"),
        ("ListItem", 0, "A single route"),
        ("ListItem", 0, "Panels trained"),
    ]
    assert out[2].inlines[-1] == Span("trained", italic=True)  # type: ignore[union-attr]


def test_a_paragraph_with_one_dash_line_stays_a_paragraph() -> None:
    para = Paragraph(text_inlines("Dear team\n- see below"))
    assert tidy((para,)) == (para,)


def test_typed_bullets_after_the_first_line_of_a_list_item_split_off() -> None:
    item = ListItem(
        text_inlines("Put funding through one route.\n•\tPublish the data.\n•\tGive mentors a say."), level=1
    )
    assert shape(tidy((item,))) == [
        ("ListItem", 1, "Put funding through one route."),
        ("ListItem", 1, "Publish the data."),
        ("ListItem", 1, "Give mentors a say."),
    ]
