"""The translator's workflow on a real workspace: extract, init, update, compile, status, merge, stats."""

from __future__ import annotations

import gettext
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.catalogs.pofile import read_po_file
from briefgen.fsutil import file_lock
from briefgen.sources import load_source

from conftest import CORPUS, ROOT, copy_workspace, gnu, msgfmt_counts, require_tool, run_cli

SLUG = "narcotrafic-diplomatie"


def _po(ws: Path, slug: str = SLUG, lang: str = "en") -> Path:
    return ws / "translations" / lang / "LC_MESSAGES" / f"{slug}.po"


def _gnu_clean(path: Path) -> None:
    """msgfmt -c accepts the file, and msgcat gives back the same bytes (GNU wrapping)."""
    check = subprocess.run(
        [require_tool("msgfmt"), "-c", "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    msgcat = subprocess.run([require_tool("msgcat"), str(path)], capture_output=True, check=True)
    assert msgcat.stdout == path.read_bytes(), f"{path} is not in GNU layout"


def test_shipped_catalogs_are_complete_and_gnu_clean() -> None:
    for path in sorted((ROOT / "translations").rglob("*.po")) + sorted((ROOT / "translations").glob("*.pot")):
        _gnu_clean(path)
    stats = json.loads(run_cli("stats", str(_po(ROOT)), "--format", "json").stdout)
    messages = {s.text for s in load_source(ROOT / "sources" / f"{SLUG}.md").segments()}
    assert stats == {"translated": len(messages), "fuzzy": 0, "untranslated": 0, "obsolete": 0}
    header = read_po_file(_po(ROOT))
    for field in ("Project-Id-Version", "Language", "Plural-Forms", "Content-Type", "X-Generator"):
        assert header.header_get(field), field
    assert "charset=UTF-8" in (header.header_get("Content-Type") or "")
    assert any("British English" in line for line in header.header.translator_comments)  # type: ignore[union-attr]


def test_extract_is_stable_and_references_every_occurrence(workspace: Path) -> None:
    pot = workspace / "translations" / f"{SLUG}.pot"
    before = pot.read_bytes()
    result = run_cli("-C", str(workspace), "extract")
    assert result.returncode == 0, result.stderr
    assert pot.read_bytes() == before, "extract rewrote an unchanged template (churn)"
    source = workspace / "sources" / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    first_paragraph = next(p for p in text.split("\n\n") if p.startswith("Le 8 novembre 2025"))
    source.write_text(text + "\n" + first_paragraph + "\n", encoding="utf-8")
    run_cli("-C", str(workspace), "extract")
    entry = next(m for m in read_po_file(pot).messages if m.msgid == first_paragraph)
    lines = source.read_text(encoding="utf-8").split("\n")
    where = [n for n, line in enumerate(lines, 1) if line == first_paragraph]
    assert len(where) == 2
    assert entry.references == [f"sources/{SLUG}.md:{n}" for n in where]
    assert entry.extracted_comments == ["paragraph"]
    _gnu_clean(pot)


def test_update_keeps_marks_fuzzy_obsoletes_and_remembers(workspace: Path) -> None:
    source = workspace / "sources" / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    old_title = "La France passe à la vitesse supérieure dans sa guerre contre le trafic de drogue"
    text = text.replace(f"title: {old_title}", f"title: {old_title} en Amérique latine")
    text = text.replace("  - Mexique\n", "")  # a keyword leaves the source
    source.write_text(text, encoding="utf-8")
    # A second brief reuses a keyword the first one translates: the memory offers it.
    (workspace / "sources" / "autre.md").write_text(
        "---\ntitle: Autre note\ndate: 2025-11-09\nkeywords: [diplomatie]\n---\n\nUn paragraphe.\n",
        encoding="utf-8",
    )
    result = run_cli("-C", str(workspace), "update")
    assert result.returncode == 0, result.stderr
    catalog = read_po_file(_po(workspace))
    title = catalog.get(f"{old_title} en Amérique latine")
    assert title is not None and title.fuzzy
    assert title.previous_msgid == old_title
    assert title.msgstr == "France steps up a gear in its war on drug trafficking"
    gone = [m for m in catalog.messages if m.obsolete]
    assert [(m.msgid, m.msgstr) for m in gone] == [("Mexique", "Mexico")]
    assert catalog.get("Samedi") is None
    other = read_po_file(_po(workspace, "autre"))
    remembered = other.get("diplomatie")
    assert remembered is not None and remembered.msgstr == "diplomacy" and remembered.fuzzy
    assert other.get("Un paragraphe.").msgstr == ""  # type: ignore[union-attr]
    for path in (_po(workspace), _po(workspace, "autre")):
        _gnu_clean(path)
    assert '#~ msgid "Mexique"\n#~ msgstr "Mexico"\n' in _po(workspace).read_text(encoding="utf-8")

    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (workspace / "translations").rglob("*.po*")}
    again = run_cli("-C", str(workspace), "update")
    assert again.returncode == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (workspace / "translations").rglob("*.po*")}
    assert after == before, "a second update with nothing new rewrote files"

    dropped = run_cli("-C", str(workspace), "update", "--no-obsolete")
    assert "1 dropped (--no-obsolete)" in dropped.stderr
    assert all(not m.obsolete for m in read_po_file(_po(workspace)).messages)


