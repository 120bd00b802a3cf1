"""The language registry (issue 14 §3): profiles in one place, German as the proof.

Data-driven parts read tests/data/facts/pairs_de.yaml (French sources, German
translations and their mutations); German extraction cases are in
tests/data/facts/extract.yaml and German checks in tests/data/facts/checks.yaml.
"""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen import languages
from briefgen.facts import compare, extract, format_figure
from briefgen.render.inline import plain_text, render_inline
from briefgen.render.typography import typeset

from conftest import ROOT, copy_workspace, run_cli

PACKAGE = ROOT / "src" / "briefgen"
DATA = ROOT / "tests" / "data" / "facts"
PAIRS: list[dict[str, Any]] = yaml.safe_load((DATA / "pairs_de.yaml").read_text(encoding="utf-8"))


# -- the registry ------------------------------------------------------------------------


def test_registry_has_the_three_profiles() -> None:
    assert languages.codes() == ("de", "en", "fr")
    assert all(languages.PROFILES[code].code == code for code in languages.codes())
    with pytest.raises(TypeError):
        languages.PROFILES["xx"] = languages.PROFILES["fr"]  # type: ignore[index]


@pytest.mark.parametrize(("code", "expected"), [("fr", "fr"), ("fr_CA", "fr"), ("de-AT", "de"), ("EN", "en")])
def test_profile_is_found_by_language(code: str, expected: str) -> None:
    assert languages.profile(code) is languages.PROFILES[expected]


def test_a_language_without_profile_reads_digits_with_the_default_words() -> None:
    fallback = languages.profile("es")
    assert fallback.code == "" and not fallback.numbers.words
    assert set(fallback.reads_also) == {languages.DEFAULT_SOURCE, *languages.DEFAULT_TARGETS}
    assert [(f.text, f.value) for f in extract("subió un 12,5 % y se triplicó", "es")] == [("12,5 %", 12.5)]


def test_typography_comes_from_the_profile() -> None:
    assert typeset("Quoi ? « Oui »", "fr_CA") == "Quoi\u202f? «\u202fOui\u202f»"
    assert typeset("Was ? « Ja »", "de") == "Was ? « Ja »"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "He said “it’s <em>Le Monde</em>” and ‘yes’."),
        ("fr", "He said «\u202fit’s <em>Le Monde</em>\u202f» and “yes”."),
        ("de", "He said „it’s <em>Le Monde</em>“ and ‚yes‘."),
        ("pl", "He said „it’s <em>Le Monde</em>“ and ‚yes‘."),  # no profile: quotes that open low
    ],
)
def test_straight_quotes_become_the_languages_quotes_as_text_is_rendered(lang: str, expected: str) -> None:
    text = "He said \"it's *Le Monde*\" and 'yes'."
    assert render_inline(text, lang) == expected
    assert typeset(plain_text(text, lang), lang) == expected.replace("<em>", "").replace("</em>", "")
    # Code spans keep what was typed.
    assert render_inline('`a "b"`', lang) == "<code>a &quot;b&quot;</code>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plus de 40 %", "mehr als 40\xa0%"),
        ("8 novembre 2025", "8. November 2025"),
        ("troisième trimestre 2024", "3. Quartal 2024"),
        ("+0,2 point", "+0,2 Prozentpunkt"),
        ("5e", "5."),
    ],
)
def test_german_figure_style(text: str, expected: str) -> None:
    (fact,) = extract(text, "fr")
    assert format_figure(fact, "de") == expected


# -- French sources, German translations -------------------------------------------------


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in PAIRS])
def test_correct_german_translation_has_no_problem(case: dict[str, Any]) -> None:
    assert [p.message for p in compare(case["fr"], "fr", case["de"], "de")] == []


@pytest.mark.parametrize(
    ("fr", "mutation"),
    [pytest.param(c["fr"], m, id=f"{c['name']}/{m['name']}") for c in PAIRS for m in c.get("mutations", [])],
)
def test_mutated_german_translation(fr: str, mutation: dict[str, Any]) -> None:
    assert [p.message for p in compare(fr, "fr", mutation["de"], "de")] == mutation["expect"]


# -- nothing outside the profiles names a language ---------------------------------------


