"""Where briefgen steers Python's cyclic garbage collector, and why.

The collector runs whenever enough container objects were allocated, and a full
collection walks every object alive. A build holds a few hundred thousand of
them (WeasyPrint, fontTools, Babel's data), so a step that allocates many
objects and frees none, such as reading a catalog or loading hyphenation
patterns, triggered collections that cost far more than the step itself and
found nothing to free.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["older_objects_frozen", "without_collections"]


@contextlib.contextmanager
def without_collections() -> Iterator[None]:
    """No cyclic collection inside the block: for code that makes many objects and no garbage cycles.

    Loading the seed's hyphenation patterns in a build took 42 ms with the collector
    running and 6 ms without (17,000 tuples in one dict).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def older_objects_frozen() -> Iterator[None]:
    """Keep the garbage collector's full collections to the objects made inside the block.

    Everything alive before a PDF layout (modules, catalogs, the render context) lives
    until the build ends; a full collection during the layout walked all of it again:
    4 of them cost 0.19 s of CPU at 50 pages, against 0.05 s frozen (bench_pdf.py).
    The objects are thawed afterwards (a long-running process would otherwise never
    collect them), unless the caller had frozen some already: then it decides when.
    """
    thaw = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if thaw:
            gc.unfreeze()
