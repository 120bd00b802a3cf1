"""The orchestrator: which briefs are stale, in which order, in how many processes.

A *job* is one brief (source x target language); it makes every requested
format from one render context. Stages run in order: source -> catalogs ->
facts -> render. Nothing here renders itself; it decides and delegates.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, cast

from . import __version__
from .config import DEFAULT_LAYOUTS, Workspace, check_lang
from .errors import BriefgenError, SourceError, location

if TYPE_CHECKING:
    from .render.context import BriefContext

__all__ = [
    "BuildOptions",
    "BuildReport",
    "Job",
    "Output",
    "build",
    "build_job",
    "output_paths",
    "outputs",
    "usable_cores",
]

logger = logging.getLogger("briefgen")

P = ParamSpec("P")

#: A child's exit status after Ctrl-C, as a shell's.
_INTERRUPTED = 130


@dataclass(frozen=True)
class BuildOptions:
    """Every build option, defined once for the API and the CLI."""

    formats: tuple[str, ...] | None = None  # None: the workspace's default formats
    langs: tuple[str, ...] | None = None  # None: the workspace's target languages
    epub_modes: tuple[str, ...] = ("interleaved",)
    pdf_variant: str | None = None
    strict: bool = False
    force: bool = False
    jobs: int | None = None  # None: one process per core
    quiet: bool = False


@dataclass(frozen=True)
class Job:
    """One brief: a source in one target language, with the formats to make."""

    slug: str
    source: Path
    lang: str
    formats: tuple[str, ...]


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Output:
    """One file a job writes: its format, the renderer's options, and its path in ``out/``."""

    fmt: str
    options: dict[str, object]
    path: Path


def outputs(ws: Workspace, job: Job, options: BuildOptions) -> list[Output]:
    """Every file a job writes into ``out/``, with what renders it."""
    stem = f"{job.slug}.{job.lang}"
    found: list[Output] = []
    for fmt in job.formats:
        if fmt == "epub":
            for mode in options.epub_modes:  # modes other than the default carry their name
                suffix = "" if mode == "interleaved" else f".{mode}"
                found.append(Output(fmt, {"mode": mode}, ws.out_dir / f"{stem}{suffix}.epub"))
        elif fmt == "pdf":
            found.append(Output(fmt, {"pdf_variant": options.pdf_variant}, ws.out_dir / f"{stem}.pdf"))
        else:
            found.append(Output(fmt, {}, ws.out_dir / f"{stem}.{fmt}"))
    return found


def output_paths(ws: Workspace, job: Job, options: BuildOptions) -> list[Path]:
    """The files a job writes into ``out/``."""
    return [output.path for output in outputs(ws, job, options)]


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The cores this process may run on: ``-j``'s default.

    ``os.cpu_count()`` counts the machine's; a container or ``taskset`` often allows
    fewer (CPU affinity), and a CPU quota (``docker run --cpus=2``, Kubernetes
    limits) caps the time all of them may use: more workers than that only share
    the same slices, with more memory. The quota is read where a container sees its
    own cgroup: ``cpu.max`` (cgroup v2), or ``cpu/cpu.cfs_quota_us`` (v1).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    quota = _cpu_quota(cgroup)
    return max(1, min(cores, quota) if quota is not None else cores)


def _cpu_quota(cgroup: Path) -> int | None:
    """Whole cores of CPU time allowed by the cgroup (rounded up), or None without a quota."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]  # v2: "max 100000", "150000 100000"
    except (OSError, ValueError):
        try:  # v1: -1 for no quota
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    try:
        allowed, length = int(quota), int(period)
    except ValueError:  # "max", or a format this does not know
        return None
    if allowed <= 0 or length <= 0:
        return None
    return max(1, -(-allowed // length))


def _layout_files(ws: Workspace) -> list[Path]:
    files: list[Path] = []
    for folder in dict.fromkeys((ws.layouts_dir, DEFAULT_LAYOUTS)):
        if folder.is_dir():
            files.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    return files


@dataclass(frozen=True)
class _Inputs:
    """Everything that changes a job's output: files (source, catalogs, layouts, fonts) and settings."""

    paths: tuple[Path, ...]
    meta: str

    def signature(self) -> list[list[object]]:
        """Size and mtime of every input: the cheap test, as make and ninja do."""
        out: list[list[object]] = []
        for path in self.paths:
            try:
                info = path.stat()
                out.append([path.as_posix(), info.st_size, info.st_mtime_ns])
            except FileNotFoundError:
                out.append([path.as_posix(), None, None])
        return out

    def digest(self) -> str:
        """A digest of the contents: the sure test when a file was touched but maybe not changed."""
        digest = hashlib.blake2b(self.meta.encode(), digest_size=16)
        for path in self.paths:
            digest.update(path.as_posix().encode() + b"\0")
            try:
                info = path.stat()
                digest.update(_file_digest(path, info.st_size, info.st_mtime_ns))
            except FileNotFoundError:
                digest.update(b"\0missing")
        return digest.hexdigest()