def _language_constants(path: Path) -> list[str]:
    """String constants that name a registered language ("fr") or one of its locales ("fr_FR")."""
    found = []
    prefixes = tuple(f"{code}_" for code in languages.codes())
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        if text is not None and (text in languages.PROFILES or text.startswith(prefixes)):
            found.append(f"line {node.lineno}: {text!r}")
    return found


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=p.relative_to(PACKAGE).as_posix())
        for p in sorted(PACKAGE.rglob("*.py"))
        if "languages" not in p.relative_to(PACKAGE).parts
    ],
)
def test_no_language_code_outside_the_profiles(path: Path) -> None:
    assert _language_constants(path) == []


def test_the_language_check_sees_a_code(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('LANG = "fr"\nLOCALE = "en_GB"\nWORD = "french"\n', encoding="utf-8")
    assert _language_constants(module) == ["line 1: 'fr'", "line 2: 'en_GB'"]


# -- the command line --------------------------------------------------------------------

GERMAN = (
    "Die Ausgaben stiegen um 20 %, die Mittel wurden verdreifacht, mehr als 40 % der Stellen "
    "sind neu: 1,5 Milliarden Euro seit dem 8. November 2025.\n"
)


def test_cli_facts_in_german(tmp_path: Path) -> None:
    text = tmp_path / "de.txt"
    text.write_text(GERMAN, encoding="utf-8")
    result = run_cli("facts", str(text), "--lang", "de", "--format", "json")
    assert result.returncode == 0, result.stderr
    found = [(f["text"], f["kind"], f["value"], f["qualifier"]) for f in json.loads(result.stdout)]
    assert found == [
        ("20 %", "percent", 20, None),
        ("verdreifacht", "multiplier", 3, None),
        ("40 %", "percent", 40, "more_than"),
        ("1,5 Milliarden Euro", "amount", 1.5e9, None),
        ("8. November 2025", "date", 20251108, None),
    ]


def test_cli_language_choices_come_from_the_registry(tmp_path: Path) -> None:
    result = run_cli("facts", "-", "--lang", "xx")
    assert result.returncode == 2
    assert all(code in result.stderr for code in languages.codes())
    assert run_cli("check", "x.po", "--source-lang", "xx").returncode == 2


def _po(*pairs: tuple[str, str]) -> str:
    head = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return head + "".join(f'\nmsgid "{s}"\nmsgstr "{t}"\n' for s, t in pairs)


def test_cli_check_french_to_german(tmp_path: Path) -> None:
    po = tmp_path / "de.po"
    po.write_text(
        _po(
            ("Les moyens d’intervention ont triplé.", "Die Einsatzmittel wurden verdreifacht."),
            ("Les effectifs augmenteront de 20 %.", "Das Personal wird um 25 % aufgestockt."),
        ),
        encoding="utf-8",
    )
    result = run_cli("check", str(po), "--source-lang", "fr")
    assert result.returncode == 1
    assert result.stdout.count(": error:") == 1
    assert f"{po}:10: error: [figures] '20 %' became '25 %'" in result.stdout  # the msgstr line


def _translate(catalog: Path, last_source_line: str, translation: str) -> None:
    text = catalog.read_text(encoding="utf-8")
    empty = f'{last_source_line}\nmsgstr ""'
    assert empty in text
    catalog.write_text(text.replace(empty, f'{last_source_line}\nmsgstr "{translation}"'), encoding="utf-8")


def test_a_german_workspace_checks_and_builds(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    settings = ws / "pyproject.toml"
    text = settings.read_text(encoding="utf-8").replace('target-langs = ["en"]', 'target-langs = ["de"]')
    settings.write_text(text, encoding="utf-8")
    assert run_cli("-C", str(ws), "init", "--lang", "de").returncode == 0
    catalog = ws / "translations" / "de" / "LC_MESSAGES" / "narcotrafic-diplomatie.po"
    _translate(
        catalog,
        '"terrain d’expansion stratégique."',
        "Die Drogenbeschlagnahmungen sind in fünf Jahren um mehr als 40 % gestiegen.",
    )
    check = run_cli("-C", str(ws), "check")
    assert check.returncode == 0 and ": error:" not in check.stdout, check.stdout
    build = run_cli("-C", str(ws), "build", "-f", "pdf", "-f", "epub")
    assert build.returncode == 0, build.stderr
    slug = "narcotrafic-diplomatie"
    assert (ws / "out" / f"{slug}.de.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(ws / "out" / f"{slug}.de.epub") as book:
        xhtml = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert 'lang="de"' in xhtml
    assert "um mehr als 40" in xhtml and "8. November 2025" in xhtml
