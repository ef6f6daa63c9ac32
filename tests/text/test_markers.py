"""The one list-marker grammar (text/markers.py), shared by the docx, PDF and text readers and the
section tidying."""

from __future__ import annotations

import pytest

from wres_convert.model import Span
from wres_convert.text.markers import BULLETS, is_enumerated, is_ordered_label, list_marker, typed_marker


@pytest.mark.parametrize("bullet", list(BULLETS))
def test_every_bullet_starts_an_unordered_item(bullet: str) -> None:
    marker = list_marker(f"{bullet} Item text")
    assert marker is not None and not marker.ordered and marker.bullet == bullet and marker.end == 2


@pytest.mark.parametrize(
    ("text", "enum"),
    [
        ("1. First", "1."),
        ("1) First", "1)"),
        ("(1) First", "(1)"),
        ("12. Twelfth", "12."),
        ("100) Hundredth", "100)"),
        ("a. Letter", "a."),
        ("a) Letter", "a)"),
        ("(a) Letter", "(a)"),
        ("( a ) Spaced", "( a )"),
        ("i. Roman", "i."),
        ("ii) Roman", "ii)"),
        ("(iv) Roman", "(iv)"),
        ("xxxix. Roman", "xxxix."),
        ("A) Capital", "A)"),
        ("(B) Capital", "(B)"),
        ("II. Two", "II."),
        ("IV) Four", "IV)"),
        ("(IX) Nine", "(IX)"),
        ("1.\tTab after", "1."),
        ("1.\u00a0No-break space after", "1."),
    ],
)
def test_enumerators(text: str, enum: str) -> None:
    marker = list_marker(text)
    assert marker is not None and marker.ordered and marker.enum == enum and marker.bullet is None


def test_a_bullet_then_an_enumerator_is_one_ordered_item() -> None:
    marker = list_marker("- a) Improving overall return rate")
    assert marker is not None and marker.ordered and (marker.bullet, marker.enum) == ("-", "a)")
    assert "- a) Improving overall return rate"[marker.end :] == "Improving overall return rate"


@pytest.mark.parametrize(
    "text",
    [
        "-5% fall in scores",  # no space after the marker
        "e.g. an example",
        "1.48 times more likely",
        "I think so.",
        "A sentence starting with A",
        "2019. A year",  # four digits are a year
        "•",  # nothing after the marker
        "1. ",
        "•\nFirst",  # a line break is not the space after a marker
        "Plain text",
        "xl. Forty is past the roman range",
    ],
)
def test_not_markers(text: str) -> None:
    assert list_marker(text) is None


@pytest.mark.parametrize("text", ["J. Smith, Head of EDI", "A. Background", "I. Introduction", "V. Rao"])
def test_a_single_capital_and_dot_needs_capital_dot(text: str) -> None:
    # In typed prose "J. Smith" is a name; the PDF and plain-text readers, whose lists come only as
    # typed text, also read "A." outlines.
    assert list_marker(text) is None
    marker = list_marker(text, capital_dot=True)
    assert marker is not None and marker.ordered


def test_ordinals() -> None:
    def ordinals(text: str) -> frozenset[int]:
        marker = list_marker(text)
        assert marker is not None
        return marker.ordinals()

    assert ordinals("3. x") == {3}
    assert ordinals("(b) x") == {2}
    assert ordinals("i. x") == {1, 9}  # the ninth letter or roman one
    assert ordinals("iv) x") == {4}
    assert ordinals("• x") == frozenset()


def test_enumerated_headings() -> None:
    assert is_enumerated("a) Survey return rate")
    assert is_enumerated("1. Preparation")
    assert is_enumerated("(ii) Results")
    assert not is_enumerated("Preparation")
    assert not is_enumerated("• Preparation")


@pytest.mark.parametrize(("label", "ordered"), [("1", True), ("1.", True), ("a)", True), ("(iv)", True),
                                                 ("1.2.", True), ("•", False), ("\uf0b7", False), ("–", False)])  # fmt: skip
def test_tagged_pdf_labels(label: str, ordered: bool) -> None:
    assert is_ordered_label(label) is ordered


def test_typed_marker_keeps_a_bold_enumerated_subheading() -> None:
    assert typed_marker((Span("a) Survey return rate", bold=True),)) is None
    assert typed_marker((Span("a) Survey return rate"),)) == (True, (Span("Survey return rate"),))
    assert typed_marker((Span("• "), Span("First", bold=True))) == (False, (Span("First", bold=True),))
