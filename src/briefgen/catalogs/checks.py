"""QA checks on one translated message: a registry of plain functions.

Modelled on babel's ``messages/checkers.py``: each check is a function
``(pair: CheckInput) -> Iterable[Finding]`` and :data:`CHECKS` lists them in the
order they run. Add a check by writing such a function and appending it. A check
says ``error`` when the translation is wrong for sure (a figure or a link
changed) and ``warning`` when a human should look (a name missing, odd length).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt

from .. import languages
from ..facts import compare, reading

__all__ = [
    "CHECKS",
    "CheckInput",
    "Finding",
    "check_figures",
    "check_fuzzy",
    "check_length",
    "check_markup",
    "check_names",
    "check_newlines",
    "check_quotes",
    "check_straight_quotes",
    "check_untranslated",
    "run_checks",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CheckInput:
    """A source message and its translation, as the checks see them."""

    source: str
    translation: str
    source_lang: str
    target_lang: str
    fuzzy: bool = False


@dataclass(frozen=True)
class Finding:
    """One problem a check found."""

    check: str
    severity: Severity
    message: str


def check_untranslated(pair: CheckInput) -> Iterator[Finding]:
    if pair.source.strip() and not pair.translation.strip():
        yield Finding("untranslated", "warning", "the message has no translation")


def check_fuzzy(pair: CheckInput) -> Iterator[Finding]:
    if pair.fuzzy and pair.translation.strip():
        yield Finding("fuzzy", "warning", "the translation is marked fuzzy; review it and clear the flag")


def check_figures(pair: CheckInput) -> Iterator[Finding]:
    """Every figure of the source in the translation, same value, and no other."""
    for problem in compare(pair.source, pair.source_lang, pair.translation, pair.target_lang):
        severity: Severity = "error" if problem.severity == "error" else "warning"
        yield Finding("figures", severity, problem.message)


def check_newlines(pair: CheckInput) -> Iterator[Finding]:
    """A translation begins and ends with a line break exactly when its source does (as ``msgfmt -c``)."""
    for where, test in (("begins", str.startswith), ("ends", str.endswith)):
        in_source = test(pair.source, "\n")
        if in_source != test(pair.translation, "\n"):
            which = "the source" if in_source else "the translation"
            yield Finding(
                "newlines",
                "error",
                f"only {which} {where} with a line break (\\n); make both alike, "
                "or GNU msgfmt -c refuses the catalog",
            )


# -- markup --------------------------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": False})
_MARKUP_NAMES = {
    "em_open": "emphasis",
    "strong_open": "strong emphasis",
    "code_inline": "inline code",
    "link_open": "link",
    "image": "image",
}


def _markup(text: str) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    urls: list[str] = []
    for token in _MD.parseInline(text)[0].children or []:
        if token.type in _MARKUP_NAMES:
            counts[_MARKUP_NAMES[token.type]] += 1
        if token.type in ("link_open", "image"):
            urls.append(str(token.attrGet("href") or token.attrGet("src") or ""))
    return counts, urls


def check_markup(pair: CheckInput) -> Iterator[Finding]:
    """Inline Markdown (emphasis, code, links, images) kept, and link targets unchanged."""
    source_counts, source_urls = _markup(pair.source)
    target_counts, target_urls = _markup(pair.translation)
    for name in sorted(set(source_counts) | set(target_counts)):
        if source_counts[name] != target_counts[name]:
            yield Finding(
                "markup",
                "error",
                f"{name}: {source_counts[name]} in the source, {target_counts[name]} in the translation",
            )
    lost = Counter(source_urls) - Counter(target_urls)
    gained = Counter(target_urls) - Counter(source_urls)
    for url in lost:
        yield Finding("markup", "error", f"link target '{url}' is missing from the translation")
    for url in gained:
        yield Finding("markup", "error", f"link target '{url}' is not in the source")


# -- names ---------------------------------------------------------------------

# A capitalised word ("Jean-Noël", "d’Orsay", "O’Neill") and the particles a name may hold.
_CAP = r"(?:(?:d|l)[’'])?[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:de|du|des|von|van|der|da|di|la|le)\s+)?{_CAP})+")
# A sequence starting with an opener of the source's language is a sentence opening ("La France",
# "Selon Jean Dupont"), not the first word of a name; one starting with an institution word is
# usually translated (both lists are in the language profiles).


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("\xa0", " ").replace("\u202f", " ")
    return " ".join(text.split()).casefold()


def _names(text: str, lang: str) -> Iterator[str]:
    vocabulary = reading(lang)
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and re.split(r"[’']", words[0].lower())[0] in vocabulary.name_openers:
            words.pop(0)
        if len(words) >= 2 and words[0].lower() not in vocabulary.institutions:
            yield " ".join(words)


def check_names(pair: CheckInput) -> Iterator[Finding]:
    """Proper names of several words ("Jean-Noël Barrot") kept in the translation."""
    target = _norm(pair.translation)
    seen: set[str] = set()
    for name in _names(pair.source, pair.source_lang):
        if name not in seen and _norm(name) not in target:
            seen.add(name)
            yield Finding("names", "warning", f"the name '{name}' is not in the translation")


# -- quotes --------------------------------------------------------------------


def _balance(text: str, lang: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for opening, closing in languages.profile(lang).quote_pairs:
        out[opening + closing] = text.count(opening) - text.count(closing)
    out['"'] = text.count('"') % 2
    return out


def check_quotes(pair: CheckInput) -> Iterator[Finding]:
    """Quotes and brackets balanced in the translation (unless the source is unbalanced too,
    as when a quotation runs over several paragraphs)."""
    source = _balance(pair.source, pair.source_lang)
    source_open = sum(v for k, v in source.items() if k[0] in "«“„")
    for kind, imbalance in _balance(pair.translation, pair.target_lang).items():
        if not imbalance:
            continue
        if kind[0] in "«“„" and imbalance == source_open:
            continue  # the source is unbalanced the same way
        if kind in source and source[kind] == imbalance:
            continue
        yield Finding("quotes", "warning", f"unbalanced {' '.join(kind)} in the translation")


#: Typographic quote marks and apostrophes a source may use.
_CURLY = frozenset("«»“”„‘’‚‹›")
#: Code spans and link targets keep their straight quotes.
_LITERAL = re.compile(r"`[^`]*`|\]\([^)]*\)")


def check_straight_quotes(pair: CheckInput) -> Iterator[Finding]:
    """Straight ``'`` or ``"`` in a translation whose source uses typographic quotes: the layout
    sets them per language (render/inline.py), but the translator should know the catalog differs."""
    if not _CURLY.intersection(pair.source):
        return
    text = _LITERAL.sub("", pair.translation)
    straight = sorted({mark for mark in "'\"" if mark in text})
    if straight:
        marks = " and ".join(repr(m) for m in straight)
        yield Finding(
            "straight-quotes",
            "warning",
            f"straight {marks} in the translation where the source has typographic quotes; "
            "type ’ and the language's quote marks (the PDF, EPUB and HTML set them anyway)",
        )


# -- length --------------------------------------------------------------------

#: Translations outside this ratio of the source's length are worth a look.
LENGTH_RATIO = (0.5, 2.0)
#: Shorter messages vary too much in length to judge ("Samedi" / "On Saturday").
LENGTH_MIN = 40


_LINK_TARGET = re.compile(r"\]\([^)\s\]]*\)")


def _visible_length(text: str) -> int:
    """Length as read: link targets do not count."""
    return len(_LINK_TARGET.sub("]", text).strip())


def check_length(pair: CheckInput) -> Iterator[Finding]:
    """A translation far longer or shorter than its source (something added or dropped)."""
    source, target = _visible_length(pair.source), _visible_length(pair.translation)
    if not target or max(source, target) < LENGTH_MIN or not source:
        return
    ratio = target / source
    if ratio < LENGTH_RATIO[0]:
        yield Finding("length", "warning", f"the translation is {ratio:.0%} of the source's length")
    elif ratio > LENGTH_RATIO[1]:
        yield Finding("length", "warning", f"the translation is {ratio:.1f} times as long as the source")


Check = Callable[[CheckInput], Iterable[Finding]]

#: The checks, in the order they run.
CHECKS: list[Check] = [
    check_untranslated,
    check_fuzzy,
    check_figures,
    check_newlines,
    check_markup,
    check_names,
    check_quotes,
    check_straight_quotes,
    check_length,
]
#: Checks that only make sense on a translated message.
_CONTENT_CHECKS = set(CHECKS) - {check_untranslated, check_fuzzy}


def run_checks(pair: CheckInput, checks: Iterable[Check] | None = None) -> list[Finding]:
    """Run ``checks`` (default :data:`CHECKS`) on one message; empty translations get only
    the ``untranslated`` finding."""
    findings: list[Finding] = []
    empty = not pair.translation.strip()
    for check in CHECKS if checks is None else checks:
        if empty and check in _CONTENT_CHECKS:
            continue
        findings.extend(check(pair))
    return findings
