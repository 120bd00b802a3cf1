"""The EPUB edition: one :class:`BriefContext` -> an EPUB 3 file (with an EPUB 2 NCX for old readers).

The package is assembled here rather than with ebooklib, because ebooklib 0.20
stamps the current time on every ZIP entry and picks a random identifier
(two builds of one brief gave different bytes), and its generated cover page
and navigation tripped EPUBCheck (OPF-096, RSC-005). Writing the few package
files ourselves also keeps the import path short: no lxml, no weasyprint.

Four modes, one set of layouts (``layouts/epub/``):

``interleaved``
    each source block followed by its translation, in one reading order;
``parallel``
    the whole source text, then the whole translation, each block linked to
    its counterpart so a tap jumps across;
``source`` / ``target``
    single-language editions.

Nothing is written to ``out_path`` until every document has been rendered and
checked (well-formed XML, every internal link resolves), and then atomically:
a failed build leaves the previous file, never a half-written or invalid one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urldefrag
from xml.parsers import expat

from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from ..errors import BriefgenError, RenderError
from ..fsutil import atomic_write
from .context import BriefContext, Pair, Row, Text
from .templates import DEFAULT_LAYOUTS, render_template

__all__ = ["MODES", "build_epub", "write_epub"]

Mode = Literal["interleaved", "parallel", "source", "target"]
Role = Literal["source", "target"]

#: Output modes, in the order the CLI lists them (the first is the default).
MODES: tuple[str, ...] = ("interleaved", "parallel", "source", "target")

#: Rows per XHTML file when no heading gives a better place to split: some
#: readers (Adobe RMSDK, older Kobo firmware) slow down or refuse files over ~300 kB.
CHUNK_ROWS = 120

_EPOCH_MIN = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the ZIP format cannot store earlier dates
_IMAGE_TYPES = {  # magic bytes -> (media type, extension); these are EPUB 3 core media types
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"GIF87a": ("image/gif", "gif"),
    b"GIF89a": ("image/gif", "gif"),
}


@dataclass(frozen=True)
class Asset:
    """A binary file of the book (an image), stored under ``EPUB/``."""

    name: str
    media_type: str
    data: bytes


@dataclass
class ListNode:
    """A list of the source, rebuilt from its list-item rows (``level`` is the nesting depth)."""

    level: int
    ordered: bool
    start: int | None
    items: list[ListItem] = field(default_factory=list)


@dataclass
class ListItem:
    rows: list[Row]
    sublists: list[ListNode] = field(default_factory=list)


@dataclass
class Item:
    """One thing a chapter lays out: a row, a run of quote rows, or a list tree."""

    kind: str  # "row", "quote" or "list"
    rows: list[Row] = field(default_factory=list)
    tree: ListNode | None = None


@dataclass
class Chunk:
    """One XHTML file of the text: ``roles`` are the languages it shows, in order."""

    name: str
    roles: tuple[Role, ...]
    items: list[Item]
    heading: Pair | None = None  # the part's title, shown at the top of its first file


@dataclass
class NavEntry:
    label: str
    href: str
    lang: str
    children: list[NavEntry] = field(default_factory=list)
    order: int = 0  # the NCX playOrder: position in a depth-first walk


def write_epub(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    out_path: Path,
    *,
    mode: str = "interleaved",
    modified: dt.datetime | None = None,
) -> Path:
    """Write the EPUB of ``ctx`` to exactly ``out_path`` (atomically) and return that path.

    ``modified`` is the package's ``dcterms:modified`` (default: the source's
    date); ZIP entries carry ``SOURCE_DATE_EPOCH`` when set, else that date, so
    the same brief always gives the same bytes.
    """
    data = build_epub(ctx, layouts_dir, workspace_root, mode=mode, modified=modified)
    atomic_write(out_path, data)
    return Path(out_path)


def build_epub(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    *,
    mode: str = "interleaved",
    modified: dt.datetime | None = None,
) -> bytes:
    """The EPUB file's bytes (see :func:`write_epub`)."""
    if mode not in MODES:
        raise RenderError(f"unknown EPUB mode {mode!r}; use one of {', '.join(MODES)}")
    book = _Book(ctx, Path(layouts_dir), Path(workspace_root), mode, _utc(modified, ctx.date))  # type: ignore[arg-type]
    return book.build()


