"""Symbols and names the fact extractor reads in every language: currency signs and codes,
abbreviated scales, period letters and stock index names.

Data only, no logic. Words of a language (number words, months, units, qualifiers)
live in its profile (:mod:`briefgen.languages`); numbers themselves (decimal and
group symbols) come from Babel's locale data.
"""

from __future__ import annotations

# fmt: off
# The tables stay compact; one entry a line would make this module three times longer.

__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "INDEX_WORDS",
    "PERIOD_LETTERS",
    "SCALE_ABBREVIATIONS",
]

#: Abbreviated scales written against the number or before a currency ("£3m", "1,2 Md€").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 1000, "m": 10**6, "mn": 10**6, "mio": 10**6, "md": 10**9, "mds": 10**9, "mrd": 10**9, "bn": 10**9,
    "b": 10**9, "tn": 10**12,
}

CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = {"EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD"}

#: Attached period letters: "T3 2024", "Q3 2024", "H1 2024", "S1 2024".
PERIOD_LETTERS: dict[str, int] = {"T": 20, "Q": 20, "H": 30, "S": 30}

#: Stock index names: "CAC 40", "S&P 500", "FTSE 100".
INDEX_WORDS = {
    "cac", "ftse", "dax", "sbf", "nikkei", "stoxx", "nasdaq", "russell", "msci", "ibex", "smi", "aex",
    "mib", "topix", "kospi", "euronext", "dow", "jones",
}