@functools.lru_cache(maxsize=1024)
def _file_digest(path: Path, size: int, mtime_ns: int) -> bytes:  # noqa: ARG001  # the cache key
    """One file's digest, read once per process for a given size and mtime.

    Every brief shares the layouts and their 3.4 MB of fonts: hashed once in the
    parent, not once per brief (forked children inherit the cache).
    """
    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


def _layout_catalogs(ws: Workspace) -> list[Path]:
    """The layout strings of every language: a source may declare a ``lang:`` of its own."""
    found = set(ws.translations_dir.glob("*/LC_MESSAGES/layouts.po"))
    found.add(ws.catalog_path("layouts", ws.settings.source_lang))  # tracked even before it exists
    return sorted(found)


def _inputs(ws: Workspace, job: Job, options: BuildOptions, layouts: list[Path]) -> _Inputs:
    """``layouts`` are the layout files and catalogs every job shares (see :func:`build`)."""
    paths = (
        job.source,
        ws.catalog_path(job.slug, job.lang),
        ws.catalog_path("layouts", job.lang),
        *layouts,
    )
    build_options = asdict(replace(options, force=False, jobs=None, quiet=False))
    meta = json.dumps(
        [
            __version__,
            asdict(replace(ws.settings, po_width=0, po_wrap=True)),  # how catalogs wrap changes no brief
            build_options,
            job.formats,
            os.environ.get("SOURCE_DATE_EPOCH", ""),
        ]
    )
    return _Inputs(paths, meta)


def _stamp_path(ws: Workspace, job: Job) -> Path:
    return ws.out_dir / ".state" / f"{job.slug}.{job.lang}.json"


def _write_stamp(
    ws: Workspace, job: Job, inputs: _Inputs, digest: str, signature: list[list[object]]
) -> None:
    from .fsutil import atomic_write

    data = {"meta": inputs.meta, "digest": digest, "inputs": signature}
    atomic_write(_stamp_path(ws, job), json.dumps(data).encode())


