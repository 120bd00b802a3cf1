"""``briefgen new`` and ``briefgen add``: a workspace that builds at once, and new sources."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from . import languages
from .config import DEFAULT_LAYOUT_CATALOGS, DEFAULT_LAYOUTS, Workspace
from .errors import ConfigError, SourceError
from .fsutil import atomic_write
from .sources import SLUG_RE, parse_source

__all__ = ["add_source", "new_workspace"]

_PYPROJECT = """\
# A briefgen workspace. Every setting is described in the section "Settings" of briefgen's README.
[tool.briefgen]
project = "{name}"
source-lang = "{source}"
target-langs = [{targets}]
formats = ["pdf", "epub"]
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
    pyproject = _PYPROJECT.format(
        name=directory.resolve().name, source=languages.DEFAULT_SOURCE, targets=targets
    )
    atomic_write(directory / "pyproject.toml", pyproject.encode())
    atomic_write(directory / "sources" / "exemple.md", _SAMPLE.format(date=date).encode())
    atomic_write(directory / ".gitignore", b"/out/\n*.mo\n")
    return f"created workspace {directory}; next: cd {directory} && briefgen update && briefgen build"


def add_source(ws: Workspace, slug: str, title: str, date: str | None) -> str:
    """Create ``sources/<slug>.md`` with valid front matter."""
    if not SLUG_RE.match(slug):
        raise SourceError(f"invalid slug {slug!r}: use lower-case letters, digits, '-', '_' or '.'")
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
