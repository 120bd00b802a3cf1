"""merge() against GNU ``msgmerge --previous`` on the corpus and on small cases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.catalogs.merge import MergeStats, merge
from briefgen.catalogs.pofile import read_po, read_po_file, write_po, write_po_file

from conftest import CORPUS, ROOT, gnu, msgfmt_counts, run_cli

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
    # The same messages, flags, comments and references as msgmerge's, in the same order...
    assert [m.key() for m in read_po_file(ours)] == [m.key() for m in read_po_file(theirs)]
    # ...and the same lines, except the strings nobody changed that the translator's file had
    # laid out otherwise than today's msgcat would (an older libunistring): they keep their lines.
    our_lines, gnu_lines = ours.read_text("utf-8").splitlines(), theirs.read_text("utf-8").splitlines()
    kept = [line for line in our_lines if line not in set(gnu_lines)]
    given = set(definitions.read_text("utf-8").splitlines())
    relaid = set(gnu("msgcat", str(definitions)).decode().splitlines())
    assert all(line in given and line not in relaid for line in kept), kept
    assert len(kept) == {"library_functions": 0, "library_stdtypes": 6}[name]  # msgid and msgstr of one entry
    assert stats.exact + stats.fuzzy + stats.new == len(read_po_file(template).messages)
    gnu("msgfmt", "-c", "--check-format", "-o", os.devnull, str(ours))


def test_update_keeps_the_lines_of_strings_another_tool_wrapped(tmp_path: Path) -> None:
    """A catalog Weblate wrote (77 columns) keeps its string lines through a merge; msgmerge's does not."""
    definitions, template = (
        CORPUS / "library_stdtypes.3.12.po",
        CORPUS / "templates" / "library_stdtypes.3.13.pot",
    )
    weblate = tmp_path / "weblate.po"
    weblate.write_bytes(gnu("msgcat", "--width=77", str(definitions)))
    before = read_po_file(weblate)
    merged, _ = merge(before, read_po_file(template))
    out = tmp_path / "ours.po"
    write_po_file(merged, out)
    gnu_out = tmp_path / "gnu.po"
    gnu("msgmerge", "--previous", "-q", str(weblate), str(template), "-o", str(gnu_out))

    def string_lines(path: Path) -> dict[str, tuple[list[str], list[str]]]:
        """msgid -> the msgid lines and the msgstr lines of its active entry, as written."""
        found = {}
        for msg in read_po_file(path).active:
            assert msg.raw is not None
            lines = [line for line in msg.raw.splitlines() if line.startswith(("msg", '"'))]
            split = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
            found[msg.msgid] = (lines[:split], lines[split:])
        return found

    old, ours, theirs = string_lines(weblate), string_lines(out), string_lines(gnu_out)
    unchanged = [
        m.msgid
        for m in merged.active
        if (o := before.get(m.msgid)) is not None and o.msgstr == m.msgstr and m.msgid
    ]
    assert len(unchanged) > 900
    assert all(ours[msgid] == old[msgid] for msgid in unchanged)
    rewrapped = sum(theirs[msgid] != old[msgid] for msgid in unchanged)
    assert rewrapped > 300, "msgmerge rewraps them at 79 columns: nothing would be measured"
    # A msgid that changed (a fuzzy match's) is laid out as GNU lays it out; its translation keeps its lines.
    changed = [m for m in merged.active if m.fuzzy and m.previous_msgid is not None]
    assert changed
    for msg in changed:
        assert ours[msg.msgid][0] == theirs[msg.msgid][0]
        assert ours[msg.msgid][1] == old[msg.previous_msgid][1]


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


