"""The shape of ``src/briefgen`` (issue 14), checked from the code itself with ``ast``.

- the stages import downwards only: ``sources``, ``catalogs`` and ``facts`` never import
  ``render``, ``build``, ``cli`` or ``preview``; ``render`` never imports ``build``, ``cli``
  or ``preview``;
- no import cycle between modules, function-level imports included;
- no module over 500 lines, no function over 60;
- no patch of another library: no assignment to an attribute of an imported module
  (``ctypes.util.find_library = ...``), no ``sys.modules`` surgery, no module-level
  ``__getattr__``, no code-object rewriting, no ``gc.freeze``;
- nothing outside the language profiles names a language code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "briefgen"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

#: stage -> the stages it must never import (a stage is the first name under briefgen.)
FORBIDDEN = {
    "sources": {"render", "build", "cli", "preview", "formats"},
    "catalogs": {"render", "build", "cli", "preview", "formats"},
    "facts": {"render", "build", "cli", "preview", "formats"},
    "languages": {"render", "build", "cli", "preview", "catalogs", "facts", "sources", "formats"},
    "brief": {"render", "build", "cli", "preview", "formats"},
    "render": {"build", "cli", "preview"},
    "formats": {"build", "cli", "preview"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The briefgen modules ``name`` imports, at any level of the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.add(candidate if candidate in MODULES else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_stages_import_downwards(module: str) -> None:
    forbidden = FORBIDDEN.get(_stage(module), set())
    wrong = sorted(imported for imported in GRAPH[module] if _stage(imported) in forbidden)
    assert not wrong, f"{module} imports {wrong}: a lower stage must not import an upper one"


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(GRAPH[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_the_check_sees_a_cycle() -> None:
    """The cycle finder itself finds one (so the test above can fail)."""
    saved = dict(GRAPH)
    try:
        GRAPH["briefgen.errors"] = {"briefgen.config"}
        GRAPH["briefgen.config"] = {"briefgen.errors"}
        assert ["briefgen.config", "briefgen.errors"] in _cycles()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module} has {lines} lines (at most {MAX_MODULE_LINES})"


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


@pytest.mark.parametrize("module", sorted(MODULES))
def test_function_size(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({(node.end_lineno or node.lineno) - node.lineno + 1} lines)"
        for node in _functions(tree)
        if (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{module}: functions over {MAX_FUNCTION_LINES} lines: {long}"


#: Settings that a library documents as set by assignment (the standard library's hooks).
DOCUMENTED_HOOKS = {"sys.unraisablehook", "sys.excepthook", "sys.path", "os.environ"}
#: Names whose use is a patch or a bet on the collector (issue 14).
FORBIDDEN_NAMES = {"sys.modules", "gc.freeze", "gc.disable"}


def _name(node: ast.expr) -> str:
    """``sys.path`` for ``sys.path[0]`` and ``sys.path``; a dotted name as far as it goes."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return ast.unparse(node)


def _patches(tree: ast.Module) -> Iterator[str]:
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            imported.update(alias.asname or alias.name for alias in node.names)
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            root = target
            while isinstance(root, ast.Attribute | ast.Subscript):
                root = root.value
            if (
                isinstance(target, ast.Attribute | ast.Subscript)
                and isinstance(root, ast.Name)
                and root.id in imported
                and _name(target) not in DOCUMENTED_HOOKS
            ):
                yield f"line {node.lineno}: assigns into the imported module {root.id!r}"
        if isinstance(node, ast.Attribute) and _name(node) in FORBIDDEN_NAMES:
            yield f"line {node.lineno}: touches {_name(node)}"
        elif isinstance(node, ast.Attribute) and node.attr in {"co_stacksize", "__code__"}:
            yield f"line {node.lineno}: touches {node.attr}"
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            yield f"line {node.lineno}: module-level __getattr__"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_patch_of_other_libraries(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    assert list(_patches(tree)) == []


def test_the_patch_check_sees_a_patch() -> None:
    code = "import ctypes.util\nimport sys\nctypes.util.find_library = None\ndel sys.modules['x']\n"
    assert len(list(_patches(ast.parse(code)))) == 3
