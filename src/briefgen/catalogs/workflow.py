"""The translator's workflow on a workspace: extract, init, update, compile, status.

Templates and catalogs follow Babel's layout: ``translations/<domain>.pot`` and
``translations/<lang>/LC_MESSAGES/<domain>.po``; one domain per source and the
``layouts`` domain for the strings of the Jinja2 layouts. A file is rewritten
only when its content changes, so version control sees no churn.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Workspace, check_lang
from ..errors import CatalogError, ConfigError
from ..fsutil import atomic_write, check_unchanged, file_lock, remove_abandoned
from ..guard import FileState, file_state, read_guarded
from ..sources import load_source
from .extract import layout_template, source_template
from .merge import merge
from .model import Catalog, format_po_date
from .pofile import read_po, read_po_file, write_po
from .stats import catalog_stats

__all__ = [
    "compile_catalogs",
    "extract_templates",
    "format_status",
    "init_catalogs",
    "update_catalogs",
    "workspace_status",
]

LAYOUTS_DOMAIN = "layouts"


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class _Plan:
    """The files a command will write, kept in memory until every input has been read.

    A malformed catalog met halfway through ``update`` must leave every file as
    it was (issue 7); and a file whose bytes do not change is never rewritten,
    so version control sees no churn.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writes: dict[Path, bytes] = {}
        self.lines: list[str] = []
        #: The state of each file when it was read: a file saved since (by a translator's
        #: editor, during an update of 6,000 messages) is not overwritten (issue 18).
        self.read_states: dict[Path, FileState | None] = {}

    def read(self, path: Path) -> Catalog:
        """Read the catalog ``path``, noting its state first (a save after the stat is then seen too)."""
        self.read_states[path] = file_state(path)
        return read_po_file(path, self.root)

    def put(self, path: Path, data: bytes) -> bool:
        """Plan to write ``data`` to ``path``; False when the file already holds these bytes."""
        self.read_states.setdefault(path, file_state(path))
        try:
            if read_guarded(path, self.root, what="catalog") == data:
                return False
        except FileNotFoundError:
            pass
        self.writes[path] = data
        return True

    def commit(self) -> list[str]:
        # Every file is checked before any is written, then each again just before its rename.
        for path in self.writes:
            check_unchanged(path, self.read_states.get(path))
        for path, data in self.writes.items():
            atomic_write(path, data, expect=self.read_states.get(path))
        return self.lines


def _templates(ws: Workspace) -> Iterator[tuple[str, Catalog]]:
    """(domain, template) for every source, then the layouts domain."""
    for path in ws.source_paths():
        source = load_source(path, default_lang=ws.settings.source_lang, root=ws.root)
        yield source.slug, source_template(source, ws.rel(path), ws.settings.project)
    yield LAYOUTS_DOMAIN, layout_template(ws, ws.settings.project)


def _keep_creation_date(ws: Workspace, new: Catalog, old_path: Path) -> bytes:
    """Serialise ``new``; reuse the old POT-Creation-Date when nothing else changed."""
    if old_path.exists():
        old_data = read_guarded(old_path, ws.root, what="template")
        old = read_po(old_data, old_path)
        new.newline = old.newline
        new.header_set("POT-Creation-Date", old.header_get("POT-Creation-Date") or "")
        data = _serialise(ws, new)
        if data == old_data:
            return data
    new.header_set("POT-Creation-Date", format_po_date(_now()))
    return _serialise(ws, new)


def _serialise(ws: Workspace, catalog: Catalog) -> bytes:
    """The catalog's bytes, new and changed entries wrapped as the workspace says (po-width, po-wrap)."""
    return write_po(catalog, width=ws.settings.po_width, wrap=ws.settings.po_wrap)