@pytest.mark.parametrize("name", PAIRS)
def test_no_fuzzy_matching_is_msgmerge_N(name: str, tmp_path: Path) -> None:
    definitions = CORPUS / f"{name}.3.12.po"
    template = CORPUS / "templates" / f"{name}.3.13.pot"
    theirs, ours = tmp_path / "gnu.po", tmp_path / "ours.po"
    gnu("msgmerge", "--previous", "-N", "-q", str(definitions), str(template), "-o", str(theirs))
    done = run_cli("merge", "-N", str(definitions), str(template), "-o", str(ours))
    assert done.returncode == 0, done.stderr
    assert msgfmt_counts(ours) == msgfmt_counts(theirs)
    assert [m.key() for m in read_po_file(ours)] == [m.key() for m in read_po_file(theirs)]
    assert " 0 fuzzy," in done.stderr  # only the translator's own fuzzy flags remain


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("wrapping", [("--width=77",), ("--no-wrap",), ("--width=60", "--no-wrap")])
def test_width_and_no_wrap_are_msgmerge_s(name: str, wrapping: tuple[str, ...], tmp_path: Path) -> None:
    """A catalog kept by a tool that wraps otherwise (Weblate: 77 columns) merges as msgmerge would."""
    template = CORPUS / "templates" / f"{name}.3.13.pot"
    definitions, theirs, ours = tmp_path / "def.po", tmp_path / "gnu.po", tmp_path / "ours.po"
    definitions.write_bytes(gnu("msgcat", *wrapping, str(CORPUS / f"{name}.3.12.po")))
    gnu("msgmerge", "--previous", "-q", *wrapping, str(definitions), str(template), "-o", str(theirs))
    args = [arg.replace("--width=", "-w") for arg in wrapping]
    done = run_cli("merge", *args, str(definitions), str(template), "-o", str(ours))
    assert done.returncode == 0, done.stderr
    assert ours.read_bytes() == theirs.read_bytes()


def test_update_in_place_like_msgmerge_U(tmp_path: Path) -> None:
    template = CORPUS / "templates" / "library_functions.3.13.pot"
    catalog, expected = tmp_path / "fr.po", tmp_path / "expected.po"
    catalog.write_bytes((CORPUS / "library_functions.3.12.po").read_bytes())
    assert run_cli("merge", str(catalog), str(template), "-o", str(expected)).returncode == 0
    first = run_cli("merge", "-U", str(catalog), str(template))
    assert first.returncode == 0, first.stderr
    assert catalog.read_bytes() == expected.read_bytes()
    os.utime(catalog, ns=(1_000_000_000, 1_000_000_000))
    again = run_cli("merge", "-U", str(catalog), str(template))
    assert again.returncode == 0 and again.stderr.rstrip().endswith("(unchanged)")
    assert catalog.stat().st_mtime_ns == 1_000_000_000  # not rewritten: make sees no change
    for args in ((), ("-U", "-o", str(expected))):
        usage = run_cli("merge", *args, str(catalog), str(template))
        assert usage.returncode == 2 and "give either -o OUTPUT or -U" in usage.stderr


