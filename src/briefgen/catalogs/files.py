"""The plain-file gettext operations: ``briefgen merge`` and ``briefgen stats``.

Kept apart from the workspace workflow so that they import only the catalog
modules (no Markdown or YAML parser): ``merge`` is benchmarked against GNU
msgmerge, start-up included.

As in GNU gettext, ``-`` names standard input (for one input file) or standard
output (``-o -``); messages name them ``<stdin>`` and ``<stdout>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..fsutil import atomic_write
from .merge import MergeStats, merge
from .model import Catalog
from .pofile import read_po, read_po_file, write_po
from .wrap import PAGE_WIDTH

#: The path that means standard input or output.
DASH = Path("-")

__all__ = ["file_stats", "merge_files"]


def merge_files(
    definitions: Path,
    template: Path,
    output: Path,
    *,
    keep_obsolete: bool = True,
    fuzzy_matching: bool = True,
    width: int = PAGE_WIDTH,
    wrap: bool = True,
) -> str:
    """``briefgen merge DEF.po REF.pot -o OUT.po``; the line it reports.

    When OUTPUT is DEFINITIONS and nothing changed, the file is not rewritten (its
    modification time stays, as with ``msgmerge -U``), so make-style tools see no change.
    """
    stats, written = _merge_files(
        definitions,
        template,
        output,
        keep_obsolete=keep_obsolete,
        fuzzy_matching=fuzzy_matching,
        width=width,
        wrap=wrap,
    )
    name = "<stdout>" if output == DASH else output
    text = (
        f"{name}: {stats.exact} exact, {stats.fuzzy} fuzzy, {stats.new} untranslated, "
        f"{stats.obsolete} obsolete"
    )
    if stats.dropped:
        text += f"; dropped {stats.dropped} obsolete message(s) (--no-obsolete)"
    return text if written else text + " (unchanged)"


def _merge_files(
    definitions: Path,
    template: Path,
    output: Path,
    *,
    keep_obsolete: bool,
    fuzzy_matching: bool,
    width: int,
    wrap: bool,
) -> tuple[MergeStats, bool]:
    merged, stats = merge(
        _read(definitions), _read(template), keep_obsolete=keep_obsolete, fuzzy_matching=fuzzy_matching
    )
    data = write_po(merged, width=width, wrap=wrap, path="<stdout>" if output == DASH else output)
    if output == DASH:
        _to_stdout(data)
    elif output == definitions != DASH and _same_bytes(output, data):
        return stats, False
    else:
        atomic_write(output, data, make_folders=False)  # as msgmerge: the folder must exist
    return stats, True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _to_stdout(data: bytes) -> None:
    """Write all of ``data`` to standard output, or raise :class:`BrokenPipeError`.

    When the reader goes away part-way (``| head``), a buffered ``write()`` returns a
    short count instead of raising (69,632 bytes of 10 MB here); writing the rest raises.
    """
    out = sys.stdout.buffer
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]
    out.flush()


def _read(path: Path) -> Catalog:
    return read_po(sys.stdin.buffer.read(), "<stdin>") if path == DASH else read_po_file(path)


def file_stats(path: Path) -> tuple[dict[str, int], list[str]]:
    """``briefgen stats FILE.po``: translated, fuzzy, untranslated, obsolete messages; and warnings.

    A warning is a ``FILE:LINE: warning: ...`` line (more plural forms than nplurals).
    """
    from ..errors import location
    from .stats import catalog_stats, extra_plural_forms  # not imported for `merge` (benchmarked)

    catalog = _read(path)
    stats = catalog_stats(catalog)
    counts = {
        "translated": stats.translated,
        "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated,
        "obsolete": stats.obsolete,
    }
    extra = extra_plural_forms(catalog)
    name = "<stdin>" if path == DASH else path
    return counts, [f"{location(name, extra[0])}: warning: {extra[1]}"] if extra else []
