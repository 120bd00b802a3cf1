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
from dataclasses import dataclass
from decimal import Decimal

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
from .lexicon import Lexicon, lexicon, symbols

__all__ = ["MAX_BOX_ENTRIES", "BoxEntry", "format_figure", "summary_box"]

#: The automatic box keeps this many figures at most: a box is read at a glance.
MAX_BOX_ENTRIES = 6
#: Labels keep this many words: "Effectifs spécialisés dans les ambassades françaises".
LABEL_WORDS = 6
_BOX_KINDS = ("percent", "multiplier", "amount", "count", "date", "duration")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class BoxEntry:
    """One key figure of the summary box."""

    block_id: str
    source_figure: str  # the figure as written in the source, with its qualifier ("plus de 40 %")
    target_figure: str  # the figure formatted for the target locale (format_figure)
    source_label: str
    target_label: str
    fact: Fact


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


def _bare(word: str, lex: Lexicon) -> str:
    """The word for look-ups: lower-case, without punctuation or elided article ("d’intervention")."""
    word = word.lower().strip("\"'’«»“”()[]*_,;:.!?")
    return re.split(r"[’']", word)[-1] if lex.elided.match(word) else word


def _phrase(text: str, lex: Lexicon, *, subject: bool = True) -> str:
    """A few words naming the figure: the subject of its clause (up to the verb),
    or with ``subject=False`` the first words of a clause ("France passe à la vitesse...")."""
    words = _WORD.findall(text)
    stop, label_stops = lex.words.stopwords, lex.words.label_stops
    while words and _bare(words[0], lex) in (stop if subject else stop | label_stops):
        words.pop(0)
    for index, word in enumerate(words):
        if subject and index and _bare(word, lex) in label_stops:
            words = words[:index]
            break
    words = words[:LABEL_WORDS]
    while words and _bare(words[-1], lex) in stop:
        words.pop()
    if words and lex.label_elided.match(words[0]):
        words[0] = re.split(r"[’']", words[0], maxsplit=1)[1]
    return " ".join(words).strip(" ,;:")


def _clause(text: str, start: int, end: int, lex: Lexicon) -> tuple[str, str, str]:
    """(clause before the figure, clause after it, the clause that follows)."""
    left_cut = max((m.end() for m in lex.clause.finditer(text, 0, start)), default=0)
    after = lex.clause.search(text, end)
    right_cut = after.start() if after else len(text)
    following = ""
    if after:
        nxt = lex.clause.search(text, after.end())
        following = text[after.end() : nxt.start() if nxt else len(text)]
    return text[left_cut:start], text[end:right_cut], following


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
    before, after, following = _clause(text, fact.start, fact.end, lex)
    # The words that set the qualifier ("plus de") and trailing prepositions belong to the figure.
    label = _phrase(before, lex) or _phrase(after, lex) or _phrase(following, lex, subject=False)
    if not label and fact.kind == "count" and fact.unit:
        label = fact.unit
    duration = _attached(facts, fact, text)
    if duration is not None:
        label = f"{label} {text[fact.end : duration.end].strip()}".strip()
    return label[:1].upper() + label[1:]


# -- the box -------------------------------------------------------------------


def _lexicon(lang: str) -> Lexicon:
    """The words of ``lang`` as the extractor reads them (an unknown code as Babel's fallback)."""
    return lexicon(symbols(lang)[0])


def _body(source: Source) -> Iterator[tuple[str, str]]:
    for block in source.blocks:
        for segment in block.segments:
            yield block.id, segment.text
        for row in block.rows:
            for cell in row:
                yield block.id, cell.text


def _worthy(fact: Fact) -> bool:
    if is_soft(fact) or fact.kind not in _BOX_KINDS:
        return False
    if fact.kind == "date":
        return fact.date is not None  # a full date, not "en 2024"
    return fact.kind != "count" or any(c.isdigit() for c in fact.text) or fact.unit == "fraction"


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
) -> str | None:
    """The label of ``fact`` taken from the translation of ``text``, or None."""
    translated = translate(text)
    if not translated:
        return None
    target_facts = extract(translated, target_lang)
    for s, t in align(facts, target_facts):
        if s is fact and t is not None:
            return _label(translated, target_facts, t, _lexicon(target_lang)) or None
    return None


def summary_box(source: Source, translate: Callable[[str], str | None], target_lang: str) -> list[BoxEntry]:
    """The key figures of ``source`` for its summary box, labelled in both languages.

    ``translate`` maps a source message to its translation (None when missing:
    the source label is used). With ``source.facts`` set, those figures in that
    order; a figure that is not in the body raises :class:`FactError`.
    """
    lang = source.lang
    lex = _lexicon(lang)
    memo: dict[str, list[Fact]] = {}

    def facts_of(text: str) -> list[Fact]:
        # Extracted on demand, once per distinct text: a curated box reads only the
        # paragraphs that hold its figures, an automatic one stops at MAX_BOX_ENTRIES.
        found = memo.get(text)
        if found is None:
            found = memo[text] = extract(text, lang)
        return found

    segments = list(_body(source))
    entries: list[BoxEntry] = []
    if source.facts is not None:
        for spec in source.facts:
            entries.append(
                _curated(source, segments, facts_of, spec, translate=translate, target_lang=target_lang)
            )
        return entries
    keys: set[tuple[str, float, str | None]] = set()
    texts: set[str] = set()
    for block_id, text in segments:
        facts = facts_of(text)
        durations = {id(d) for f in facts if (d := _attached(facts, f, text)) is not None}
        for fact in facts:
            key = (fact.kind, fact.value, fact.unit)
            if not _worthy(fact) or id(fact) in durations or key in keys or fact.text in texts:
                continue
            keys.add(key)
            texts.add(fact.text)
            label = _label(text, facts, fact, lex)
            target_label = _target(text, facts, fact, translate=translate, target_lang=target_lang) or label
            figure = _figure_text(text, fact, lex)
            entries.append(
                BoxEntry(block_id, figure, format_figure(fact, target_lang), label, target_label, fact)
            )
            if len(entries) == MAX_BOX_ENTRIES:
                return entries
    return entries


def _curated(
    source: Source,
    segments: list[tuple[str, str]],
    facts_of: Callable[[str], list[Fact]],
    spec: FactSpec,
    *,
    translate: Callable[[str], str | None],
    target_lang: str,
) -> BoxEntry:
    figure, label, line = spec.figure, spec.label, spec.line
    for block_id, text in segments:
        at = text.find(figure)
        if at < 0:
            continue
        facts = facts_of(text)
        inside = [f for f in facts if f.start < at + len(figure) and f.end > at]
        if not inside:
            raise FactError(
                f"key figure '{figure}' contains no number briefgen can read; quote a figure of the text "
                "such as '20 %' or '8 novembre 2025'",
                source.path,
                line,
            )
        fact = max(inside, key=lambda f: min(f.end, at + len(figure)) - max(f.start, at))
        if label:
            source_label, target_label = label, translate(label) or label
        else:
            source_label = _label(text, facts, fact, _lexicon(source.lang))
            target_label = (
                _target(text, facts, fact, translate=translate, target_lang=target_lang) or source_label
            )
        # The qualifier goes with the figure on both sides: "plus de 40 %" / "more than 40%".
        shown = _figure_text(text, fact, _lexicon(source.lang)) if figure == fact.text else figure
        return BoxEntry(block_id, shown, format_figure(fact, target_lang), source_label, target_label, fact)
    raise FactError(
        f"key figure '{figure}' does not occur in the text; copy it exactly as written in the body "
        "(same spaces and signs) or remove it from 'facts:'",
        source.path,
        line,
    )
