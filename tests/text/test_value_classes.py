"""The model's value classes (model.value) behave as ``@dataclass(frozen=True)`` would make them:
equal, hashed and shown the same, frozen, and dataclasses' helpers work on them."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from wres_convert import model
from wres_convert.model import Cell, Control, Note, Paragraph, Picture, Span, Table, value


def _twin(obj: object) -> object:
    """``obj`` as an instance of a class made by @dataclass(frozen=True) with the same fields."""
    cls = type(obj)
    made = dataclasses.make_dataclass(
        cls.__name__,
        [
            (f.name, f.type, dataclasses.field(repr=f.repr, compare=f.compare, hash=f.hash))
            for f in dataclasses.fields(cls)
        ],
        frozen=True,
    )
    made.__qualname__ = cls.__qualname__
    return made(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(cls)})


NOTE = Note((Paragraph((Span("A note."),)),))
SAMPLES = [
    Span("text"),
    Span("bold", bold=True, href="https://example.org"),
    Span("1", note=NOTE),
    NOTE,
    Paragraph((Span("a"), Span("b", italic=True))),
    Table(((Cell((Paragraph((Span("x"),)),), colspan=2),),)),
    Control((Paragraph(()),), tag="q1", placeholder=True),
    Picture(b"\x89PNG", "image/png", alt="A chart", width=10.5),
    model.Message("code", "said"),
    model.Document((Paragraph((Span("x"),)),), "text"),
]


@pytest.mark.parametrize("obj", SAMPLES, ids=lambda o: type(o).__name__)
def test_a_value_class_is_a_frozen_dataclass(obj: object) -> None:
    twin = _twin(obj)
    assert repr(obj) == repr(twin)
    assert hash(obj) == hash(twin)
    same = dataclasses.replace(obj)
    assert same == obj and same is not obj and hash(same) == hash(obj)
    assert obj != twin  # another class, as between two dataclasses
    assert (obj == 1) is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.text = "changed"  # type: ignore[attr-defined]
    assert dataclasses.is_dataclass(obj)
    assert dataclasses.astuple(obj) == dataclasses.astuple(twin)


def test_fields_left_out_of_comparison_or_repr_stay_out() -> None:
    a, b = Picture(b"secret", alt="x"), Picture(b"other", alt="x")
    assert a != b  # data is compared, only not shown
    assert "secret" not in repr(a)

    @value
    class Kept:
        shown: int
        hidden: str = dataclasses.field(default="", compare=False, repr=False)

    assert Kept(1, "a") == Kept(1, "b")
    assert hash(Kept(1, "a")) == hash((1,))
    assert repr(Kept(1, "a")) == f"{Kept.__qualname__}(shown=1)"


def test_a_value_inside_itself_is_shown_as_dots() -> None:
    @value
    class Box:
        items: list[object]

    box = Box([])
    box.items.append(box)
    assert repr(box) == f"{Box.__qualname__}(items=[...])"
    assert sys.getrecursionlimit()  # and no RecursionError on the way