def test_a_team_wrapping_at_77_columns_sees_no_rewrap(workspace: Path) -> None:
    """With ``po-width = 77`` (Weblate's width), ``update`` writes what ``msgcat --width=77`` keeps."""
    settings = workspace / "pyproject.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            'target-langs = ["en"]', 'target-langs = ["en"]\npo-width = 77'
        ),
        encoding="utf-8",
    )
    catalog = _po(workspace)
    catalog.write_bytes(gnu("msgcat", "--width=77", str(catalog)))
    source = workspace / "sources" / f"{SLUG}.md"
    long_paragraph = (
        "Ce paragraphe ajouté est assez long pour que GNU gettext le coupe en plusieurs lignes, et "
        "la largeur choisie par l'équipe de traduction décide où tombent les coupures."
    )
    source.write_text(source.read_text(encoding="utf-8") + "\n" + long_paragraph + "\n", encoding="utf-8")
    result = run_cli("-C", str(workspace), "update")
    assert result.returncode == 0, result.stderr
    data = catalog.read_bytes()
    assert read_po_file(catalog).get(long_paragraph) is not None
    rewrapped = gnu("msgcat", "--width=77", str(catalog))
    assert rewrapped == data  # the team's tool finds nothing to rewrap
    wide = gnu("msgcat", str(catalog))
    assert wide != data  # and the width did matter


