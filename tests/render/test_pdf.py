"""The side-by-side PDF, inspected with real tools: pdftotext, pdffonts, pdfinfo, pypdf, pdfua.

Briefs are built once per module where the tests only read them. There are no
golden PDFs (they would compare timestamps and font subsets); the HTML that goes
into WeasyPrint is checked instead, and the PDF through what the tools report.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import pikepdf
import pytest
from markupsafe import Markup
from pypdf import PdfReader

from briefgen.errors import RenderError, SecurityError
from briefgen.render.context import BriefContext, Text, Translation, build_context
from briefgen.render.html import render_html
from briefgen.render.names import protect_names
from briefgen.render.pdf import write_pdf
from briefgen.render.templates import DEFAULT_LAYOUTS
from briefgen.sources import load_source

from conftest import ROOT, SEED, SEED_EN, png, require_tool, seed_context

LABELS = {
    "Brief": ("Note de synthèse", "Brief"),
    "Key figures": ("Chiffres clés", "Key figures"),
    "Untranslated": ("non traduit", "untranslated"),
    "Fuzzy translation": ("à revoir", "fuzzy"),
}

BOX = [
    ("b2", "+20\u00a0%", "+20%", "effectifs spécialisés", "specialised staff"),
    ("b2", "×3", "×3", "moyens d’intervention", "intervention resources"),
    ("b4", "+40\u00a0%", "+40%", "saisies en cinq ans", "seizures in five years"),
]

RICH = """\
---
title: Une note riche
subtitle: Avec des titres et des listes
date: 2025-11-08
lang: fr
origin: Direction de la communication
authors:
  - Marie Curie
  - Jean Moulin
keywords:
  - essai
---

## Contexte général

Premier paragraphe du contexte.

- Un élément de liste
- Un autre élément

> Une citation importante.

![Une carte du monde](carte.png "Légende de la carte")

| Pays | Saisies |
|------|---------|
| Mexique | 40 % |

```
code literal
```

### Détails

Dernier paragraphe, resté sans traduction.
"""


def _translations(
    texts: Iterable[str], *, fuzzy: Iterable[str] = (), missing: Iterable[str] = ()
) -> dict[str, Translation]:
    unsure, absent = set(fuzzy), set(missing)
    out = {}
    for text in texts:
        if text not in absent:
            out[text] = Translation(SEED_EN.get(text, f"EN {text}"), text in unsure)
    return out


def seed_brief(*, box: bool = True, fuzzy: int | None = 3, missing: int | None = 4) -> BriefContext:
    """The seed brief with a key-figures box, one fuzzy and one untranslated paragraph."""
    source = load_source(SEED)
    texts = [s.text for s in source.segments()]
    paragraphs = [b.segments[0].text for b in source.blocks]
    return build_context(
        source,
        "en",
        _translations(
            texts,
            fuzzy=[paragraphs[fuzzy]] if fuzzy is not None else [],
            missing=[paragraphs[missing]] if missing is not None else [],
        ),
        catalog_file="translations/en/LC_MESSAGES/narcotrafic-diplomatie.po",
        source_file="sources/narcotrafic-diplomatie.md",
        labels=LABELS,
        box=BOX if box else (),
    )


def workspace_context(
    root: Path, markdown: str, *, name: str = "note.md", missing: Iterable[str] = ()
) -> BriefContext:
    """A context for ``markdown`` saved as ``root/sources/<name>``, translated as ``EN <text>``."""
    path = root / "sources" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    source = load_source(path)
    return build_context(
        source,
        "en",
        _translations([s.text for s in source.segments()], missing=missing),
        catalog_file=f"translations/en/LC_MESSAGES/{path.stem}.po",
        source_file=f"sources/{name}",
        labels=LABELS,
    )


def run(tool: str, *args: str | os.PathLike[str]) -> str:
    """The output of poppler's ``tool``; the test skips (or fails in CI) without it."""
    command = [require_tool(tool, "poppler-utils"), *map(os.fspath, args)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def squash(text: str) -> str:
    """Text as pdftotext gives it, comparable with a message: one kind of space, no hyphen breaks."""
    text = re.sub(r"-\n", "", text)
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    rich_root = tmp_path_factory.mktemp("rich")
    (rich_root / "sources").mkdir()
    (rich_root / "sources" / "carte.png").write_bytes(png(40, 20))
    rich = workspace_context(rich_root, RICH, missing=["Dernier paragraphe, resté sans traduction."])
    return {
        "seed": write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, out / "seed.pdf"),
        "untagged": write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, out / "untagged.pdf", tagged=False),
        "ua": write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, out / "ua.pdf", pdf_variant="pdf/ua-1"),
        "rich": write_pdf(rich, DEFAULT_LAYOUTS, rich_root, out / "rich.pdf", pdf_variant="pdf/ua-1"),
    }


