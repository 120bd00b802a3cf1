"""The EPUB edition, checked with the real tools (EPUBCheck, Ace) and by reading what comes out.

Books are built once per module (``books``) and checked together, a few
JVMs/browsers at a time. Regenerate nothing: there are no golden files here,
the checks are structural.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from briefgen.errors import RenderError, SecurityError
from briefgen.render.context import BriefContext, Translation, build_context
from briefgen.render.epub import CHUNK_ROWS, MODES, write_epub
from briefgen.render.templates import DEFAULT_LAYOUTS
from briefgen.sources import parse_source

from conftest import ROOT, png, seed_context
from tools import AceResult, EpubCheckResult, check_all, epubcheck_jar, require_ace

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

RICH = """\
---
title: Les douanes 🚢 face aux cartels
subtitle: Un bilan chiffré
date: 2025-11-08
authors: [Claire Dupont]
origin: La Lettre des douanes
keywords: [douane, cartels]
---

# Le contexte

Les saisies ont augmenté de **40 %** en cinq ans 📈.

Ce paragraphe attend sa traduction.

Ce paragraphe est à relire.

# Les mesures

1. Renforcer les effectifs de 20 %.
2. Tripler les moyens.
   - Au Mexique.
   - En Colombie.

> « La coopération produit des résultats », a dit le ministre.

| Pays | Saisies |
| --- | --- |
| Mexique | 12 t |

![Carte des routes de la cocaïne](../images/carte.png "Les routes maritimes")

```
code  littéral
```

