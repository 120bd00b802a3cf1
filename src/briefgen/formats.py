"""Output formats: plug-ins that write a :class:`~briefgen.brief.Brief` to a file.

A format is one object with a ``suffix`` (``".pdf"``) and ``write(brief, path)``.
Formats are found through the ``briefgen.formats`` entry points (see
:mod:`briefgen.registry` and the README's "Writing a format"); an entry point
may name the object itself or a class that is called without arguments.

A format may also offer ``variants(options)``, returning the format objects to
write for a build's options (a mapping of ``epub_modes`` and ``pdf_variant``):
the EPUB writes one file per ``--epub-mode``. Without it, a format writes one file.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .errors import BriefgenError
from .fsutil import DISK_ERRORS, explain_os_error, replace_keeping_mode, temporary_prefix
from .registry import GROUP, entry_point, names

if TYPE_CHECKING:
    from .brief import Brief

__all__ = ["Format", "Output", "load", "variants", "write_outputs"]


@runtime_checkable
class Format(Protocol):
    """What an output format is: a file suffix and a function that writes one brief."""

    @property
    def suffix(self) -> str: ...

    def write(self, brief: Brief, path: Path) -> None: ...


def load(name: str) -> Format:
    """Import format ``name`` from its entry point; a :class:`BriefgenError` when it is not a format."""
    try:
        ep = entry_point(name)
    except KeyError:
        known = ", ".join(names())
        if not known:
            raise BriefgenError(
                f"no output format is registered (not even pdf, epub and html, which are {GROUP} "
                "entry points of briefgen's own metadata); install briefgen with 'pip install -e .'"
            ) from None
        raise BriefgenError(
            f"unknown format {name!r}; use one of {known}, or install the package that provides it"
        ) from None
    found = ep.load()
    fmt = found() if isinstance(found, type) else found
    if not isinstance(fmt, Format):
        raise BriefgenError(
            f"the {GROUP} entry point {name!r} ({ep.value}) has no 'suffix' and 'write(brief, path)'; "
            "fix the package that provides it"
        )
    return fmt


def variants(fmt: Format, options: Mapping[str, object]) -> list[Format]:
    """The format objects to write for a build's ``options`` (one, unless the format has variants)."""
    offered = getattr(fmt, "variants", None)
    return list(offered(options)) if callable(offered) else [fmt]


@dataclass(frozen=True)
class Output:
    """One file a build writes: the format's name, the format object, and its path in ``out/``."""

    name: str
    format: Format
    path: Path


def write_outputs(brief: Brief, files: Sequence[Output]) -> list[Path]:
    """Write each file of one brief, all or nothing.

    Every format is written into a hidden folder next to the outputs and moved
    into place only when all of them succeeded, so a brief whose EPUB fails (or
    whose disk fills up) keeps its previous PDF, HTML and EPUB rather than a mix
    of old and new (issue 7).
    """
    if not files:
        return []
    paths = [file.path for file in files]
    folder = paths[0].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        prefix = temporary_prefix(f"{brief.slug}.{brief.target_lang}")
        stage = Path(tempfile.mkdtemp(prefix=prefix, suffix=".staging", dir=folder))
    except OSError as exc:
        raise explain_os_error(exc, paths[0]) from exc
    try:
        staged = [stage / path.name for path in paths]
        for file, tmp in zip(files, staged, strict=True):
            try:
                file.format.write(brief, tmp)
            except OSError as exc:
                # WeasyPrint writes the fonts it subsets to temporary files: a full disk fails there.
                if exc.errno not in DISK_ERRORS:
                    raise
                raise explain_os_error(exc, file.path) from exc
        for tmp, final in zip(staged, paths, strict=True):
            try:
                replace_keeping_mode(tmp, final)
            except OSError as exc:
                raise explain_os_error(exc, final) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return paths
