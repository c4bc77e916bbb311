"""Memory of a process tree from /proc (Linux): the benchmarks' readers, shared by bench/bench.py,
bench/dashboard_latency.py and bench/load.py."""
from __future__ import annotations

import os
import threading

__all__ = ["TreeMemory", "tree", "pss_kb", "hwm_kb"]


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def proc_kb(pid: int, file: str, field: str) -> int:
    """The kB value of ``field`` in ``/proc/<pid>/<file>`` (0 when the process or the field is gone)."""
    try:
        with open(f"/proc/{pid}/{file}") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    return proc_kb(pid, "smaps_rollup", "Pss")


def _hwm_kb(pid: int) -> int:
    """Peak RSS of one process since its exec (VmHWM)."""
    return proc_kb(pid, "status", "VmHWM")


class TreeMemory(threading.Thread):
    """Peak of the summed PSS of a process and its descendants, and the largest VmHWM, polled."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb, self.hwm_kb, self.stop = pid, interval, 0, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            tree = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in tree))
            self.hwm_kb = max([self.hwm_kb] + [_hwm_kb(p) for p in tree])
            self.stop.wait(self.interval)



# the names the benchmarks used before this module existed
tree, pss_kb, hwm_kb = _tree, _pss_kb, _hwm_kb