def _utc(when: dt.datetime | None, date: dt.date) -> dt.datetime:
    if when is None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _zip_time(modified: dt.datetime) -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = modified
    if epoch:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError):
            raise RenderError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; fix or unset it"
            ) from None
    when = max(when, _EPOCH_MIN)
    # ZIP stores local-less wall time; the UTC fields are used so that TZ never changes the bytes.
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def language_name(lang: str) -> str:
    """``Français`` for ``fr``: a part's title in its own language."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, UnknownLocaleError):
        name = lang
    return name[:1].upper() + name[1:]


class _Book:
    """Lays out one brief in one mode; :meth:`build` returns the ZIP bytes."""

    def __init__(
        self, ctx: BriefContext, layouts: Path, root: Path, mode: Mode, modified: dt.datetime
    ) -> None:
        self.ctx = ctx
        self.layouts = layouts
        self.root = root
        self.mode = mode
        self.modified = modified
        both: tuple[Role, ...] = ("source", "target")
        self.roles: tuple[Role, ...] = {"source": ("source",), "target": ("target",)}.get(mode, both)  # type: ignore[assignment]
        self.lang = ctx.target_lang if mode == "target" else ctx.source_lang
        self.images = _collect_images(ctx, root)
        self.top_level = min((r.level for r in ctx.rows if r.kind == "heading"), default=1)
        self.chunks = self._chunks()
        self.files: dict[tuple[str, Role], str] = {}  # (row id, role) -> file name
        for chunk in self.chunks:
            for row in _rows(chunk.items):
                for role in chunk.roles:
                    self.files[(row.id, role)] = chunk.name
        for item in ctx.box:
            if (item.block_id, self.roles[0]) not in self.files:
                raise RenderError(
                    f"key figure {item.figure.source.plain!r} refers to block {item.block_id!r}, "
                    "which is not in the text; rebuild the facts",
                    ctx.source_file,
                )
        self.identifier = "urn:uuid:" + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:{ctx.slug}:{ctx.source_lang}:{ctx.target_lang}:{mode}")
        )

    # -- helpers the templates call -------------------------------------------------

    def text(self, pair: Pair, role: Role) -> Text:
        return pair.source if role == "source" else pair.target

    def anchor(self, row: Row, role: Role) -> str:
        """The id of ``row`` shown in ``role``: one id per row when both languages share a block."""
        if self.mode == "parallel":
            return f"{role[0]}-{row.id}"
        return row.id

    def href(self, row_id: str, role: Role) -> str:
        name = self.files[(row_id, role)]
        return f"{name}#{row_id if self.mode != 'parallel' else role[0] + '-' + row_id}"

    def jump(self, row: Row, role: Role) -> str | None:
        """In parallel mode, the link from a block to its counterpart in the other language."""
        if self.mode != "parallel":
            return None
        return self.href(row.id, "target" if role == "source" else "source")

    def heading_level(self, row: Row) -> int:
        # The topmost heading of the source becomes h2: h1 is the part's or the book's title.
        return max(2, min(6, row.level - self.top_level + 2))

    def image(self, row: Row) -> Asset:
        return self.images[row.id]

    def lang_tag(self, text: Text) -> str:
        return text.lang.split("-")[0].upper()

    def label_text(self, pair: Pair, roles: Sequence[Role] | None = None) -> str:
        """A label's plain text in the mode's languages (``Texte / Text``), each distinct text once."""
        shown: list[str] = []
        for role in roles or self.roles:
            plain = self.text(pair, role).plain
            if plain not in shown:
                shown.append(plain)
        return " / ".join(shown)

    def other_tag(self, role: Role) -> str:
        other = self.ctx.target_lang if role == "source" else self.ctx.source_lang
        return other.split("-")[0].upper()

    def role_lang(self, role: Role) -> str:
        return self.ctx.source_lang if role == "source" else self.ctx.target_lang

    def chunk_lang(self, chunk: Chunk) -> str:
        return self.role_lang(chunk.roles[0])

    def chunk_title(self, chunk: Chunk) -> str:
        """The document title of a text file: its first heading, else the part's name."""
        heading = next((r for r in _rows(chunk.items) if r.kind == "heading" and r.pair is not None), None)
        if heading is not None and heading.pair is not None:
            return self.label_text(heading.pair, chunk.roles)
        if self.mode == "parallel":
            return language_name(self.chunk_lang(chunk))
        return self.label_text(self.ctx.label("Text"))

    def languages(self) -> list[str]:
        """The package's languages, the book's main language first (both, whatever the mode:
        the cover and the title page show the title in both)."""
        return list(dict.fromkeys([self.lang, self.ctx.source_lang, self.ctx.target_lang]))

    def cover_langs(self) -> str:
        return " · ".join(lang.split("-")[0].upper() for lang in self.languages())

    def cover_alt(self) -> str:
        ctx = self.ctx
        parts = list(dict.fromkeys([ctx.title.source.plain, ctx.title.target.plain]))
        return " / ".join(parts) + f" ({ctx.date_text.source.plain})"

    def accessibility_summary(self) -> str:
        langs = " and ".join(
            language_name(lang) for lang in dict.fromkeys(self.role_lang(role) for role in self.roles)
        )
        text = (
            f"A brief in {langs} with a table of contents, headings and a reading order that follows "
            "the text; every passage is marked with its language."
        )
        if len(self.roles) == 2:
            text += " Each passage of the original is paired with its translation."
        if self.images:
            text += " Images have text alternatives."
        if "target" in self.roles:
            text += " Missing or unchecked translations are marked in words, not by colour alone."
        return text

    # -- layout ---------------------------------------------------------------------

    def _chunks(self) -> list[Chunk]:
        runs = _split(self.ctx.rows)
        if self.mode == "parallel":
            out: list[Chunk] = []
            for role in self.roles:
                lang = self.ctx.source_lang if role == "source" else self.ctx.target_lang
                title = Pair(
                    Text(lang, Markup.escape(language_name(lang)), language_name(lang)),
                    Text(lang, Markup.escape(language_name(lang)), language_name(lang)),
                    "literal",
                )
                for index, run in enumerate(runs, start=1):
                    out.append(
                        Chunk(
                            f"{role}-{index:03d}.xhtml", (role,), _items(run), title if index == 1 else None
                        )
                    )
            return out
        return [
            Chunk(f"text-{index:03d}.xhtml", self.roles, _items(run))
            for index, run in enumerate(runs, start=1)
        ]

    def _nav(self) -> list[NavEntry]:
        _ = self.ctx.label
        entries = [NavEntry(self.label_text(_("Summary")), "summary.xhtml", self.lang)]
        parts: list[tuple[tuple[Role, ...], list[Chunk]]] = (
            [((role,), [c for c in self.chunks if c.roles == (role,)]) for role in self.roles]
            if self.mode == "parallel"
            else [(self.roles, self.chunks)]
        )
        for roles, chunks in parts:
            lang = self.ctx.source_lang if roles[0] == "source" else self.ctx.target_lang
            label = language_name(lang) if self.mode == "parallel" else self.label_text(_("Text"))
            part = NavEntry(label, chunks[0].name, lang)
            stack: list[tuple[int, NavEntry]] = [(0, part)]
            for chunk in chunks:
                for row in _rows(chunk.items):
                    if row.kind != "heading" or row.pair is None:
                        continue
                    level = self.heading_level(row)
                    while stack[-1][0] >= level:
                        stack.pop()
                    entry = NavEntry(
                        self.label_text(row.pair, roles),
                        self.href(row.id, roles[0]),
                        self.text(row.pair, roles[0]).lang,
                    )
                    stack[-1][1].children.append(entry)
                    stack.append((level, entry))
            entries.append(part)
        return entries

    def _render(self, name: str, **extra: Any) -> str:
        values: dict[str, Any] = {
            "ctx": self.ctx,
            "_": self.ctx.label,
            "book": self,
            "mode": self.mode,
            "roles": self.roles,
            "lang": self.lang,
        }
        values.update(extra)
        return render_template(self.layouts, f"epub/{name}", values)

    def _cover_lines(self) -> dict[str, list[str]]:
        def wrap(text: str, width: int) -> list[str]:
            lines: list[str] = []
            for word in text.split():
                if lines and len(lines[-1]) + 1 + len(word) <= width:
                    lines[-1] += " " + word
                else:
                    lines.append(word)
            if len(lines) > 5:  # the cover is a thumbnail: the full title is in the book
                lines = lines[:5]
                lines[-1] = lines[-1].rstrip(",;:") + "…"
            return lines

        ctx = self.ctx
        return {
            "source": wrap(ctx.title.source.plain, 22),
            "target": wrap(ctx.title.target.plain, 30)
            if ctx.title.target.plain != ctx.title.source.plain
            else [],
        }

    def build(self) -> bytes:
        ctx = self.ctx
        nav = self._nav()
        _number(nav, 0)
        docs: dict[str, tuple[str, str]] = {}  # file name -> (text, layout that made it)
        docs["cover.svg"] = (self._render("cover.svg.j2", lines=self._cover_lines()), "cover.svg.j2")
        docs["cover.xhtml"] = (self._render("cover.xhtml.j2"), "cover.xhtml.j2")
        docs["summary.xhtml"] = (self._render("summary.xhtml.j2"), "summary.xhtml.j2")
        for chunk in self.chunks:
            docs[chunk.name] = (
                self._render("chapter.xhtml.j2", chunk=chunk, roles=chunk.roles),
                "chapter.xhtml.j2",
            )
        docs["nav.xhtml"] = (self._render("nav.xhtml.j2", nav=nav), "nav.xhtml.j2")
        docs["toc.ncx"] = (
            self._render("toc.ncx.j2", nav=nav, identifier=self.identifier, depth=_depth(nav)),
            "toc.ncx.j2",
        )
        spine = ["cover.xhtml", "summary.xhtml", *(c.name for c in self.chunks)]
        manifest = [
            ("nav.xhtml", "application/xhtml+xml", "nav"),
            ("toc.ncx", "application/x-dtbncx+xml", ""),
            ("epub.css", "text/css", ""),
            ("cover.svg", "image/svg+xml", "cover-image"),
            *((name, "application/xhtml+xml", "") for name in spine),
            *((asset.name, asset.media_type, "") for asset in sorted(set(self.images.values()), key=_name)),
        ]
        docs["package.opf"] = (
            self._render(
                "package.opf.j2",
                manifest=[(_item_id(n), n, t, p) for n, t, p in manifest],
                spine=[_item_id(n) for n in spine],
                identifier=self.identifier,
                modified=self.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
                description=_description(ctx, self.roles[0]),
                has_images=bool(self.images),
            ),
            "package.opf.j2",
        )
        _check_documents(docs, self.layouts)
        css = _read_layout(self.layouts, "epub/epub.css")
        entries: list[tuple[str, bytes]] = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", _CONTAINER),
            ("EPUB/package.opf", docs.pop("package.opf")[0].encode("utf-8")),
            ("EPUB/epub.css", css),
        ]
        entries += [(f"EPUB/{name}", text.encode("utf-8")) for name, (text, _) in docs.items()]
        entries += [(f"EPUB/{a.name}", a.data) for a in sorted(set(self.images.values()), key=_name)]
        return _zip(entries, _zip_time(self.modified))


