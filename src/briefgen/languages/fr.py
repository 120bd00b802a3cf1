"""French: number words, vocabulary around figures, figure style and typography.

Keys are lower-case; apostrophes and hyphens split words, so ``d’euros`` is looked
up as ``d`` + ``euros`` and ``quatre-vingt-dix`` as three number words.
"""

from __future__ import annotations

from .profile import FigureStyle, LanguageProfile, NumberWords, Typography, Vocabulary

__all__ = ["PROFILE"]

NBSP = "\u00a0"
NNBSP = "\u202f"


def _ordinal(n: int) -> str:
    return "1er" if n == 1 else f"{n}e"


# fmt: off
# The tables stay compact; one entry a line would make this module three times longer.
NUMBERS = NumberWords(
    words={
        "un": None, "une": None, "zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
        "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
        "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
        "soixante": 60, "cent": 100, "cents": 100, "mille": 1000, "douzaine": 12,
    },
    joiners=frozenset({"et"}),
    scales={
        "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "billion": 10**12,
        "billions": 10**12, "mille": 1000,
    },
    compounds={"vingt": ("quatre", 76), "vingts": ("quatre", 76)},  # quatre-vingt(s): 4 * 20
    article_nouns=frozenset({"douzaine"}),
    roman_ordinals=True,
)