Fin avec un [lien](https://example.org/).
"""

RICH_EN = {
    "Les douanes 🚢 face aux cartels": "Customs 🚢 against the cartels",
    "Un bilan chiffré": "An assessment in figures",
    "douane": "customs",
    "cartels": "cartels",
    "Le contexte": "The context",
    "Les saisies ont augmenté de **40 %** en cinq ans 📈.": "Seizures rose by **40%** in five years 📈.",
    "Les mesures": "The measures",
    "Renforcer les effectifs de 20 %.": "Increase staff by 20%.",
    "Tripler les moyens.": "Triple the resources.",
    "Au Mexique.": "In Mexico.",
    "En Colombie.": "In Colombia.",
    "« La coopération produit des résultats », a dit le ministre.": (
        "“Cooperation is producing results,” the minister said."
    ),
    "Pays": "Country",
    "Saisies": "Seizures",
    "Mexique": "Mexico",
    "12 t": "12 t",
    "Carte des routes de la cocaïne": "Map of the cocaine routes",
    "Les routes maritimes": "The sea routes",
    "Fin avec un [lien](https://example.org/).": "End with a [link](https://example.org/).",
}
FUZZY = {"Ce paragraphe est à relire.": "This paragraph needs a review."}


def make_context(
    root: Path,
    markdown: str,
    translations: Mapping[str, str] = RICH_EN,
    *,
    fuzzy: Mapping[str, str] = FUZZY,
    slug: str = "sample",
    box: tuple[tuple[str, str, str, str, str], ...] = (),
) -> BriefContext:
    """A context for ``markdown`` written to ``root/sources/<slug>.md`` (root is the workspace)."""
    path = root / "sources" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    entries = {k: Translation(v) for k, v in translations.items()}
    entries.update({k: Translation(v, fuzzy=True) for k, v in fuzzy.items()})
    return build_context(
        parse_source(markdown, path),
        "en",
        entries,
        catalog_file=f"translations/en/LC_MESSAGES/{slug}.po",
        source_file=f"sources/{slug}.md",
        xhtml=True,
        box=box,
    )


def rich_context(root: Path) -> BriefContext:
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "images" / "carte.png").write_bytes(png())
    box = (
        ("b2", "40 %", "40%", "de saisies en plus", "more seizures"),
        ("b6", "20 %", "20%", "d'effectifs en plus", "more staff"),
    )
    return make_context(root, RICH, box=box)


def many_context(root: Path, count: int = 500) -> BriefContext:
    body = "\n\n".join(f"Paragraphe numéro {n} du texte." for n in range(1, count + 1))
    translations = {
        f"Paragraphe numéro {n} du texte.": f"Paragraph number {n} of the text." for n in range(count)
    }
    return make_context(
        root, f"---\ntitle: Long\ndate: 2025-01-02\n---\n\n{body}\n", translations, slug="many"
    )


def single_context(root: Path) -> BriefContext:
    return make_context(
        root, "---\ntitle: Un seul\ndate: 2024-02-29\n---\n\nUn seul paragraphe 🙂.\n", {}, slug="one"
    )


@dataclass
class Books:
    files: dict[tuple[str, str], Path]


@dataclass
class Verdicts:
    epubcheck: dict[Path, EpubCheckResult]
    ace: dict[Path, AceResult]


SAMPLES = ("seed", "rich", "one", "many")
ACE_SAMPLES = ("seed", "rich")


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    root = tmp_path_factory.mktemp("workspace")
    contexts = {
        "seed": seed_context(xhtml=True),
        "rich": rich_context(root),
        "one": single_context(root),
        "many": many_context(root),
    }
    out = root / "out"
    files = {}
    for sample, ctx in contexts.items():
        for mode in MODES:
            files[(sample, mode)] = write_epub(
                ctx,
                DEFAULT_LAYOUTS,
                ROOT if sample == "seed" else root,
                out / f"{sample}-{mode}.epub",
                mode=mode,
            )
    return Books(files)


@pytest.fixture(scope="module")
def verdicts(books: Books) -> Verdicts:
    """The validators' verdicts on every book, checked together; the tests of structure need none."""
    ace = [path for (sample, _), path in books.files.items() if sample in ACE_SAMPLES]
    checks, aces = check_all(list(books.files.values()), ace=ace)
    return Verdicts(checks, aces)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_epubcheck_clean(books: Books, verdicts: Verdicts, sample: str, mode: str) -> None:
    epubcheck_jar()  # skips (or fails in CI) where EPUBCheck is missing
    result = verdicts.epubcheck[books.files[(sample, mode)]]
    assert result.clean, "\n".join(result.messages)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sample", ACE_SAMPLES)
def test_ace_no_violation(books: Books, verdicts: Verdicts, sample: str, mode: str) -> None:
    require_ace()  # skips (or fails in CI) where Ace is missing
    result = verdicts.ace[books.files[(sample, mode)]]
    assert result.outcome == "pass" and not result.violations, "\n".join(result.violations)


# -- reading what comes out ------------------------------------------------------------


def read(book: Path, name: str) -> ET.Element:
    with zipfile.ZipFile(book) as archive:
        return ET.fromstring(archive.read(f"EPUB/{name}"))


def documents(book: Path) -> Iterator[tuple[str, ET.Element]]:
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                yield name, ET.fromstring(archive.read(name))


def test_container_layout(books: Books) -> None:
    with zipfile.ZipFile(books.files[("seed", "interleaved")]) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b""
    assert {i.date_time for i in infos} == {(2025, 11, 8, 0, 0, 0)}


def test_package_metadata(books: Books) -> None:
    book = books.files[("seed", "parallel")]
    opf = read(book, "package.opf")
    meta = opf.find("opf:metadata", NS)
    assert meta is not None
    assert [e.text for e in meta.findall("dc:language", NS)] == ["fr", "en"]
    identifier = meta.findtext("dc:identifier", namespaces=NS)
    expected = uuid.uuid5(uuid.NAMESPACE_URL, "briefgen:narcotrafic-diplomatie:fr:en:parallel")
    assert identifier == f"urn:uuid:{expected}"
    props: dict[str, list[str | None]] = {}
    for e in meta.findall("opf:meta", NS):
        if e.get("property"):
            props.setdefault(e.get("property", ""), []).append(e.text)
    assert props["dcterms:modified"] == ["2025-11-08T00:00:00Z"]
    assert props["schema:accessMode"] == ["textual"]
    assert props["schema:accessibilityHazard"] == ["none"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        props["schema:accessibilityFeature"]
    )
    assert "alternativeText" not in props["schema:accessibilityFeature"]
    # The summary is English, and so are the language names in it (not "Français").
    assert "in French and English" in (props["schema:accessibilitySummary"][0] or "")
    assert meta.find("dc:publisher", NS) is None  # the seed names no origin: no publisher, not briefgen
    rich = read(books.files[("rich", "interleaved")], "package.opf")
    assert rich.findtext("opf:metadata/dc:publisher", namespaces=NS) == "La Lettre des douanes"
    assert [e.text for e in meta.findall("dc:subject", NS)][:2] == ["narcotrafic", "diplomatie"]
    assert meta.findtext("dc:description", namespaces=NS)
    cover = [i for i in opf.iter(f"{{{NS['opf']}}}item") if i.get("properties") == "cover-image"]
    assert cover and cover[0].get("media-type") == "image/svg+xml"
    other = books.files[("seed", "interleaved")]
    assert read(other, "package.opf").find("opf:metadata/dc:identifier", NS).text != identifier  # type: ignore[union-attr]


def test_images_declared_with_alternative_text(books: Books) -> None:
    book = books.files[("rich", "target")]
    opf = read(book, "package.opf")
    features = [
        e.text for e in opf.iter(f"{{{NS['opf']}}}meta") if e.get("property") == "schema:accessibilityFeature"
    ]
    assert "alternativeText" in features
    imgs = [img for _, doc in documents(book) for img in doc.iter(f"{{{NS['x']}}}img")]
    assert imgs and all(img.get("alt") for img in imgs)  # every image has a text alternative
    assert {img.get("alt") for img in imgs} >= {"Map of the cocaine routes"}


@pytest.mark.parametrize("mode", MODES)
def test_every_text_has_lang_and_xml_lang(books: Books, mode: str) -> None:
    for name, doc in documents(books.files[("rich", mode)]):
        for element in doc.iter():
            lang, xml_lang = element.get("lang"), element.get(XML_LANG)
            assert lang == xml_lang, f"{name}: <{element.tag}> lang={lang!r} xml:lang={xml_lang!r}"
        body = doc.find("x:body", NS)
        assert body is not None
        for block in body.iter():
            if block.tag.split("}")[1] in ("p", "h1", "h2", "h3", "li") and "".join(block.itertext()).strip():
                assert _lang_of(doc, block), f"{name}: a <{block.tag}> without a language"


def _lang_of(doc: ET.Element, target: ET.Element) -> str | None:
    parents = {child: parent for parent in doc.iter() for child in parent}
    node: ET.Element | None = target
    while node is not None:
        if node.get(XML_LANG):
            return node.get(XML_LANG)
        node = parents.get(node)
    return None


def test_interleaved_pairs_and_markers(books: Books) -> None:
    doc = read(books.files[("rich", "interleaved")], "text-001.xhtml")
    pairs = [d for d in doc.iter(f"{{{NS['x']}}}div") if d.get("class") == "pair"]
    first = next(p for p in pairs if p.get("id") == "b2")
    source, target = list(first)
    assert (source.get("class"), source.get(XML_LANG)) == ("source", "fr")
    assert (target.get("class"), target.get(XML_LANG)) == ("target", "en")
    assert "Seizures rose by" in "".join(target.itertext())
    texts = {p.get("id"): "".join(p[1].itertext()) for p in pairs}
    assert "[Not translated]" in texts["b3"] and "Ce paragraphe attend" in texts["b3"]
    assert "[To be checked]" in texts["b4"] and "Ce paragraphe est à relire" in texts["b4"]
    untranslated = pairs[[p.get("id") for p in pairs].index("b3")][1]
    assert untranslated.get(XML_LANG) == "fr"  # the text shown is French, and says so


def test_parallel_links_jump_both_ways(books: Books) -> None:
    book = books.files[("rich", "parallel")]
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for name, doc in documents(book):
        short = name.removeprefix("EPUB/")
        ids[short] = {e.get("id") for e in doc.iter() if e.get("id")}  # type: ignore[misc]
        links += [(short, a.get("href", "")) for a in doc.iter(f"{{{NS['x']}}}a") if a.get("class") == "jump"]
    assert len(links) >= 10
    for name, href in links:
        file, _, fragment = href.partition("#")
        assert fragment in ids[file]
        assert name.split("-")[0] != file.split("-")[0]  # source -> target, target -> source
    assert ("source-001.xhtml", "target-001.xhtml#t-b2") in links
    assert ("target-001.xhtml", "source-001.xhtml#s-b2") in links


def test_summary_box_first_and_linked(books: Books) -> None:
    book = books.files[("rich", "target")]
    opf = read(book, "package.opf")
    spine = [i.get("idref") for i in opf.iter(f"{{{NS['opf']}}}itemref")]
    assert spine[:3] == ["i-cover-xhtml", "i-summary-xhtml", "i-text-001-xhtml"]
    summary = read(book, "summary.xhtml")
    hrefs = [a.get("href") for a in summary.iter(f"{{{NS['x']}}}a")]
    assert hrefs == ["text-001.xhtml#b2", "text-002.xhtml#b6"]


def test_toc_never_empty_and_has_landmarks(books: Books) -> None:
    for sample in SAMPLES:
        nav = read(books.files[(sample, "interleaved")], "nav.xhtml")
        navs = {n.get(f"{{{NS['epub']}}}type"): n for n in nav.iter(f"{{{NS['x']}}}nav")}
        assert set(navs) == {"toc", "landmarks"}
        assert len(list(navs["toc"].iter(f"{{{NS['x']}}}a"))) >= 2


def _nav_entries(book: Path) -> list[tuple[str, list[tuple[str | None, str]]]]:
    """Each toc link: its href and the (lang, text) of each language's label."""
    toc = next(n for n in read(book, "nav.xhtml").iter(f"{{{NS['x']}}}nav") if n.get("id") == "toc")
    out = []
    for link in toc.iter(f"{{{NS['x']}}}a"):
        spans = link.findall("x:span", NS)
        parts = [(s.get("lang"), "".join(s.itertext())) for s in spans] or [
            (link.get("lang"), link.text or "")
        ]
        out.append((link.get("href", ""), parts))
    return out


def test_toc_lists_the_briefs_own_headings_in_both_languages(books: Books) -> None:
    entries = _nav_entries(books.files[("rich", "interleaved")])
    labels = [[text for _, text in parts] for _, parts in entries]
    assert labels[0] == ["Les douanes 🚢 face aux cartels", "Customs 🚢 against the cartels"]
    assert ["Le contexte", "The context"] in labels and ["Les mesures", "The measures"] in labels
    # Each label in its language (the key figures' layout label is not translated in this sample).
    assert all([lang for lang, _ in parts] == ["fr", "en"] for href, parts in entries if "#key" not in href)
    flat = " ".join(text for label in labels for text in label)
    assert "Texte" not in flat and "Résumé" not in flat
    # The seed has no heading: its title, then its lede leads into the text.
    seed = _nav_entries(books.files[("seed", "interleaved")])
    assert [href for href, _ in seed] == ["summary.xhtml", "text-001.xhtml"]
    assert seed[1][1][0] == ("fr", "Le Quai d’Orsay renforce son réseau diplomatique en Amérique latine")


def test_the_translation_is_upright() -> None:
    css = (DEFAULT_LAYOUTS / "epub" / "epub.css").read_text(encoding="utf-8")
    assert "italic" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # a rule and a label, not italics


def test_long_text_is_split_into_files(books: Books) -> None:
    with zipfile.ZipFile(books.files[("many", "parallel")]) as archive:
        names = [n for n in archive.namelist() if n.startswith("EPUB/source-")]
    assert len(names) == -(-500 // CHUNK_ROWS)


# -- reproducible bytes ----------------------------------------------------------------


SCRIPT = """
import sys
sys.path[:0] = [{src!r}, {tests!r}]
from pathlib import Path
from conftest import seed_context, ROOT
from briefgen.render.epub import write_epub
from briefgen.render.templates import DEFAULT_LAYOUTS
write_epub(seed_context(xhtml=True), DEFAULT_LAYOUTS, ROOT, Path(sys.argv[1]), mode=sys.argv[2])
"""


@pytest.mark.parametrize("mode", ["interleaved", "parallel"])
def test_same_bytes_across_builds_and_time_zones(tmp_path: Path, books: Books, mode: str) -> None:
    script = SCRIPT.format(src=str(ROOT / "src"), tests=str(ROOT / "tests"))
    outputs = []
    for tz in ("UTC", "Pacific/Kiritimati", "America/Los_Angeles"):
        out = tmp_path / f"{tz.replace('/', '-')}.epub"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        subprocess.run([sys.executable, "-c", script, str(out), mode], check=True, env=dict(env, TZ=tz))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2] == books.files[("seed", mode)].read_bytes()


def test_source_date_epoch_sets_zip_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    book = write_epub(seed_context(xhtml=True), DEFAULT_LAYOUTS, ROOT, tmp_path / "b.epub")
    with zipfile.ZipFile(book) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


# -- bad input: a clear error, nothing written -----------------------------------------


def _bad(tmp_path: Path, markdown: str) -> tuple[BriefContext, Path]:
    ctx = make_context(tmp_path, markdown, {}, fuzzy={}, slug="bad")
    out = tmp_path / "out" / "bad.epub"
    out.parent.mkdir()
    out.write_bytes(b"previous build")
    return ctx, out


def _assert_untouched(out: Path) -> None:
    assert out.read_bytes() == b"previous build"
    assert [p.name for p in out.parent.iterdir()] == ["bad.epub"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("body", "error", "words"),
    [
        ("![Une carte](../images/absente.png)", RenderError, "not found"),
        ("![](../images/carte.png)", RenderError, "no alt text"),
        ("![Une carte](../../../etc/passwd)", SecurityError, "outside the workspace"),
        ("![Une carte](https://example.org/carte.png)", SecurityError, "network"),
        ("![Une carte](../images/faux.png)", RenderError, "not a PNG"),
    ],
    ids=["missing-image", "no-alt", "outside", "network", "not-an-image"],
)
def test_bad_image_is_a_clear_error(tmp_path: Path, body: str, error: type[Exception], words: str) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "carte.png").write_bytes(png())
    (tmp_path / "images" / "faux.png").write_text("<html>not an image</html>")
    ctx, out = _bad(tmp_path, f"---\ntitle: T\ndate: 2025-01-01\n---\n\nTexte.\n\n{body}\n")
    with pytest.raises(error) as info:
        write_epub(ctx, DEFAULT_LAYOUTS, tmp_path, out)
    assert words in str(info.value)
    assert info.value.path == "sources/bad.md" and info.value.line == 8  # type: ignore[attr-defined]
    _assert_untouched(out)


