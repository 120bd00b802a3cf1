"""GNU gettext's layout of one string: escaping and libunistring line breaking.

``msgcat`` wraps strings at 79 columns with libunistring 1.0's UAX #14 pair
table and ``ulc_width_linebreaks``; :func:`wrap_string` reproduces it so that
``msgcat`` leaves what briefgen writes unchanged (tested against msgcat on the
corpus and on generated strings).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

__all__ = ["PAGE_WIDTH", "wrap_string"]

PAGE_WIDTH = 79

# ---------------------------------------------------------------------------
# Line breaking: libunistring 1.0's u8_possible_linebreaks + u8_width_linebreaks
# ---------------------------------------------------------------------------

# Column order of libunistring's unilbrk_table (lbrktables.c).
_CLASSES = (
    "WJ",
    "GL",
    "B2",
    "BA",
    "BB",
    "HY",
    "CL",
    "CP",
    "EX",
    "IN",
    "NS",
    "OP",
    "QU",
    "IS",
    "NU",
    "PO",
    "PR",
    "SY",
    "AL",
    "H2",
    "H3",
    "ID",
    "JL",
    "JV",
    "JT",
    "HL",
    "RI",
    "ZWJ",
    "EB",
    "EM",
)
_CLS = {name: i for i, name in enumerate(_CLASSES)}
_BK, _SP, _ZW, _CM = 100, 101, 102, 103
_CLS.update(BK=_BK, SP=_SP, ZW=_ZW, CM=_CM)
# unilbrk_table rows ("before") x columns ("after"): D direct, I indirect (only after spaces), P
# prohibited. Measured from libunistring 1.0 itself (the library msgcat 0.21 links), one
# representative character per class, because its table differs from older published ones:
# e.g. AL x PO is "I" there, so "``%lld``" is not broken before the "%".
_TABLE = [
    row.split()
    for row in """
