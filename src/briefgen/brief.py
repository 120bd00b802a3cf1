"""The assembled bilingual brief: stage three of the pipeline.

``sources`` parse a Markdown source, ``catalogs`` read its translations, ``facts``
find its key figures; this module puts them together, with the checks a build
makes (missing catalog, untranslated or fuzzy messages, changed figures), into one
:class:`Brief`. Renderers and output formats (``briefgen.formats``) receive a
``Brief`` and only lay out what it holds::

    sources -> catalogs -> facts -> brief -> render / formats -> build
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .config import Workspace
from .errors import BriefgenError, CatalogError, SourceError
from .guard import shorten
from .model import Block, Segment, Source
from .sources import load_source
from .version import __version__

__all__ = [
    "Brief",
    "KeyFigure",
    "Passage",
    "Status",
    "StatusName",
    "Translation",
    "assemble",
    "body_segments",
    "key_figures",
    "load_translations",
    "translation_status",
]

logger = logging.getLogger("briefgen")

StatusName = Literal["translated", "fuzzy", "untranslated", "literal"]


@dataclass(frozen=True)
class Translation:
    """What a catalog says about one msgid: its msgstr, fuzzy flag and line in the .po."""

    text: str
    fuzzy: bool = False
    line: int | None = None


@dataclass(frozen=True)
class Status:
    """Translation status of one brief in one language (from the catalog)."""

    lang: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        # Floor, so that 99.6 % is never shown as a complete translation.
        return 100 * self.translated // self.total if self.total else 100

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    def line(self) -> str:
        """``EN 100 % · 0 fuzzy`` (plus untranslated when there are any)."""
        text = f"{self.lang.upper()} {self.percent}\u00a0% · {self.fuzzy} fuzzy"
        if self.untranslated:
            text += f" · {self.untranslated} untranslated"
        return text


@dataclass(frozen=True)
class Passage:
    """One text of the body in both languages, in document order.

    A heading, paragraph, list item or block quote is one passage; an image gives
    its alt text and caption, a table one passage per cell, a code block one
    ``literal`` passage. ``source`` and ``target`` are inline Markdown as typed;
    ``target`` falls back to the source text when the translation is missing or
    fuzzy, as the PDF shows it (``status`` says which).
    """

    block_id: str
    kind: str
    source: str
    target: str
    status: StatusName
    po_line: int | None = None


@dataclass(frozen=True)
class KeyFigure:
    """One line of the key-figures box: the figure and its label in both languages."""

    block_id: str
    source_figure: str
    target_figure: str
    source_label: str
    target_label: str
    kind: str = ""
    value: float = 0.0
    #: The source line of the paragraph the figure is in.
    line: int = 0


@dataclass(frozen=True)
class Brief:
    """One source in one target language, with everything its outputs show.

    The public model that every output format receives (``write(brief, path)``):
    ``slug``, ``title`` (the source title), ``source_lang``, ``target_lang``,
    ``date`` and ``blocks`` (the body's :class:`Passage` objects, in order) are
    what a simple format needs; the rest is what briefgen's own renderers read
    (the parsed source, the catalog's entries, layout strings, locales and the
    folders layouts and images are read from).
    """

    slug: str
    title: str
    target_title: str
    source_lang: str
    target_lang: str
    date: dt.date
    blocks: tuple[Passage, ...]
    status: Status
    key_figures: tuple[KeyFigure, ...]
    source: Source
    translations: Mapping[str, Translation]
    #: layout msgid (English) -> its (source-language, target-language) text, None where untranslated
    labels: Mapping[str, tuple[str | None, str | None]]
    #: the (source, target) locales of dates and figures
    locales: tuple[str, str]
    source_file: str
    catalog_file: str
    root: Path
    layouts_dir: Path
    generator: str = "briefgen"
    #: .po line -> what the translation did to that message's figures ("'20 %' became '25%'").
    figure_problems: Mapping[int, str] = field(default_factory=dict)


def body_segments(block: Block) -> list[Segment]:
    """The translatable segments a block shows, in the order its row shows them."""
    if block.kind == "image":
        alt = next((s for s in block.segments if s.kind == "image-alt"), None)
        caption = next((s for s in block.segments if s.kind == "caption"), None)
        return [s for s in (alt, caption) if s is not None]
    if block.kind == "table":
        return [cell for row in block.rows for cell in row]
    if block.kind == "code":
        return []
    return [block.segments[0]]


def _shown_segments(source: Source) -> Iterator[Segment]:
    """Every message a brief shows, in document order: front matter, then the body."""
    front = (source.title, source.subtitle, source.origin, source.short_title)
    yield from (s for s in front if s is not None)
    yield from source.keywords
    for block in source.blocks:
        yield from body_segments(block)


def _status_of(translations: Mapping[str, Translation], msgid: str) -> StatusName:
    entry = translations.get(msgid)
    if entry is None or not entry.text:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def translation_status(source: Source, target_lang: str, translations: Mapping[str, Translation]) -> Status:
    """How many of the messages the brief shows are translated, fuzzy or untranslated.

    A message shown twice is counted once, as in the catalog.
    """
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for msgid in dict.fromkeys(s.text for s in _shown_segments(source)):
        counts[_status_of(translations, msgid)] += 1
    return Status(target_lang, counts["translated"], counts["fuzzy"], counts["untranslated"])


def _shown(translations: Mapping[str, Translation], msgid: str) -> str:
    """The target text as shown: the translation, or the source when it is missing or fuzzy."""
    entry = translations.get(msgid)
    return entry.text if entry is not None and _status_of(translations, msgid) == "translated" else msgid


def _passages(source: Source, translations: Mapping[str, Translation]) -> tuple[Passage, ...]:
    found: list[Passage] = []
    for block in source.blocks:
        if block.kind == "code":
            literal = block.literal or ""
            found.append(Passage(block.id, "code", literal, literal, "literal"))
        for segment in body_segments(block):
            entry = translations.get(segment.text)
            found.append(
                Passage(
                    block.id,
                    segment.kind,
                    segment.text,
                    _shown(translations, segment.text),
                    _status_of(translations, segment.text),
                    entry.line if entry is not None else None,
                )
            )
    return tuple(found)


def load_translations(
    path: Path, *, source_file: str | None = None, root: Path | None = None
) -> dict[str, Translation]:
    """msgid -> Translation for the live (non-obsolete) messages of a catalog.

    With ``source_file``, a catalog whose references all name another source is
    refused: it was copied or renamed from another brief, and would show its text.
    """
    from .catalogs.pofile import read_po_file

    if not os.path.lexists(path):
        return {}
    catalog = read_po_file(path, root)
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
        m.msgid: Translation(m.msgstr, m.fuzzy, m.msgstr_line())
        for m in catalog.messages
        if not m.obsolete and m.msgid and m.msgctxt is None
    }


def _labels(ws: Workspace, source_lang: str, target_lang: str) -> dict[str, tuple[str | None, str | None]]:
    """Layout strings (msgid in English) in the source and target languages; None where untranslated."""
    src = load_translations(ws.catalog_path("layouts", source_lang), root=ws.root)
    tgt = load_translations(ws.catalog_path("layouts", target_lang), root=ws.root)
    labels: dict[str, tuple[str | None, str | None]] = {}
    for msgid in set(src) | set(tgt):
        s, t = src.get(msgid), tgt.get(msgid)
        labels[msgid] = (
            s.text if s and s.text and not s.fuzzy else None,
            t.text if t and t.text and not t.fuzzy else None,
        )
    return labels


def _key_figures(
    source: Source, translations: Mapping[str, Translation], locale: str
) -> tuple[KeyFigure, ...]:
    from .facts import summary_box

    def translate(msgid: str) -> str | None:
        entry = translations.get(msgid)
        return entry.text if entry and entry.text and not entry.fuzzy else None

    return tuple(
        KeyFigure(
            e.block_id,
            e.source_figure,
            e.target_figure,
            e.source_label,
            e.target_label,
            e.fact.kind,
            e.fact.value,
            e.line,
        )
        for e in summary_box(source, translate, locale)
    )


def key_figures(ws: Workspace, source_path: Path, lang: str) -> tuple[KeyFigure, ...]:
    """The key-figure box of one source for one target language, as every output shows it."""
    source = load_source(source_path, default_lang=ws.settings.source_lang)
    translations = load_translations(ws.catalog_path(source.slug, lang), source_file=ws.rel(source_path))
    return _key_figures(source, translations, ws.settings.locale_for(lang))


def _check_status(ws: Workspace, catalog_path: Path, brief: Brief, *, strict: bool) -> None:
    """Warn (or, with ``strict``, fail) when messages are untranslated or fuzzy."""
    status = brief.status
    if not (status.untranslated or status.fuzzy):
        return
    unfinished = (
        s.text
        for s in _shown_segments(brief.source)
        if _status_of(brief.translations, s.text) != "translated"
    )
    first = next(unfinished)
    entry = brief.translations.get(first)
    where = entry.line if entry is not None else None
    message = (
        f"{status.untranslated} untranslated and {status.fuzzy} fuzzy message(s) "
        f"({status.percent}\u00a0% translated); translate them"
        + (" or build without --strict" if strict else " (the outputs are marked as a draft until then)")
    )
    if strict:
        raise CatalogError(message, catalog_path, where)
    where_text = f"{ws.rel(catalog_path)}:{where}" if where else ws.rel(catalog_path)
    logger.warning("%s: %s", where_text, message)


def _figure_problems(
    translations: Mapping[str, Translation], source_lang: str, target_lang: str
) -> list[tuple[int | None, str]]:
    """The figures a translation changed, lost or added (the errors of ``briefgen check``), by .po line.

    A brief whose text says 25 % where its source says 20 % is not published silently:
    the summary box shows the source's figure, so the page would contradict itself.
    """
    from .facts.compare import compare

    found: list[tuple[int | None, str]] = []
    for msgid, entry in translations.items():
        if entry.text and not entry.fuzzy:
            found += [
                (entry.line, problem.message)
                for problem in compare(msgid, source_lang, entry.text, target_lang)
                if problem.severity == "error"
            ]
    return sorted(found, key=lambda item: item[0] or 0)


def _check_figures(ws: Workspace, catalog_path: Path, brief: Brief, *, strict: bool) -> dict[int, str]:
    """Warn (or, with ``strict``, fail) for each changed figure; .po line -> what changed."""
    problems = _figure_problems(brief.translations, brief.source_lang, brief.target_lang)
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
    # The preview and the HTML page mark those paragraphs.
    return {line: "; ".join(found) for line, found in notes.items()}


#: The longest word a brief may hold. WeasyPrint breaks an unbreakable word in time quadratic
#: in its length (10,000 letters 8.4 s, 20,000 letters 28.5 s, 50,000 past 400 s: issue 18).
MAX_WORD = 10_000
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LONG_RUN = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


def _check_words(
    source: Source, translations: Mapping[str, Translation], source_file: str, catalog: str
) -> None:
    """Refuse a word longer than :data:`MAX_WORD` or a relative link, naming the source or catalog line."""
    for segment in source.segments():
        _check_text(segment.text, SourceError, source_file, segment.line)
        found = translations.get(segment.text)
        if found is not None:
            _check_text(found.text, CatalogError, catalog, found.line)


def _check_text(text: str, error: type[BriefgenError], path: str, line: int | None) -> None:
    if _LONG_RUN.search(text):
        raise error(_word_message(), path, line)
    if "](" in text:  # an inline link; autolinks always carry a scheme
        relative = _relative_link(text)
        if relative is not None:
            # The PDF made it file:///<build path>/sources/..., the EPUB refused it blaming a layout:
            # one rule for every format (issue 18).
            raise error(
                f"the link {shorten(relative)} names a local file; briefgen publishes only the brief: "
                "link to a full address (https://...) or write the name as text",
                path,
                line,
            )


def _relative_link(text: str) -> str | None:
    from markdown_it import MarkdownIt

    for token in MarkdownIt("commonmark", {"html": False}).parseInline(text):
        for child in token.children or []:
            href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
            if href and not href.startswith("#") and not _SCHEME.match(href):
                return href
    return None


def _word_message() -> str:
    return (
        f"a word of more than {MAX_WORD:,} characters (no space in it); "
        "the PDF cannot lay it out in reasonable time: add spaces or shorten it"
    )


def assemble(ws: Workspace, source_path: Path, lang: str, *, strict: bool = False) -> Brief:
    """Load one brief's source, catalogs and key figures, check them, and return the :class:`Brief`.

    Problems are logged as warnings; with ``strict`` the first one raises a
    :class:`~briefgen.errors.CatalogError` instead.
    """
    source = load_source(source_path, default_lang=ws.settings.source_lang, root=ws.root)
    catalog_path = ws.catalog_path(source.slug, lang)
    missing = not os.path.lexists(catalog_path)
    if missing:
        message = f"no {lang} catalog; run 'briefgen init --lang {lang}' (the source text is shown instead)"
        if strict:
            raise CatalogError(message, catalog_path)
        logger.warning("%s: %s", ws.rel(catalog_path), message)
    translations = load_translations(catalog_path, source_file=ws.rel(source_path), root=ws.root)
    _check_words(source, translations, ws.rel(source_path), ws.rel(catalog_path))
    brief = Brief(
        slug=source.slug,
        title=source.title.text,
        target_title=_shown(translations, source.title.text),
        source_lang=source.lang,
        target_lang=lang,
        date=source.date,
        blocks=_passages(source, translations),
        status=translation_status(source, lang, translations),
        key_figures=_key_figures(source, translations, ws.settings.locale_for(lang)),
        source=source,
        translations=translations,
        labels=_labels(ws, source.lang, lang),
        locales=(ws.settings.locale_for(source.lang), ws.settings.locale_for(lang)),
        source_file=ws.rel(source_path),
        catalog_file=ws.rel(catalog_path),
        root=ws.root,
        layouts_dir=ws.layouts_dir,
        generator=f"briefgen {__version__}",
    )
    if not missing:  # a missing catalog was said above
        _check_status(ws, catalog_path, brief, strict=strict)
    problems = _check_figures(ws, catalog_path, brief, strict=strict)
    return replace(brief, figure_problems=problems) if problems else brief