def test_broken_layout_names_the_layout(tmp_path: Path) -> None:
    ctx, out = _bad(tmp_path, "---\ntitle: T\ndate: 2025-01-01\n---\n\nTexte.\n")
    layouts = tmp_path / "layouts"
    (layouts / "epub").mkdir(parents=True)
    original = (DEFAULT_LAYOUTS / "epub" / "summary.xhtml.j2").read_text(encoding="utf-8")
    (layouts / "epub" / "summary.xhtml.j2").write_text(original.replace("</h1>", "</h2>"), encoding="utf-8")
    with pytest.raises(RenderError) as info:
        write_epub(ctx, layouts, tmp_path, out)
    assert "summary.xhtml.j2" in str(info.value) and "well-formed" in str(info.value)
    _assert_untouched(out)


def test_control_character_is_a_clear_error(tmp_path: Path) -> None:
    ctx, out = _bad(tmp_path, "---\ntitle: T\ndate: 2025-01-01\n---\n\nTexte \x0b piégé.\n")
    with pytest.raises(RenderError, match="well-formed"):
        write_epub(ctx, DEFAULT_LAYOUTS, tmp_path, out)
    _assert_untouched(out)


def test_unknown_mode(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="interleaved, parallel, source, target"):
        write_epub(seed_context(xhtml=True), DEFAULT_LAYOUTS, ROOT, tmp_path / "x.epub", mode="sideways")
    assert not (tmp_path / "x.epub").exists()


