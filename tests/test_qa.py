"""``briefgen facts`` and ``briefgen check`` as a translator runs them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from briefgen.brief import assemble
from briefgen.config import load_workspace
from briefgen.render.context import brief_context

from conftest import ROOT, require_tool, run_cli

SLUG = "narcotrafic-diplomatie"
PO = Path("translations/en/LC_MESSAGES") / f"{SLUG}.po"


def test_seed_catalogs_pass_the_check() -> None:
    result = run_cli("-C", str(ROOT), "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_a_changed_figure_is_an_error_like_a_compiler(workspace: Path) -> None:
    po = workspace / PO
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace("rise by 20%", "rise by 25%").replace("more than 40%", "40%"), encoding="utf-8"
    )
    result = run_cli("-C", str(workspace), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{PO}:") and ": error: [figures] '20 %' became '25%'" in line  # relative to -C's DIR
        for line in lines
    )
    as_json = json.loads(run_cli("-C", str(workspace), "check", "--format", "json").stdout)
    assert {tuple(sorted(item)) for item in as_json} == {("check", "file", "line", "message", "severity")}
    errors = [item for item in as_json if item["severity"] == "error"]
    assert {item["check"] for item in errors} == {"figures"}
    lines_of_errors = {item["line"] for item in errors}
    msgid_line = next(
        i
        for i, line in enumerate(text.splitlines(), 1)
        if line.startswith("msgid") and "« La coopération" in text.splitlines()[i]
    )
    rows = text.splitlines()
    msgstr_line = next(i for i in range(msgid_line, len(rows) + 1) if rows[i - 1].startswith("msgstr"))
    assert msgstr_line in lines_of_errors  # the line the translator edits, not the msgid
    assert any(
        item["severity"] == "warning" and "drops 'more than' for '40 %'" in item["message"]
        for item in as_json
    )


def test_check_takes_any_catalog_with_its_source_language(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Unemployment fell to 7.3% in 2024."\nmsgstr "Le chômage est tombé à 7,3 % en 2024."\n\n'
        'msgid "GDP grew by 1.2 billion euros."\nmsgstr "Le PIB a augmenté de 12 milliards d’euros."\n',
        encoding="utf-8",
    )
    result = run_cli("check", str(po), "--source-lang", "en")
    assert result.returncode == 1
    assert result.stdout.count(": error: [figures]") == 1
    assert f"{po}:10: error: [figures]" in result.stdout  # the msgstr line


def test_check_refuses_what_msgfmt_refuses_a_line_break_added_at_the_end(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "La coopération douanière"\nmsgstr "Customs cooperation\\n"\n',
        encoding="utf-8",
    )
    gnu = subprocess.run(
        [require_tool("msgfmt"), "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert gnu.returncode != 0 and "end with" in gnu.stderr
    result = run_cli("check", str(po))
    assert result.returncode == 1
    assert f"{po}:7: error: [newlines] only the translation ends with a line break" in result.stdout


def test_facts_json_has_the_documented_keys(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(
        "Le chômage a reculé de 0,2 point, à 7,3 %, au troisième trimestre 2024.\n", encoding="utf-8"
    )
    facts = json.loads(run_cli("facts", str(text), "--format", "json").stdout)
    assert facts and all(
        set(f) == {"text", "value", "kind", "unit", "qualifier", "start", "end", "date"} for f in facts
    )
    raw = text.read_text(encoding="utf-8")
    assert all(raw[f["start"] : f["end"]] == f["text"] for f in facts)
    kinds = {(f["kind"], f["unit"], f["value"]) for f in facts}
    assert ("percent", "%", 7.3) in kinds and ("percent", "pp", 0.2) in {(k, u, abs(v)) for k, u, v in kinds}


def test_facts_text_shows_dates_in_iso_8601(tmp_path: Path) -> None:
    """The JSON keeps the sortable ``YYYYMMDD``; the text form is for people: no ``20240000``."""
    text = tmp_path / "note.txt"
    text.write_text(
        "Annoncé le 8 novembre 2025, le plan court jusqu'en mars 2026 ; "
        "il prolonge celui de 2024, signé un 14 juillet.\n",
        encoding="utf-8",
    )
    rows = [line.split("\t") for line in run_cli("facts", str(text)).stdout.splitlines()]
    dates = {row[4]: row[2] for row in rows if row[1] == "date"}
    assert dates == {
        "8 novembre 2025": "2025-11-08",
        "mars 2026": "2026-03",
        "2024": "2024",
        "14 juillet": "--07-14",
    }
    coded = json.loads(run_cli("facts", str(text), "--format", "json").stdout)
    assert {f["text"]: f["value"] for f in coded if f["kind"] == "date"}["mars 2026"] == 20260300


def test_seed_facts_and_box() -> None:
    facts = json.loads(run_cli("-C", str(ROOT), "facts", SLUG, "--format", "json").stdout)
    source = (ROOT / "sources" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert all(source[f["start"] : f["end"]] == f["text"] for f in facts)
    assert {f["text"] for f in facts} >= {"8 novembre 2025", "20 %", "triplés", "40 %"}
    ws = load_workspace(ROOT)
    ctx = brief_context(assemble(ws, ROOT / "sources" / f"{SLUG}.md", "en"))
    box = [(item.figure.source.plain, item.figure.target.plain, item.label.target.plain) for item in ctx.box]
    figures = [f for f, _, _ in box]
    assert figures[0] == "8 novembre 2025" and box[0][1] == "8 November 2025"
    assert "20\u00a0%" in figures and "20%" in [t for _, t, _ in box]
    assert "triplés" in figures
    assert any(f.startswith("plus de 40") for f in figures)
    assert len(figures) == len(set(figures)), "a figure appears twice in the box"
    assert all(item.block_id.startswith("b") for item in ctx.box)
