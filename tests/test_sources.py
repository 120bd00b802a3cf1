"""Sources: segmentation of good sources (golden files) and one clear error per bad source.

Regenerate the golden files after an intended change with:
    BRIEFGEN_REGEN=1 python -m pytest tests/test_sources.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.sources import load_source

from conftest import SEED_ARTICLE

DATA = Path(__file__).parent / "data" / "sources"
GOOD = sorted((DATA / "good").glob("*.md"))
BAD = sorted((DATA / "bad").glob("*.md"))


def _expected_errors() -> dict[str, tuple[int, str]]:
    table = {}
    for line in (DATA / "bad" / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, number, fragment = (part.strip() for part in line.split("|"))
            table[name] = (int(number), fragment)
    return table


def _describe(path: Path) -> dict[str, object]:
    source = load_source(path)
    return {
        "slug": source.slug,
        "lang": source.lang,
        "date": source.date.isoformat(),
        "authors": list(source.authors),
        "segments": [[s.line, s.kind, s.text] for s in source.segments()],
        "blocks": [[b.id, b.kind, b.line, b.level, b.number, b.src] for b in source.blocks],
    }


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_segmentation_matches_golden(path: Path) -> None:
    golden = path.with_suffix(".json")
    got = _describe(path)
    if os.environ.get("BRIEFGEN_REGEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(
            f"{golden.name} regenerated; review the diff and run the tests again without BRIEFGEN_REGEN"
        )
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_bad_source_has_an_expectation() -> None:
    assert sorted(_expected_errors()) == sorted(p.name for p in BAD)


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_source_gives_one_clear_error(path: Path) -> None:
    line, fragment = _expected_errors()[path.name]
    with pytest.raises(SourceError) as info:
        load_source(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert fragment in error.reason
    assert "\n" not in error.format_message()


def test_seed_keeps_every_word_of_the_article() -> None:
    seed = Path(__file__).parent.parent / "sources" / "narcotrafic-diplomatie.md"
    article = SEED_ARTICLE
    source = load_source(seed)
    body = " ".join(s.text for b in source.blocks for s in b.segments)
    body = re.sub(r"\*([^*]+)\*", r"\1", body)  # emphasis is markup (*Journal du dimanche*), not words
    assert body.split() == article.read_text(encoding="utf-8").split()
    assert source.date.isoformat() == "2025-11-08"
    assert body.startswith("Le 8 novembre 2025 – ")
    # The quirks stay: the stray capital after a comma and the repeated quote.
    assert "a-t-il précisé, Si le calendrier" in body
    assert body.count("« La coopération de nos ambassades avec les pays producteurs") == 2
