"""The Jinja2 environment for layouts: autoescaped, StrictUndefined, errors with file and line.

Templates come from the workspace's ``layouts/`` folder first, then from
briefgen's defaults, so a user can copy one file and change it. Text from
sources and catalogs is only ever passed as data, never compiled as a template.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..config import DEFAULT_LAYOUTS
from ..errors import RenderError
from ..guard import read_guarded

__all__ = ["DEFAULT_LAYOUTS", "environment", "layout_file", "render_template"]


def _autoescape(name: str | None) -> bool:
    # Escape by default, only stylesheets and plain text left alone: Jinja2's select_autoescape()
    # covers .html and .xml only, and our layouts are also .xhtml and .j2.
    return name is None or not name.endswith((".css", ".txt"))


class _GuardedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads only regular files inside the workspace or briefgen's layouts.

    A template is a layout like any other: a symlink to ``/etc/passwd`` would be
    rendered into every output (issue 18).
    """

    def __init__(self, searchpath: list[str], root: Path) -> None:
        super().__init__(searchpath)
        self.root = root

    def get_source(
        self,
        environment: jinja2.Environment,  # noqa: ARG002 - Jinja's signature
        template: str,
    ) -> tuple[str, str, Callable[[], bool]]:
        # Not FileSystemLoader.get_source: it would open a FIFO (and hang) before any check.
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.lexists(filename):
                continue
            try:
                data = read_guarded(filename, self.root, what="layout")
            except FileNotFoundError:  # a dangling symlink
                raise jinja2.TemplateNotFound(template) from None
            mtime = os.path.getmtime(filename)
            try:
                return data.decode("utf-8"), filename, functools.partial(_unchanged, filename, mtime)
            except UnicodeDecodeError:
                raise RenderError("not UTF-8 text; save the layout as UTF-8", filename) from None
        raise jinja2.TemplateNotFound(template)


def _unchanged(filename: str, mtime: float) -> bool:
    try:
        return os.path.getmtime(filename) == mtime
    except OSError:
        return False


def layout_file(layouts_dir: Path, name: str) -> Path:
    """The workspace's layout file (or folder) ``name`` when it has one, else briefgen's default."""
    own = Path(layouts_dir) / name
    return own if own.exists() else DEFAULT_LAYOUTS / name


@lru_cache(maxsize=8)
def environment(layouts_dir: Path) -> jinja2.Environment:
    """One environment per layouts folder (cached: templates compile once per process)."""
    search = [str(layouts_dir)] if layouts_dir.is_dir() else []
    if DEFAULT_LAYOUTS.is_dir() and layouts_dir != DEFAULT_LAYOUTS:
        search.append(str(DEFAULT_LAYOUTS))
    return jinja2.Environment(
        loader=_GuardedLoader(search, Path(layouts_dir).parent),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        # Compiling the layouts took 60 % of an EPUB build of the seed (0.26 s of 0.43 s, cProfile);
        # Jinja's per-user cache in the temp folder keys each template by its source checksum.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )


def render_template(layouts_dir: Path, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name`` with ``context``; template mistakes become a RenderError naming file and line."""
    env = environment(layouts_dir)
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        # Included or extended by a layout: name that layout and line, where the name is to fix.
        path, line = _template_frame(exc, name) if exc.name != name else (str(layouts_dir), None)
        raise RenderError(
            f"layout {exc.name!r} not found; copy it from briefgen's defaults (briefgen new) or fix its name",
            path,
            line,
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"template syntax error: {(exc.message or '').rstrip('.')}; fix the template",
            exc.filename or name,
            exc.lineno,
        ) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, name)
        raise RenderError(
            f"undefined variable in template: {exc.message}; fix the template", path, line
        ) from None


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The innermost template file and line of a render error (Jinja2 rewrites tracebacks)."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = (name, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".xhtml", ".xml", ".svg")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
