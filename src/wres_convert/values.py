"""``@value`` and ``@record``: the tool's dataclasses, frozen or not, made cheap to define.

``@dataclass(frozen=True)`` compiles ``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``,
``__hash__`` and ``__repr__`` from source for every class, and makes a docstring with
``inspect.signature``: about half a millisecond a class, and a one-file run defines some sixty,
before its worker can start. Here the fields are collected as dataclasses collects them
(fieldset.py, which leaves dataclasses unloaded until something asks a class for its dataclass
fields: ``fields()``, ``replace()``, ``asdict()`` and ``is_dataclass()`` work as on any dataclass);
``__init__`` is the one method compiled, as dataclasses writes it for a frozen class (each field
set with ``object.__setattr__``); assignment raises ``FrozenInstanceError`` from one shared
function; ``__eq__``, ``__hash__`` and ``__repr__`` are closures over the fields, equal to the
generated ones: the same tuples compared and hashed, the same text. ``@record`` is the same for a
mutable ``@dataclass``, whose ``__init__`` assigns its fields (three times faster than
``object.__setattr__``); neither takes a class that defines ``__setattr__`` (or any method they
make) itself. With ``eq=False`` (a reader's working state, a standard pack) no ``__eq__`` or
``__hash__`` is made: compared and hashed by identity, as with ``@dataclass(eq=False)``. Only the
PDF reader's per-character classes stay ``@dataclass(slots=True)``: their slots keep a page's
thousands of glyphs small. ``field``, ``replace`` and ``field_names`` are dataclasses' helpers for
these classes (fieldset.py).

Compiling the ``__init__`` sources was still 6 ms of the 8 these decorators took before a worker
could start: the compiled code is kept between runs (``cache.Kept``), looked up by its source,
for this interpreter only.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from types import CodeType
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform, overload

from wres_convert import cache, fieldset
from wres_convert.fieldset import MISSING, field_names, instance_fields, replace

if TYPE_CHECKING:
    from dataclasses import field  # what type checkers know; fieldset.field at run time
else:
    from wres_convert.fieldset import field

__all__ = ["field", "field_names", "instance_fields", "record", "replace", "value"]

_T = TypeVar("_T")


@overload
def value(cls: type[_T], /) -> type[_T]: ...
@overload
def value(*, eq: bool = True) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))  # type checkers: a frozen dataclass
def value(cls: type[_T] | None = None, /, *, eq: bool = True) -> Any:
    """``@dataclass(frozen=True)``, made faster to define (see the module's docstring).
    ``@value(eq=False)``: as ``@dataclass(frozen=True, eq=False)``, compared and hashed by identity."""

    def make(cls: type[_T]) -> type[_T]:
        cls = _fields_of(cls, eq, frozen=True)
        cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign,assignment]
        cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign,assignment]
        if not eq:
            _methods(cls, eq=False)
            return cls
        own = cls._wres_fields.values  # type: ignore[attr-defined]
        hashed = _getter(tuple(f.name for f in own if (f.compare if f.hash is None else f.hash)))

        def __hash__(self: Any) -> int:
            return hash(hashed(self))

        _methods(cls, eq=True, hash_method=__hash__)
        return cls

    return make if cls is None else make(cls)


@overload
def record(cls: type[_T], /) -> type[_T]: ...
@overload
def record(*, eq: bool = True) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(field,))  # type checkers: a dataclass
def record(cls: type[_T] | None = None, /, *, eq: bool = True) -> Any:
    """``@dataclass``: mutable, compared and shown by its fields, unhashable; defined as cheaply
    as a value class. ``@record(eq=False)``: as ``@dataclass(eq=False)``, compared and hashed by
    identity (a reader's working state)."""

    def make(cls: type[_T]) -> type[_T]:
        cls = _fields_of(cls, eq, frozen=False)
        _methods(cls, eq=eq)
        return cls

    return make if cls is None else make(cls)


def _fields_of(cls: type[_T], eq: bool, *, frozen: bool) -> type[_T]:
    """``cls`` with its fields collected as dataclasses would (fieldset.py), and the one
    ``__init__`` it would write."""
    own = (_MADE if eq else _MADE - _IDENTITY).intersection(cls.__dict__)
    if own:  # dataclasses would keep them, or refuse; made here, they would be replaced unseen
        raise TypeError(f"{cls.__qualname__} defines {', '.join(sorted(own))}: use @dataclass for it")
    if cls.__dict__.get("__doc__") is None:
        cls.__doc__ = cls.__name__  # dataclasses would call inspect.signature to write one
    found = fieldset.prepare(cls)
    if "__match_args__" not in cls.__dict__:  # as dataclasses sets it
        cls.__match_args__ = tuple(f.name for f in found.all if f.init)  # type: ignore[attr-defined]
    if "__replace__" not in cls.__dict__:  # copy.replace() (Python 3.13), as dataclasses sets it
        cls.__replace__ = replace  # type: ignore[attr-defined]
    cls.__init__ = _init(cls, found, frozen)  # type: ignore[misc]
    return cls


_MADE = frozenset({"__init__", "__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__"})
_IDENTITY = frozenset({"__eq__", "__hash__"})  # not made with eq=False: a class may have its own


def _methods(cls: type, *, eq: bool, hash_method: Callable[[Any], int] | None = None) -> None:
    """``__repr__`` over the fields, as dataclasses writes it; with ``eq``, ``__eq__`` too and
    ``__hash__`` (None: unhashable, as a mutable dataclass)."""
    own = cls._wres_fields.values  # type: ignore[attr-defined]
    compared = _getter(tuple(f.name for f in own if f.compare))
    shown = tuple(f.name for f in own if f.repr)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)  # type: ignore[no-any-return]
        return NotImplemented

    @recursive_repr()  # "..." for a value inside itself, as dataclasses' repr says
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    for method in (__eq__, __repr__, hash_method):
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    cls.__repr__ = __repr__  # type: ignore[method-assign,assignment]
    if eq:
        cls.__eq__ = __eq__  # type: ignore[method-assign,assignment]
        cls.__hash__ = hash_method  # type: ignore[method-assign,assignment]


def _frozen_setattr(self: object, name: str, value: object) -> None:
    _refuse_on_frozen(self, name, "assign to")
    object.__setattr__(self, name, value)


def _frozen_delattr(self: object, name: str) -> None:
    _refuse_on_frozen(self, name, "delete")
    object.__delattr__(self, name)


def _refuse_on_frozen(obj: object, name: str, what: str) -> None:
    """As a frozen dataclass: nothing is set on the class's own instances; an undecorated
    subclass's instances take attributes that are not fields."""
    cls = type(obj)
    if cls.__dict__.get("__setattr__") is _frozen_setattr or name in cls._wres_fields.names:  # type: ignore[attr-defined]
        from dataclasses import FrozenInstanceError  # the error dataclasses raises: caught as one

        raise FrozenInstanceError(f"cannot {what} field {name!r}")


class _Factory:
    """Stands for "not given" where a field's default comes from its factory."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
_GLOBALS = {"_set": object.__setattr__, "_FACTORY": _FACTORY, "__builtins__": __builtins__}


def _init(cls: type, found: fieldset.Fields, frozen: bool) -> Callable[..., None]:
    """The ``__init__`` dataclasses writes: the fields' parameters in order, with their defaults;
    each set with ``object.__setattr__`` in a frozen class, assigned in a mutable one (three
    times faster: a PDF's lines have sixteen fields); a factory called when its field is not
    given; ``__post_init__`` called with the init-only values."""
    params, body, given = ["self"], [], {}
    initvars = []
    for f in found.all:
        if f.name == "self":
            raise TypeError(f"{cls.__qualname__}: a field named 'self' is not made here")
        name = f.name
        if f.factory is not MISSING:
            given[f"_factory_{name}"] = f.factory
            if f.init:
                params.append(f"{name}=_FACTORY")
                made = f"_factory_{name}() if {name} is _FACTORY else {name}"
            else:
                made = f"_factory_{name}()"
        elif f.init:
            if f.default is not MISSING:
                given[f"_default_{name}"] = f.default
                params.append(f"{name}=_default_{name}")
            else:
                params.append(name)
            made = name
        else:
            continue  # not initialised: the class attribute holds its default
        if f.initvar:
            initvars.append(name)
        else:
            body.append(f"_set(self, {name!r}, {made})" if frozen else f"self.{name} = {made}")
    if hasattr(cls, "__post_init__"):
        body.append(f"self.__post_init__({', '.join(initvars)})")
    lines = "\n".join(f"  {line}" for line in body or ["pass"])
    source = f"def make({', '.join(given)}):\n def __init__({', '.join(params)}):\n{lines}\n return __init__"
    space: dict[str, Any] = {}
    exec(_compiled(source), _GLOBALS, space)  # the source is made above from the field names alone
    init: Callable[..., None] = space["make"](**given)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _compiled(source: str) -> CodeType:
    """``compile(source)``, from the cache when this interpreter compiled it before."""
    kept = _CODE.get(source)
    if isinstance(kept, bytes):
        try:
            code = marshal.loads(kept)
            if isinstance(code, CodeType):
                return code
        except Exception:  # damaged (marshal may raise SystemError too): compiled again and replaced
            pass
    code = compile(source, "<string>", "exec")  # as exec(source) names it
    if _CODE.keeping():
        _CODE.put(source, marshal.dumps(code))
    return code


_CODE_FORMAT = 1  # bumped when an entry's shape changes


def _code_key() -> tuple[object, ...]:
    # Code objects and their marshalled form change with the interpreter, its marshal format and -O.
    return (_CODE_FORMAT, *cache.interpreter(), marshal.version, sys.flags.optimize)


# A few hundred sources: the package's classes (about 90), a user's own value classes, and versions.
_CODE = cache.Kept(lambda: cache.per_interpreter("inits"), _code_key, most=2000)


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The fields' values as one tuple, as the generated methods build it."""
    if len(names) > 1:
        return attrgetter(*names)  # a tuple, made in C
    if names:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()
