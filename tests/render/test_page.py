"""The standalone bilingual HTML page (``--format html``), built from real workspace files.

The page is parsed as HTML to check its structure (languages, catalog references,
markers, self-containment), and opened in Debian's Chromium to check the layout
at a desktop and a phone width. A missing Chromium fails the test: a green run
must mean the page was looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefgen.brief import assemble
from briefgen.build import BuildOptions, build
from briefgen.config import Workspace, load_workspace
from briefgen.errors import RenderError, SecurityError
from briefgen.formats import load
from briefgen.registry import entry_point
from briefgen.render.context import brief_context
from briefgen.render.page import write_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

from conftest import copy_workspace, msgstr_line, png, seed_ref

SLUG = "narcotrafic-diplomatie"
CATALOG = f"translations/en/LC_MESSAGES/{SLUG}.po"


# -- helpers ------------------------------------------------------------------------------------


def workspace_copy(dest: Path) -> Workspace:
    """conftest.copy_workspace, loaded: the repository's workspace, copied so that tests may edit it."""
    return load_workspace(copy_workspace(dest))


def edit_entry(po: Path, reference: str, *, fuzzy: bool = False, msgstr: str | None = None) -> int:
    """Mark the entry at ``#: reference`` fuzzy and/or replace its msgstr; return its msgid line."""
    text = po.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    for index, entry in enumerate(entries):
        lines = entry.split("\n")
        if f"#: {reference}" not in lines:
            continue
        start = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
        if msgstr is not None:
            end = next(i for i, line in enumerate(lines) if line.startswith("msgstr "))
            lines = [*lines[:end], f'msgstr "{msgstr}"']
        if fuzzy:
            lines.insert(start, "#, fuzzy")
        entries[index] = "\n".join(lines)
        po.write_text("\n\n".join(entries), encoding="utf-8")
        return msgstr_line(po, reference)
    raise AssertionError(f"no entry for {reference} in {po}")


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.text = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]


VOID = {"meta", "img", "br", "hr", "link", "col", "input", "wbr"}


class Tree(HTMLParser):
    """A minimal DOM: enough to ask which element holds which attribute and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text += data  # text order within an element does not matter for these checks


def lang_of(element: Element) -> str:
    node: Element | None = element
    while node is not None:
        if "lang" in node.attrs:
            return node.attrs["lang"]
        node = node.parent
    return ""


def build_page(ws: Workspace, slug: str = SLUG) -> str:
    report = build(ws, [slug], BuildOptions(formats=("html",), force=True, jobs=1, quiet=True))
    assert report.failed == [], report
    return (ws.out_dir / f"{slug}.en.html").read_text(encoding="utf-8")


# -- structure ----------------------------------------------------------------------------------


def test_html_format_is_registered_as_an_entry_point() -> None:
    assert entry_point("html").value == "briefgen.render.formats:html"
    assert load("html").suffix == ".html"


def test_seed_page_is_bilingual_and_self_contained(tmp_path: Path) -> None:
    ws = workspace_copy(tmp_path / "ws")
    html = build_page(ws)
    root = Tree(html).root
    assert root.find("html")[0].attrs["lang"] == "fr"
    # Self-contained: the stylesheet is inlined; nothing is fetched and no script is needed.
    assert root.find("style") and not root.find("link") and not root.find("script")
    assert not re.search(r"""(src|href)=["']?(https?:|//)|url\(|@import""", html)

    rows = root.find("div", "row")
    body_rows = [r for r in rows if r.attrs.get("id", "").startswith("b")]
    assert len(body_rows) == 6
    for row in body_rows:
        source, target = row.find("div", "source")[0], row.find("div", "target")[0]
        assert source.attrs["lang"] == "fr" and target.attrs["lang"] == "en"
        assert target.attrs["data-status"] == "translated"
        assert re.fullmatch(rf"{re.escape(CATALOG)}:\d+", target.attrs["data-po"])
        assert row.attrs["data-src"].startswith(f"sources/{SLUG}.md:")
    b1 = body_rows[0]
    assert "Le 8 novembre 2025" in b1.find("div", "source")[0].all_text()
    assert "8 November 2025" in b1.find("div", "target")[0].all_text()
    po = ws.root / CATALOG
    line = int(b1.find("div", "target")[0].attrs["data-po"].rsplit(":", 1)[1])
    assert line == msgstr_line(po, seed_ref("Le 8 novembre 2025"))

    # The key-figures box links every figure to a block of the page, in both languages.
    links = root.find("nav", "box")[0].find("a")
    ids = {r.attrs["id"] for r in rows}
    assert links and all(a.attrs["href"][1:] in ids for a in links)
    assert {lang_of(a) for a in links} == {"fr", "en"}


