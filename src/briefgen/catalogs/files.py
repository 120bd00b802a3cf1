"""The plain-file gettext operations: ``briefgen merge`` and ``briefgen stats``.

Kept apart from the workspace workflow so that they import only the catalog
modules (no Markdown or YAML parser): ``merge`` is benchmarked against GNU
msgmerge, start-up included.
"""

from __future__ import annotations

from pathlib import Path

from .merge import merge
from .pofile import read_po_file, write_po_file
from .stats import catalog_stats

__all__ = ["file_stats", "merge_files"]


def merge_files(definitions: Path, template: Path, output: Path, *, keep_obsolete: bool = True) -> str:
    """``briefgen merge DEF.po REF.pot -o OUT.po``."""
    merged, stats = merge(read_po_file(definitions), read_po_file(template), keep_obsolete=keep_obsolete)
    write_po_file(merged, output)
    text = (
        f"{output}: {stats.exact} exact, {stats.fuzzy} fuzzy, {stats.new} untranslated, "
        f"{stats.obsolete} obsolete"
    )
    if stats.dropped:
        text += f"; dropped {stats.dropped} obsolete message(s) (--no-obsolete)"
    return text


def file_stats(path: Path) -> dict[str, int]:
    """``briefgen stats FILE.po``: translated, fuzzy, untranslated, obsolete messages."""
    stats = catalog_stats(read_po_file(path))
    return {
        "translated": stats.translated,
        "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated,
        "obsolete": stats.obsolete,
    }
