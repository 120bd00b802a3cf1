"""catalog_stats() against ``msgfmt --statistics`` on the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefgen.catalogs.pofile import read_po, read_po_file
from briefgen.catalogs.stats import Stats, catalog_stats, status

from conftest import CORPUS, msgfmt_counts

FILES = (
    sorted(CORPUS.glob("*.po"))
    + sorted(CORPUS.glob("roundtrip/*.po"))
    + sorted(CORPUS.glob("templates/*.pot"))
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_counts_agree_with_msgfmt(path: Path) -> None:
    expected = msgfmt_counts(path)
    stats = catalog_stats(read_po_file(path))
    assert {
        "translated": stats.translated,
        "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated,
    } == expected
    obsolete = len(re.findall(r"^#~ msgid ", path.read_text(encoding="utf-8"), re.M))
    assert stats.obsolete == obsolete


def test_words_and_json() -> None:
    text = """msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

msgid "two  words"
msgstr "deux mots"

#, fuzzy
msgid "three\\nwords here"
msgstr "trois"

#, fuzzy
msgid "fuzzy but empty"
msgstr ""

msgid ""
"four words "
"in all"
msgstr ""

#~ msgid "old one"
#~ msgstr "vieux"
"""
    catalog = read_po(text.encode())
    assert [status(m) for m in catalog.messages] == [
        "translated",
        "fuzzy",
        "untranslated",
        "untranslated",
        "obsolete",
    ]
    stats = catalog_stats(catalog)
    assert stats == Stats(1, 1, 2, 1, 2, 3, 7, 2)
    data = json.loads(json.dumps(stats.as_dict()))
    assert data["total"] == 4 and data["total_words"] == 12 and data["percent_translated"] == 25.0