P I I I I I P P P I I I I P I I I P I I I I I I I I I I I I
P I I I I I P P P I I I I P I I I P I I I I I I I I I I I I
P I P I D I P P P I I D I P D D D P D D D D D D D D D I D D
P D D I D I P P P I I D I P D D D P D D D D D D D D D I D D
P I I I I I P P P I I I I P I I I P I I I I I I I I I I I I
P D D I D I P P P I I D I P I D D P D D D D D D D D D I D D
P I D I D I P P P I P D I P D I I P D D D D D D D D D I D D
P I D I D I P P P I I D I P I I I P I D D D D D D I D I D D
P I D I D I P P P I I D I P D D D P D D D D D D D D D I D D
P I D I D I P P P I I D I P D D D P D D D D D D D D D I D D
P I D I D I P P P I I D I P D D D P D D D D D D D D D I D D
P P P P P P P P P P P P P P P P P P P P P P P P P P P I P P
P I I I I I P P P I I P I P I I I P I I I I I I I I I I I I
P I D I D I P P P I I D I P I D D P D D D D D D D D D I D D
P I D I D I P P P I I I I P I I I P I D D D D D D I D I D D
P I D I D I P P P I I I I P I D D P I D D D D D D I D I D D
P I D I D I P P P I I I I P I D D P I I I I I I I I D I I I
P I D I D I P P P I I D I P I D D P D D D D D D D I D I D D
P I D I D I P P P I I I I P I I I P I D D D D D D I D I D D
P I D I D I P P P I I D I P D I D P D D D D D I I D D I D D
P I D I D I P P P I I D I P D I D P D D D D D D I D D I D D
P I D I D I P P P I I D I P D I D P D D D D D D D D D I D D
P I D I D I P P P I I D I P D I D P D I I D I I D D D I D D
P I D I D I P P P I I D I P D I D P D D D D D I I D D I D D
P I D I D I P P P I I D I P D I D P D D D D D D I D D I D D
P I D I D I P P P I I I I P I I I P I D D D D D D I D I D D
P I D I D I P P P I I D I P D D D P D D D D D D D D I I D D
P I I I I I P P P I I I I P I I I P I I I I I I I I I I I I
P I D I D I P P P I I D I P D I D P D D D D D D D D D I D I
P I D I D I P P P I I D I P D I D P D D D D D D D D D I D D
""".strip().splitlines()
]

# Line-break classes (Unicode 14 LineBreak.txt, as in libunistring 1.0) of the characters
# that prose and code in catalogs use and that the general-category rule in _lb_class gets
# wrong. AI, XX and SA resolve to AL in a non-CJK locale, as libunistring does.
_EXPLICIT = """
0-8:CM 9:BA A-D:BK E-1F:CM 20:SP 21:EX 22:QU 24:PR 25:PO 27:QU 28:OP 29:CP 2B:PR 2C:IS 2D:HY
2E:IS 2F:SY 30-39:NU 3A-3B:IS 3F:EX 5B:OP 5C:PR 5D:CP 7B:OP 7C:BA 7D:CL 7F-84:CM 85:BK 86-9F:CM
A0:GL A1:OP A2:PO A3-A5:PR AB:QU AD:BA B0:PO B1:PR B4:BB BB:QU BF:OP 2000-2006:BA 2007:GL
2008-200A:BA 200B:ZW 200C:CM 200D:ZWJ 200E-200F:CM 2010:BA 2011:GL 2012-2013:BA 2014:B2
2015-2017:AL 2018-2019:QU 201A:OP 201B-201D:QU 201E:OP 201F:QU 2024-2026:IN 2027:BA 2028-2029:BK
202A-202E:CM 202F:GL 2030-2037:PO 2039-203A:QU 203C-203D:NS 2044:IS 2045:OP 2046:CL 2047-2049:NS
2056:BA 2057:PO 2058-205B:BA 205D-205F:BA 2060:WJ 2066-206F:CM 37E:IS 2212-2213:PR 22EF:IN 3000:BA FEFF:WJ
"""


def _parse_explicit(spec: str) -> dict[int, int]:
    table: dict[int, int] = {}
    for item in spec.split():
        span, _, name = item.partition(":")
        lo, _, hi = span.partition("-")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            table[cp] = _CLS[name]
    return table


_EXPLICIT_TABLE = _parse_explicit(_EXPLICIT)
_BY_CATEGORY = {"Mn": _CM, "Mc": _CM, "Me": _CM, "Nd": _CLS["NU"], "Ps": _CLS["OP"], "Pe": _CLS["CL"]}
_BY_CATEGORY.update(Pi=_CLS["QU"], Pf=_CLS["QU"], Zs=_CLS["BA"], Sc=_CLS["PR"])


@lru_cache(maxsize=4096)
def _lb_class(ch: str) -> int:
    cp = ord(ch)
    found = _EXPLICIT_TABLE.get(cp)
    if found is not None:
        return found
    by_category = _BY_CATEGORY.get(unicodedata.category(ch))
    if by_category is not None:
        return by_category
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _CLS["ID"]
    return _CLS["AL"]


@lru_cache(maxsize=4096)
def _uc_width(ch: str) -> int:
    """libunistring's uc_width in a UTF-8 locale: -1 control, 0 combining, 2 wide, else 1."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return -1
    if (
        cp == 0x200B
        or 0x1160 <= cp < 0x1200
        or (unicodedata.category(ch) in ("Mn", "Me", "Cf") and cp != 0xAD)
    ):
        return 0
    if cp > 0xFFFF and unicodedata.category(ch) == "Cn" and not 0x20000 <= cp <= 0x3FFFD:
        # Unassigned astral code points are narrow for libunistring; Python 3.11's table calls
        # planes 4-13 "F" (found by the GNU property test in tests/test_properties.py).
        return 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_UNDEF, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3


