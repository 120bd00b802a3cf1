"""Issue 7, hardening: every bad input gets one clear line, and nothing is lost or half-written.

One row per bad (or valid but hard) input. Each row plants its condition in a
fresh copy of the workspace, runs one ``briefgen`` command as a user would,
and states the exit status and a fragment of the one error line (file, and
``:LINE:`` where there is a line). Every row is then held to the same rules:

* no ``Traceback`` on stderr (no row passes ``--debug``);
* a failure prints exactly one ``error:`` line, which holds the fragment;
* nothing half-written: no ``*.tmp`` or staging folder anywhere in the workspace;
* a failed command leaves the workspace byte for byte as it found it: no
  output for the failed brief, previous outputs intact, catalogs unchanged.

Rows that must build (exit 0) also say what must be in the output. The last test
puts template syntax, markup and XML entities into a source and its translation
and proves that every format shows them as text.
"""

from __future__ import annotations

import os
import re
import resource
import stat
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, require_tool, run_cli

SLUG = "narcotrafic-diplomatie"
SOURCE = f"sources/{SLUG}.md"
CATALOG = f"translations/en/LC_MESSAGES/{SLUG}.po"
PDF, EPUB, HTML = (f"out/{SLUG}.en.{ext}" for ext in ("pdf", "epub", "html"))
ALL_FORMATS = ("-f", "pdf", "-f", "epub", "-f", "html")

#: An error line: ``error: ...`` or ``LOCATION: error: ...``.
ERROR_LINE = re.compile(r"(?:[^ ]+: )?error: ", re.IGNORECASE)

#: What a planting function returns: values for the row's message fragment (e.g. the line it broke).
Values = dict[str, object]


# -- helpers -------------------------------------------------------------------------------------


def line_of(path: Path, needle: str, *, last: bool = False) -> int:
    """1-based number of the (first or last) line of ``path`` containing ``needle``."""
    numbers = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    assert numbers, f"{needle!r} not in {path}"
    return numbers[-1] if last else numbers[0]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> int:
    """Append ``text`` to a text file; return the line number where it starts."""
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def add_paragraph(ws: Path, text: str) -> int:
    """A new paragraph at the end of the seed source; return its line."""
    return append(ws / SOURCE, "\n" + text + "\n") + 1


