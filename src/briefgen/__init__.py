"""briefgen: bilingual briefs (side-by-side PDF, EPUB, HTML) from a source and gettext catalogs.

The public API is small; everything the command line does is callable from
Python through these names. Heavy modules (WeasyPrint, the Markdown and YAML
parsers, Jinja2, Babel) are imported only by the stages that need them, so
``briefgen --version`` and a no-op build stay fast, and an EPUB build never
imports WeasyPrint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = [
    "BriefgenError",
    "Workspace",
    "__version__",
    "build",
    "load_source",
    "load_workspace",
]

if TYPE_CHECKING:
    from .build import build
    from .config import Workspace, load_workspace
    from .errors import BriefgenError
    from .sources import load_source

_LAZY = {
    "build": ".build",
    "Workspace": ".config",
    "load_workspace": ".config",
    "BriefgenError": ".errors",
    "load_source": ".sources",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module, __name__), name)
