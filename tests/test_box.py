"""The key-figure box on real French articles (issue 15), against an editor's choice.

Driven by tests/data/box (see its README): each ``<name>.md`` is a briefgen source,
``<name>.en.txt`` its published English translation paragraph by paragraph, and
``<name>.yaml`` the figures an editor keeps with the words a good label holds.
A label is acceptable when it has 2 to 9 words and holds one of the editor's words for
that figure (``words`` in French, ``target_words`` in English); an English side that says
"not translated" for an untranslated paragraph is acceptable too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen import languages
from briefgen.facts import BoxEntry, summary_box
from briefgen.sources import load_source

DATA = Path(__file__).parent / "data" / "box"
CASES = sorted(p.stem for p in DATA.glob("*.md") if p.name != "README.md")
UNTRANSLATED = languages.profile("en").figures.untranslated


@dataclass
class Case:
    name: str
    box: list[BoxEntry]
    keep: list[dict[str, Any]]
    translations: dict[str, str]


def _case(name: str) -> Case:
    source = load_source(DATA / f"{name}.md")
    translations: dict[str, str] = {}
    english = DATA / f"{name}.en.txt"
    if english.exists():
        paragraphs = english.read_text(encoding="utf-8").split("\n\n")
        messages = [source.title.text] + [s.text for b in source.blocks for s in b.segments]
        for message, paragraph in zip(messages, paragraphs, strict=False):
            if paragraph.strip() != "-":
                translations[message] = " ".join(paragraph.split())
    box = summary_box(source, translations.get, "en")
    choice = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    return Case(name, box, choice["keep"], translations)


def _choice(entry: BoxEntry, keep: list[dict[str, Any]]) -> dict[str, Any] | None:
    for item in keep:
        if item["figure"] in entry.source_figure or entry.source_figure in item["figure"]:
            return item
    return None


def _names(label: str, words: list[str]) -> bool:
    # A number other than a year in a label is a piece of another figure ("3 millions d'habitants").
    if any(len(run) != 4 for run in re.findall(r"\d+", label)):
        return False
    return 2 <= len(label.split()) <= 9 and any(w.lower() in label.lower() for w in words)


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return [_case(name) for name in CASES]


def measures(cases: list[Case]) -> dict[str, float]:
    """The issue's measures over the whole set (ratios of box entries)."""
    entries = kept = fr_ok = en_ok = 0
    for case in cases:
        for entry in case.box:
            entries += 1
            item = _choice(entry, case.keep)
            kept += item is not None
            fr_ok += item is not None and _names(entry.source_label, item["words"])
            if not entry.translated:
                en_ok += entry.target_label == UNTRANSLATED and entry.target_figure == ""
            else:
                en_ok += item is not None and _names(entry.target_label, item.get("target_words", []))
    return {"kept": kept / entries, "french_labels": fr_ok / entries, "english_labels": en_ok / entries}


@pytest.mark.parametrize("name", CASES)
def test_box_size_and_no_duplicate(name: str) -> None:
    case = _case(name)
    assert min(3, len(case.keep)) <= len(case.box) <= 6
    assert len({(e.fact.kind, e.fact.value) for e in case.box}) == len(case.box)
    assert len({e.source_figure for e in case.box}) == len(case.box)


@pytest.mark.parametrize("name", CASES)
def test_english_figures_are_quoted_from_the_translation(name: str) -> None:
    case = _case(name)
    english = " ".join(case.translations.values())
    for entry in case.box:
        if entry.translated:
            assert entry.target_figure in english
        else:
            assert (entry.target_figure, entry.target_label) == ("", UNTRANSLATED)


def test_editor_measures(cases: list[Case]) -> None:
    found = measures(cases)
    assert found["kept"] >= 0.8, found
    assert found["french_labels"] >= 0.8, found
    assert found["english_labels"] >= 0.8, found


def test_labels_never_cut_inside_a_word() -> None:
    text = "Les revenus au-delà de 37 570 euros ont augmenté de 3 %."
    source = load_source(DATA / "wikipedia-reims.md")
    block = source.blocks[0]
    segment = block.segments[0].__class__(text, "paragraph", block.line)
    article = source.__class__(
        **{**source.__dict__, "blocks": (block.__class__(block.id, "paragraph", block.line, (segment,)),)}
    )
    labels = [e.source_label for e in summary_box(article, lambda _t: None, "en")]
    assert all("delà" not in label or "au-delà" in label for label in labels)
