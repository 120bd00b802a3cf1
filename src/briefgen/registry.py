"""The names of the output formats, read from the ``briefgen.formats`` entry points.

A package adds a format by declaring an entry point in that group (briefgen's
own pdf, epub and html are declared the same way in its ``pyproject.toml``);
the entry point's name is what ``briefgen build -f NAME`` and the workspace's
``formats = [...]`` take. This module only reads names: nothing is imported
until a build loads a format (:func:`briefgen.formats.load`), so an EPUB build
never imports WeasyPrint. It imports nothing of briefgen, so that settings
(:mod:`briefgen.config`) can validate against it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points
from types import MappingProxyType

__all__ = ["GROUP", "entry_point", "names", "registered"]

#: The entry-point group output formats are registered in.
GROUP = "briefgen.formats"

#: briefgen's own formats first, in the order they are built; other formats follow by name.
_BUILT_IN = ("pdf", "epub", "html")


@functools.cache
def registered() -> Mapping[str, EntryPoint]:
    """Format name -> its entry point (read-only; read once per process)."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    order = [name for name in _BUILT_IN if name in found] + sorted(set(found) - set(_BUILT_IN))
    return MappingProxyType({name: found[name] for name in order})


def names() -> tuple[str, ...]:
    """The names ``build -f`` accepts."""
    return tuple(registered())


def entry_point(name: str) -> EntryPoint:
    """The entry point of format ``name`` (a KeyError when no package registers it)."""
    return registered()[name]
