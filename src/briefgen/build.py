"""The orchestrator: which briefs are stale, in which order, in how many processes.

A *job* is one brief (source x target language); it makes every requested
format from one :class:`~briefgen.brief.Brief`. Stages run in order: source ->
catalogs -> facts -> brief (:func:`briefgen.brief.assemble`) -> formats
(:mod:`briefgen.formats`). Nothing here renders itself; it decides and
delegates, and :mod:`.forking` runs the jobs in processes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import signal
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DEFAULT_LAYOUTS, Workspace, check_lang
from .errors import BriefgenError, SourceError, location
from .version import __version__

if TYPE_CHECKING:
    from .brief import Brief
    from .formats import Output

__all__ = [
    "BuildOptions",
    "BuildReport",
    "Job",
    "build",
    "build_job",
    "output_paths",
    "outputs",
    "usable_cores",
]

logger = logging.getLogger("briefgen")


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


def outputs(ws: Workspace, job: Job, options: BuildOptions) -> list[Output]:
    """Every file a job writes into ``out/``: ``<slug>.<lang><suffix>``, with the format that writes it."""
    from .formats import Output, load, variants

    stem = f"{job.slug}.{job.lang}"
    settings = {"epub_modes": options.epub_modes, "pdf_variant": options.pdf_variant}
    return [
        Output(name, fmt, ws.out_dir / f"{stem}{fmt.suffix}")
        for name in job.formats
        for fmt in variants(load(name), settings)
    ]


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
            except FileNotFoundError:
                digest.update(b"\0missing")
                continue
            if stat.S_ISREG(info.st_mode):
                digest.update(_file_digest(path, info.st_size, info.st_mtime_ns))
            else:  # a FIFO would hang the read; the build's own read refuses it with a clear error
                digest.update(b"\0special")
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
    return [Job(p.stem, p.absolute(), lang, tuple(formats)) for p in paths for lang in langs]


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
        from .fsutil import remove_abandoned

        for folder in (ws.out_dir, ws.out_dir / ".state"):  # what a build killed with kill -9 left
            removed = remove_abandoned(folder)
            if removed and not options.quiet:
                what = "temporary file(s) of a build that was killed"
                logger.info("%s: removed %d %s", ws.rel(folder), len(removed), what)
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

    def done(item: tuple[Job, _Inputs], outcome: _Outcome) -> None:
        _record(report, item[0], outcome, options, progress)

    if len(pending) == 1:
        job, inputs = pending[0]
        done(pending[0], _guarded(ws, job, options, inputs))
    else:
        # Imported here: multiprocessing costs a no-op build 40 ms of start-up.
        from .forking import Plan, run_forked

        plan: Plan[tuple[Job, _Inputs], _Outcome] = Plan(
            run=lambda item: _guarded(ws, item[0], options, item[1]),
            died=lambda item, status: _Outcome(_died(item[0], status)),
        )
        run_forked(pending, workers, plan, done)
    progress.close()


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
    """A job read and ready to write: its assembled brief, or the error that stops it."""

    signature: list[list[object]]
    digest: str
    brief: Brief | None  # None: ``error`` says why
    error: str | None
    warnings: tuple[str, ...]


def _prepare(ws: Workspace, job: Job, options: BuildOptions, inputs: _Inputs) -> _Prepared:
    """Read one job's source and catalogs into its brief (no rendering)."""
    from .brief import assemble

    # Read the inputs' state before building: an edit made during the build makes the next one rebuild.
    signature, digest = inputs.signature(), inputs.digest()
    with _collected() as warnings:
        try:
            brief = assemble(ws, job.source, job.lang, strict=options.strict)
        except BriefgenError as exc:
            return _Prepared(signature, digest, None, exc.format_message(), tuple(warnings))
        except MemoryError:
            return _Prepared(signature, digest, None, _out_of_memory(job), tuple(warnings))
    return _Prepared(signature, digest, brief, None, tuple(warnings))


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
    from .formats import write_outputs

    ready = prepared or _prepare(ws, job, options, inputs)
    if ready.brief is None:
        return _Outcome(ready.error, ready.warnings)
    with _collected() as warnings:
        try:
            write_outputs(ready.brief, outputs(ws, job, options))
        except BriefgenError as exc:
            return _Outcome(exc.format_message(), ready.warnings + tuple(warnings))
        except MemoryError:
            return _Outcome(_out_of_memory(job), ready.warnings + tuple(warnings))
        _write_stamp(ws, job, inputs, ready.digest, ready.signature)
    return _Outcome(None, ready.warnings + tuple(warnings))


def build_job(ws: Workspace, job: Job, options: BuildOptions) -> Brief:
    """Make every format of one brief; return the brief they were made from."""
    from .brief import assemble
    from .formats import write_outputs

    brief = assemble(ws, job.source, job.lang, strict=options.strict)
    write_outputs(brief, outputs(ws, job, options))
    return brief
