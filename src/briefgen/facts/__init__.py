"""Key figures: extraction, source/translation comparison, and the summary box data.

The stage in three modules: :mod:`.extract` finds the figures of a text
(rules and Babel's locale data, linear time), :mod:`.compare` checks that a
translation states the same figures, and :mod:`.box` builds the summary box
that the renderers show. :mod:`.words` holds the symbols every language shares;
the words of each language come from :mod:`briefgen.languages` through :mod:`.lexicon`.
"""

from __future__ import annotations

from .box import BoxEntry, format_figure, summary_box
from .compare import FactProblem, align, compare, is_soft
from .extract import KINDS, extract, to_json
from .lexicon import reading

__all__ = [
    "KINDS",
    "BoxEntry",
    "FactProblem",
    "align",
    "compare",
    "extract",
    "format_figure",
    "is_soft",
    "reading",
    "summary_box",
    "to_json",
]
