"""How the EPUB's text is cut into files and grouped into lists and quotes (see :mod:`.epub`).

A chapter file holds *items*: a row, a run of block-quote rows, or a tree of
list-item rows rebuilt into nested lists, so that the XHTML has real ``<ol>``/``<ul>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .context import Row

__all__ = ["CHUNK_ROWS", "Item", "ListItem", "ListNode", "group_items", "rows_of", "split_rows"]

#: Rows per XHTML file when no heading gives a better place to split: some
#: readers (Adobe RMSDK, older Kobo firmware) slow down or refuse files over ~300 kB.
CHUNK_ROWS = 120


@dataclass
class ListNode:
    """A list of the source, rebuilt from its list-item rows (``level`` is the nesting depth)."""

    level: int
    ordered: bool
    start: int | None
    items: list[ListItem] = field(default_factory=list)


@dataclass
class ListItem:
    rows: list[Row]
    sublists: list[ListNode] = field(default_factory=list)


@dataclass
class Item:
    """One thing a chapter lays out: a row, a run of quote rows, or a list tree."""

    kind: str  # "row", "quote" or "list"
    rows: list[Row] = field(default_factory=list)
    tree: ListNode | None = None


def split_rows(rows: Sequence[Row]) -> list[list[Row]]:
    """Cut the text into files at its top headings, and every CHUNK_ROWS rows between blocks."""
    top = min((r.level for r in rows if r.kind == "heading"), default=None)
    runs: list[list[Row]] = [[]]
    for row in rows:
        current = runs[-1]
        at_heading = row.kind == "heading" and row.level == top
        too_long = len(current) >= CHUNK_ROWS and row.kind in (
            "paragraph",
            "heading",
            "table",
            "image",
            "code",
        )
        if current and (at_heading or too_long):
            runs.append([])
        runs[-1].append(row)
    return runs


def group_items(rows: Sequence[Row]) -> list[Item]:
    """Group consecutive quote rows into one quote and list-item rows into list trees."""
    items: list[Item] = []
    for row in rows:
        last = items[-1] if items else None
        if row.kind == "blockquote" and last is not None and last.kind == "quote":
            last.rows.append(row)
        elif row.kind == "blockquote":
            items.append(Item("quote", [row]))
        elif row.kind == "list-item" and last is not None and last.kind == "list" and last.tree is not None:
            last.rows.append(row)
            _add_to_list(last.tree, row)
        elif row.kind == "list-item":
            tree = ListNode(row.level, row.number is not None, row.number)
            _add_to_list(tree, row)
            items.append(Item("list", [row], tree))
        else:
            items.append(Item("row", [row]))
    return items


def _add_to_list(tree: ListNode, row: Row) -> None:
    node = tree
    while row.level > node.level and node.items:
        parent = node.items[-1]
        if parent.sublists and parent.sublists[-1].level <= row.level:
            node = parent.sublists[-1]
            continue
        if row.level == node.level + 1 or not parent.sublists:
            node = ListNode(row.level, row.number is not None, row.number)
            parent.sublists.append(node)
        break
    if row.number is None and node.ordered and node.items:
        node.items[-1].rows.append(row)  # a second paragraph of a numbered item
    else:
        node.items.append(ListItem([row]))


def rows_of(items: Iterable[Item]) -> list[Row]:
    """The rows of ``items``, in order."""
    out: list[Row] = []
    for item in items:
        out.extend(item.rows)
    return out
