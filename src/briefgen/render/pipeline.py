"""From a source and its catalogs to the render context, and from the context to files.

The renderers are a read-only registry (format name -> function), imported
lazily so that an EPUB build never imports WeasyPrint.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..config import Workspace
from ..errors import CatalogError
from ..fsutil import DISK_ERRORS, explain_os_error, replace_keeping_mode, temporary_prefix
from ..sources import load_source
from ..version import __version__
from .context import BriefContext, Pair, Translation, build_context

if TYPE_CHECKING:
    from ..build import Job, Output

__all__ = ["RENDERERS", "brief_context", "import_renderers", "load_translations", "render_formats"]

logger = logging.getLogger("briefgen")

#: Output format -> "module:function" of its renderer (imported on first use).
RENDERERS: Mapping[str, str] = MappingProxyType(
    {
        "pdf": "briefgen.render.pdf:write_pdf",
        "epub": "briefgen.render.epub:write_epub",
        "html": "briefgen.render.page:write_page",
    }
)


def import_renderers(formats: Iterable[str]) -> None:
    """Import what rendering ``formats`` needs (build.py does it before forking workers, so they share it)."""
    from ..facts import summary_box  # noqa: F401  # brief_context's

    for fmt in formats:
        _renderer(fmt)


def _renderer(fmt: str) -> Callable[..., Path]:
    module, _, name = RENDERERS[fmt].partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def load_translations(path: Path, *, source_file: str | None = None) -> dict[str, Translation]:
    """msgid -> Translation for the live (non-obsolete) messages of a catalog.

    With ``source_file``, a catalog whose references all name another source is
    refused: it was copied or renamed from another brief, and would show its text.
    """
    from ..catalogs.pofile import read_po_file

    if not path.is_file():
        return {}
    catalog = read_po_file(path)
    if source_file is not None:
        files = {ref.rsplit(":", 1)[0] for m in catalog.active for ref in m.references}
        if files and source_file not in files:
            other = sorted(files)[0]
            raise CatalogError(
                f"this catalog translates {other}, not {source_file}; "
                f"run 'briefgen update' to bring it up to date with its source, or restore the right file",
                path,
            )
    return {
        m.msgid: Translation(m.msgstr, m.fuzzy, m.lineno)
        for m in catalog.messages
        if not m.obsolete and m.msgid and m.msgctxt is None
    }


def _labels(ws: Workspace, source_lang: str, target_lang: str) -> dict[str, tuple[str | None, str | None]]:
    """Layout strings (msgid in English) in the source and target languages; None where untranslated."""
    src = load_translations(ws.catalog_path("layouts", source_lang))
    tgt = load_translations(ws.catalog_path("layouts", target_lang))
    labels: dict[str, tuple[str | None, str | None]] = {}
    for msgid in set(src) | set(tgt):
        s, t = src.get(msgid), tgt.get(msgid)
        labels[msgid] = (
            s.text if s and s.text and not s.fuzzy else None,
            t.text if t and t.text and not t.fuzzy else None,
        )
    return labels


def brief_context(ws: Workspace, source_path: Path, lang: str, *, strict: bool = False) -> BriefContext:
    """Load one brief's source, catalogs and key figures into its render context."""
    from ..facts import summary_box

    source = load_source(source_path, default_lang=ws.settings.source_lang)
    catalog_path = ws.catalog_path(source.slug, lang)
    missing = not catalog_path.is_file()
    if missing:
        message = f"no {lang} catalog; run 'briefgen init --lang {lang}' (the source text is shown instead)"
        if strict:
            raise CatalogError(message, catalog_path)
        logger.warning("%s: %s", ws.rel(catalog_path), message)
    translations = load_translations(catalog_path, source_file=ws.rel(source_path))

    def translate(msgid: str) -> str | None:
        entry = translations.get(msgid)
        return entry.text if entry and entry.text and not entry.fuzzy else None

    box = [
        (e.block_id, e.source_figure, e.target_figure, e.source_label, e.target_label)
        for e in summary_box(source, translate, ws.settings.locale_for(lang))
    ]
    ctx = build_context(
        source,
        lang,
        translations,
        catalog_file=ws.rel(catalog_path),
        source_file=ws.rel(source_path),
        labels=_labels(ws, source.lang, lang),
        locales=(ws.settings.locale_for(source.lang), ws.settings.locale_for(lang)),
        box=box,
        xhtml=True,  # XHTML-style void tags are valid HTML too: one context for every format
        generator=f"briefgen {__version__}",
    )
    status = ctx.status
    if (status.untranslated or status.fuzzy) and not missing:  # a missing catalog was said above
        where = next((p.po_line for p in _pairs(ctx) if p.status in ("untranslated", "fuzzy")), None)
        message = (
            f"{status.untranslated} untranslated and {status.fuzzy} fuzzy message(s) "
            f"({status.percent}\u00a0% translated); translate them or build without --strict"
        )
        if strict:
            raise CatalogError(message, catalog_path, where)
        where_text = f"{ws.rel(catalog_path)}:{where}" if where else ws.rel(catalog_path)
        logger.warning("%s: %s", where_text, message)
    problems = _figure_problems(translations, source.lang, lang)
    if problems and strict:
        line, message = problems[0]
        more = f" ({len(problems) - 1} more: see 'briefgen check')" if len(problems) > 1 else ""
        raise CatalogError(f"{message}; give the translation the source's figures{more}", catalog_path, line)
    notes: dict[int, list[str]] = {}
    for line, message in problems:
        logger.warning(
            "%s:%s: %s; give the translation the source's figures", ws.rel(catalog_path), line, message
        )
        if line is not None:
            notes.setdefault(line, []).append(message)
    if notes:  # the preview and the HTML page mark those paragraphs
        ctx = replace(ctx, figure_problems={line: "; ".join(found) for line, found in notes.items()})
    return ctx


