"""fieldset.py: a value class's fields are collected as ``@dataclass`` collects them, without
loading dataclasses; the dataclass is made when first asked for, and is the one ``@dataclass``
would make; ``replace`` and ``field_names`` agree with dataclasses' (issue 18)."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import wres_convert
from wres_convert.fieldset import Lazy
from wres_convert.model import Paragraph, Picture, Span
from wres_convert.values import field, field_names, record, replace, value

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "chesterfield.docx"


def _package_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(wres_convert.__path__, "wres_convert."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        found += [
            c
            for c in vars(module).values()
            if isinstance(c, type) and c.__module__ == module.__name__ and "_wres_fields" in c.__dict__
        ]
    return found


def _described(f: dataclasses.Field[object]) -> tuple[object, ...]:
    kind = f._field_type.name  # type: ignore[attr-defined]
    return (f.name, kind, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.type)


def test_every_class_of_the_package_is_the_dataclass_its_body_makes() -> None:
    """Each class made a dataclass on first use has the fields @dataclass gives the same body,
    the same attributes left on the class, and its __init__ takes what theirs would."""
    checked = 0
    for cls in _package_classes():
        body = {
            k: v
            for k, v in cls.__dict__.items()
            if k
            not in ("__dict__", "__weakref__", "_wres_fields", "__dataclass_fields__", "__dataclass_params__")
        }
        for f in cls._wres_fields.own:  # type: ignore[attr-defined]  # the body as written
            if isinstance(f.written, wres_convert.fieldset.Spec):
                body[f.name] = dataclasses.field(**f.written.kwargs)
            elif f.written is not wres_convert.fieldset.MISSING:
                body[f.name] = f.written
            else:
                body.pop(f.name, None)
        for name in (
            "__init__",
            "__repr__",
            "__eq__",
            "__hash__",
            "__setattr__",
            "__delattr__",
            "__match_args__",
            "__replace__",
        ):
            body.pop(name, None)
        annotations = {
            name: (dataclasses.InitVar(object) if f.initvar else a)  # type: ignore[arg-type]
            for name, a in cls.__annotations__.items()
            for f in [next((g for g in cls._wres_fields.all if g.name == name), None)]  # type: ignore[attr-defined]
            if f is not None
        }
        body["__annotations__"] = annotations
        twin = dataclasses.dataclass(init=False, repr=False, eq=False)(
            type(cls.__name__, cls.__bases__, body)
        )
        theirs = [
            _described(f)
            for f in twin.__dataclass_fields__.values()
            if f._field_type.name != "_FIELD_CLASSVAR"
        ]  # type: ignore[attr-defined]
        ours = [
            _described(f)
            for f in cls.__dataclass_fields__.values()
            if f._field_type.name != "_FIELD_CLASSVAR"
        ]  # type: ignore[attr-defined]
        # InitVar's type is shown as the annotation written (a string), not the object given here
        assert [r[:8] for r in ours] == [r[:8] for r in theirs], cls
        assert field_names(cls) == tuple(f.name for f in dataclasses.fields(cls)), cls
        collected = [  # what values.py made __init__, __eq__, __hash__ and __repr__ from
            (
                f.name,
                "_FIELD_INITVAR" if f.initvar else "_FIELD",
                f.default,
                f.factory,
                f.init,
                f.repr,
                f.hash,
                f.compare,
            )
            for f in cls._wres_fields.all  # type: ignore[attr-defined]
        ]
        missing = wres_convert.fieldset.MISSING
        assert [tuple(dataclasses.MISSING if v is missing else v for v in r) for r in collected] == [
            r[:8] for r in theirs
        ], cls
        assert cls.__match_args__ == twin.__match_args__, cls  # type: ignore[attr-defined]
        checked += 1
    assert checked >= 90


def test_a_class_is_made_a_dataclass_only_when_asked() -> None:
    @value
    class Made:
        a: int
        b: tuple[int, ...] = field(default=())

    assert isinstance(Made.__dict__["__dataclass_fields__"], Lazy)
    assert Made(1) == Made(1, ()) and replace(Made(1), b=(2,)).b == (2,)
    assert isinstance(Made.__dict__["__dataclass_fields__"], Lazy)  # used, never asked for
    assert dataclasses.is_dataclass(Made)
    assert isinstance(Made.__dict__["__dataclass_fields__"], dict)
    assert [f.name for f in dataclasses.fields(Made)] == ["a", "b"] and Made.b == ()


def test_a_subclass_asked_first_makes_its_bases_too() -> None:
    @value
    class Base:
        a: int
        c: list[int] = field(default_factory=list)

    @value
    class Child(Base):
        b: str = "b"

    class Plain(Child):  # undecorated, as the API's CaseStudy
        pass

    assert [f.name for f in dataclasses.fields(Plain(1))] == ["a", "c", "b"]
    assert isinstance(Base.__dict__["__dataclass_fields__"], dict)
    assert not hasattr(Base, "c")  # a factory's field leaves no class attribute, as dataclasses
    assert dataclasses.replace(Plain(1), b="x") == replace(Plain(1), b="x")
    assert type(replace(Plain(1))) is Plain


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
    assert dataclasses.asdict(held) == {"a": 1}
    kinds = {f.name: f._field_type.name for f in Held.__dataclass_fields__.values()}  # type: ignore[attr-defined]
    assert kinds == {
        "a": "_FIELD",
        "secret": "_FIELD_INITVAR",
        "shared": "_FIELD_CLASSVAR",
        "typed": "_FIELD_CLASSVAR",
    }
    assert Held.__dataclass_fields__["secret"].type == "InitVar[str]"  # type: ignore[attr-defined]


def test_replace_is_dataclasses_replace() -> None:
    @record
    class Some:
        a: int
        hidden: int = field(default=0, init=False)
        needed: InitVar[int]  # noqa: F821

        def __post_init__(self, needed: int) -> None:
            self.seen = needed

    samples = [Span("text", bold=True), Paragraph((Span("a"),)), Picture(b"x", "image/png", alt="A")]
    for obj in samples:
        for changes in ({}, {"alt": "B"} if isinstance(obj, Picture) else {}):
            assert replace(obj, **changes) == dataclasses.replace(obj, **changes)
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


def test_converting_a_return_loads_no_dataclasses() -> None:
    # dataclasses imports inspect, ast, dis and tokenize: 7 ms that each run paid before its worker.
    code = (
        "import sys\nfrom wres_convert.run.convert import convert_bytes\n"
        f"cs = convert_bytes(open({str(SAMPLE)!r}, 'rb').read(), 'x.docx')\n"
        "assert cs.sections and 'dataclasses' not in sys.modules, sorted(sys.modules)\n"
        "import dataclasses\n"
        "assert 'Ian' not in repr(dataclasses.asdict(cs)) and cs.contact.names\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
