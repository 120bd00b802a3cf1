"""The plain-file gettext operations: ``briefgen merge`` and ``briefgen stats``.

Kept apart from the workspace workflow so that they import only the catalog
modules (no Markdown or YAML parser): ``merge`` is benchmarked against GNU
msgmerge, start-up included.

As in GNU gettext, ``-`` names standard input (for one input file) or standard
output (``-o -``); messages name them ``<stdin>`` and ``<stdout>``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from ..errors import BriefgenError
from ..fsutil import file_lock, write_output
from ..guard import file_state, read_guarded
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
    in_place = output == definitions != DASH
    with _update_lock(output) if in_place else contextlib.nullcontext():
        # The state before the read: a save by an editor after it is seen at the rename (issue 18).
        state = file_state(definitions) if in_place else None
        merged, stats = merge(
            _read(definitions), _read(template), keep_obsolete=keep_obsolete, fuzzy_matching=fuzzy_matching
        )
        data = write_po(merged, width=width, wrap=wrap, path="<stdout>" if output == DASH else output)
        if output == DASH:
            _to_stdout(data)
        elif in_place and _same_bytes(output, data):
            return stats, False
        else:
            # As msgmerge: the folder must exist; a symlink is written through, a device or FIFO into.
            write_output(output, data, expect=state if in_place else ...)
    return stats, True


def _update_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """``merge -U`` on a workspace catalog takes the lock ``briefgen update`` takes.

    A catalog of a workspace is ``translations/<lang>/LC_MESSAGES/<domain>.po``; the
    lock is ``translations/.briefgen.lock``. Elsewhere there is no workspace to race.
    """
    named = Path(os.path.abspath(path))  # as written: update names catalogs by their place, links or not
    if named.parent.name == "LC_MESSAGES" and len(named.parents) > 2:
        return file_lock(named.parents[2] / ".briefgen")
    return contextlib.nullcontext()


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and read_guarded(path) == data
    except (OSError, BriefgenError):
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
    if path == DASH:
        return read_po(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = read_guarded(path, what="catalog", streams=True)
    except FileNotFoundError:
        return read_po_file(path)  # its error names the file
    return read_po(data, path)


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
