"""The command line's option parsing (click's) and the global -C DIR, through the public CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main

from conftest import ROOT, run_cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "a.po", "b.pot", "--outptu", "c.po"), "No such option '--outptu'. (Did you mean one of:"),
        (("merge", "a.po", "b.pot", "-x"), "No such option '-x'."),
        (("--qiuet", "status"), "No such option '--qiuet'. Did you mean '--quiet'?"),
        (("-Q", "status"), "No such option '-Q'."),
        (("build", "--froce"), "No such option '--froce'. Did you mean '--force'?"),
    ],
)
def test_unknown_options_are_usage_errors_with_suggestions(args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2
    assert message in result.output


PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Bonjour"\nmsgstr "Hello"\n'
POT = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Bonjour"\nmsgstr ""\n'


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "out.po"],
        ["-oout.po"],
        ["--output", "out.po"],
        ["--output=out.po"],
        ["-N", "-o", "out.po", "-w", "40"],
        ["-No", "out.po", "-w40"],
        ["-Noout.po"],
    ],
    ids=" ".join,
)
def test_short_options_alone_attached_and_grouped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """-o FILE, -oFILE, -w N, -wN and grouped flags (-No FILE) mean what click says they mean."""
    (tmp_path / "a.po").write_text(PO, encoding="utf-8")
    (tmp_path / "b.pot").write_text(POT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["-q", "merge", "a.po", "b.pot", *args])
    assert result.exit_code == 0, result.output
    assert 'msgstr "Hello"' in (tmp_path / "out.po").read_text(encoding="utf-8")


def test_dash_o_dash_writes_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.po").write_text(PO, encoding="utf-8")
    (tmp_path / "b.pot").write_text(POT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["-q", "merge", "a.po", "b.pot", "-o-"])
    assert result.exit_code == 0, result.output
    assert 'msgstr "Hello"' in result.output
    assert not (tmp_path / "-").exists()


def test_a_grouped_unknown_short_option_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["merge", "a.po", "b.pot", "-Nz"])
    assert result.exit_code == 2
    assert "No such option: -z" in result.output or "No such option '-z'" in result.output


def test_the_global_short_option_takes_its_folder(workspace: Path) -> None:
    attached = run_cli(f"-C{workspace}", "status")
    spaced = run_cli("-C", str(workspace), "status")
    assert attached.returncode == spaced.returncode == 0, attached.stderr
    assert attached.stdout == spaced.stdout
    assert "narcotrafic-diplomatie" in attached.stdout


def test_dash_c_runs_as_if_started_in_the_workspace(workspace: Path, tmp_path: Path) -> None:
    """As git -C and make -C: paths on the command line are read from DIR, and messages name
    files relative to it, errors and warnings alike."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    po = "translations/en/LC_MESSAGES/narcotrafic-diplomatie.po"
    facts = run_cli("-C", str(workspace), "facts", "sources/narcotrafic-diplomatie.md", cwd=elsewhere)
    assert facts.returncode == 0, facts.stderr
    assert "20 %" in facts.stdout
    catalog = workspace / po
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("by 20%", "by 25%"), encoding="utf-8")
    check = run_cli("-C", str(workspace), "check", po, cwd=elsewhere)
    assert check.returncode == 1
    assert check.stdout.startswith(f"{po}:")
    built = run_cli("-C", str(workspace), "build", "-f", "html", "--strict", cwd=elsewhere)
    assert built.returncode == 1
    assert f"error: {po}:" in built.stderr
    missing = run_cli("-C", "no-such-folder", "build", cwd=elsewhere)
    assert missing.returncode == 1
    assert missing.stderr.startswith("no-such-folder: error: this folder does not exist")


def test_dash_c_never_imports_code_from_the_workspace(workspace: Path, tmp_path: Path) -> None:
    """A workspace is other people's files (README, security model): a ``yaml.py`` in it is not run,
    even under ``python -c``, whose import path starts with the current folder."""
    (workspace / "yaml.py").write_text("raise SystemExit('workspace code ran')\n", encoding="utf-8")
    script = "import sys\nfrom briefgen.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    result = subprocess.run(
        [sys.executable, "-c", script, "-C", str(workspace), "build", "-f", "html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 0, result.stderr
    assert "workspace code ran" not in result.stderr


def test_box_prints_the_entries_the_outputs_show(workspace: Path) -> None:
    """``briefgen box --format json``: one box per brief and target language, each entry with its
    source line; the text table shows the same figures."""
    import json

    result = CliRunner().invoke(
        main, ["-C", str(workspace), "box", "narcotrafic-diplomatie", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    boxes = json.loads(result.output)
    assert [(b["slug"], b["lang"]) for b in boxes] == [("narcotrafic-diplomatie", "en")]
    entries = boxes[0]["entries"]
    assert set(entries[0]) == {"figure", "label", "target_figure", "target_label", "kind", "value", "line"}
    source_lines = (
        (workspace / "sources" / "narcotrafic-diplomatie.md").read_text(encoding="utf-8").split("\n")
    )
    for entry in entries:
        assert entry["figure"] in source_lines[entry["line"] - 1]
    assert entries[1]["label"] == "Hausse des effectifs spécialisés"
    assert entries[1]["target_label"] == "Increase in specialised staff"
    table = CliRunner().invoke(main, ["-C", str(workspace), "box"])
    assert table.exit_code == 0
    assert all(entry["target_figure"] in table.output for entry in entries)


def test_box_of_an_unknown_slug_is_an_error(workspace: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(workspace), "box", "nope"])
    assert result.exit_code == 1
    assert "nope.md" in result.output
