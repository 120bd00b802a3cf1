"""One error root for briefgen, one subclass per pipeline stage.

Every error a user can cause is a :class:`BriefgenError`: the CLI prints its
one-line message (``FILE:LINE: what went wrong; what to do``) and exits with
status 1, without a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import os

import click

__all__ = [
    "BriefgenError",
    "CatalogError",
    "CatalogErrors",
    "ConfigError",
    "FactError",
    "RenderError",
    "SecurityError",
    "SourceError",
    "location",
]


def location(path: str | os.PathLike[str] | None, line: int | None = None) -> str:
    """Return ``path:line`` (or ``path``), relative to the current directory when shorter."""
    if path is None:
        return ""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
        if rel != "." and not rel.startswith(".." + os.sep) and len(rel) < len(text):
            text = rel
    except ValueError:  # another drive on Windows
        pass
    return f"{text}:{line}" if line else text


class BriefgenError(click.ClickException):
    """A problem the user can fix; carries the file and line it concerns."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.reason = message
        where = location(path, line)
        super().__init__(f"{where}: {message}" if where else message)

    def as_line(self) -> str:
        """``FILE:LINE: error: what; what to do``, the layout of compilers, msgfmt and ``check``."""
        where = location(self.path, self.line)
        return f"{where}: error: {self.reason}" if where else f"error: {self.reason}"

    def show(self, file: object = None) -> None:  # noqa: ARG002 - click's signature
        click.echo(self.as_line(), err=True)


class ConfigError(BriefgenError):
    """The workspace or its ``[tool.briefgen]`` settings are missing or wrong."""


class SourceError(BriefgenError):
    """A source file (front matter or body) cannot be read."""


class CatalogError(BriefgenError):
    """A .po/.pot file is malformed, or a catalog operation cannot proceed."""


class CatalogErrors(CatalogError):
    """Several errors in one .po/.pot file, all listed as msgfmt lists them (the first is its own)."""

    def __init__(self, errors: list[CatalogError]) -> None:
        first = errors[0]
        super().__init__(first.reason, first.path, first.line)
        self.errors = errors

    def show(self, file: object = None) -> None:  # noqa: ARG002 - click's signature
        for error in self.errors:
            click.echo(error.as_line(), err=True)


class FactError(BriefgenError):
    """Key figures cannot be extracted or a curated figure is wrong."""


class RenderError(BriefgenError):
    """A layout, font or image cannot be used to render a brief."""


class SecurityError(RenderError):
    """A source or layout asked for a resource outside the workspace."""
