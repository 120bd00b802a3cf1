"""German: number words, vocabulary around figures and figure style.

German writes a day as an ordinal with a dot ("8. November 2025") and compounds its
number words ("dreiundzwanzig", "zweihundert"), which are generated below.
"""

from __future__ import annotations

from .profile import FigureStyle, LanguageProfile, NumberWords, Typography, Vocabulary

__all__ = ["PROFILE"]

_UNITS = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
}  # fmt: skip
_TEENS = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_TENS = {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90,
}  # fmt: skip


def _number_words() -> dict[str, int | None]:
    """1 to 99 and the hundreds, as one word each: "dreiundzwanzig", "zweihundert"."""
    words: dict[str, int | None] = {"ein": None, "eine": None, "einen": None, "einem": None, "einer": None}
    words.update({"null": 0, **_UNITS, **_TEENS, **_TENS, "hundert": 100, "tausend": 1000, "dutzend": 12})
    for unit, value in _UNITS.items():
        stem = "ein" if unit == "eins" else unit
        for ten, tens in _TENS.items():
            words[f"{stem}und{ten}"] = tens + value
        if value > 1:
            words[f"{unit}hundert"] = value * 100
    words["einhundert"] = 100
    return words


def _inflected(stems: dict[str, int]) -> dict[str, int]:
    """Ordinal adjectives with their endings: "dritte", "dritten", "dritter"..."""
    return {stem + ending: value for stem, value in stems.items() for ending in ("e", "en", "er", "es", "em")}


# fmt: off
# The tables stay compact; one entry a line would make this module three times longer.
NUMBERS = NumberWords(
    words=_number_words(),
    scales={
        "tausend": 1000, "million": 10**6, "millionen": 10**6, "milliarde": 10**9, "milliarden": 10**9,
        "billion": 10**12, "billionen": 10**12, "tsd": 1000, "mio": 10**6, "mrd": 10**9, "bio": 10**12,
    },
    dotted_scales=frozenset({"tsd", "mio", "mrd", "bio"}),
    article_nouns=frozenset({"dutzend"}),
    ordinal_dot=True,
)

_MULTIPLIER_STEMS: dict[str, float] = {
    "verdoppel": 2, "verdoppl": 2, "verdreifach": 3, "vervierfach": 4, "verfünffach": 5, "verzehnfach": 10,
    "verhundertfach": 100, "halbier": 0.5,
}

