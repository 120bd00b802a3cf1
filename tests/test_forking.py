"""``run_forked``: the process pool of ``build -j``, on jobs that are plain numbers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from briefgen.forking import INTERRUPTED, Plan, run_forked

from conftest import ROOT

PARENT = os.getpid()

Outcome = tuple[int, int | None]  # (job, pid of the process that ran it), or (job, exit status) if it died


def _plan(**changes: object) -> Plan[int, Outcome]:
    """Jobs 0..N; each outcome says which process ran it."""
    fields: dict[str, object] = {
        "run": lambda job: (job, os.getpid()),
        "died": lambda job, status: (job, status),
    }
    fields.update(changes)
    return Plan(**fields)  # type: ignore[arg-type]


def _run(jobs: list[int], workers: int, plan: Plan[int, Outcome]) -> dict[int, Outcome]:
    done: dict[int, Outcome] = {}
    run_forked(jobs, workers, plan, done.setdefault)
    return done


@pytest.mark.parametrize("workers", [1, 2])
def test_the_first_job_runs_here_and_every_other_in_a_fresh_process(workers: int) -> None:
    done = _run(list(range(6)), workers, _plan())
    assert sorted(done) == list(range(6))
    assert done[0][1] == PARENT
    pids = [done[job][1] for job in range(1, 6)]
    assert PARENT not in pids and len(set(pids)) == 5  # no process runs two jobs


def test_children_inherit_what_this_process_loaded_before_forking() -> None:
    loaded: list[str] = []

    def run(job: int) -> Outcome:
        loaded.append(f"job {job}")  # in a child, on the child's copy
        return (job, len(loaded))

    done = _run(list(range(4)), 1, _plan(run=run))
    assert done[0] == (0, 1)
    assert all(done[job] == (job, 2) for job in (1, 2, 3))  # each child saw job 0's state, not another's


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_dies_is_reported_and_the_others_run(workers: int) -> None:
    def run(job: int) -> Outcome:
        if job == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return (job, os.getpid())

    done = _run(list(range(5)), workers, _plan(run=run))
    assert done[2] == (2, -signal.SIGKILL)
    assert sorted(done) == list(range(5))
    assert all(done[job][1] not in (None, -signal.SIGKILL) for job in (0, 1, 3, 4))


def test_an_unexpected_error_in_a_worker_reaches_the_caller() -> None:
    def run(job: int) -> Outcome:
        if job == 1:
            raise ValueError("a bug")
        return (job, os.getpid())

    with pytest.raises(ValueError, match="a bug"):
        _run(list(range(3)), 2, _plan(run=run))


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 2, 8])
def test_every_job_is_done_once_whatever_the_workers(workers: int, count: int) -> None:
    order: list[int] = []
    run_forked(list(range(count)), workers, _plan(), lambda job, outcome: order.append(job))
    assert sorted(order) == list(range(count))
    if workers == 1:
        assert order == list(range(count))  # one at a time: in order


# Jobs that wait for Ctrl-C: job 0 (in the parent) sends it to the whole group once job 1 (the
# one worker forked before it) has started (it writes to a pipe); each job then unwinds.
INTERRUPT = """
import os, signal, sys, time
from briefgen.forking import Plan, run_forked
read_end, write_end = os.pipe()
def run(job):
    try:
        if job == 0:
            os.read(read_end, 1)  # job 1 is running
            os.killpg(0, signal.SIGINT)
        else:
            os.write(write_end, b"x")
        signal.pause()  # until Ctrl-C
    finally:
        os.write(1, f"unwound {job}\\n".encode())  # one write: the two processes do not interleave
try:
    run_forked(list(range(4)), 2, Plan(run=run, died=lambda j, s: s), print)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def test_ctrl_c_unwinds_every_job_and_is_raised_once_without_tracebacks() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(INTERRUPT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == INTERRUPTED, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert sorted(lines[:-1]) == ["unwound 0", "unwound 1"]  # jobs 2 and 3 never started
    assert lines[-1] == "interrupted"
