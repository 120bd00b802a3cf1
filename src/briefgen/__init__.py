"""briefgen: bilingual briefs (side-by-side PDF, EPUB, HTML) from a source and gettext catalogs.

The public API is small; everything the command line does is callable from
Python through these names. The renderers' libraries (WeasyPrint, Jinja2, Babel)
are imported by the stages that need them, so an EPUB build never imports
WeasyPrint.
"""

from __future__ import annotations

from .brief import Brief, assemble
from .build import build
from .config import Workspace, load_workspace
from .errors import BriefgenError
from .sources import load_source
from .version import __version__

__all__ = [
    "Brief",
    "BriefgenError",
    "Workspace",
    "__version__",
    "assemble",
    "build",
    "load_source",
    "load_workspace",
]