def _possible_linebreaks(chars: list[str]) -> list[int]:
    """u8_possible_linebreaks: the break opportunity before each character."""
    p = [_PROHIBITED] * len(chars)
    last, seen_space, seen_space2 = _BK, -1, -1
    for i, ch in enumerate(chars):
        prop = _lb_class(ch)
        if prop == _BK:
            p[i] = _MANDATORY
            last, seen_space, seen_space2 = _BK, -1, -1
            continue
        q = i
        if prop == _SP:
            seen_space2, seen_space = seen_space, i
            continue
        if prop == _ZW:
            last, seen_space, seen_space2 = _ZW, -1, -1
            continue
        if prop == _CM:
            if last == _ZW:
                p[i] = _POSSIBLE
                last = _CLS["ID"]
                continue
            if seen_space < 0:
                continue
            # A combining mark turns the space before it into an ideograph (LB10).
            q, seen_space, prop = seen_space, seen_space2, _CLS["ID"]
        if last == _BK:
            p[q] = _PROHIBITED
        elif last == _ZW:
            p[q] = _POSSIBLE
        else:
            rule = _TABLE[last][prop]
            if rule == "D" or (rule == "I" and seen_space >= 0):
                p[q] = _POSSIBLE
        last, seen_space, seen_space2 = prop, -1, -1
    return p


def _width_linebreaks(chars: list[str], overrides: list[int], width: int, start: int) -> list[bool]:
    """u8_width_linebreaks: where to break so that lines fit in ``width`` columns."""
    p = _possible_linebreaks(chars)
    breaks = [False] * len(chars)
    last_p, last_column, piece = -1, start, 0
    for i, ch in enumerate(chars):
        kind = overrides[i] or p[i]
        if kind >= _POSSIBLE and last_p >= 0 and last_column + piece > width:
            breaks[last_p] = True
            last_column = 0
        if kind == _MANDATORY:
            last_p, last_column, piece = -1, 0, 0
            continue
        if kind == _POSSIBLE:
            last_p, last_column, piece = i, last_column + piece, 0
        w = _uc_width(ch)
        if w >= 0:
            piece += w
    if last_p >= 0 and last_column + piece > width:
        breaks[last_p] = True
    return breaks


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_ESCAPE_TABLE = str.maketrans({ch: "\\" + esc for ch, esc in _ESCAPES.items()})
_ESCAPE_PAIR = re.compile(r"\\.", re.S)
_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')


def _breaks(esc: str, prohibited: set[int], width: int, start: int) -> list[int]:
    """Where to break ``esc``: after ``start`` columns, lines of at most ``width`` columns."""
    chars = list(esc)
    overrides = [_PROHIBITED if i in prohibited else _UNDEF for i in range(len(chars))]
    flags = _width_linebreaks(chars, overrides, width, start)
    return [i for i, cut in enumerate(flags) if cut]


def wrap_string(prefix: str, keyword: str, value: str, *, wrap: bool = True, width: int = PAGE_WIDTH) -> str:
    """``keyword "value"`` as GNU write-po.c's ``wrap()`` writes it, lines joined with ``\\n``.

    The value is cut after each ``\\n``; each piece is escaped and broken where
    libunistring allows, so that no line is wider than ``width`` columns.
    Multi-piece or wrapped values start with ``keyword ""``.
    """
    out: list[str] = []
    pieces = value.split("\n")
    portions = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1] or not portions:
        portions.append(pieces[-1])
    after_break = len(prefix) + 1
    first_line = True
    for number, portion in enumerate(portions):
        esc = portion.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(portion) else portion
        # GNU: the break before an escape's backslash is free, the one after it prohibited.
        prohibited = {m.start() + 1 for m in _ESCAPE_PAIR.finditer(esc)} if "\\" in esc else set()
        if portion.endswith("\n"):
            prohibited.add(len(esc) - 2)  # never break just before the final "\n"
        line_width = (width if wrap else len(esc) + 10**6) - 1 - after_break
        start = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - after_break
        is_last = number == len(portions) - 1
        # A string that needs more than the keyword's own line starts after `keyword ""`.
        if (
            first_line
            and esc
            and (not is_last or start > line_width or _breaks(esc, prohibited, line_width, start))
        ):
            out.append(f'{prefix}{keyword} ""')
            first_line = False
            start = 0
        breaks = _breaks(esc, prohibited, line_width, start)
        head = f'{prefix}{keyword} "' if first_line else f'{prefix}"'
        cuts = [0, *breaks, len(esc)]
        for a, b in itertools.pairwise(cuts):
            out.append(f'{head}{esc[a:b]}"')
            head = f'{prefix}"'
        first_line = False
    return "\n".join(out)
