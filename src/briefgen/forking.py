"""Jobs run in processes forked from this one, at most N at a time: how ``build -j`` runs.

:mod:`.build` decides what to build and what a job does; this module only runs
jobs, and knows nothing of briefs. It is :class:`concurrent.futures.ProcessPoolExecutor`
with a ``fork`` context, used this way, measured on the seed:

- **A fresh process per job.** Briefs sharing one process grew to 1.47x one
  brief's peak memory (issue 6). ``max_tasks_per_child=1`` would say so, but
  Python refuses it with ``fork`` (cpython gh-90622: the pool would fork its
  replacement workers from its own thread). So each job gets a pool of one
  worker, forked from this process's main thread when the job is submitted; a
  forked child shares this process's pages until it writes them, and gives all
  its memory back when it exits.
- **This process runs the first job itself.** A process's first brief costs far
  more than the next ones (0.86 s, then 0.2 s, for the seed with PDF and EPUB:
  WeasyPrint's imports, hyphenation dictionaries, Babel's data, compiled
  layouts); the children forked after it inherit that warm state. With two
  workers or more, one child is forked first and runs the second job cold, on
  the other core: importing the renderers in this process before forking it, so
  that it would share them, left that core idle meanwhile and made ``-j 2``
  slower (1.55x ``-j 1`` against 1.67x, bench_build.py, 20 briefs).
- **Ctrl-C reaches every process of the group.** Each child unwinds (its
  ``finally`` blocks remove its half-written files) and hands its
  :class:`KeyboardInterrupt` back to the pool, quietly; this process waits for
  them, then raises :class:`KeyboardInterrupt` once.
- **A worker killed by the system** (the OOM killer's SIGKILL) fails its own job
  alone: the pool it breaks held nothing else.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["INTERRUPTED", "Plan", "run_forked"]

J = TypeVar("J")  # a job
T = TypeVar("T")  # a job's outcome (it crosses a pipe: picklable)

#: A child's exit status after Ctrl-C, as a shell's.
INTERRUPTED = 130

_FORK = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Plan(Generic[J, T]):
    """What running a job means: ``run`` is called in a forked process, except for the first job."""

    run: Callable[[J], T]
    #: The outcome of a job whose process ended without answering, given its exit status.
    died: Callable[[J, int | None], T]


# The running plan and its jobs: forked children inherit them, so that a job crosses the pool's
# queue as its index (the plan's functions are closures, which pickle cannot carry).
_ACTIVE: tuple[Plan[Any, Any], Sequence[Any]] | None = None


@dataclass
class _Running(Generic[J]):
    job: J
    pool: ProcessPoolExecutor
    worker: multiprocessing.process.BaseProcess | None  # to read its exit status if it dies


def run_forked(jobs: Sequence[J], workers: int, plan: Plan[J, T], done: Callable[[J, T], None]) -> None:
    """Run every job (this process runs the first), at most ``workers`` at a time; ``done`` each outcome."""
    global _ACTIVE  # read by the forked children, see above
    if not jobs:
        return
    _ACTIVE = (plan, jobs)
    running: dict[Future[T], _Running[J]] = {}
    queue = list(range(1, len(jobs)))
    with _swallowed_interrupts() as interrupted:
        try:
            if workers > 1 and queue:
                _start(queue.pop(0), running)
            done(jobs[0], plan.run(jobs[0]))
            while queue or running:
                if interrupted():
                    raise KeyboardInterrupt
                while queue and len(running) < workers:
                    _start(queue.pop(0), running)
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = running[future].job
                    done(job, _outcome(future, running.pop(future), plan))
            if interrupted():
                raise KeyboardInterrupt
        finally:
            # After Ctrl-C each child unwinds and removes its staging files (or, if Python
            # swallowed the interrupt there, finishes its job): wait for every one of them.
            for state in running.values():
                state.pool.shutdown(wait=True)
            _ACTIVE = None


def _start(index: int, running: dict[Future[T], _Running[J]]) -> None:
    """Fork a one-worker pool for job ``index``; its child is forked here, in the main thread."""
    assert _ACTIVE is not None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_FORK)
    before = {child.pid for child in multiprocessing.active_children()}
    with _interrupts_held():
        future = pool.submit(_run_job, index)
    new = [child for child in multiprocessing.active_children() if child.pid not in before]
    running[future] = _Running(_ACTIVE[1][index], pool, new[0] if len(new) == 1 else None)


def _outcome(future: Future[T], state: _Running[J], plan: Plan[J, T]) -> T:
    """The job's outcome; a worker that died answers through ``plan.died``; Ctrl-C is raised here."""
    try:
        return future.result()
    except BrokenProcessPool:  # killed by the OOM killer or a signal before it answered
        state.pool.shutdown(wait=True)  # the pool has reaped its worker: its exit status is known
        status = state.worker.exitcode if state.worker is not None else None
        if status in (INTERRUPTED, -signal.SIGINT):  # Ctrl-C: this process's too
            raise KeyboardInterrupt from None
        return plan.died(state.job, status)
    finally:
        state.pool.shutdown(wait=True)


def _run_job(index: int) -> Any:
    """A job in a pool's worker: Ctrl-C, held since the fork, is taken only while it runs."""
    assert _ACTIVE is not None
    plan, jobs = _ACTIVE
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        return plan.run(jobs[index])
    finally:
        # The KeyboardInterrupt (if any) goes back to the parent through the pool, quietly.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


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
    """Hold Ctrl-C while forking: a child takes it once its job runs (:func:`_run_job`), not
    while it starts or waits for its job, which would print a traceback; this process takes it after.
    The pool's own thread, started here too, inherits the mask: Ctrl-C goes to the main thread."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
