"""The fields of a value class (values.py), collected as ``@dataclass`` collects them, without
importing dataclasses: it imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``),
about 7 ms that every run paid before a worker could start, to write docstrings that values.py
writes itself.

Each class still is a dataclass to anyone who asks: ``__dataclass_fields__`` and
``__dataclass_params__`` stand in the class until first read, when dataclasses makes them from
the fields collected here, on a copy of the class's fields (``@dataclass(init=False, repr=False,
eq=False)``, as values.py used to call it on the class itself), so ``fields()``, ``asdict()``,
``replace()`` and ``is_dataclass()`` work as on any dataclass, and the class is never touched.
The tool's own code uses ``replace``, ``field_names`` and ``instance_fields`` from here, which
read the fields collected here.

A string annotation's leading name is looked up in the class's module, as dataclasses looks it
up: ``ClassVar[...]`` (``typing.ClassVar``, or another name for it) is no field, ``InitVar[...]``
an init-only one. A name the module never bound at run time (imported for type checkers only) is
read as it is written.
"""

from __future__ import annotations

import sys
from _thread import allocate_lock  # a lock without loading threading
from typing import Any

# dataclasses.field's arguments and their defaults, in one place: field() and Field read them.
_OPTIONS: dict[str, Any] = {"init": True, "repr": True, "hash": None, "compare": True, "metadata": None}


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