def _is_fresh(ws: Workspace, job: Job, options: BuildOptions, inputs: _Inputs) -> bool:
    try:
        stamp = json.loads(_stamp_path(ws, job).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp.get("meta") != inputs.meta or not all(p.is_file() for p in output_paths(ws, job, options)):
        return False
    signature = inputs.signature()
    if stamp.get("inputs") == signature:
        return True
    digest = inputs.digest()
    if stamp.get("digest") != digest:
        return False
    _write_stamp(ws, job, inputs, digest, signature)  # touched, not changed: remember the new times
    return True


def _jobs(ws: Workspace, names: Sequence[str], options: BuildOptions) -> list[Job]:
    if names:
        paths = []
        for name in names:
            candidate = Path(name)
            path = candidate if candidate.suffix == ".md" else ws.sources_dir / f"{name}.md"
            if not path.is_file():
                raise SourceError("no such source; name a file in sources/ (slug or path)", path)
            paths.append(path)
    else:
        paths = ws.source_paths()
        if not paths:
            raise SourceError(
                "no sources to build; add one with 'briefgen add SLUG --title ...'", ws.sources_dir
            )
    langs = options.langs or ws.settings.target_langs
    for lang in langs:
        check_lang(lang)
    formats = options.formats or ws.settings.formats
    return [Job(p.stem, p.resolve(), lang, tuple(formats)) for p in paths for lang in langs]


def build(ws: Workspace, names: Sequence[str] = (), options: BuildOptions | None = None) -> BuildReport:
    """Build every stale brief of ``names`` (default: all sources); report built/up to date/failed."""
    options = options or BuildOptions()
    jobs = _jobs(ws, names, options)
    layouts = _layout_catalogs(ws) + _layout_files(ws)
    report = BuildReport()
    pending: list[tuple[Job, _Inputs]] = []
    for job in jobs:
        inputs = _inputs(ws, job, options, layouts)
        if not options.force and _is_fresh(ws, job, options, inputs):
            report.up_to_date.append(f"{job.slug}.{job.lang}")
            if not options.quiet:
                logger.info("%s.%s: up to date", job.slug, job.lang)
        else:
            pending.append((job, inputs))
    if pending:
        _run(ws, pending, options, report)
    if not options.quiet or report.failed:
        logger.info(
            "%d built, %d up to date, %d failed",
            len(report.built),
            len(report.up_to_date),
            len(report.failed),
        )
    return report


@dataclass(frozen=True)
class _Outcome:
    """What a job sends back to the parent: its error line, if any, and the warnings it logged."""

    error: str | None
    warnings: tuple[str, ...] = ()


def _run(
    ws: Workspace, pending: list[tuple[Job, _Inputs]], options: BuildOptions, report: BuildReport
) -> None:
    workers = min(options.jobs or usable_cores(), len(pending))
    progress = _Progress(len(pending), enabled=not options.quiet and len(pending) > 1 and sys.stderr.isatty())

    def done(job: Job, outcome: _Outcome) -> None:
        _record(report, job, outcome, options, progress)

    if len(pending) == 1:
        job, inputs = pending[0]
        done(job, _guarded(ws, job, options, inputs))
    else:
        _fork_each(ws, pending, options, workers, done)
    progress.close()


def _fork_each(
    ws: Workspace,
    pending: list[tuple[Job, _Inputs]],
    options: BuildOptions,
    workers: int,
    done: Callable[[Job, _Outcome], None],
) -> None:
    """Build each brief in a fresh process forked from this one, at most ``workers`` at a time.

    This process builds the first brief itself (with ``-j 2`` or more, while a first
    child builds the second one): a process's first brief costs far more
    than the next ones (0.70 s, then 0.15 s for the seed: WeasyPrint's imports,
    hyphenation dictionaries, cffi's C types, Babel's data, compiled layouts), and the
    forked children inherit that warm state. Every other brief runs in its own child,
    so memory never carries over from one brief to the next (issue 6: briefs sharing
    one process grew to 1.47x one brief's peak); children share this process's pages
    until they write them.

    With ``-j 2`` or more, a first helper reads every brief's source and catalogs
    (:func:`_prepare`) while this process imports the renderers, on a core that would
    otherwise wait; the workers then only render.
    """
    # Imported here: multiprocessing costs a no-op build 40 ms of start-up.
    import multiprocessing
    from multiprocessing.connection import Connection, wait

    context = multiprocessing.get_context("fork")
    running: dict[Connection, tuple[Any, Job]] = {}
    prepared = _Preparer(context, ws, pending, options) if workers > 1 else None

    def start(job: Job, inputs: _Inputs) -> None:
        ready = prepared.next() if prepared else None
        if ready is not None and ready.ctx is None:  # it cannot be read: nothing to render
            done(job, _Outcome(ready.error, ready.warnings))
            return
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(writer, ws, job, options, inputs, ready), daemon=True)
        with _interrupts_held():
            child.start()
        writer.close()
        running[reader] = (child, job)

    (first, first_inputs), *queue = pending
    with _swallowed_interrupts() as interrupted:
        try:
            if workers > 1:
                # A second worker right away, so that the other core is busy while this process
                # warms up, but after the imports (a third of a cold build): it shares them
                # instead of doing them again next to this process, which would slow both down.
                from .render.pipeline import import_renderers

                import_renderers({fmt for job, _ in pending for fmt in job.formats})
            first_ready = prepared.next() if prepared else None
            if queue and workers > 1:
                start(*queue.pop(0))
            done(first, _guarded(ws, first, options, first_inputs, first_ready))
            while queue or running:
                if interrupted():
                    raise KeyboardInterrupt
                while queue and len(running) < workers:
                    start(*queue.pop(0))
                for ready in wait(list(running)):
                    reader = cast(Connection, ready)  # wait() returns the objects it was given
                    child, job = running.pop(reader)
                    try:
                        outcome: _Outcome = reader.recv()
                    except EOFError:  # killed by the OS (out of memory) or a signal before it answered
                        child.join()
                        if child.exitcode in (_INTERRUPTED, -signal.SIGINT):  # Ctrl-C: this process's too
                            raise KeyboardInterrupt from None
                        outcome = _Outcome(_died(job, child.exitcode))
                    reader.close()
                    child.join()
                    done(job, outcome)
            if interrupted():
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            # Ctrl-C reached every process of the build: each child unwinds and removes its
            # staging files (or, if Python swallowed it there, finishes its brief). Wait for
            # them; daemon children still alive when this process exits would be killed.
            if prepared:
                prepared.close()
            for child, _ in running.values():
                child.join()
            raise
    if prepared:
        prepared.close()


