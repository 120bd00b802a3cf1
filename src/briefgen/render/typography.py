"""Typography applied by the layout, never typed into the catalogs.

French rules (Imprimerie nationale): a narrow no-break space (U+202F) before
``; ! ?`` and inside guillemets, a no-break space (U+00A0) before ``:`` and
``%``. The rules run on the text tokens of the Markdown parser (see
:mod:`briefgen.render.inline`), before escaping, so URLs and HTML entities are
never touched.
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "NNBSP", "typeset"]

NBSP = "\u00a0"
NNBSP = "\u202f"

_TAG = re.compile(r"(<[^>]*>)")
_SPACES = "[ \u00a0\u202f\t]"
_FR_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "mot ;" / "mot;" -> "mot\u202f;" -- but not "http://", "14:30" or "::".
    (re.compile(rf"(?:(?<=\S)|^){_SPACES}*([;!?])(?=\s|$|[»)\]\"”’.,;!?<])"), NNBSP + r"\1"),
    (re.compile(rf"(?:(?<=[^\s\d:])|^){_SPACES}*(:)(?=\s|$)"), NBSP + r"\1"),
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    (re.compile(rf"(?<=\d){_SPACES}*%"), NBSP + "%"),
)
_EN_RULES: tuple[tuple[re.Pattern[str], str], ...] = ()


def _rules(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return _FR_RULES if lang.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0] == "fr" else _EN_RULES


def typeset(text: str, lang: str) -> str:
    """Apply the spacing rules of ``lang`` to plain text."""
    for pattern, replacement in _rules(lang):
        text = pattern.sub(replacement, text)
    return text
