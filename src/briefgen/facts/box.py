"""Summary box data: the brief's key figures, each once, labelled in both languages.

The automatic box takes the telling figures (percentages, multipliers, amounts,
counts in digits, full dates) of the body in order of appearance; a duration
right after another figure ("plus de 40 % en cinq ans") goes into that figure's
label instead of making an entry of its own. A curated box (``facts:`` in the
front matter) picks and orders the figures and may give their labels.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
)
from babel.units import format_unit

from .. import languages
from ..errors import FactError
from ..languages import FigureStyle
from ..model import Fact, FactSpec, Source
from .compare import align, is_soft
from .extract import extract
from .labels import MAX_LABEL_WORDS, label
from .lexicon import Lexicon, lexicon, symbols

__all__ = ["MAX_BOX_ENTRIES", "BoxEntry", "format_figure", "summary_box"]

#: The automatic box keeps this many figures at most: a box is read at a glance.
MAX_BOX_ENTRIES = 6
#: Labels keep this many words (a duration joins a shorter one: "... en cinq ans").
LABEL_WORDS = MAX_LABEL_WORDS
_BOX_KINDS = ("percent", "multiplier", "amount", "count", "date", "duration")


@dataclass(frozen=True)
class BoxEntry:
    """One key figure of the summary box."""

    block_id: str
    source_figure: str  # the figure as written in the source, with its qualifier ("plus de 40 %")
    target_figure: str  # the figure formatted for the target locale (format_figure)
    source_label: str
    target_label: str
    fact: Fact
    line: int = 0  # the source line of the paragraph the figure is in
    #: False when the paragraph is untranslated or fuzzy, or its translation lost the figure:
    #: the target side then says so (the language profile's ``untranslated``) and quotes nothing.
    translated: bool = True


# -- formatting ----------------------------------------------------------------


def _style(locale: str) -> FigureStyle:
    return languages.profile(locale).figures


def _number(value: float, locale: str) -> str:
    return format_decimal(Decimal(repr(value)).normalize(), locale=locale)


def _date(code: int, locale: str) -> str:
    year, month, day = code // 10000, code // 100 % 100, code % 100
    if month > 30:  # half-year
        half = _style(locale).half_year
        return f"{half}{month - 30} {year}" if year else f"{half}{month - 30}"
    if month > 20:  # quarter
        date = dt.date(year or 2000, 3 * (month - 20) - 1, 1)
        return format_skeleton("yQQQQ" if year else "QQQQ", date, locale=locale)
    if not year:
        return format_skeleton("MMMMd", dt.date(2000, month or 1, day or 1), locale=locale)
    if not month:
        return str(year)
    if not day:
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
    return format_date(dt.date(year, month, day), "long", locale=locale)


def _amount(value: float, code: str, locale: str) -> str:
    style = _style(locale)
    if abs(value) >= 10**6:
        if style.large_amounts == "compact-words":
            compact = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
            name = style.currency_names.get(code)
            return f"{compact} {name}" if name else f"{compact} {get_currency_symbol(code, locale)}"
        if style.large_amounts == "symbol-compact":
            compact = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
            return f"{get_currency_symbol(code, locale)}{compact}"
        return format_compact_currency(value, code, locale=locale, fraction_digits=2)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = pattern.replace("0.00", "0")
    return format_currency(value, code, format=pattern, locale=locale, currency_digits=False)


def format_figure(fact: Fact, locale: str) -> str:
    """Write ``fact`` for ``locale`` with Babel: ``20 %`` (U+00A0) in French, ``20%`` in English.

    The qualifier is written too ("plus de 40 %", "more than 40%"); a count is its
    number alone (its noun belongs to the label).
    """
    locale = symbols(locale)[0]
    style = _style(locale)
    words = style.words
    sign = "+" if fact.text[:1] == "+" and fact.value > 0 else ""
    value, unit = fact.value, fact.unit
    if fact.kind == "percent" and unit == "pp":
        text = f"{sign}{_number(value, locale)}{style.points_space}{words['pp' if abs(value) < 2 else 'pps']}"
    elif fact.kind == "percent":
        pattern = Locale.parse(locale).percent_formats[None].pattern.replace("#,##0", "#,##0.###")
        # CLDR uses U+202F or U+00A0 before '%' depending on the locale; the brief wants U+00A0.
        text = sign + format_percent(value / 100, format=pattern, locale=locale).replace("\u202f", "\xa0")
    elif fact.kind == "amount" and unit:
        text = _amount(value, unit, locale)
    elif fact.kind == "multiplier":
        text = f"×{_number(value, locale)}"
    elif fact.kind == "date":
        text = _date(int(value), locale)
    elif fact.kind == "duration" and unit in ("year", "month", "week", "day", "hour"):
        text = format_unit(Decimal(repr(value)).normalize(), f"duration-{unit}", length="long", locale=locale)
    elif fact.kind == "ordinal":
        text = style.ordinal(int(value))
    elif unit == "fraction":
        text = format_percent(value, locale=locale).replace("\u202f", "\xa0")
    else:
        text = sign + _number(value, locale)
    qualifier = fact.qualifier
    return words[qualifier] + text if qualifier is not None and qualifier in words else text


# -- labels --------------------------------------------------------------------


def _attached(facts: list[Fact], fact: Fact, text: str) -> Fact | None:
    """The duration stated right after ``fact`` ("40 % en cinq ans"), if any."""
    for other in facts:
        if other.start >= fact.end and other.kind == "duration":
            gap = text[fact.end : other.start]
            return other if re.fullmatch(r"\s+(?:\w+\s+)?", gap) else None
        if other.start >= fact.end:
            return None
    return None


def _label(text: str, facts: list[Fact], fact: Fact, lex: Lexicon) -> str:
    found = label(text, fact, lex)
    duration = _attached(facts, fact, text)
    if duration is not None and len(found.split()) < LABEL_WORDS:
        found = f"{found} {text[fact.end : duration.end].strip()}".strip()
    return found


# -- the box -------------------------------------------------------------------


def _lexicon(lang: str) -> Lexicon:
    """The words of ``lang`` as the extractor reads them (an unknown code as Babel's fallback)."""
    return lexicon(symbols(lang)[0])


def _worthy(fact: Fact, text: str, lex: Lexicon) -> bool:
    """Whether an editor could keep ``fact``: a headline total, level, rate or change; not a
    date, a duration, an age bracket, a comparison figure or a population definition."""
    if is_soft(fact) and not (fact.kind == "count" and fact.value >= 1000):
        return False  # "trois millions" is a figure, "les deux pays" is not
    if fact.kind == "other" and abs(fact.value) >= 10**6:
        fact = replace(fact, kind="count")  # "l’emploi a baissé de trois millions": a count
    if fact.kind not in _BOX_KINDS or fact.kind in ("date", "duration"):
        return False
    if fact.kind == "count" and not (any(c.isdigit() for c in fact.text) or fact.value >= 1000):
        return fact.unit == "fraction"
    if fact.kind == "count" and fact.unit != "fraction" and abs(fact.value) < 100:
        return False  # "26 provinces", "sept communes": a detail, not a headline
    words = lex.words
    before = [w.lower() for w in re.findall(r"[^\W\d_]+", text[max(0, fact.start - 60) : fact.start])]
    if fact.qualifier:  # "après la forte croissance de plus de": the qualifier's words come first
        before = before[:-2]
    after = [w.lower() for w in re.findall(r"[^\W\d_]+", text[fact.end : fact.end + 40])]
    for phrase in words.comparators:
        window = before[-(len(phrase) + 3) :]
        if any(tuple(window[i : i + len(phrase)]) == phrase for i in range(len(window))):
            return False
    if any(tuple(after[: len(p)]) == p for p in words.comparators_after):
        return False
    if any(w in words.population_before for w in before[-4:]):
        return False
    return not any(tuple(after[: len(p)]) == p for p in words.population_after)


#: What an editor puts first: amounts and rates, then multipliers, then counts.
_KIND_WEIGHT = {"amount": 3.0, "percent": 3.0, "multiplier": 2.5, "count": 2.0}


def _score(fact: Fact, order: int, paragraph: int) -> float:
    """Rank of a figure for the box: kind, then place (the title and first paragraph weigh more)."""
    weight = _KIND_WEIGHT.get(fact.kind, 1.0)
    if fact.kind == "percent" and fact.unit == "pp":
        weight -= 0.5
    if fact.kind == "count" and fact.unit and fact.unit != "fraction":
        weight += 0.5  # "14,3 millions d'habitants": a count of something named
    place = 3.0 if paragraph == 0 else 2.0 if paragraph == 1 else 1.0 if paragraph == 2 else 0.0
    return weight + place - 0.01 * order


def _figure_text(text: str, fact: Fact, lex: Lexicon) -> str:
    """The figure with the words of its qualifier in front ("plus de 40 %")."""
    if not fact.qualifier:
        return fact.text
    head = text[: fact.start].rstrip()
    for phrase, qualifier in sorted(lex.words.qualifiers.items(), key=lambda item: -len(item[0])):
        if qualifier != fact.qualifier:
            continue
        pattern = r"[\s'’-]*".join(re.escape(part) for part in phrase)
        match = re.search(rf"(?i)\b{pattern}$", head)
        if match:
            return text[match.start() : fact.end]
    return fact.text


def _target(
    text: str, facts: list[Fact], fact: Fact, *, translate: Callable[[str], str | None], target_lang: str
) -> tuple[str, str] | None:
    """(figure as the translator wrote it, label from the translation of the same sentence), or None."""
    translated = translate(text)
    if not translated:
        return None
    target_facts = extract(translated, target_lang)
    lex = _lexicon(target_lang)
    for s, t in align(facts, target_facts):
        if s is fact and t is not None:
            return _figure_text(translated, t, lex), _label(translated, target_facts, t, lex)
    return None


def _untranslated(target_lang: str) -> str:
    return _style(symbols(target_lang)[0]).untranslated


def _entry(
    block_id: str, line: int, text: str, facts: list[Fact], fact: Fact, lex: Lexicon, **kw: Any
) -> BoxEntry:
    target_lang: str = kw["target_lang"]
    figure, source_label = _figure_text(text, fact, lex), _label(text, facts, fact, lex)
    target = _target(text, facts, fact, translate=kw["translate"], target_lang=target_lang)
    if target is None:
        return BoxEntry(block_id, figure, "", source_label, _untranslated(target_lang), fact, line, False)
    return BoxEntry(block_id, figure, target[0], source_label, target[1] or source_label, fact, line)


def _segments(source: Source) -> Iterator[tuple[str, int, str]]:
    for block in source.blocks:
        for segment in block.segments:
            yield block.id, segment.line, segment.text
        for row in block.rows:
            for cell in row:
                yield block.id, cell.line, cell.text


def summary_box(source: Source, translate: Callable[[str], str | None], target_lang: str) -> list[BoxEntry]:
    """The key figures of ``source`` for its summary box, labelled in both languages.

    ``translate`` maps a source message to its translation (None when missing or fuzzy:
    the target side then says it is untranslated). With ``source.facts`` set, those figures
    in that order; a figure that is not in the body raises :class:`FactError`. Otherwise the
    figures an editor would keep, best first (:func:`_worthy`, :func:`_score`), at most
    :data:`MAX_BOX_ENTRIES`, each value once.
    """
    lang = source.lang
    lex = _lexicon(lang)
    if source.facts is not None:
        segments = list(_segments(source))
        return [
            _curated(source, segments, spec, translate=translate, target_lang=target_lang)
            for spec in source.facts
        ]
    ranked: list[tuple[float, str, int, str, list[Fact], Fact]] = []
    order = 0
    title_values = {(f.kind, f.value) for f in extract(source.title.text, lang)}
    for paragraph, (block_id, line, text) in enumerate(_segments(source)):
        facts = extract(text, lang)
        for fact in facts:
            order += 1
            if _worthy(fact, text, lex):
                bonus = 2.0 if (fact.kind, fact.value) in title_values else 0.0
                ranked.append((_score(fact, order, paragraph) + bonus, block_id, line, text, facts, fact))
    ranked.sort(key=lambda item: -item[0])
    entries: list[BoxEntry] = []
    seen: set[tuple[str, float, str | None]] = set()
    for _, block_id, line, text, facts, fact in ranked:
        key = (fact.kind, fact.value, fact.unit)
        if key in seen:
            continue  # the same value stated twice is one figure
        seen.add(key)
        entries.append(
            _entry(block_id, line, text, facts, fact, lex, translate=translate, target_lang=target_lang)
        )
        if len(entries) == MAX_BOX_ENTRIES:
            break
    return entries


def _curated(
    source: Source,
    segments: list[tuple[str, int, str]],
    spec: FactSpec,
    *,
    translate: Callable[[str], str | None],
    target_lang: str,
) -> BoxEntry:
    figure, label, line = spec.figure, spec.label, spec.line
    lex = _lexicon(source.lang)
    for block_id, segment_line, text in segments:
        at = text.find(figure)
        if at < 0:
            continue
        facts = extract(text, source.lang)
        inside = [f for f in facts if f.start < at + len(figure) and f.end > at]
        if not inside:
            raise FactError(
                f"key figure '{figure}' contains no number briefgen can read; quote a figure of the text "
                "such as '20 %' or '8 novembre 2025'",
                source.path,
                line,
            )
        fact = max(inside, key=lambda f: min(f.end, at + len(figure)) - max(f.start, at))
        target = _target(text, facts, fact, translate=translate, target_lang=target_lang)
        # The translator's own figure when the paragraph is translated; else the figure in
        # the target locale's conventions, as curated boxes always showed.
        target_figure = target[0] if target else format_figure(fact, target_lang)
        if label:
            source_label, target_label = label, translate(label) or label
        else:
            source_label = _label(text, facts, fact, lex)
            target_label = target[1] if target else source_label
        # The qualifier goes with the figure on both sides: "plus de 40 %" / "more than 40%".
        shown = _figure_text(text, fact, lex) if figure == fact.text else figure
        return BoxEntry(block_id, shown, target_figure, source_label, target_label, fact, segment_line)
    raise FactError(
        f"key figure '{figure}' does not occur in the text; copy it exactly as written in the body "
        "(same spaces and signs) or remove it from 'facts:'",
        source.path,
        line,
    )