def _extract(ws: Workspace, plan: _Plan) -> dict[str, Catalog]:
    """Plan the templates of every source and of the layouts; return them by domain."""
    if not ws.source_paths():
        raise ConfigError(
            "no sources in sources/; add one with 'briefgen add SLUG --title ...'", ws.sources_dir
        )
    # Under the workspace lock: no other catalog command is writing; a killed one left these.
    for folder in (ws.translations_dir, *ws.translations_dir.glob("*/LC_MESSAGES")):
        for path in remove_abandoned(folder):
            plan.lines.append(f"removed {ws.rel(path)} (left by a command that was killed)")
    templates: dict[str, Catalog] = {}
    for domain, template in _templates(ws):
        path = ws.template_path(domain)
        if plan.put(path, _keep_creation_date(ws, template, path)):
            plan.lines.append(f"wrote {ws.rel(path)} ({len(template)} messages)")
        else:
            plan.lines.append(f"{ws.rel(path)}: unchanged")
        templates[domain] = template
    return templates


def extract_templates(ws: Workspace) -> list[str]:
    """Write the templates of every source and of the layouts; return progress lines."""
    with file_lock(ws.translations_dir / ".briefgen"):
        plan = _Plan(ws.root)
        _extract(ws, plan)
        return plan.commit()


def _new_catalog(
    ws: Workspace, template: Catalog, lang: str, memory: Callable[[str], str | None] | None = None
) -> Catalog:
    """A catalog of ``lang`` for ``template``: complete header, translations offered by ``memory``."""
    now = _now()
    empty = Catalog.new(ws.settings.project, lang, creation_date=now, revision_date=now)
    catalog, _ = merge(empty, template, memory=memory)
    catalog.header_set("POT-Creation-Date", template.header_get("POT-Creation-Date") or "")
    return catalog


def _domains(ws: Workspace, lang: str | None = None) -> list[str]:
    """The catalogs a language has: every source and the layouts; the source language only the layouts."""
    if lang is not None and lang == ws.settings.source_lang:
        return [LAYOUTS_DOMAIN]
    return [p.stem for p in ws.source_paths()] + [LAYOUTS_DOMAIN]


def init_catalogs(ws: Workspace, langs: tuple[str, ...], *, force: bool = False) -> list[str]:
    """Create the catalogs of ``langs`` from the templates (extracting them first)."""
    for lang in langs:
        check_lang(lang)
    with file_lock(ws.translations_dir / ".briefgen"):
        plan = _Plan(ws.root)
        templates = _extract(ws, plan)
        for lang in langs:
            memory = translation_memory(_read_language(ws, lang, plan).values())
            for domain in _domains(ws, lang):
                path = ws.catalog_path(domain, lang)
                if path.exists() and not force:
                    plan.lines.append(
                        f"{ws.rel(path)}: exists; use 'briefgen update' (or init --force to replace it)"
                    )
                    continue
                plan.put(path, _serialise(ws, _new_catalog(ws, templates[domain], lang, memory)))
                plan.lines.append(f"created {ws.rel(path)}")
        return plan.commit()


def _read_language(ws: Workspace, lang: str, plan: _Plan) -> dict[Path, Catalog]:
    """Every catalog of ``lang``, parsed once: the memory and the merges both use them."""
    folder = ws.translations_dir / lang / "LC_MESSAGES"
    return {path: plan.read(path) for path in sorted(folder.glob("*.po"))}


def translation_memory(catalogs: Iterable[Catalog]) -> Callable[[str], str | None]:
    """msgid -> a translation one of ``catalogs`` already has (translated, not fuzzy)."""
    memory: dict[str, str] = {}
    for catalog in catalogs:
        for message in catalog.messages:
            if message.translated and not message.obsolete and message.msgid not in memory:
                memory[message.msgid] = message.msgstr
    return memory.get


