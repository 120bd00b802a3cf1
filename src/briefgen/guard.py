"""The workspace guard for files: every file a command reads goes through :func:`read_guarded`.

Sources, catalogs, layouts, stylesheets, fonts and images are user data. A
symbolic link among them could publish ``/etc/passwd`` in a brief built on a
shared machine (issue 18), and a FIFO or a device in their place would hang a
build forever. So a file is read only when, after ``..`` and symlinks are
resolved, it lies inside the workspace or inside briefgen's own layouts, and
only when it is a regular file. The render stage's URL guard
(:mod:`briefgen.render.resources`) uses the same rule through :func:`check_inside`.

This module sits below every stage (it imports only :mod:`errors` and
:mod:`config`'s constant) so that sources and catalogs may use it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .config import DEFAULT_LAYOUTS
from .errors import BriefgenError, SecurityError

__all__ = ["FileState", "check_inside", "file_state", "inside", "read_guarded", "shorten"]


def shorten(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to about ``limit`` characters: user data is never put whole into a message."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"… ({len(text):,} characters)"


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """True when ``path`` is one of ``roots`` or lies under one of them (no resolution here)."""
    return any(path == r or path.is_relative_to(r) for r in roots)


def _roots(root: Path) -> tuple[Path, ...]:
    return (Path(root).resolve(), DEFAULT_LAYOUTS.resolve())


def check_inside(path: Path, root: Path) -> Path:
    """``path`` resolved; :class:`SecurityError` when a symbolic link takes it out of ``root``.

    briefgen's own layouts (default stylesheets, templates and fonts) are allowed too. A path
    that is outside ``root`` as written (no link involved) is the caller's business: URLs
    in sources are checked that way by :func:`briefgen.render.resources.resolve_local`.
    """
    resolved = Path(path).resolve()
    if not inside(resolved, _roots(root)):
        lexical = Path(os.path.normpath(os.path.abspath(path)))
        if not inside(lexical, (Path(os.path.abspath(root)), DEFAULT_LAYOUTS)):
            # A file the user named on the command line, outside the workspace (``build ../x.md``):
            # their choice, as before. What is refused is a link that leaves the workspace unseen.
            return resolved
        raise SecurityError(
            f"refused to read this file: it is a symbolic link to {resolved}, outside the workspace; "
            "copy the file into the workspace instead of linking it",
            path,
        )
    return resolved


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


@dataclass(frozen=True)
class FileState:
    """What tells that a file changed between a read and a write: size, mtime and inode."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileState:
        return cls(info.st_size, info.st_mtime_ns, info.st_ino)


def file_state(path: Path) -> FileState | None:
    """The state of the file ``path`` names (through symlinks), or None when there is none."""
    try:
        return FileState.of(os.stat(path))
    except OSError:
        return None


def read_guarded(
    path: str | os.PathLike[str], root: Path | None = None, *, what: str = "file", streams: bool = False
) -> bytes:
    """The bytes of ``path``, a regular file inside ``root`` (when given) or briefgen's layouts.

    A FIFO, a device, a folder or a socket is refused before any read (opening a FIFO
    does not block with ``O_NONBLOCK``); a symbolic link out of ``root`` raises
    :class:`SecurityError`. A missing file raises :class:`FileNotFoundError` (the caller
    says what was looked for); other failures are a :class:`BriefgenError` naming the file.
    ``streams``: a FIFO or a device is read as a stream (``briefgen merge <(...) ref.pot``,
    as msgmerge allows), for paths the user typed on the command line.
    """
    target = Path(path)
    if root is not None:
        check_inside(target, root)
    try:
        mode = os.stat(target).st_mode
        if streams and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # Opened blocking, once: a FIFO opened with O_NONBLOCK first would let a writer come
            # and go before the second open, which would then wait for ever.
            with open(target, "rb") as stream:
                return stream.read()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise BriefgenError(f"cannot read this {what}: {exc.strerror}", target) from None
    return _read_regular(target, what)


def _read_regular(target: Path, what: str) -> bytes:
    """Read ``target`` if it is a regular file; checked on the open file, so no swap can hang it."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise BriefgenError(
            f"this {what} is a folder, not a file; briefgen reads regular files only", target
        ) from None
    except OSError as exc:
        raise BriefgenError(f"cannot read this {what}: {exc.strerror}", target) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BriefgenError(
                f"this {what} is {_kind(info.st_mode)}, not a regular file; "
                "briefgen reads regular files only: replace it with a file",
                target,
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise BriefgenError(f"cannot read this {what}: {exc.strerror}", target) from None
    finally:
        os.close(fd)