@contextlib.contextmanager
def _swallowed_interrupts() -> Iterator[Callable[[], bool]]:
    """Notice a Ctrl-C that Python could not raise, and keep it quiet.

    A KeyboardInterrupt that lands in a ``__del__`` or an at-fork hook (closing a
    pipe, logging's lock after ``fork()``) is printed as "Exception ignored in ..."
    and dropped: the build went on and exited 0. The returned function says whether
    one was dropped; forked children inherit the quiet hook.
    """
    seen = False
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        nonlocal seen
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            seen = True
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield lambda: seen
    finally:
        sys.unraisablehook = previous


class _Preparer:
    """A helper process that prepares every pending job, in order, ahead of the workers.

    It starts before the renderers are imported, from a process that is still small.
    Its results come back through a pipe, in the order of the jobs; the pipe is
    widened (on Linux) so that the helper need not wait for this process to finish
    its imports before preparing the next job. If the helper dies, the workers prepare
    their jobs themselves.
    """

    def __init__(
        self, context: Any, ws: Workspace, pending: list[tuple[Job, _Inputs]], options: BuildOptions
    ):
        self._reader, writer = context.Pipe(duplex=False)
        _widen_pipe(writer.fileno())
        self._process = context.Process(target=_prepare_all, args=(writer, ws, pending, options), daemon=True)
        with _interrupts_held():
            self._process.start()
        writer.close()
        self._open = True

    def next(self) -> _Prepared | None:
        """The next job's preparation; None when the helper could not prepare it."""
        if not self._open:
            return None
        try:
            prepared: _Prepared | None = self._reader.recv()
        except (EOFError, OSError):  # the helper died: each worker prepares its own job
            self.close()
            return None
        return prepared

    def close(self) -> None:
        """Stop listening and wait for the helper (which stops when it finds nobody listening)."""
        if self._open:
            self._open = False
            self._reader.close()
            self._process.join()


def _widen_pipe(fd: int, size: int = 1 << 20) -> None:
    """Let a pipe hold ``size`` bytes (Linux): a prepared job is about 20 KB."""
    import fcntl

    # Not Linux, or over /proc/sys/fs/pipe-max-size: the helper only waits more often.
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C while forking: a child takes it once its target runs (see below), not in
    multiprocessing's start-up, which would print a traceback; this process takes it after."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _quiet_when_interrupted(target: Callable[P, None]) -> Callable[P, None]:
    """A child process's target: Ctrl-C reaches every process of the build, and only the parent speaks.

    The child still unwinds (its ``finally`` blocks remove its staging files); then it exits
    with status 130 instead of printing multiprocessing's ``Process ForkProcess-3:`` and a traceback.
    """

    @functools.wraps(target)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held since the fork
            target(*args, **kwargs)
        except KeyboardInterrupt:
            sys.exit(_INTERRUPTED)

    return run


@_quiet_when_interrupted
def _prepare_all(
    writer: Any, ws: Workspace, pending: list[tuple[Job, _Inputs]], options: BuildOptions
) -> None:
    for job, inputs in pending:
        try:
            prepared: _Prepared | None = _prepare(ws, job, options, inputs)
        except Exception:  # unforeseen: the worker prepares this job again and reports it
            prepared = None
        try:
            writer.send(prepared)
        except BrokenPipeError:  # the build was interrupted and stopped listening
            return
        except Exception:  # a context pickle cannot carry (nothing was written): the worker reads it
            writer.send(None)
    writer.close()


