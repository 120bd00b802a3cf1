"""``briefgen new`` and ``briefgen add``: a workspace that builds at once, and new sources."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path

import yaml

from . import languages
from .config import DEFAULT_LAYOUT_CATALOGS, DEFAULT_LAYOUTS, Workspace
from .errors import ConfigError, SourceError
from .fsutil import atomic_write
from .sources import SLUG_RE, parse_source

__all__ = ["SLUG_RULE", "add_source", "new_workspace", "slug_problem"]

#: What a slug may hold, as said to the user: slugs name files, URLs and EPUB identifiers.
SLUG_RULE = (
    "use ASCII lower-case letters a-z (no accents), digits, '-', '_' or '.', "
    "starting with a letter or a digit"
)

_PYPROJECT = """\
# A briefgen workspace. Every setting is described in the section "Settings" of briefgen's README.
[tool.briefgen]
project = "{name}"
source-lang = "{source}"
target-langs = [{targets}]
formats = ["pdf", "epub"]
# Dates and figures per language (a Babel locale): en_GB writes "14 October 2026";
# write en_US for "October 14, 2026".
locales = {{ {locales} }}
# po-width = 77  # wrap the catalogs as your translators' tool does (GNU gettext: 79, Weblate: 77)
"""

_SAMPLE = """\
---
title: Exemple de note bilingue
date: {date}
lang: fr
keywords: [exemple]
---

# Premier titre

Ceci est le premier paragraphe de la note : les chiffres clés, comme une hausse de 20 %, \
apparaissent dans l’encadré.

Remplacez ce texte par votre article, puis lancez `briefgen update` et traduisez le catalogue.
"""


def new_workspace(directory: Path, *, today: dt.date | None = None) -> str:
    """Create a workspace in ``directory`` (which must be absent or empty)."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ConfigError("this folder exists and is not empty; choose a new folder name", directory)
    date = (today or dt.date.today()).isoformat()
    for sub in ("sources", "translations", "out"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEFAULT_LAYOUTS, directory / "layouts", dirs_exist_ok=True)
    # The layout strings ("Key figures", "Page"...) come translated into French and English.
    for lang in (languages.DEFAULT_SOURCE, *languages.DEFAULT_TARGETS):
        catalog = DEFAULT_LAYOUT_CATALOGS / lang / "LC_MESSAGES" / "layouts.po"
        if catalog.is_file():
            atomic_write(
                directory / "translations" / lang / "LC_MESSAGES" / "layouts.po", catalog.read_bytes()
            )
    targets = ", ".join(f'"{code}"' for code in languages.DEFAULT_TARGETS)
    locales = ", ".join(
        f'{code} = "{languages.profile(code).default_locale or code}"' for code in languages.DEFAULT_TARGETS
    )
    pyproject = _PYPROJECT.format(
        name=directory.resolve().name, source=languages.DEFAULT_SOURCE, targets=targets, locales=locales
    )
    atomic_write(directory / "pyproject.toml", pyproject.encode())
    atomic_write(directory / "sources" / "exemple.md", _SAMPLE.format(date=date).encode())
    atomic_write(directory / ".gitignore", b"/out/\n*.mo\n")
    return f"created workspace {directory}; next: cd {directory} && briefgen update && briefgen build"


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot name a source (with an ASCII suggestion), or None when it can."""
    if SLUG_RE.match(slug):
        return None
    ascii_form = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode().lower()
    suggestion = re.sub(r"[^a-z0-9._-]+", "-", ascii_form).strip("-._")
    hint = f" (e.g. {suggestion!r})" if suggestion and SLUG_RE.match(suggestion) else ""
    return f"invalid slug {slug!r}: {SLUG_RULE}{hint}"


def add_source(ws: Workspace, slug: str, title: str, date: str | None) -> str:
    """Create ``sources/<slug>.md`` with valid front matter."""
    problem = slug_problem(slug)
    if problem is not None:
        raise SourceError(problem)
    path = ws.sources_dir / f"{slug}.md"
    if path.exists():
        raise SourceError("this source already exists; choose another slug", path)
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise SourceError(f"invalid date {date!r}; use YYYY-MM-DD") from None
    front = yaml.safe_dump(
        {"title": title, "date": day, "lang": ws.settings.source_lang}, allow_unicode=True, sort_keys=False
    )
    text = f"---\n{front}---\n\nÉcrivez ici le premier paragraphe.\n"
    parse_source(text, path)  # what we write must be a valid source
    atomic_write(path, text.encode())
    return f"created {ws.rel(path)}; write the article, then run 'briefgen update'"
