"""Text that belongs to no question (before the first one, or among the details) is never
published; when it is more than a greeting it is named in a warning, not lost without a word."""

from __future__ import annotations

from wres_convert.run.convert import convert_bytes

REST = """What did you do?

We ran listening events.

What got in the way?

Time.
"""


def codes(text: str) -> list[str]:
    return [w.code for w in convert_bytes(text.encode(), "r.txt").warnings]


def test_prose_under_a_heading_nobody_recognised_is_named_in_a_warning() -> None:
    text = (
        "Hi team,\n\nOur plans for the year\n\n"
        "We want our black and minority ethnic nurses to progress beyond band six at the same rate "
        "as their white colleagues, and to reach the board within five years. Our second aim is to halve "
        "the gap in formal disciplinary cases by the end of next year.\n\n" + REST
    )
    assert "unplaced-text" in codes(text)


def test_a_greeting_and_the_forms_own_instructions_are_not() -> None:
    text = (
        "Hi team, please see our case study below.\n\n"
        "Please use this form to tell us about work in your organisation that has improved one or "
        "more of the indicators, answering each question in the space below it.\n\n" + REST
    )
    assert "unplaced-text" not in codes(text)
