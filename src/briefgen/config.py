"""Workspace settings: ``[tool.briefgen]`` in the workspace's ``pyproject.toml``.

Loaded and validated once; every stage receives the :class:`Workspace`.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import languages, registry
from .errors import ConfigError

__all__ = [
    "DEFAULT_LAYOUTS",
    "DEFAULT_LAYOUT_CATALOGS",
    "Settings",
    "Workspace",
    "check_lang",
    "load_workspace",
]


def _default_layouts() -> Path:
    # A wheel carries the layouts as package data (pyproject force-include); an
    # editable install of the repository uses the repository's own layouts/.
    package = Path(__file__).resolve().parent
    installed = package / "layouts"
    return installed if installed.is_dir() else package.parent.parent / "layouts"


#: briefgen's own layouts, shipped as package data and copied by ``briefgen new``.
DEFAULT_LAYOUTS = _default_layouts()

#: The translations of briefgen's layout strings (``<lang>/LC_MESSAGES/layouts.po``), copied by
#: ``briefgen new``: package data in a wheel, the repository's own catalogs in an editable install.
DEFAULT_LAYOUT_CATALOGS = (
    DEFAULT_LAYOUTS.parent / "layouts-i18n"
    if (DEFAULT_LAYOUTS.parent / "layouts-i18n").is_dir()
    else DEFAULT_LAYOUTS.parent / "translations"
)


@lru_cache(maxsize=1)
def _locale_data_dir() -> Path | None:
    """Babel's CLDR folder, found without importing Babel (13 ms a no-op build need not pay)."""
    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "locale-data"


#: Codes quoted as examples in error messages.
_SOURCE, _TARGET = languages.DEFAULT_SOURCE, languages.DEFAULT_TARGETS[0]


def check_lang(code: str, where: str | Path | None = None, line: int | None = None) -> str:
    """Return ``code`` if Babel knows the language, else raise a clear error."""
    if not isinstance(code, str) or not code:
        raise ConfigError(
            f"a language code must be a non-empty string such as {_SOURCE!r} or {_TARGET!r}", where, line
        )
    name = code.replace("-", "_")
    data = _locale_data_dir()
    if name.replace("_", "").isalnum() and data is not None and (data / f"{name}.dat").is_file():
        return code  # the common case: Babel has a data file of exactly that name
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ConfigError(
            f"unknown language code {code!r}; use a code such as {_SOURCE!r}, {_TARGET!r} or 'pt_BR'",
            where,
            line,
        ) from None
    return code


@dataclass(frozen=True)
class Settings:
    """The validated ``[tool.briefgen]`` table."""

    source_lang: str = languages.DEFAULT_SOURCE
    target_langs: tuple[str, ...] = languages.DEFAULT_TARGETS
    formats: tuple[str, ...] = ("pdf", "epub")
    project: str = "briefgen"
    #: Locale used to format dates and figures per language, e.g. en = "en_GB" for "8 November 2025"
    #: (default: the language code itself, which Babel reads with its default territory).
    locales: tuple[tuple[str, str], ...] = ()
    #: How new and changed catalog entries are wrapped: msgcat's --width and --no-wrap.
    #: A team whose tool wraps otherwise (Weblate: 77 columns) sets its width here.
    po_width: int = 79
    po_wrap: bool = True

    def locale_for(self, lang: str) -> str:
        return dict(self.locales).get(lang, lang)


@dataclass(frozen=True)
class Workspace:
    """A folder with ``sources/``, ``translations/``, ``layouts/`` and ``out/``."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    def source_paths(self) -> list[Path]:
        """Every ``sources/*.md``, sorted by name."""
        return sorted(self.sources_dir.glob("*.md"))

    def template_path(self, domain: str) -> Path:
        return self.translations_dir / f"{domain}.pot"

    def catalog_path(self, domain: str, lang: str) -> Path:
        return self.translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def rel(self, path: Path) -> str:
        """``path`` relative to the workspace root, with ``/`` separators (for references)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _parse_settings(table: dict[str, Any], where: Path) -> Settings:
    known = {"source-lang", "target-langs", "formats", "project", "locales", "po-width", "po-wrap"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown setting {unknown[0]!r} in [tool.briefgen]; known settings: {', '.join(sorted(known))}",
            where,
        )
    source_lang = check_lang(table.get("source-lang", languages.DEFAULT_SOURCE), where)
    targets = table.get("target-langs", list(languages.DEFAULT_TARGETS))
    if isinstance(targets, str):
        targets = [targets]
    if not isinstance(targets, list) or not targets:
        raise ConfigError(f'target-langs must be a list of language codes, e.g. ["{_TARGET}"]', where)
    target_langs = tuple(check_lang(t, where) for t in targets)
    formats = table.get("formats", ["pdf", "epub"])
    if isinstance(formats, str):
        formats = [formats]
    # The formats' entry points; with none (briefgen run from a source tree it was never installed
    # from), building says what to do and the other commands still work.
    installed = registry.names()
    if not isinstance(formats, list) or (installed and any(f not in installed for f in formats)):
        raise ConfigError(f"formats must be a list drawn from {', '.join(installed)}", where)
    project = table.get("project", where.parent.name)
    if not isinstance(project, str):
        raise ConfigError("project must be a string", where)
    locales = table.get("locales", {})
    if not isinstance(locales, dict) or not all(isinstance(v, str) for v in locales.values()):
        raise ConfigError(
            f'locales must be a table of language = "locale", e.g. {{ {_TARGET} = "{_TARGET}_GB" }}', where
        )
    for locale in locales.values():
        check_lang(locale, where)
    po_width = table.get("po-width", 79)
    if not isinstance(po_width, int) or isinstance(po_width, bool) or po_width < 20:
        raise ConfigError("po-width must be a number of columns, at least 20 (GNU tools use 79)", where)
    po_wrap = table.get("po-wrap", True)
    if not isinstance(po_wrap, bool):
        raise ConfigError("po-wrap must be true or false (false: like msgcat --no-wrap)", where)
    return Settings(
        source_lang, target_langs, tuple(formats), project, tuple(sorted(locales.items())), po_width, po_wrap
    )


def load_workspace(directory: str | os.PathLike[str] | None = None) -> Workspace:
    """Find and load the workspace at ``directory`` (default: the current one)."""
    root = Path(directory or os.getcwd())
    if not root.is_dir():
        raise ConfigError("this folder does not exist; pass an existing workspace with -C DIR", root)
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        raise ConfigError(
            "not a briefgen workspace (no pyproject.toml); run 'briefgen new DIR' to make one "
            "or pass the workspace with -C DIR",
            root,
        )
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text; save it as UTF-8", pyproject) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the syntax", pyproject) from None
    table = data.get("tool", {}).get("briefgen")
    if not isinstance(table, dict):
        raise ConfigError(
            "no [tool.briefgen] table; add one (see README) or run 'briefgen new DIR'", pyproject
        )
    return Workspace(root.resolve(), _parse_settings(table, pyproject))
