"""Shared fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.render.context import BriefContext, Translation, build_context
from briefgen.sources import load_source

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"


def seed_context(xhtml: bool = False) -> BriefContext:
    """The seed brief in English (temporary: from tests/data/seed_en.json until the catalogs land)."""
    source = load_source(SEED)
    mapping = json.loads((ROOT / "tests" / "data" / "seed_en.json").read_text(encoding="utf-8"))
    translations = {k: Translation(v, False, None) for k, v in mapping.items()}
    return build_context(
        source,
        "en",
        translations,
        catalog_file="translations/en/LC_MESSAGES/narcotrafic-diplomatie.po",
        source_file="sources/narcotrafic-diplomatie.md",
        xhtml=xhtml,
    )


@pytest.fixture
def seed_ctx() -> BriefContext:
    return seed_context()