# ---- The HTML handed to WeasyPrint ---------------------------------------------------------------


def test_html_pairs_each_block_with_its_translation() -> None:
    ctx = seed_brief()
    html = render_html(ctx, DEFAULT_LAYOUTS)
    assert '<html lang="fr">' in html
    assert '<th scope="col" lang="fr">Français</th><th scope="col" lang="en">English</th>' in html
    for row_id in ("b1", "b6"):
        assert f'<tr id="{row_id}" class="paragraph">' in html
    # Every cell of the parallel text says its language (WeasyPrint hyphenates by it).
    cells = re.findall(r'<td class="(source|target)[^"]*" lang="([\w-]+)"', html)
    assert len(cells) == 12
    assert [lang for side, lang in cells if side == "source"] == ["fr"] * 6
    # Untranslated and fuzzy: source text in the target column, with a label (not colour alone).
    assert html.count('<td class="target untranslated" lang="fr">') == 1
    assert html.count('<td class="target fuzzy" lang="fr">') == 1
    assert '<span class="marker" lang="en">[untranslated]</span>' in html
    assert '<span class="marker" lang="en">[fuzzy]</span>' in html
    assert ctx.status.line().endswith("· 1 fuzzy · 1 untranslated")
    # A draft says so in every page's margin, with the target language's spacing ("84%").
    assert f'data-status="{ctx.status_text}"' in html
    assert ctx.status_text.startswith("EN 84% ·")
    assert 'data-draft="' in html
    # The box links each figure to its paragraph, in both languages.
    assert html.count('<a href="#b2"') == 4 and html.count('<a href="#b4"') == 2
    # Workflow details stay off the pages: the source file is not in the HTML at all.
    assert "sources/narcotrafic-diplomatie.md" not in html


def test_html_of_a_complete_translation_has_no_markers(seed_ctx: BriefContext) -> None:
    html = render_html(seed_ctx, DEFAULT_LAYOUTS)
    assert 'class="marker"' not in html and 'class="notice"' not in html
    # A finished brief carries no workflow: no file path, no statistics, no draft label.
    assert "data-status" not in html and "data-draft" not in html and "fuzzy" not in html
    assert seed_ctx.source_file not in html
    assert '<section class="box">' not in html  # the seed has no box yet


# ---- The PDF, through the tools --------------------------------------------------------------------


def test_both_texts_in_reading_order(built: Mapping[str, Path]) -> None:
    """Each French block, then its English block, then the next French block, in pdftotext's text."""

    def start(text: Text) -> str:
        return squash(" ".join(text.plain.split()[:3]))

    ctx = seed_brief()
    pairs = [r.pair for r in ctx.rows if r.pair]
    assert pairs
    # Laid out as on the page (-layout): FR 1, EN 1, FR 2, EN 2... each found after the one before.
    text = squash(run("pdftotext", "-layout", built["seed"], "-"))
    at = -1
    for part in (start(t) for pair in pairs for t in (pair.source, pair.target)):
        at = text.find(part, at + 1)
        assert at != -1, part
    # In raw reading order, both columns run in document order, each English block after its source
    # (a fuzzy or untranslated block repeats the French text: only the translated ones are told apart).
    text = squash(run("pdftotext", built["seed"], "-"))
    sources = [text.find(start(p.source)) for p in pairs]
    english = [(p, at) for p, at in zip(pairs, sources, strict=True) if p.status == "translated"]
    targets = [text.find(start(p.target), at + 1) for p, at in english]
    assert len(english) >= len(pairs) - 2 and -1 not in sources + targets
    assert sources == sorted(sources) and targets == sorted(targets)


