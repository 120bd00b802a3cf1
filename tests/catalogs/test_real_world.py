"""Catalogs GNU gettext reads and briefgen used to refuse (issue 17): Django's, Latin-1, empty, broken.

The oracle is GNU gettext (msgmerge, msgfmt, msgattrib/msgfilter for the templates).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefgen.catalogs.merge import merge
from briefgen.catalogs.pofile import read_po, read_po_file, write_po, write_po_file
from briefgen.errors import CatalogError, CatalogErrors, location

from conftest import CORPUS, ROOT, gnu, msgfmt_counts, run_cli

DATA = ROOT / "tests" / "data" / "catalogs"
CATALOGS = sorted(DATA.glob("*.po"))


def template_of(path: Path, out: Path) -> Path:
    """The catalog's own template, made with GNU tools (same msgids, comments and charset)."""
    cleared = gnu("msgattrib", "--no-obsolete", "--clear-fuzzy", "--clear-previous", str(path))
    out.write_bytes(gnu("msgfilter", "--keep-header", "sed", "-e", "d", data=cleared))
    return out


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_read_write_gives_back_the_bytes(path: Path) -> None:
    catalog = read_po_file(path)
    assert write_po(catalog) == path.read_bytes()
    assert catalog.encoding == {"latin1": "iso8859-1", "cp1252": "cp1252"}.get(path.suffixes[-2][1:], "utf-8")


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_merge_with_unchanged_template_gives_back_the_bytes(path: Path, tmp_path: Path) -> None:
    template = template_of(path, tmp_path / "t.pot")
    merged, stats = merge(read_po_file(path), read_po_file(template))
    ours = tmp_path / "ours.po"
    write_po_file(merged, ours)
    assert ours.read_bytes() == path.read_bytes()
    assert stats.fuzzy == stats.new == 0
    # msgmerge agrees on every entry (it moves the header's Language field, so the header differs).
    theirs = tmp_path / "gnu.po"
    gnu("msgmerge", "--previous", "-q", str(path), str(template), "-o", str(theirs))
    assert [m.key() for m in read_po_file(ours)] == [m.key() for m in read_po_file(theirs)]
    assert msgfmt_counts(ours) == msgfmt_counts(path)


def test_django_plural_forms_are_kept_and_warned_about_once(tmp_path: Path) -> None:
    path = DATA / "django-5.1-humanize.fr.po"
    catalog = read_po_file(path)
    three = [m for m in catalog.active if len(m.msgstr_plural) == 3]
    assert len(three) == 29 and catalog.nplurals == 2
    assert three[0].msgstr_plural[2]  # the third form, as written
    stats = run_cli("stats", str(path))
    assert stats.returncode == 0
    warnings = stats.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith(
        f"{location(path, three[0].lineno)}: warning: 29 entries"
    )
    check = run_cli("check", str(path), "--format", "json")
    found = [f for f in json.loads(check.stdout) if f["check"] == "plural-forms"]
    assert [(f["line"], f["severity"]) for f in found] == [(three[0].lineno, "warning")]
    template = template_of(path, tmp_path / "t.pot")
    merged = run_cli("merge", str(path), str(template), "-o", str(tmp_path / "out.po"))
    assert merged.returncode == 0 and "warning" not in merged.stderr