def test_untranslated_and_fuzzy_are_marked_with_text(tmp_path: Path) -> None:
    ws = workspace_copy(tmp_path / "ws")
    po = ws.root / CATALOG
    fuzzy_line = edit_entry(po, seed_ref("« La coopération"), fuzzy=True)
    missing_line = edit_entry(po, seed_ref("La France est devenue"), msgstr="")
    root = Tree(build_page(ws)).root

    fuzzy = root.find("div", "target")[2]  # title row, b1, b2
    assert fuzzy.attrs["data-status"] == "fuzzy" and "fuzzy" in fuzzy.classes
    assert fuzzy.attrs["data-po"] == f"{CATALOG}:{fuzzy_line}"
    assert "[Fuzzy translation]" in fuzzy.all_text()
    # A fuzzy or missing translation is not shown: the French text stands in, marked and tagged French.
    assert fuzzy.attrs["lang"] == "fr" and "La coopération de nos ambassades" in fuzzy.all_text()
    (marker,) = fuzzy.find("span", "marker")
    assert marker.attrs["lang"] == "en"

    missing = next(e for e in root.find("div", "target") if e.attrs.get("data-status") == "untranslated")
    assert missing.parent is not None and missing.parent.attrs["id"] == "b4"
    assert missing.attrs["data-po"] == f"{CATALOG}:{missing_line}"
    assert "[Untranslated]" in missing.all_text() and missing.attrs["lang"] == "fr"
    status = root.find("p", "status")[0]
    assert "incomplete" in status.classes and "1 fuzzy · 1 untranslated" in status.all_text()
    assert root.find("p", "notice")


def test_every_block_kind_with_an_embedded_image(tmp_path: Path) -> None:
    ws = workspace_copy(tmp_path / "ws")
    (ws.sources_dir / "figure.png").write_bytes(png())
    (ws.sources_dir / "kinds.md").write_text(
        "---\ntitle: Toutes les sortes\ndate: 2025-01-02\n---\n\n"
        "## Un titre\n\nUn paragraphe avec *emphase* et <script>alert(1)</script>.\n\n"
        "- premier\n- second\n\n1. un\n2. deux\n\n> Une citation.\n\n"
        "| Pays | Saisies |\n|---|---|\n| France | 40 % |\n\n"
        "![Une carte](figure.png)\n\n```\ncode brut\n```\n",
        encoding="utf-8",
    )
    html = build_page(ws, "kinds")
    root = Tree(html).root
    assert "<script" not in html  # source text is data, escaped like any other
    kinds = [r.attrs["class"].split()[1] for r in root.find("div", "row")[1:]]
    assert kinds == [
        "heading",
        "paragraph",
        "list-item",
        "list-item",
        "list-item",
        "list-item",
        "blockquote",
        "table",
        "image",
        "code",
    ]
    assert root.find("h2") and root.find("ol")[0].attrs["start"] == "1" and root.find("blockquote")
    img_source, _img_target = root.find("img")
    assert img_source.attrs["src"].startswith("data:image/png;base64,")
    assert img_source.attrs["alt"] == "Une carte"
    # No catalog yet: every target block is the French text, marked, pointing at the catalog to create.
    targets = root.find("div", "target")
    assert targets and all(t.attrs["data-status"] == "untranslated" for t in targets)
    assert all(t.attrs["data-po"] == "translations/en/LC_MESSAGES/kinds.po" for t in targets)
    cells = [e for e in root.iter() if e.tag in ("td", "th") and "data-po" in e.attrs]
    assert len(cells) == 4 and all(c.attrs["data-status"] == "untranslated" for c in cells)
    assert len(root.find("pre")) == 1


