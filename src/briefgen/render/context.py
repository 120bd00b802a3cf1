"""One render model for every output: PDF, EPUB and HTML are made from a :class:`BriefContext`.

A translation's status, a fact's formatting and a date's locale form are
computed here once; renderers only lay out what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup

from ..brief import Brief, Status, StatusName, Translation, body_segments, translation_status
from ..languages import MESSAGE_LANG as MSGID_LANG
from ..model import Block, Segment, Source
from .inline import plain_text, render_inline
from .typography import typeset

__all__ = [
    "BoxItem",
    "BriefContext",
    "Cell",
    "Pair",
    "Row",
    "Status",
    "Text",
    "Translation",
    "brief_context",
    "build_context",
    "heading_levels",
    "language_name",
]

#: Characters of each language's title in the running head (7.5 pt capitals, 75 % of A4's text width).
RUNNING_HEAD = 42


def _cut(text: str, limit: int) -> str:
    """``text`` cut at the last word boundary before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return head + "…"


#: Longer words are not hyphenated (see :attr:`Text.long_word`); German compounds stay under 80.
LONG_WORD = 80


@dataclass(frozen=True)
class Text:
    """A message in one language: ``html`` is a safe inline fragment, ``plain`` has no markup."""

    lang: str
    html: Markup
    plain: str

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return self.plain

    @property
    def long_word(self) -> bool:
        """True when a word is too long to hyphenate: Pyphen's cost grows with the cube of
        a word's length (1,000 letters 0.5 s, 4,000 letters 25 s in one PDF cell), so layouts
        turn hyphenation off for such text and let ``overflow-wrap`` break the word."""
        return any(len(word) > LONG_WORD for word in self.plain.split())


@dataclass(frozen=True)
class Pair:
    """A source text and the text shown for it in the target language."""

    source: Text
    target: Text
    status: StatusName = "translated"
    po_line: int | None = None

    @property
    def shown(self) -> bool:
        """True when the target column shows the translator's text (not the source as fallback)."""
        return self.status in ("translated", "literal")


@dataclass(frozen=True)
class Cell:
    pair: Pair


@dataclass(frozen=True)
class Row:
    """One aligned unit: a block of the source and its translation."""

    id: str
    kind: str
    line: int
    level: int = 0
    number: int | None = None
    pair: Pair | None = None
    caption: Pair | None = None
    src: str | None = None
    literal: str | None = None
    cells: tuple[tuple[Cell, ...], ...] = ()

    @property
    def pairs(self) -> list[Pair]:
        """The row's messages in document order: its text, its caption, then its table cells."""
        return [p for p in (self.pair, self.caption) if p] + [c.pair for row in self.cells for c in row]

    @property
    def status(self) -> StatusName:
        """The worst status of the row's messages (untranslated > fuzzy > translated)."""
        pairs = self.pairs
        names = {p.status for p in pairs}
        for worst in ("untranslated", "fuzzy"):
            if worst in names:
                return worst
        return "translated" if pairs else "literal"


@dataclass(frozen=True)
class BoxItem:
    """One line of the key-figures box, linked to the row it came from."""

    block_id: str
    figure: Pair
    label: Pair


@dataclass(frozen=True)
class BriefContext:
    """Everything a layout needs for one brief in one target language."""

    slug: str
    source_lang: str
    target_lang: str
    source_file: str
    catalog_file: str
    date: dt.date
    title: Pair
    subtitle: Pair | None
    origin: Pair | None
    date_text: Pair
    authors: tuple[str, ...]
    keywords: tuple[Pair, ...]
    rows: tuple[Row, ...]
    box: tuple[BoxItem, ...]
    status: Status
    labels: Mapping[str, Pair] = field(default_factory=dict)
    generator: str = "briefgen"
    #: The front matter's ``short-title`` (the running head), when the source gives one.
    short: Pair | None = None
    #: .po line -> what the translation did to that message's figures ("'20 %' became '25%'").
    figure_problems: Mapping[int, str] = field(default_factory=dict)

    def label(self, msgid: str) -> Pair:
        """A layout string in both languages (templates call it as ``_("Key figures")``)."""
        found = self.labels.get(msgid)
        if found is not None:
            return found
        text = Text(MSGID_LANG, Markup.escape(msgid), msgid)
        return Pair(text, text)

    @property
    def short_title(self) -> str:
        """The running head: the title in both languages (or the ``short-title``), each cut
        at a word boundary so that the pair fits one line of the page's top margin."""
        pair = self.short or self.title
        source, target = pair.source.plain, pair.target.plain
        if source == target:  # untranslated: the head would say the same thing twice
            return _cut(source, 2 * RUNNING_HEAD)
        return f"{_cut(source, RUNNING_HEAD)} · {_cut(target, RUNNING_HEAD)}"

    @property
    def draft(self) -> bool:
        """True while any message of the brief is untranslated or fuzzy: its pages say so."""
        return not self.status.complete

    @property
    def status_text(self) -> str:
        """The translation statistics with the target language's spacing (``EN 92% · 3 fuzzy``)."""
        return typeset(self.status.line().replace("\u00a0%", "%"), self.target_lang)

    @property
    def problems(self) -> tuple[Row, ...]:
        """Rows whose translation is missing or fuzzy (shown with a marker)."""
        return tuple(r for r in self.rows if r.status in ("fuzzy", "untranslated"))


