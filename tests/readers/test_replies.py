"""Earlier messages quoted under a reply: left out when the reply holds the return, kept (only
their header dropped) when the reply is a note above a quoted or forwarded return."""

from __future__ import annotations

import pytest

from wres_convert.model import Block, Paragraph, Span
from wres_convert.readers.replies import OWN_WORDS, cut_history
from wres_convert.readers.text import read as read_text

RETURN = " ".join(["We ran reciprocal mentoring for nursing staff across the trust."] * 5)


def P(text: str) -> Paragraph:
    return Paragraph((Span(text),))


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


@pytest.mark.parametrize(
    "header",
    [
        [
            "-----Original Message-----",
            "From: WRES Team",
            "Sent: 12 February 2024 14:02",
            "Subject: Case studies",
        ],
        ["From: WRES Team <england.wres@nhs.net>", "Sent: 12 February 2024 14:02", "To: Ian"],
        ["On Mon, 12 Feb 2024 at 14:02, WRES Team <england.wres@nhs.net> wrote:"],
        ["---------- Forwarded message ---------", "From: WRES", "Date: Mon, 12 Feb 2024"],
        ["________________________________", "From: WRES", "Sent: Monday"],
    ],
)
def test_a_thread_under_a_return_is_left_out_and_named(header: list[str]) -> None:
    blocks = [P(RETURN), *map(P, header), P("Please send us your case study by 29 March.")]
    kept, said = cut_history(blocks)
    assert texts(kept) == [RETURN]
    assert [w.code for w in said] == ["quoted-message"]


def test_a_short_note_above_a_quoted_return_keeps_the_return_without_its_header() -> None:
    blocks = [
        P("Please see below."),
        P("-----Original Message-----"),
        P("From: Ian"),
        P("Sent: today"),
        P(RETURN),
    ]
    kept, said = cut_history(blocks)
    assert texts(kept) == ["Please see below.", RETURN] and said == []


def test_a_form_label_from_is_not_a_mail_header() -> None:
    blocks = [P(RETURN), P("From: the staff network"), P("We also heard from managers.")]
    assert cut_history(blocks) == (blocks, [])


def test_the_producers_own_quote_mark_counts_only_below_enough_words() -> None:
    blocks = [P(RETURN), P("quoted request")]
    assert texts(cut_history(blocks, (1,))[0]) == [RETURN]
    short = [P("See below"), P("the return")]
    assert len(RETURN.split()) >= OWN_WORDS > 2
    assert texts(cut_history(short, (1,))[0]) == ["See below", "the return"]


def test_the_text_reader_leaves_out_an_outlook_thread_typed_under_the_return() -> None:
    text = f"{RETURN}\n\nKind regards\nIan\n\nFrom: WRES Team <england.wres@nhs.net>\nSent: 12 February 2024\nTo: Ian\nSubject: WRES\n\nDear colleague, please complete the template.\n"
    doc = read_text(text.encode())
    assert "Dear colleague" not in " ".join(b.text for b in doc.blocks)
    assert any(w.code == "quoted-message" for w in doc.warnings)


def test_a_forward_of_a_forward_is_followed_down_to_the_return() -> None:
    blocks = [
        P("FYI, see below."),
        P("From: Harjit"),
        P("Sent: Monday"),
        P("Can you send this on to the WRES team?"),
        P("From: Gemma"),
        P("Sent: Friday"),
        P(RETURN),
        P("From: WRES Team"),
        P("Sent: 12 February"),
        P("Please send us your case study."),
    ]
    kept, said = cut_history(blocks)
    assert texts(kept) == ["FYI, see below.", "Can you send this on to the WRES team?", RETURN]
    assert [w.code for w in said] == ["quoted-message"]