def update_catalogs(ws: Workspace, langs: tuple[str, ...] | None, *, keep_obsolete: bool = True) -> list[str]:
    """Extract, then merge each template into each catalog (msgmerge --previous semantics).

    Every catalog is read and merged before anything is written: a malformed
    one stops the command with the workspace as it was.
    """
    targets = list(langs or dict.fromkeys((*ws.settings.target_langs, ws.settings.source_lang)))
    for lang in targets:
        check_lang(lang)
    with file_lock(ws.translations_dir / ".briefgen"):
        plan = _Plan(ws.root)
        templates = _extract(ws, plan)
        for lang in targets:
            existing = _read_language(ws, lang, plan)
            memory = translation_memory(existing.values())
            for domain in _domains(ws, lang):
                path = ws.catalog_path(domain, lang)
                template = templates[domain]
                if path not in existing:
                    plan.put(path, _serialise(ws, _new_catalog(ws, template, lang, memory)))
                    plan.lines.append(f"created {ws.rel(path)}")
                    continue
                merged, stats = merge(existing[path], template, memory=memory, keep_obsolete=keep_obsolete)
                changed = plan.put(path, _serialise(ws, merged))
                summary = (
                    f"{stats.exact} kept, {stats.fuzzy} fuzzy, {stats.from_memory} from memory, "
                    f"{stats.new} new, {stats.obsolete} obsolete"
                )
                if stats.dropped:
                    summary += f", {stats.dropped} dropped (--no-obsolete)"
                plan.lines.append(f"{ws.rel(path)}: {summary}" + ("" if changed else " (unchanged)"))
        return plan.commit()


def compile_catalogs(ws: Workspace) -> list[str]:
    """Write a .mo next to every catalog (Babel's writer; fuzzy messages left out, as msgfmt does)."""
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    lines = []
    paths = sorted(ws.translations_dir.glob("*/LC_MESSAGES/*.po"))
    if not paths:
        raise CatalogError(
            "no catalogs to compile; run 'briefgen init --lang LANG' first", ws.translations_dir
        )
    # Every catalog read before any .mo is written: a bad one leaves the workspace as it was.
    for path, catalog in [(path, read_po_file(path, ws.root)) for path in paths]:
        babel_catalog = BabelCatalog(locale=None, charset="utf-8", fuzzy=False)
        babel_catalog.mime_headers = catalog.header_fields()
        for message in catalog.messages:
            if message.obsolete or not message.msgid:
                continue
            if message.msgid_plural is not None:
                babel_catalog.add(
                    (message.msgid, message.msgid_plural),
                    tuple(message.strings),
                    flags=message.flags,
                    context=message.msgctxt,
                )
            else:
                babel_catalog.add(message.msgid, message.msgstr, flags=message.flags, context=message.msgctxt)
        buffer = io.BytesIO()
        write_mo(buffer, babel_catalog, use_fuzzy=False)
        mo_path = path.with_suffix(".mo")
        atomic_write(mo_path, buffer.getvalue())
        lines.append(f"compiled {ws.rel(mo_path)}")
    return lines


def workspace_status(ws: Workspace) -> list[dict[str, object]]:
    """Per source and target language: messages and words translated, fuzzy, untranslated."""
    rows: list[dict[str, object]] = []
    for domain in _domains(ws):
        for lang in ws.settings.target_langs:
            path = ws.catalog_path(domain, lang)
            if not path.is_file():
                rows.append({"source": domain, "lang": lang, "catalog": ws.rel(path), "missing": True})
                continue
            stats = catalog_stats(read_po_file(path, ws.root))
            rows.append({"source": domain, "lang": lang, "catalog": ws.rel(path), **stats.as_dict()})
    return rows


def format_status(rows: list[dict[str, object]]) -> str:
    lines = [
        f"{'source':<28} {'lang':<5} {'done':>5}  {'translated':>10} {'fuzzy':>6} {'untransl.':>9}  words"
    ]
    for row in rows:
        if row.get("missing"):
            lines.append(
                f"{row['source']:<28} {row['lang']:<5}  (no catalog: briefgen init --lang {row['lang']})"
            )
            continue
        lines.append(
            f"{row['source']:<28} {row['lang']:<5} {int(row['percent_translated']):>4}%  "  # type: ignore[call-overload]
            f"{row['translated']:>10} {row['fuzzy']:>6} "
            f"{row['untranslated']:>9}  {row['translated_words']}/{row['total_words']}"
        )
    return "\n".join(lines)