def test_a_character_the_charset_lacks_is_an_error_naming_the_entry(tmp_path: Path) -> None:
    path = DATA / "django-5.1-humanize.fr.latin1.po"
    template = template_of(path, tmp_path / "t.pot")
    text = template.read_bytes().decode("latin-1")
    template.write_bytes(text.replace("charset=ISO-8859-1", "charset=UTF-8").encode("utf-8"))
    with template.open("a", encoding="utf-8") as out:
        out.write('\nmsgid "Loading\u2026"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    done = run_cli("merge", str(path), str(template), "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    line = done.stderr.strip()
    assert line.startswith(f"{out}:") and ": error: '\u2026' (U+2026) cannot be written" in line
    assert 'msgid "Loading' in line and "charset=ISO-8859-1" in line
    number = int(line.split(":")[1])
    merged, _ = merge(read_po_file(path), read_po_file(template))
    merged.header_set("Content-Type", "text/plain; charset=UTF-8")
    assert write_po(merged).decode().splitlines()[number - 1] == 'msgid "Loading\u2026"'


def test_an_empty_definitions_file_is_a_catalog_without_messages(tmp_path: Path) -> None:
    empty = tmp_path / "empty.po"
    empty.write_bytes(b"")
    comments = b"\n\n# only a comment\n"
    assert read_po(b"").messages == [] and write_po(read_po(comments)) == comments
    template = CORPUS / "templates" / "library_gc.pot"
    ours, theirs = tmp_path / "ours.po", tmp_path / "gnu.po"
    done = run_cli("merge", str(empty), str(template), "-o", str(ours))
    assert done.returncode == 0, done.stderr
    gnu("msgmerge", "--previous", "-q", str(empty), str(template), "-o", str(theirs))
    # The same messages as msgmerge's; msgmerge writes no header at all, briefgen the template's
    # (a catalog without a header is one that briefgen and msgfmt --check refuse).
    merged = read_po_file(ours)
    assert merged.header is not None and merged.header.msgstr == read_po_file(template).header.msgstr
    assert [m.key() for m in merged.messages] == [m.key() for m in read_po(b"".join(header_for(theirs)))]


def header_for(path: Path) -> list[bytes]:
    """msgmerge's headerless output, given an empty header so that it can be read."""
    return [b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n', path.read_bytes()]


BROKEN = b"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "one"
msgstr "un

msgid "two"
msgstr "deux"

msgid "three"
msgstr "trois" junk

msgid "two"
msgstr "deux"
"""


def test_every_error_of_a_file_is_listed_as_msgfmt_lists_them(tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_bytes(BROKEN)
    with pytest.raises(CatalogErrors) as info:
        read_po_file(path)
    assert [e.line for e in info.value.errors] == [6, 12, 14]
    done = run_cli("stats", str(path))
    assert done.returncode == 1
    assert [line.split(": error: ")[0] for line in done.stderr.splitlines()] == [
        f"{path}:6",
        f"{path}:12",
        f"{path}:14",
    ]
    msgfmt = run_gnu_errors(path)
    assert {6, 12, 14} <= msgfmt or {7, 12, 14} <= msgfmt  # msgfmt puts the unterminated string on 7


def run_gnu_errors(path: Path) -> set[int]:
    import subprocess

    from conftest import require_tool

    done = subprocess.run(
        [require_tool("msgfmt"), "-c", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    return {int(line.split(":")[1]) for line in done.stderr.splitlines() if line.startswith(str(path))}


def test_check_reports_an_unreadable_file_and_checks_the_others(tmp_path: Path) -> None:
    broken = tmp_path / "broken.po"
    broken.write_bytes(BROKEN)
    good = DATA / "django-5.1-humanize.fr.latin1.po"
    missing = tmp_path / "missing.po"
    for fmt in ("json", "text"):
        done = run_cli("check", str(broken), str(good), str(missing), "--format", fmt)
        assert done.returncode == 1
        if fmt == "text":
            assert f"{broken}:6: error: [read] unterminated string" in done.stdout
            continue
        findings = json.loads(done.stdout)
        read = [(f["file"], f["line"], f["severity"]) for f in findings if f["check"] == "read"]
        expected = [(str(broken), line, "error") for line in (6, 12, 14)]
        assert read == [*expected, (str(missing), 0, "error")]
        assert any(f["file"] == location(good) for f in findings)


def test_a_file_in_an_unknown_charset_is_refused() -> None:
    with pytest.raises(CatalogError, match="charset=X-NOPE"):
        read_po(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=X-NOPE\\n"\n')


CREDITS = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "translator-credits"
msgstr ""
"Jean Mille <jean.mille@example.org>, 2021\\n"
"Anne Cent <https://example.org/anne>, 2023"

msgctxt "NAME OF TRANSLATORS"
msgid "Your names"
msgstr "Jean Mille, Anne Cent"

msgctxt "EMAIL OF TRANSLATORS"
msgid "Your emails"
msgstr "jean.mille@example.org"

msgid "Delete 3 files"
msgstr "Supprimer 4 fichiers"
"""


def test_credit_entries_are_not_checked(tmp_path: Path) -> None:
    """Issue 17: translators' names and addresses are not translations (no links, no figures)."""
    path = tmp_path / "credits.po"
    path.write_text(CREDITS, encoding="utf-8")
    done = run_cli("check", str(path), "--source-lang", "en", "--format", "json")
    findings = json.loads(done.stdout)
    # the finding points at the msgstr line, the one after the msgid (what a translator edits)
    assert {f["line"] for f in findings} == {CREDITS.splitlines().index('msgid "Delete 3 files"') + 2}
    assert [f["check"] for f in findings if f["severity"] == "error"] == ["figures"]
