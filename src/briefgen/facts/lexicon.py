"""What the fact extractor reads in one language, merged from the language profiles.

A language reads its own number words and scale words, and the vocabulary around
figures (months, units, qualifiers...) of its profile and of the profiles it names in
``reads_also`` (see :mod:`briefgen.languages`). The merged tables are built once per
language and cached.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from .. import languages
from ..languages import LanguageProfile, Vocabulary

__all__ = ["Lexicon", "lexicon", "reading", "soft_words", "symbols"]


def _merged(profiles: list[LanguageProfile]) -> Vocabulary:
    """One vocabulary: sets are joined, mappings merged (the first profile wins a clash)."""
    values: dict[str, Any] = {}
    for spec in fields(Vocabulary):
        parts = [getattr(p.vocabulary, spec.name) for p in profiles]
        if isinstance(parts[0], Mapping):
            merged: dict[Any, Any] = {}
            for part in reversed(parts):
                merged.update(part)
            values[spec.name] = merged
        else:
            values[spec.name] = frozenset().union(*parts)
    return Vocabulary(**values)


@dataclass(frozen=True)
class Lexicon:
    """The tables of one language, ready for look-ups."""

    profile: LanguageProfile
    words: Vocabulary
    #: "triplé", "doubled", "verdreifacht": stem + ending, one compiled alternation.
    multiplier: re.Pattern[str]
    #: Any word stating a multiplier (stem + ending, whole word or soft form): one test a word.
    any_multiplier: re.Pattern[str]
    #: Between the two ends of a range: "de 3,5 à 6", "20 to 30", "20-30".
    range_gap: re.Pattern[str]
    multiply_or_divide: frozenset[str]
    #: First word of a ratio phrase -> the phrase ("out" -> ("out", "of")).
    ratio_heads: Mapping[str, tuple[str, ...]]
    #: Clause boundaries for box labels: punctuation, quotes, dashes and the conjunctions.
    clause: re.Pattern[str]
    #: An elided article in front of a word ("d’intervention"), and the ones labels drop.
    elided: re.Pattern[str]
    label_elided: re.Pattern[str]

    @property
    def numbers(self) -> Mapping[str, int | None]:
        return self.profile.numbers.words

    @property
    def scales(self) -> Mapping[str, int]:
        return self.profile.numbers.scales

    def multiplier_value(self, word: str) -> float:
        """The multiplier a word states ("triplés" -> 3), 0 when it states none."""
        match = self.multiplier.fullmatch(word)
        if match:
            return self.words.multiplier_stems[match.group(1)]
        return self.words.multiplier_words.get(word) or self.words.soft_multipliers.get(word, 0)


def _alternation(words: frozenset[str] | Mapping[str, object]) -> str:
    # Longest first: an alternation takes the first branch that matches.
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


@lru_cache(maxsize=64)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (a code Babel resolved: ``fr``, ``en_GB``...)."""
    own = languages.profile(lang)
    profiles = [own, *(languages.profile(code) for code in own.reads_also)]
    words = _merged(profiles)
    stems, endings = _alternation(words.multiplier_stems), _alternation(words.multiplier_endings)
    ranges = _alternation(words.range_words | {"-", "–"})
    return Lexicon(
        profile=own,
        words=words,
        multiplier=re.compile(f"({stems})(?:{endings})"),
        any_multiplier=re.compile(
            f"(?:{stems})(?:{endings})|{_alternation(words.multiplier_words)}|{_alternation(words.soft_multipliers)}"
        ),
        range_gap=re.compile(rf"\s*(?:{ranges})\s*"),
        multiply_or_divide=words.multiply_prefixes | words.divide_prefixes,
        ratio_heads={phrase[0]: phrase for phrase in sorted(words.ratio_phrases)},
        clause=re.compile(rf"[,;:.!?()«»“”\"–—]|\s(?:{_alternation(words.conjunctions)})\s"),
        elided=re.compile(rf"^({_alternation(words.elisions)})[’']"),
        label_elided=re.compile(rf"^({_alternation(words.label_elisions)})[’']", re.I),
    )


@lru_cache(maxsize=1)
def soft_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """Soft multipliers ("double") and articles ("un", "a") of every profile, for any text."""
    soft: set[str] = set()
    articles: set[str] = set()
    for profile in languages.PROFILES.values():
        soft.update(profile.vocabulary.soft_multipliers)
        articles.update(w for w, v in profile.numbers.words.items() if v is None)
        articles.update(profile.numbers.lone_articles)
    return frozenset(soft), re.compile(rf"(?i)({_alternation(frozenset(articles))})\b")


@lru_cache(maxsize=64)
def symbols(lang: str) -> tuple[str, str, str]:
    """Return (locale for Babel, decimal symbol, group symbol); Babel's fallback for unknown codes."""
    try:
        locale = str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = languages.FALLBACK_LOCALE
    return locale, get_decimal_symbol(locale), get_group_symbol(locale)


def reading(lang: str) -> Vocabulary:
    """The vocabulary a text in ``lang`` is read with (its own and its ``reads_also``)."""
    return lexicon(symbols(lang)[0]).words
