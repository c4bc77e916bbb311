"""framing.parallel.start_tasks: results in order, whoever runs each task."""
import os

from framing.parallel import start_tasks, worker_pool


def _square_and_pid(x: int, slow: bool) -> tuple:
    if slow:
        sum(range(200_000))
    return x * x, os.getpid()


def test_tasks_give_their_results_in_order_and_the_caller_takes_unstarted_ones():
    tasks = [(k, True) for k in range(40)]
    with worker_pool(True, workers=2) as pool:
        results = start_tasks(pool, _square_and_pid, tasks)()
    assert [r for r, _ in results] == [k * k for k in range(40)]
    # the caller ran the tasks no worker had started (the queue holds 40; the workers start a few)
    assert os.getpid() in {pid for _, pid in results}


def test_without_a_pool_every_task_runs_here():
    results = start_tasks(None, _square_and_pid, [(k, False) for k in range(5)])()
    assert results == [(k * k, os.getpid()) for k in range(5)]
