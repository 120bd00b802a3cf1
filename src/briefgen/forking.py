"""Jobs run in processes forked from this one, at most N at a time: how ``build -j`` runs.

:mod:`.build` decides what to build and what a job does; this module only runs
jobs, and knows nothing of briefs. Why it works this way, measured on the seed:

- **A fresh process per job, forked.** Briefs sharing one process grew to 1.47x
  one brief's peak memory (issue 6). A forked child shares this process's pages
  until it writes them, and gives all its memory back when it exits.
- **This process runs the first job itself.** A process's first brief costs far
  more than the next ones (0.42 s, then 0.16 s, in a ``-j 1`` build of the seed:
  WeasyPrint's imports, hyphenation dictionaries, cffi's C types, Babel's data,
  compiled layouts); the children forked after it inherit that warm state.
- **With two workers or more, a helper prepares every job ahead** (for a brief:
  reads its source and catalogs), in order, while this process does its
  ``warm_up`` (the renderers' imports) on one core and the other would wait. The
  second worker is forked after the warm-up, so that it shares the imports instead
  of doing them again next to this process.
- **Ctrl-C reaches every process of the group.** Each child unwinds (its
  ``finally`` blocks remove its half-written files) and exits quietly with status
  130; this process waits for them, then raises :class:`KeyboardInterrupt` once.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, ParamSpec, TypeVar, cast

__all__ = ["INTERRUPTED", "Plan", "run_forked"]

J = TypeVar("J")  # a job
R = TypeVar("R")  # what preparing a job gives (it crosses a pipe: picklable)
T = TypeVar("T")  # a job's outcome (it crosses a pipe: picklable)
P = ParamSpec("P")

#: A child's exit status after Ctrl-C, as a shell's.
INTERRUPTED = 130

_FORK = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Plan(Generic[J, R, T]):
    """What running a job means; every function is called in a forked process but ``warm_up``.

    ``run(job, None)`` must prepare the job itself: the helper may die or fail to hand over.
    """

    prepare: Callable[[J], R]
    run: Callable[[J, R | None], T]
    #: An outcome known from the preparation alone (a job that cannot run), or None.
    settled: Callable[[R], T | None]
    #: The outcome of a job whose process ended without answering, given its exit status.
    died: Callable[[J, int | None], T]
    warm_up: Callable[[], None]


def run_forked(jobs: Sequence[J], workers: int, plan: Plan[J, R, T], done: Callable[[J, T], None]) -> None:
    """Run every job (this process runs the first), at most ``workers`` at a time; ``done`` each outcome."""
    if not jobs:
        return
    running: dict[Connection, tuple[Any, J]] = {}
    helper = _Helper(jobs, plan.prepare) if workers > 1 else None

    def start(job: J) -> None:
        ready = helper.next() if helper else None
        settled = plan.settled(ready) if ready is not None else None
        if settled is not None:  # nothing to run: no process for it
            done(job, settled)
            return
        reader, writer = _FORK.Pipe(duplex=False)
        child = _FORK.Process(target=_worker, args=(writer, plan.run, job, ready), daemon=True)
        with _interrupts_held():
            child.start()
        writer.close()
        running[reader] = (child, job)

    first, *queue = jobs
    with _swallowed_interrupts() as interrupted:
        try:
            if workers > 1:
                plan.warm_up()
            first_ready = helper.next() if helper else None
            if queue and workers > 1:
                start(queue.pop(0))
            done(first, plan.run(first, first_ready))
            while queue or running:
                if interrupted():
                    raise KeyboardInterrupt
                while queue and len(running) < workers:
                    start(queue.pop(0))
                for ready in wait(list(running)):
                    reader = cast(Connection, ready)  # wait() returns the objects it was given
                    child, job = running.pop(reader)
                    try:
                        outcome: T = reader.recv()
                    except EOFError:  # killed by the OS (out of memory) or a signal before it answered
                        child.join()
                        if child.exitcode in (INTERRUPTED, -signal.SIGINT):  # Ctrl-C: this process's too
                            raise KeyboardInterrupt from None
                        outcome = plan.died(job, child.exitcode)
                    reader.close()
                    child.join()
                    done(job, outcome)
            if interrupted():
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            # Each child unwinds and removes its staging files (or, if Python swallowed the
            # interrupt there, finishes its job). Wait for them: daemon children still alive
            # when this process exits would be killed half-way.
            if helper:
                helper.close()
            for child, _ in running.values():
                child.join()
            raise
    if helper:
        helper.close()


class _Helper(Generic[J, R]):
    """A process that prepares every job, in order, ahead of the workers.

    It is forked before the warm-up, from a process that is still small. Its
    results come back through a pipe, widened (on Linux) so that it need not wait
    for this process to finish warming up before preparing the next job.
    """

    def __init__(self, jobs: Sequence[J], prepare: Callable[[J], R]) -> None:
        self._reader, writer = _FORK.Pipe(duplex=False)
        _widen_pipe(writer.fileno())
        self._process = _FORK.Process(target=_prepare_all, args=(writer, jobs, prepare), daemon=True)
        with _interrupts_held():
            self._process.start()
        writer.close()
        self._open = True

    def next(self) -> R | None:
        """The next job's preparation; None when the helper could not hand it over."""
        if not self._open:
            return None
        try:
            prepared: R | None = self._reader.recv()
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
    """Let a pipe hold ``size`` bytes (Linux): a prepared brief is about 20 KB."""
    import fcntl

    # Not Linux, or over /proc/sys/fs/pipe-max-size: the helper only waits more often.
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)


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
    """A child's target: after Ctrl-C it unwinds, then exits with status 130 instead of
    printing multiprocessing's ``Process ForkProcess-3:`` and a traceback."""

    @functools.wraps(target)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held since the fork
            target(*args, **kwargs)
        except KeyboardInterrupt:
            sys.exit(INTERRUPTED)

    return run


@_quiet_when_interrupted
def _prepare_all(writer: Connection, jobs: Sequence[Any], prepare: Callable[[Any], Any]) -> None:
    for job in jobs:
        try:
            prepared = prepare(job)
        except Exception:  # unforeseen: the worker prepares this job again and reports it
            prepared = None
        try:
            writer.send(prepared)
        except BrokenPipeError:  # the build was interrupted and stopped listening
            return
        except Exception:  # something pickle cannot carry (nothing was written): the worker prepares it
            writer.send(None)
    writer.close()


@_quiet_when_interrupted
def _worker(writer: Connection, run: Callable[[Any, Any], Any], job: Any, prepared: Any) -> None:
    writer.send(run(job, prepared))
    writer.close()
