"""``run_forked``: the process pool of ``build -j``, on jobs that are plain numbers."""

from __future__ import annotations

import os
import signal

import pytest

from briefgen.forking import Plan, run_forked

PARENT = os.getpid()

Prepared = tuple[int, int]  # (job squared, pid of the process that prepared it)
Outcome = tuple[int, int | None, int]  # (job, what it was given prepared, pid of the process that ran it)


def _plan(**changes: object) -> Plan[int, Prepared, Outcome]:
    """Jobs 0..N, prepared as their square; each outcome says which process ran it."""
    fields: dict[str, object] = {
        "prepare": lambda job: (job * job, os.getpid()),
        "run": lambda job, ready: (job, ready[0] if ready else None, os.getpid()),
        "settled": lambda ready: None,
        "died": lambda job, status: (job, None, status),
        "warm_up": lambda: None,
    }
    fields.update(changes)
    return Plan(**fields)  # type: ignore[arg-type]


def _run(jobs: list[int], workers: int, plan: Plan[int, Prepared, Outcome]) -> dict[int, Outcome]:
    done: dict[int, Outcome] = {}
    run_forked(jobs, workers, plan, done.setdefault)
    return done


def test_the_first_job_runs_here_and_every_other_in_a_fresh_process() -> None:
    done = _run(list(range(6)), 1, _plan())
    assert sorted(done) == list(range(6))
    assert done[0][2] == PARENT
    pids = [done[job][2] for job in range(1, 6)]
    assert PARENT not in pids and len(set(pids)) == 5
    assert all(prepared is None for _, prepared, _ in done.values())  # -j 1: no helper


def test_with_two_workers_a_helper_prepares_every_job_ahead() -> None:
    warmed: list[int] = []
    done = _run(list(range(6)), 2, _plan(warm_up=lambda: warmed.append(os.getpid())))
    assert warmed == [PARENT]
    assert {job: prepared for job, (_, prepared, _) in done.items()} == {job: job * job for job in range(6)}


def test_a_settled_job_gets_no_process() -> None:
    plan = _plan(settled=lambda ready: (-1, ready[0], 0) if ready[0] == 9 else None)
    done = _run(list(range(5)), 2, plan)
    assert done[3] == (-1, 9, 0)
    assert all(done[job][0] == job for job in (0, 1, 2, 4))


def test_a_worker_that_dies_is_reported_and_the_others_run() -> None:
    def run(job: int, ready: Prepared | None) -> Outcome:
        if job == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return (job, None, os.getpid())

    done = _run(list(range(5)), 2, _plan(run=run))
    assert done[2] == (2, None, -signal.SIGKILL)
    assert sorted(done) == list(range(5))


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 2, 8])
def test_every_job_is_done_once_whatever_the_workers(workers: int, count: int) -> None:
    order: list[int] = []
    run_forked(list(range(count)), workers, _plan(), lambda job, outcome: order.append(job))
    assert sorted(order) == list(range(count))
    if workers == 1:
        assert order == list(range(count))  # one at a time: in order
