"""Typography applied by the layout, never typed into the catalogs.

French rules (Imprimerie nationale): a narrow no-break space (U+202F) before
``; ! ?`` and inside guillemets, a no-break space (U+00A0) before ``:`` and
``%``. The rules run on the text tokens of the Markdown parser (see
:mod:`briefgen.render.inline`), before escaping, so URLs and HTML entities are
never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.entities import html5

__all__ = ["NBSP", "NNBSP", "typeset"]

NBSP = "\u00a0"
NNBSP = "\u202f"

_TAG = re.compile(r"(<[^>]*>)")
_SPACES = "[ \u00a0\u202f\t]"
_ENTITY_HEAD = re.compile(r"&([A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+)$")


def _before_mark(match: re.Match[str]) -> str:
    # "&amp;" typed in a message is shown as typed (inline.py): its ";" is not punctuation.
    if match.group(0) == ";":
        head = _ENTITY_HEAD.search(match.string, max(0, match.start() - 40), match.start())
        if head is not None and (head.group(1)[0] == "#" or head.group(1) + ";" in html5):
            return ";"
    return NNBSP + match.group(1)


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_FR_RULES: tuple[_Rule, ...] = (
    # "mot ;" / "mot;" -> "mot\u202f;" -- but not "http://", "14:30", "::" or "&amp;".
    (re.compile(rf"(?:(?<=\S)|^){_SPACES}*([;!?])(?=\s|$|[»)\]\"”’.,;!?<])"), _before_mark),
    (re.compile(rf"(?:(?<=[^\s\d:])|^){_SPACES}*(:)(?=\s|$)"), NBSP + r"\1"),
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    (re.compile(rf"(?<=\d){_SPACES}*%"), NBSP + "%"),
)
_EN_RULES: tuple[_Rule, ...] = ()


def _rules(lang: str) -> tuple[_Rule, ...]:
    return _FR_RULES if lang.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0] == "fr" else _EN_RULES


def typeset(text: str, lang: str) -> str:
    """Apply the spacing rules of ``lang`` to plain text."""
    for pattern, replacement in _rules(lang):
        text = pattern.sub(replacement, text)
    return text