@lru_cache(maxsize=16)
def language_name(lang: str, in_lang: str | None = None) -> str:
    """The language's name in ``in_lang`` (default: its own), capitalised: ``fr`` -> ``Français``,
    ``language_name("fr", "en")`` -> ``French``."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name((in_lang or lang).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:] if name else lang


def heading_levels(rows: Sequence[Row]) -> dict[str, int]:
    """HTML heading rank per heading row id: the brief's title is the only h1.

    Body headings are renumbered from h2 so that a source starting at ``##``
    does not skip a level (PDF/UA checkers and screen readers expect no gaps).
    """
    headings = [r for r in rows if r.kind == "heading"]
    if not headings:
        return {}
    top = min(r.level for r in headings)
    return {r.id: min(6, r.level - top + 2) for r in headings}


def make_text(text: str, lang: str, *, xhtml: bool = False) -> Text:
    return Text(lang, Markup(render_inline(text, lang, xhtml)), typeset(plain_text(text, lang), lang))


def brief_context(brief: Brief, *, xhtml: bool = True) -> BriefContext:
    """The render model of an assembled :class:`~briefgen.brief.Brief`.

    XHTML-style void tags (the default) are valid HTML too: one context serves every format.
    """
    ctx = build_context(
        brief.source,
        brief.target_lang,
        brief.translations,
        catalog_file=brief.catalog_file,
        source_file=brief.source_file,
        labels=brief.labels,
        locales=brief.locales,
        box=[
            (k.block_id, k.source_figure, k.target_figure, k.source_label, k.target_label)
            for k in brief.key_figures
        ],
        xhtml=xhtml,
        generator=brief.generator,
    )
    return replace(ctx, figure_problems=brief.figure_problems) if brief.figure_problems else ctx


def build_context(
    source: Source,
    target_lang: str,
    translations: Mapping[str, Translation],
    *,
    catalog_file: str,
    source_file: str,
    labels: Mapping[str, tuple[str | None, str | None]] | None = None,
    box: Sequence[tuple[str, str, str, str, str]] = (),
    xhtml: bool = False,
    generator: str = "briefgen",
    locales: tuple[str, str] | None = None,
) -> BriefContext:
    """Assemble the render model of ``source`` in ``target_lang``: ``translations`` maps each
    msgid to its catalog entry; ``labels`` each layout msgid to its (source-language,
    target-language) strings; ``box`` holds (block_id, source figure, target figure, source
    label, target label); ``locales`` the (source, target) locales for dates (default: the languages).
    """
    src_lang = source.lang
    pair = _pair_maker(src_lang, target_lang, translations, xhtml)

    def fixed(src: str, tgt: str, src_tag: str = src_lang, tgt_tag: str = target_lang) -> Pair:
        return Pair(make_text(src, src_tag, xhtml=xhtml), make_text(tgt, tgt_tag, xhtml=xhtml), "literal")

    # An untranslated label falls back to the source label: it must keep the source's lang.
    box_items = tuple(
        BoxItem(block_id, fixed(sf, tf), fixed(sl, tl, tgt_tag=src_lang if tl == sl else target_lang))
        for block_id, sf, tf, sl, tl in box
    )
    src_locale, tgt_locale = locales or (src_lang, target_lang)
    # Layout msgids are English: a label a catalog does not translate (None) is shown, and tagged,
    # as English; a translation that happens to equal its msgid ("Page" in French) keeps its language.
    label_pairs = {
        msgid: fixed(s or msgid, t or msgid, src_lang if s else MSGID_LANG, target_lang if t else MSGID_LANG)
        for msgid, (s, t) in (labels or {}).items()
    }
    return BriefContext(
        slug=source.slug,
        source_lang=src_lang,
        target_lang=target_lang,
        source_file=source_file,
        catalog_file=catalog_file,
        date=source.date,
        title=pair(source.title),
        subtitle=pair(source.subtitle) if source.subtitle else None,
        origin=pair(source.origin) if source.origin else None,
        short=pair(source.short_title) if source.short_title else None,
        date_text=fixed(
            format_date(source.date, "long", locale=src_locale),
            format_date(source.date, "long", locale=tgt_locale),
        ),
        authors=source.authors,
        keywords=tuple(pair(k) for k in source.keywords),
        rows=tuple(_row(block, pair) for block in source.blocks),
        box=box_items,
        status=translation_status(source, target_lang, translations),
        labels=label_pairs,
        generator=generator,
    )


def _pair_maker(
    src_lang: str, target_lang: str, translations: Mapping[str, Translation], xhtml: bool
) -> Callable[[Segment], Pair]:
    """A message in both languages: the target shows the source when untranslated or fuzzy."""

    def pair(segment: Segment) -> Pair:
        msgid = segment.text
        entry = translations.get(msgid)
        if entry is None or not entry.text:
            status: StatusName = "untranslated"
        else:
            status = "fuzzy" if entry.fuzzy else "translated"
        shown = entry.text if entry is not None and status == "translated" else msgid
        shown_lang = target_lang if status == "translated" else src_lang
        return Pair(
            make_text(msgid, src_lang, xhtml=xhtml),
            make_text(shown, shown_lang, xhtml=xhtml),
            status,
            entry.line if entry is not None else None,
        )

    return pair


def _row(block: Block, pair: Callable[[Segment], Pair]) -> Row:
    if block.kind == "image":
        alt = next((s for s in block.segments if s.kind == "image-alt"), None)
        caption = next((s for s in block.segments if s.kind == "caption"), None)
        return Row(
            block.id,
            "image",
            block.line,
            src=block.src,
            pair=pair(alt) if alt else None,
            caption=pair(caption) if caption else None,
        )
    if block.kind == "table":
        cells = tuple(tuple(Cell(pair(s)) for s in row) for row in block.rows)
        return Row(block.id, "table", block.line, cells=cells)
    if block.kind == "code":
        return Row(block.id, "code", block.line, literal=block.literal)
    (segment,) = body_segments(block)
    return Row(block.id, block.kind, block.line, level=block.level, number=block.number, pair=pair(segment))
