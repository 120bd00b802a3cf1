"""The standalone bilingual HTML page (``--format html``): one self-contained file for the screen.

The page is the layouts folder's ``page.html.j2`` with ``page.css`` inlined and
every image embedded as a ``data:`` URL, so it can be mailed or opened from disk
without fetching anything. French and English face each other on wide screens
and stack block by block on narrow ones (``page.css``); no script is needed to
read it. Each target block carries ``data-po`` (catalog file and line) and
``data-status``, which ``briefgen preview`` uses to point a translator at the
entry to edit.

WeasyPrint is not imported here: an HTML build should not pay its start-up.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..errors import RenderError
from ..fsutil import atomic_write
from ..guard import read_guarded
from .context import BriefContext, Pair, Row, heading_levels, language_name
from .images import Image, read_images
from .templates import layout_file, render_template

__all__ = ["STYLESHEET", "TEMPLATE", "render_page", "write_page"]

TEMPLATE = "page.html.j2"
STYLESHEET = "page.css"

# Magic numbers of the image formats every browser shows; the media type of a
# data: URL comes from the bytes, because a mislabelled one is not displayed.
_STYLE_END = re.compile(r"</style", re.IGNORECASE)


def _stylesheet(layouts_dir: Path) -> Markup:
    """The workspace's ``page.css`` (else briefgen's), safe to put inside ``<style>``."""
    path = layout_file(layouts_dir, STYLESHEET)
    try:
        # The workspace is the layouts folder's parent; a symlink out of it is refused (issue 18).
        css = read_guarded(path, Path(layouts_dir).parent, what="stylesheet").decode("utf-8")
    except FileNotFoundError:
        raise RenderError(
            "stylesheet not found; copy page.css from briefgen's defaults (briefgen new)", path
        ) from None
    except UnicodeDecodeError:
        raise RenderError("not UTF-8 text; save the stylesheet as UTF-8", path) from None
    if _STYLE_END.search(css):
        # Inlined CSS ends at the first "</style": anything after it would become markup.
        raise RenderError(
            "the stylesheet contains '</style'; remove it (in a string, write '<\\/style')", path
        )
    return Markup(css)


def _data_urls(images: Mapping[str, Image]) -> dict[str, str]:
    """Row id -> ``data:`` URL of each image (the page is one self-contained file)."""
    return {
        row_id: f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"
        for row_id, image in images.items()
    }


def _po_ref(ctx: BriefContext, pair: Pair) -> str:
    """``catalog:line`` of a message (the catalog alone when the msgid is not in it yet)."""
    return f"{ctx.catalog_file}:{pair.po_line}" if pair.po_line else ctx.catalog_file


def _main_pair(row: Row) -> Pair | None:
    """The message a translator should open for a row: its text, else its caption, else its worst cell."""
    pairs = row.pairs
    if row.pair is not None or row.caption is not None:
        return pairs[0]
    return next((p for p in pairs if p.status == row.status), pairs[0] if pairs else None)


def render_page(
    ctx: BriefContext, layouts_dir: Path, workspace_root: Path, images: Mapping[str, Image] | None = None
) -> str:
    """The page's HTML text, rendered with the layouts folder's ``page.html.j2``."""
    layouts = Path(layouts_dir)
    if images is None:
        images = read_images(ctx, Path(workspace_root).resolve())
    values: dict[str, Any] = {
        "ctx": ctx,
        "_": ctx.label,
        "stylesheet": _stylesheet(layouts),
        "images": _data_urls(images),
        "po_ref": lambda pair: _po_ref(ctx, pair),
        "main_pair": _main_pair,
        "source_language": language_name(ctx.source_lang),
        "target_language": language_name(ctx.target_lang),
        "heading_levels": heading_levels(ctx.rows),
    }
    return render_template(layouts, TEMPLATE, values)


def write_page(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    out_path: Path,
    *,
    images: Mapping[str, Image] | None = None,
) -> Path:
    """Write the brief's standalone bilingual page to ``out_path`` (atomically) and return it.

    Raises :class:`RenderError` for a broken layout or image and
    :class:`~briefgen.errors.SecurityError` for an image outside the workspace;
    nothing is written then.
    """
    html = render_page(ctx, layouts_dir, workspace_root, images)
    atomic_write(out_path, html.encode("utf-8"))
    return Path(out_path)
