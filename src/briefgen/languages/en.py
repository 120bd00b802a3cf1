"""English: number words, vocabulary around figures and figure style (no typography rules)."""

from __future__ import annotations

from .profile import FigureStyle, LanguageProfile, NumberWords, Vocabulary

__all__ = ["PROFILE"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FOLD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# fmt: off
# The tables stay compact; one entry a line would make this module three times longer.
NUMBERS = NumberWords(
    words={
        "a": None, "one": None, "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000, "dozen": 12, "both": 2,
    },
    joiners=frozenset({"and"}),
    scales={
        "thousand": 1000, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9,
        "trillion": 10**12, "trillions": 10**12,
    },
    lone_articles=frozenset({"a", "an"}),
    standalone=frozenset({"both"}),
    article_nouns=frozenset({"dozen"}),
)

VOCABULARY = Vocabulary(
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
        "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    },
    capitalised_months=frozenset({"may"}),
    durations={
        "year": ("year", 1), "years": ("year", 1), "month": ("month", 1), "months": ("month", 1),
        "week": ("week", 1), "weeks": ("week", 1), "day": ("day", 1), "days": ("day", 1),
        "hour": ("hour", 1), "hours": ("hour", 1), "decade": ("year", 10), "decades": ("year", 10),
        "century": ("year", 100), "centuries": ("year", 100),
    },
    fractions={
        "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10,
        "tenths": 10,
    },
    half_words=frozenset({"half"}),
    ordinals={
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10,
    },
    ambiguous_ordinals=frozenset({"first", "second"}),
    ordinal_suffixes=frozenset({"st", "nd", "rd", "th"}),
    day_suffixes=frozenset({"st", "nd", "rd", "th"}),
    day_of=frozenset({"of"}),
    periods={"quarter": 20, "half": 30},
    period_of=frozenset({"of"}),
    # English forms of the shared stems: "doubled", "tripling".
    multiplier_stems={"doubl": 2, "tripl": 3, "quadrupl": 4, "quintupl": 5},
    multiplier_endings=frozenset({"ed", "ing"}),
    multiplier_words={
        **{f"{word}fold": value for word, value in _FOLD.items()}, "hundredfold": 100, "twice": 2,
        "halved": 0.5, "halving": 0.5,
    },
    soft_multipliers={"double": 2, "doubles": 2, "triple": 3, "triples": 3, "quadruple": 4, "quadruples": 4},
    times_words=frozenset({"times"}),
    more_words=frozenset({"more"}),
    less_words=frozenset({"less", "fewer"}),
    fold_words=frozenset({"fold"}),
    by_words=frozenset({"by"}),
    multiply_prefixes=frozenset({"multi"}),
    divide_prefixes=frozenset({"divid"}),
    qualifiers={
        ("about",): "approx", ("around",): "approx", ("approximately",): "approx", ("nearly",): "approx",
        ("almost",): "approx", ("roughly",): "approx", ("some",): "approx", ("close", "to"): "approx",
        ("estimated",): "approx", ("more", "than"): "more_than", ("over",): "more_than",
        ("above",): "more_than", ("upwards", "of"): "more_than", ("excess", "of"): "more_than",
        ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
        ("below",): "less_than", ("at", "least"): "at_least", ("no", "less", "than"): "at_least",
        ("no", "fewer", "than"): "at_least", ("minimum", "of"): "at_least", ("up", "to"): "at_most",
        ("at", "most"): "at_most", ("no", "more", "than"): "at_most", ("maximum", "of"): "at_most",
    },
    percent_words=frozenset({"percent", "pct"}),
    percent_phrases=frozenset({("per", "cent")}),
    point_words=frozenset({"point", "points", "pp", "pt", "pts"}),
    point_heads=frozenset({("percentage", "point"), ("percentage", "points")}),
    currency_words={
        "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP",
        "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    },
    currency_tails=frozenset({"sterling", "us"}),
    of_words=frozenset({"of"}),
    ref_words=frozenset({
        "article", "articles", "chapter", "section", "sections", "paragraph", "annex", "page", "pages", "p",
        "pp", "no", "nos", "vol", "volume", "fig", "figure", "table", "chart", "note", "footnote",
        "regulation", "directive", "resolution", "amendment", "recommendation", "question", "rule", "item",
        "point", "points",
    }),
    ref_abbreviations=frozenset({"p", "pp", "art", "no", "nos", "vol", "fig"}),
    year_prefixes=frozenset({"mid", "pre", "post", "end", "early", "late"}),
    decade_suffixes=frozenset({"s"}),
    clock_words=frozenset({"am", "pm"}),
    range_words=frozenset({"to", "and"}),
    ratio_phrases=frozenset({("in",), ("out", "of")}),
    stopwords=frozenset({
        "the", "a", "an", "of", "and", "or", "in", "at", "to", "for", "by", "with", "from", "as", "is",
        "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "that", "which", "who",
        "than", "more", "less", "per", "each", "this", "these", "those", "it", "its", "their", "his", "her",
        "our", "out", "up", "down", "over", "under", "into", "about", "between", "after", "before", "since",
        "until", "while", "but", "not", "no", "so", "if", "times", "also", "already", "only", "i", "we",
    }),
    label_stops=frozenset({
        "has", "have", "had", "is", "are", "was", "were", "will", "would", "should", "rose", "fell", "grew",
        "increased", "decreased", "reached", "represents", "represent", "accounted", "stood", "which",
        "who", "that", "according",
    }),
    conjunctions=frozenset({"and", "but"}),
    name_openers=frozenset({
        "the", "a", "an", "in", "on", "for", "by", "with", "according", "at", "from", "to", "during",
        "after", "before", "since", "as", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "but", "and", "this", "that", "he", "she", "it", "they", "we", "i",
    }),
    change_stems={
        "increas": "up", "rose": "up", "rise": "up", "grew": "up", "grow": "up", "gain": "up", "climb": "up",
        "decreas": "down", "declin": "down", "fell": "down", "fall": "down", "drop": "down", "shrank": "down",
        "shrink": "down", "contract": "down",
    },
    change_nouns={"up": "increase", "down": "decrease", "share": "share"},
    level_words=frozenset({"to", "reach", "reached", "reaching", "total", "totalled", "totaled", "stood"}),
    comparators=frozenset({("after",), ("compared", "with"), ("compared", "to"), ("versus",), ("from",)}),
    comparators_after=frozenset({
        ("a", "year", "earlier"), ("a", "year", "ago"), ("the", "previous", "month"),
    }),
    population_before=frozenset({"top", "bottom", "decile", "quintile", "percentile"}),
    population_after=frozenset(),
    label_breaks=frozenset({
        "notably", "particularly", "driven", "as", "has", "have", "had", "is", "are", "was", "were", "been",
        "sharply", "slightly", "which", "that", "who", "with", "while", "it", "they", "he", "she", "be",
        "will",
    }),
    appositives=frozenset({"namely", "ie"}),
    label_openers=frozenset({"in", "on", "for", "with", "at", "during", "since", "after", "to"}),
    of_articles={"the": "of the", "": "of "},
)

FIGURES = FigureStyle(
    words={
        "approx": "about ", "more_than": "more than ", "less_than": "less than ", "at_least": "at least ",
        "at_most": "up to ", "pp": "pp", "pps": "pp",
    },
    large_amounts="symbol-compact",
    ordinal=_ordinal,
    untranslated="not translated",
)
# fmt: on

PROFILE = LanguageProfile(
    code="en",
    reads_also=("fr",),
    numbers=NUMBERS,
    vocabulary=VOCABULARY,
    figures=FIGURES,
    default_locale="en_GB",  # British usage, as the seed's translation; en_US on request
    hyphenation="en-US",
)