def _figure_problems(
    translations: Mapping[str, Translation], source_lang: str, target_lang: str
) -> list[tuple[int | None, str]]:
    """The figures a translation changed, lost or added (the errors of ``briefgen check``), by .po line.

    A brief whose text says 25 % where its source says 20 % is not published silently:
    the summary box shows the source's figure, so the page would contradict itself.
    """
    from ..facts.compare import compare

    found: list[tuple[int | None, str]] = []
    for msgid, entry in translations.items():
        if entry.text and not entry.fuzzy:
            found += [
                (entry.line, problem.message)
                for problem in compare(msgid, source_lang, entry.text, target_lang)
                if problem.severity == "error"
            ]
    return sorted(found, key=lambda item: item[0] or 0)


def _pairs(ctx: BriefContext) -> Iterator[Pair]:
    """Every translatable pair of a brief, in document order."""
    yield from (p for p in (ctx.title, ctx.subtitle, ctx.origin) if p is not None)
    yield from ctx.keywords
    for row in ctx.rows:
        yield from row.pairs


def render_formats(ws: Workspace, job: Job, ctx: BriefContext, files: Sequence[Output]) -> list[Path]:
    """Write each file of one brief (``files`` come from :func:`briefgen.build.outputs`).

    All or nothing: every format is rendered into a hidden folder next to the
    outputs and moved into place only when all of them succeeded, so a brief
    whose EPUB fails (or whose disk fills up) keeps its previous PDF, HTML and
    EPUB rather than a mix of old and new (issue 7).
    """
    if not files:
        return []
    paths = [file.path for file in files]
    from .images import read_images

    # Read and checked once for every format, before any is rendered: a bad image fails them all.
    images = read_images(ctx, ws.root)
    folder = paths[0].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stage = Path(
            tempfile.mkdtemp(prefix=temporary_prefix(f"{job.slug}.{job.lang}"), suffix=".staging", dir=folder)
        )
    except OSError as exc:
        raise explain_os_error(exc, paths[0]) from exc
    try:
        staged = [stage / path.name for path in paths]
        for file, tmp in zip(files, staged, strict=True):
            try:
                _renderer(file.fmt)(ctx, ws.layouts_dir, ws.root, tmp, images=images, **file.options)
            except OSError as exc:
                # WeasyPrint writes the fonts it subsets to temporary files: a full disk fails there.
                if exc.errno not in DISK_ERRORS:
                    raise
                raise explain_os_error(exc, file.path) from exc
        for tmp, final in zip(staged, paths, strict=True):
            try:
                replace_keeping_mode(tmp, final)
            except OSError as exc:
                raise explain_os_error(exc, final) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return paths
