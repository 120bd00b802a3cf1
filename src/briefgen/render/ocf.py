"""The EPUB container (OCF): images read through the resource guard, document checks, the ZIP.

Split from :mod:`briefgen.render.epub`, which lays out the book; this module
makes its bytes reproducible (fixed timestamps and order, ``mimetype`` first
and stored) and refuses to package a broken document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import posixpath
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag
from xml.parsers import expat

from ..errors import RenderError
from .context import BriefContext
from .images import Image

__all__ = ["CONTAINER", "Asset", "check_documents", "collect_images", "utc", "write_zip", "zip_time"]

EPOCH_MIN = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the ZIP format cannot store earlier dates


@dataclass(frozen=True)
class Asset:
    """A binary file of the book (an image), stored under ``EPUB/``."""

    name: str
    media_type: str
    data: bytes


def utc(when: dt.datetime | None, date: dt.date) -> dt.datetime:
    if when is None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def zip_time(modified: dt.datetime) -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = modified
    if epoch:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError):
            raise RenderError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; fix or unset it"
            ) from None
    when = max(when, EPOCH_MIN)
    # ZIP stores local-less wall time; the UTC fields are used so that TZ never changes the bytes.
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def collect_images(ctx: BriefContext, read: Mapping[str, Image]) -> dict[str, Asset]:
    """Every image of the brief (``read`` by :func:`.images.read_images`) as a book asset, one per file."""
    images: dict[str, Asset] = {}
    by_digest: dict[str, Asset] = {}
    rows = {row.id: row for row in ctx.rows}
    for row_id, image in read.items():
        row = rows[row_id]
        if row.pair is None or not row.pair.source.plain.strip():
            raise RenderError(
                f"image {row.src!r} has no alt text; describe what it shows: ![description]({row.src})",
                ctx.source_file,
                row.line,
            )
        digest = hashlib.sha256(image.data).hexdigest()[:16]
        images[row_id] = by_digest.setdefault(
            digest, Asset(f"images/{digest}.{image.extension}", image.media_type, image.data)
        )
    return images


def check_documents(docs: Mapping[str, tuple[str, str]], layouts: Path) -> None:
    """Every document must be well-formed and every internal link must land on an id.

    A layout edited by a user is the usual culprit, so the error names it: a
    broken document never reaches ``out/`` (EPUBCheck would call it fatal).
    """
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str, str]] = []  # (document, target, layout)
    for name, (text, layout) in docs.items():
        found: set[str] = set()
        hrefs: list[str] = []

        def start(
            _tag: str, attrs: dict[str, str], found: set[str] = found, hrefs: list[str] = hrefs
        ) -> None:
            if "id" in attrs:
                found.add(attrs["id"])
            for key in ("href", "src", "xlink:href"):
                if key in attrs:
                    hrefs.append(attrs[key])

        parser = expat.ParserCreate()
        parser.StartElementHandler = start
        try:
            parser.Parse(text.encode("utf-8"), True)
        except expat.ExpatError as exc:
            raise RenderError(
                f"{name} is not well-formed XML ({expat.ErrorString(exc.code)}, line {exc.lineno} of the "
                "output); fix the layout, or the source text if it holds control characters",
                layouts / "epub" / layout,
            ) from None
        ids[name] = found
        links.extend((name, href, layout) for href in hrefs)
    for name, href, layout in links:
        if href.startswith(("http:", "https:", "mailto:", "data:", "urn:")) or "://" in href:
            continue
        path, fragment = urldefrag(href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
        if path and target not in ids and target not in ("epub.css",) and not target.startswith("images/"):
            raise RenderError(
                f"{name} links to {href!r}, which is not in the book; fix the layout",
                layouts / "epub" / layout,
            )
        if fragment and target in ids and fragment not in ids[target]:
            raise RenderError(
                f"{name} links to {href!r}, but {target} has no id {fragment!r}; fix the layout",
                layouts / "epub" / layout,
            )


CONTAINER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    b"  <rootfiles>\n"
    b'    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
    b"  </rootfiles>\n"
    b"</container>\n"
)


def write_zip(entries: Sequence[tuple[str, bytes]], when: tuple[int, int, int, int, int, int]) -> bytes:
    """The OCF container: ``mimetype`` first and stored, then every entry in the given order.

    Fixed timestamps, permissions and order make the bytes a function of the
    content only (checked by a test, also under another TZ).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3  # Unix, whatever the build machine
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9 if name != "mimetype" else None)
    return buffer.getvalue()
