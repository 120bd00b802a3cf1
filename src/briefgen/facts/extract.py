"""Key figures: extraction, source/translation comparison, and the summary box data.

:func:`extract` reads a text as a stream of tokens (see :mod:`.tokens`) made by one
regular expression whose alternatives are single character classes, so no input can
make it backtrack; the rules then look at most a few tokens before and after each
number. Time is therefore linear in the text's length (``benchmarks/bench_facts.py``
measures it). Number words, units and qualifiers come from the language profiles
(:mod:`briefgen.languages`, merged by :mod:`.lexicon`); digits and the decimal and
group symbols from Babel's locale data.

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
from decimal import Decimal
from typing import Any

from .. import languages
from ..model import Fact
from . import words as W
from .dates import Dates
from .tokens import Result

__all__ = ["KINDS", "extract", "reads_words_of", "to_json"]

KINDS = ("percent", "multiplier", "amount", "count", "date", "duration", "ordinal", "other")

_APOSTROPHES = {"'", "’"}
_RANGE_KINDS = {"percent", "amount", "duration", "count", "multiplier"}
_Found = tuple[Fact | None, int]


class _Scanner(Dates):
    """One pass over the tokens of a text."""

    def run(self) -> list[Fact]:
        facts: list[Fact] = []
        i = 0
        while i < self.n:
            kind = self.k[i]
            found: _Found | None = None
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
        if not self.lex.range_gap.fullmatch(self.text[low.end : high.start]):
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

    # -- figures written with digits -------------------------------------------------
    def prefix(self, i: int) -> tuple[int, int, str | None, bool] | _Found:
        """What is written before the digits at ``i``: (first token, sign, currency, multiplier),
        or what to do instead when the digits are no figure ("COVID-19", "T3 2024")."""
        k, t = self.k, self.t
        p = i - 1 if i - 1 >= self.floor else -1
        if p >= 0 and self.glued(p, i) and k[p] == "w":
            if t[p] in ("x", "X"):
                return p, 0, None, True
            if t[p] in W.PERIOD_LETTERS and len(t[i]) == 1:
                return self.period(p, W.PERIOD_LETTERS[t[p]] + int(t[i]), i + 1)
            if t[p] in W.CURRENCY_CODES:
                return p, 0, t[p], False
            return self.skip_chain(i)
        if p >= 0 and self.glued(p, i) and k[p] == "p":
            return self.glued_sign(p, i)
        if p >= 0 and k[p] == "s" and "\n" not in t[p] and p - 1 >= self.floor:
            q = p - 1
            if t[q] in W.CURRENCY_SYMBOLS:
                return q, 0, W.CURRENCY_SYMBOLS[t[q]], False
            if t[q] in W.CURRENCY_CODES:
                return q, 0, t[q], False
            if t[q] == "×":
                return q, 0, None, True
            if t[q] in "+−" and (q == 0 or k[q - 1] == "s"):
                return q, -1 if t[q] == "−" else 1, None, False
        return i, 0, None, False

    def glued_sign(self, p: int, i: int) -> tuple[int, int, str | None, bool] | _Found:
        """A symbol right before the digits: "€3", "×3", "+0,4", "-1,2", "[3]"."""
        c, k = self.t[p], self.k
        if c in "[^#":
            return self.skip_chain(i)
        if c in W.CURRENCY_SYMBOLS:
            first = p - 1 if p - 1 >= self.floor and self.t[p - 1] == "US" else p
            return first, 0, W.CURRENCY_SYMBOLS[c], False
        if c == "×":
            return p, 0, None, True
        if c in "+-−":
            before = p - 1
            if c == "-" and before >= self.floor and k[before] == "w" and self.glued(before, p):
                if self.low[before] not in self.w.year_prefixes:
                    return self.skip_chain(i)  # "COVID-19"
            elif before < 0 or k[before] == "s" or self.t[before] in "(«“":
                return p, -1 if c in "-−" else 1, None, False
        return i, 0, None, False

    def at_digits(self, i: int) -> _Found | None:
        before = self.prefix(i)
        if len(before) == 2:
            return before
        first, sign, currency, mult = before
        if self.is_reference(first, i):
            return self.skip_chain(i)
        value, j = self.number(i)
        if value is None:
            return None, j
        t = self.t
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
            return self.low[q - 1] in self.w.ref_abbreviations
        if k[q] == "w":
            return self.low[q] in self.w.ref_words and len(self.low[q]) > 2
        return False

    def after_index(self, first: int, kind: str) -> bool:
        """ "CAC 40", "S&P 500 companies", "SBF 120": a name, not a figure (a percentage after
        it, "CAC 1,5 %", stays a figure)."""
        q = self.pv(first)
        word = self.t[q] if q >= 0 and self.k[q] == "w" else ""
        if self.low[q] in W.INDEX_WORDS or (word == "P" and q > 0 and self.t[q - 1] == "&"):
            return True
        return kind == "other" and len(word) >= 2 and word.isupper() and word not in W.CURRENCY_CODES

    # -- what follows a number --------------------------------------------------------
    def suffix(
        self,
        j: int,
        v: Decimal,
        *,
        plain: str | None,
        currency: str | None = None,
        words: bool = False,
        article: bool = False,
    ) -> Result | None:
        """What follows a number: unit, scale, noun... ``None`` means "not a figure"."""
        a = j
        if not words and self.k[a] == "w" and self.glued(a - 1, a):
            res = self.attached(j, v, plain, currency)
            if res is None or isinstance(res, tuple):
                return res
            v, a = res, a + 1
        dotted = self.dotted_ordinal(a, plain) if self.ordinal_dot and not words else None
        if dotted is not None:
            return dotted
        if self.t[a] in ":/" and self.k[a + 1] == "d":
            return None  # time of day, ratio or reference ("14:30", "2019/1937")
        if self.t[a] == "-" and self.k[a + 1] == "w" and self.glued(a, a + 1):
            hyphened = self.hyphened(a + 1, v, words)
            if hyphened is not None:
                return hyphened
        b = self.nx(a)
        if self.t[b] == "%":
            return None if article else ("percent", "%", v, b + 1)
        scaled = False
        w = self.word(b)
        if w in self.scales and not words:
            self.last_scale = Decimal(self.scales[w])
            v, a, scaled = v * self.last_scale, b + 1, True
            if self.t[a] == "." and w in self.lex.profile.numbers.dotted_scales and self.glued(b, a):
                a += 1  # "1,5 Mrd. Euro"
            b = self.nx(a)
        elif w in W.SCALE_ABBREVIATIONS and self.t[b + 1] in W.CURRENCY_SYMBOLS and self.glued(b, b + 1):
            self.last_scale = Decimal(W.SCALE_ABBREVIATIONS[w])
            return "amount", W.CURRENCY_SYMBOLS[self.t[b + 1]], v * self.last_scale, b + 2
        if currency is not None:
            return "amount", currency, v, a
        found = self.percent_after(b, v)
        if found is not None:
            return found
        amount = self.currency_after(b, scaled or words)
        if amount is not None:
            return "amount", amount[0], v, amount[1]
        return self.noun_after(j, a, b, v, plain=plain, words=words, article=article, scaled=scaled)

    def attached(
        self, j: int, v: Decimal, plain: str | None, currency: str | None
    ) -> Result | Decimal | None:
        """Letters written against the number: "5e", "x3", "1990s", "£3m" (the scaled value)."""
        w = self.low[j]
        if w in self.w.ordinal_suffixes and plain is not None and currency is None:
            return self.ordinal(j, int(plain), j + 1)
        if w == "x" and self.k[j + 1] != "d":
            return "multiplier", "x", v, j + 1
        if w in self.w.decade_suffixes and plain is not None and len(plain) == 4 and plain.endswith("0"):
            return "date", None, v * 10000, j + 1  # "the 1990s" = "les années 1990"
        if w in self.w.clock_words:
            return None  # time of day
        if w in W.SCALE_ABBREVIATIONS and (currency or self.t[self.nx(j + 1)] in W.CURRENCY_SYMBOLS):
            self.last_scale = Decimal(W.SCALE_ABBREVIATIONS[w])
            return v * self.last_scale
        return None

    def hyphened(self, c: int, v: Decimal, words: bool) -> Result | None:
        """ "3-fold", "five-year", "two-thirds"."""
        w = self.low[c]
        if w in self.w.fold_words:
            return "multiplier", "x", v, c + 1
        if w in self.w.durations:
            unit, factor = self.w.durations[w]
            return "duration", unit, v * factor, c + 1
        if w in self.w.fractions and words:
            return "count", "fraction", v / self.w.fractions[w], c + 1
        return None

    def percent_after(self, b: int, v: Decimal) -> Result | None:
        """ "20 pour cent", "3 percent", "0,3 point de pourcentage", "0.2 percentage points"."""
        w, low = self.word(b), self.low
        after = self.nx(b + 1)
        if (w, low[after]) in self.w.percent_phrases:
            return "percent", "%", v, after + 1
        if w in self.w.percent_words:
            return "percent", "%", v, b + 1
        if w in self.w.point_words:
            end = b + 1
            c = self.nx(end)
            if (low[c], low[self.nx(c + 1)]) in self.w.point_tails:
                end = self.nx(c + 1) + 1
            return "percent", "pp", v, end
        if (w, low[after]) in self.w.point_heads:
            return "percent", "pp", v, after + 1
        return None

    def noun_after(
        self,
        j: int,
        a: int,
        b: int,
        v: Decimal,
        *,
        plain: str | None,
        words: bool,
        article: bool,
        scaled: bool,
    ) -> Result | None:
        """A multiplier, date, duration, fraction or count by the word at ``b``, else "other"."""
        t, w, lex = self.t, self.word(b), self.w
        if w in lex.times_words:
            end, c = b + 1, self.nx(b + 1)
            if self.low[c] in lex.more_words:
                end = c + 1
            elif self.low[c] in lex.less_words:
                v, end = Decimal(1) / v if v else v, c + 1
            return "multiplier", "x", v, end
        if w in lex.fold_words:
            return "multiplier", "x", v, b + 1
        if plain is not None and 1 <= int(plain) <= 31 and self.is_month(b):
            return self.day_month(int(plain), b)
        if w in lex.durations:
            unit, factor = lex.durations[w]
            if unit == "hour" and self.word(self.pv(j - 1)) in lex.clock_prepositions:
                return None  # "à 18 heures" is a time of day ("at 6 p.m."), not a duration
            return "duration", unit, v * factor, b + 1
        if w in lex.clock_words or (t[b + 1] == "." and any(c[0] == w for c in lex.clock_words)):
            return None  # "6 pm", "6 p.m."
        if w in lex.fractions and (words or v < 10):
            return "count", "fraction", v / lex.fractions[w], b + 1
        ratio = self.ratio(b, v)
        if ratio is not None:
            return ratio
        if article:
            return None
        if plain is not None and len(plain) == 4 and 1800 <= int(plain) <= 2100 and not scaled:
            return "date", None, Decimal(int(plain) * 10000), j
        if scaled and w in lex.of_words:
            b = self.nx(b + 2 if t[b + 1] in _APOSTROPHES else b + 1)
            w = self.word(b)
        if w and w not in lex.stopwords and w not in lex.months and not t[b][0].isupper():
            return "count", w, v, b + 1
        return "other", None, v, a

    def currency_after(self, b: int, scaled: bool) -> tuple[str, int] | None:
        t = self.t
        if t[b] in W.CURRENCY_SYMBOLS:
            end = b + 1
            if t[self.nx(end)] == "US":
                end = self.nx(end) + 1
            return W.CURRENCY_SYMBOLS[t[b]], end
        if t[b] in W.CURRENCY_CODES:
            return t[b], b + 1
        if self.low[b] in self.w.of_words and scaled:
            b = self.nx(b + 2 if t[b + 1] in _APOSTROPHES else b + 1)
        word = self.word(b)
        if word not in self.w.currency_words:
            return None
        end = b + 1
        if self.word(self.nx(end)) in self.w.currency_tails:  # "livres sterling", "dollars US"
            end = self.nx(end) + 1
        return self.w.currency_words[word], end

    def ratio(self, b: int, v: Decimal) -> Result | None:
        """ "une personne sur cinq", "one in five", "1 in 4", "three out of ten"."""
        for _ in range(3):
            w = self.word(b)
            phrase = self.lex.ratio_heads.get(w)
            if phrase is not None:
                c = self.nx(b + 1)
                for part in phrase[1:]:
                    if self.word(c) != part:
                        return None
                    c = self.nx(c + 1)
                if self.k[c] == "d" and len(self.t[c]) <= 3 and self.k[c + 1] != "p":
                    den, end = Decimal(self.t[c]), c + 1
                elif self.word(c) in self.numbers and self.numbers[self.word(c)]:
                    den, end, _ = self.words(c)
                else:
                    return None
                return ("count", "fraction", v / den, end) if 0 < v < den else None
            if not w or w in self.w.stopwords:
                return None
            b = self.nx(b + 1)
        return None

    # -- figures written in words ---------------------------------------------------
    def at_word(self, i: int) -> _Found | None:
        w = self.low[i]
        if w in self.numbers or w in self.scales:
            return self.number_words(i) if w in self.numbers else None
        roman = _ROMAN_ORDINAL.fullmatch(self.t[i]) if self.roman else None
        # "XXIe siècle", "Ve République", "Napoléon Ier"; but "Le" and "Ce" are words.
        if roman and (len(roman.group(1)) > 1 or self.t[i] in ("Ve", "Xe", "Ier")):
            number = sum(_roman_values(roman.group(1)))
            return self.make(i, i + 1, "ordinal", None, Decimal(number)), i + 1
        if w in self.ordinals:
            b = self.nx(i + 1)
            if self.word(b) in self.w.periods:
                return self.period(i, self.w.periods[self.word(b)] + self.ordinals[w], b + 1)
            if w in self.w.ambiguous_ordinals:
                return None
            return self.make(i, i + 1, "ordinal", None, Decimal(self.ordinals[w])), i + 1
        if w in self.w.half_words:
            return self.make(i, i + 1, "count", "fraction", Decimal("0.5")), i + 1
        value = self.lex.multiplier_value(w) if self.any_multiplier(w) else 0
        if value:
            return self.make(i, i + 1, "multiplier", "x", Decimal(str(value))), i + 1
        return None

    def number_words(self, i: int) -> _Found | None:
        """ "deux tiers", "trois fois", "multiplié par deux", "a third"."""
        value, j, article = self.words(i)
        res = self.suffix(j, value, plain=None, words=True, article=article)
        if res is None:
            return None
        kind, unit, value, end = res
        back = self.pv(i)
        verb = self.word(self.pv(back))[:5]
        if self.word(back) in self.w.by_words and verb in self.lex.multiply_or_divide:
            divide = verb in self.w.divide_prefixes
            value = Decimal(1) / value if divide and value else value
            return self.make(i, j, "multiplier", "x", value), j
        return self.make(i, end, kind, unit, value), end


_ROMAN_ORDINAL = re.compile(r"([IVXLC]{1,8})(?:e|er|ème|ᵉ)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_values(numeral: str) -> Iterable[int]:
    """Signed digit values of a Roman numeral: XIV -> 10, -1, 5."""
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = numeral[index + 1 : index + 2]
        yield -value if following and _ROMAN[following] > value else value


def reads_words_of(lang: str) -> bool:
    """Whether figures written in words ("triplé", "deux fois") are read in ``lang``.

    Only languages with a profile that has number words do; in others only figures
    written with digits are found, so a word figure of the source would look lost.
    """
    return bool(languages.profile(lang).numbers.words)


def extract(text: str, lang: str) -> list[Fact]:
    """Return the key figures of ``text`` (written in ``lang``) in order of appearance."""
    if not text or not any(c.isdigit() or c.isalpha() for c in text):
        return []
    return _Scanner(text, lang).run()


def to_json(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """Facts as JSON-ready dicts (``briefgen facts --format json``)."""
    keys = ("text", "value", "kind", "unit", "qualifier", "start", "end")
    return [
        {**{key: getattr(fact, key) for key in keys}, "date": fact.date.isoformat() if fact.date else None}
        for fact in facts
    ]
