"""The folder layout is the pipeline: readers -> document model -> template mapper -> case study ->
writers, run by run/ and cli/. No module imports from a later stage than its own (lazy imports
inside functions included), and no modules import each other in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "src" / "wres_convert"
# Each stage may import from its own stage and the ones before it, never after.
STAGES = {
    "model": 0,
    "values": 0,
    "fieldset": 0,
    "digest": 0,
    "text": 1,
    "errors": 1,
    "cache": 0,
    "standard": 2,
    "readers": 3,
    "template": 4,
    "casestudy": 5,
    "writers": 6,
    "run": 7,
    "cli": 8,
    "__init__": 9,
    "__main__": 9,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, name: str) -> set[str]:
    """The project modules ``path`` imports, at any depth (lazy ones too); type-only ones are left
    out, since they never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for n in ast.walk(node))
    found: set[str] = set()
    known = modules()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("wres_convert"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("wres_convert"))
    found.discard(name)
    return {m for m in found if m != "wres_convert"}


def stage(module: str) -> int:
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else "__init__"]


def test_no_module_imports_from_a_later_stage() -> None:
    upward = [
        f"{name} (stage {stage(name)}) imports {other} (stage {stage(other)})"
        for name, path in modules().items()
        for other in imports(path, name)
        if stage(other) > stage(name)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    graph = {name: imports(path, name) for name, path in modules().items()}
    # A package's __init__ imported by its own modules is not a cycle of logic; skip parent links.
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_every_module_belongs_to_a_stage_and_none_is_past_about_400_lines() -> None:
    for name in modules():
        stage(name)  # a KeyError names a module outside the layout
    long = {n: len(p.read_text().splitlines()) for n, p in modules().items()}
    assert {n: lines for n, lines in long.items() if lines > 400} == {}


RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def test_fixed_patterns_are_compiled_by_the_kept_patterns() -> None:
    """A pattern written out in the source is compiled through text.patterns (kept between runs:
    CPython compiles each in pure Python in every process), never by ``re`` directly. Patterns
    built from a submission's text are not constants and keep ``re.compile``."""
    found = []
    for name, path in modules().items():
        if name == "wres_convert.text.patterns":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in RE_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: re.{node.func.attr}")
    assert not found, "use patterns.compile (or lazy.pattern) for:\n" + "\n".join(found)
