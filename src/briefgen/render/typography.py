"""Typography applied by the layout, never typed into the catalogs.

Each language profile says which spaces go where (:class:`briefgen.languages.Typography`):
French (Imprimerie nationale) puts a narrow no-break space (U+202F) before
``; ! ?`` and inside guillemets, a no-break space (U+00A0) before ``:`` and
``%``; English puts none. The rules run on the text tokens of the Markdown parser (see
:mod:`briefgen.render.inline`), before escaping, so URLs and HTML entities are
never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from html.entities import html5

from .. import languages

__all__ = ["NBSP", "NNBSP", "typeset"]

NBSP = "\u00a0"
NNBSP = "\u202f"

_TAG = re.compile(r"(<[^>]*>)")
_SPACES = "[ \u00a0\u202f\t]"
_ENTITY_HEAD = re.compile(r"&([A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+)$")


def _before_mark(space: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        # "&amp;" typed in a message is shown as typed (inline.py): its ";" is not punctuation.
        if match.group(0) == ";":
            head = _ENTITY_HEAD.search(match.string, max(0, match.start() - 40), match.start())
            if head is not None and (head.group(1)[0] == "#" or head.group(1) + ";" in html5):
                return ";"
        return space + match.group(1)

    return replace


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


@lru_cache(maxsize=64)
def _rules(lang: str) -> tuple[_Rule, ...]:
    spaces = languages.profile(lang).typography
    rules: list[_Rule] = []
    if spaces.before_marks:
        # "mot ;" / "mot;" -> "mot\u202f;" -- but not "http://", "14:30", "::" or "&amp;".
        mark = re.compile(rf"(?:(?<=\S)|^){_SPACES}*([;!?])(?=\s|$|[»)\]\"”’.,;!?<])")
        rules.append((mark, _before_mark(spaces.before_marks)))
    if spaces.before_colon:
        rules.append((re.compile(rf"(?:(?<=[^\s\d:])|^){_SPACES}*(:)(?=\s|$)"), spaces.before_colon + r"\1"))
    if spaces.inside_guillemets:
        rules.append((re.compile(rf"«{_SPACES}*"), "«" + spaces.inside_guillemets))
        rules.append((re.compile(rf"{_SPACES}*»"), spaces.inside_guillemets + "»"))
    if spaces.before_percent:
        rules.append((re.compile(rf"(?<=\d){_SPACES}*%"), spaces.before_percent + "%"))
    return tuple(rules)


def typeset(text: str, lang: str) -> str:
    """Apply the spacing rules of ``lang`` to plain text."""
    for pattern, replacement in _rules(lang):
        text = pattern.sub(replacement, text)
    return text
