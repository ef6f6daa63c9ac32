"""fieldset.py: a value class's fields are collected as ``@dataclass`` collects them, without
loading dataclasses; its dataclass is made when first asked for, and is the one ``@dataclass``
would make; ``replace`` and ``field_names`` agree with dataclasses' (issue 18). That a conversion
loads no dataclasses is in tests/test_digest.py."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import threading
import typing
from collections.abc import Callable
from dataclasses import InitVar as IV
from typing import ClassVar as CV

import pytest

import wres_convert
from wres_convert.fieldset import MISSING
from wres_convert.model import Paragraph, Picture, Span
from wres_convert.values import field, field_names, record, replace, value

Decorator = Callable[[type], type]


def _described(f: dataclasses.Field[object]) -> tuple[object, ...]:
    return (f.name, f._field_type.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare)  # type: ignore[attr-defined]


def _fields(cls: type) -> list[tuple[object, ...]]:
    return [
        _described(f) for f in cls.__dataclass_fields__.values() if f._field_type.name != "_FIELD_CLASSVAR"
    ]  # type: ignore[attr-defined]


def _hierarchy(decorate: Decorator, field_of: Callable[..., object]) -> tuple[type, type, type]:
    """Three classes, two of them decorated, with every kind of field the tool's classes use."""

    def made(name: str, bases: tuple[type, ...], annotations: dict[str, object], **body: object) -> type:
        namespace = {"__module__": __name__, "__qualname__": name, "__annotations__": annotations, **body}
        return type(name, bases, namespace)

    base = decorate(
        made(
            "Base",
            (),
            {"a": "int", "shared": typing.ClassVar[int], "b": "str", "d": "int", "items": "list[int]"},
            shared=1,
            b="b",
            d=4,
            items=field_of(default_factory=list),
        )
    )
    child = decorate(
        made(
            "Child",
            (base,),
            {
                "b": "str",  # again: keeps its place, takes a new default
                "d": "int",  # again, without one: the base's stands
                "hidden": "bytes",
                "fixed": "int",
                "secret": dataclasses.InitVar[str],
                "c": "tuple[int, ...]",
            },
            b="again",
            hidden=field_of(default=b"", repr=False, compare=False),
            fixed=field_of(default=7, init=False),
            secret=field_of(default="s"),
            c=(),
        )
    )
    plain = made("Plain", (child,), {})  # undecorated, as the API's CaseStudy
    return base, child, plain


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(value, dataclasses.dataclass(frozen=True)), (record, dataclasses.dataclass)],
    ids=["value", "record"],
)
def test_a_class_hierarchy_is_what_dataclass_makes_of_it(ours: Decorator, theirs: Decorator) -> None:
    mine, twins = _hierarchy(ours, field), _hierarchy(theirs, dataclasses.field)
    for cls, twin in zip(mine, twins, strict=True):
        assert _fields(cls) == _fields(twin)
        assert field_names(cls) == tuple(f.name for f in dataclasses.fields(twin))
        assert cls.__match_args__ == twin.__match_args__  # type: ignore[attr-defined]
        # a factory's default shows as "<factory>" in both, made of different sentinels
        assert [(p.name, repr(p.default)) for p in inspect.signature(cls).parameters.values()] == [
            (p.name, repr(p.default)) for p in inspect.signature(twin).parameters.values()
        ]
        for name in ("b", "d", "fixed", "shared", "c"):
            assert getattr(cls, name, None) == getattr(twin, name, None)
        assert not hasattr(cls, "items") and not hasattr(twin, "items")  # a factory leaves none
        one, other = cls(1), twin(1)
        assert vars(one) == vars(other)
        if cls is not mine[0]:
            assert vars(replace(one, c=(1,))) == vars(dataclasses.replace(other, c=(1,)))
            assert dataclasses.asdict(one) == dataclasses.asdict(other)


