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
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..errors import RenderError
from ..fsutil import atomic_write
from ..guard import read_guarded
from ..languages import MESSAGE_LANG
from .context import BriefContext, Pair, Row, Text, heading_levels, language_name
from .epub_chapters import CHUNK_ROWS, Item, group_items, rows_of, split_rows
from .images import Image, read_images
from .ocf import CONTAINER, Asset, check_documents, collect_images, utc, write_zip, zip_time
from .templates import layout_file, render_template

__all__ = ["CHUNK_ROWS", "MODES", "build_epub", "write_epub"]

Mode = Literal["interleaved", "parallel", "source", "target"]
Role = Literal["source", "target"]

#: Output modes, in the order the CLI lists them (the first is the default).
MODES: tuple[str, ...] = ("interleaved", "parallel", "source", "target")


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
    #: (text, lang) of each language's label, when the entry names a text of the brief in both.
    parts: tuple[tuple[str, str], ...] = ()


def write_epub(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    out_path: Path,
    *,
    mode: str = "interleaved",
    modified: dt.datetime | None = None,
    images: Mapping[str, Image] | None = None,
) -> Path:
    """Write the EPUB of ``ctx`` to exactly ``out_path`` (atomically) and return that path.

    ``modified`` is the package's ``dcterms:modified`` (default: the source's
    date); ZIP entries carry ``SOURCE_DATE_EPOCH`` when set, else that date, so
    the same brief always gives the same bytes.
    """
    data = build_epub(ctx, layouts_dir, workspace_root, mode=mode, modified=modified, images=images)
    atomic_write(out_path, data)
    return Path(out_path)


def build_epub(
    ctx: BriefContext,
    layouts_dir: Path,
    workspace_root: Path,
    *,
    mode: str = "interleaved",
    modified: dt.datetime | None = None,
    images: Mapping[str, Image] | None = None,
) -> bytes:
    """The EPUB file's bytes (see :func:`write_epub`)."""
    if mode not in MODES:
        raise RenderError(f"unknown EPUB mode {mode!r}; use one of {', '.join(MODES)}")
    read = images if images is not None else read_images(ctx, Path(workspace_root))
    book = _Book(ctx, Path(layouts_dir), mode, utc(modified, ctx.date), read)  # type: ignore[arg-type]
    return book.build()


