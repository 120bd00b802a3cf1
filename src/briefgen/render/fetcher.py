"""The WeasyPrint side of the resource guard: a URL fetcher that reads only what the guard allows.

It reads files itself (never through urllib's network handlers) and stops the
rendering on the first refused URL, because WeasyPrint turns ordinary fetch
errors into warnings. Kept apart from :mod:`briefgen.render.resources` so that
only the PDF path imports WeasyPrint.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import (  # type: ignore[import-untyped]
    FatalURLFetchingError,
    URLFetcher,
    URLFetcherResponse,
    path2url,
)

from ..errors import BriefgenError, RenderError
from .resources import is_data_url, read_data_url, resolve_local

__all__ = ["GuardedURLFetcher", "RefusedResource"]


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]  # weasyprint has no type hints
    """Carries a briefgen error through WeasyPrint, which catches every ``Exception`` a fetcher raises."""

    def __init__(self, error: BriefgenError) -> None:
        super().__init__(error.format_message())
        self.error = error


class GuardedURLFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no type hints
    """A WeasyPrint URL fetcher that only reads files allowed by :func:`resolve_local`.

    Stylesheets, images, ``@font-face`` sources and ``<link rel="attachment">``
    all go through :meth:`fetch`. ``fetched`` lists the files read, in order.
    """

    def __init__(self, root: Path) -> None:
        # allowed_protocols is belt and braces: fetch() below never hands a URL to urllib.
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.root = Path(root)
        self.fetched: list[Path] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:  # noqa: ARG002 - no HTTP here
        try:
            if is_data_url(url):
                body, media_type = read_data_url(url)
                return URLFetcherResponse(url, body, {"Content-Type": media_type})
            path = resolve_local(url, self.root, self.root)
            body = path.read_bytes()
        except BriefgenError as exc:
            raise RefusedResource(self._named_by_stylesheet(url, exc)) from None
        except OSError as exc:
            raise RefusedResource(RenderError(f"cannot read this resource: {exc.strerror}", url)) from None
        self.fetched.append(path)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path2url(str(path)), body, {"Content-Type": media_type})

    def _named_by_stylesheet(self, url: str, error: BriefgenError) -> BriefgenError:
        """A missing font or image, pointed at the line of the stylesheet that names it: the line to fix."""
        if type(error) is not RenderError:  # refusals say what was asked for; keep them as they are
            return error
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        for sheet in reversed(self.fetched):
            if not name or sheet.suffix.lower() != ".css":
                continue
            try:
                lines = sheet.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, start=1):
                if name in line:
                    return RenderError(
                        f"{name!r} not found (looked for {error.path}); fix this url() or add the file",
                        sheet,
                        number,
                    )
        return error
