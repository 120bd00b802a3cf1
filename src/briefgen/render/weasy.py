"""WeasyPrint, imported without ctypes' library probes: the one place briefgen imports it from.

WeasyPrint opens Pango, HarfBuzz and Fontconfig through cffi, trying a list of
names per library: Windows and macOS names first, then the Linux soname. For
every name that is not a file, cffi asks :func:`ctypes.util.find_library`,
which on Linux runs ``ldconfig -p`` and then spawns ``gcc`` and ``ld`` to look
for it: 22 lookups, 17 of them failing at about 8 ms each. Measured here, they
were 134 ms of the 330 ms that ``import weasyprint`` takes, and a third of what
a one-brief PDF build pays before its first page.

While WeasyPrint is imported, :func:`ctypes.util.find_library` therefore finds
nothing, so each library is opened by the soname in WeasyPrint's list, which the
dynamic loader resolves exactly as it resolves any program's libraries. Should
that fail (a library that only a compiler's search path knows), the import is
retried the ordinary way, so the shortcut can make the import faster but never
make it fail.

Once imported, WeasyPrint's font subsetting gets one more shortcut
(:class:`_SizedArraysAsOpen`): its glyph arrays no longer cost a C parse each.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import re
import sys
from collections.abc import Iterator
from typing import Any

__all__ = [
    "HTML",
    "FatalURLFetchingError",
    "URLFetcher",
    "URLFetcherResponse",
    "path2url",
    "pdf_tags",
]


def _found_nowhere(name: str) -> str | None:  # noqa: ARG001  # find_library's signature
    return None


@contextlib.contextmanager
def _without_library_probes() -> Iterator[None]:
    find_library = ctypes.util.find_library
    ctypes.util.find_library = _found_nowhere
    try:
        yield
    finally:
        ctypes.util.find_library = find_library


def _import_fast() -> bool:
    """Import WeasyPrint with the loader alone; on failure, leave no trace of the attempt."""
    if sys.platform != "linux" or "weasyprint" in sys.modules:
        return False
    try:
        # WeasyPrint prints installation advice to stdout before it gives up on a library.
        with _without_library_probes(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
        return False
    return True


class _SizedArraysAsOpen:
    """WeasyPrint's cffi ``FFI`` for font subsetting, making ``T[N]`` arrays as ``T[]``.

    cffi parses each new C type string with pycparser, re-declaring every typedef
    of WeasyPrint's API on the way: 1.7 ms a string. Font subsetting asks for
    ``hb_codepoint_t[N]`` with N the number of glyphs of each font, so nearly every
    font of every brief was a new string: 12 parses, 21 ms, per seed brief, warm or
    cold. ``ffi.new("T[]", items)`` makes the same array from one parsed type.
    """

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: str, init: Any = None) -> Any:
        m = _SIZED_ARRAY.fullmatch(cdecl)
        if m is not None and init is not None and len(init) == int(m.group(2)):
            cdecl = m.group(1) + "[]"
        return self._ffi.new(cdecl, init)


_SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")

_import_fast()

from weasyprint import HTML  # noqa: E402
from weasyprint.pdf import fonts as pdf_fonts  # type: ignore[import-untyped]  # noqa: E402
from weasyprint.pdf import tags as pdf_tags  # noqa: E402
from weasyprint.urls import (  # type: ignore[import-untyped]  # noqa: E402
    FatalURLFetchingError,
    URLFetcher,
    URLFetcherResponse,
    path2url,
)

if hasattr(pdf_fonts, "ffi"):  # WeasyPrint 70's layout; another version goes without the shortcut
    pdf_fonts.ffi = _SizedArraysAsOpen(pdf_fonts.ffi)