@_quiet_when_interrupted
def _child(
    writer: Any, ws: Workspace, job: Job, options: BuildOptions, inputs: _Inputs, prepared: _Prepared | None
) -> None:
    writer.send(_guarded(ws, job, options, inputs, prepared))
    writer.close()


def _record(
    report: BuildReport, job: Job, outcome: _Outcome, options: BuildOptions, progress: _Progress
) -> None:
    name = f"{job.slug}.{job.lang}"
    for warning in outcome.warnings:
        logger.warning("%s", warning)
    if outcome.error is None:
        report.built.append(name)
        if not options.quiet and not progress.enabled:
            logger.info("%s: built", name)
    else:
        report.failed.append(name)
        if progress.enabled:
            sys.stderr.write("\n")
        logger.error("%s", outcome.error)
    progress.step(name)


class _Progress:
    """A one-line progress bar on a terminal; silent otherwise (plain lines are logged instead)."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, 0, enabled

    def step(self, name: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name[:40]:<40}"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


class _Collect(logging.Handler):
    """Keeps a job's warnings so that the parent logs them, in order, whatever process ran it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextlib.contextmanager
def _collected() -> Iterator[list[str]]:
    """The warnings logged inside the block, kept rather than shown."""
    collect = _Collect()
    previous = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate, logger.level = [collect], False, logging.INFO
    try:
        yield collect.lines
    finally:
        logger.handlers, logger.propagate, logger.level = previous


@dataclass(frozen=True)
class _Prepared:
    """A job read and ready to render: its render context, or the error that stops it."""

    signature: list[list[object]]
    digest: str
    ctx: BriefContext | None  # None: ``error`` says why
    error: str | None
    warnings: tuple[str, ...]


def _prepare(ws: Workspace, job: Job, options: BuildOptions, inputs: _Inputs) -> _Prepared:
    """Read one job's source and catalogs into its render context (no rendering)."""
    from .render.pipeline import brief_context

    # Read the inputs' state before building: an edit made during the build makes the next one rebuild.
    signature, digest = inputs.signature(), inputs.digest()
    with _collected() as warnings:
        try:
            ctx = brief_context(ws, job.source, job.lang, strict=options.strict)
        except BriefgenError as exc:
            return _Prepared(signature, digest, None, exc.format_message(), tuple(warnings))
        except MemoryError:
            return _Prepared(signature, digest, None, _out_of_memory(job), tuple(warnings))
    return _Prepared(signature, digest, ctx, None, tuple(warnings))


def _out_of_memory(job: Job) -> str:
    where = location(job.source)
    return f"{where}: out of memory while building this brief; free some memory or build with -j 1"


def _died(job: Job, exitcode: int | None) -> str:
    """What to say of a worker that ended without answering (the OOM killer, a ``kill``)."""
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        name = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
        how = f"was killed ({name}{', out of memory?' if number == signal.SIGKILL else ''})"
    else:
        how = f"stopped unexpectedly (exit status {exitcode})"
    return f"{location(job.source)}: the build process {how}; nothing was written for it; build it again"


def _guarded(
    ws: Workspace, job: Job, options: BuildOptions, inputs: _Inputs, prepared: _Prepared | None = None
) -> _Outcome:
    """Run one job; return its outcome (worker processes cannot raise click errors to the CLI)."""
    from .render.pipeline import render_formats

    ready = prepared or _prepare(ws, job, options, inputs)
    if ready.ctx is None:
        return _Outcome(ready.error, ready.warnings)
    with _collected() as warnings:
        try:
            render_formats(ws, job, ready.ctx, outputs(ws, job, options))
        except BriefgenError as exc:
            return _Outcome(exc.format_message(), ready.warnings + tuple(warnings))
        except MemoryError:
            return _Outcome(_out_of_memory(job), ready.warnings + tuple(warnings))
        _write_stamp(ws, job, inputs, ready.digest, ready.signature)
    return _Outcome(None, ready.warnings + tuple(warnings))


def build_job(ws: Workspace, job: Job, options: BuildOptions) -> BriefContext:
    """Make every format of one brief; return the render context it was made from."""
    from .render.pipeline import brief_context, render_formats

    ctx = brief_context(ws, job.source, job.lang, strict=options.strict)
    render_formats(ws, job, ctx, outputs(ws, job, options))
    return ctx