def test_running_head_names_the_brief_in_both_languages(tmp_path: Path) -> None:
    """Each title is cut at a word boundary; a ``short-title`` replaces both when given."""
    ctx = seed_brief()
    head = ctx.short_title
    french, english = head.split(" · ")
    assert french.endswith("\u2026") and ctx.title.source.plain.startswith(french[:-1])
    assert english.endswith("\u2026") and ctx.title.target.plain.startswith(english[:-1])
    assert not french[:-1].endswith(" ") and ctx.title.source.plain[len(french) - 1] == " "
    markdown = RICH.replace("subtitle:", "short-title: Une note\nsubtitle:", 1)
    short = workspace_context(tmp_path, markdown)
    assert short.short_title == "Une note · EN Une note"
    assert f'data-running-title="{short.short_title}"' in render_html(short, DEFAULT_LAYOUTS)


def test_proper_names_are_kept_whole_and_hyphen_runs_short(built: Mapping[str, Path]) -> None:
    """Names are marked for WeasyPrint (not hyphenated, not broken at their hyphen) in French and
    English, not in German (which capitalises every noun); no three hyphenated lines in a row."""
    html = render_html(seed_brief(), DEFAULT_LAYOUTS)
    for name in ("Macron", "Jean-Noël", "Orsay", "Amérique"):
        assert f'<span class="name">{name}</span>' in html, name
    assert '<span class="name">Samedi</span>' not in html  # it starts a sentence: not taken for a name
    german = Text("de", Markup("Der Minister trifft Macron."), "Der Minister trifft Macron.")
    assert protect_names(german) == german.html
    run = longest = 0
    for line in run_lines(built["seed"]):
        run = run + 1 if line.endswith(("\u2010", "-")) else 0
        longest = max(longest, run)
    assert longest <= 2


def run_lines(pdf: Path) -> list[str]:
    return run("pdftotext", pdf, "-").splitlines()


def test_fonts_are_embedded_and_subset(built: Mapping[str, Path]) -> None:
    for pdf in built.values():
        lines = run("pdffonts", pdf).splitlines()[2:]
        assert lines, pdf
        for line in lines:
            name, *_, emb, sub, uni, _obj, _gen = line.split()
            assert (emb, sub, uni) == ("yes", "yes", "yes"), line
            assert re.match(r"[A-Z]{6}\+Brief-(Serif|Sans)", name), line


def test_pdfinfo_reports_title_pages_and_dates(built: Mapping[str, Path]) -> None:
    info = dict(line.split(":", 1) for line in run("pdfinfo", built["seed"]).splitlines() if ":" in line)
    info = {k: v.strip() for k, v in info.items()}
    assert info["Title"] == seed_brief().title.source.plain
    assert info["Title"].startswith("La France passe à la vitesse supérieure")
    assert info["Page size"].endswith("(A4)")
    assert 2 <= int(info["Pages"]) <= 4
    assert "Nov  8" in info["CreationDate"] and "2025" in info["CreationDate"]
    assert info["Creator"] == "briefgen"
    assert info["Tagged"] == "yes"  # tagged by default (issue 16)
    assert re.search(r"Tagged:\s+yes", run("pdfinfo", built["ua"]))
    assert re.search(r"Tagged:\s+no", run("pdfinfo", built["untagged"]))


def test_metadata_outline_and_links(built: Mapping[str, Path]) -> None:
    reader = PdfReader(built["seed"])
    meta = reader.metadata
    assert meta is not None
    assert meta["/Creator"] == "briefgen"
    assert "narcotrafic" in meta["/Keywords"] and "drug trafficking" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20251108")
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [
        "La France passe à la vitesse supérieure dans sa guerre contre le trafic de drogue",
        "Chiffres clés / Key figures",
    ]
    destinations = reader.named_destinations
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object()["/Subtype"] == "/Link"
    ]
    targets = {str(link["/Dest"]) for link in links}
    assert targets == {"b2", "b4"}
    assert {"b2", "b4"} <= set(destinations)


