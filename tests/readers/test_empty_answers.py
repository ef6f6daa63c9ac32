"""One list of empty answers: the template's ``[empty] answers``, used by the mapper and the text reader."""

from __future__ import annotations

import pytest

from wres_convert.readers.text.lines import is_answer, title_like
from wres_convert.standard.spec import TemplateSpec
from wres_convert.text.normalise import normalise

# Once two lists: the text reader's had "nothing", "unknown", "tbd"... and the template's had "-".
EMPTY = ["n/a", "N/A.", "na", "n.a.", "None", "nil", "Not applicable", "-", "–", "—", "No", "TBC", "TBD",
         "Nothing", "Not yet", "None to date", "Not known", "Unknown"]  # fmt: skip


@pytest.mark.parametrize("reply", EMPTY)
def test_one_list_for_the_mapper_and_the_text_reader(reply: str) -> None:
    assert normalise(reply) in TemplateSpec.load().empty_answers  # what the mapper asks
    assert is_answer(reply)  # what the text reader asks


def test_the_text_reader_has_no_list_of_its_own() -> None:
    import wres_convert.readers.text.lines as lines

    assert not hasattr(lines, "ANSWERS")
    for entry in TemplateSpec.load().empty_answers:
        assert is_answer(entry)


@pytest.mark.parametrize("reply", ["Yes", "See attached"])
def test_short_replies_that_are_not_empty_are_still_no_titles(reply: str) -> None:
    assert normalise(reply) not in TemplateSpec.load().empty_answers
    assert is_answer(reply) and not title_like(reply)


def test_an_empty_answer_is_not_a_sub_heading_and_a_title_is() -> None:
    assert not title_like("Not known")
    assert title_like("Survey return rate")
