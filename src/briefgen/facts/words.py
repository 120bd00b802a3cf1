"""Word lists for :mod:`briefgen.facts.extract`: number words, units, qualifiers, per language.

Data only, no logic: the extractor in :mod:`briefgen.facts.extract` reads these tables.
Every key is lower-case; apostrophes and hyphens split words, so ``d’euros`` is
looked up as ``d`` + ``euros`` and ``quatre-vingt-dix`` as three number words.
Numbers themselves (decimal and group symbols) come from Babel's locale data,
never from these tables.
"""

from __future__ import annotations

import re

# fmt: off
# The tables stay compact; one entry a line would make this module three times longer.

__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "DURATION_UNITS",
    "FRACTION_NOUNS",
    "INDEX_WORDS",
    "LABEL_STOPS",
    "LANG_WORDS",
    "MONTHS",
    "MULTIPLIER_VERBS",
    "NUMBER_WORDS",
    "ORDINAL_SUFFIXES",
    "ORDINAL_WORDS",
    "PERIOD_WORDS",
    "QUALIFIERS",
    "REF_WORDS",
    "SCALES",
    "SCALE_ABBREVIATIONS",
    "STOPWORDS",
    "YEAR_PREFIXES",
]

#: Number words; ``None`` marks an article that is a number only before a scale,
#: a fraction or "in N" ("un milliard", "a third", "one in five").
NUMBER_WORDS: dict[str, dict[str, int | None]] = {
    "fr": {
        "un": None, "une": None, "zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
        "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
        "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
        "soixante": 60, "cent": 100, "cents": 100, "mille": 1000, "douzaine": 12,
    },
    "en": {
        "a": None, "one": None, "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000, "dozen": 12, "both": 2,
    },
}
#: Words joining number words: "vingt et un", "two hundred and fifty".
NUMBER_JOINERS = {"fr": {"et"}, "en": {"and"}}

#: Scale words after a number. The French ``billion`` is 10**12 (long scale).
SCALES: dict[str, dict[str, int]] = {
    "fr": {
        "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "billion": 10**12,
        "billions": 10**12, "mille": 1000,
    },
    "en": {
        "thousand": 1000, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9,
        "trillion": 10**12, "trillions": 10**12,
    },
}
#: Abbreviated scales written against the number or before a currency ("£3m", "1,2 Md€").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 1000, "m": 10**6, "mn": 10**6, "mio": 10**6, "md": 10**9, "mds": 10**9, "mrd": 10**9, "bn": 10**9,
    "b": 10**9, "tn": 10**12,
}

CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = {"EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD"}
CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "livre": "GBP", "livres": "GBP",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yens": "JPY", "yuan": "CNY",
    "yuans": "CNY",
}

#: Duration nouns -> (unit, factor): a decade is ten years.
DURATION_UNITS: dict[str, tuple[str, int]] = {
    "an": ("year", 1), "ans": ("year", 1), "année": ("year", 1), "années": ("year", 1), "year": ("year", 1),
    "years": ("year", 1), "mois": ("month", 1), "month": ("month", 1), "months": ("month", 1),
    "semaine": ("week", 1), "semaines": ("week", 1), "week": ("week", 1), "weeks": ("week", 1),
    "jour": ("day", 1), "jours": ("day", 1), "day": ("day", 1), "days": ("day", 1), "heure": ("hour", 1),
    "heures": ("hour", 1), "hour": ("hour", 1), "hours": ("hour", 1), "décennie": ("year", 10),
    "décennies": ("year", 10), "decade": ("year", 10), "decades": ("year", 10), "siècle": ("year", 100),
    "siècles": ("year", 100), "century": ("year", 100), "centuries": ("year", 100),
}

#: Fraction nouns -> denominator ("deux tiers", "two-thirds", "un quart").
FRACTION_NOUNS: dict[str, int] = {
    "tiers": 3, "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
    "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10,
    "tenths": 10,
}

MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

#: Ordinal words. "premier"/"first"/"second" only count before a period noun
#: ("premier trimestre"): alone they are too often not figures ("Premier ministre").
ORDINAL_WORDS: dict[str, int] = {
    "premier": 1, "première": 1, "first": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "third": 3, "quatrième": 4, "fourth": 4, "cinquième": 5, "fifth": 5, "sixième": 6, "sixth": 6,
    "septième": 7, "seventh": 7, "huitième": 8, "eighth": 8, "neuvième": 9, "ninth": 9, "dixième": 10,
    "tenth": 10,
}
AMBIGUOUS_ORDINALS = {"premier", "première", "first", "second", "seconde"}
#: Period nouns after an ordinal -> month code offset (quarter: 20 + q, half: 30 + h).
PERIOD_WORDS: dict[str, int] = {"trimestre": 20, "quarter": 20, "semestre": 30, "half": 30}
#: Attached period letters: "T3 2024", "Q3 2024", "H1 2024", "S1 2024".
PERIOD_LETTERS: dict[str, int] = {"T": 20, "Q": 20, "H": 30, "S": 30}

ORDINAL_SUFFIXES = {"e", "er", "re", "ère", "ème", "è", "eme", "ᵉ", "ᵉʳ", "st", "nd", "rd", "th"}

