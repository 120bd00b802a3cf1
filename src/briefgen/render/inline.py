"""Inline Markdown of a message -> a safe HTML (or XHTML) fragment.

Raw HTML in a message is shown as text (markdown-it's ``html`` option is off),
so ``<script>`` or ``</p><img onerror=...>`` in a translation is data, and so
are entity references (``&amp;`` stays ``&amp;``). Inline
images are shown as their alt text: only block-level images are fetched, and
only through the build's guarded resolver.

Straight quotes typed by an author or a translator become the language's quote
marks here, as the text is rendered (never in the catalogs): markdown-it's
``smartquotes`` rule, with the pair of the language profile
(:attr:`briefgen.languages.Typography.quotes`), pairs quotes across inline markup
(``"*Le Monde*"``) and turns ``'`` inside a word into ``’``; the typography rules
then add the spaces French puts inside « ».
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .. import languages
from .typography import typeset

__all__ = ["plain_text", "render_inline"]


def _text_rule(
    _self: RendererHTML, tokens: Sequence[Token], idx: int, _options: OptionsDict, env: EnvType
) -> str:
    return escapeHtml(typeset(tokens[idx].content, env.get("lang", "")))


@lru_cache(maxsize=16)
def _parser(xhtml: bool, quotes: str = "") -> MarkdownIt:
    options: dict[str, Any] = {"html": False, "xhtmlOut": xhtml, "breaks": False}
    if quotes:
        options |= {"typographer": True, "quotes": quotes}
    md = MarkdownIt("commonmark", options)
    if quotes:
        md.enable("smartquotes")  # quotes only: no (c) -> ©, no -- -> –
    # Entity references are shown as typed: "&amp;" in a translation is the text "&amp;", never "&"
    # (issue 7: text is data); typography already writes the no-break spaces "&nbsp;" would give.
    md.disable("entity")
    md.add_render_rule("text", _text_rule)
    md.add_render_rule("image", _text_rule)  # an inline image shows as its alt text (token.content)
    return md


@lru_cache(maxsize=4096)
def render_inline(text: str, lang: str, xhtml: bool = False) -> str:
    """Render one message's inline Markdown for ``lang`` (typography included)."""
    env: dict[str, Any] = {"lang": lang}
    html: str = _parser(xhtml, _quotes(lang)).renderInline(text, env)
    return html.strip()


def _quotes(lang: str) -> str:
    return languages.profile(lang).typography.quotes if lang else ""


@lru_cache(maxsize=4096)
def plain_text(text: str, lang: str = "") -> str:
    """The message without its inline markup (for metadata and alt text), quotes as ``lang`` sets them."""
    tokens = _parser(False, _quotes(lang)).parseInline(text)
    out: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline", "image"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)