def _page_texts(pdf: Path) -> list[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]
    return [run("pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-") for n in range(1, pages + 1)]


def test_titles_and_key_figures_sit_side_by_side(built: Mapping[str, Path]) -> None:
    # Inline blocks of half the width (flex cost WeasyPrint a second layout): no white space may
    # push the English half below the French one.
    lines = _page_texts(built["seed"])[0].splitlines()
    for french, english in (
        ("La France passe", "France steps up"),
        ("effectifs spécialisés", "specialised staff"),
    ):
        line = next(text for text in lines if french in text)
        assert english in line, (french, line)


def test_column_labels_head_the_table_once_and_every_page_when_tagged(built: Mapping[str, Path]) -> None:
    # A header row repeated on every page cost +4 % time (bench_pdf.py); a tagged PDF keeps it,
    # as WeasyPrint tags each page's part of the table as a table, which needs header cells.
    plain, tagged = _page_texts(built["untagged"]), _page_texts(built["seed"])
    assert len(plain) >= 2 and len(tagged) >= 2
    assert ["FRANÇAIS" in page for page in plain] == [True] + [False] * (len(plain) - 1)
    assert all("FRANÇAIS" in page and "ENGLISH" in page for page in tagged)
    assert all(f"Page {n} / {len(plain)}" in page for n, page in enumerate(plain, 1))


def test_rich_brief_bookmarks_follow_the_headings(built: Mapping[str, Path]) -> None:
    reader = PdfReader(built["rich"])
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Une note riche", "Contexte général / EN Contexte général"]
    nested = [item for item in outline if isinstance(item, list)]
    assert [item.title for item in nested[0]] == ["Détails / EN Détails"]


def test_ua_variant_passes_pdfua(built: Mapping[str, Path]) -> None:
    from pdfua import Severity, validate

    for name in ("ua", "rich"):
        report = validate(str(built[name]))
        errors = [f for f in report.findings if f.severity >= Severity.ERROR]
        warnings = [f for f in report.findings if f.severity == Severity.WARNING]
        assert errors == [], (name, errors)
        # WeasyPrint 70 writes no /Scope on header cells (README, "Tagged PDF"): the one warning left.
        assert {f.rule_id for f in warnings} <= {"UA-15-003"}, (name, warnings)


def _struct_children(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def test_ua_document_is_french_and_tags_each_block_as_a_row_of_two_cells(built: Mapping[str, Path]) -> None:
    with pikepdf.open(built["ua"]) as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "fr"
        rows: list[list[str]] = []

        def walk(node: pikepdf.Dictionary) -> None:
            for kid in _struct_children(node):
                if kid.S == "/TBody":
                    for tr in _struct_children(kid):
                        rows.append([str(td.S) for td in _struct_children(tr)])
                else:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    # One TR per block (two when it splits across pages), a cell per language.
    assert len(rows) >= 6
    assert all(row == ["/TD", "/TD"] for row in rows), rows


def _langs(pdf: pikepdf.Pdf) -> dict[str, list[str]]:
    """Structure type -> the /Lang of each element of that type that has one, in document order."""
    found: dict[str, list[str]] = {}

    def walk(node: pikepdf.Dictionary) -> None:
        for kid in _struct_children(node):
            if "/Lang" in kid:
                found.setdefault(str(kid.S), []).append(str(kid.Lang))
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize("name", ["seed", "ua"])
def test_each_column_carries_its_language(built: Mapping[str, Path], name: str) -> None:
    """French cells say fr, English cells en; a block shown untranslated keeps fr in the English column."""
    ctx = seed_brief()
    with pikepdf.open(built[name]) as pdf:
        assert str(pdf.Root.Lang) == "fr"
        langs = _langs(pdf)
    cells = langs["/TD"]
    assert cells[0::2] == ["fr"] * (len(cells) // 2)
    # Rows in order (a row split across pages appears twice): the English column's languages.
    expected = [r.pair.target.lang for r in ctx.rows if r.pair]
    english = cells[1::2]
    assert expected.count("fr") == 2  # the fuzzy and the untranslated paragraph show the French text
    assert set(english) == {"fr", "en"} and english.count("fr") >= 2
    assert [english[0], english[-1]] == [expected[0], expected[-1]]
    assert set(langs["/TH"]) == {"fr", "en"} and langs["/TH"][:2] == ["fr", "en"]
    assert langs["/Div"] == ["fr", "en"]  # the title block's two sides
    assert langs["/Link"] == ["fr", "en"] * len(BOX)  # each key figure, French then English
    assert langs["/P"] == ["en"]  # the draft notice


def test_builds_are_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, tmp_path / "a.pdf").read_bytes()
    second = write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, tmp_path / "b.pdf").read_bytes()
    assert first == second
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored after the build
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, tmp_path / "c.pdf").read_bytes()
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert third == write_pdf(seed_brief(), DEFAULT_LAYOUTS, ROOT, tmp_path / "d.pdf").read_bytes()