def test_box_with_unknown_block_is_an_error(tmp_path: Path) -> None:
    ctx = make_context(
        tmp_path,
        "---\ntitle: T\ndate: 2025-01-01\n---\n\nTexte.\n",
        {},
        fuzzy={},
        box=(("b99", "1", "1", "un", "one"),),
    )
    with pytest.raises(RenderError, match="b99"):
        write_epub(ctx, DEFAULT_LAYOUTS, tmp_path, tmp_path / "x.epub")


# -- the stylesheet stays within what e-readers honour ---------------------------------


def test_stylesheet_uses_what_readers_honour() -> None:
    css = (DEFAULT_LAYOUTS / "epub" / "epub.css").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"display\s*:\s*(grid|flex|inline-flex|inline-grid)", code)
    assert not re.search(r"position\s*:\s*fixed|@page|\b100vh\b|\bvw\b", code)
    assert not re.search(r"font-family", code)  # the reader's font
    sizes = re.findall(r"(?:font-size|margin|padding|width)[^;]*?(\d+(?:\.\d+)?)(px|pt|cm|mm|in)\b", code)
    assert sizes == []


@pytest.mark.parametrize("mode", MODES)
def test_an_independent_reader_opens_every_mode(books: Books, mode: str) -> None:
    """ebooklib (a reader we did not write) parses the book: metadata, spine, navigation."""
    import warnings

    from ebooklib import ITEM_DOCUMENT, epub

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
        book = epub.read_epub(str(books.files[("seed", mode)]), {"ignore_ncx": False})
    titles = [value for value, _ in book.get_metadata("DC", "title")]
    expected = "France steps up a gear" if mode == "target" else "La France passe à la vitesse supérieure"
    assert titles and titles[0].startswith(expected)
    languages = [value for value, _ in book.get_metadata("DC", "language")]
    assert languages[:1] == (["en"] if mode == "target" else ["fr"])
    assert next(value for value, _ in book.get_metadata("DC", "identifier")).startswith("urn:uuid:")
    documents = list(book.get_items_of_type(ITEM_DOCUMENT))
    assert len(documents) >= 3
    assert len(book.spine) >= 3
    text = b" ".join(item.get_content() for item in documents).decode("utf-8")
    if mode != "source":
        assert "specialised staff in French embassies" in text
    if mode != "target":
        assert "effectifs spécialisés dans les ambassades" in text
