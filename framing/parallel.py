"""Spread a pure, per-item function over the machine's cores for large inputs.

Used by the sentence-level analyses (sentiment, descriptors) once an input is
large enough that starting worker processes pays for itself. Results come back
in input order and are identical to a single-process run: only the wall time
changes. A single-threaded caller (the CLI, a notebook, a benchmark) forks its
workers, which is cheapest; a multi-threaded one (a Streamlit server) uses a
fork server, because forking a process whose other threads may hold locks can
deadlock the child.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

__all__ = ["available_cores", "map_chunks", "worker_pool", "start_map", "start_tasks"]

#: Items per task sent to a worker: big enough that pickling is a small share of the work.
CHUNK_ITEMS = 5_000


def available_cores() -> int:
    """Cores this process may run on (``os.sched_getaffinity`` where it exists)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


@contextmanager
def worker_pool(parallel: bool = True, workers: int | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of worker processes (one per core, at most ``workers``) for :func:`start_map`; None when
    not ``parallel`` or fewer than two would run.

    Work sent to it runs while the caller goes on with other work in this process; if the caller
    fails, queued work is cancelled.
    """
    workers = available_cores() if workers is None else min(available_cores(), workers)
    if not parallel or workers < 2:
        yield None
        return
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        # A forked child's garbage collector would otherwise walk (and so copy, page by page)
        # every object the parent holds: slow, and memory that is not shared any more.
        gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        if forked:
            gc.unfreeze()


def start_map(pool: ProcessPoolExecutor | None, func: Callable[[list], list], items: Sequence,
              chunk_items: int = CHUNK_ITEMS) -> Callable[[], list]:
    """Send ``func`` over ``items`` (chunk by chunk) to ``pool`` now; the returned call gives the results.

    Without a pool the work is done by that call, in this process. Results are in input
    order and identical either way.
    """
    items = list(items)
    if pool is None:
        return lambda: func(items)
    futures = [pool.submit(func, items[i:i + chunk_items]) for i in range(0, len(items), chunk_items)]
    return lambda: [x for future in futures for x in future.result()]


def start_tasks(pool: ProcessPoolExecutor | None, func: Callable, tasks: Sequence[tuple]) -> Callable[[], list]:
    """Send ``func(*task)`` for every task to ``pool`` now; the returned call gives the results, in order.

    The call also works: every task that no worker has started yet is taken back (last first) and
    run in this process, so a caller that finished its own work helps the workers instead of
    waiting. Without a pool every task runs in that call, in this process. Either way the results
    are those of ``[func(*task) for task in tasks]``.
    """
    tasks = list(tasks)
    if pool is None:
        return lambda: [func(*task) for task in tasks]
    futures = [pool.submit(func, *task) for task in tasks]

    def results() -> list:
        out: dict = {}
        for k in range(len(futures) - 1, -1, -1):
            if futures[k].cancel():   # not started by a worker: run it here
                out[k] = func(*tasks[k])
        return [out[k] if k in out else futures[k].result() for k in range(len(futures))]
    return results


def map_chunks(func: Callable[[list], list], items: Sequence, parallel: bool = True,
               chunk_items: int = CHUNK_ITEMS) -> list:
    """``func(items)`` computed chunk by chunk; on several cores when ``parallel`` and there are some.

    ``func`` maps a list to a list of the same length and must be a module-level
    function (it is sent to worker processes by name).
    """
    items = list(items)
    with worker_pool(parallel, workers=-(-len(items) // chunk_items)) as pool:
        return start_map(pool, func, items, chunk_items)()
