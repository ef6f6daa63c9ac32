"""The fields of a value class (values.py), collected as ``@dataclass`` collects them, without
importing dataclasses: it imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``),
about 7 ms that a one-file run paid before its worker could start, to write docstrings that
values.py writes itself.

Each class still is a dataclass to anyone who asks: ``__dataclass_fields__`` and
``__dataclass_params__`` stand in the class until first read, when dataclasses is imported and
makes them, with the same ``@dataclass(init=False, repr=False, eq=False)`` call values.py made
before (``fields()``, ``asdict()``, ``replace()`` and ``is_dataclass()`` read them). The tool's own
code uses ``replace`` and ``field_names`` from here, which read the fields collected here.

Annotations are read by name, as dataclasses reads a string annotation: ``ClassVar[...]`` (or
``typing.ClassVar``) is no field, ``InitVar[...]`` an init-only one, whether or not the module
imported the name at run time.
"""

from __future__ import annotations

import sys
from _thread import RLock
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # no default given


class Spec:
    """What ``field()`` returns: dataclasses.field's arguments, kept until dataclasses is needed."""

    __slots__ = ("kwargs",)

    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs

    def __repr__(self) -> str:
        return f"field({', '.join(f'{k}={v!r}' for k, v in self.kwargs.items())})"


def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    metadata: Any = None,
    kw_only: Any = MISSING,
) -> Any:
    """``dataclasses.field``, for a value class."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    given = {"init": init, "repr": repr, "hash": hash, "compare": compare, "metadata": metadata}
    for name, value in (("default", default), ("default_factory", default_factory), ("kw_only", kw_only)):
        if value is not MISSING:
            given[name] = value
    return Spec(given)


class Field:
    """One field as dataclasses would record it: what values.py makes ``__init__``, ``__eq__``,
    ``__hash__`` and ``__repr__`` from."""

    __slots__ = (
        "compare",
        "default",
        "factory",
        "hash",
        "init",
        "initvar",
        "kw_only",
        "name",
        "repr",
        "written",
    )

    def __init__(self, name: str, initvar: bool, spec: dict[str, Any], written: object) -> None:
        self.name, self.initvar = name, initvar
        self.written = written  # the class's own attribute as its body wrote it (MISSING: none)
        self.default = spec.get("default", MISSING)
        self.factory = spec.get("default_factory", MISSING)
        self.init = spec.get("init", True)
        self.repr = spec.get("repr", True)
        self.hash = spec.get("hash")
        self.compare = spec.get("compare", True)
        self.kw_only = spec.get("kw_only", False)


class Fields:
    """A class's fields, in dataclasses' order (the bases' first), and its own."""

    __slots__ = ("all", "fixed", "init", "names", "own")

    def __init__(self, all_fields: dict[str, Field], own: list[Field]) -> None:
        self.all = tuple(all_fields.values())
        self.own = tuple(own)
        self.names = tuple(f.name for f in self.all if not f.initvar)  # what fields() names
        # replace(): each init parameter, and whether it must be given (an InitVar with no default)
        self.init = tuple(
            (f.name, f.initvar and f.default is MISSING and f.factory is MISSING) for f in self.all if f.init
        )
        self.fixed = frozenset(f.name for f in self.all if not f.init)

    def __iter__(self) -> Iterator[Field]:
        return iter(self.all)


def collect(cls: type) -> Fields:
    """``cls``'s fields, as ``@dataclass`` collects them; its field() defaults replaced by their
    values (or removed, for a factory), as dataclasses leaves the class."""
    found: dict[str, Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        known = base.__dict__.get("_wres_fields")
        if known is not None:
            found.update((f.name, f) for f in known)
        elif "__dataclass_fields__" in base.__dict__:
            raise TypeError(
                f"{cls.__qualname__}: its base {base.__qualname__} is a dataclass: use @dataclass"
            )
    # As dataclasses reads them; inspect.get_annotations would load what this module avoids.
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    module = sys.modules.get(cls.__module__)
    own = []
    for name, annotation in annotations.items():
        kind = _kind(annotation, module)
        if kind == "ClassVar":
            found.pop(name, None)
            continue
        if kind == "KW_ONLY":
            raise TypeError(f"{cls.__qualname__}: keyword-only fields are not made here: use @dataclass")
        found[name] = f = _field(cls, name, kind == "InitVar")
        own.append(f)
    for name, attribute in cls.__dict__.items():
        if _written(attribute) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    for f in own:  # as dataclasses leaves the class: a default as the attribute, a factory none
        if _written(f.written):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    return Fields(found, own)


def _field(cls: type, name: str, initvar: bool) -> Field:
    written = getattr(cls, name, MISSING)  # getattr, as dataclasses: a base's default counts
    own = cls.__dict__.get(name, MISSING)
    if isinstance(written, Spec):
        f = Field(name, initvar, written.kwargs, own)
    elif _written(written):  # dataclasses.field(), used on a value class
        spec = {k: getattr(written, k) for k in ("init", "repr", "hash", "compare", "kw_only", "default")}
        spec["default_factory"] = written.default_factory
        missing = sys.modules["dataclasses"].MISSING
        f = Field(name, initvar, {k: v for k, v in spec.items() if v is not missing}, own)
    else:
        f = Field(name, initvar, {} if written is MISSING else {"default": written}, own)
    if initvar and f.factory is not MISSING:
        raise TypeError(f"field {name} cannot have a default factory")
    if not initvar and f.default is not MISSING and type(f.default).__hash__ is None:
        raise ValueError(
            f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
        )
    if f.kw_only is True:
        raise TypeError(f"{cls.__qualname__}: keyword-only fields are not made here: use @dataclass")
    return f


def _written(attribute: object) -> bool:
    """A field() of ours or of dataclasses (loaded, if one was made)."""
    if isinstance(attribute, Spec):
        return True
    dc = sys.modules.get("dataclasses")
    return dc is not None and isinstance(attribute, dc.Field)


_SPECIAL = {"ClassVar": "typing", "InitVar": "dataclasses", "KW_ONLY": "dataclasses"}


def _kind(annotation: object, module: object) -> str:
    """ "ClassVar", "InitVar", "KW_ONLY" or "" (a field), as dataclasses reads the annotation."""
    if isinstance(annotation, str):
        prefix, _, name = annotation.split("[", 1)[0].strip().rpartition(".")
        owner = _SPECIAL.get(name.strip())
        if owner is None:
            return ""
        prefix = prefix.strip()
        if prefix in ("", owner):
            return name.strip()
        named = getattr(module, prefix, None)  # "t.ClassVar" after "import typing as t"
        return name.strip() if getattr(named, "__name__", None) == owner else ""
    typing, dc = sys.modules.get("typing"), sys.modules.get("dataclasses")
    if typing is not None and (
        annotation is typing.ClassVar or getattr(annotation, "__origin__", None) is typing.ClassVar
    ):
        return "ClassVar"
    if dc is not None and (annotation is dc.InitVar or isinstance(annotation, dc.InitVar)):
        return "InitVar"
    if dc is not None and annotation is dc.KW_ONLY:
        return "KW_ONLY"
    return ""


# --- the dataclass, made when first asked for


class Lazy:
    """``__dataclass_fields__`` or ``__dataclass_params__`` until first read: dataclasses makes both."""

    __slots__ = ("cls", "name")

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        as_dataclass(self.cls)
        return self.cls.__dict__[self.name]


def stand_in(cls: type) -> None:
    """Put the stand-ins for dataclasses' attributes in ``cls``."""
    for name in ("__dataclass_fields__", "__dataclass_params__"):
        setattr(cls, name, Lazy(cls, name))


_MAKING = RLock()


def as_dataclass(cls: type) -> None:
    """Make ``cls`` a dataclass now: dataclasses collects its fields (as ``collect`` did) and
    writes no method. Its bases first, as dataclasses reads theirs."""
    with _MAKING:
        if not isinstance(cls.__dict__.get("__dataclass_fields__"), Lazy):
            return  # made already
        import dataclasses
        import typing

        for base in cls.__mro__[-1:0:-1]:
            if isinstance(base.__dict__.get("__dataclass_fields__"), Lazy):
                as_dataclass(base)
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        read = dict(annotations)  # each special one as the object dataclasses looks for
        for name, annotation in annotations.items():
            kind = _kind(annotation, sys.modules.get(cls.__module__))
            if kind == "ClassVar":
                read[name] = typing.ClassVar
            elif kind == "InitVar":
                read[name] = dataclasses.InitVar(object)  # type: ignore[arg-type]
        # The class's attributes as its body left them, for dataclasses to read (a property set
        # on it since, as CaseStudy.contact, is no default); put back as they are now after.
        own = cls.__dict__["_wres_fields"].own
        now = {f.name: cls.__dict__.get(f.name, MISSING) for f in own}
        for f in own:
            _put(
                cls,
                f.name,
                dataclasses.field(**f.written.kwargs) if isinstance(f.written, Spec) else f.written,
            )
        del cls.__dataclass_fields__, cls.__dataclass_params__  # type: ignore[attr-defined]
        cls.__annotations__ = read
        try:
            dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
        finally:
            cls.__annotations__ = annotations
            for name, attribute in now.items():
                _put(cls, name, attribute)
        for name, made in cls.__dataclass_fields__.items():  # type: ignore[attr-defined]
            if name in annotations:
                made.type = annotations[name]  # as written, as dataclasses keeps it


def _put(cls: type, name: str, attribute: object) -> None:
    if attribute is not MISSING:
        setattr(cls, name, attribute)
    elif name in cls.__dict__:
        delattr(cls, name)


# --- what the tool's code uses instead of dataclasses' helpers


def field_names(obj: object) -> tuple[str, ...]:
    """The names ``dataclasses.fields(obj)`` gives, in order."""
    known = getattr(obj if isinstance(obj, type) else type(obj), "_wres_fields", None)
    if known is None:
        import dataclasses

        return tuple(f.name for f in dataclasses.fields(obj))  # type: ignore[arg-type]
    return known.names  # type: ignore[no-any-return]


def instance_fields(obj: object) -> tuple[str, ...] | None:
    """``field_names(obj)`` for an instance of a dataclass, None for anything else (a class too),
    as ``dataclasses.is_dataclass`` tells them apart; dataclasses is not loaded to ask."""
    known = getattr(type(obj), "_wres_fields", None)
    if known is not None:
        return known.names  # type: ignore[no-any-return]
    dc = sys.modules.get("dataclasses")  # not loaded: no other dataclass can exist
    if dc is None or isinstance(obj, type) or not dc.is_dataclass(obj):
        return None
    return tuple(f.name for f in dc.fields(obj))


def replace(obj: Any, /, **changes: Any) -> Any:
    """``dataclasses.replace``: a copy of ``obj`` with ``changes``; faster, and without dataclasses."""
    known = getattr(type(obj), "_wres_fields", None)
    if known is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for name in known.fixed.intersection(changes):
        raise ValueError(f"field {name} is declared with init=False, it cannot be specified with replace()")
    for name, required in known.init:
        if name not in changes:
            if required:
                raise ValueError(f"InitVar {name!r} must be specified with replace()")
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)
