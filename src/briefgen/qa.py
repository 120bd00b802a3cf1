"""The commands that look at texts rather than build them: ``briefgen facts`` and ``briefgen check``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import languages
from .config import check_lang, load_workspace
from .errors import BriefgenError, CatalogError, CatalogErrors, ConfigError, SourceError, location
from .facts import extract, to_json
from .sources import load_source

__all__ = ["Report", "box_of", "check_catalogs", "facts_of", "format_box"]


def _find_span(text: str, segment: str, start: int) -> int | None:
    """Where ``segment`` (whitespace-normalised) occurs in ``text``, from ``start``."""
    pattern = r"\s+".join(re.escape(word) for word in segment.split())
    match = re.compile(pattern).search(text, start)
    return match.start() if match else None


def facts_of(directory: Path | None, target: str | None, lang: str | None) -> list[dict[str, object]]:
    """Key figures of a source (slug or .md path), a text file, or stdin (``-``).

    Offsets are into the file as it is on disk, so an editor can jump to them.
    """
    if target in (None, "-"):
        import sys

        if target is None and sys.stdin.isatty():
            raise BriefgenError("name a source (slug or sources/x.md) or a text file, or pipe text on stdin")
        return to_json(extract(sys.stdin.read(), lang or languages.DEFAULT_SOURCE))
    path = Path(target)
    if path.suffix != ".md" and not path.exists():
        ws = load_workspace(directory)
        path = ws.sources_dir / f"{target}.md"
    if not path.is_file():
        raise SourceError("no such source or text file; give a slug, a .md source or a .txt file", path)
    if path.suffix != ".md":
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SourceError("not UTF-8 text; save the file as UTF-8", path) from None
        return to_json(extract(text, lang or languages.DEFAULT_SOURCE))
    source = load_source(path)
    text = path.read_text(encoding="utf-8")
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: list[dict[str, object]] = []
    for segment in source.segments():
        offset = _find_span(text, segment.text, line_starts[min(segment.line, len(line_starts)) - 1])
        if offset is not None and not text.startswith(segment.text, offset):
            offset = None  # not verbatim in the file: offsets stay relative to the segment
        facts = to_json(extract(segment.text, lang or source.lang))
        for fact in facts:
            if offset is not None:
                fact["start"] = int(fact["start"]) + offset
                fact["end"] = int(fact["end"]) + offset
            found.append(fact)
    return found


@dataclass(frozen=True)
class Report:
    """One finding of ``briefgen check``, located in a catalog."""

    file: str
    line: int
    check: str
    severity: str
    message: str

    def as_line(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: [{self.check}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
        }


def _workspace_catalogs(directory: Path | None) -> list[tuple[Path, str]]:
    ws = load_workspace(directory)
    files: list[tuple[Path, str]] = []
    for lang in ws.settings.target_langs:
        for path in sorted((ws.translations_dir / lang / "LC_MESSAGES").glob("*.po")):
            # Layout strings are written in English whatever the sources' language.
            files.append(
                (path, languages.MESSAGE_LANG if path.stem == "layouts" else ws.settings.source_lang)
            )
    if not files:
        raise ConfigError("no catalogs to check; run 'briefgen init --lang LANG' first", ws.translations_dir)
    return files


def _default_source_lang(directory: Path | None) -> str:
    try:
        return load_workspace(directory).settings.source_lang
    except ConfigError:
        return languages.MESSAGE_LANG  # gettext's convention: msgids are English


def check_catalogs(directory: Path | None, po_files: list[Path], source_lang: str | None) -> list[Report]:
    """Run the QA checks on every message of the given catalogs (default: the workspace's)."""
    from .catalogs.checks import CheckInput, is_credit_entry, run_checks
    from .catalogs.pofile import read_po_file
    from .catalogs.stats import extra_plural_forms

    if source_lang is not None:
        check_lang(source_lang)
    if po_files:
        fallback = source_lang or _default_source_lang(directory)
        files = [(path, fallback) for path in po_files]
    else:
        files = _workspace_catalogs(directory)
    reports: list[Report] = []
    for path, default_lang in files:
        try:
            catalog = read_po_file(path)
        except CatalogError as exc:
            # One unreadable file is a finding for that file: the others are still checked.
            found = exc.errors if isinstance(exc, CatalogErrors) else [exc]
            reports += [Report(location(path), e.line or 0, "read", "error", e.reason) for e in found]
            continue
        src_lang = source_lang or catalog.header_get("X-Source-Language") or default_lang
        tgt_lang = catalog.header_get("Language") or ""
        if not tgt_lang:
            line = catalog.header.lineno if catalog.header is not None else 1
            reason = "the header has no Language field; add one (e.g. Language: en)"
            reports.append(Report(location(path), line, "read", "error", reason))
            continue
        extra = extra_plural_forms(catalog)
        if extra is not None:
            reports.append(Report(location(path), extra[0], "plural-forms", "warning", extra[1]))
        for message in catalog.active:
            if not message.msgid or is_credit_entry(message.msgid, message.msgctxt):
                continue
            for index, translation in enumerate(message.strings):
                original = (
                    message.msgid if index == 0 or message.msgid_plural is None else message.msgid_plural
                )
                pair = CheckInput(original, translation, src_lang, tgt_lang, message.fuzzy)
                line = message.msgstr_line(index)
                for finding in run_checks(pair):
                    reports.append(
                        Report(location(path), line, finding.check, finding.severity, finding.message)
                    )
    return reports


def box_of(directory: Path | None, slugs: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """The key-figure box of each source (all, or ``slugs``) in each target language, as
    ``briefgen box --format json`` prints it: the same entries as the PDF, EPUB and HTML."""
    from .brief import key_figures

    ws = load_workspace(directory)
    paths = [ws.sources_dir / f"{slug}.md" for slug in slugs] if slugs else ws.source_paths()
    out: list[dict[str, object]] = []
    for path in paths:
        if not path.is_file():
            raise SourceError("no such source; give the slug of a file in sources/", path)
        for lang in ws.settings.target_langs:
            entries = [
                {
                    "figure": k.source_figure,
                    "label": k.source_label,
                    "target_figure": k.target_figure,
                    "target_label": k.target_label,
                    "kind": k.kind,
                    "value": k.value,
                    "line": k.line,
                }
                for k in key_figures(ws, path, lang)
            ]
            out.append({"slug": path.stem, "lang": lang, "entries": entries})
    return out


def format_box(boxes: list[dict[str, object]]) -> str:
    """Boxes as a readable table: one block per brief and language, one row per figure."""
    lines: list[str] = []
    for box in boxes:
        lines.append(f"{box['slug']} ({box['lang']})")
        entries = box["entries"]
        assert isinstance(entries, list)
        for e in entries:
            lines.append(f"  {e['line']:>4}  {e['figure']:<28} {e['label']}")
            lines.append(f"        {e['target_figure']:<28} {e['target_label']}")
    return "\n".join(lines)
