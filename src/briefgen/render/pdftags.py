"""Per-block ``/Lang`` in the tagged PDF, so that a screen reader reads the English column as English.

WeasyPrint 70 tags the PDF (``pdf_tags``) but writes one language, the root
element's, in the catalog: every structure element inherits French. It writes
no ``/Lang`` per element and its tag builder is private, so briefgen adds the
languages afterwards through the public ``finisher`` argument of
``Document.write_pdf``, which receives the finished pydyf document.

The structure elements are found through the structure itself and public data:
each page's part of the parallel table is a ``/Table`` whose body rows
(``/TR``) are the rows whose anchor (``<tr id>``) ``Page.anchors`` lists on that
page, in order from the top; a row split across pages is a ``/TR`` on each page,
and its anchor is listed on both. The second cell of a row is the translation
column; the title block is the first ``/Div`` holding two ``/Div`` (source,
then translation); each key figure is a pair of ``/Link`` in a list body.
Structure elements inherit ``/Lang`` (ISO 32000-1, 14.9.2), so setting it on a
cell covers the paragraphs, headings and lists inside it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]

from .context import BriefContext, Row

__all__ = ["language_finisher"]

LOGGER = logging.getLogger("briefgen.render")

Finisher = Callable[[Any, Any], None]


def _target_lang(ctx: BriefContext, row: Row) -> str:
    """The language of a row's translation cell: the source's when it shows the source text."""
    pair = row.pair or row.caption
    if pair is not None:
        return pair.target.lang
    return ctx.source_lang if row.status == "untranslated" else ctx.target_lang


class _Tree:
    """The structure elements of a pydyf document, followed through their references."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        pages = [bytes(ref) for ref in pdf.page_references]
        self.page_index = {ref: i for i, ref in enumerate(pages)}

    def resolve(self, ref: Any) -> Any:
        if isinstance(ref, bytes):  # b"12 0 R"
            return self.pdf.objects[int(ref.split()[0])]
        return ref

    def kids(self, element: Any, tag: str | None = None) -> list[Any]:
        kids = element.get("K", ())
        items = kids if isinstance(kids, list) else [kids]
        found = [self.resolve(k) for k in items if isinstance(k, bytes)]
        elements = [e for e in found if isinstance(e, dict) and e.get("Type") == "/StructElem"]
        return [e for e in elements if tag is None or e.get("S") == tag]

    def walk(self, element: Any, tag: str) -> Iterator[Any]:
        """Every descendant of ``element`` with structure type ``tag``, in document order."""
        for kid in self.kids(element):
            if kid.get("S") == tag:
                yield kid
            yield from self.walk(kid, tag)

    def page(self, element: Any) -> int | None:
        pg = element.get("Pg")
        return self.page_index.get(bytes(pg)) if pg is not None else None


def _set(element: Any, lang: str) -> None:
    element["Lang"] = pydyf.String(lang)


def _tag_table(tree: _Tree, ctx: BriefContext, table: Any, row_ids: list[str]) -> bool:
    """Set the languages of one page's part of the parallel table; False if its rows do not match."""
    langs = {row.id: _target_lang(ctx, row) for row in ctx.rows}
    for head_row in (tr for head in tree.kids(table, "/THead") for tr in tree.kids(head, "/TR")):
        cells = tree.kids(head_row)
        if len(cells) == 2:
            _set(cells[0], ctx.source_lang)
            _set(cells[1], ctx.target_lang)
    body_rows = [tr for body in tree.kids(table, "/TBody") for tr in tree.kids(body, "/TR")]
    if len(body_rows) != len(row_ids):
        return False
    for tr, row_id in zip(body_rows, row_ids, strict=True):
        cells = tree.kids(tr)
        if len(cells) == 2:  # a code block is one cell across both columns: it keeps the page's language
            _set(cells[0], ctx.source_lang)
            _set(cells[1], langs[row_id])
    return True


def _tag_front(tree: _Tree, ctx: BriefContext, element: Any) -> None:
    """The title block's two sides and each key figure's two links."""
    for div in tree.walk(element, "/Div"):
        sides = tree.kids(div, "/Div")
        if len(sides) == 2:
            _set(sides[0], ctx.title.source.lang)
            _set(sides[1], ctx.title.target.lang)
            paragraphs = tree.kids(element, "/P")
            if ctx.draft and paragraphs:  # the title block ends with the draft notice, in the target language
                _set(paragraphs[-1], ctx.target_lang)
            break
    items = iter(ctx.box)
    for body in tree.walk(element, "/LBody"):
        links = tree.kids(body, "/Link")
        item = next(items, None) if len(links) == 2 else None
        if item is not None:
            _set(links[0], item.label.source.lang)
            _set(links[1], item.label.target.lang)


def _rows_from_top(anchors: dict[str, Any], row_ids: set[str]) -> list[str]:
    """The row ids a page shows, top first (``Page.anchors`` maps a name to ``(x, y, ...)``)."""
    return [name for _, name in sorted((pos[1], name) for name, pos in anchors.items() if name in row_ids)]


def language_finisher(ctx: BriefContext) -> Finisher:
    """A ``finisher`` for ``write_pdf(pdf_tags=True)`` that sets each block's ``/Lang``."""
    row_ids = {row.id for row in ctx.rows}

    def finish(document: Any, pdf: Any) -> None:
        root_ref = pdf.catalog.get("StructTreeRoot")
        if root_ref is None:  # untagged: nothing to do
            return
        tree = _Tree(pdf)
        on_page = [
            [
                name
                for _, name in sorted((pos[1], name) for name, pos in page.anchors.items() if name in row_ids)
            ]
            for page in document.pages
        ]
        unmatched = 0
        for document_element in tree.kids(tree.resolve(root_ref)):
            for element in tree.kids(document_element):
                page = tree.page(element)
                if element.get("S") == "/Table" and page is not None:
                    unmatched += not _tag_table(tree, ctx, element, on_page[page])
                elif element.get("S") in ("/NonStruct", "/Sect", "/Div"):
                    _tag_front(tree, ctx, element)
        if unmatched:
            LOGGER.warning(
                "%s: the English column of %d page(s) is tagged in the document's language; "
                "the layout's table rows do not match the brief's blocks (a changed brief.html.j2?)",
                ctx.source_file,
                unmatched,
            )

    return finish
