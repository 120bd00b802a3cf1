"""The side-by-side HTML document: what WeasyPrint lays out, and later ``--format html``.

The layout itself is the user-editable ``brief.html.j2`` and ``brief.css`` of
the layouts folder; this module only chooses the stylesheet and hands the
template the render context plus a few presentation helpers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from .context import BriefContext, heading_levels, language_name
from .templates import DEFAULT_LAYOUTS, render_template

__all__ = [
    "STYLESHEET",
    "TEMPLATE",
    "Variant",
    "heading_levels",
    "language_name",
    "render_html",
    "stylesheet_path",
]

TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"

#: ``pdf`` links the stylesheet by absolute file URL (fetched through the resource
#: guard, its fonts resolved next to it); ``html`` links ``brief.css`` relative to
#: the output, which the caller copies there with ``fonts/``.
Variant = Literal["pdf", "html"]


def stylesheet_path(layouts_dir: Path) -> Path:
    """The workspace's ``brief.css`` when it has one, else briefgen's default."""
    own = Path(layouts_dir) / STYLESHEET
    return own if own.is_file() else DEFAULT_LAYOUTS / STYLESHEET


def render_html(
    ctx: BriefContext, layouts_dir: Path, *, variant: Variant = "pdf", tagged: bool = False
) -> str:
    """Render the brief's HTML with the layouts folder's ``brief.html.j2``.

    ``tagged`` is for a tagged PDF (PDF/UA): WeasyPrint tags the part of the table on
    each page as a table of its own, which needs its header row, so the layout repeats it.
    """
    css = stylesheet_path(layouts_dir)
    values: dict[str, Any] = {
        "ctx": ctx,
        "_": ctx.label,
        "variant": variant,
        "stylesheet": css.resolve().as_uri() if variant == "pdf" else STYLESHEET,
        "source_language": language_name(ctx.source_lang),
        "target_language": language_name(ctx.target_lang),
        "heading_levels": heading_levels(ctx.rows),
        "tagged": tagged,
    }
    return render_template(Path(layouts_dir), TEMPLATE, values)
