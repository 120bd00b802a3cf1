"""Key figures: extraction, source/translation comparison, and the summary box data.

:func:`extract` reads a text as a stream of tokens (digit runs, letter runs,
whitespace runs, single other characters) made by one regular expression whose
alternatives are single character classes, so no input can make it backtrack;
the rules then look at most a few tokens before and after each number. Time is
therefore linear in the text's length (``benchmarks/bench_facts.py`` measures it).

Numbers are read with Babel's locale data: the decimal and group symbols come
from :func:`babel.numbers.get_decimal_symbol` / :func:`~babel.numbers.get_group_symbol`
and the value from :func:`babel.numbers.parse_decimal` (strict), after every
space-like group separator (space, U+00A0, U+202F) has been replaced by the
locale's own. Number words, units and qualifiers live in :mod:`briefgen.facts.words`.

A fact's ``value`` is the number stated, scaled (``1,2 milliard`` is 1.2e9; the
French *billion* is 1e12, the English 1e9), signed when a sign is written, and
for a ``date`` an integer ``YYYYMMDD`` with ``00`` for a missing part: 8 November
2025 is 20251108, November 2025 is 20251100, 2025 is 20250000, 8 November
(no year) is 1108. Months above 12 code periods: quarter *q* is month ``20 + q``
(Q3 2024 is 20242300) and half-year *h* is ``30 + h`` (H1 2024 is 20243100).
A fraction ("deux tiers", "une personne sur cinq") is a ``count`` whose unit is
``fraction`` and value the ratio. ``text`` is the figure itself; a qualifier
("plus de", "about") is not part of it but sets ``qualifier``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from ..model import Fact
from . import words as W

__all__ = ["KINDS", "extract", "reads_words_of", "to_json"]

KINDS = ("percent", "multiplier", "amount", "count", "date", "duration", "ordinal", "other")

_TOKEN = re.compile(r"(?P<d>[0-9]+)|(?P<w>[^\W\d_]+)|(?P<s>\s+)|(?P<p>.)", re.S)
_SPACES = {" ", "\xa0", "\u202f", "\u2009"}
_APOSTROPHES = {"'", "’"}
# Longer digit runs are codes or noise, never a figure (and Decimal work on them is wasted).
_MAX_DIGITS = 30
_Result = tuple[str, str | None, Decimal, int]  # kind, unit, value, end token
_RANGE_KINDS = {"percent", "amount", "duration", "count", "multiplier"}
_AT = {"à", "vers", "dès"}
_RANGE_GAP = re.compile(r"\s*(?:à|et|au|-|–|to|and)\s*")


@lru_cache(maxsize=64)
def _symbols(lang: str) -> tuple[str, str, str]:
    """Return (locale for Babel, decimal symbol, group symbol); unknown codes read as English."""
    try:
        locale = str(Locale.parse(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = "en"
    return locale, get_decimal_symbol(locale), get_group_symbol(locale)


@lru_cache(maxsize=4096)
def _parse(number: str, locale: str) -> Decimal | None:
    try:
        return parse_decimal(number, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


class _Scanner:
    """One pass over the tokens of a text; ``floor`` keeps look-behinds out of earlier facts."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.locale, self.dec, group = _symbols(lang)
        self.lang = self.locale.split("_")[0]
        self.group = group
        self.groups = ({group} | _SPACES) if group.isspace() else {group}
        self.numbers = W.NUMBER_WORDS.get(self.lang, {})
        self.scales = W.SCALES.get(self.lang, {})
        self.k: list[str] = []
        self.t: list[str] = []
        self.s: list[int] = []
        self.e: list[int] = []
        for m in _TOKEN.finditer(text):
            self.k.append(m.lastgroup or "p")
            self.t.append(m.group())
            self.s.append(m.start())
            self.e.append(m.end())
        self.n = len(self.k)
        for _ in range(8):  # sentinels: look-aheads never run off the end
            self.k.append("$")
            self.t.append("")
            self.s.append(len(text))
            self.e.append(len(text))
        self.low = [t.lower() if k == "w" else t for k, t in zip(self.k, self.t, strict=True)]
        self.floor = 0
        self.scale: dict[int, Decimal] = {}  # fact start -> scale word factor, for ranges
        self.last_scale = Decimal(1)

    # -- token helpers -------------------------------------------------
    def nx(self, j: int) -> int:
        """Skip one run of inline whitespace (not a blank line)."""
        return j + 1 if self.k[j] == "s" and self.t[j].count("\n") < 2 else j

    def pv(self, j: int) -> int:
        """Index of the token before ``j`` past one whitespace run, or -1 below the floor."""
        p = j - 1
        if p >= self.floor and self.k[p] == "s" and self.t[p].count("\n") < 2:
            p -= 1
        return p if p >= self.floor else -1

    def glued(self, a: int, b: int) -> bool:
        return self.e[a] == self.s[b]

    def word(self, j: int) -> str:
        return self.low[j] if j >= 0 and self.k[j] == "w" else ""

    # -- scanning ------------------------------------------------------
    def run(self) -> list[Fact]:
        facts: list[Fact] = []
        i = 0
        while i < self.n:
            kind = self.k[i]
            found: tuple[Fact | None, int] | None = None
            self.last_scale = Decimal(1)
            if kind == "d":
                found = self.at_digits(i)
            elif kind == "w":
                found = self.url(
                    i, self.low[i] in ("http", "https") and self.t[i + 1] == ":"
                ) or self.at_word(i)
            elif self.t[i] == "]" and self.t[i + 1] == "(":
                found = self.url(i, True)
            if found is None:
                i += 1
                continue
            fact, i = found
            self.floor = i
            if fact is not None:
                if facts and facts[-1].kind == "other" and fact.kind in _RANGE_KINDS:
                    facts[-1] = self.range_start(facts[-1], fact)
                facts.append(fact)
        return facts

    def range_start(self, low: Fact, high: Fact) -> Fact:
        """ "de 3,5 à 6 milliards d'euros", "entre 20 et 30 %": the first number takes the unit
        and scale of the second."""
        if not _RANGE_GAP.fullmatch(self.text[low.end : high.start]):
            return low
        base = float(self.scale.get(high.start, 1))
        return Fact(low.text, low.value * base, high.kind, high.unit, low.qualifier, low.start, low.end)

    def url(self, i: int, starts: bool) -> tuple[None, int] | None:
        """Skip a URL or a Markdown link target: their digits are not figures."""
        if not starts and not (self.low[i] == "www" and self.t[i + 1] == "."):
            return None
        j = i + 1
        while j < self.n and self.k[j] != "s" and not (self.t[j] == ")" and self.t[i] == "]"):
            j += 1
        return None, j

    def make(self, first: int, end: int, kind: str, unit: str | None, value: Decimal) -> Fact:
        start, stop = self.s[first], self.e[end - 1]
        self.scale[start] = self.last_scale
        return Fact(self.text[start:stop], float(value), kind, unit, self.qualifier(first), start, stop)

    def qualifier(self, first: int) -> str | None:
        words: list[str] = []
        j = first - 1
        while j >= self.floor and len(words) < 3:
            if self.k[j] == "w":
                words.insert(0, self.low[j])
            elif not (self.k[j] == "s" and "\n" not in self.t[j]) and self.t[j] not in ("'", "’", "-"):
                break
            j -= 1
        for size in (3, 2, 1):
            if len(words) >= size and tuple(words[-size:]) in W.QUALIFIERS:
                return W.QUALIFIERS[tuple(words[-size:])]
        return None

    def skip_chain(self, j: int) -> tuple[None, int]:
        """Consume a malformed or identifier-like run ("1,2,3", "A320-200", "2019/1937")."""
        while self.k[j] in "dw" or (self.t[j] in ".,/:-" and self.k[j + 1] == "d" and self.glued(j, j + 1)):
            j += 1
        return None, j

    def number(self, i: int) -> tuple[Decimal | None, int]:
        """Read digits, groups and decimals at ``i`` with the locale's symbols."""
        raw = self.t[i]
        if len(raw) > _MAX_DIGITS or (raw.startswith("0") and len(raw) > 1 and self.t[i + 1] != self.dec):
            return self.skip_chain(i + 1)
        parts, j = [raw], i + 1
        if len(raw) <= 3:
            while self.t[j] in self.groups and self.k[j + 1] == "d" and len(self.t[j + 1]) == 3:
                parts += [self.group, self.t[j + 1]]
                j += 2
        if self.t[j] == self.dec and self.k[j + 1] == "d" and self.glued(j, j + 1):
            parts += [self.dec, self.t[j + 1]]
            j += 2
        if self.t[j] in ".," and self.k[j + 1] == "d" and self.glued(j, j + 1):
            return self.skip_chain(j)  # a third part ("1,2,3") or a foreign decimal mark
        return _parse("".join(parts), self.locale), j

    def at_digits(self, i: int) -> tuple[Fact | None, int] | None:
        k, t = self.k, self.t
        first, sign, currency, mult = i, 0, None, False
        p = i - 1 if i - 1 >= self.floor else -1
        if p >= 0 and self.glued(p, i) and k[p] == "w":
            if t[p] in ("x", "X"):
                first, mult = p, True
            elif t[p] in W.PERIOD_LETTERS and len(t[i]) == 1:
                return self.period(p, W.PERIOD_LETTERS[t[p]] + int(t[i]), i + 1)
            elif t[p] in W.CURRENCY_CODES:
                first, currency = p, t[p]
            else:
                return self.skip_chain(i)
        elif p >= 0 and self.glued(p, i) and k[p] == "p":
            c = t[p]
            if c in "[^#":
                return self.skip_chain(i)
            if c in W.CURRENCY_SYMBOLS:
                first, currency = p, W.CURRENCY_SYMBOLS[c]
                if p - 1 >= self.floor and t[p - 1] == "US":
                    first = p - 1
            elif c == "×":
                first, mult = p, True
            elif c in "+-−":
                before = p - 1
                if c == "-" and before >= self.floor and k[before] == "w" and self.glued(before, p):
                    if self.low[before] not in W.YEAR_PREFIXES:
                        return self.skip_chain(i)  # "COVID-19"
                elif before < 0 or k[before] == "s" or t[before] in "(«“":
                    first, sign = p, -1 if c in "-−" else 1
        elif p >= 0 and k[p] == "s" and "\n" not in t[p] and p - 1 >= self.floor:
            q = p - 1
            if t[q] in W.CURRENCY_SYMBOLS:
                first, currency = q, W.CURRENCY_SYMBOLS[t[q]]
            elif t[q] in W.CURRENCY_CODES:
                first, currency = q, t[q]
            elif t[q] == "×":
                first, mult = q, True
            elif t[q] in "+−" and (q == 0 or k[q - 1] == "s"):
                first, sign = q, -1 if t[q] == "−" else 1
        if self.is_reference(first, i):
            return self.skip_chain(i)
        value, j = self.number(i)
        if value is None:
            return None, j
        plain = t[i] if j == i + 1 else None
        if plain is not None and len(plain) == 4 and self.iso_date(j):
            code = int(plain) * 10000 + int(t[j + 1]) * 100 + int(t[j + 3])
            return self.make(first, j + 4, "date", None, Decimal(code)), j + 4
        if currency is None and not mult and sign == 0 and plain is not None and len(plain) <= 4:
            month = self.month_before(i)
            if month is not None:
                return self.month_first(month, int(plain), j)
        if mult:
            return self.make(first, j, "multiplier", "x", value), j
        res = self.suffix(j, value, plain=plain, currency=currency)
        if res is None:
            return self.skip_chain(j)
        kind, unit, value, end = res
        if kind in ("other", "count") and self.after_index(first, kind):
            return None, end
        if kind in ("date", "ordinal"):
            first, sign = i, 0
        if sign < 0:
            value = -value
        return self.make(first, end, kind, unit, value), end

    def is_reference(self, first: int, i: int) -> bool:
        """True for "article 12", "n° 269", "p. 4", "[3]", "CAC 40", list numbers "1." at line start."""
        t, k = self.t, self.k
        # A tuple, not the string ".)": the end-of-text sentinel "" is in every string (a lone "12" was lost).
        if t[i + 1] in (".", ")") and self.k[i + 2] in "s$" and (first == 0 or "\n" in t[first - 1]):
            return first == i and (first == 0 or k[first - 1] == "s")
        q = self.pv(first)
        if q < 0:
            return False
        if t[q] in (".", "°", "º") and q - 1 >= self.floor and k[q - 1] == "w" and self.glued(q - 1, q):
            return self.low[q - 1] in {"p", "pp", "art", "no", "nos", "n", "vol", "fig", "nº"}
        if k[q] == "w":
            return self.low[q] in W.REF_WORDS and len(self.low[q]) > 2
        return False

    def iso_date(self, j: int) -> bool:
        """ "2025-11-08" after the year at ``j - 1``."""
        t, k = self.t, self.k
        if not (t[j] == "-" and t[j + 2] == "-" and k[j + 1] == "d" and k[j + 3] == "d"):
            return False
        if not (len(t[j + 1]) == 2 and len(t[j + 3]) == 2):
            return False
        return 1 <= int(t[j + 1]) <= 12 and 1 <= int(t[j + 3]) <= 31 and k[j + 4] not in "dw"

    def year_at(self, y: int) -> bool:
        """A year after a month or a period: any four digits from 1000 ("14 juillet 1789")."""
        return (
            self.k[y] == "d"
            and len(self.t[y]) == 4
            and 1000 <= int(self.t[y]) <= 2199
            and self.k[y + 1] != "d"
        )

    def after_index(self, first: int, kind: str) -> bool:
        """ "CAC 40", "S&P 500 companies", "SBF 120": a name, not a figure (a percentage after
        it, "CAC 1,5 %", stays a figure)."""
        q = self.pv(first)
        word = self.t[q] if q >= 0 and self.k[q] == "w" else ""
        if self.low[q] in W.INDEX_WORDS or (word == "P" and q > 0 and self.t[q - 1] == "&"):
            return True
        return kind == "other" and len(word) >= 2 and word.isupper() and word not in W.CURRENCY_CODES

    def month_before(self, i: int) -> int | None:
        q = self.pv(i)
        if q >= 1 and self.t[q] == "." and self.k[q - 1] == "w" and len(self.t[q - 1]) <= 4:
            q -= 1
        word = self.word(q)
        if word in W.MONTHS and (word != "may" or self.t[q] == "May"):
            return q
        return None

    def month_first(self, q: int, n: int, j: int) -> tuple[Fact | None, int]:
        """ "November 8, 2025", "novembre 2025", "Nov. 8"."""
        month = W.MONTHS[self.low[q]]
        if 1000 <= n <= 2199:
            return self.make(q, j, "date", None, Decimal(n * 10000 + month * 100)), j
        if not 1 <= n <= 31:
            return None, j
        end = j
        if self.k[end] == "w" and self.low[end] in ("st", "nd", "rd", "th") and self.glued(end - 1, end):
            end += 1
        year = 0
        y = self.nx(end + 1) if self.t[end] == "," else self.nx(end)
        if self.year_at(y):
            year, end = int(self.t[y]), y + 1
        return self.make(q, end, "date", None, Decimal(year * 10000 + month * 100 + n)), end

    def period(self, first: int, code: int, j: int) -> tuple[Fact | None, int]:
        """A quarter or half-year: "T3 2024", "troisième trimestre 2024", "first half of 2024"."""
        end, year = j, 0
        y = self.nx(j)
        if self.word(y) in ("de", "of") and self.word(self.nx(y + 1)) != "l":
            y = self.nx(y + 1)
        if self.year_at(y):
            year, end = int(self.t[y]), y + 1
        if code % 10 == 0 or code % 10 > (4 if code < 30 else 2):
            return None, end
        return self.make(first, end, "date", None, Decimal(year * 10000 + code * 100)), end

    def suffix(
        self,
        j: int,
        v: Decimal,
        *,
        plain: str | None,
        currency: str | None = None,
        words: bool = False,
        article: bool = False,
    ) -> _Result | None:
        """What follows a number: unit, scale, noun... ``None`` means "not a figure"."""
        k, t, low = self.k, self.t, self.low
        a = j
        if not words and k[a] == "w" and self.glued(a - 1, a):
            w = low[a]
            if w in W.ORDINAL_SUFFIXES and plain is not None and currency is None:
                return self.ordinal(j, int(plain), a + 1)
            if w == "x" and k[a + 1] != "d":
                return "multiplier", "x", v, a + 1
            if w == "s" and plain is not None and len(plain) == 4 and plain.endswith("0"):
                return "date", None, v * 10000, a + 1  # "the 1990s" = "les années 1990"
            if w in ("am", "pm"):
                return None  # time of day
            if w in W.SCALE_ABBREVIATIONS and (currency or t[self.nx(a + 1)] in W.CURRENCY_SYMBOLS):
                self.last_scale = Decimal(W.SCALE_ABBREVIATIONS[w])
                v, a = v * self.last_scale, a + 1
            else:
                return None
        if t[a] in ":/" and k[a + 1] == "d":
            return None  # time of day, ratio or reference ("14:30", "2019/1937")
        if t[a] == "-" and k[a + 1] == "w" and self.glued(a, a + 1):
            w = low[a + 1]
            if w == "fold":
                return "multiplier", "x", v, a + 2
            if w in W.DURATION_UNITS:
                unit, factor = W.DURATION_UNITS[w]
                return "duration", unit, v * factor, a + 2
            if w in W.FRACTION_NOUNS and words:
                return "count", "fraction", v / W.FRACTION_NOUNS[w], a + 2
        b = self.nx(a)
        w = low[b] if k[b] == "w" else ""
        if t[b] == "%":
            return None if article else ("percent", "%", v, b + 1)
        scaled = False
        if w in self.scales and not words:
            self.last_scale = Decimal(self.scales[w])
            v, a, scaled = v * self.last_scale, b + 1, True
            b = self.nx(a)
            w = low[b] if k[b] == "w" else ""
        elif w in W.SCALE_ABBREVIATIONS and t[b + 1] in W.CURRENCY_SYMBOLS and self.glued(b, b + 1):
            self.last_scale = Decimal(W.SCALE_ABBREVIATIONS[w])
            return "amount", W.CURRENCY_SYMBOLS[t[b + 1]], v * self.last_scale, b + 2
        if currency is not None:
            return "amount", currency, v, a
        if w in ("pour", "per") and low[self.nx(b + 1)] == "cent":
            return "percent", "%", v, self.nx(b + 1) + 1
        if w in ("percent", "pourcent", "pct"):
            return "percent", "%", v, b + 1
        if w in ("point", "points", "pp", "pt", "pts"):
            end = b + 1
            c = self.nx(end)
            if low[c] == "de" and low[self.nx(c + 1)] == "pourcentage":
                end = self.nx(c + 1) + 1
            return "percent", "pp", v, end
        if w == "percentage" and low[self.nx(b + 1)] in ("point", "points"):
            return "percent", "pp", v, self.nx(b + 1) + 1
        amount = self.currency_after(b, scaled or words)
        if amount is not None:
            return "amount", amount[0], v, amount[1]
        if w in ("fois", "times"):
            end, c = b + 1, self.nx(b + 1)
            if low[c] in ("plus", "more"):
                end = c + 1
            elif low[c] in ("moins", "less", "fewer"):
                v, end = Decimal(1) / v if v else v, c + 1
            return "multiplier", "x", v, end
        if w == "fold":
            return "multiplier", "x", v, b + 1
        if plain is not None and w in W.MONTHS and 1 <= int(plain) <= 31 and (w != "may" or t[b] == "May"):
            return self.day_month(int(plain), b)
        if w in W.DURATION_UNITS:
            if w.startswith("heure") and self.word(self.pv(j - 1)) in _AT:
                return None  # "à 18 heures" is a time of day ("at 6 p.m."), not a duration
            unit, factor = W.DURATION_UNITS[w]
            return "duration", unit, v * factor, b + 1
        if w in ("am", "pm") or (w in ("a", "p") and t[b + 1] == "."):
            return None  # "6 pm", "6 p.m."
        if w in W.FRACTION_NOUNS and (words or v < 10):
            return "count", "fraction", v / W.FRACTION_NOUNS[w], b + 1
        ratio = self.ratio(b, v)
        if ratio is not None:
            return ratio
        if article:
            return None
        if plain is not None and len(plain) == 4 and 1800 <= int(plain) <= 2100 and not scaled:
            return "date", None, Decimal(int(plain) * 10000), j
        if scaled and w in ("de", "d", "of"):
            b = self.nx(b + 2 if t[b + 1] in _APOSTROPHES else b + 1)
            w = low[b] if k[b] == "w" else ""
        if w and w not in W.STOPWORDS and w not in W.MONTHS and not t[b][0].isupper():
            return "count", w, v, b + 1
        return "other", None, v, a

    def currency_after(self, b: int, scaled: bool) -> tuple[str, int] | None:
        t, low = self.t, self.low
        if t[b] in W.CURRENCY_SYMBOLS:
            end = b + 1
            if t[self.nx(end)] == "US":
                end = self.nx(end) + 1
            return W.CURRENCY_SYMBOLS[t[b]], end
        if t[b] in W.CURRENCY_CODES:
            return t[b], b + 1
        if low[b] in ("de", "d", "of") and scaled:
            b = self.nx(b + 2 if t[b + 1] in _APOSTROPHES else b + 1)
        word = low[b] if self.k[b] == "w" else ""
        if word not in W.CURRENCY_WORDS:
            return None
        end = b + 1
        nxt = self.word(self.nx(end))
        if nxt in ("sterling", "américains", "us") or (word == "dollars" and self.t[self.nx(end)] == "US"):
            end = self.nx(end) + 1
        return W.CURRENCY_WORDS[word], end

    def day_month(self, day: int, b: int) -> _Result:
        month = W.MONTHS[self.low[b]]
        end, year = b + 1, 0
        if self.t[end] == "." and len(self.low[b]) <= 4:
            end += 1
        y = self.nx(end)
        if self.year_at(y):
            year, end = int(self.t[y]), y + 1
        return "date", None, Decimal(year * 10000 + month * 100 + day), end

    def ordinal(self, j: int, n: int, a: int) -> _Result | None:
        b = self.nx(a)
        if self.word(b) == "of":  # "the 8th of November"
            b = self.nx(b + 1)
        w = self.word(b)
        if w in W.MONTHS and 1 <= n <= 31:
            return self.day_month(n, b)
        if w in W.PERIOD_WORDS:
            fact, end = self.period(j - 1, W.PERIOD_WORDS[w] + n, b + 1)
            return None if fact is None else ("date", None, Decimal(fact.value), end)
        return "ordinal", None, Decimal(n), a

    def ratio(self, b: int, v: Decimal) -> _Result | None:
        """ "une personne sur cinq", "one in five", "1 in 4", "three out of ten"."""
        for _ in range(3):
            w = self.word(b)
            if w in ("sur", "in", "out"):
                c = self.nx(b + 1)
                if w == "out":
                    if self.word(c) != "of":
                        return None
                    c = self.nx(c + 1)
                if self.k[c] == "d" and len(self.t[c]) <= 3 and self.k[c + 1] != "p":
                    den, end = Decimal(self.t[c]), c + 1
                elif self.word(c) in self.numbers and self.numbers[self.word(c)]:
                    den, end, _ = self.words(c)
                else:
                    return None
                return ("count", "fraction", v / den, end) if 0 < v < den else None
            if not w or w in W.STOPWORDS:
                return None
            b = self.nx(b + 1)
        return None

    def words(self, i: int) -> tuple[Decimal, int, bool]:
        """Read number words from ``i``: (value, end, whether it is only an article)."""
        total, cur, prev, j, count = 0, 0, "", i, 0
        article = False
        while True:
            w = self.low[j]
            value = self.numbers.get(w, 0) if w in self.numbers else self.scales.get(w)
            if count == 1 and article and (value is None or value < 100) and w not in ("douzaine", "dozen"):
                break  # "a five-year plan": an article only counts before hundred, thousand, million...
            if value is None and w in self.numbers:
                if count and w in ("a", "an"):
                    break
                article, value = not count, 1  # "un milliard" / "vingt et un", "twenty-one"
            elif value is None or (w == "both" and count):
                break
            if value >= 1000:
                total, cur = total + (cur or 1) * value, 0
            elif value == 100:
                cur = (cur or 1) * 100
            elif w.startswith("vingt") and prev == "quatre":
                cur += 76  # quatre-vingt(s): 4 * 20
            else:
                cur = value if (article and count == 1) else cur + value
            prev, count, j = w, count + 1, j + 1
            if w == "both":
                break
            nxt = (
                self.nx(j)
                if self.k[j] == "s"
                else (j + 1 if self.t[j] == "-" and self.glued(j - 1, j) else j)
            )
            if (
                self.low[nxt] in W.NUMBER_JOINERS.get(self.lang, ())
                and self.low[self.nx(nxt + 1)] in self.numbers
            ):
                nxt = self.nx(nxt + 1)
            w2 = self.low[nxt]
            if nxt == j or not (w2 in self.numbers or w2 in self.scales) or w2 in ("a", "an", "both"):
                break
            j = nxt
        return Decimal(total + cur), j, article and count == 1

    def at_word(self, i: int) -> tuple[Fact | None, int] | None:
        w = self.low[i]
        if w in self.numbers or w in self.scales:
            if w in self.scales and w not in self.numbers:
                return None
            value, j, article = self.words(i)
            res = self.suffix(j, value, plain=None, words=True, article=article)
            if res is None:
                return None
            kind, unit, value, end = res
            back = self.pv(i)
            if self.word(back) in ("par", "by") and self.word(self.pv(back))[:5] in (
                "multi",
                "divis",
                "divid",
            ):
                divide = self.word(self.pv(back)).startswith("divi")
                value = Decimal(1) / value if divide and value else value
                return self.make(i, j, "multiplier", "x", value), j
            return self.make(i, end, kind, unit, value), end
        roman = _ROMAN_ORDINAL.fullmatch(self.t[i]) if self.lang == "fr" else None
        # "XXIe siècle", "Ve République", "Napoléon Ier"; but "Le" and "Ce" are words.
        if roman and (len(roman.group(1)) > 1 or self.t[i] in ("Ve", "Xe", "Ier")):
            number = sum(_roman_values(roman.group(1)))
            return self.make(i, i + 1, "ordinal", None, Decimal(number)), i + 1
        if w in W.ORDINAL_WORDS:
            b = self.nx(i + 1)
            if self.word(b) in W.PERIOD_WORDS:
                return self.period(i, W.PERIOD_WORDS[self.word(b)] + W.ORDINAL_WORDS[w], b + 1)
            if w in W.AMBIGUOUS_ORDINALS:
                return None
            return self.make(i, i + 1, "ordinal", None, Decimal(W.ORDINAL_WORDS[w])), i + 1
        if w in W.HALF_WORDS:
            return self.make(i, i + 1, "count", "fraction", Decimal("0.5")), i + 1
        match = W.MULTIPLIER_VERBS.fullmatch(w) or W.MULTIPLIER_SOFT.fullmatch(w)
        if match:
            stem = next((g for g in match.groups() if g), match.group(0))
            value = Decimal(str(W.MULTIPLIER_STEMS.get(stem, W.MULTIPLIER_STEMS.get(w, 0))))
            if value:
                return self.make(i, i + 1, "multiplier", "x", value), i + 1
        return None


_ROMAN_ORDINAL = re.compile(r"([IVXLC]{1,8})(?:e|er|ème|ᵉ)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_values(numeral: str) -> Iterable[int]:
    """Signed digit values of a Roman numeral: XIV -> 10, -1, 5."""
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = numeral[index + 1 : index + 2]
        yield -value if following and _ROMAN[following] > value else value


def reads_words_of(lang: str) -> bool:
    """Whether figures written in words ("triplé", "deux fois") are read in ``lang`` (fr, en).

    In other languages only figures written with digits are found, so a word figure
    of the source would look lost in the translation.
    """
    return lang.replace("-", "_").split("_")[0].lower() in W.NUMBER_WORDS


def extract(text: str, lang: str) -> list[Fact]:
    """Return the key figures of ``text`` (written in ``lang``) in order of appearance."""
    if not text or not any(c.isdigit() or c.isalpha() for c in text):
        return []
    return _Scanner(text, lang).run()


def to_json(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """Facts as JSON-ready dicts (``briefgen facts --format json``)."""
    keys = ("text", "value", "kind", "unit", "qualifier", "start", "end")
    return [{key: getattr(fact, key) for key in keys} for fact in facts]