#: Verbs and adjectives that state a multiplier. Base forms ("double") are soft:
#: they are often not figures ("double nationalité", "double standard").
MULTIPLIER_VERBS = re.compile(
    r"(doubl|tripl|quadrupl|quintupl|décupl|centupl)(é|ée|és|ées|er|ent|era|eront|erait|eraient"
    r"|ait|aient|ant|ement|ements|ed|ing)"
    r"|(two|three|four|five|six|seven|eight|nine|ten|hundred)fold|twice|halved|halving"
)
MULTIPLIER_SOFT = re.compile(r"(double|triple|quadruple)s?")
MULTIPLIER_STEMS = {
    "doubl": 2, "tripl": 3, "quadrupl": 4, "quintupl": 5, "décupl": 10, "centupl": 100, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "hundred": 100, "twice": 2, "halved": 0.5, "halving": 0.5, "double": 2, "triple": 3, "quadruple": 4,
}
HALF_WORDS = {"moitié", "half"}

#: Qualifier phrases ending right before a figure; longest first when looked up.
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("près", "de"): "approx", ("près", "d"): "approx", ("environ",): "approx", ("quelque",): "approx",
    ("approximativement",): "approx", ("autour", "de"): "approx", ("ordre", "de"): "approx",
    ("presque",): "approx", ("about",): "approx", ("around",): "approx", ("approximately",): "approx",
    ("nearly",): "approx", ("almost",): "approx", ("roughly",): "approx", ("some",): "approx",
    ("close", "to"): "approx", ("estimated",): "approx", ("plus", "de"): "more_than",
    ("plus", "d"): "more_than", ("delà", "de"): "more_than", ("more", "than"): "more_than",
    ("over",): "more_than", ("above",): "more_than", ("upwards", "of"): "more_than",
    ("excess", "of"): "more_than", ("moins", "de"): "less_than", ("moins", "d"): "less_than",
    ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("au", "moins"): "at_least", ("pas", "moins", "de"): "at_least",
    ("au", "minimum"): "at_least", ("at", "least"): "at_least", ("no", "less", "than"): "at_least",
    ("no", "fewer", "than"): "at_least", ("minimum", "of"): "at_least", ("jusqu", "à"): "at_most",
    ("au", "plus"): "at_most", ("au", "maximum"): "at_most", ("up", "to"): "at_most",
    ("at", "most"): "at_most", ("no", "more", "than"): "at_most", ("maximum", "of"): "at_most",
}

#: A number right after one of these is a reference, not a figure ("article 12", "p. 4").
REF_WORDS = {
    "article", "articles", "art", "alinéa", "alinéas", "chapitre", "chapter", "section", "sections",
    "paragraphe", "paragraph", "annexe", "annex", "page", "pages", "p", "pp", "n", "no", "nos", "nº",
    "numéro", "vol", "volume", "tome", "fig", "figure", "tableau", "table", "graphique", "chart", "encadré",
    "note", "footnote", "règlement", "regulation", "directive", "décret", "résolution", "resolution",
    "amendement", "amendment", "recommandation", "recommendation", "question", "rule", "règle", "item",
    "point", "points",
}
#: Stock index names: "CAC 40", "S&P 500", "FTSE 100".
INDEX_WORDS = {
    "cac", "ftse", "dax", "sbf", "nikkei", "stoxx", "nasdaq", "russell", "msci", "ibex", "smi", "aex",
    "mib", "topix", "kospi", "euronext", "dow", "jones",
}
#: Attached prefixes that still leave a year: "mi-2024", "mid-2024", "fin-2024".
YEAR_PREFIXES = {"mi", "mid", "fin", "début", "pre", "pré", "post", "end", "early", "late"}

#: Function words: never the noun of a count, trimmed from the edges of labels.
STOPWORDS = {
    "de", "d", "des", "du", "la", "le", "les", "l", "et", "ou", "en", "à", "au", "aux", "pour", "par",
    "sur", "sous", "dans", "avec", "sans", "entre", "que", "qu", "qui", "est", "sont", "a", "ont", "contre",
    "selon", "vers", "chez", "depuis", "plus", "moins", "ce", "cet", "cette", "ces", "se", "s", "sa", "son",
    "ses", "leur", "leurs", "il", "elle", "ils", "elles", "on", "y", "ne", "n", "pas", "dont", "où", "mais",
    "donc", "ni", "car", "puis", "soit", "un", "une", "nos", "notre", "vos", "votre", "the", "an", "of",
    "and", "or", "in", "at", "to", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "that", "which", "who", "than", "more", "less", "per",
    "each", "this", "these", "those", "it", "its", "their", "his", "her", "our", "out", "up", "down",
    "over", "under", "into", "about", "between", "after", "before", "since", "until", "while", "but", "not",
    "no", "so", "if", "times", "fois", "also", "aussi", "already", "déjà", "only", "seulement", "i", "je",
    "we", "nous",
}
#: Words that end the subject of a label: "Les saisies de drogue | ont augmenté".
LABEL_STOPS = {
    "ont", "a", "est", "sont", "sera", "seront", "serait", "seraient", "était", "étaient", "avait",
    "avaient", "va", "vont", "devrait", "devraient", "augmente", "augmenté", "progresse", "progressé",
    "recule", "reculé", "baisse", "baissé", "atteint", "représente", "représentent", "passe", "passé", "s",
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "should", "rose", "fell", "grew",
    "increased", "decreased", "reached", "represents", "represent", "accounted", "stood", "qui", "which",
    "who", "that", "selon", "according",
}

#: Words for qualifiers and units in formatted figures, per language (Babel has no such words).
LANG_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "approx": "environ ", "more_than": "plus de ", "less_than": "moins de ", "at_least": "au moins ",
        "at_most": "jusqu’à ", "pp": "point", "pps": "points",
    },
    "en": {
        "approx": "about ", "more_than": "more than ", "less_than": "less than ", "at_least": "at least ",
        "at_most": "up to ", "pp": "pp", "pps": "pp",
    },
    "": {
        "approx": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤", "pp": "pp",
        "pps": "pp",
    },
}