def test_a_paragraph_longer_than_a_page_flows_and_stays_aligned(tmp_path: Path) -> None:
    long_fr = " ".join(["Le narcotrafic mobilise les diplomates et les douaniers de nombreux pays."] * 120)
    markdown = f"---\ntitle: Long\ndate: 2025-11-08\n---\n\nAvant tout.\n\n{long_fr}\n\nAprès coup.\n"
    ctx = workspace_context(tmp_path, markdown)
    pdf = write_pdf(ctx, DEFAULT_LAYOUTS, tmp_path, tmp_path / "out" / "long.pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    page_of = {}
    for page in range(1, pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-")
        for needle in ("Après coup.", "EN Après coup."):
            if needle in text:
                page_of.setdefault(needle, page)
    # The next pair starts on the same page in both columns, after the long one.
    assert page_of["Après coup."] == page_of["EN Après coup."] == pages


# ---- Bad input ------------------------------------------------------------------------------------


def _copy_layouts(root: Path) -> Path:
    layouts = root / "layouts"
    shutil.copytree(DEFAULT_LAYOUTS, layouts)
    return layouts


def _break(layouts: Path, old: str, new: str) -> None:
    template = layouts / "brief.html.j2"
    text = template.read_text(encoding="utf-8")
    assert old in text
    template.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{% if ctx.box %}", "{% if ctx.box %", "template syntax error"),
        ("{{ ctx.short_title }}", "{{ ctx.no_such_field }}", "undefined variable"),
    ],
    ids=["syntax-error", "undefined-variable"],
)
def test_template_errors_name_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    layouts = _copy_layouts(tmp_path)
    _break(layouts, old, new)
    lines = (layouts / "brief.html.j2").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if new in text)
    out = tmp_path / "out"
    with pytest.raises(RenderError, match=message) as caught:
        write_pdf(seed_brief(), layouts, tmp_path, out / "brief.pdf")
    assert caught.value.path is not None and caught.value.path.endswith("brief.html.j2")
    assert caught.value.line in (line, line + 1)  # Jinja2 reports an unclosed tag where it gave up
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<link rel="attachment" href="file:///etc/passwd">',
        '<link rel="attachment" href="../../../../../../../../etc/passwd">',
        '<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">',
        '<style>@import url("https://example.com/evil.css");</style>',
        '<style>@font-face { font-family: X; src: url("ftp://example.com/x.ttf"); } p { font-family: X }'
        "</style>",
    ],
    ids=["attachment-file-url", "attachment-dotdot", "stylesheet-metadata-ip", "css-import", "font-face"],
)
def test_resources_outside_the_workspace_are_refused(
    tmp_path: Path, markup: str, no_network: list[object]
) -> None:
    layouts = _copy_layouts(tmp_path)
    _break(layouts, "</head>", markup + "\n</head>")
    out = tmp_path / "out"
    with pytest.raises(SecurityError, match="refused"):
        write_pdf(seed_brief(), layouts, tmp_path, out / "brief.pdf")
    assert not out.exists() or list(out.iterdir()) == []
    assert no_network == []