def field(*, default: Any = MISSING, default_factory: Any = MISSING, **options: Any) -> Any:
    """``dataclasses.field`` for a ``@value`` or ``@record`` class (not for a ``@dataclass``):
    ``init``, ``repr``, ``hash``, ``compare`` and ``metadata`` as there; keyword-only fields are
    not made here."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    unknown = set(options) - set(_OPTIONS)
    if unknown:
        raise TypeError(f"field() does not take {', '.join(sorted(unknown))} here: use @dataclass")
    given = {**_OPTIONS, **options}
    for name, value in (("default", default), ("default_factory", default_factory)):
        if value is not MISSING:
            given[name] = value
    return Spec(given)


class Field:
    """One field as dataclasses would record it: what values.py makes ``__init__``, ``__eq__``,
    ``__hash__`` and ``__repr__`` from, and dataclasses its ``Field``."""

    __slots__ = (
        "annotation",
        "compare",
        "default",
        "factory",
        "hash",
        "init",
        "initvar",
        "name",
        "options",
        "repr",
    )

    def __init__(self, name: str, annotation: object, initvar: bool, spec: dict[str, Any]) -> None:
        self.name, self.annotation, self.initvar = name, annotation, initvar
        self.options = {k: spec.get(k, v) for k, v in _OPTIONS.items()}
        self.init, self.repr, self.hash, self.compare = (
            self.options[k] for k in ("init", "repr", "hash", "compare")
        )
        self.default = spec.get("default", MISSING)
        self.factory = spec.get("default_factory", MISSING)


class Fields:
    """A class's fields, in dataclasses' order (the bases' first)."""

    __slots__ = ("all", "fixed", "init", "names", "values")

    def __init__(self, found: dict[str, Field]) -> None:
        self.all = tuple(found.values())
        self.values = tuple(f for f in self.all if not f.initvar)  # what fields() gives
        self.names = tuple(f.name for f in self.values)
        # replace(): each init parameter, and whether it must be given (an InitVar with no default)
        self.init = tuple((f.name, f.initvar and f.default is MISSING) for f in self.all if f.init)
        self.fixed = frozenset(f.name for f in self.all if not f.init)


def prepare(cls: type) -> Fields:
    """Collect ``cls``'s fields, as ``@dataclass`` would, and stand in for its dataclass."""
    found = _collect(cls)
    cls._wres_fields = found  # type: ignore[attr-defined]
    for name in ("__dataclass_fields__", "__dataclass_params__"):
        setattr(cls, name, _Lazy(cls, name))
    return found


def _known(obj: object) -> Fields | None:
    """The fields collected for ``obj`` (a class or an instance) when it is a value class or an
    undecorated subclass of one; None for anything else, a dataclass made from one included."""
    for klass in (obj if isinstance(obj, type) else type(obj)).__mro__:
        found = klass.__dict__.get("_wres_fields")
        if found is not None:
            return found  # type: ignore[no-any-return]
        if "__dataclass_fields__" in klass.__dict__:
            return None
    return None


def _collect(cls: type) -> Fields:
    """``cls``'s fields, as ``@dataclass`` collects them; its field() defaults replaced by their
    values (or removed, for a factory), as dataclasses leaves the class."""
    found: dict[str, Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        known = base.__dict__.get("_wres_fields")
        if known is not None:
            found.update((f.name, f) for f in known.all)
        elif "__dataclass_fields__" in base.__dict__:  # made by dataclasses: its fields as it keeps them
            found.update((f.name, f) for f in _from_dataclass(base))
    annotations = _annotations(cls)
    own: list[tuple[Field, object]] = []
    for name, annotation in annotations.items():
        kind = _kind(annotation, sys.modules.get(cls.__module__))
        if kind == "ClassVar":  # no field; a field() given it leaves its default, as dataclasses
            found.pop(name, None)
            held = cls.__dict__.get(name)
            if _written(held):
                spec = _spec(cls, held)
                if "default_factory" in spec:
                    raise TypeError(f"field {name} cannot have a default factory")
                _put(cls, name, spec.get("default", MISSING))
            continue
        if kind == "KW_ONLY":
            raise _keyword_only(cls)
        seen = getattr(cls, name, MISSING)  # getattr, as dataclasses: a base's default counts
        found[name] = f = _field(cls, name, annotation, kind == "InitVar", seen)
        own.append((f, seen))
    for name, attribute in cls.__dict__.items():
        if _written(attribute) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    for f, seen in own:  # as dataclasses leaves the class: a default as the attribute, a factory none
        if _written(seen) and f.name in cls.__dict__:
            _put(cls, f.name, f.default)
    return Fields(found)


def _keyword_only(cls: type) -> TypeError:
    return TypeError(f"{cls.__qualname__}: keyword-only fields are not made here: use @dataclass")


def _put(cls: type, name: str, attribute: object) -> None:
    if attribute is not MISSING:
        setattr(cls, name, attribute)
    elif name in cls.__dict__:
        delattr(cls, name)


def _annotations(cls: type) -> dict[str, object]:
    """The class body's own annotations, as dataclasses reads them (``inspect.get_annotations``
    would load what this module avoids)."""
    written = cls.__dict__.get("__annotations__")  # noqa: RUF063 - see above
    if written is None and "__annotate__" in cls.__dict__:  # Python 3.14, without the future import
        import annotationlib  # type: ignore[import-not-found]

        written = annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)
    return dict(written or {})


def _field(cls: type, name: str, annotation: object, initvar: bool, seen: object) -> Field:
    if _written(seen):
        f = Field(name, annotation, initvar, _spec(cls, seen))
    else:
        f = Field(name, annotation, initvar, {} if seen is MISSING else {"default": seen})
    if initvar and f.factory is not MISSING:
        raise TypeError(f"field {name} cannot have a default factory")
    if not initvar and f.default is not MISSING and type(f.default).__hash__ is None:
        raise ValueError(
            f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
        )
    return f


def _spec(cls: type, written: Any) -> dict[str, Any]:
    """A field()'s arguments, ours or dataclasses'."""
    if isinstance(written, Spec):
        return written.kwargs
    if written.kw_only is True:
        raise _keyword_only(cls)
    missing = sys.modules["dataclasses"].MISSING
    spec = {k: getattr(written, k) for k in (*_OPTIONS, "default", "default_factory")}
    return {k: v for k, v in spec.items() if v is not missing}


def _from_dataclass(base: type) -> list[Field]:
    """The fields of a base that dataclasses made, as collected here."""
    made = []
    for f in base.__dict__["__dataclass_fields__"].values():
        kind = f._field_type.name  # _FIELD, _FIELD_INITVAR, _FIELD_CLASSVAR
        if kind != "_FIELD_CLASSVAR":
            made.append(Field(f.name, f.type, kind == "_FIELD_INITVAR", _spec(base, f)))
    return made


def _written(attribute: object) -> bool:
    """A field() of ours or of dataclasses (loaded, if one was made)."""
    if isinstance(attribute, Spec):
        return True
    dc = sys.modules.get("dataclasses")
    return dc is not None and isinstance(attribute, dc.Field)


_SPECIAL = {"ClassVar": "typing", "InitVar": "dataclasses", "KW_ONLY": "dataclasses"}


def _kind(annotation: object, module: object) -> str:
    """ "ClassVar", "InitVar", "KW_ONLY" or "" (a field), as dataclasses reads the annotation: a
    string's leading name (``CV[int]``, ``typing.ClassVar[int]``) looked up in the class's module,
    and by the name itself when the module never bound it at run time (a TYPE_CHECKING import)."""
    if not isinstance(annotation, str):
        return _special(annotation)
    prefix, _, name = annotation.split("[", 1)[0].strip().rpartition(".")
    name, prefix = name.strip(), prefix.strip()
    # The namespaces themselves, as dataclasses reads them: a module's __getattr__ is not asked.
    owner = getattr(module, "__dict__", {}).get(prefix) if prefix else module
    named = getattr(owner, "__dict__", {}).get(name, MISSING) if name.isidentifier() else MISSING
    if named is not MISSING:
        return _special(named)
    special = _SPECIAL.get(name)
    return name if special is not None and prefix in ("", special) else ""


def _special(annotation: object) -> str:
    typing, dc = sys.modules.get("typing"), sys.modules.get("dataclasses")
    if typing is not None and typing.ClassVar in (annotation, getattr(annotation, "__origin__", None)):
        return "ClassVar"
    if dc is not None and (annotation is dc.InitVar or isinstance(annotation, dc.InitVar)):
        return "InitVar"
    if dc is not None and annotation is dc.KW_ONLY:
        return "KW_ONLY"
    return ""


# --- the dataclass, made when first asked for


class _Lazy:
    """``__dataclass_fields__`` or ``__dataclass_params__`` until first read."""

    __slots__ = ("cls", "name")

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        with _MAKING:
            if isinstance(self.cls.__dict__.get(self.name), _Lazy):
                _as_dataclass(self.cls)
        return self.cls.__dict__[self.name]


_MAKING = allocate_lock()  # two threads asking at once make the class's dataclass once


def _as_dataclass(cls: type) -> None:
    """Give ``cls`` the ``__dataclass_fields__`` and ``__dataclass_params__`` dataclasses makes
    of its fields: made on a class of their own, which holds nothing else."""
    import dataclasses

    body: dict[str, Any] = {
        "__annotations__": {},
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
    }
    for f in cls._wres_fields.all:  # type: ignore[attr-defined]
        body["__annotations__"][f.name] = dataclasses.InitVar(object) if f.initvar else f.annotation  # type: ignore[arg-type]
        given = {"default": f.default, "default_factory": f.factory}
        body[f.name] = dataclasses.field(**f.options, **{k: v for k, v in given.items() if v is not MISSING})
    made = dataclasses.dataclass(init=False, repr=False, eq=False)(type(cls.__name__, (), body))
    for f in cls._wres_fields.all:  # type: ignore[attr-defined]
        made.__dataclass_fields__[f.name].type = f.annotation  # as written, as dataclasses keeps it
    cls.__dataclass_params__ = made.__dataclass_params__  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = made.__dataclass_fields__  # type: ignore[attr-defined]


# --- what the tool's code uses instead of dataclasses' helpers


def field_names(obj: object) -> tuple[str, ...]:
    """The names ``dataclasses.fields(obj)`` gives, in order."""
    known = _known(obj)
    if known is None:
        import dataclasses

        return tuple(f.name for f in dataclasses.fields(obj))  # type: ignore[arg-type]
    return known.names


def instance_fields(obj: object) -> tuple[str, ...] | None:
    """``field_names(obj)`` for an instance of a dataclass, None for anything else (a class too),
    as ``dataclasses.is_dataclass`` tells them apart; dataclasses is not loaded to ask."""
    if isinstance(obj, type):
        return None
    if _known(obj) is None:
        dc = sys.modules.get("dataclasses")  # not loaded: no other dataclass can exist
        if dc is None or not dc.is_dataclass(obj):
            return None
    return field_names(obj)


def replace(obj: Any, /, **changes: Any) -> Any:
    """``dataclasses.replace``: a copy of ``obj`` with ``changes``; faster, and without dataclasses."""
    known = _known(type(obj))
    if known is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    if fixed := known.fixed.intersection(changes):
        raise ValueError(
            f"field {min(fixed)} is declared with init=False, it cannot be specified with replace()"
        )
    for name, required in known.init:
        if name not in changes:
            if required:
                raise ValueError(f"InitVar {name!r} must be specified with replace()")
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)
