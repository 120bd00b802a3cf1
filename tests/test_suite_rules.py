"""Rules of the test suite itself (issue 14, section 4), checked with ``ast``.

- no test reads a private name of briefgen or of a dependency: no ``module._name`` on an
  imported module (dunder names such as ``__file__`` are public), no ``from x import _name``,
  no ``getattr(module, "_name")`` / ``monkeypatch.setattr(module, "_name", ...)``, no dotted
  string ``"briefgen.x._name"``; Python snippets passed to a subprocess as string constants
  are checked the same way;
- no test waits a fixed time: ``time.sleep`` is a race a loaded machine loses;
- a test that needs an external tool skips where it is missing, with the reason, and fails
  instead under ``BRIEFGEN_REQUIRE_TOOLS=1``, which ``.ci/run`` sets.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REQUIRE_TOOLS, ROOT, require_tool

TESTS = ROOT / "tests"
#: Underscore names that are documented public API of the standard library.
PUBLIC_UNDERSCORE = {"os._exit"}
#: A class's own attributes, which are no one else's private names.
OWN = {"self", "cls"}
DOTTED_PRIVATE = re.compile(r"^briefgen(\.[a-z]\w*)*\._[a-z]\w*")


def _test_files() -> list[Path]:
    """Every test module but this one, whose examples break the rules on purpose."""
    return sorted(
        p
        for p in TESTS.rglob("*.py")
        if "data" not in p.relative_to(TESTS).parts and p.name != Path(__file__).name
    )


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imported_names(tree: ast.AST) -> dict[str, str]:
    """local name -> what it was imported as (``import a.b`` binds ``a``)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                names[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module or ''}.{alias.name}"
    return names


def _root(node: ast.expr) -> ast.Name | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def private_uses(source: str, where: str, *, snippet: bool = False) -> Iterator[str]:
    """Each use of a private name of an imported module in ``source``, as ``where:LINE what``.

    In a ``snippet`` (code in a string, run with names its caller imported), every
    ``name._private`` counts, but ``self._x`` and ``cls._x``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    imported = _imported_names(tree)
    if snippet:
        imported.update(
            (node.id, node.id) for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id not in OWN
        )
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if _private(alias.name) or any(_private(part) for part in (node.module or "").split(".")):
                    yield f"{where}:{line} from {node.module} import {alias.name}"
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            root = _root(node.value)
            if root is not None and root.id in imported:
                dotted = f"{ast.unparse(node.value)}.{node.attr}"
                if dotted not in PUBLIC_UNDERSCORE:
                    yield f"{where}:{line} {dotted}"
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            target, name = node.args[0], node.args[1]
            root = _root(target)
            if (
                root is not None
                and root.id in imported
                and isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and _private(name.value)
            ):
                yield f"{where}:{line} {ast.unparse(node)}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if DOTTED_PRIVATE.match(node.value):
                yield f"{where}:{line} {node.value!r}"
            elif "\n" in node.value:
                # Maybe a Python snippet run in a subprocess: its lines are relative to the string.
                yield from private_uses(node.value, f"{where}:{line}+snippet", snippet=True)


def _sleeps(source: str, where: str) -> Iterator[str]:
    tree = ast.parse(source)
    imported = _imported_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "sleep":
                root = _root(func.value)
                if root is not None and imported.get(root.id, "").partition(".")[0] == "time":
                    yield f"{where}:{node.lineno} {ast.unparse(node)}"
            elif isinstance(func, ast.Name) and imported.get(func.id) == "time.sleep":
                yield f"{where}:{node.lineno} {ast.unparse(node)}"


@pytest.mark.parametrize("path", _test_files(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_reads_a_private_name(path: Path) -> None:
    found = list(private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))))
    assert not found, "tests must use public names only:\n" + "\n".join(found)


@pytest.mark.parametrize("path", _test_files(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_sleeps(path: Path) -> None:
    found = list(_sleeps(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))))
    assert not found, "wait for an event with a bounded poll, never a fixed sleep:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from briefgen import wrap\nwrap._fast(1)\n", 1),
        ("import briefgen.render.hyphenation as h\nh._dictionary\n", 1),
        ("import briefgen.render.hyphenation\nbriefgen.render.hyphenation._dictionary\n", 1),
        ("from briefgen.cli import _quick\n", 1),
        ("import pyphen\ngetattr(pyphen, '_cache')\n", 1),
        ("x = 'briefgen.build._prepare'\n", 1),
        ("s = 'import build\\nbuild._prepare = 1\\n'\n", 1),
        ("s = 'build._prepare = 1\\nforking._run(2)\\n'\n", 2),
        ("s = 'Texte.\\n---\\ntitle: [oops\\n'\n", 0),
        ("import os\nos._exit(1)\nos.__file__\n", 0),
        ("class A:\n    def f(self):\n        return self._x\n", 0),
        ("from briefgen import wrap\nwrap.fill('a')\n", 0),
    ],
)
def test_the_private_name_rule_sees_what_it_must(source: str, expected: int) -> None:
    assert len(list(private_uses(source, "t.py"))) == expected


def test_the_sleep_rule_sees_what_it_must() -> None:
    assert len(list(_sleeps("import time\ntime.sleep(1)\nfrom time import sleep\nsleep(2)\n", "t"))) == 2
    assert not list(_sleeps("import time\ntime.monotonic()\n", "t"))


# -- external tools: skipped where missing, required in CI -----------------------------------------

ABSENT = "briefgen-no-such-validator"


def test_a_missing_tool_skips_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_TOOLS, raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"{ABSENT} is not installed \\(a reason\\)"):
        require_tool(ABSENT, "a reason")
    monkeypatch.setenv(REQUIRE_TOOLS, "0")
    with pytest.raises(pytest.skip.Exception, match=r"\.ci/setup installs it"):
        require_tool(ABSENT)


def test_a_missing_tool_fails_when_ci_requires_every_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_TOOLS, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{ABSENT} is not installed.*{REQUIRE_TOOLS}=1"):
        require_tool(ABSENT)


@pytest.mark.parametrize("required", ["", "1"])
def test_a_present_tool_is_found_in_both_modes(monkeypatch: pytest.MonkeyPatch, required: str) -> None:
    monkeypatch.setenv(REQUIRE_TOOLS, required)
    assert require_tool("sh") == shutil.which("sh")


def test_ci_requires_every_tool() -> None:
    """``.ci/run`` turns skips for missing tools into failures, and runs the README's test command."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^export {REQUIRE_TOOLS}=1$", script, re.MULTILINE), script
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^    (\.ci/setup && .*)$", readme, re.MULTILINE)
    assert command is not None, "the README's test command"
    assert script.rstrip().splitlines()[-1] == command[1]