def test_image_outside_the_workspace_is_refused(tmp_path: Path) -> None:
    ws = workspace_copy(tmp_path / "ws")
    (tmp_path / "secret.png").write_bytes(png())
    (ws.sources_dir / "leak.md").write_text(
        "---\ntitle: Fuite\ndate: 2025-01-02\n---\n\n![Secret](../../secret.png)\n", encoding="utf-8"
    )
    ctx = brief_context(assemble(ws, ws.sources_dir / "leak.md", "en"))
    out = ws.out_dir / "leak.en.html"
    with pytest.raises(SecurityError, match="outside the workspace"):
        write_page(ctx, ws.layouts_dir, ws.root, out)
    assert not out.exists()


def test_stylesheet_cannot_close_the_style_element(tmp_path: Path) -> None:
    ws = workspace_copy(tmp_path / "ws")
    (ws.layouts_dir / "page.css").write_text(
        "body { color: red }</style><script>x()</script>", encoding="utf-8"
    )
    ctx = brief_context(assemble(ws, ws.sources_dir / f"{SLUG}.md", "en"))
    with pytest.raises(RenderError, match="</style"):
        write_page(ctx, ws.layouts_dir, ws.root, ws.out_dir / "x.html")


# -- layout in a real browser -------------------------------------------------------------------


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (390, False)])
def test_layout_side_by_side_or_stacked(
    browser: Browser, tmp_path: Path, width: int, side_by_side: bool
) -> None:
    ws = workspace_copy(tmp_path / "ws")
    edit_entry(ws.root / CATALOG, seed_ref("« La coopération"), fuzzy=True)
    build_page(ws)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        url = (ws.out_dir / f"{SLUG}.en.html").as_uri()
        page.goto(url)
        assert requests == [url]  # everything the page shows is in the file
        source = page.locator("#b1 .cell.source").bounding_box()
        target = page.locator("#b1 .cell.target").bounding_box()
        assert source and target
        if side_by_side:
            assert target["x"] > source["x"] + source["width"] - 1 and abs(target["y"] - source["y"]) < 2
        else:
            assert target["y"] >= source["y"] + source["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        # The marker is visible text, and the fuzzy block looks different from a translated one.
        assert page.locator("#b2 .marker").is_visible()
        backgrounds = [
            page.locator(f"#{row} .cell.target").evaluate("e => getComputedStyle(e).backgroundColor")
            for row in ("b1", "b2")
        ]
        assert backgrounds[0] != backgrounds[1]
    finally:
        page.close()


def test_layout_strings_are_tagged_with_the_language_they_are_in(tmp_path: Path) -> None:
    """French 'Page' is a translation that equals its msgid: French, not English fallback."""
    ws = workspace_copy(tmp_path / "ws")
    french = ws.root / "translations" / "fr" / "LC_MESSAGES" / "layouts.po"
    assert 'msgid "Page"\nmsgstr "Page"\n' in french.read_text(encoding="utf-8")
    french.write_text(
        french.read_text(encoding="utf-8").replace(
            'msgid "Contents"\nmsgstr "Sommaire"', 'msgid "Contents"\nmsgstr ""'
        ),
        encoding="utf-8",
    )
    ctx = brief_context(assemble(ws, ws.sources_dir / f"{SLUG}.md", "en"))
    page = ctx.label("Page")
    assert (page.source.lang, page.source.plain, page.target.lang) == ("fr", "Page", "en")
    contents = ctx.label("Contents")  # no French translation: shown, and tagged, as English
    assert (contents.source.lang, contents.source.plain) == ("en", "Contents")