VOCABULARY = Vocabulary(
    months={
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12, "jan": 1, "feb": 2,
        "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11,
        "dez": 12,
    },
    durations={
        "jahr": ("year", 1), "jahre": ("year", 1), "jahren": ("year", 1), "jahres": ("year", 1),
        "monat": ("month", 1), "monate": ("month", 1), "monaten": ("month", 1), "woche": ("week", 1),
        "wochen": ("week", 1), "tag": ("day", 1), "tage": ("day", 1), "tagen": ("day", 1),
        "stunde": ("hour", 1), "stunden": ("hour", 1), "jahrzehnt": ("year", 10), "jahrzehnte": ("year", 10),
        "jahrzehnten": ("year", 10), "jahrhundert": ("year", 100), "jahrhunderte": ("year", 100),
    },
    fractions={"drittel": 3, "viertel": 4, "fünftel": 5, "zehntel": 10},
    half_words=frozenset({"hälfte"}),
    ordinals=_inflected({
        "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8,
        "neunt": 9, "zehnt": 10,
    }),
    ambiguous_ordinals=frozenset(_inflected({"erst": 1, "zweit": 2})),
    periods={"quartal": 20, "quartals": 20, "halbjahr": 30, "halbjahres": 30},
    period_of=frozenset({"des"}),
    multiplier_stems=_MULTIPLIER_STEMS,
    multiplier_endings=frozenset({"t", "te", "ten", "tes", "ter", "n", "en", "ung", "e", "st"}),
    multiplier_words={"zweimal": 2, "dreimal": 3, "viermal": 4, "fünfmal": 5, "zehnmal": 10},
    soft_multipliers={
        "doppelt": 2, "doppelte": 2, "doppelten": 2, "dreifach": 3, "dreifache": 3, "dreifachen": 3,
        "vierfach": 4, "vierfache": 4,
    },
    times_words=frozenset({"mal"}),
    more_words=frozenset({"mehr", "höher", "größer"}),
    less_words=frozenset({"weniger", "niedriger", "kleiner"}),
    qualifiers={
        ("um", "die"): "approx", ("rund",): "approx", ("etwa",): "approx", ("circa",): "approx",
        ("ungefähr",): "approx", ("fast",): "approx", ("beinahe",): "approx", ("knapp",): "approx",
        ("annähernd",): "approx", ("mehr", "als"): "more_than", ("über",): "more_than",
        ("weniger", "als"): "less_than", ("unter",): "less_than", ("mindestens",): "at_least",
        ("wenigstens",): "at_least", ("höchstens",): "at_most", ("bis", "zu"): "at_most",
        ("maximal",): "at_most",
    },
    percent_words=frozenset({"prozent"}),
    point_words=frozenset({"prozentpunkt", "prozentpunkte", "prozentpunkten"}),
    currency_words={
        "euro": "EUR", "dollar": "USD", "pfund": "GBP", "franken": "CHF", "yen": "JPY", "yuan": "CNY",
    },
    currency_tails=frozenset({"sterling"}),
    ref_words=frozenset({
        "artikel", "absatz", "kapitel", "abschnitt", "seite", "seiten", "nr", "nummer", "anhang",
        "abbildung", "abb", "tabelle", "grafik", "band", "fußnote", "verordnung", "richtlinie", "beschluss",
        "resolution", "punkt",
    }),
    ref_abbreviations=frozenset({"s", "nr", "abs", "art", "bd", "abb", "kap"}),
    year_prefixes=frozenset({"mitte", "ende", "anfang"}),
    range_words=frozenset({"bis", "und"}),
    stopwords=frozenset({
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines", "und",
        "oder", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum", "zur",
        "für", "über", "unter", "um", "gegen", "ohne", "durch", "seit", "bis", "als", "wie", "dass", "ist",
        "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "nicht",
        "auch", "noch", "nur", "mehr", "weniger", "sich", "es", "er", "sie", "wir", "ich", "sein", "seine",
        "ihre", "mal", "pro", "je", "bereits", "schon",
    }),
    label_stops=frozenset({
        "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte",
        "hatten", "stieg", "stiegen", "steigt", "sank", "sanken", "sinkt", "erreichte", "erreicht",
        "beträgt", "betrug", "liegt", "lag", "wuchs", "wächst", "fiel", "fällt", "laut",
    }),
    conjunctions=frozenset({"und", "aber"}),
    name_openers=frozenset({
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "in", "im", "am", "an", "auf", "für", "mit",
        "von", "nach", "laut", "bei", "seit", "während", "und", "aber", "montag", "dienstag", "mittwoch",
        "donnerstag", "freitag", "samstag", "sonntag", "er", "sie", "es", "wir", "ich",
    }),
    institutions=frozenset({
        "rat", "gericht", "ministerium", "minister", "ministerin", "bank", "union", "versammlung",
        "kommission", "parlament", "ausschuss", "agentur", "amt", "institut", "bundestag", "bundesrat",
        "republik", "präsident", "präsidentin", "königreich", "staaten", "vereinte", "fonds", "organisation",
        "vertrag", "europa", "afrika", "asien", "amerika",
    }),
)

FIGURES = FigureStyle(
    words={
        "approx": "etwa ", "more_than": "mehr als ", "less_than": "weniger als ", "at_least": "mindestens ",
        "at_most": "bis zu ", "pp": "Prozentpunkt", "pps": "Prozentpunkte",
    },
    untranslated="nicht übersetzt",
)
# fmt: on

PROFILE = LanguageProfile(
    code="de",
    # As a language without a profile does (and "de" did before it had one): a German brief
    # quotes French names and English abbreviations, and its source may be French.
    reads_also=("en", "fr"),
    numbers=NUMBERS,
    vocabulary=VOCABULARY,
    figures=FIGURES,
    quote_pairs=(("«", "»"), ("„", "“"), ("(", ")"), ("[", "]")),
    typography=Typography(quotes="„“‚‘"),
    capitalises_nouns=True,
    default_locale="de_DE",
)
