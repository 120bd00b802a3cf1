"""The side-by-side PDF brief: the HTML of :mod:`.html` laid out by WeasyPrint.

Every resource goes through :class:`.resources.GuardedURLFetcher`; the PDF is
written atomically, so a failed build leaves the previous file (or none).
Builds are reproducible: WeasyPrint's output depends on the clock only through
fontTools' font timestamps, which honour ``SOURCE_DATE_EPOCH``; when the
environment does not set it, the brief's own date is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import path2url  # type: ignore[import-untyped]

from ..errors import RenderError
from ..fsutil import atomic_write
from .context import BriefContext, Row
from .fetcher import GuardedURLFetcher, RefusedResource
from .html import render_html
from .images import Image, read_images
from .pdftags import language_finisher
from .templates import layout_file

__all__ = ["PDF_VARIANTS", "write_pdf"]

LOGGER = logging.getLogger("briefgen.render")

#: The ``pdf_variant`` values briefgen accepts (WeasyPrint knows more; these are tested).
PDF_VARIANTS = ("pdf/ua-1",)


def write_pdf(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    out_path: Path,
    *,
    pdf_variant: str | None = None,
    images: Mapping[str, Image] | None = None,
    tagged: bool = True,
) -> Path:
    """Render ``ctx`` as a side-by-side PDF at ``out_path`` and return that path.

    The PDF is tagged (structure tree, reading order, each column's ``/Lang``) unless
    ``tagged`` is False; a ``pdf_variant`` such as PDF/UA-1 is always tagged.

    Raises :class:`RenderError` for a broken layout or a missing image, and
    :class:`SecurityError` for a resource outside ``workspace_root`` or on the
    network; in both cases nothing is written.
    """
    if pdf_variant is not None and pdf_variant not in PDF_VARIANTS:
        raise RenderError(f"unknown PDF variant {pdf_variant!r}; use one of: {', '.join(PDF_VARIANTS)}")
    root = Path(workspace_root).resolve()
    source_dir = root / Path(ctx.source_file).parent
    if images is None:  # the pipeline reads them once for every format; WeasyPrint reads them again
        read_images(ctx, root)  # it alone would drop an unreadable image and exit 0
    _warn_missing_glyphs(ctx, Path(layouts_dir))
    # Tagged by default (issue 16): a screen reader gets the reading order and, through the
    # finisher, each column's language (cost: benchmarks/bench_pdf.py --tags).
    tagged = tagged or pdf_variant is not None
    html = render_html(ctx, Path(layouts_dir), tagged=tagged)
    fetcher = GuardedURLFetcher(root)
    base_url = path2url(str(source_dir)).rstrip("/") + "/"
    with source_date_epoch(ctx.date):
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            data = document.write_pdf(
                pdf_variant=pdf_variant,
                pdf_tags=tagged,
                custom_metadata=False,
                finisher=language_finisher(ctx) if tagged else None,
            )
        except RefusedResource as exc:
            raise exc.error from None
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() without target returns bytes
        raise RenderError("WeasyPrint returned no PDF data", out_path)
    out = Path(out_path)
    atomic_write(out, data)
    return out


@contextlib.contextmanager
def source_date_epoch(date: dt.date) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` to ``date`` (midnight UTC) unless already set; restore it after.

    Not thread-safe (the environment is process-wide): build in processes, not threads.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


@lru_cache(maxsize=32)
def _cmap(font_file: Path) -> frozenset[int]:
    with TTFont(font_file, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _uncovered(fonts_dir: Path, codepoints: set[int]) -> set[int] | None:
    """The code points that no font of ``fonts_dir`` has (None when it has no fonts).

    Fonts are read one by one until every code point is found: usually the first
    font covers the whole text, and reading all six shipped cmaps cost 14 ms a build.
    """
    fonts = sorted(fonts_dir.glob("*.[ot]tf"))
    if not fonts:
        return None
    remaining = set(codepoints)
    for font_file in fonts:
        if not remaining:
            break
        remaining -= _cmap(font_file)
    return remaining


def _row_text(row: Row) -> str:
    return "".join(p.source.plain + p.target.plain for p in row.pairs)


def _warn_missing_glyphs(ctx: BriefContext, layouts_dir: Path) -> None:
    """Warn once per row whose text needs characters the layout's fonts lack.

    WeasyPrint then draws them with an installed system font when fontconfig finds
    one, else as empty boxes: never a crash, but the output is no longer
    machine-independent, so the user is told which block and which characters.
    """
    texts = [(row, _row_text(row)) for row in ctx.rows]
    used = {ord(ch) for ch in set().union(*(text for _, text in texts)) if not ch.isspace()}
    lacking = _uncovered(layout_file(layouts_dir, "fonts"), used)
    if not lacking:
        return
    for row, text in texts:
        missing = sorted({ch for ch in text if ord(ch) in lacking})
        if missing:
            shown = " ".join(f"U+{ord(ch):04X}" for ch in missing[:5]) + (" …" if len(missing) > 5 else "")
            LOGGER.warning(
                "%s:%d: block %s uses %d characters the layout fonts lack (%s); they are drawn with an "
                "installed font if there is one, else as empty boxes; add a font covering them to brief.css",
                ctx.source_file,
                row.line,
                row.id,
                len(missing),
                shown,
            )
