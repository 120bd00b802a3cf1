"""What an image holds beyond its header: frames, and the SVG's markup and references (issue 18).

The header check of :mod:`briefgen.render.images` was bypassed twice: a GIF whose
header says 1x1 carried a 12000x12000 frame (144 megapixels decoded, 65 s, 1.2 GB),
and a small SVG wrapped a 170-megapixel PNG. So the frames of a GIF, an animated
PNG and an animated WebP are walked (their headers only, nothing is decoded), and
an SVG is parsed with Expat, refusing what could run or fetch: a DOCTYPE (external
entities, entity bombs), script or foreignObject elements in any namespace, ``on*``
event attributes and ``javascript:`` URLs; every image it references is checked too.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable

__all__ = ["MAX_FRAMES", "ImageProblem", "raster_frames", "svg_references"]

#: An animation's most frames: WeasyPrint shows the first, a reading system may play them all.
MAX_FRAMES = 1_000

#: Attributes whose value is a URL (any namespace: href, xlink:href, src).
_URL_ATTRIBUTES = {"href", "src"}
#: Elements whose URL is an image that a renderer decodes.
_IMAGE_ELEMENTS = {"image", "feimage"}
_ACTIVE_ELEMENTS = {"script", "foreignobject", "handler", "listener"}
_SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-]*)\s*:", re.IGNORECASE)


class ImageProblem(ValueError):
    """What is wrong with an image, in words for the error line."""


def _gif_frames(data: bytes) -> list[tuple[int, int]]:
    """The extent (right, bottom edge) of each frame of a GIF, read from the block structure."""
    if len(data) < 13:
        raise ImageProblem("is a truncated GIF")
    pos = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    frames: list[tuple[int, int]] = []
    while pos < len(data):
        kind = data[pos]
        if kind == 0x3B:  # trailer
            break
        if kind == 0x21:  # extension: label, then sub-blocks
            pos = _skip_blocks(data, pos + 2)
        elif kind == 0x2C:  # image descriptor
            if pos + 10 > len(data):
                break
            left, top, width, height = (
                int.from_bytes(data[pos + i : pos + i + 2], "little") for i in (1, 3, 5, 7)
            )
            frames.append((left + width, top + height))
            if len(frames) > MAX_FRAMES:
                break
            flags = data[pos + 9]
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            pos = _skip_blocks(data, pos + 1)  # LZW minimum code size, then the data sub-blocks
        else:
            break  # junk after the image: decoders stop here too
    return frames


def _u16(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos : pos + 2], "little")


def _skip_blocks(data: bytes, pos: int) -> int:
    while pos < len(data) and data[pos]:
        pos += 1 + data[pos]
    return pos + 1


def _png_frames(data: bytes) -> int:
    """How many frames an animated PNG declares (``fcTL`` chunks); 1 for a still PNG."""
    count, pos = 0, 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        if data[pos + 4 : pos + 8] == b"fcTL":
            count += 1
            if count > MAX_FRAMES:
                break
        pos += 12 + length
    return max(count, 1)


def _webp_frames(data: bytes) -> list[tuple[int, int]]:
    """The size of each ``ANMF`` frame of an animated WebP."""
    frames: list[tuple[int, int]] = []
    pos = 12
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if data[pos : pos + 4] == b"ANMF" and pos + 8 + 16 <= len(data):
            body = data[pos + 8 :]
            right = int.from_bytes(body[0:3], "little") * 2 + 1 + int.from_bytes(body[6:9], "little")
            bottom = int.from_bytes(body[3:6], "little") * 2 + 1 + int.from_bytes(body[9:12], "little")
            frames.append((right, bottom))
            if len(frames) > MAX_FRAMES:
                break
        pos += 8 + size + (size & 1)
    return frames


def raster_frames(data: bytes, header: tuple[int, int]) -> tuple[int, int, int]:
    """(width, height, frames) a decoder meets: the header's size grown to cover every frame."""
    width, height = header
    frames = 1
    if data[:6] in (b"GIF87a", b"GIF89a"):
        extents = _gif_frames(data)
        frames = max(len(extents), 1)
        width = max([width, *(right for right, _ in extents)])
        height = max([height, *(bottom for _, bottom in extents)])
    elif data.startswith(b"\x89PNG"):
        frames = _png_frames(data)
    elif data[:4] == b"RIFF":
        extents = _webp_frames(data)
        frames = max(len(extents), 1)
        width = max([width, *(right for right, _ in extents)])
        height = max([height, *(bottom for _, bottom in extents)])
    return width, height, frames


def _local(name: str) -> str:
    """An Expat name ``"namespace local"`` (or ``"prefix:local"`` unbound) -> ``local``, lower-case."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


def svg_references(data: bytes) -> list[str]:
    """The URLs of the images an SVG draws; :class:`ImageProblem` for anything active or unsafe."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    images: list[str] = []

    def refuse(what: str) -> Callable[..., None]:
        def handler(*_: object) -> None:
            raise ImageProblem(what)

        return handler

    def start(name: str, attributes: dict[str, str]) -> None:
        element = _local(name)
        if element in _ACTIVE_ELEMENTS:
            raise ImageProblem(f"is an SVG with a <{element}> element (scripts are not allowed)")
        for attribute, value in attributes.items():
            local = _local(attribute)
            if local.startswith("on"):
                raise ImageProblem(f"is an SVG with an event attribute ({local}=); remove it")
            scheme = _SCHEME.match(value)
            if scheme is not None and scheme[1].lower() in ("javascript", "vbscript"):
                raise ImageProblem("is an SVG with a javascript: URL; remove it")
            if local in _URL_ATTRIBUTES and element in _IMAGE_ELEMENTS:
                images.append(value.strip())

    parser.StartDoctypeDeclHandler = refuse("is an SVG with a DOCTYPE (entities are not allowed)")
    parser.EntityDeclHandler = refuse("is an SVG with an entity declaration")
    # No ExternalEntityRefHandler needed: a reference needs a DOCTYPE, refused above.
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise ImageProblem(
            f"is not well-formed SVG (line {exc.lineno}: {xml.parsers.expat.ErrorString(exc.code)})"
        ) from None
    return images
