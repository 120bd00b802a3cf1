"""The side-by-side HTML document that WeasyPrint lays out as the PDF brief.

The layout itself is the user-editable ``brief.html.j2`` and ``brief.css`` of
the layouts folder; this module only chooses the stylesheet and hands the
template the render context plus a few presentation helpers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import languages
from .context import BriefContext, heading_levels, language_name
from .names import protect_names
from .templates import layout_file, render_template

__all__ = [
    "STYLESHEET",
    "TEMPLATE",
    "heading_levels",
    "language_name",
    "render_html",
]

TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"


def _hyphenation(lang: str) -> str:
    """The ``lang`` of a text cell: the tag of the patterns WeasyPrint hyphenates it with.

    The tagged PDF's ``/Lang`` comes from the render context (render/pdftags.py), not from it."""
    return languages.profile(lang).hyphenation or lang


def render_html(ctx: BriefContext, layouts_dir: Path, *, tagged: bool = False) -> str:
    """Render the brief's HTML with the layouts folder's ``brief.html.j2``.

    ``tagged`` is for a tagged PDF (PDF/UA): WeasyPrint tags the part of the table on
    each page as a table of its own, which needs its header row, so the layout repeats it.
    """
    values: dict[str, Any] = {
        "ctx": ctx,
        "_": ctx.label,
        # By absolute file URL: fetched through the resource guard, its fonts resolved next to it.
        "stylesheet": layout_file(layouts_dir, STYLESHEET).resolve().as_uri(),
        "source_language": language_name(ctx.source_lang),
        "target_language": language_name(ctx.target_lang),
        "heading_levels": heading_levels(ctx.rows),
        "tagged": tagged,
        "names": protect_names,
        "hyphenation": _hyphenation,
    }
    return render_template(Path(layouts_dir), TEMPLATE, values)
