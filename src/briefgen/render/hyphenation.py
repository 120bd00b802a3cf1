"""Pyphen's hyphenation patterns, parsed once per machine instead of once per process.

WeasyPrint hyphenates each column with Pyphen, which parses a language's
``hyph_*.dic`` the first time a process needs it: 45 ms for English (13,932
patterns) and 10 ms for French, a tenth of a cold one-brief build. The patterns
Pyphen parsed are kept in briefgen's cache folder (``marshal``, the format of
Python's own ``.pyc`` files) and given to Pyphen's per-process cache next time,
which takes 5 ms. The file name carries what the patterns depend on (Pyphen's
version, the dictionary's path, size and modification time, Python's version),
so a changed dictionary is parsed again. A cache that cannot be read or written
only costs the parse: hyphenation never depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pyphen  # type: ignore[import-untyped]

from ..errors import BriefgenError
from ..fsutil import atomic_write
from ..gcpolicy import without_collections

__all__ = ["cache_folder", "preload"]

_Patterns = dict[str, tuple[int, tuple[int, ...]]]


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/briefgen/hyphenation`` (``~/.cache/briefgen/hyphenation`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefgen" / "hyphenation"


def preload(langs: Iterable[str]) -> None:
    """Put the patterns for ``langs`` (``lang`` attribute values) in Pyphen's per-process cache."""
    if not isinstance(getattr(pyphen, "hdcache", None), dict):  # another Pyphen: it parses as usual
        return
    for lang in langs:
        name = pyphen.language_fallback(lang.replace("-", "_"))
        if name is None:  # no dictionary: WeasyPrint does not hyphenate this language
            continue
        path = pyphen.LANGUAGES[name]
        if path not in pyphen.hdcache:
            with without_collections():  # 17,000 tuples for English: 42 ms with collections, 6 without
                pyphen.hdcache[path] = _dictionary(path)


def _dictionary(path: Path) -> pyphen.HyphDict:
    stat = path.stat()
    key = repr((pyphen.__version__, str(path), stat.st_size, stat.st_mtime_ns, sys.version_info[:2]))
    cached = cache_folder() / f"{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        patterns = marshal.loads(cached.read_bytes())
        if isinstance(patterns, dict) and patterns:
            return _from_patterns(patterns)
    parsed = pyphen.HyphDict(path)
    # Cached only when this Pyphen builds what _from_patterns rebuilds (the file name carries its
    # version), and without nonstandard hyphenation (Hungarian "ssz=sz"): it stores ints carrying
    # data, which marshal would drop.
    if set(vars(parsed)) == {"patterns", "cache", "maxlen"} and all(
        type(start) is int and all(type(v) is int for v in values)
        for start, values in parsed.patterns.values()
    ):
        with contextlib.suppress(BriefgenError):
            atomic_write(cached, marshal.dumps(parsed.patterns))
    return parsed


def _from_patterns(patterns: _Patterns) -> pyphen.HyphDict:
    """A ``HyphDict`` as ``HyphDict(path)`` builds it, from patterns it parsed before."""
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns = patterns
    hyph.cache = {}
    hyph.maxlen = max(len(key) for key in patterns)
    return hyph
