"""The shape of a language profile: every fact about a language that briefgen's stages read.

A profile is data, no logic: the fact extractor, the figure formatter, the QA checks
and the typography read these fields. Numbers themselves (decimal and group symbols,
digits, percent patterns, date and month formats) come from Babel's locale data
(CLDR), never from a profile; a profile holds what CLDR has no data for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["FigureStyle", "LanguageProfile", "NumberWords", "Typography", "Vocabulary"]


def _plain_ordinal(n: int) -> str:
    return f"{n}."


@dataclass(frozen=True)
class NumberWords:
    """Numbers written in words, read in the profile's own language only."""

    #: word -> value; ``None`` marks an article that is a number only before a scale,
    #: a fraction or "in N" ("un milliard", "a third", "one in five").
    words: Mapping[str, int | None] = field(default_factory=dict)
    #: Words joining number words: "vingt et un", "two hundred and fifty".
    joiners: frozenset[str] = frozenset()
    #: Scale words after a number (the French *billion* is 10**12, the English 10**9).
    scales: Mapping[str, int] = field(default_factory=dict)
    #: Scale words abbreviated with a dot, which belongs to the figure ("1,5 Mrd. Euro").
    dotted_scales: frozenset[str] = frozenset()
    #: word -> (the word before it, what it adds): "quatre-vingt" is 4 * 20, so "vingt" adds 76.
    compounds: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    #: Articles that only start a number ("a hundred"), never continue one ("twenty a").
    lone_articles: frozenset[str] = frozenset()
    #: Number words that stand alone and end a number ("both").
    standalone: frozenset[str] = frozenset()
    #: Nouns of a quantity an article may count ("une douzaine", "a dozen").
    article_nouns: frozenset[str] = frozenset()
    #: Roman ordinals such as "XXIe siècle", "Ve République".
    roman_ordinals: bool = False
    #: A day written "8." before its month ("8. November 2025", "3. Quartal").
    ordinal_dot: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """Words around figures. A language also reads the vocabulary of the languages its
    profile names in ``reads_also``, so every field is a set or a mapping that merges."""

    months: Mapping[str, int] = field(default_factory=dict)
    #: Month names that are common words unless capitalised ("may" / "May").
    capitalised_months: frozenset[str] = frozenset()
    #: Duration nouns -> (unit, factor): a decade is ten years.
    durations: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    #: Fraction nouns -> denominator ("deux tiers", "two-thirds").
    fractions: Mapping[str, int] = field(default_factory=dict)
    half_words: frozenset[str] = frozenset()
    #: Ordinal words; ``ambiguous_ordinals`` count only before a period noun ("premier trimestre").
    ordinals: Mapping[str, int] = field(default_factory=dict)
    ambiguous_ordinals: frozenset[str] = frozenset()
    #: Letters written against a number that make it an ordinal ("5e", "3rd").
    ordinal_suffixes: frozenset[str] = frozenset()
    #: Ordinal suffixes after a day that follows its month ("November 8th").
    day_suffixes: frozenset[str] = frozenset()
    #: Words between an ordinal day and its month ("the 8th of November").
    day_of: frozenset[str] = frozenset()
    #: Period nouns after an ordinal -> month code offset (quarter: 20 + q, half: 30 + h).
    periods: Mapping[str, int] = field(default_factory=dict)
    #: Words between a period and its year ("trimestre de 2024", "quarter of 2024").
    period_of: frozenset[str] = frozenset()
    #: Verbs and adjectives stating a multiplier: stem -> value, written stem + one ending.
    multiplier_stems: Mapping[str, float] = field(default_factory=dict)
    multiplier_endings: frozenset[str] = frozenset()
    #: Whole words stating a multiplier ("twofold", "twice", "halved").
    multiplier_words: Mapping[str, float] = field(default_factory=dict)
    #: Base forms that are often not figures ("double nationalité"): absence tolerated.
    soft_multipliers: Mapping[str, float] = field(default_factory=dict)
    #: Words after a number that make it a multiplier ("3 fois", "3 times"), and what may follow.
    times_words: frozenset[str] = frozenset()
    more_words: frozenset[str] = frozenset()
    less_words: frozenset[str] = frozenset()
    #: Attached to a number by a hyphen or after it: "threefold", "3-fold".
    fold_words: frozenset[str] = frozenset()
    #: "multiplié par deux", "divided by three": the preposition and the verbs' first letters.
    by_words: frozenset[str] = frozenset()
    multiply_prefixes: frozenset[str] = frozenset()
    divide_prefixes: frozenset[str] = frozenset()
    #: Qualifier phrases ending right before a figure -> qualifier.
    qualifiers: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    #: Words after a number that make it a percentage ("20 percent") or points.
    percent_words: frozenset[str] = frozenset()
    percent_phrases: frozenset[tuple[str, str]] = frozenset()  # ("pour", "cent")
    point_words: frozenset[str] = frozenset()
    point_tails: frozenset[tuple[str, str]] = frozenset()  # "point de pourcentage"
    point_heads: frozenset[tuple[str, str]] = frozenset()  # "percentage points"
    currency_words: Mapping[str, str] = field(default_factory=dict)
    #: Words after a currency word that belong to it ("livres sterling", "dollars américains").
    currency_tails: frozenset[str] = frozenset()
    #: Words between a scaled number and its unit ("milliard d'euros", "billion of").
    of_words: frozenset[str] = frozenset()
    #: A number after one of these is a reference ("article 12"); abbreviations take a dot ("p. 4").
    ref_words: frozenset[str] = frozenset()
    ref_abbreviations: frozenset[str] = frozenset()
    #: Attached prefixes that still leave a year: "mi-2024", "mid-2024".
    year_prefixes: frozenset[str] = frozenset()
    #: Plural letters of a decade ("the 1990s").
    decade_suffixes: frozenset[str] = frozenset()
    #: Times of day after a number ("6 pm"); prepositions of a time ("à 18 heures").
    clock_words: frozenset[str] = frozenset()
    clock_prepositions: frozenset[str] = frozenset()
    #: Words between the two ends of a range ("de 3 à 6", "between 20 and 30").
    range_words: frozenset[str] = frozenset()
    #: "une personne sur cinq", "one in five", "three out of ten".
    ratio_phrases: frozenset[tuple[str, ...]] = frozenset()
    #: Function words: never the noun of a count, trimmed from the edges of labels.
    stopwords: frozenset[str] = frozenset()
    #: Words that end the subject of a label: "Les saisies de drogue | ont augmenté".
    label_stops: frozenset[str] = frozenset()
    #: Conjunctions that end a clause of a label ("et", "but").
    conjunctions: frozenset[str] = frozenset()
    #: Elided articles before an apostrophe ("l’", "d’"); ``label_elisions`` are cut from labels.
    elisions: frozenset[str] = frozenset()
    label_elisions: frozenset[str] = frozenset()
    #: Words opening a sentence before a capitalised name ("Selon Jean Dupont").
    name_openers: frozenset[str] = frozenset()
    #: First words of institutions, which a translation translates ("Banque de France").
    institutions: frozenset[str] = frozenset()
    #: Key-figure box (issue 15). Verb stems of a change -> "up" or "down" ("augment", "fell").
    change_stems: Mapping[str, str] = field(default_factory=dict)
    #: The noun a box label gives a change: "up" -> "hausse", "down" -> "baisse"; and
    #: "share" the noun of a percentage of something ("68 % des actifs" -> "Part des actifs").
    change_nouns: Mapping[str, str] = field(default_factory=dict)
    #: Words before a level reached ("pour se chiffrer à", "to"): the figure is the subject's level.
    level_words: frozenset[str] = frozenset()
    #: Phrases right before a comparison figure, which a box leaves out ("après", "contre").
    comparators: frozenset[tuple[str, ...]] = frozenset()
    #: Phrases right after a comparison figure ("un an plus tôt", "a year earlier").
    comparators_after: frozenset[tuple[str, ...]] = frozenset()
    #: Words that make a figure a population definition ("tranche supérieure de 20 %",
    #: "les 10 % les plus modestes": the marker before, or the pair after).
    population_before: frozenset[str] = frozenset()
    population_after: frozenset[tuple[str, ...]] = frozenset()
    #: Words that end the noun phrase a label is read from, walking back from a verb or a
    #: parenthesis ("portée notamment | par les impôts"): adverbs, auxiliaries, pronouns.
    label_breaks: frozenset[str] = frozenset()
    #: Words opening an apposition a label skips ("leur valeur nette, c'est-à-dire ..., ayant augmenté").
    appositives: frozenset[str] = frozenset()
    #: Words opening a circumstance before the subject ("Au premier trimestre, le PIB...").
    label_openers: frozenset[str] = frozenset()
    #: "de" + article as written in a label: "le" -> "du", "les" -> "des" ("Hausse des saisies").
    of_articles: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureStyle:
    """How a figure is written for this language where Babel has no pattern for it."""

    #: Words for qualifiers and points ("plus de ", "points"); symbols when absent.
    words: Mapping[str, str] = field(
        default_factory=lambda: {
            "approx": "≈",
            "more_than": ">",
            "less_than": "<",
            "at_least": "≥",
            "at_most": "≤",
            "pp": "pp",
            "pps": "pp",
        }
    )
    #: Space between a number and "points".
    points_space: str = " "
    #: Letter of a half-year ("S1 2024" in French, "H1 2024" elsewhere).
    half_year: str = "H"
    #: Large amounts: "compact-words" ("1,2 milliard d’euros"), "symbol-compact" ("€1.2 billion"),
    #: or "" for Babel's compact currency format.
    large_amounts: str = ""
    #: Currency names after a compact number ("d’euros"), by ISO code.
    currency_names: Mapping[str, str] = field(default_factory=dict)
    ordinal: Callable[[int], str] = _plain_ordinal
    #: What the target side of the key-figure box says for an untranslated or fuzzy paragraph.
    untranslated: str = "—"