def _name(asset: Asset) -> str:
    return asset.name


def _item_id(name: str) -> str:
    # Manifest ids are XML names: letters first, no slashes or dots.
    stem = "".join(ch if ch.isalnum() else "-" for ch in name)
    return "i-" + stem


def _number(nav: Sequence[NavEntry], order: int) -> int:
    for entry in nav:
        order += 1
        entry.order = order
        order = _number(entry.children, order)
    return order


def _depth(nav: Sequence[NavEntry]) -> int:
    return 1 + max((_depth(e.children) for e in nav if e.children), default=0) if nav else 0


def _description(ctx: BriefContext, role: Role) -> str:
    first = next((r.pair for r in ctx.rows if r.kind == "paragraph" and r.pair is not None), None)
    for pair in (ctx.subtitle, first, ctx.title):
        if pair is not None:
            text = pair.source.plain if role == "source" else pair.target.plain
            return text if len(text) <= 300 else text[:300].rsplit(" ", 1)[0] + "…"
    return ""


def _split(rows: Sequence[Row]) -> list[list[Row]]:
    """Cut the text into files at its top headings, and every CHUNK_ROWS rows between blocks."""
    top = min((r.level for r in rows if r.kind == "heading"), default=None)
    runs: list[list[Row]] = [[]]
    for row in rows:
        current = runs[-1]
        at_heading = row.kind == "heading" and row.level == top
        too_long = len(current) >= CHUNK_ROWS and row.kind in (
            "paragraph",
            "heading",
            "table",
            "image",
            "code",
        )
        if current and (at_heading or too_long):
            runs.append([])
        runs[-1].append(row)
    return runs


