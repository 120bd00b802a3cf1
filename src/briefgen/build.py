"""The orchestrator: which briefs are stale, in which order, in how many processes.

A *job* is one brief (source x target language); it makes every requested
format from one render context. Stages run in order: source -> catalogs ->
facts -> render. Nothing here renders itself; it decides and delegates.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .config import Workspace, check_lang
from .errors import BriefgenError, SourceError

__all__ = ["BuildOptions", "BuildReport", "Job", "build", "build_job", "output_paths"]

logger = logging.getLogger("briefgen")

#: EPUB reading modes; the default one has no suffix in its file name.
EPUB_MODES = ("interleaved", "parallel", "source", "target")


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


def output_paths(ws: Workspace, job: Job, options: BuildOptions) -> list[Path]:
    """The files a job writes into ``out/``."""
    paths: list[Path] = []
    for fmt in job.formats:
        if fmt == "epub":
            for mode in options.epub_modes:
                suffix = "" if mode == "interleaved" else f".{mode}"
                paths.append(ws.out_dir / f"{job.slug}.{job.lang}{suffix}.epub")
        else:
            paths.append(ws.out_dir / f"{job.slug}.{job.lang}.{fmt}")
    return paths


def _hash_file(digest: hashlib._Hash, path: Path) -> None:
    digest.update(path.as_posix().encode())
    try:
        digest.update(path.read_bytes())
    except FileNotFoundError:
        digest.update(b"\0missing")


def _layout_files(ws: Workspace) -> list[Path]:
    from .render.templates import DEFAULT_LAYOUTS

    files: list[Path] = []
    for folder in dict.fromkeys((ws.layouts_dir, DEFAULT_LAYOUTS)):
        if folder.is_dir():
            files.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    return files


def fingerprint(ws: Workspace, job: Job, options: BuildOptions, layout_digest: str) -> str:
    """A digest of everything that changes a job's output (source, catalogs, layouts, settings, version)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps([__version__, ws.raw_settings, asdict(replace(options, force=False, jobs=None,
                                                                            quiet=False))]).encode())
    digest.update(layout_digest.encode())
    digest.update(json.dumps(job.formats).encode())
    for path in (job.source, ws.catalog_path(job.slug, job.lang), ws.catalog_path("layouts", job.lang),
                 ws.catalog_path("layouts", ws.settings.source_lang)):
        _hash_file(digest, path)
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()


def _stamp_path(ws: Workspace, job: Job) -> Path:
    return ws.out_dir / ".state" / f"{job.slug}.{job.lang}.json"


def _is_fresh(ws: Workspace, job: Job, options: BuildOptions, digest: str) -> bool:
    try:
        stamp = json.loads(_stamp_path(ws, job).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("digest") == digest and all(p.is_file() for p in output_paths(ws, job, options))


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
            raise SourceError("no sources to build; add one with 'briefgen add SLUG --title ...'",
                              ws.sources_dir)
    langs = options.langs or ws.settings.target_langs
    for lang in langs:
        check_lang(lang)
    formats = options.formats or ws.settings.formats
    return [Job(p.stem, p.resolve(), lang, tuple(formats)) for p in paths for lang in langs]


def build(ws: Workspace, names: Sequence[str] = (), options: BuildOptions | None = None) -> BuildReport:
    """Build every stale brief of ``names`` (default: all sources); report built/up to date/failed."""
    options = options or BuildOptions()
    jobs = _jobs(ws, names, options)
    layout_digest = hashlib.blake2b(digest_size=16)
    for path in _layout_files(ws):
        _hash_file(layout_digest, path)
    report = BuildReport()
    pending: list[tuple[Job, str]] = []
    for job in jobs:
        digest = fingerprint(ws, job, options, layout_digest.hexdigest())
        if not options.force and _is_fresh(ws, job, options, digest):
            report.up_to_date.append(f"{job.slug}.{job.lang}")
            if not options.quiet:
                logger.info("%s.%s: up to date", job.slug, job.lang)
        else:
            pending.append((job, digest))
    if pending:
        _run(ws, pending, options, report)
    if not options.quiet or report.failed:
        logger.info(
            "%d built, %d up to date, %d failed", len(report.built), len(report.up_to_date), len(report.failed)
        )
    return report


def _run(ws: Workspace, pending: list[tuple[Job, str]], options: BuildOptions, report: BuildReport) -> None:
    workers = min(options.jobs or os.cpu_count() or 1, len(pending))
    progress = _Progress(len(pending), enabled=not options.quiet and len(pending) > 1 and sys.stderr.isatty())
    if workers == 1:
        for job, digest in pending:
            _record(report, job, _guarded(ws, job, options, digest), options, progress)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures: dict[Future[str | None], Job] = {
                pool.submit(_guarded, ws, job, options, digest): job for job, digest in pending
            }
            remaining = set(futures)
            while remaining:
                done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: futures[f].slug):
                    _record(report, futures[future], future.result(), options, progress)
    progress.close()


def _record(report: BuildReport, job: Job, error: str | None, options: BuildOptions, progress: _Progress) -> None:
    name = f"{job.slug}.{job.lang}"
    if error is None:
        report.built.append(name)
        if not options.quiet and not progress.enabled:
            logger.info("%s: built", name)
    else:
        report.failed.append(name)
        logger.error("error: %s", error)
        if progress.enabled:
            print(f"error: {error}", file=sys.stderr)
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
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _guarded(ws: Workspace, job: Job, options: BuildOptions, digest: str) -> str | None:
    """Run one job; return None or the one-line error (worker processes cannot raise click errors)."""
    try:
        build_job(ws, job, options)
    except BriefgenError as exc:
        return exc.format_message()
    except MemoryError:
        return f"{job.source}: out of memory while building this brief"
    stamp = _stamp_path(ws, job)
    from .fsutil import atomic_write

    atomic_write(stamp, json.dumps({"digest": digest, "time": time.time()}).encode())
    return None


def build_job(ws: Workspace, job: Job, options: BuildOptions) -> list[Path]:
    """Make every format of one brief; return the files written."""
    from .render.pipeline import brief_context, render_formats

    ctx = brief_context(ws, job.source, job.lang, strict=options.strict)
    return render_formats(ws, job, ctx, options, output_paths(ws, job, options))
