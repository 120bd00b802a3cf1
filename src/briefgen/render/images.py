"""Every image of a brief, read and checked once before any format is rendered (issue 7).

The renderers read images each their own way: the EPUB and the HTML page sniff
the bytes, but WeasyPrint logs an image it cannot decode (a text file named
``x.png``, or one Pillow calls a decompression bomb) and leaves it out of the
PDF with exit status 0. So the build checks every image first, for every
format alike: inside the workspace, a PNG, JPEG, GIF, WebP or SVG file, and no
more than :data:`MAX_PIXELS` pixels. The error names the source file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefgenError, RenderError
from ..guard import shorten
from .context import BriefContext
from .imagecheck import MAX_FRAMES, ImageProblem, raster_frames, svg_references

__all__ = ["IMAGE_TYPES", "MAX_PIXELS", "Image", "image_size", "read_images", "sniff"]

IMAGE_TYPES = {  # magic bytes -> (media type, extension); these are EPUB 3 core media types
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"GIF87a": ("image/gif", "gif"),
    b"GIF89a": ("image/gif", "gif"),
}


@dataclass(frozen=True)
class Image:
    """An image of the brief, read through the resource guard and identified by its bytes."""

    data: bytes
    media_type: str
    extension: str


#: 50 megapixels: five times a full A4 page at 600 dpi. A decoded pixel costs 4 bytes, so the
#: limit keeps one image under 200 MB; Pillow refuses 179 MP outright and warns from 89 MP on.
MAX_PIXELS = 50_000_000


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height = int.from_bytes(data[pos + 5 : pos + 7], "big")
            width = int.from_bytes(data[pos + 7 : pos + 9], "big")
            return width, height
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8 " and len(data) >= 30:
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels read from the header (None for SVG or an unknown header)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def sniff(data: bytes, src: str, source_file: str, line: int) -> tuple[str, str]:
    # The media type comes from the bytes, not the name: EPUBCheck rejects a mislabelled image (OPF-029).
    for magic, found in IMAGE_TYPES.items():
        if data.startswith(magic):
            return found
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ("image/webp", "webp")
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in data[:4096].lower():
        return ("image/svg+xml", "svg")  # its markup is checked by _check_content
    raise RenderError(
        f"image {src!r} is not a PNG, JPEG, GIF, WebP or SVG file; convert it", source_file, line
    )


def read_images(ctx: BriefContext, root: Path) -> dict[str, Image]:
    """Row id -> image, for every image of the brief; a :class:`RenderError` names the first bad one.

    Each image is inside the workspace (or a ``data:`` URL), a PNG, JPEG, GIF,
    WebP or SVG file by its bytes, and at most :data:`MAX_PIXELS` pixels.
    """
    rows = [r for r in ctx.rows if r.kind == "image" and r.src]
    if not rows:
        return {}
    from .resources import is_data_url, read_data_url, resolve_local

    base = (root / ctx.source_file).parent
    images: dict[str, Image] = {}
    for row in rows:
        src = row.src or ""
        try:
            data = read_data_url(src)[0] if is_data_url(src) else resolve_local(src, base, root).read_bytes()
        except BriefgenError as exc:
            raise type(exc)(f"image {src!r}: {exc.reason}", ctx.source_file, row.line) from None
        except OSError as exc:
            raise RenderError(
                f"image {src!r}: cannot read it ({exc.strerror})", ctx.source_file, row.line
            ) from None
        media_type, extension = sniff(data, src, ctx.source_file, row.line)
        try:
            _check_content(data, media_type, base if is_data_url(src) else _folder(src, base, root), root)
        except ImageProblem as exc:
            raise RenderError(f"image {shorten(src)} {exc}", ctx.source_file, row.line) from None
        images[row.id] = Image(data, media_type, extension)
    return images


def _folder(src: str, base: Path, root: Path) -> Path:
    from .resources import resolve_local

    return resolve_local(src, base, root).parent


def _check_content(data: bytes, media_type: str, base: Path, root: Path, depth: int = 0) -> None:
    """Limits a decoder would meet (pixels, frames) and, for an SVG, its markup and every image it draws."""
    if media_type != "image/svg+xml":
        width, height, frames = raster_frames(data, image_size(data) or (0, 0))
        if width * height > MAX_PIXELS:
            raise ImageProblem(
                f"is {width}x{height} pixels, more than briefgen's limit of "
                f"{MAX_PIXELS // 1_000_000} megapixels; scale it down (a page needs about 10)"
            )
        if frames > MAX_FRAMES:
            raise ImageProblem(f"has more than {MAX_FRAMES:,} frames; keep one")
        return
    from .resources import is_data_url, read_data_url, resolve_local

    for url in svg_references(data):
        if depth >= 2:
            raise ImageProblem("nests SVG images more than two deep; flatten it")
        try:
            inner = read_data_url(url)[0] if is_data_url(url) else resolve_local(url, base, root).read_bytes()
            inner_type = sniff(inner, url, "", 0)[0]
        except (BriefgenError, OSError) as exc:
            reason = exc.reason if isinstance(exc, BriefgenError) else exc.strerror
            raise ImageProblem(f"draws {shorten(url)}, which cannot be used: {reason}") from None
        inner_base = base if is_data_url(url) else resolve_local(url, base, root).parent
        try:
            _check_content(inner, inner_type, inner_base, root, depth + 1)
        except ImageProblem as exc:
            raise ImageProblem(f"draws {shorten(url)}, which {exc}") from None
