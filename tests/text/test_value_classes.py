"""The model's value classes (model.value) behave as ``@dataclass(frozen=True)`` would make them:
equal, hashed and shown the same, frozen, and dataclasses' helpers work on them."""

from __future__ import annotations

import dataclasses
import sys
import typing

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


def _both(**namespace: object) -> tuple[type, type]:
    """The same class body made by @value and by @dataclass(frozen=True)."""
    made = []
    for decorate in (value, dataclasses.dataclass(frozen=True)):
        body = {"__module__": __name__, "__qualname__": "Made", **namespace}
        body["__annotations__"] = dict(namespace["__annotations__"])  # type: ignore[call-overload]
        made.append(decorate(type("Made", (), body)))
    return made[0], made[1]


def _state(obj: object) -> dict[str, object]:
    return dict(vars(obj))


def test_init_is_the_one_dataclasses_writes() -> None:
    """Defaults, factories, fields left out of __init__, init-only values and __post_init__."""
    seen: list[tuple[object, ...]] = []

    def post_init(self: object, extra: object) -> None:
        seen.append((type(self).__name__, extra))
        object.__setattr__(self, "derived", f"{self.a}!")  # type: ignore[attr-defined]

    ours, theirs = _both(
        __annotations__={
            "a": "int",
            "b": "str",
            "c": "list[int]",
            "d": "int",
            "extra": dataclasses.InitVar[int],
            "k": typing.ClassVar[int],
        },
        b="b",
        c=dataclasses.field(default_factory=list),
        d=dataclasses.field(default=4, init=False),
        extra=dataclasses.field(default=7),
        k=3,
        __post_init__=post_init,
    )
    import inspect

    def params(cls: type) -> list[tuple[str, str]]:
        return [(p.name, repr(p.default)) for p in inspect.signature(cls).parameters.values()]

    assert (
        params(ours)
        == params(theirs)
        == [("a", "<class 'inspect._empty'>"), ("b", "'b'"), ("c", "<factory>"), ("extra", "7")]
    )
    for args, kwargs in [((1,), {}), ((1, "x", [2]), {"extra": 9}), ((), {"a": 5, "c": [1]})]:
        x, y = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert _state(x) == _state(y)
        assert seen[-1][1] == seen[-2][1]
    assert ours(1).c is not ours(1).c  # a new list each time, as the factory makes it
    assert ours(1).d == 4 and ours(1).k == 3
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    with pytest.raises(TypeError):
        ours()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ours(1, d=5)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del ours(1).a
    assert dataclasses.replace(ours(1, "x"), a=2, extra=1).b == "x"


def test_every_value_class_of_the_package_takes_what_its_dataclass_would() -> None:
    """Each @value class's __init__ has the parameters and defaults @dataclass(frozen=True) would
    give it: same names, same order, same defaults (a factory shows as one)."""
    import importlib
    import inspect
    import pkgutil

    import wres_convert

    checked = 0
    for info in pkgutil.walk_packages(wres_convert.__path__, "wres_convert."):
        if info.name.endswith("__main__"):
            continue  # running it is the command
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__module__ == module.__name__):
                continue
            if cls.__dict__.get("__init__") is None or cls.__init__.__code__.co_filename != "<string>":
                continue  # not made by @value or @record (their __init__ is compiled from a string)
            expected = []
            for f in cls.__dataclass_fields__.values():
                if f._field_type.name == "_FIELD_CLASSVAR" or not f.init:
                    continue
                default = (
                    f.default
                    if f.default is not dataclasses.MISSING
                    else "<factory>"
                    if f.default_factory is not dataclasses.MISSING
                    else inspect.Parameter.empty
                )
                expected.append((f.name, default))
            params = list(inspect.signature(cls).parameters.values())
            got = [(p.name, p.default) for p in params]
            assert [n for n, _ in got] == [n for n, _ in expected], cls
            for (_, mine), (_, want) in zip(got, expected, strict=True):
                assert (repr(mine) == want) if want == "<factory>" else (mine is want or mine == want), cls
            checked += 1
    assert checked >= 90  # the @value and @record classes (93 in December 2026)


def test_a_record_is_a_mutable_dataclass() -> None:
    from wres_convert.values import record

    made = []
    for decorate in (record, dataclasses.dataclass):
        body = {
            "__module__": __name__,
            "__qualname__": "Rec",
            "__annotations__": {"a": int, "items": list[int]},
            "items": dataclasses.field(default_factory=list),
        }
        made.append(decorate(type("Rec", (), body)))
    ours, theirs = made
    x, y = ours(1), theirs(1)
    assert repr(x) == repr(y) and vars(x) == vars(y)
    assert x == ours(1) and x != ours(2) and x != y
    x.a = 5  # mutable
    x.items.append(1)
    assert ours(5, [1]) == x and ours(1).items == []
    with pytest.raises(TypeError):
        hash(x)  # unhashable, as a mutable dataclass with eq
    assert ours.__hash__ is theirs.__hash__ is None


def test_a_class_that_defines_a_method_they_make_is_refused() -> None:
    from wres_convert.values import record

    for decorate in (value, record):
        with pytest.raises(TypeError, match="defines __eq__"):

            @decorate
            class Own:
                a: int

                def __eq__(self, other: object) -> bool:
                    return True


def test_a_plain_subclass_takes_attributes_that_are_not_fields() -> None:
    """As with a frozen dataclass: the API's CaseStudy subclasses the model's."""

    class More(Span):
        pass

    more = More("text")
    more.reviewed_by = "editor"  # type: ignore[attr-defined]
    assert more.reviewed_by == "editor"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        more.text = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        Span("text").reviewed_by = "editor"  # type: ignore[attr-defined]


def test_eq_false_is_dataclass_eq_false() -> None:
    """A reader's working state (@record(eq=False)) and a pack (@value(eq=False)): compared and
    hashed by identity, shown by their fields, as @dataclass(eq=False) and
    @dataclass(frozen=True, eq=False) make them."""
    from wres_convert.values import record

    for decorate, theirs, frozen in (
        (record(eq=False), dataclasses.dataclass(eq=False), False),
        (value(eq=False), dataclasses.dataclass(frozen=True, eq=False), True),
    ):
        body = {
            "__module__": __name__,
            "__qualname__": "State",
            "__annotations__": {"a": int, "items": list[int]},
            "items": dataclasses.field(default_factory=list),
        }
        ours, twin = decorate(type("State", (), dict(body))), theirs(type("State", (), dict(body)))
        x, y = ours(1), twin(1)
        assert vars(x) == vars(y) == {"a": 1, "items": []}
        assert repr(x) == repr(y) == "State(a=1, items=[])"
        assert x != ours(1) and x == x  # by identity
        assert hash(x) == object.__hash__(x) and {x: 1}[x] == 1
        assert ours.__eq__ is twin.__eq__ is object.__eq__ and ours.__hash__ is twin.__hash__
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                x.a = 2
        else:
            x.a = 2
            assert x.a == 2


def test_eq_false_takes_a_class_with_its_own_comparison_but_not_its_own_init() -> None:
    from wres_convert.values import record

    @record(eq=False)
    class Own:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    assert Own(1) == Own(2)
    with pytest.raises(TypeError, match="defines __init__"):

        @record(eq=False)
        class Init:
            a: int

            def __init__(self) -> None:
                self.a = 1