def test_update_keeps_the_line_endings_of_each_catalog(workspace: Path, tmp_path: Path) -> None:
    """A catalog checked out with CRLF stays CRLF through update, changed entries included."""
    lf_twin = copy_workspace(tmp_path / "lf")
    for ws in (workspace, lf_twin):
        source = ws / "sources" / f"{SLUG}.md"
        source.write_text(
            source.read_text(encoding="utf-8").replace("Samedi, le ministre", "Samedi matin, le ministre"),
            encoding="utf-8",
        )
    for path in (_po(workspace), workspace / "translations" / f"{SLUG}.pot"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    for ws in (workspace, lf_twin):
        result = run_cli("-C", str(ws), "update")
        assert result.returncode == 0, result.stderr
    for name in (f"{SLUG}.pot", f"en/LC_MESSAGES/{SLUG}.po"):
        crlf, lf = (ws / "translations" / name for ws in (workspace, lf_twin))
        assert b"\r" not in lf.read_bytes()
        assert crlf.read_bytes() == lf.read_bytes().replace(b"\n", b"\r\n"), name
    catalog = read_po_file(_po(workspace))
    assert any(
        m.fuzzy and m.previous_msgid and "Samedi, le ministre" in m.previous_msgid for m in catalog.messages
    )
    subprocess.run([require_tool("msgfmt"), "-c", "-o", os.devnull, str(_po(workspace))], check=True)


def test_compile_writes_mo_files_gettext_can_read(workspace: Path) -> None:
    result = run_cli("-C", str(workspace), "compile")
    assert result.returncode == 0, result.stderr
    mo = _po(workspace).with_suffix(".mo")
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("diplomatie") == "diplomacy"
    layouts = gettext.GNUTranslations((workspace / "translations/fr/LC_MESSAGES/layouts.mo").open("rb"))
    assert layouts.gettext("Key figures") == "Chiffres clés"


def test_status_json_counts_messages_and_words(workspace: Path) -> None:
    po = _po(workspace)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "diplomacy"', 'msgstr ""'), encoding="utf-8")
    rows = json.loads(run_cli("-C", str(workspace), "status", "--format", "json").stdout)
    row = next(r for r in rows if r["source"] == SLUG)
    total = len({s.text for s in load_source(workspace / "sources" / f"{SLUG}.md").segments()})
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == (total - 1, 0, 1)
    assert row["untranslated_words"] == 1
    assert row["percent_translated"] == pytest.approx(100 * (total - 1) / total, abs=0.01)
    text = run_cli("-C", str(workspace), "status").stdout
    assert SLUG in text and f"{100 * (total - 1) // total}%" in text


def test_init_for_a_new_language(workspace: Path) -> None:
    result = run_cli("-C", str(workspace), "init", "--lang", "de")
    assert result.returncode == 0, result.stderr
    path = _po(workspace, lang="de")
    catalog = read_po_file(path)
    assert catalog.header_get("Language") == "de"
    assert catalog.header_get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert all(m.msgstr == "" for m in catalog.messages)
    _gnu_clean(path)
    again = run_cli("-C", str(workspace), "init", "--lang", "de")
    assert "exists; use 'briefgen update'" in again.stderr
    bad = run_cli("-C", str(workspace), "init", "--lang", "qq-nope")
    assert bad.returncode == 1 and "unknown language code 'qq-nope'" in bad.stderr


@pytest.mark.parametrize("name", ["library_functions", "library_stdtypes"])
def test_merge_cli_gives_back_a_catalog_merged_with_its_own_template(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    result = run_cli(
        "merge",
        str(CORPUS / f"{name}.3.13.po"),
        str(CORPUS / "templates" / f"{name}.3.13.pot"),
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (CORPUS / f"{name}.3.13.po").read_bytes()


def test_stats_cli_agrees_with_msgfmt() -> None:
    path = CORPUS / "library_functions.3.12.po"
    ours = json.loads(run_cli("stats", str(path), "--format", "json").stdout)
    counts = msgfmt_counts(path)
    assert counts["translated"] > 0 and counts["fuzzy"] > 0
    assert {key: ours[key] for key in counts} == counts


def test_a_second_update_is_refused_while_one_runs(workspace: Path) -> None:
    with file_lock(workspace / "translations" / ".briefgen"):
        result = run_cli("-C", str(workspace), "update")
    assert result.returncode == 1
    assert "another briefgen command is working on this workspace" in result.stderr


#: Runs ``python -m briefgen ARGS`` and kills it (SIGKILL, as ``kill -9``) at a known point: the first
#: audit event EVENT (``sys.addaudithook``, raised before the operation) whose first argument
#: contains FRAGMENT, or at exit ("exit"). Known points, not a timer a loaded machine misses.
KILL_AT = """
import atexit, os, runpy, signal, sys

event, fragment = sys.argv[1:3]
sys.argv = ["briefgen", *sys.argv[3:]]

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

def hook(name, args):
    if name == event and args and fragment in str(args[0]):
        kill()

if event == "exit":
    atexit.register(kill)
else:
    sys.addaudithook(hook)
runpy.run_module("briefgen", run_name="__main__", alter_sys=True)
"""

#: (where the kill lands, audit event, fragment of its path, the catalog it leaves: old or new,
#: whether a temporary file stays behind)
KILL_POINTS = [
    ("reading the old catalog", "open", f"/{SLUG}.po", "old", False),
    ("renaming the new template", "os.rename", f"/.{SLUG}.pot.", "old", True),
    ("creating the temporary catalog", "open", f"/.{SLUG}.po.", "old", False),
    ("the temporary catalog written and synced", "os.chmod", f"/.{SLUG}.po.", "old", True),
    ("renaming it over the catalog", "os.rename", f"/.{SLUG}.po.", "old", True),
    ("after every write", "exit", "", "new", False),
]


def test_killing_update_never_leaves_a_truncated_catalog(workspace: Path) -> None:
    """Kill ``briefgen update`` at each step of its write; the .po is always the old or the new one."""
    source = workspace / "sources" / f"{SLUG}.md"
    po = _po(workspace)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for round_, (where, event, fragment, left, stays) in enumerate(KILL_POINTS):
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Samedi", f"Samedi {round_}", 1), encoding="utf-8")
        previous = po.read_bytes()
        killed = subprocess.run(
            [sys.executable, "-c", KILL_AT, event, fragment, "-C", str(workspace), "update"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert killed.returncode == -signal.SIGKILL, f"{where}: not killed there: {killed.stderr}"
        data = po.read_bytes()
        left_behind = list((workspace / "translations").rglob(".*.tmp"))
        assert bool(left_behind) == stays, f"killed {where}: {left_behind}"
        catalog = read_po_file(po)  # parses: never truncated
        assert len(catalog.active) >= 12
        assert all(m.msgstr for m in catalog.messages), "a translation was lost"
        finished = run_cli("-C", str(workspace), "update")  # what the killed run was writing
        assert finished.returncode == 0, finished.stderr
        new = po.read_bytes()
        assert new != previous  # every round changes a paragraph
        assert data == {"old": previous, "new": new}[left], f"killed {where}: not the {left} catalog"
    # Each finishing update removed the temporary files of the run killed before it.
    assert [p.name for p in (workspace / "translations").rglob(".*")] == [".briefgen.lock"]


def test_update_removes_the_temporary_file_of_a_killed_command(workspace: Path) -> None:
    """A catalog command killed mid-write leaves a hidden temporary file; git would show it as untracked."""
    ended = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True)
    name = f".{SLUG}.po.{int(ended.stdout)}@{os.uname().nodename}.k1ll3d_x.tmp"
    left = _po(workspace).with_name(name)
    left.write_bytes(_po(workspace).read_bytes()[:100])
    result = run_cli("-C", str(workspace), "update")
    assert result.returncode == 0, result.stderr
    assert f"removed translations/en/LC_MESSAGES/{name} (left by a command that was killed)" in result.stderr
    assert not left.exists()
