"""Output formats are plug-ins: entry points in the ``briefgen.formats`` group (issue 14, §3).

A toy format is installed the way pip installs a package: its module and a
``.dist-info`` folder with ``entry_points.txt`` on the import path (quick), or
``pip install`` into a fresh virtual environment (slow).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from briefgen.brief import Brief, assemble
from briefgen.config import load_workspace
from briefgen.formats import load
from briefgen.registry import GROUP, registered

from conftest import ROOT, run_cli

SLUG = "narcotrafic-diplomatie"

#: The toy format of the README's "Writing a format".
TOY_MODULE = '''\
from pathlib import Path


class Toy:
    """Each block of the brief: its source text, then its translation."""

    suffix = ".toy"

    def write(self, brief, path: Path) -> None:
        lines = [f"{brief.title} ({brief.source_lang} -> {brief.target_lang}, {brief.date.isoformat()})"]
        for block in brief.blocks:
            lines += ["", block.source, block.target]
        path.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
'''

TOY_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "briefgen-toy"
version = "1.0"

[project.entry-points."briefgen.formats"]
toy = "briefgen_toy:Toy"
"""


def installed_toy(site: Path) -> Path:
    """The toy package as an installer lays it out in ``site``: the module and its .dist-info."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "briefgen_toy.py").write_text(TOY_MODULE, encoding="utf-8")
    info = site / "briefgen_toy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: briefgen-toy\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text("[briefgen.formats]\ntoy = briefgen_toy:Toy\n", encoding="utf-8")
    return site


def with_toy(site: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(site)])}


def check_toy_output(workspace: Path) -> None:
    lines = (workspace / "out" / f"{SLUG}.en.toy").read_text(encoding="utf-8").splitlines()
    title = "La France passe à la vitesse supérieure dans sa guerre contre le trafic de drogue"
    assert lines[0] == f"{title} (fr -> en, 2025-11-08)"
    assert lines[2].startswith("Le 8 novembre 2025 – La France passe à la vitesse supérieure")
    assert lines[3].startswith("8 November 2025 – France is stepping up a gear")


def test_built_in_formats_are_entry_points_of_briefgen() -> None:
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    assert {name: found[name].value for name in ("pdf", "epub", "html")} == {
        "pdf": "briefgen.render.formats:pdf",
        "epub": "briefgen.render.formats:epub",
        "html": "briefgen.render.formats:html",
    }
    assert all(
        found[name].dist is not None and found[name].dist.name == "briefgen" for name in ("pdf", "html")
    )
    assert [load(name).suffix for name in ("pdf", "epub", "html")] == [".pdf", ".epub", ".html"]


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        registered()["toy"] = registered()["pdf"]  # type: ignore[index]


def test_a_format_installed_as_a_package_builds(workspace: Path, tmp_path: Path) -> None:
    env = with_toy(installed_toy(tmp_path / "site"))
    done = run_cli("build", "-f", "toy", cwd=workspace, env=env)
    assert done.returncode == 0, done.stderr
    check_toy_output(workspace)
    assert sorted(p.name for p in (workspace / "out").iterdir() if not p.name.startswith(".")) == [
        f"{SLUG}.en.toy"
    ]
    shown = run_cli("build", "--help", cwd=workspace, env=env)
    assert "[pdf|epub|html|toy]" in shown.stdout


def test_the_workspace_settings_accept_an_installed_format(workspace: Path, tmp_path: Path) -> None:
    settings = workspace / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('formats = ["pdf", "epub"]', 'formats = ["toy"]'), encoding="utf-8")
    missing = run_cli("build", cwd=workspace)
    assert missing.returncode == 1
    assert "pyproject.toml: error: formats must be a list drawn from pdf, epub, html" in missing.stderr
    done = run_cli("build", cwd=workspace, env=with_toy(installed_toy(tmp_path / "site")))
    assert done.returncode == 0, done.stderr
    check_toy_output(workspace)


def test_a_format_that_is_not_installed_is_a_usage_error(workspace: Path) -> None:
    done = run_cli("build", "-f", "toy", cwd=workspace)
    assert done.returncode == 2
    assert "'toy' is not one of 'pdf', 'epub', 'html'" in done.stderr
    assert "toy" not in run_cli("build", "--help", cwd=workspace).stdout


def test_an_epub_build_does_not_import_weasyprint(workspace: Path) -> None:
    script = (
        "import sys\nfrom briefgen.cli import main\n"
        "try:\n    main(['build', '-f', 'epub', '-q'])\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'weasyprint' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=workspace,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert (workspace / "out" / f"{SLUG}.en.epub").is_file()


MINI = """\
---
title: Un titre
date: 2025-01-02
---

Premier paragraphe.

Deuxième paragraphe.

Troisième paragraphe.
"""

MINI_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: sources/mini.md:2
msgid "Un titre"
msgstr "A title"

#: sources/mini.md:6
msgid "Premier paragraphe."
msgstr "First paragraph."

#: sources/mini.md:8
#, fuzzy
msgid "Deuxième paragraphe."
msgstr "Second paragraph."
"""


def test_a_brief_holds_its_blocks_in_order_with_the_target_falling_back(workspace: Path) -> None:
    (workspace / "sources" / "mini.md").write_text(MINI, encoding="utf-8")
    (workspace / "translations" / "en" / "LC_MESSAGES" / "mini.po").write_text(MINI_PO, encoding="utf-8")
    brief = assemble(load_workspace(workspace), workspace / "sources" / "mini.md", "en")
    assert isinstance(brief, Brief)
    assert (brief.slug, brief.title, brief.target_title) == ("mini", "Un titre", "A title")
    assert (brief.source_lang, brief.target_lang, brief.date) == ("fr", "en", dt.date(2025, 1, 2))
    assert [(b.source, b.target, b.status) for b in brief.blocks] == [
        ("Premier paragraphe.", "First paragraph.", "translated"),
        ("Deuxième paragraphe.", "Deuxième paragraphe.", "fuzzy"),  # shown in French, as in the PDF
        ("Troisième paragraphe.", "Troisième paragraphe.", "untranslated"),
    ]
    assert (brief.status.translated, brief.status.fuzzy, brief.status.untranslated) == (2, 1, 1)


@pytest.mark.slow
def test_a_format_pip_installed_as_a_package_builds(workspace: Path, tmp_path: Path) -> None:
    """The way a user goes: ``pip install`` a package that declares the entry point.

    Installed with pip into a folder of its own (``--target``) put on the path, so the test
    needs no other environment; ``--no-build-isolation`` builds it with the hatchling of
    the test dependencies instead of fetching one from the index.
    """
    package = tmp_path / "briefgen-toy"
    package.mkdir()
    (package / "pyproject.toml").write_text(TOY_PYPROJECT, encoding="utf-8")
    (package / "briefgen_toy.py").write_text(TOY_MODULE, encoding="utf-8")
    site = tmp_path / "site"
    pip_install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
    ]
    installed = subprocess.run(
        [*pip_install, "--target", str(site), str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    assert (site / "briefgen_toy-1.0.dist-info" / "entry_points.txt").is_file(), sorted(site.iterdir())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(site)])}
    briefgen = [sys.executable, "-m", "briefgen"]
    done = subprocess.run(
        [*briefgen, "build", "-f", "toy"], cwd=workspace, capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, done.stderr
    check_toy_output(workspace)
    shown = subprocess.run(
        [*briefgen, "build", "--help"], capture_output=True, text=True, check=True, env=env
    )
    assert "[pdf|epub|html|toy]" in shown.stdout
