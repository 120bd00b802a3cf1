"""Proper names kept whole in the PDF: no "Mac-ron", "Or-say" or "Jean-/Noël" at a line end.

WeasyPrint hyphenates every word of a ``hyphens: auto`` block and has no rule for
names, and briefgen does not patch it: the text handed to it marks the names
instead. In a language that does not capitalise its nouns (French, English), a
capitalised word that does not start a sentence is a name; it is wrapped in
``<span class="name">``, which ``brief.css`` sets with ``hyphens: manual`` and
``white-space: nowrap`` (so a compound "Jean-Noël" does not break at its hyphen
either). Words that start a sentence are left alone: protecting them would only
cost the paragraph a break opportunity. Only the PDF's HTML is marked; the EPUB
and the HTML page leave line breaking to the reader.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .. import languages
from .context import Text

__all__ = ["protect_names"]

#: Tags and entity references pass through untouched; only the text between them is read.
_PIECES = re.compile(r"(<[^>]*>|&[#A-Za-z0-9]+;)")
#: A capitalised word, with its compound parts ("Jean-Noël", "Saint-Exupéry"); at least
#: 5 letters, as shorter words are never hyphenated (hyphenate-limit-chars in brief.css).
_NAME = re.compile(r"(?<![\w\-])([A-ZÀ-ÖØ-Þ][\w’']*(?:-[A-ZÀ-ÖØ-Þa-zß-ÿ][\w’']*)*)")
#: The end of what precedes a word that starts a sentence: ". ", "! « ", "?” ".
_SENTENCE_END = re.compile(r"[.!?…][»”\"’)]?\s*[«“\"]?\s*$")


def protect_names(text: Text) -> Markup:
    """The text's HTML with each proper name marked as not to be hyphenated (see module doc)."""
    profile = languages.profile(text.lang)
    if profile.capitalises_nouns or not text.plain[:1]:
        return text.html
    out: list[str] = []
    history = ""  # the text so far, markup aside: where sentences start
    for piece in _PIECES.split(str(text.html)):
        if piece.startswith(("<", "&")):
            out.append(piece)
            history += " " if piece.startswith("&") else ""
            continue
        out.append(_mark(piece, history))
        history += piece
    return Markup("".join(out))


def _mark(text: str, history: str) -> str:
    out: list[str] = []
    last = 0
    for match in _NAME.finditer(text):
        out.append(text[last : match.start()])
        before = history + text[: match.start()]
        word = match.group(1)
        if not before.strip() or _SENTENCE_END.search(before) or len(word) < 5:
            out.append(word)
        else:
            out.append(f'<span class="name">{word}</span>')
        last = match.end()
    out.append(text[last:])
    return "".join(out)