def test_dash_is_standard_input_and_output_as_in_gettext(tmp_path: Path) -> None:
    """``msgmerge def.po ref.pot -o -`` prints the catalog; ``-`` as an input reads stdin."""
    definitions = CORPUS / "library_functions.3.12.po"
    template = CORPUS / "templates" / "library_functions.3.13.pot"
    on_disk = tmp_path / "out.po"
    assert run_cli("merge", str(definitions), str(template), "-o", str(on_disk)).returncode == 0
    printed = run_cli("merge", str(definitions), str(template), "-o", "-")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == on_disk.read_text(encoding="utf-8")
    assert printed.stderr.startswith("<stdout>: 433 exact, 6 fuzzy")
    piped = tmp_path / "piped.po"
    text = definitions.read_text(encoding="utf-8")
    done = run_cli("merge", "-", str(template), "-o", str(piped), stdin=text)
    assert done.returncode == 0, done.stderr
    assert piped.read_bytes() == on_disk.read_bytes()
    stats = run_cli("stats", "-", stdin=on_disk.read_text(encoding="utf-8"))
    assert stats.stdout.strip() == "368 translated, 53 fuzzy, 37 untranslated, 46 obsolete"
    broken = run_cli("stats", "-", stdin='msgid "x\n')
    assert broken.returncode == 1 and broken.stderr.startswith("<stdin>:1: error: unterminated string")
    # A reader that stops early (`| head`) ends the command quietly, without a traceback.
    head = subprocess.run(
        f"{sys.executable} -m briefgen merge {definitions} {template} -o - | head -c 10 >/dev/null;"
        " echo ${PIPESTATUS[0]} >&2",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert head.stderr.strip() == "1", head.stderr
    both = run_cli("merge", "-", "-", "-o", str(tmp_path / "x.po"))
    assert both.returncode == 2 and "only one of DEFINITIONS and TEMPLATE" in both.stderr
    assert not (tmp_path / "x.po").exists()


def test_output_in_a_missing_folder_is_refused_as_by_msgmerge(tmp_path: Path) -> None:
    """A typo in ``-o`` is an error naming the folder, not a new folder tree."""
    d, t = tmp_path / "d.po", tmp_path / "t.pot"
    d.write_text(DEFINITIONS, encoding="utf-8")
    t.write_text(TEMPLATE, encoding="utf-8")
    done = run_cli("merge", str(d), str(t), "-o", str(tmp_path / "typo" / "out.po"))
    assert done.returncode == 1
    assert done.stderr == (
        f"{tmp_path}/typo/out.po: error: cannot write this file: the folder {tmp_path}/typo "
        "does not exist; create it or choose another path\n"
    )
    assert not (tmp_path / "typo").exists()


def test_merge_never_imports_the_renderers(tmp_path: Path) -> None:
    """``briefgen merge`` imports click and the catalog code (rapidfuzz once a message needs a
    fuzzy match), never WeasyPrint, Jinja2 or Babel's data: a translator's command stays quick."""
    d, t, out = tmp_path / "d.po", tmp_path / "t.pot", tmp_path / "out.po"
    d.write_text(DEFINITIONS, encoding="utf-8")
    t.write_text(TEMPLATE, encoding="utf-8")
    done = run_cli("merge", str(d), str(t), "-o", str(out), env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert {"click", "briefgen.catalogs.merge", "rapidfuzz"} <= imported  # the report lists imports
    assert not {"jinja2", "babel", "weasyprint"} & imported


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
    assert done.returncode == 1 and "t.pot:1: error: unterminated string" in done.stderr
    assert "Traceback" not in done.stderr


OTHER_ENTRIES = """
#, python-format
msgid "Removed %s from the list of things"
msgstr "%s retiré de la liste des choses"

#, fuzzy, python-format
msgid "Gone %s and fuzzy"
msgstr "Parti %s et flou"
"""
SINGULAR = '#, python-format\nmsgid "%d file"\nmsgstr "{0}"\n'
PLURAL = '#, python-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "{0}"\nmsgstr[1] "{1}"\n'


@pytest.mark.parametrize("plural", [True, False], ids=["becomes-plural", "becomes-singular"])
def test_plural_change_and_new_obsolete_entries_as_msgmerge_writes_them(plural: bool, tmp_path: Path) -> None:
    """Issue 17: `#| msgid` when the plural changes; obsolete entries keep their format flags."""
    d, t = tmp_path / "d.po", tmp_path / "t.pot"
    old, new = (SINGULAR, PLURAL) if plural else (PLURAL, SINGULAR)
    before = HEADER.format(date="2024-01-01 10:00+0100")
    d.write_text(before + "\n" + old.format("%d fichier", "%d fichiers") + OTHER_ENTRIES, encoding="utf-8")
    t.write_text(HEADER.format(date="2024-06-01 12:00+0200") + "\n" + new.format("", ""), encoding="utf-8")
    theirs = gnu("msgmerge", "--previous", "-q", str(d), str(t), "-o", "-")
    merged, _ = merge(read_po_file(d), read_po_file(t))
    assert write_po(merged) == theirs
    assert b'#| msgid "%d file"' in theirs and b'#, python-format\n#~ msgid "Removed' in theirs