def test_every_class_of_the_package_is_the_dataclass_of_its_fields() -> None:
    """The dataclass made on first use holds the fields values.py made the class's methods from."""
    checked = 0
    for info in pkgutil.walk_packages(wres_convert.__path__, "wres_convert."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (
                isinstance(cls, type) and cls.__module__ == module.__name__ and "_wres_fields" in cls.__dict__
            ):
                continue
            collected = [
                (
                    f.name,
                    "_FIELD_INITVAR" if f.initvar else "_FIELD",
                    dataclasses.MISSING if f.default is MISSING else f.default,
                    dataclasses.MISSING if f.factory is MISSING else f.factory,
                    f.init,
                    f.repr,
                    f.hash,
                    f.compare,
                )
                for f in cls._wres_fields.all  # type: ignore[attr-defined]
            ]
            assert collected == _fields(cls), cls
            assert field_names(cls) == tuple(f.name for f in dataclasses.fields(cls)), cls
            annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - the class's own
            assert {n: f.type for n, f in cls.__dataclass_fields__.items() if n in annotations} == {  # type: ignore[attr-defined]
                n: a
                for n, a in annotations.items()
                if n in cls.__dataclass_fields__  # type: ignore[attr-defined]
            }, cls  # the annotations as written
            checked += 1
    assert checked >= 90


def test_a_class_is_made_a_dataclass_only_when_asked_and_is_left_as_it_was() -> None:
    @value
    class Made:
        a: int
        secret: InitVar[str | None] = None  # noqa: F821 - read by name, never resolved
        b: tuple[int, ...] = field(default=())

    Made.secret = property(lambda self: "kept")  # type: ignore[assignment,method-assign]
    annotations = dict(Made.__annotations__)
    assert Made(1) == Made(1, None, ()) and replace(Made(1), b=(2,)).b == (2,)
    assert "dataclasses.MISSING" not in repr(Made.__dict__["__dataclass_fields__"])  # not made yet
    assert dataclasses.is_dataclass(Made) and type(Made.__dict__["__dataclass_fields__"]) is dict
    assert [f.name for f in dataclasses.fields(Made)] == ["a", "b"] and Made.b == ()
    assert Made.__dataclass_fields__["secret"].type == "InitVar[str | None]"  # type: ignore[attr-defined]
    assert isinstance(Made.__dict__["secret"], property) and Made.__annotations__ == annotations


def test_threads_meanwhile_see_the_class_as_it_is() -> None:
    """Making the dataclass never touches the class: another thread reading it meanwhile, or
    asking for its fields too, sees it whole (the submitter's details behind their property)."""
    import sys

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can: the old way failed 2 in 3
    try:
        for _ in range(20):

            @value
            class Held:
                a: int
                secret: InitVar[str | None] = None  # noqa: F821

                def __post_init__(self, secret: str | None) -> None:
                    object.__setattr__(self, "_secret", secret)

            Held.secret = property(lambda self: self._secret)  # type: ignore[assignment,method-assign]
            held, seen, start = Held(1, "s"), [], threading.Barrier(3)

            def ask(held: object = held, seen: list[object] = seen, start: threading.Barrier = start) -> None:
                start.wait()
                seen.append(dataclasses.asdict(held))

            def read(
                held: object = held, seen: list[object] = seen, start: threading.Barrier = start
            ) -> None:
                start.wait()
                seen.extend(held.secret for _ in range(200))  # type: ignore[attr-defined]

            threads = [threading.Thread(target=t) for t in (ask, ask, read)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert seen.count({"a": 1}) == 2 and seen.count("s") == 200
            assert Held.__dataclass_fields__ is Held.__dict__["__dataclass_fields__"]  # type: ignore[attr-defined]
    finally:
        sys.setswitchinterval(interval)


def test_init_only_and_class_values_are_read_by_name() -> None:
    @value
    class Held:
        a: int
        secret: InitVar[str] = "none"  # noqa: F821 - the name is never resolved
        shared: ClassVar[int] = 3  # noqa: F821
        typed: typing.ClassVar[int] = 4

        def __post_init__(self, secret: str) -> None:
            object.__setattr__(self, "_secret", secret)

    held = Held(1, "s")
    assert held._secret == "s" and field_names(Held) == ("a",)  # type: ignore[attr-defined]
    assert Held.shared == 3 and Held.typed == 4
    assert dataclasses.asdict(held) == {"a": 1} and "secret" not in repr(held)
    assert [f[:2] for f in _fields(Held)] == [("a", "_FIELD"), ("secret", "_FIELD_INITVAR")]


def test_replace_is_dataclasses_replace() -> None:
    @record
    class Some:
        a: int
        hidden: int = field(default=0, init=False)
        needed: InitVar[int]  # noqa: F821

        def __post_init__(self, needed: int) -> None:
            self.seen = needed

    for obj in (Span("text", bold=True), Paragraph((Span("a"),)), Picture(b"x", "image/png", alt="A")):
        assert replace(obj) == dataclasses.replace(obj)
    picture = Picture(b"x", "image/png", alt="A")
    assert replace(picture, alt="B") == dataclasses.replace(picture, alt="B")
    some = Some(1, needed=2)
    for call in (replace, dataclasses.replace):
        with pytest.raises(ValueError, match="InitVar 'needed' must be specified"):
            call(some)
        with pytest.raises(ValueError, match="init=False"):
            call(some, hidden=1, needed=1)
        with pytest.raises(TypeError):
            call(some, nothing=1, needed=1)
        assert call(some, needed=5).seen == 5


def test_what_dataclasses_refuses_is_refused() -> None:
    with pytest.raises(ValueError, match="mutable default"):

        @value
        class Mutable:
            a: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError, match="no type annotation"):

        @value
        class Unannotated:
            a = field(default=1)

    with pytest.raises(TypeError, match="default factory"):

        @value
        class Factory:
            a: InitVar[list[int]] = field(default_factory=list)  # noqa: F821

    with pytest.raises(ValueError, match="both default and default_factory"):
        field(default=1, default_factory=list)
    with pytest.raises(TypeError, match="kw_only"):
        field(kw_only=True)
    with pytest.raises(TypeError, match="keyword-only"):

        @value
        class KeywordOnly:
            a: int = dataclasses.field(kw_only=True)


def test_special_annotations_under_other_names_are_read_as_dataclasses_reads_them() -> None:
    @value
    class Aliased:
        a: int
        shared: CV[int] = 3
        given: IV[int] = 0

        def __post_init__(self, given: int) -> None:
            object.__setattr__(self, "seen", given)

    assert field_names(Aliased) == ("a",) and Aliased(1, 5).seen == 5  # type: ignore[attr-defined]
    assert repr(Aliased(1)) == f"{Aliased.__qualname__}(a=1)"


def test_a_class_var_given_a_field_keeps_its_default() -> None:
    @value
    class Shared:
        a: int
        b: ClassVar[int] = field(default=4)  # noqa: F821

    assert Shared.b == 4 and field_names(Shared) == ("a",)


def test_value_classes_and_dataclasses_derive_from_one_another() -> None:
    @dataclasses.dataclass
    class Real:
        p: int = 0

    @value
    class Ours(Real):
        r: int = 1

    assert repr(Ours(2, 3)) == f"{Ours.__qualname__}(p=2, r=3)" and replace(Ours(2, 3), r=4) == Ours(2, 4)
    assert field_names(Ours) == ("p", "r") == tuple(f.name for f in dataclasses.fields(Ours))

    @record
    class Mine:
        a: int = 0

    @dataclasses.dataclass
    class Theirs(Mine):
        q: int = 5

    assert replace(Theirs(1, 2), a=3) == dataclasses.replace(Theirs(1, 2), a=3) == Theirs(3, 2)
    assert field_names(Theirs(1, 2)) == ("a", "q")