@dataclass(frozen=True)
class Typography:
    """Spaces the layout puts around punctuation (never typed into the catalogs)."""

    #: Space before ``; ! ?`` ("" for none).
    before_marks: str = ""
    before_colon: str = ""
    #: Space inside guillemets: « … ».
    inside_guillemets: str = ""
    #: Space between a number and ``%``.
    before_percent: str = ""
    #: The quote marks straight quotes become as text is rendered: primary opening and
    #: closing, then secondary (markdown-it's ``quotes`` option); ``'`` in a word is ``’``.
    quotes: str = "“”‘’"


@dataclass(frozen=True)
class LanguageProfile:
    """Everything briefgen knows about one language (see :mod:`briefgen.languages`)."""

    code: str
    #: Languages whose vocabulary (months, units, qualifiers...) this language's text also
    #: reads: a French brief quotes English figures and its translations keep French names.
    reads_also: tuple[str, ...] = ()
    numbers: NumberWords = field(default_factory=NumberWords)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    figures: FigureStyle = field(default_factory=FigureStyle)
    typography: Typography = field(default_factory=Typography)
    #: The locale ``briefgen new`` writes for the language (dates, figures): "en_GB" gives
    #: "14 October 2026" where Babel's "en" gives "October 14, 2026". "" for the code itself.
    default_locale: str = ""
    #: The language tag whose hyphenation patterns the PDF uses ("" for the code itself):
    #: Pyphen's British patterns break "peri-urb-an", "res-ults"; the American ones
    #: "peri-ur-ban", "re-sults", which suit British spelling as well.
    hyphenation: str = ""
    #: True when the language capitalises its nouns (German): a capital then says nothing of a
    #: proper name, so the PDF does not protect capitalised words from hyphenation.
    capitalises_nouns: bool = False
    #: Quote and bracket pairs whose balance the QA checks.
    quote_pairs: tuple[tuple[str, str], ...] = (("«", "»"), ("“", "”"), ("(", ")"), ("[", "]"))