def _items(rows: Sequence[Row]) -> list[Item]:
    """Group consecutive quote rows into one quote and list-item rows into list trees."""
    items: list[Item] = []
    for row in rows:
        last = items[-1] if items else None
        if row.kind == "blockquote" and last is not None and last.kind == "quote":
            last.rows.append(row)
        elif row.kind == "blockquote":
            items.append(Item("quote", [row]))
        elif row.kind == "list-item" and last is not None and last.kind == "list" and last.tree is not None:
            last.rows.append(row)
            _add_to_list(last.tree, row)
        elif row.kind == "list-item":
            tree = ListNode(row.level, row.number is not None, row.number)
            _add_to_list(tree, row)
            items.append(Item("list", [row], tree))
        else:
            items.append(Item("row", [row]))
    return items


def _add_to_list(tree: ListNode, row: Row) -> None:
    node = tree
    while row.level > node.level and node.items:
        parent = node.items[-1]
        if parent.sublists and parent.sublists[-1].level <= row.level:
            node = parent.sublists[-1]
            continue
        if row.level == node.level + 1 or not parent.sublists:
            node = ListNode(row.level, row.number is not None, row.number)
            parent.sublists.append(node)
        break
    if row.number is None and node.ordered and node.items:
        node.items[-1].rows.append(row)  # a second paragraph of a numbered item
    else:
        node.items.append(ListItem([row]))


