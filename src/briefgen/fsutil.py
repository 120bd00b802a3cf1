"""File writes that never leave a half-written file behind.

Every file briefgen writes goes to a temporary name in the same folder, is
flushed and fsync'ed, then renamed over the target: a command killed at any
moment leaves either the old file or the new one (issue 7). Temporary names say
which process made them (:func:`temporary_prefix`), so that the next build can
remove what a killed one left (:func:`remove_abandoned`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType

from .errors import BriefgenError
from .guard import FileState, file_state

__all__ = [
    "DISK_ERRORS",
    "atomic_write",
    "check_unchanged",
    "explain_os_error",
    "file_lock",
    "remove_abandoned",
    "replace_keeping_mode",
    "temporary_prefix",
    "write_output",
]

#: Write failures that are the machine's, not briefgen's: reported as such, not as internal errors.
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def _blocker(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` that is a file where a folder is needed."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def explain_os_error(exc: OSError, path: str | os.PathLike[str]) -> BriefgenError:
    """A one-line error for a failed write: what happened to which file, and what to do."""
    target = Path(path)
    blocker = _blocker(target) if exc.errno in (errno.EEXIST, errno.ENOTDIR) else None
    if blocker is not None:
        # mkdir(exist_ok=True) reports a file in the way as "File exists", which says nothing useful.
        hint = f"{blocker.name} is a file, not a folder; move it away or delete it"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "the disk is full; free some space and run the command again"
    elif exc.errno == errno.EFBIG:
        hint = "the file exceeds the size limit (disk quota or ulimit -f); free space or raise the limit"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "permission denied; make the folder writable or choose another output folder"
    elif exc.errno == errno.ENOENT and not target.parent.is_dir():
        hint = f"the folder {target.parent} does not exist; create it or choose another path"
    else:
        hint = exc.strerror or str(exc)
    return BriefgenError(f"cannot write this file: {hint}", target)


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    make_folders: bool = True,
    expect: FileState | EllipsisType | None = ...,
) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename).

    The missing folders of ``path`` are made, unless ``make_folders`` is false (a path
    the user typed, as for ``merge -o``: a typo should not become a folder). With
    ``expect`` (the file's state when it was read; None: there was no file), the file
    is checked just before the rename and left as it is when it changed since.
    """
    target = Path(path)
    tmp_name = None
    try:
        if make_folders:
            target.parent.mkdir(parents=True, exist_ok=True)
        prefix = temporary_prefix(target.name)
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        if not isinstance(expect, EllipsisType):
            check_unchanged(target, expect)
        replace_keeping_mode(Path(tmp_name), target)
        tmp_name = None
    except OSError as exc:
        raise explain_os_error(exc, target) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def check_unchanged(path: Path, expect: FileState | None) -> None:
    """Raise when the file ``path`` is not in the state ``expect`` it had when it was read."""
    if file_state(path) != expect:
        raise BriefgenError(
            "this file changed while briefgen was working (saved by an editor or another command?); "
            "briefgen left it as it is: run the command again",
            path,
        )


def write_output(path: Path, data: bytes, *, expect: FileState | EllipsisType | None = ...) -> None:
    """Write ``data`` to a path the user named, as GNU msgmerge does.

    A symbolic link is written through, to its target (the link stays a link); a FIFO,
    a device (``/dev/full``, ``/dev/stdout``) or another special file is written into as
    a stream, never replaced by a regular file; a regular file is replaced atomically.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = stat.S_IFREG
    if stat.S_ISDIR(mode):
        raise BriefgenError("cannot write this file: it is a folder; give a file name", path)
    if stat.S_ISREG(mode):
        atomic_write(target, data, make_folders=False, expect=expect)
        return
    try:
        with open(target, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise explain_os_error(exc, path) from exc


def temporary_prefix(name: str) -> str:
    """``.NAME.PID@HOST.``: the start of a temporary name, saying which process may still need it."""
    return f".{name}.{os.getpid()}@{os.uname().nodename}."


#: What :func:`temporary_prefix` and ``tempfile``'s 8 random characters make.
_TEMPORARY = re.compile(r"\..+\.(\d+)@(.+)\.[a-z0-9_]{8}\.(?:tmp|staging)")


def remove_abandoned(folder: Path) -> list[Path]:
    """Remove the temporary files and folders in ``folder`` whose process no longer runs.

    ``kill -9``, a power cut or the OOM killer stop a process before it can clean up:
    its outputs are whole (old or new), but its hidden temporary names stay. Only names
    made on this machine by a process that has ended are removed; a concurrent build's
    are not.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no folder yet, or unreadable: nothing of ours to remove
        return removed
    host = os.uname().nodename
    for entry in entries:
        found = _TEMPORARY.fullmatch(entry.name)
        if found is None or found.group(2) != host or _running(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):  # another build removed it first, or not ours to remove
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:  # Linux: a killed build's children stay zombies where PID 1 does not reap them (containers)
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def replace_keeping_mode(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` over ``target``, with the permissions a user gave ``target`` (a read-only bit)."""
    if target.exists():
        os.chmod(tmp, target.stat().st_mode & 0o7777)
    os.replace(tmp, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path + '.lock'``.

    Two ``briefgen update`` runs on the same workspace would otherwise both read
    the old catalogs and the second rename would lose the first one's work.
    """
    lock_path = Path(os.fspath(path) + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:  # a read-only translations/ was an internal error (issue 18)
        raise explain_os_error(exc, lock_path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BriefgenError(
                "another briefgen command is working on this workspace; "
                "wait for it to finish and run this command again",
                lock_path,
            ) from None
        yield
    finally:
        os.close(fd)