def test_attachment_inside_the_workspace_is_embedded(tmp_path: Path) -> None:
    layouts = _copy_layouts(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "annex.txt").write_text("annex", encoding="utf-8")
    _break(layouts, "</head>", '<link rel="attachment" href="annex.txt">\n</head>')
    pdf = write_pdf(seed_brief(), layouts, tmp_path, tmp_path / "brief.pdf")
    assert PdfReader(pdf).attachments == {"annex.txt": [b"annex"]}


@pytest.mark.parametrize(
    ("src", "error", "message"),
    [
        ("absente.png", RenderError, "resource not found"),
        ("../../ailleurs.png", SecurityError, "outside the workspace"),
        ("https://example.com/carte.png", SecurityError, "network"),
    ],
    ids=["missing", "outside", "network"],
)
def test_bad_images_name_the_source_line(
    tmp_path: Path, src: str, error: type[Exception], message: str
) -> None:
    markdown = f"---\ntitle: Images\ndate: 2025-11-08\n---\n\nTexte.\n\n![Carte]({src})\n"
    ctx = workspace_context(tmp_path, markdown)
    with pytest.raises(error, match=message) as caught:
        write_pdf(ctx, DEFAULT_LAYOUTS, tmp_path, tmp_path / "out" / "brief.pdf")
    assert caught.value.path == "sources/note.md" and caught.value.line == 8  # type: ignore[attr-defined]
    assert not (tmp_path / "out").exists()


def test_a_failed_build_keeps_the_previous_pdf(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"%PDF- previous")
    layouts = _copy_layouts(tmp_path)
    _break(layouts, "{{ ctx.short_title }}", "{{ ctx.nope }}")
    with pytest.raises(RenderError):
        write_pdf(seed_brief(), layouts, tmp_path, out)
    assert out.read_bytes() == b"%PDF- previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "layouts"]


def test_an_enormous_word_wraps_inside_its_column(tmp_path: Path) -> None:
    word = "a" * 10_000
    ctx = workspace_context(tmp_path, f"---\ntitle: Mot\ndate: 2025-11-08\n---\n\nAvant {word} après.\n")
    pdf = write_pdf(ctx, DEFAULT_LAYOUTS, tmp_path, tmp_path / "word.pdf")
    text = run("pdftotext", "-layout", pdf, "-")
    assert text.count("a") > 2 * 9_000  # both columns, wrapped: nothing lost
    width = max(len(line) for line in text.splitlines())
    assert width < 200  # broken at the column edge, not one line running off the page


def test_a_script_the_fonts_lack_warns_and_still_builds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Decision: warn (naming the block and characters) and let WeasyPrint fall back; never fail.
    markdown = "---\ntitle: Écritures\ndate: 2025-11-08\n---\n\nFrançais.\n\n北京 और दिल्ली.\n"
    ctx = workspace_context(tmp_path, markdown)
    with caplog.at_level(logging.WARNING, logger="briefgen.render"):
        pdf = write_pdf(ctx, DEFAULT_LAYOUTS, tmp_path, tmp_path / "scripts.pdf")
    assert pdf.stat().st_size > 0
    warnings = [r.getMessage() for r in caplog.records if r.name == "briefgen.render"]
    assert len(warnings) == 1
    assert "sources/note.md:8: block b2 uses 9 characters the layout fonts lack" in warnings[0]
    assert "U+0914" in warnings[0]


def test_unknown_pdf_variant_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown PDF variant"):
        write_pdf(seed_context(), DEFAULT_LAYOUTS, ROOT, tmp_path / "x.pdf", pdf_variant="pdf/a-9")
    assert list(tmp_path.iterdir()) == []


def test_seed_context_is_unchanged_by_rendering(seed_ctx: BriefContext) -> None:
    before = dataclasses.asdict(seed_ctx)
    render_html(seed_ctx, DEFAULT_LAYOUTS)
    assert dataclasses.asdict(seed_ctx) == before