class _Book:
    """Lays out one brief in one mode; :meth:`build` returns the ZIP bytes."""

    def __init__(
        self,
        ctx: BriefContext,
        layouts: Path,
        mode: Mode,
        modified: dt.datetime,
        images: Mapping[str, Image],
    ) -> None:
        self.ctx = ctx
        self.layouts = layouts
        self.mode = mode
        self.modified = modified
        both: tuple[Role, ...] = ("source", "target")
        self.roles: tuple[Role, ...] = {"source": ("source",), "target": ("target",)}.get(mode, both)  # type: ignore[assignment]
        self.lang = ctx.target_lang if mode == "target" else ctx.source_lang
        self.images = collect_images(ctx, images)
        self.levels = heading_levels(ctx.rows)
        self.assets = sorted(set(self.images.values()), key=_name)  # one per distinct image file
        self.chunks = self._chunks()
        self.files: dict[tuple[str, Role], str] = {}  # (row id, role) -> file name
        for chunk in self.chunks:
            for row in rows_of(chunk.items):
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
        return self._id(row.id, role)

    def _id(self, row_id: str, role: Role) -> str:
        """The id of a row shown in ``role``: one id per row when both languages share a block."""
        return f"{role[0]}-{row_id}" if self.mode == "parallel" else row_id

    def href(self, row_id: str, role: Role) -> str:
        return f"{self.files[(row_id, role)]}#{self._id(row_id, role)}"

    def jump(self, row: Row, role: Role) -> str | None:
        """In parallel mode, the link from a block to its counterpart in the other language."""
        if self.mode != "parallel":
            return None
        return self.href(row.id, "target" if role == "source" else "source")

    def heading_level(self, row: Row) -> int:
        # The topmost heading of the source becomes h2: h1 is the part's or the book's title.
        return self.levels[row.id]

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
        return self.role_lang("target" if role == "source" else "source").split("-")[0].upper()

    def role_lang(self, role: Role) -> str:
        return self.ctx.source_lang if role == "source" else self.ctx.target_lang

    def chunk_lang(self, chunk: Chunk) -> str:
        return self.role_lang(chunk.roles[0])

    def chunk_title(self, chunk: Chunk) -> str:
        """The document title of a text file: its first heading, else the part's name."""
        heading = next((r for r in rows_of(chunk.items) if r.kind == "heading" and r.pair is not None), None)
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

    #: The accessibility summary is written in English; it names the languages in English too.
    SUMMARY_LANG = MESSAGE_LANG

    def accessibility_summary(self) -> str:
        langs = " and ".join(
            language_name(lang, self.SUMMARY_LANG)
            for lang in dict.fromkeys(self.role_lang(role) for role in self.roles)
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
        runs = split_rows(self.ctx.rows)
        if self.mode == "parallel":
            out: list[Chunk] = []
            for role in self.roles:
                lang = self.role_lang(role)
                title = Pair(
                    Text(lang, Markup.escape(language_name(lang)), language_name(lang)),
                    Text(lang, Markup.escape(language_name(lang)), language_name(lang)),
                    "literal",
                )
                for index, run in enumerate(runs, start=1):
                    out.append(
                        Chunk(
                            f"{role}-{index:03d}.xhtml",
                            (role,),
                            group_items(run),
                            title if index == 1 else None,
                        )
                    )
            return out
        return [
            Chunk(f"text-{index:03d}.xhtml", self.roles, group_items(run))
            for index, run in enumerate(runs, start=1)
        ]

    def _entry(self, pair: Pair, roles: Sequence[Role], href: str) -> NavEntry:
        """A navigation entry labelled with a text of the brief, in each of ``roles``' languages."""
        texts = [self.text(pair, role) for role in roles]
        parts = tuple(dict.fromkeys((t.plain, t.lang) for t in texts))
        return NavEntry(" / ".join(text for text, _ in parts), href, texts[0].lang, parts=parts)

    def _nav(self) -> list[NavEntry]:
        """The brief's own title and headings (issue 16): the title leads to the title page,
        the key figures and the text's headings follow, nested by level; in parallel mode
        each language's part is an entry of its own."""
        _ = self.ctx.label
        title = self._entry(self.ctx.title, self.roles, "summary.xhtml")
        if self.ctx.box:
            title.children.append(self._entry(_("Key figures"), self.roles, "summary.xhtml#key-figures"))
        entries = [title]
        if self.mode == "parallel":
            for role in self.roles:
                chunks = [c for c in self.chunks if c.roles == (role,)]
                lang = self.role_lang(role)
                part = NavEntry(language_name(lang), chunks[0].name, lang)
                part.children.extend(self._headings(chunks, (role,)))
                entries.append(part)
        else:
            headings = self._headings(self.chunks, self.roles)
            # A brief without headings still needs a way into its text: its subtitle (the lede)
            # when it has one, else the "Text" label.
            entries.extend(
                headings or [self._entry(self.ctx.subtitle or _("Text"), self.roles, self.chunks[0].name)]
            )
        return entries

    def _headings(self, chunks: Sequence[Chunk], roles: Sequence[Role]) -> list[NavEntry]:
        top: list[NavEntry] = []
        stack: list[tuple[int, list[NavEntry]]] = [(0, top)]
        for chunk in chunks:
            for row in rows_of(chunk.items):
                if row.kind != "heading" or row.pair is None:
                    continue
                level = self.heading_level(row)
                while stack[-1][0] >= level:
                    stack.pop()
                entry = self._entry(row.pair, roles, self.href(row.id, roles[0]))
                stack[-1][1].append(entry)
                stack.append((level, entry.children))
        return top

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
            *((asset.name, asset.media_type, "") for asset in self.assets),
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
        check_documents(docs, self.layouts)
        css = _read_layout(self.layouts, "epub/epub.css")
        entries: list[tuple[str, bytes]] = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", CONTAINER),
            ("EPUB/package.opf", docs.pop("package.opf")[0].encode("utf-8")),
            ("EPUB/epub.css", css),
        ]
        entries += [(f"EPUB/{name}", text.encode("utf-8")) for name, (text, _) in docs.items()]
        entries += [(f"EPUB/{a.name}", a.data) for a in self.assets]
        return write_zip(entries, zip_time(self.modified))


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


def _read_layout(layouts: Path, name: str) -> bytes:
    path = layout_file(layouts, name)
    try:
        # The workspace is the layouts folder's parent; a symlink out of it is refused (issue 18).
        return read_guarded(path, Path(layouts).parent, what="layout")
    except FileNotFoundError:
        pass
    raise RenderError(f"layout {name!r} not found; copy it from briefgen's defaults (briefgen new)", layouts)
