"""``briefgen new`` makes a workspace that builds at once; ``briefgen add`` adds a valid source."""

from __future__ import annotations

from pathlib import Path

from briefgen.catalogs.pofile import read_po_file
from briefgen.config import load_workspace
from briefgen.sources import load_source

from conftest import run_cli


def test_new_workspace_builds_at_once(tmp_path: Path) -> None:
    ws = tmp_path / "mes-notes"
    created = run_cli("new", str(ws))
    assert created.returncode == 0, created.stderr
    assert (ws / "layouts" / "brief.html.j2").is_file()
    assert (ws / "layouts" / "fonts" / "NotoSerif-Regular.ttf").is_file()
    assert load_source(ws / "sources" / "exemple.md").title.text == "Exemple de note bilingue"
    # British dates and figures for the English translation ("14 October 2026"), said in a comment.
    settings = load_workspace(ws).settings
    assert settings.locale_for("en") == "en_GB"
    assert "en_US" in (ws / "pyproject.toml").read_text(encoding="utf-8")
    updated = run_cli("-C", str(ws), "update")
    assert updated.returncode == 0, updated.stderr
    layouts = read_po_file(ws / "translations" / "fr" / "LC_MESSAGES" / "layouts.po")
    assert layouts.get("Key figures").msgstr == "Chiffres clés"  # type: ignore[union-attr]
    assert all(m.translated for m in layouts.active), "briefgen's layout strings come translated"
    assert (ws / "translations" / "en" / "LC_MESSAGES" / "exemple.po").is_file()
    built = run_cli("-C", str(ws), "build", "-f", "pdf", "-f", "epub", "-f", "html")
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (ws / "out").iterdir() if not p.name.startswith(".")) == [
        "exemple.en.epub",
        "exemple.en.html",
        "exemple.en.pdf",
    ]
    assert "untranslated" in built.stderr  # the sample is not translated yet, and says so


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", str(tmp_path))
    assert result.returncode == 1
    assert "exists and is not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_add_source(workspace: Path) -> None:
    result = run_cli(
        "-C", str(workspace), "add", "note-2", "--title", "Une autre note : « essai »", "--date", "2025-12-01"
    )
    assert result.returncode == 0, result.stderr
    source = load_source(workspace / "sources" / "note-2.md")
    assert source.title.text == "Une autre note : « essai »"
    assert source.date.isoformat() == "2025-12-01"
    again = run_cli("-C", str(workspace), "add", "note-2", "--title", "x")
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = run_cli("-C", str(workspace), "add", "Bad Slug", "--title", "x")
    assert bad.returncode == 2 and "Invalid value for SLUG" in bad.stderr  # a usage error
    accented = run_cli("-C", str(workspace), "add", "été", "--title", "x")
    assert accented.returncode == 2 and "no accents" in accented.stderr and "'ete'" in accented.stderr
    wrong_date = run_cli("-C", str(workspace), "add", "note-3", "--title", "x", "--date", "demain")
    assert wrong_date.returncode == 1 and "invalid date 'demain'" in wrong_date.stderr
    assert not (workspace / "sources" / "note-3.md").exists()


def test_debug_shows_a_traceback_for_a_user_error(tmp_path: Path) -> None:
    plain = run_cli("-C", str(tmp_path / "nowhere"), "build")
    debug = run_cli("--debug", "-C", str(tmp_path / "nowhere"), "build")
    assert plain.returncode == debug.returncode == 1
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr and "this folder does not exist" in debug.stderr
