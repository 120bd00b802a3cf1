"""merge() against GNU ``msgmerge --previous`` on the corpus and on small cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.catalogs.merge import MergeStats, merge
from briefgen.catalogs.pofile import read_po, read_po_file, write_po, write_po_file

from conftest import CORPUS, gnu, msgfmt_counts, run_cli

CATALOGS = sorted(CORPUS.glob("*.po")) + sorted(CORPUS.glob("roundtrip/*.po"))
PAIRS = ["library_functions", "library_stdtypes"]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_merge_with_own_template_gives_back_the_file(path: Path) -> None:
    template = CORPUS / "templates" / (path.stem + ".pot")
    merged, stats = merge(read_po_file(path), read_po_file(template))
    assert write_po(merged) == path.read_bytes()
    assert stats.fuzzy == stats.new == 0


@pytest.mark.parametrize("name", PAIRS)
def test_update_matches_msgmerge(name: str, tmp_path: Path) -> None:
    definitions = CORPUS / f"{name}.3.12.po"
    template = CORPUS / "templates" / f"{name}.3.13.pot"
    theirs, ours = tmp_path / "gnu.po", tmp_path / "ours.po"
    gnu("msgmerge", "--previous", "-q", str(definitions), str(template), "-o", str(theirs))
    merged, stats = merge(read_po_file(definitions), read_po_file(template))
    write_po_file(merged, ours)
    gnu_counts, our_counts = msgfmt_counts(theirs), msgfmt_counts(ours)
    kept = our_counts["translated"] + our_counts["fuzzy"]
    assert kept >= gnu_counts["translated"] + gnu_counts["fuzzy"]
    assert our_counts["translated"] >= gnu_counts["translated"]
    # On these two pairs the whole output is msgmerge's, byte for byte.
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")
    assert stats.exact + stats.fuzzy + stats.new == len(read_po_file(template).messages)
    gnu("msgfmt", "-c", "--check-format", "-o", os.devnull, str(ours))


HEADER = """msgid ""
msgstr ""
"Project-Id-Version: demo\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: {date}\\n"
"PO-Revision-Date: 2024-01-02 10:00+0100\\n"
"Last-Translator: A <a@example.org>\\n"
"Language-Team: French\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""

DEFINITIONS = (
    HEADER.format(date="2024-01-01 10:00+0100")
    + """
# kept comment
#: old.rst:1
#, python-format
msgid "The %s parameter is required when the parser reads a file."
msgstr "Le paramètre %s est obligatoire quand l'analyseur lit un fichier."

#, fuzzy
#| msgid "Old text of the second sentence, which changed."
msgid "Second sentence of the old document, which changed."
msgstr "Deuxième phrase de l'ancien document, qui a changé."

#: gone.rst:3
msgid "This paragraph was removed from the documentation entirely."
msgstr "Ce paragraphe a été retiré de la documentation."

msgid "Untranslated and unused"
msgstr ""

#~ msgid "An obsolete entry that comes back to life"
#~ msgstr "Une entrée obsolète qui revient à la vie"
"""
)

TEMPLATE = (
    HEADER.format(date="2024-06-01 12:00+0200")
    + """
#: new.rst:10
#, python-format
msgid "The %s parameter is required when the parser reads a file."
msgstr ""

#: new.rst:20
msgid "Second sentence of the old document, which changed."
msgstr ""

#: new.rst:30
msgid "The %s parameter is required when the parser reads files."
msgstr ""

#: new.rst:40
msgid "An obsolete entry that comes back to life"
msgstr ""

#: new.rst:50
msgid "Something completely different and new"
msgstr ""

#: new.rst:60
msgid "one file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""
"""
)


def test_small_merge_equals_msgmerge(tmp_path: Path) -> None:
    d, t, out = tmp_path / "d.po", tmp_path / "t.pot", tmp_path / "gnu.po"
    d.write_text(DEFINITIONS, encoding="utf-8")
    t.write_text(TEMPLATE, encoding="utf-8")
    gnu("msgmerge", "--previous", "-q", str(d), str(t), "-o", str(out))
    merged, stats = merge(read_po(d.read_bytes()), read_po(t.read_bytes()))
    assert write_po(merged).decode() == out.read_text(encoding="utf-8")
    assert stats == MergeStats(exact=3, fuzzy=1, from_memory=0, new=2, obsolete=1, dropped=0)
    assert merged.header_get("POT-Creation-Date") == "2024-06-01 12:00+0200"
    exact = merged.get("The %s parameter is required when the parser reads a file.")
    assert exact is not None and exact.translator_comments == ["kept comment"]
    assert exact.references == ["new.rst:10"]
    fuzzy = merged.get("The %s parameter is required when the parser reads files.")
    assert fuzzy is not None and fuzzy.fuzzy and fuzzy.previous_msgid == exact.msgid
    assert fuzzy.msgstr == exact.msgstr
    plural = merged.get("one file")
    assert plural is not None and plural.msgstr_plural == {0: "", 1: ""}


def test_memory_fills_what_fuzzy_matching_cannot_and_obsolete_can_be_dropped() -> None:
    asked: list[str] = []

    def memory(msgid: str) -> str | None:
        asked.append(msgid)
        return "Quelque chose de nouveau" if msgid.startswith("Something") else None

    merged, stats = merge(
        read_po(DEFINITIONS.encode()), read_po(TEMPLATE.encode()), memory=memory, keep_obsolete=False
    )
    assert asked == ["Something completely different and new", "one file"]
    new = merged.get("Something completely different and new")
    assert new is not None and new.msgstr == "Quelque chose de nouveau" and new.fuzzy
    assert new.previous_msgid is None
    assert (stats.from_memory, stats.new, stats.obsolete, stats.dropped) == (1, 1, 0, 1)
    assert not merged.obsolete
    assert stats.as_dict()["dropped"] == 1


def test_command_line_entry_point(tmp_path: Path) -> None:
    d, t, out = tmp_path / "d.po", tmp_path / "t.pot", tmp_path / "out.po"
    d.write_text(DEFINITIONS, encoding="utf-8")
    t.write_text(TEMPLATE, encoding="utf-8")
    args = ("merge", str(d), str(t), "-o", str(out))
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert "1 fuzzy" in done.stderr and out.exists()
    t.write_text('msgid "x\nmsgstr ""\n', encoding="utf-8")
    done = run_cli(*args)
    assert done.returncode == 1 and "t.pot:1: unterminated string" in done.stderr
    assert "Traceback" not in done.stderr
