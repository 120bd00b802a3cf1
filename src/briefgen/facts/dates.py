"""Dates, periods, ordinals and number words: the rules the extractor shares between
figures written with digits and figures written in words."""

from __future__ import annotations

from decimal import Decimal

from ..model import Fact
from .tokens import Result, Tokens

__all__ = ["Dates"]


class Dates(Tokens):
    def is_month(self, j: int) -> bool:
        word = self.word(j)
        return word in self.w.months and (
            word not in self.w.capitalised_months or self.t[j] == word.capitalize()
        )

    def day_month(self, day: int, b: int) -> Result:
        month = self.w.months[self.low[b]]
        end, year = b + 1, 0
        if self.t[end] == "." and len(self.low[b]) <= 4:
            end += 1
        y = self.nx(end)
        if self.year_at(y):
            year, end = int(self.t[y]), y + 1
        return "date", None, Decimal(year * 10000 + month * 100 + day), end

    def ordinal(self, j: int, n: int, a: int) -> Result | None:
        b = self.nx(a)
        if self.word(b) in self.w.day_of:  # "the 8th of November"
            b = self.nx(b + 1)
        w = self.word(b)
        if w in self.w.months and 1 <= n <= 31:
            return self.day_month(n, b)
        if w in self.w.periods:
            fact, end = self.period(j - 1, self.w.periods[w] + n, b + 1)
            return None if fact is None else ("date", None, Decimal(fact.value), end)
        return "ordinal", None, Decimal(n), a

    def dotted_ordinal(self, a: int, plain: str | None) -> Result | None:
        """ "8. November 2025", "3. Quartal 2024": a day or a period written as an ordinal with a dot."""
        if not (plain and len(plain) <= 2):
            return None
        if not (self.t[a] == "." and self.k[a + 1] == "s" and self.glued(a - 1, a)):
            return None
        b = self.nx(a + 1)
        if self.word(b) in self.w.months and 1 <= int(plain) <= 31:
            return self.day_month(int(plain), b)
        if self.word(b) in self.w.periods:
            fact, end = self.period(a - 1, self.w.periods[self.word(b)] + int(plain), b + 1)
            return None if fact is None else ("date", None, Decimal(fact.value), end)
        return None

    def month_before(self, i: int) -> int | None:
        q = self.pv(i)
        if q >= 1 and self.t[q] == "." and self.k[q - 1] == "w" and len(self.t[q - 1]) <= 4:
            q -= 1
        return q if self.is_month(q) else None

    def month_first(self, q: int, n: int, j: int) -> tuple[Fact | None, int]:
        """ "November 8, 2025", "novembre 2025", "Nov. 8"."""
        month = self.w.months[self.low[q]]
        if 1000 <= n <= 2199:
            return self.make(q, j, "date", None, Decimal(n * 10000 + month * 100)), j
        if not 1 <= n <= 31:
            return None, j
        end = j
        if self.k[end] == "w" and self.low[end] in self.w.day_suffixes and self.glued(end - 1, end):
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
        # "trimestre de 2024", but not "trimestre de l’année".
        if self.word(y) in self.w.period_of and self.word(self.nx(y + 1)) not in self.w.elisions:
            y = self.nx(y + 1)
        if self.year_at(y):
            year, end = int(self.t[y]), y + 1
        if code % 10 == 0 or code % 10 > (4 if code < 30 else 2):
            return None, end
        return self.make(first, end, "date", None, Decimal(year * 10000 + code * 100)), end

    def words(self, i: int) -> tuple[Decimal, int, bool]:
        """Read number words from ``i``: (value, end, whether it is only an article)."""
        grammar = self.lex.profile.numbers
        total, cur, prev, j, count = 0, 0, "", i, 0
        article = False
        while True:
            w = self.low[j]
            value = self.numbers.get(w, 0) if w in self.numbers else self.scales.get(w)
            if count == 1 and article and (value is None or value < 100) and w not in grammar.article_nouns:
                break  # "a five-year plan": an article only counts before hundred, thousand, million...
            if value is None and w in self.numbers:
                if count and w in grammar.lone_articles:
                    break
                article, value = not count, 1  # "un milliard" / "vingt et un", "twenty-one"
            elif value is None or (w in grammar.standalone and count):
                break
            if value >= 1000:
                total, cur = total + (cur or 1) * value, 0
            elif value == 100:
                cur = (cur or 1) * 100
            elif w in grammar.compounds and prev == grammar.compounds[w][0]:
                cur += grammar.compounds[w][1]  # quatre-vingt(s): 4 * 20
            else:
                cur = value if (article and count == 1) else cur + value
            prev, count, j = w, count + 1, j + 1
            if w in grammar.standalone:
                break
            nxt = self.next_number_word(j)
            if nxt is None:
                break
            j = nxt
        return Decimal(total + cur), j, article and count == 1

    def next_number_word(self, j: int) -> int | None:
        """Where the number words go on after ``j`` (past a space, hyphen or joiner), or None."""
        grammar = self.lex.profile.numbers
        nxt = self.nx(j) if self.k[j] == "s" else (j + 1 if self.t[j] == "-" and self.glued(j - 1, j) else j)
        if self.low[nxt] in grammar.joiners and self.low[self.nx(nxt + 1)] in self.numbers:
            nxt = self.nx(nxt + 1)
        w2 = self.low[nxt]
        if nxt == j or not (w2 in self.numbers or w2 in self.scales):
            return None
        if w2 in grammar.lone_articles or w2 in grammar.standalone:
            return None
        return nxt