VOCABULARY = Vocabulary(
    months={
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    },
    durations={
        "an": ("year", 1), "ans": ("year", 1), "année": ("year", 1), "années": ("year", 1),
        "mois": ("month", 1), "semaine": ("week", 1), "semaines": ("week", 1), "jour": ("day", 1),
        "jours": ("day", 1), "heure": ("hour", 1), "heures": ("hour", 1), "décennie": ("year", 10),
        "décennies": ("year", 10), "siècle": ("year", 100), "siècles": ("year", 100),
    },
    fractions={
        "tiers": 3, "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
    },
    half_words=frozenset({"moitié"}),
    ordinals={
        "premier": 1, "première": 1, "deuxième": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
        "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
    },
    ambiguous_ordinals=frozenset({"premier", "première", "seconde"}),
    ordinal_suffixes=frozenset({"e", "er", "re", "ère", "ème", "è", "eme", "ᵉ", "ᵉʳ"}),
    periods={"trimestre": 20, "semestre": 30},
    period_of=frozenset({"de"}),
    multiplier_stems={"doubl": 2, "tripl": 3, "quadrupl": 4, "quintupl": 5, "décupl": 10, "centupl": 100},
    multiplier_endings=frozenset({
        "é", "ée", "és", "ées", "er", "ent", "era", "eront", "erait", "eraient", "ait", "aient", "ant",
        "ement", "ements",
    }),
    soft_multipliers={"double": 2, "doubles": 2, "triple": 3, "triples": 3, "quadruple": 4, "quadruples": 4},
    times_words=frozenset({"fois"}),
    more_words=frozenset({"plus"}),
    less_words=frozenset({"moins"}),
    by_words=frozenset({"par"}),
    multiply_prefixes=frozenset({"multi"}),
    divide_prefixes=frozenset({"divis"}),
    qualifiers={
        ("près", "de"): "approx", ("près", "d"): "approx", ("environ",): "approx", ("quelque",): "approx",
        ("approximativement",): "approx", ("autour", "de"): "approx", ("ordre", "de"): "approx",
        ("presque",): "approx", ("plus", "de"): "more_than", ("plus", "d"): "more_than",
        ("delà", "de"): "more_than", ("moins", "de"): "less_than", ("moins", "d"): "less_than",
        ("au", "moins"): "at_least", ("pas", "moins", "de"): "at_least", ("au", "minimum"): "at_least",
        ("jusqu", "à"): "at_most", ("au", "plus"): "at_most", ("au", "maximum"): "at_most",
    },
    percent_words=frozenset({"pourcent"}),
    percent_phrases=frozenset({("pour", "cent")}),
    point_words=frozenset({"point", "points"}),
    point_tails=frozenset({("de", "pourcentage")}),
    currency_words={
        "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "livre": "GBP", "livres": "GBP",
        "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY",
    },
    currency_tails=frozenset({"sterling", "américains"}),
    of_words=frozenset({"de", "d"}),
    ref_words=frozenset({
        "article", "articles", "art", "alinéa", "alinéas", "chapitre", "section", "sections", "paragraphe",
        "annexe", "page", "pages", "p", "pp", "n", "no", "nos", "nº", "numéro", "vol", "volume", "tome",
        "fig", "figure", "tableau", "graphique", "encadré", "note", "règlement", "directive", "décret",
        "résolution", "amendement", "recommandation", "question", "règle", "point", "points",
    }),
    ref_abbreviations=frozenset({"p", "pp", "art", "n", "no", "nos", "vol", "fig", "nº"}),
    year_prefixes=frozenset({"mi", "fin", "début", "pré", "post"}),
    clock_prepositions=frozenset({"à", "vers", "dès"}),
    range_words=frozenset({"à", "et", "au"}),
    ratio_phrases=frozenset({("sur",)}),
    stopwords=frozenset({
        "de", "d", "des", "du", "la", "le", "les", "l", "et", "ou", "en", "à", "au", "aux", "pour", "par",
        "sur", "sous", "dans", "avec", "sans", "entre", "que", "qu", "qui", "est", "sont", "a", "ont",
        "contre", "selon", "vers", "chez", "depuis", "plus", "moins", "ce", "cet", "cette", "ces", "se", "s",
        "sa", "son", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "on", "y", "ne", "n", "pas",
        "dont", "où", "mais", "donc", "ni", "car", "puis", "soit", "un", "une", "nos", "notre", "vos",
        "votre", "fois", "aussi", "déjà", "seulement", "je", "nous",
    }),
    label_stops=frozenset({
        "ont", "a", "est", "sont", "sera", "seront", "serait", "seraient", "était", "étaient", "avait",
        "avaient", "va", "vont", "devrait", "devraient", "augmente", "augmenté", "progresse", "progressé",
        "recule", "reculé", "baisse", "baissé", "atteint", "représente", "représentent", "passe", "passé",
        "s", "qui", "selon",
    }),
    conjunctions=frozenset({"et", "mais"}),
    elisions=frozenset({"l", "d", "qu", "s", "n"}),
    label_elisions=frozenset({"l", "d", "qu"}),
    name_openers=frozenset({
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "en", "dans", "pour",
        "selon", "sur", "par", "avec", "pendant", "depuis", "après", "avant", "lundi", "mardi", "mercredi",
        "jeudi", "vendredi", "samedi", "dimanche", "mais", "et", "ce", "cette", "il", "elle", "nous", "je",
    }),
    institutions=frozenset({
        "conseil", "cour", "ministère", "ministre", "banque", "union", "assemblée", "commission",
        "parlement", "comité", "agence", "office", "institut", "direction", "haut", "haute", "tribunal",
        "sénat", "république", "président", "présidente", "premier", "première", "royaume", "états",
        "nations", "fonds", "organisation", "traité", "palais", "journal", "secrétaire", "affaires",
        "amérique", "afrique", "asie", "europe", "mer", "océan", "nord", "sud", "est", "ouest",
    }),
    change_stems={
        "augment": "up", "progress": "up", "accru": "up", "accrue": "up", "hausse": "up", "croissance": "up",
        "grimp": "up", "bondi": "up", "diminu": "down", "baiss": "down", "recul": "down", "repli": "down",
        "chut": "down", "bais": "down", "amenuis": "down", "contract": "down", "supérieur": "up",
        "inférieur": "down",
    },
    change_nouns={"up": "hausse", "down": "baisse", "share": "part"},
    level_words=frozenset({"chiffrer", "élever", "elever", "atteindre", "établir", "etablir", "à"}),
    comparators=frozenset({
        ("après",), ("contre",), ("passant", "de"), ("passer", "de"), ("passé", "de"), ("passée", "de"),
        ("comparativement", "à"), ("par", "rapport", "à"),
    }),
    comparators_after=frozenset({
        ("un", "an", "plus", "tôt"), ("un", "an", "auparavant"), ("le", "mois", "précédent"),
        ("le", "trimestre", "précédent"), ("l", "année", "précédente"), ("un", "mois", "plus", "tôt"),
    }),
    population_before=frozenset({"tranche", "décile", "quintile", "centile", "quartile"}),
    population_after=frozenset({("les", "plus"), ("des", "plus"), ("le", "plus")}),
    label_breaks=frozenset({
        "notamment", "portée", "porté", "portés", "portées", "comme", "témoignent", "a", "ont", "est",
        "sont", "été", "s", "se", "fortement", "nettement", "légèrement", "ayant", "avait", "avaient",
        "était", "étaient", "qui", "que", "dont", "où", "avec", "soit", "ainsi", "pour", "elle", "il",
        "elles", "ils", "alors", "après", "faire", "passer",
    }),
    appositives=frozenset({"est-à-dire", "soit"}),
    label_openers=frozenset({"en", "au", "aux", "dans", "avec", "pour", "selon", "sur", "après", "depuis"}),
    of_articles={"le": "du", "les": "des", "la": "de la", "l": "de l’", "": "de "},
)

FIGURES = FigureStyle(
    words={
        "approx": "environ ", "more_than": "plus de ", "less_than": "moins de ", "at_least": "au moins ",
        "at_most": "jusqu’à ", "pp": "point", "pps": "points",
    },
    points_space=NBSP,
    half_year="S",
    large_amounts="compact-words",
    currency_names={"EUR": "d’euros", "USD": "de dollars", "GBP": "de livres sterling"},
    ordinal=_ordinal,
    untranslated="non traduit",
)
# fmt: on

#: Imprimerie nationale: a narrow no-break space before ``; ! ?`` and inside guillemets,
#: a no-break space before ``:`` and ``%``.
TYPOGRAPHY = Typography(
    before_marks=NNBSP,
    before_colon=NBSP,
    inside_guillemets=NNBSP,
    before_percent=NBSP,
    # « … » inside (spaced by inside_guillemets), “ … ” within a quotation (Imprimerie nationale).
    quotes="«»“”",
)

PROFILE = LanguageProfile(
    code="fr",
    default_locale="fr_FR",
    reads_also=("en",),
    numbers=NUMBERS,
    vocabulary=VOCABULARY,
    figures=FIGURES,
    typography=TYPOGRAPHY,
)
