"""briefgen's own output formats: pdf, epub and html, registered as ``briefgen.formats`` entry points.

Each is a format object (``suffix`` and ``write(brief, path)``) that turns the
:class:`~briefgen.brief.Brief` into the one render model (:mod:`.context`) and
hands it to its renderer. The renderers are imported inside ``write``: loading
the epub format does not import WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..brief import Brief
    from .context import BriefContext
    from .images import Image

__all__ = ["Epub", "Html", "Pdf", "epub", "html", "pdf", "prepared"]

#: The last brief prepared, with its render model and images: every format of a brief
#: shares one (the context is computed once, each image read and checked once).
_last: list[tuple[Brief, BriefContext, Mapping[str, Image]]] = []


def prepared(brief: Brief) -> tuple[BriefContext, Mapping[str, Image]]:
    """The render model of ``brief`` and its images (a bad image raises a RenderError here)."""
    if _last and _last[0][0] is brief:
        return _last[0][1], _last[0][2]
    from .context import brief_context
    from .images import read_images

    ctx = brief_context(brief)
    images = read_images(ctx, brief.root)
    _last[:] = [(brief, ctx, images)]
    return ctx, images


@dataclass(frozen=True)
class Pdf:
    """The side-by-side PDF (WeasyPrint); ``variant`` ``"pdf/ua-1"`` makes a tagged PDF/UA-1."""

    variant: str | None = None
    suffix: str = ".pdf"

    def variants(self, options: Mapping[str, object]) -> Sequence[Pdf]:
        variant = options.get("pdf_variant")
        return [Pdf(variant if isinstance(variant, str) else None)]

    def write(self, brief: Brief, path: Path) -> None:
        from .pdf import write_pdf

        ctx, images = prepared(brief)
        write_pdf(ctx, brief.layouts_dir, brief.root, path, pdf_variant=self.variant, images=images)


@dataclass(frozen=True)
class Epub:
    """The EPUB 3 edition in one reading ``mode``; modes other than the default carry their name."""

    mode: str = "interleaved"

    @property
    def suffix(self) -> str:
        return ".epub" if self.mode == "interleaved" else f".{self.mode}.epub"

    def variants(self, options: Mapping[str, object]) -> Sequence[Epub]:
        modes = options.get("epub_modes") or ("interleaved",)
        return [Epub(str(mode)) for mode in modes] if isinstance(modes, tuple | list) else [self]

    def write(self, brief: Brief, path: Path) -> None:
        from .epub import write_epub

        ctx, images = prepared(brief)
        write_epub(ctx, brief.layouts_dir, brief.root, path, mode=self.mode, images=images)


@dataclass(frozen=True)
class Html:
    """The standalone bilingual HTML page (images inlined)."""

    suffix: str = ".html"

    def write(self, brief: Brief, path: Path) -> None:
        from .page import write_page

        ctx, images = prepared(brief)
        write_page(ctx, brief.layouts_dir, brief.root, path, images=images)


#: The objects the entry points name (pyproject.toml, ``[project.entry-points."briefgen.formats"]``).
pdf = Pdf()
epub = Epub()
html = Html()