def png(width: int, height: int) -> bytes:
    """A valid black 1-bit PNG of any size, made row by row (Pillow would need width*height bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    packer = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte 0, then the packed pixels
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pdftext(path: Path) -> str:
    done = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "\n".join(
            book.read(name).decode("utf-8") for name in sorted(book.namelist()) if name.endswith(".xhtml")
        )


def snapshot(ws: Path) -> dict[str, bytes | None]:
    """Every file and folder of the workspace (folders as None), lock files aside."""
    out: dict[str, bytes | None] = {}
    for path in sorted(ws.rglob("*")):
        if path.name.endswith(".lock"):
            continue  # an advisory lock file is created by catalog commands; it holds nothing
        if path.is_symlink():  # the link itself: reading through it could hang (a FIFO) or leave ws
            out[path.relative_to(ws).as_posix()] = b"-> " + os.readlink(path).encode()
            continue
        regular = stat.S_ISREG(path.lstat().st_mode)
        out[path.relative_to(ws).as_posix()] = path.read_bytes() if regular else None
    return out


def leftovers(ws: Path) -> list[str]:
    """Temporary files or staging folders: what a half-finished write leaves behind."""
    return sorted(
        p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.name.endswith((".tmp", ".staging"))
    )


# -- planting functions -----------------------------------------------------------------------------


def yaml_syntax(ws: Path) -> Values:
    replace(ws / SOURCE, "date: 2025-11-08\n", "date: 2025-11-08\n  extra: indented: wrong\n")
    return {"line": line_of(ws / SOURCE, "extra: indented")}


def wrong_type(ws: Path) -> Values:
    replace(ws / SOURCE, "date: 2025-11-08\n", "date: [2025, 11, 8]\n")
    return {"line": line_of(ws / SOURCE, "date:")}


def authors_wrong_type(ws: Path) -> Values:
    replace(ws / SOURCE, "lang: fr\n", "lang: fr\nauthors: {name: Ana}\n")
    return {"line": line_of(ws / SOURCE, "authors:")}


def latin1(ws: Path) -> Values:
    path = ws / SOURCE
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("’", "'").replace("–", "-").encode("latin-1"))
    first = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    return {"line": first}


def bom(ws: Path) -> Values:
    path = ws / SOURCE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return {}


def nul_byte(ws: Path) -> Values:
    return {"line": add_paragraph(ws, "Un texte\x00piégé.")}


def po_syntax(ws: Path) -> Values:
    path = ws / CATALOG
    replace(path, 'msgstr "diplomacy"', 'msgstr "diplomacy')
    return {"line": line_of(path, 'msgstr "diplomacy')}


def po_declared_charset(ws: Path) -> Values:
    path = ws / CATALOG
    replace(path, "charset=UTF-8", "charset=ISO-8859-1")
    return {"line": line_of(path, "charset=ISO-8859-1")}


def po_bytes_not_utf8(ws: Path) -> Values:
    path = ws / CATALOG
    line = line_of(path, 'msgstr "diplomacy"')
    path.write_bytes(path.read_bytes().replace(b'msgstr "diplomacy"', b'msgstr "diplom\xe9cy"'))
    return {"line": line}


def po_duplicate(ws: Path) -> Values:
    path = ws / CATALOG
    first = line_of(path, 'msgid "Mexique"')
    second = append(path, '\nmsgid "Mexique"\nmsgstr "Mexico"\n') + 1
    return {"first": first, "second": second}


_PLURAL = '\nmsgid "un chat"\nmsgid_plural "des chats"\nmsgstr[0] "a cat"\nmsgstr[1] "cats"\n'


def po_no_plural_forms(ws: Path) -> Values:
    path = ws / CATALOG
    replace(path, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    return {"line": append(path, _PLURAL) + 1}


def po_too_many_plurals(ws: Path) -> Values:
    path = ws / CATALOG
    return {"line": append(path, _PLURAL + 'msgstr[2] "many cats"\n') + 1}


def po_cp1252(ws: Path) -> Values:
    """The catalog saved as Windows-1252, as GNU gettext and older editors keep it."""
    path = ws / CATALOG
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=CP1252")
    path.write_bytes(text.encode("cp1252"))
    return {}


def po_other_source(ws: Path) -> Values:
    path = ws / CATALOG
    path.write_text(path.read_text(encoding="utf-8").replace(SOURCE, "sources/autre.md"), encoding="utf-8")
    return {}


def template_syntax(ws: Path) -> Values:
    path = ws / "layouts" / "brief.html.j2"
    replace(path, "{% if ctx.box %}", "{% if ctx.box %}{% endfor %}")
    return {"line": line_of(path, "{% if ctx.box %}{% endfor %}")}


def template_undefined(ws: Path) -> Values:
    path = ws / "layouts" / "brief.html.j2"
    replace(path, "{{ ctx.short_title }}", "{{ ctx.no_such_field }}")
    return {"line": line_of(path, "ctx.no_such_field")}


def epub_template_undefined(ws: Path) -> Values:
    path = ws / "layouts" / "epub" / "summary.xhtml.j2"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "<body" in t)
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + "{{ no_such_variable }}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return {"line": line}


def template_missing_include(ws: Path) -> Values:
    path = ws / "layouts" / "brief.html.j2"
    replace(path, "{% if ctx.box %}", "{% include 'partials/box.html.j2' %}{% if ctx.box %}")
    return {"line": line_of(path, "partials/box.html.j2")}


def layouts_deleted(ws: Path) -> Values:
    # A workspace keeps only the layouts it changed: the others come from briefgen's defaults.
    (ws / "layouts" / "brief.html.j2").unlink()
    (ws / "layouts" / "epub" / "chapter.xhtml.j2").unlink()
    (ws / "layouts" / "epub" / "epub.css").unlink()
    return {}


def font_missing(ws: Path) -> Values:
    path = ws / "layouts" / "brief.css"
    replace(path, "fonts/NotoSerif-Regular.ttf", "fonts/NoSuchFont.ttf")
    return {"line": line_of(path, "NoSuchFont.ttf")}


def font_file_deleted(ws: Path) -> Values:
    (ws / "layouts" / "fonts" / "NotoSans-Bold.ttf").unlink()
    return {"line": line_of(ws / "layouts" / "brief.css", "NotoSans-Bold.ttf")}


def not_an_image(ws: Path) -> Values:
    (ws / "sources" / "x.png").write_text("this is not an image\n", encoding="utf-8")
    return {"line": add_paragraph(ws, "![Une carte](x.png)")}


def huge_image(ws: Path) -> Values:
    from PIL import Image

    data = png(20_000, 20_000)
    (ws / "sources" / "huge.png").write_bytes(data)
    with pytest.raises(Image.DecompressionBombError):  # what would reach WeasyPrint: a real bomb
        Image.open(ws / "sources" / "huge.png")
    return {"line": add_paragraph(ws, "![Une carte immense](huge.png)")}


LONG_PARAGRAPH = " ".join(f"mot{i % 97}" for i in range(40_000))[:200_000].strip()


def long_paragraph(ws: Path) -> Values:
    assert len(LONG_PARAGRAPH) >= 199_999
    add_paragraph(ws, LONG_PARAGRAPH)
    return {}


LONG_WORD = "a" * 10_000
#: Syllables the hyphenation dictionary can split: WeasyPrint's hyphens:auto is cubic in their length.
LONG_SYLLABLES = "anticonsti" * 1_000


def long_word(ws: Path) -> Values:
    add_paragraph(ws, f"Avant {LONG_WORD} après.")
    return {}


def long_syllables(ws: Path) -> Values:
    add_paragraph(ws, f"Avant {LONG_SYLLABLES} après.")
    return {}


def many_paragraphs(ws: Path) -> Values:
    append(ws / SOURCE, "".join(f"\nParagraphe numéro {i}, avec un peu de texte.\n" for i in range(5_000)))
    return {}


RTL = "مرحبا بالعالم و שלום עולם"
COMBINING = "Cafe\u0301 n\u0303 a\u030a\u0301 Z\u0336"


def rtl_and_combining(ws: Path) -> Values:
    add_paragraph(ws, f"{RTL}. {COMBINING}.")
    return {}


def out_is_a_file(ws: Path) -> Values:
    # As root chmod stops nothing; a file where the out/ folder should be stops everyone.
    (ws / "out").rmdir()
    (ws / "out").write_text("not a folder\n", encoding="utf-8")
    return {}


def out_read_only(ws: Path) -> Values:
    (ws / "out").chmod(0o500)
    return {}


def full_disk(ws: Path) -> Values:
    """A first build, then a change: the second build runs out of space (see Case.fsize)."""
    done = run_cli("build", *ALL_FORMATS, cwd=ws)
    assert done.returncode == 0, done.stderr
    add_paragraph(ws, "Un paragraphe ajouté après la première compilation.")
    return {}


def pyproject_lang(ws: Path) -> Values:
    replace(ws / "pyproject.toml", 'target-langs = ["en"]', 'target-langs = ["xx-nope"]')
    return {}


def pyproject_po_width(ws: Path) -> Values:
    replace(ws / "pyproject.toml", 'target-langs = ["en"]', 'target-langs = ["en"]\npo-width = 5')
    return {}


def pyproject_po_wrap(ws: Path) -> Values:
    replace(ws / "pyproject.toml", 'target-langs = ["en"]', 'target-langs = ["en"]\npo-wrap = "no"')
    return {}


def empty_dir(ws: Path) -> Values:
    (ws.parent / "empty").mkdir()
    return {}


def nothing(ws: Path) -> Values:
    return {}


# -- issue 18: links, special files, YAML bombs, dates -----------------------------------------------


def outside_copy(ws: Path, rel: str) -> Path:
    """Move ``rel`` out of the workspace and leave a symbolic link to it in its place."""
    inside = ws / rel
    outside = ws.parent / ("outside-" + inside.name)
    inside.rename(outside)
    inside.symlink_to(outside)
    return outside


def link_to_passwd(rel: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        (ws / rel).unlink()
        (ws / rel).symlink_to("/etc/passwd")
        return {}

    return plant


def link_out(rel: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        outside_copy(ws, rel)
        return {}

    return plant


def fifo_at(rel: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        (ws / rel).unlink()
        os.mkfifo(ws / rel)
        return {}

    return plant


def folder_at(rel: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        (ws / rel).unlink()
        (ws / rel).mkdir()
        return {}

    return plant


#: A "billion laughs": 9 levels of 9 aliases, 387 million strings once expanded.
LAUGHS = "".join(f"  - &l{i} [{', '.join(['*l' + str(i - 1)] * 9)}]\n" for i in range(1, 10))


def yaml_laughs(ws: Path) -> Values:
    replace(ws / SOURCE, "date: 2025-11-08\n", "date: 2025-11-08\nx:\n  - &l0 lol\n" + LAUGHS)
    return {"line": line_of(ws / SOURCE, "&l0 lol")}


def yaml_aliased_keywords(ws: Path) -> Values:
    big = "x" * 30_000
    replace(ws / SOURCE, "keywords:\n", f"keywords: [&k '{big}', " + ", ".join(["*k"] * 3_000) + "]\nk2:\n")
    return {"line": line_of(ws / SOURCE, "keywords:")}


def front_matter_huge(ws: Path) -> Values:
    replace(ws / SOURCE, "date: 2025-11-08\n", "date: 2025-11-08\nsubtitle: " + "mot " * 20_000 + "\n")
    text = (ws / SOURCE).read_text(encoding="utf-8")
    return {"size": len(text.split("\n---\n", 1)[0]) - len("---\n")}


def date_is(value: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        replace(ws / SOURCE, "date: 2025-11-08\n", f"date: {value}\n")
        return {"line": line_of(ws / SOURCE, "date:")}

    return plant


def yaml_escape(escape: str) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        replace(ws / SOURCE, "lang: fr\n", f'lang: fr\nauthors: ["Ana {escape} Lopez"]\n')
        return {"line": line_of(ws / SOURCE, "authors:")}

    return plant


def translations_read_only(ws: Path) -> Values:
    (ws / "translations").chmod(0o555)
    return {}


def date_long_text(ws: Path) -> Values:
    replace(ws / SOURCE, "date: 2025-11-08\n", "date: '" + "z" * 50_000 + "'\n")
    return {"line": line_of(ws / SOURCE, "date:")}


def merged_into_link(ws: Path) -> None:
    """The link stays a link; the file it names holds the merged catalog."""
    link = ws / "merged.po"
    assert link.is_symlink()
    assert b'msgid "Mexique"' in link.resolve().read_bytes()


def plant_link_output(ws: Path) -> Values:
    (ws / "target.po").write_text("", encoding="utf-8")
    (ws / "merged.po").symlink_to("target.po")
    return {}


def updated_through_link(ws: Path) -> None:
    link = ws / CATALOG
    assert link.is_symlink()
    assert "Nouveau message" in link.resolve().read_text(encoding="utf-8")


def plant_update_through_link(ws: Path) -> Values:
    real = ws / "real.po"  # outside translations/: the matrix checks that one stays as it was
    (ws / CATALOG).rename(real)
    (ws / CATALOG).symlink_to(os.path.relpath(real, (ws / CATALOG).parent))
    append(ws / f"translations/{SLUG}.pot", '\nmsgid "Nouveau message"\nmsgstr ""\n')
    return {}


# -- issue 18: images beyond their header, hostile SVG ---------------------------------------------


def gif_with_big_frame(width: int, height: int) -> bytes:
    """A GIF whose header says 1x1 but whose one frame is ``width`` x ``height`` (data cut short)."""
    screen = b"GIF89a" + (1).to_bytes(2, "little") * 2 + b"\x00\x00\x00"
    frame = b"\x2c" + bytes(4) + width.to_bytes(2, "little") + height.to_bytes(2, "little") + b"\x00"
    return screen + frame + b"\x02\x02\x4c\x01\x00\x3b"


def gif_frames(count: int) -> bytes:
    screen = b"GIF89a" + (1).to_bytes(2, "little") * 2 + b"\x00\x00\x00"
    frame = b"\x2c" + bytes(4) + (1).to_bytes(2, "little") * 2 + b"\x00\x02\x02\x4c\x01\x00"
    return screen + frame * count + b"\x3b"


def svg(body: str, head: str = "") -> str:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' + (
        f'width="10" height="10">{body}</svg>'
    )


def image_file(name: str, data: bytes | str) -> Callable[[Path], Values]:
    """``sources/NAME`` holds ``data``; a new paragraph shows it."""

    def plant(ws: Path) -> Values:
        path = ws / "sources" / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return {"line": add_paragraph(ws, f"![Une image]({name})")}

    return plant


def svg_wrapping_huge_png(ws: Path) -> Values:
    (ws / "sources" / "bomb.png").write_bytes(png(13_000, 13_000))
    return image_file("wrap.svg", svg('<image href="bomb.png" width="10" height="10"/>'))(ws)


def svg_wrapping_huge_data_png(ws: Path) -> Values:
    import base64

    url = "data:image/png;base64," + base64.b64encode(png(13_000, 13_000)).decode("ascii")
    return image_file("wrap.svg", svg(f'<image xlink:href="{url}" width="10" height="10"/>'))(ws)


def svg_with_small_png(ws: Path) -> Values:
    (ws / "sources" / "small.png").write_bytes(png(40, 30))
    return image_file("plain.svg", svg('<g><image href="small.png" width="10" height="10"/></g>'))(ws)


def pdf_and_html_built(ws: Path) -> None:
    assert (ws / PDF).read_bytes().startswith(b"%PDF")
    assert "data:image/svg+xml;base64," in (ws / HTML).read_text(encoding="utf-8")


def data_url_gif_bomb(ws: Path) -> Values:
    import base64

    url = "data:image/gif;base64," + base64.b64encode(gif_with_big_frame(12_000, 12_000)).decode("ascii")
    return {"line": add_paragraph(ws, f"![Une image]({url})")}


# -- issue 18: content that hung or vanished -------------------------------------------------------


def word_too_long(ws: Path) -> Values:
    return {"line": add_paragraph(ws, "Avant " + "a" * 10_001 + " après.")}


def translated_word_too_long(ws: Path) -> Values:
    path = ws / CATALOG
    replace(path, 'msgstr "drug trafficking"', 'msgstr "drug' + "g" * 10_001 + '"')
    return {"line": line_of(path, 'msgstr "druggg')}


def stars_50k(ws: Path) -> Values:
    return {"line": add_paragraph(ws, "*" * 50_000 + "x" + "*" * 50_000)}


def nested(prefix: str, depth: int) -> Callable[[Path], Values]:
    def plant(ws: Path) -> Values:
        return {"line": add_paragraph(ws, prefix * depth + "tout au fond")}

    return plant


def relative_link(ws: Path) -> Values:
    return {"line": add_paragraph(ws, "Voir [l’annexe](annexe.pdf) et [le site](https://example.org/).")}


def translated_relative_link(ws: Path) -> Values:
    path = ws / CATALOG
    replace(path, 'msgstr "drug trafficking"', 'msgstr "[drug trafficking](../secret.txt)"')
    return {"line": line_of(path, "secret.txt")}


def quotes_25_deep(ws: Path) -> Values:
    add_paragraph(ws, "> " * 25 + "Citation profonde.\n\nFin visible.")
    return {}


# -- checks of rows that must build -------------------------------------------------------------------


def has_text(*needles: str, formats: tuple[str, ...] = ("html", "epub", "pdf")) -> Callable[[Path], None]:
    """Each needle is in each output (NFC-normalised; PDF text as pdftotext extracts it)."""

    def check(ws: Path) -> None:
        readers = {"html": lambda p: p.read_text(encoding="utf-8"), "epub": epub_text, "pdf": pdftext}
        for fmt in formats:
            text = unicodedata.normalize("NFC", readers[fmt](ws / f"out/{SLUG}.en.{fmt}"))
            for needle in needles:
                assert unicodedata.normalize("NFC", needle) in text, (fmt, needle[:40])

    return check


def word_kept(word: str) -> Callable[[Path], None]:
    def check(ws: Path) -> None:
        has_text(word, formats=("html", "epub"))(ws)
        # The PDF breaks the word at the column edge: count its letters rather than look for one run.
        pieces = "".join(part for part in pdftext(ws / PDF).split() if set(part) <= set(word))
        assert len(pieces) >= 2 * 9_000  # source and target column (untranslated: the source is shown)

    return check


def epub_from_defaults(ws: Path) -> None:
    with zipfile.ZipFile(ws / EPUB) as book:
        assert "EPUB/text-001.xhtml" in book.namelist()
        assert book.read("EPUB/epub.css") == (ROOT / "layouts" / "epub" / "epub.css").read_bytes()
    assert "Jean-Noël Barrot" in pdftext(ws / PDF)


# -- the matrix --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    plant: Callable[[Path], Values]
    args: tuple[str, ...]
    status: int
    #: A fragment of the error line, formatted with the planting function's values.
    message: str = ""
    verify: Callable[[Path], None] | None = None
    #: RLIMIT_FSIZE of the command, in bytes: writes beyond it fail with EFBIG, as on a full disk.
    fsize: int | None = None
    #: Run with file permissions enforced even as root (conftest.AS_A_USER).
    as_a_user: bool = False
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())
    #: Where the error line is printed: stderr, or stdout for `check`'s findings.
    stream: str = "stderr"


CASES = [
    # -- sources
    Case(
        "yaml-syntax",
        yaml_syntax,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:{{line}}: front matter is not valid YAML",
    ),
    Case(
        "front-matter-wrong-type",
        wrong_type,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:{{line}}: 'date' must be an ISO date",
    ),
    Case(
        "authors-wrong-type",
        authors_wrong_type,
        ("build", "-f", "epub"),
        1,
        f"{SOURCE}:{{line}}: 'authors' must be a list",
    ),
    Case("source-latin1", latin1, ("build", "-f", "html"), 1, f"{SOURCE}:{{line}}: not UTF-8 text"),
    Case("source-bom", bom, ("build", "-f", "html"), 1, f"{SOURCE}:1: starts with a byte-order mark"),
    Case("source-nul", nul_byte, ("build", "-f", "html"), 1, f"{SOURCE}:{{line}}: contains a NUL character"),
    Case("extract-nul", nul_byte, ("extract",), 1, f"{SOURCE}:{{line}}: contains a NUL character"),
    # -- catalogs
    Case("po-syntax", po_syntax, ("build", "-f", "html"), 1, f"{CATALOG}:{{line}}: unterminated string"),
    Case(
        "po-charset-declared",
        po_declared_charset,
        ("build", "-f", "epub"),
        1,
        f"{CATALOG}:{{line}}: the header declares charset=ISO-8859-1 but the file is UTF-8",
    ),
    Case(
        "po-bytes-not-utf8",
        po_bytes_not_utf8,
        ("build", "-f", "html"),
        1,
        f"{CATALOG}:{{line}}: this line is not valid UTF-8",
    ),
    Case(
        "po-duplicate",
        po_duplicate,
        ("build", "-f", "html"),
        1,
        f"{CATALOG}:{{second}}: duplicate msgid 'Mexique' (first defined at line {{first}})",
    ),
    Case(
        "po-no-plural-forms",
        po_no_plural_forms,
        ("build", "-f", "html"),
        1,
        f"{CATALOG}:{{line}}: plural entries need a Plural-Forms",
    ),
    # Django's quirk (CLDR's 3 French forms under gettext's nplurals=2): read as msgmerge reads it.
    Case(
        "po-nplurals-exceeded",
        po_too_many_plurals,
        ("build", "-f", "html"),
        0,
        verify=has_text("Mexico", formats=("html",)),
    ),
    Case("po-cp1252", po_cp1252, ("build", "-f", "html"), 0, verify=has_text("Mexico", formats=("html",))),
    Case(
        "po-other-source",
        po_other_source,
        ("build", "-f", "html"),
        1,
        f"{CATALOG}: this catalog translates sources/autre.md, not {SOURCE}",
    ),
    # `check` reports an unreadable catalog as a finding (stdout) and goes on with the others.
    Case(
        "check-malformed-po",
        po_syntax,
        ("check", CATALOG),
        1,
        f"{CATALOG}:{{line}}: [read] unterminated string",
        stream="stdout",
    ),
    Case("stats-malformed-po", po_syntax, ("stats", CATALOG), 1, f"{CATALOG}:{{line}}: unterminated string"),
    Case(
        "merge-malformed-po",
        po_syntax,
        ("merge", CATALOG, f"translations/{SLUG}.pot", "-o", "merged.po"),
        1,
        f"{CATALOG}:{{line}}: unterminated string",
    ),
    Case(
        "update-malformed-po",
        po_duplicate,
        ("update",),
        1,
        f"{CATALOG}:{{second}}: duplicate msgid 'Mexique'",
    ),
    # -- layouts, fonts, images
    Case(
        "template-syntax",
        template_syntax,
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.html.j2:{line}: template syntax error",
    ),
    Case(
        "template-undefined",
        template_undefined,
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.html.j2:{line}: undefined variable",
    ),
    Case(
        "epub-template-undefined",
        epub_template_undefined,
        ("build", "-f", "epub"),
        1,
        "layouts/epub/summary.xhtml.j2:{line}: undefined variable",
    ),
    Case(
        "template-missing-include",
        template_missing_include,
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.html.j2:{line}: layout 'partials/box.html.j2' not found",
    ),
    Case(
        "layouts-fall-back-to-defaults",
        layouts_deleted,
        ("build", "-f", "pdf", "-f", "epub"),
        0,
        verify=epub_from_defaults,
    ),
    Case(
        "font-missing",
        font_missing,
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.css:{line}: 'NoSuchFont.ttf' not found",
    ),
    Case(
        "font-file-deleted",
        font_file_deleted,
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.css:{line}: 'NotoSans-Bold.ttf' not found",
    ),
    Case(
        "image-not-an-image",
        not_an_image,
        ("build", "-f", "pdf"),
        1,
        f"{SOURCE}:{{line}}: image 'x.png' is not a PNG, JPEG, GIF, WebP or SVG file",
    ),
    Case(
        "image-huge",
        huge_image,
        ("build", *ALL_FORMATS),
        1,
        f"{SOURCE}:{{line}}: image 'huge.png' is 20000x20000 pixels",
    ),
    # -- issue 18: every file read goes through the workspace guard
    Case(
        "page-css-links-out",
        link_to_passwd("layouts/page.css"),
        ("build", "-f", "html"),
        1,
        "layouts/page.css: refused to read this file: it is a symbolic link to /etc/passwd",
    ),
    Case(
        "epub-css-links-out",
        link_to_passwd("layouts/epub/epub.css"),
        ("build", "-f", "epub"),
        1,
        "layouts/epub/epub.css: refused to read this file: it is a symbolic link to /etc/passwd",
    ),
    Case(
        "template-links-out",
        link_to_passwd("layouts/brief.html.j2"),
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.html.j2: refused to read this file: it is a symbolic link to /etc/passwd",
    ),
    Case(
        "font-links-out",
        link_out("layouts/fonts/NotoSans-Bold.ttf"),
        ("build", "-f", "pdf"),
        1,
        "NotoSans-Bold.ttf",
    ),
    Case(
        "source-links-out",
        link_out(SOURCE),
        ("build", "-f", "html"),
        1,
        f"{SOURCE}: refused to read this file: it is a symbolic link",
    ),
    Case(
        "extract-source-links-out",
        link_out(SOURCE),
        ("extract",),
        1,
        f"{SOURCE}: refused to read this file: it is a symbolic link",
    ),
    Case(
        "po-links-out",
        link_out(CATALOG),
        ("build", "-f", "html"),
        1,
        f"{CATALOG}: refused to read this file: it is a symbolic link",
    ),
    Case("update-po-links-out", link_out(CATALOG), ("update",), 1, f"{CATALOG}: refused to read this file"),
    Case(
        "pot-links-out",
        link_out(f"translations/{SLUG}.pot"),
        ("extract",),
        1,
        f"translations/{SLUG}.pot: refused to read this file",
    ),
    # -- issue 18: regular files only (a FIFO hung every command, a folder was an internal error)
    *(
        Case(
            f"po-fifo-{args[0]}",
            fifo_at(CATALOG),
            args,
            1,
            f"{CATALOG}: this catalog is a named pipe (FIFO), not a regular file",
        )
        for args in (("build", "-f", "html"), ("update",), ("check",), ("compile",))
    ),
    Case(
        "source-fifo",
        fifo_at(SOURCE),
        ("build", "-f", "html"),
        1,
        f"{SOURCE}: this source is a named pipe (FIFO), not a regular file",
    ),
    Case(
        "template-fifo",
        fifo_at("layouts/brief.html.j2"),
        ("build", "-f", "pdf"),
        1,
        "layouts/brief.html.j2: this layout is a named pipe (FIFO), not a regular file",
    ),
    Case(
        "source-folder-j2",
        folder_at(SOURCE),
        ("build", "-f", "html", "-j", "2"),
        1,
        f"{SOURCE}: this source is a folder, not a regular file",
    ),
    Case("extract-source-folder", folder_at(SOURCE), ("extract",), 1, f"{SOURCE}: this source is a folder"),
    # -- issue 18: front matter
    Case(
        "yaml-billion-laughs",
        yaml_laughs,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:{{line}}: YAML anchors and aliases (&name, *name) are not allowed",
    ),
    Case(
        "yaml-aliased-keywords",
        yaml_aliased_keywords,
        ("extract",),
        1,
        f"{SOURCE}:{{line}}: YAML anchors and aliases",
    ),
    Case(
        "front-matter-too-large",
        front_matter_huge,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:2: the front matter is {{size:,}} characters long, over the limit of 65,536",
    ),
    Case(
        "date-year-0",
        date_is("0000-01-01"),
        ("build", "-f", "epub"),
        1,
        f"{SOURCE}:2: front matter holds an impossible date",
    ),
    Case(
        "date-year-9999",
        date_is("9999-12-31"),
        ("build", "-f", "epub"),
        1,
        f"{SOURCE}:{{line}}: 'date' must lie between 1980 and 2107",
    ),
    Case(
        "date-5000-digits",
        date_is("9" * 5_000),
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:2: front matter holds a number too long; fix the value",
    ),
    Case(
        "date-megabyte-text",
        date_long_text,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:{{line}}: 'date' must be an ISO date such as 2025-11-08, not 'zzz",
    ),
    *(
        Case(
            f"yaml-escape-{name}",
            yaml_escape(escape),
            ("build", "-f", "epub"),
            1,
            f"{SOURCE}:{{line}}: 'authors' holds the character {code}",
        )
        for name, escape, code in (
            ("surrogate", "\\ud800", "U+D800"),
            ("control", "\\x07", "U+0007"),
            ("nonchar", "\\uffff", "U+FFFF"),
        )
    ),
    Case(
        "translations-read-only",
        translations_read_only,
        ("update",),
        1,
        "translations/.briefgen.lock: cannot write this file: permission denied",
        as_a_user=True,
    ),
    # -- issue 18: merge -o and -U write into special files and through links, as msgmerge does
    Case(
        "merge-to-dev-full",
        nothing,
        ("merge", CATALOG, f"translations/{SLUG}.pot", "-o", "/dev/full"),
        1,
        "/dev/full: cannot write this file: the disk is full",
    ),
    Case(
        "merge-to-link",
        plant_link_output,
        ("merge", CATALOG, f"translations/{SLUG}.pot", "-o", "merged.po"),
        0,
        verify=merged_into_link,
    ),
    Case(
        "merge-update-through-link",
        plant_update_through_link,
        ("merge", "-U", CATALOG, f"translations/{SLUG}.pot"),
        0,
        verify=updated_through_link,
    ),
    # -- issue 18: images beyond their header, hostile SVG (the same rule for PDF, EPUB and HTML)
    *(
        Case(
            f"gif-big-frame-{fmt}",
            image_file("frame.gif", gif_with_big_frame(12_000, 12_000)),
            ("build", "-f", fmt),
            1,
            f"{SOURCE}:{{line}}: image 'frame.gif' is 12000x12000 pixels, more than briefgen's limit",
        )
        for fmt in ("pdf", "epub", "html")
    ),
    Case(
        "gif-big-frame-data-url",
        data_url_gif_bomb,
        ("build", "-f", "html"),
        1,
        f"{SOURCE}:{{line}}: image 'data:image/gif;base64,",
    ),
    Case(
        "gif-many-frames",
        image_file("frames.gif", gif_frames(1_001)),
        ("build", "-f", "epub"),
        1,
        f"{SOURCE}:{{line}}: image 'frames.gif' has more than 1,000 frames",
    ),
    Case(
        "svg-plain-with-small-png",
        svg_with_small_png,
        ("build", "-f", "pdf", "-f", "html"),
        0,
        verify=pdf_and_html_built,
    ),
    Case(
        "svg-wraps-huge-png",
        svg_wrapping_huge_png,
        ("build", "-f", "pdf"),
        1,
        f"{SOURCE}:{{line}}: image 'wrap.svg' draws 'bomb.png', which is 13000x13000 pixels",
    ),
    Case(
        "svg-wraps-huge-data-png",
        svg_wrapping_huge_data_png,
        ("build", "-f", "epub"),
        1,
        f"{SOURCE}:{{line}}: image 'wrap.svg' draws 'data:image/png;base64,",
    ),
    *(
        Case(
            f"svg-{name}-{fmt}",
            image_file("hostile.svg", text),
            ("build", "-f", fmt),
            1,
            f"{SOURCE}:{{line}}: image 'hostile.svg' {message}",
        )
        for name, text, message in (
            (
                "xxe",
                svg("&x;", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
                "is an SVG with a DOCTYPE",
            ),
            (
                "entity-bomb",
                svg(
                    "&c;",
                    '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;">]>',
                ),
                "is an SVG with a DOCTYPE",
            ),
            ("broken", svg("<g><rect></g>"), "is not well-formed SVG (line 1: mismatched tag)"),
            (
                "prefixed-script",
                svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
                "is an SVG with a <script> element",
            ),
            (
                "onload",
                svg('<rect width="5" height="5" onload="alert(1)"/>'),
                "is an SVG with an event attribute",
            ),
            (
                "javascript-url",
                svg('<a xlink:href=" javascript:alert(1)"><rect width="5" height="5"/></a>'),
                "is an SVG with a javascript: URL",
            ),
        )
        for fmt in ("pdf", "epub", "html")
    ),
    # -- issue 18: content that hung (quadratic in the PDF, RecursionError) or vanished
    Case(
        "word-10001",
        word_too_long,
        ("build", "-f", "pdf"),
        1,
        f"{SOURCE}:{{line}}: a word of more than 10,000 characters",
    ),
    Case(
        "translated-word-10001",
        translated_word_too_long,
        ("build", "-f", "pdf"),
        1,
        f"{CATALOG}:{{line}}: a word of more than 10,000 characters",
    ),
    Case("stars-50k", stars_50k, ("build", *ALL_FORMATS), 1, f"{SOURCE}:{{line}}: a word of more than"),
    *(
        Case(
            f"nested-{name}-50k-{args[0]}",
            nested(prefix, 50_000),
            args,
            1,
            f"{SOURCE}:{{line}}: quotes and lists are nested too deep here",
        )
        for name, prefix in (("lists", "- "), ("quotes", "> "))
        for args in (("build", "-f", "html"), ("extract",))
    ),
    *(
        Case(
            f"relative-link-{fmt}",
            relative_link,
            ("build", "-f", fmt),
            1,
            f"{SOURCE}:{{line}}: the link 'annexe.pdf' names a local file",
        )
        for fmt in ("pdf", "epub", "html")
    ),
    Case(
        "translated-relative-link",
        translated_relative_link,
        ("build", "-f", "pdf"),
        1,
        f"{CATALOG}:{{line}}: the link '../secret.txt' names a local file",
    ),
    Case(
        "quotes-25-deep",
        quotes_25_deep,
        ("build", *ALL_FORMATS),
        0,
        verify=has_text("Citation profonde.", "Fin visible."),
    ),
    # -- valid but hard text
    Case(
        "paragraph-200k",
        long_paragraph,
        ("build", *ALL_FORMATS),
        0,
        verify=has_text(LONG_PARAGRAPH[:2000], formats=("html", "epub")),
    ),
    Case("word-10k", long_word, ("build", *ALL_FORMATS), 0, verify=word_kept(LONG_WORD)),
    # Hyphenation is cubic in a word's length (1,000 letters took 0.5 s in one cell, 4,000 took 25 s,
    # 10,000 never finished): the layouts turn it off for text with a word over 80 letters.
    Case(
        "word-10k-hyphenatable",
        long_syllables,
        ("build", *ALL_FORMATS),
        0,
        verify=word_kept(LONG_SYLLABLES),
    ),
    Case(
        "paragraphs-5000",
        many_paragraphs,
        ("build", "-f", "html", "-f", "epub"),
        0,
        verify=has_text("Paragraphe numéro 4999,", formats=("html", "epub")),
    ),
    Case(
        "paragraphs-5000-pdf",
        many_paragraphs,
        ("build", "-f", "pdf"),
        0,
        verify=has_text("Paragraphe numéro 4999,", formats=("pdf",)),
        marks=(pytest.mark.slow,),
    ),
    Case(
        "rtl-and-combining",
        rtl_and_combining,
        ("build", *ALL_FORMATS),
        0,
        verify=has_text(*RTL.split(), "Café", "ñ"),
    ),
    # -- the machine
    Case(
        "out-is-a-file",
        out_is_a_file,
        ("build", "-f", "html"),
        1,
        f"out/{SLUG}.en.html: cannot write this file: out is a file, not a folder",
    ),
    Case(
        "full-disk",
        full_disk,
        ("build", *ALL_FORMATS, "--force"),
        1,
        "cannot write this file: the file exceeds the size limit",
        fsize=16_000,
    ),
    # -- settings and usage
    Case(
        "unknown-lang-option", nothing, ("build", "--lang", "xx-nope"), 1, "unknown language code 'xx-nope'"
    ),
    Case(
        "unknown-lang-setting",
        pyproject_lang,
        ("build",),
        1,
        "pyproject.toml: unknown language code 'xx-nope'",
    ),
    Case(
        "po-width-setting",
        pyproject_po_width,
        ("update",),
        1,
        "pyproject.toml: po-width must be a number of columns, at least 20",
    ),
    Case("po-wrap-setting", pyproject_po_wrap, ("update",), 1, "pyproject.toml: po-wrap must be true or"),
    Case("missing-workspace", empty_dir, ("-C", "../empty", "build"), 1, "empty: not a briefgen workspace"),
    Case("unknown-option", nothing, ("build", "--no-such-option"), 2, "No such option '--no-such-option'"),
    Case("unknown-command", nothing, ("publish",), 2, "No such command 'publish'"),
    Case("out-read-only", out_read_only, ("build", "-f", "html"), 1, "permission denied", as_a_user=True),
]


def _run(ws: Path, case: Case) -> subprocess.CompletedProcess[str]:
    if case.fsize is None:
        return run_cli(*case.args, cwd=ws, as_a_user=case.as_a_user)
    limit = case.fsize

    def limit_writes() -> None:  # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *case.args],
        cwd=ws,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=limit_writes,  # no threads in this process: preexec_fn is safe
    )


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_bad_input(workspace: Path, case: Case) -> None:
    values = case.plant(workspace)
    before = snapshot(workspace)
    try:
        done = _run(workspace, case)
    finally:
        if (workspace / "out").is_dir():
            (workspace / "out").chmod(0o755)
    stderr = done.stderr
    assert "Traceback" not in stderr, stderr
    assert done.returncode == case.status, stderr
    assert leftovers(workspace) == []
    if case.status == 0:
        assert not [line for line in stderr.splitlines() if ERROR_LINE.match(line)], stderr
        catalogs = {k: v for k, v in before.items() if k.startswith("translations/")}
        assert {k: v for k, v in snapshot(workspace).items() if k.startswith("translations/")} == catalogs
        assert case.verify is not None
        case.verify(workspace)
        return
    # A failed command prints `FILE:LINE: error: ...`; a brief that fails in a build is logged
    # `error: FILE:LINE: ...` among the others. The fragment is the line without "error: ".
    errors = [line for line in getattr(done, case.stream).splitlines() if ERROR_LINE.match(line)]
    assert len(errors) == 1, stderr
    assert case.message.format(**values) in re.sub("(?i)error: ", "", errors[0], count=1), stderr
    assert "internal error" not in errors[0]
    # Nothing written, nothing half-written: outputs, catalogs and stamps are what they were.
    assert snapshot(workspace) == before


def test_every_row_has_a_unique_id() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) >= 38


# -- text is data, never code -------------------------------------------------------------------------

PAYLOAD = (
    "{{ 7*7 }} {% include 'x' %} <script>alert(1)</script> <style>body{display:none}</style> "
    "</p><img src=x onerror=alert(1)> &amp; &lt; &#x41; &nbsp; "
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> &e;'
)
#: What a reader must see, piece by piece, in every format (whitespace aside).
SHOWN = (
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "<script>alert(1)</script>",
    "<style>body{display:none}</style>",
    "</p><img src=x onerror=alert(1)>",
    "&amp; &lt; &#x41; &nbsp;",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> &e;',
)


class _Markup(HTMLParser):
    """The elements and attributes a browser or reading system would see, and the text it would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def _flat(text: str) -> str:
    """Whitespace (also no-break and thin spaces, and pdftotext's line ends) as one space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _shown_text(document: str, name: str) -> str:
    """Assert that no element, attribute or style came from the text; return the text a reader sees."""
    parser = _Markup()
    parser.feed(document)
    assert "<script" not in document and not [t for t, _ in parser.tags if t == "script"], name
    assert not [a for _, a in parser.tags if "onerror" in a], name
    assert not [a for t, a in parser.tags if t == "img" and a.get("src") == "x"], name
    assert not [s for s in parser.styles if "display:none" in s], name
    return _flat(" ".join(parser.text))


def test_text_is_data_never_code(workspace: Path) -> None:
    from briefgen.catalogs.pofile import read_po_file, write_po_file

    from tools import run_epubcheck

    source = workspace / SOURCE
    replace(source, "  - Mexique\n", "  - 'Mexique {{ 7*7 }} <script>alert(1)</script> &amp;'\n")
    add_paragraph(workspace, f"## Titre {PAYLOAD}")
    add_paragraph(workspace, f"Source : {PAYLOAD} fin.")
    updated = run_cli("update", cwd=workspace)
    assert updated.returncode == 0, updated.stderr
    catalog_path = workspace / CATALOG
    catalog = read_po_file(catalog_path)
    for message in catalog.active:
        if PAYLOAD in message.msgid or "{{ 7*7 }}" in message.msgid:
            message.msgstr = message.msgid.replace("Titre", "Title").replace("Source :", "Target:")
            message.fuzzy = False
    write_po_file(catalog, catalog_path)

    done = run_cli("build", *ALL_FORMATS, "--strict", cwd=workspace)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    pdf = _flat(pdftext(workspace / PDF))
    html_doc = (workspace / HTML).read_text(encoding="utf-8")
    with zipfile.ZipFile(workspace / EPUB) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    documents = {"html": html_doc} | {
        name: data.decode("utf-8")
        for name, data in parts.items()
        if name.endswith((".xhtml", ".ncx", ".opf"))
    }
    shown = {name: _shown_text(text, name) for name, text in documents.items()}
    epub_text = " ".join(text for name, text in shown.items() if name != "html")
    # Straight quotes are set as each language's quote marks when text is rendered (issue 16).
    straight = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
    for piece in SHOWN:
        for fmt, text in (("pdf", pdf), ("html", shown["html"]), ("epub", epub_text)):
            # Without spaces: pdftotext ends a line at each break opportunity, as after "</".
            flat = re.sub(r"[ \u00a0\u202f]", "", text.translate(straight))
            assert piece.replace(" ", "") in flat, (fmt, piece)
    assert "Title {{ 7*7 }}" in pdf and "Target: {{ 7*7 }}" in pdf  # the translation, shown as typed
    assert not re.search(r"\b49\b", " ".join([pdf, *shown.values()]))
    chapters = " ".join(text for name, text in documents.items() if name.startswith("EPUB/text-"))
    for name, text in (("html", html_doc), ("epub", chapters)):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, name
        assert "&amp;amp; &amp;lt; &amp;#x41; &amp;nbsp;" in text, name  # entity references as typed

    # The external entity was never resolved: no line of /etc/passwd reached any output.
    secrets = [line for line in Path("/etc/passwd").read_text(encoding="utf-8").splitlines() if ":" in line]
    everything = [pdf, html_doc, *(data.decode("utf-8", "replace") for data in parts.values())]
    assert secrets and not [s for s in secrets if any(s in text for text in everything)]

    verdict = run_epubcheck([workspace / EPUB])[workspace / EPUB]
    assert verdict.clean, verdict.messages
