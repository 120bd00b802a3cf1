"""The token stream the fact extractor reads, and the helpers every rule uses.

One regular expression whose alternatives are single character classes cuts the
text into digit runs, letter runs, whitespace runs and single other characters, so
no input can make it backtrack. Numbers are read with Babel's locale data: the
decimal and group symbols of the locale and :func:`babel.numbers.parse_decimal`
(strict), after every space-like group separator (space, U+00A0, U+202F) has been
replaced by the locale's own.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

from ..model import Fact
from .lexicon import lexicon, symbols

__all__ = ["Result", "Tokens"]

_TOKEN = re.compile(r"(?P<d>[0-9]+)|(?P<w>[^\W\d_]+)|(?P<s>\s+)|(?P<p>.)", re.S)
_SPACES = {" ", "\xa0", "\u202f", "\u2009"}
# Longer digit runs are codes or noise, never a figure (and Decimal work on them is wasted).
_MAX_DIGITS = 30
Result = tuple[str, str | None, Decimal, int]  # kind, unit, value, end token


@lru_cache(maxsize=4096)
def _parse(number: str, locale: str) -> Decimal | None:
    try:
        return parse_decimal(number, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


class Tokens:
    """The tokens of a text; ``floor`` keeps look-behinds out of earlier facts."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.locale, self.dec, group = symbols(lang)
        self.lex = lexicon(self.locale)
        self.w = self.lex.words
        self.numbers = self.lex.numbers
        self.scales = self.lex.scales
        # Read for every word of the text: kept at hand (measured: 6 % of extract's time).
        self.roman = self.lex.profile.numbers.roman_ordinals
        self.ordinals = self.w.ordinals
        self.ordinal_dot = self.lex.profile.numbers.ordinal_dot
        self.any_multiplier = self.lex.any_multiplier.fullmatch
        self.group = group
        self.groups = ({group} | _SPACES) if group.isspace() else {group}
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
        qualifiers = self.w.qualifiers
        for size in (3, 2, 1):
            if len(words) >= size and tuple(words[-size:]) in qualifiers:
                return qualifiers[tuple(words[-size:])]
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