def _rows(items: Iterable[Item]) -> list[Row]:
    out: list[Row] = []
    for item in items:
        out.extend(item.rows)
    return out


def _collect_images(ctx: BriefContext, root: Path) -> dict[str, Asset]:
    """Read every image of the brief through the resource guard; one asset per distinct file."""
    rows = [r for r in ctx.rows if r.kind == "image"]
    if not rows:
        return {}
    # Imported here: the guard module also serves WeasyPrint, and the EPUB path never needs it otherwise.
    # (resources.py imports weasyprint at module level: ~0.3 s the EPUB path should not pay.)
    import hashlib  # only books with images pay for it

    from .resources import is_data_url, read_data_url, resolve_local

    base = (root / ctx.source_file).parent
    images: dict[str, Asset] = {}
    by_digest: dict[str, Asset] = {}
    for row in rows:
        src = row.src or ""
        if row.pair is None or not row.pair.source.plain.strip():
            raise RenderError(
                f"image {src!r} has no alt text; describe what it shows: ![description]({src})",
                ctx.source_file,
                row.line,
            )
        try:
            data = read_data_url(src)[0] if is_data_url(src) else resolve_local(src, base, root).read_bytes()
        except BriefgenError as exc:
            raise type(exc)(f"image {src!r}: {exc.reason}", ctx.source_file, row.line) from None
        except OSError as exc:
            raise RenderError(
                f"image {src!r}: cannot read it ({exc.strerror})", ctx.source_file, row.line
            ) from None
        media_type, ext = _sniff(data, src, ctx.source_file, row.line)
        digest = hashlib.sha256(data).hexdigest()[:16]
        asset = by_digest.setdefault(digest, Asset(f"images/{digest}.{ext}", media_type, data))
        images[row.id] = asset
    return images


def _sniff(data: bytes, src: str, source_file: str, line: int) -> tuple[str, str]:
    # The media type comes from the bytes, not the name: EPUBCheck rejects a mislabelled image (OPF-029).
    for magic, found in _IMAGE_TYPES.items():
        if data.startswith(magic):
            return found
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ("image/webp", "webp")
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        if b"<script" in data.lower() or b"<foreignobject" in data.lower():
            raise RenderError(
                f"image {src!r}: SVG with scripts or foreign objects is not allowed in the EPUB; "
                "export it as a plain SVG or PNG",
                source_file,
                line,
            )
        return ("image/svg+xml", "svg")
    raise RenderError(
        f"image {src!r} is not a PNG, JPEG, GIF, WebP or SVG file; convert it", source_file, line
    )


def _read_layout(layouts: Path, name: str) -> bytes:
    for folder in (layouts, DEFAULT_LAYOUTS):
        path = folder / name
        if path.is_file():
            return path.read_bytes()
    raise RenderError(f"layout {name!r} not found; copy it from briefgen's defaults (briefgen new)", layouts)


def _check_documents(docs: Mapping[str, tuple[str, str]], layouts: Path) -> None:
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


_CONTAINER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    b"  <rootfiles>\n"
    b'    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
    b"  </rootfiles>\n"
    b"</container>\n"
)


def _zip(entries: Sequence[tuple[str, bytes]], when: tuple[int, int, int, int, int, int]) -> bytes:
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
