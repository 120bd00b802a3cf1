"""Reading and writing PO/POT files exactly as GNU gettext does: :mod:`.poread` and :mod:`.powrite`.

Two promises, both tested against the real tools on the corpus:

* reading then writing a catalog gives back the same bytes: every entry keeps
  its source text while its fields are unchanged (:meth:`Message.raw_if_unchanged`);
* an entry briefgen creates or changes is laid out as GNU ``msgcat`` would lay
  it out (``write-po.c``): same comment order, same flag order, strings wrapped
  at 79 columns with libunistring's line-breaking rules (UAX #14 pair table,
  then ``ulc_width_linebreaks``), so ``msgcat`` leaves briefgen's output alone;
  except that a string whose value did not change keeps the lines it was read
  as (:meth:`Message.field_lines_if_unchanged`): when ``update`` moves an
  entry's references, the translation a tool wrapped at 77 columns (Weblate)
  or an older gettext wrapped otherwise is not rewrapped.

Babel's ``pofile`` is not used: it rewrites ``#|`` as ``# |``, drops ``#~|``
and fuzzy flags of obsolete entries, wraps at 76 columns and invents
``python-format`` flags on prose containing ``%``.
"""

from __future__ import annotations

from .poread import read_po, read_po_file
from .powrite import format_message, write_po, write_po_file
from .wrap import wrap_string

__all__ = ["format_message", "read_po", "read_po_file", "wrap_string", "write_po", "write_po_file"]
