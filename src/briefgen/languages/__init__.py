"""Language profiles: everything briefgen knows about a language, in one place.

A read-only registry maps a language code to a :class:`LanguageProfile` (see
:mod:`.profile` for its fields): the number words, multipliers and scale words the
fact extractor reads, the words around figures (months, units, qualifiers), how a
figure is written in the box, the typography rules and the quote marks the QA
checks. :func:`profile` looks a code up by its language ("fr_CA" and "fr-CA" find
the French profile) and answers a fallback for a language without a profile: it
reads figures written in digits, with the vocabulary of the default languages.

Digits, decimal and group symbols, percent patterns and date formats come from
Babel's locale data (CLDR) for every language, profiled or not. Adding a language
is one module here that defines ``PROFILE``, plus its line in ``_PROFILES``.
Nothing outside this package names a language code.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from . import de, en, fr
from .profile import FigureStyle, LanguageProfile, NumberWords, Typography, Vocabulary

__all__ = [
    "DEFAULT_SOURCE",
    "DEFAULT_TARGETS",
    "FALLBACK_LOCALE",
    "MESSAGE_LANG",
    "PROFILES",
    "FigureStyle",
    "LanguageProfile",
    "NumberWords",
    "Typography",
    "Vocabulary",
    "base_language",
    "codes",
    "profile",
]

#: The registry: language code -> profile, read-only.
PROFILES = MappingProxyType({p.code: p for p in (fr.PROFILE, en.PROFILE, de.PROFILE)})

#: A new workspace translates from French into English.
DEFAULT_SOURCE = fr.PROFILE.code
DEFAULT_TARGETS = (en.PROFILE.code,)
#: The language of layout msgids: gettext's convention is English.
MESSAGE_LANG = en.PROFILE.code
#: Babel reads the numbers of a code it does not know with this locale.
FALLBACK_LOCALE = en.PROFILE.code
#: What a language without a profile reads besides digits: the default languages' words.
_FALLBACK_READS = (fr.PROFILE.code, en.PROFILE.code)
#: Languages without a profile whose quotes open low ("„…“"): their pair replaces “…”.
_LOW_QUOTES = frozenset({"cs", "pl"})


def base_language(code: str) -> str:
    """The language of a code or locale: ``fr_CA`` and ``fr-CA`` -> ``fr``."""
    return code.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0].lower()


def codes() -> tuple[str, ...]:
    """The codes that have a profile, sorted (for CLI choices)."""
    return tuple(sorted(PROFILES))


@lru_cache(maxsize=64)
def profile(code: str) -> LanguageProfile:
    """The profile of ``code``'s language, or a fallback that reads digits only."""
    lang = base_language(code)
    found = PROFILES.get(lang)
    if found is not None:
        return found
    model = de.PROFILE if lang in _LOW_QUOTES else LanguageProfile("")
    return LanguageProfile(
        code="",
        reads_also=_FALLBACK_READS,
        quote_pairs=model.quote_pairs,
        typography=Typography(quotes=model.typography.quotes),
    )
