"""Dataclasses shared by the pipeline stages: a source, its blocks and segments, and facts.

A :class:`Source` is parsed once from ``sources/<slug>.md``; its
:class:`Segment` objects are the translatable messages (one msgid each), and its
:class:`Block` objects are the units the layouts align side by side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SEGMENT_KINDS", "Block", "Fact", "FactSpec", "Segment", "Source"]

#: Kinds of translatable segments, with the ``#.`` comment written for each.
SEGMENT_KINDS: dict[str, str] = {
    "title": "front matter: title",
    "subtitle": "front matter: subtitle",
    "short-title": "front matter: short title (running head)",
    "origin": "front matter: origin (publication)",
    "keyword": "front matter: keyword",
    "fact-label": "front matter: key-figure label",
    "heading": "heading",
    "paragraph": "paragraph",
    "list-item": "list item",
    "blockquote": "block quote",
    "table-cell": "table cell",
    "image-alt": "image alt text",
    "caption": "image caption",
}


@dataclass(frozen=True)
class Segment:
    """One translatable message of a source (inline Markdown kept as typed)."""

    text: str
    kind: str
    line: int

    @property
    def comment(self) -> str:
        return SEGMENT_KINDS[self.kind]


@dataclass(frozen=True)
class Block:
    """One unit of the body that layouts align: a French block faces its English block.

    ``kind`` is ``heading``, ``paragraph``, ``list-item``, ``blockquote``,
    ``table``, ``image`` or ``code``. A table keeps its cells row by row in
    ``rows``; an image its ``src``, alt text and optional caption.
    """

    id: str
    kind: str
    line: int
    segments: tuple[Segment, ...] = ()
    level: int = 0
    number: int | None = None
    src: str | None = None
    literal: str | None = None
    rows: tuple[tuple[Segment, ...], ...] = ()


@dataclass(frozen=True)
class FactSpec:
    """A key figure curated in the front matter (``facts:``)."""

    figure: str
    label: str | None
    line: int
    #: The line of its ``label:`` (the label's ``#:`` reference in the catalogs), when apart.
    label_line: int | None = None


@dataclass(frozen=True)
class Source:
    """A parsed ``sources/<slug>.md``."""

    slug: str
    path: Path
    lang: str
    title: Segment
    date: dt.date
    subtitle: Segment | None = None
    origin: Segment | None = None
    short_title: Segment | None = None
    authors: tuple[str, ...] = ()
    keywords: tuple[Segment, ...] = ()
    blocks: tuple[Block, ...] = ()
    facts: tuple[FactSpec, ...] | None = None
    fact_labels: tuple[Segment, ...] = ()

    def segments(self) -> list[Segment]:
        """Every translatable segment in document order (front matter first)."""
        out: list[Segment] = [self.title]
        for extra in (self.subtitle, self.origin, self.short_title):
            if extra is not None:
                out.append(extra)
        out.extend(self.keywords)
        for block in self.blocks:
            out.extend(block.segments)
            for row in block.rows:
                out.extend(row)
        out.extend(self.fact_labels)
        return out


@dataclass(frozen=True)
class Fact:
    """A key figure found in a text.

    ``start``/``end`` are offsets of ``text`` in the message it was found in;
    ``value`` is the number it states (a date is ``YYYYMMDD``-style ordinal, see
    :mod:`briefgen.facts`); ``kind`` is one of ``percent``, ``multiplier``,
    ``amount``, ``count``, ``date``, ``duration``, ``ordinal``, ``other``.
    """

    text: str
    value: float
    kind: str
    unit: str | None
    qualifier: str | None
    start: int
    end: int

    @property
    def date(self) -> dt.date | None:
        """The day a ``date`` fact names; None for a partial date ("en 2024", "mars 2025", a quarter).

        ``value`` keeps the ``YYYYMMDD`` code, which orders and compares partial dates too.
        """
        if self.kind != "date":
            return None
        code = int(self.value)
        try:
            return dt.date(code // 10000, code // 100 % 100, code % 100)
        except ValueError:  # a part is 00 (missing), or a quarter or half-year code
            return None
