"""The resource guard: every file a renderer reads for a brief goes through :func:`resolve_local`.

Sources and layouts are user data; a brief built on a shared machine must not
embed ``/etc/passwd`` through ``<link rel="attachment">``, follow a symlink out
of the workspace, or reach the network (``http://169.254.169.254/`` is the
cloud metadata address). So a URL is allowed only when it names a file inside
the workspace or inside briefgen's own layouts (default fonts and stylesheet),
after ``..`` and symlinks are resolved; ``data:`` URLs carry their bytes and
need no fetching. Everything else is a :class:`SecurityError`.

:class:`briefgen.render.fetcher.GuardedURLFetcher` is the WeasyPrint side; this
module imports nothing heavy, so the EPUB and HTML paths use it without WeasyPrint.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from ..errors import RenderError, SecurityError
from ..guard import inside
from .templates import DEFAULT_LAYOUTS

__all__ = [
    "is_data_url",
    "read_data_url",
    "resolve_local",
]

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")


def is_data_url(url: str) -> bool:
    """True for ``data:`` URLs, which hold their content and are always allowed."""
    return url.strip()[:5].lower() == "data:"


def read_data_url(url: str) -> tuple[bytes, str]:
    """The bytes and media type of a ``data:`` URL (RFC 2397)."""
    header, sep, payload = url.strip()[5:].partition(",")
    if not sep:
        raise RenderError(f"malformed data: URL {url[:40]!r}…; it needs a comma before the data")
    params = header.split(";")
    media_type = params[0] or "text/plain"
    if params[-1].lower() == "base64":
        try:
            return base64.b64decode(unquote(payload), validate=False), media_type
        except ValueError as exc:
            raise RenderError(f"malformed base64 in data: URL ({exc}); re-encode the resource") from None
    return unquote_to_bytes(payload), media_type


def _allowed_roots(root: Path) -> tuple[Path, ...]:
    return (root.resolve(), DEFAULT_LAYOUTS.resolve())


def resolve_local(url: str, base: Path, root: Path, *, must_exist: bool = True) -> Path:
    """The file ``url`` names, resolved, if it lies inside ``root`` or briefgen's own layouts.

    ``url`` is a relative reference (resolved against the folder ``base``), a
    ``file:`` URL or an absolute path. Network schemes, ``file:`` paths outside
    the workspace, ``..`` escapes and symlinks leaving the workspace raise
    :class:`SecurityError`; a missing file raises :class:`RenderError` when
    ``must_exist``. ``data:`` URLs have no path: test :func:`is_data_url` first.
    """
    text = url.strip()
    if is_data_url(text):
        raise ValueError("a data: URL has no file path; check is_data_url() before resolve_local()")
    match = _SCHEME_RE.match(text)
    scheme = match[1].lower() if match else ""
    if text.startswith("//") or (scheme and scheme != "file"):
        # Refused before any resolution: no DNS lookup, no connection, whatever the host.
        shown = text if len(text) < 120 else text[:117] + "…"
        raise SecurityError(
            f"refused to fetch {shown!r}: briefgen never reads resources from the network; "
            "download the file into the workspace and link it with a relative path"
        )
    if scheme == "file":
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            raise SecurityError(f"refused to fetch {text!r}: file URLs on another host are not allowed")
        raw = Path(url2pathname(parts.path))
    else:
        # A relative reference: drop the fragment and query, undo %-escapes.
        raw = Path(unquote(text.split("#", 1)[0].split("?", 1)[0]))
    candidate = raw if raw.is_absolute() else Path(base) / raw
    roots = _allowed_roots(Path(root))
    # Lexical check first so that "../../etc/passwd" is refused by what it says,
    # then the resolved check so that a symlink inside the workspace cannot point out.
    lexical = Path(os.path.normpath(os.path.abspath(candidate)))
    if not inside(lexical, roots) and not inside(lexical, (Path(os.path.abspath(root)), DEFAULT_LAYOUTS)):
        raise SecurityError(
            f"refused to read {url!r}: it is outside the workspace {root}; "
            "copy the file into the workspace and link it with a relative path",
            lexical,
        )
    resolved = candidate.resolve()
    if not inside(resolved, roots):
        raise SecurityError(
            f"refused to read {url!r}: it is a symbolic link to {resolved}, outside the workspace; "
            "copy the file into the workspace instead of linking it",
            lexical,
        )
    if must_exist and not resolved.is_file():
        raise RenderError(f"resource not found: {url!r} (looked for {resolved}); check the path", lexical)
    return resolved
