"""Source/translation comparison of key figures: what was lost, changed or added."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Fact
from .extract import extract, reads_words_of
from .lexicon import soft_words

__all__ = ["FactProblem", "align", "compare", "is_soft"]


def is_soft(fact: Fact) -> bool:
    """A figure whose absence on one side is tolerated: small numbers in words ("les deux pays"
    / "both countries"), "un an" / "a year", adjectives such as "double"."""
    text = fact.text
    if any(c.isdigit() for c in text) or fact.unit == "fraction":
        return False
    soft, article_start = soft_words()
    if text.lower() in soft or article_start.match(text):
        return True
    return fact.kind in ("count", "other", "ordinal") and abs(fact.value) <= 10


def _findable_in(fact: Fact, lang: str) -> bool:
    """Whether ``fact``'s counterpart could be found in a text in ``lang``.

    A figure written in words ("triplés") has its counterpart written in words too
    ("verdreifacht"), which the extractor reads only in the languages it has words for.
    """
    return reads_words_of(lang) or any(c.isdigit() for c in fact.text)


@dataclass(frozen=True)
class FactProblem:
    """A figure of the source that the translation lost or changed, or one it added."""

    kind: str  # "missing", "added", "changed" or "qualifier"
    severity: str  # "error" or "warning"
    message: str
    source: Fact | None
    target: Fact | None


def _signed(fact: Fact) -> bool:
    return fact.text[:1] in "+-−"


def _same_value(a: Fact, b: Fact) -> bool:
    x, y = (a.value, b.value) if _signed(a) and _signed(b) else (abs(a.value), abs(b.value))
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def _strict(a: Fact, b: Fact) -> bool:
    if a.kind != b.kind or not _same_value(a, b):
        return False
    if a.kind == "count":
        return (a.unit == "fraction") == (b.unit == "fraction")
    return a.kind not in ("percent", "duration", "amount") or a.unit == b.unit


def _loose(a: Fact, b: Fact) -> bool:
    if (a.unit == "fraction" and b.unit == "%") or (b.unit == "fraction" and a.unit == "%"):
        frac, pct = (a, b) if a.unit == "fraction" else (b, a)
        return abs(frac.value * 100 - pct.value) <= 0.5
    if "date" in (a.kind, b.kind) or not {a.kind, b.kind} & {"count", "other"}:
        return False
    return _same_value(a, b)


def _family(fact: Fact) -> str:
    """Kinds that a wrong translation turns into one another ("3 500 agents" -> "3,500")."""
    return {"other": "count"}.get(fact.kind, fact.kind)


def align(source: list[Fact], target: list[Fact]) -> list[tuple[Fact | None, Fact | None]]:
    """Pair the facts of a source and its translation: equal figures first, then
    same-kind leftovers in order (changed figures), then what is left alone."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for test in (_strict, _loose):
        for si, s in enumerate(source):
            if si in pairs:
                continue
            for ti, t in enumerate(target):
                if ti not in used and test(s, t):
                    pairs[si] = ti
                    used.add(ti)
                    break
    changed: dict[int, int] = {}
    for si, s in enumerate(source):
        if si in pairs:
            continue
        for ti, t in enumerate(target):
            if ti not in used and _family(t) == _family(s):
                changed[si] = ti
                used.add(ti)
                break
    out: list[tuple[Fact | None, Fact | None]] = []
    for si, s in enumerate(source):
        match = pairs.get(si, changed.get(si))
        out.append((s, target[match] if match is not None else None))
    out.extend((None, t) for ti, t in enumerate(target) if ti not in used)
    return out


#: Qualifiers that bound a figure: dropping or adding one changes what the text states.
_BOUNDS = frozenset({"more_than", "less_than", "at_least"})


def compare(source: str, source_lang: str, translation: str, target_lang: str) -> list[FactProblem]:
    """Every figure of ``source`` must be in ``translation`` with the same value, and no other."""
    src, tgt = extract(source, source_lang), extract(translation, target_lang)
    problems: list[FactProblem] = []
    for s, t in align(src, tgt):
        if s is not None and t is not None:
            if not (_strict(s, t) or _loose(s, t)):
                problems.append(FactProblem("changed", "error", f"'{s.text}' became '{t.text}'", s, t))
            elif (
                s.qualifier
                and t.qualifier
                and s.qualifier != t.qualifier
                and s.kind not in ("date", "duration")
            ):
                message = (
                    f"the qualifier of '{s.text}' changed ({s.qualifier.replace('_', ' ')} in the source, "
                    f"{t.qualifier.replace('_', ' ')} in the translation)"
                )
                problems.append(FactProblem("qualifier", "warning", message, s, t))
            elif s.qualifier in _BOUNDS and t.qualifier is None and s.kind not in ("date", "duration"):
                # "plus de 40 %" translated "40%" states another fact ("environ" may go unsaid). Only
                # this direction: English bounds ("below") have French forms the rules do not all
                # know ("inférieur à"), so an added bound would cry wolf.
                bound = (s.qualifier or "").replace("_", " ")
                message = f"the translation drops '{bound}' for '{s.text}'"
                problems.append(FactProblem("qualifier", "warning", message, s, t))
        elif s is not None and not is_soft(s) and _findable_in(s, target_lang):
            problems.append(
                FactProblem("missing", "error", f"figure '{s.text}' is missing from the translation", s, None)
            )
        elif t is not None and not is_soft(t) and _findable_in(t, source_lang):
            problems.append(
                FactProblem("added", "error", f"figure '{t.text}' appears only in the translation", None, t)
            )
    return problems
