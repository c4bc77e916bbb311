"""Heavy comparisons, shared fairly by every session of one server (no Streamlit here).

Streamlit runs every visitor's script as a thread of one process: a long ``compare()`` there holds
the interpreter lock and slows every other visitor's page and the server's health check. So:

- a **heavy** comparison (at least ``Budgets.heavy_chars`` characters) runs in a **worker process**
  of a small pool (``spawn``: nothing of the server's threads is copied; run at a lower CPU priority,
  so the server's own process, which draws every visitor's page, comes first), and comes back compact:
  the worker pickles the result and compresses it (zlib level 1, about a fifth of the pickle; see
  docs/reliability.md, "Budgets");
- at most ``Budgets.heavy`` (``FRAMING_MAX_HEAVY``) run at once, server-wide: :class:`HeavyGate`,
  one semaphore shared by every session. A session that finds every slot taken is told so (the
  ``on_wait`` call; the dashboard shows "Waiting for another comparison…") and goes on when a
  slot frees, in the order the slots free;
- a light comparison (a pasted readout, the bundled event) runs in the caller's thread: sending it
  to a worker would cost more than it saves.

The library is unchanged: the worker calls ``framing.compare`` or ``framing.timeline.timeline``.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import threading
import zlib
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterator, MutableMapping

from framing.errors import CorpusError

__all__ = ["HeavyGate", "gate", "pack", "unpack", "run_packed", "ResultStore", "identity", "private_result",
           "WAITING"]


def pack(value) -> bytes:
    """``value`` pickled and compressed: what a worker sends back and what the session caches keep."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes):
    """The value :func:`pack` packed."""
    return pickle.loads(zlib.decompress(blob))


def _packed_call(func: Callable, args: tuple) -> bytes:
    """Runs in a worker process: the call, its result packed (so only compact bytes cross back)."""
    return pack(func(*args))


#: How much a worker defers to the server's own process for the CPU (``os.nice``): a heavy comparison
#: takes the cores that are left over, and every other visitor's page comes first.
WORKER_NICENESS = 10


def _warm() -> None:
    """Runs in each new worker: a lower CPU priority, then the imports a comparison needs, before the
    first one is asked for."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    import framing  # noqa: F401
    import framing.comparison  # noqa: F401


class HeavyGate:
    """At most ``slots`` holders at once, for every thread of the process (every Streamlit session).

    >>> g = HeavyGate(1)
    >>> with g.slot():
    ...     g.free
    0
    >>> g.free
    1
    """

    def __init__(self, slots: int):
        if slots < 1:
            raise ValueError("a gate needs at least one slot")
        self.slots = slots
        self._semaphore = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._held = 0
        self._pool: ProcessPoolExecutor | None = None

    @property
    def free(self) -> int:
        with self._lock:
            return self.slots - self._held

    @contextmanager
    def slot(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold one slot for the block; if none is free, call ``on_wait()`` once, then wait for one."""
        if not self._semaphore.acquire(blocking=False):
            if on_wait is not None:
                on_wait()
            self._semaphore.acquire()
        with self._lock:
            self._held += 1
        try:
            yield
        finally:
            with self._lock:
                self._held -= 1
            self._semaphore.release()

    def pool(self) -> ProcessPoolExecutor:
        """The worker processes (as many as slots, started on first use and kept)."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.slots, initializer=_warm,
                                                 mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def run(self, func: Callable, *args, on_wait: Callable[[], None] | None = None):
        """``func(*args)`` in a worker process, once a slot is free; its result, unpacked.

        ``func`` and its arguments must pickle (module-level functions, a Corpus, CompareOptions).
        An exception in the worker is raised here as it was raised there (a FramingError stays one).
        """
        return unpack(self.run_packed(func, *args, on_wait=on_wait))

    def run_packed(self, func: Callable, *args, on_wait: Callable[[], None] | None = None) -> bytes:
        """As :meth:`run`, the result left packed (:func:`pack`)."""
        with self.slot(on_wait):
            try:
                return self.pool().submit(_packed_call, func, args).result()
            except BrokenProcessPool:  # a worker was killed (out of memory, most likely): start afresh next time
                with self._lock:
                    self._pool = None
                raise CorpusError("the comparison stopped: the server ended its worker process, most likely for lack "
                                  "of memory", "try again later with fewer texts, or run the comparison with the CLI "
                                  "(python -m framing compare …)") from None

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_GATE: HeavyGate | None = None
_GATE_LOCK = threading.Lock()


def gate(slots: int) -> HeavyGate:
    """The server's one gate; ``slots`` (the host's ``FRAMING_MAX_HEAVY``) is read when it is first made."""
    global _GATE
    with _GATE_LOCK:
        if _GATE is None:
            _GATE = HeavyGate(slots)
        return _GATE


def run_packed(func: Callable, args: tuple, heavy: bool, slots: int,
               on_wait: Callable[[], None] | None = None) -> bytes:
    """``func(*args)``, packed: through the server's gate in a worker process when ``heavy``, else in this
    thread (see the module docstring)."""
    if not heavy:
        return pack(func(*args))
    return gate(slots).run_packed(func, *args, on_wait=on_wait)


#: What a session sees while its large comparison waits for a free slot of the server's gate.
WAITING = ("Waiting for another comparison to finish: this server runs {k} large comparison(s) at once, "
           "for everyone using it. Yours starts as soon as one ends.")


def private_result(store: "ResultStore", ident: str, func: Callable, args: tuple, heavy: bool, slots: int,
                   on_wait: Callable[[], None] | None = None):
    """``func(*args)`` for one session: the stored result under ``ident``, else computed (through the
    server's gate in a worker process when ``heavy``, calling ``on_wait`` if it must wait) and stored."""
    found = store.get(ident)
    if found is not None:
        return found
    return store.put(ident, run_packed(func, args, heavy, slots, on_wait=on_wait))


def identity(*parts) -> str:
    """A digest of what a result was computed from (a corpus key, options): the key of :class:`ResultStore`."""
    return hashlib.sha256(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


class ResultStore:
    """One session's results, kept in its state (so they end with it): the last one used as is, the
    ``entries`` most recent packed (:func:`pack`), at most ``max_bytes`` of them together.

    Streamlit's ``st.cache_data`` would pickle a comparison into its cache and unpickle it on every
    rerun of the page (every click): here a rerun with the same input and settings reads the live
    object, and going back to an earlier setting unpacks its compact copy instead of comparing again.
    """

    def __init__(self, state: MutableMapping, key: str, entries: int = 4, max_bytes: int = 24 * 2**20):
        self.state, self.key, self.entries, self.max_bytes = state, key, entries, max_bytes

    def _slot(self) -> dict:
        if self.key not in self.state:
            self.state[self.key] = {"live": None, "packed": OrderedDict()}
        return self.state[self.key]

    def get(self, ident: str):
        """The result stored under ``ident``, or None."""
        slot = self._slot()
        if slot["live"] is not None and slot["live"][0] == ident:
            return slot["live"][1]
        blob = slot["packed"].get(ident)
        if blob is None:
            return None
        slot["packed"].move_to_end(ident)
        value = unpack(blob)
        slot["live"] = (ident, value)
        return value

    def put(self, ident: str, blob: bytes):
        """Store the packed result ``blob`` under ``ident``; returns it unpacked (now the live one)."""
        slot = self._slot()
        value = unpack(blob)
        slot["live"] = (ident, value)
        packed = slot["packed"]
        packed[ident] = blob
        packed.move_to_end(ident)
        while len(packed) > self.entries or (len(packed) > 1 and sum(map(len, packed.values())) > self.max_bytes):
            packed.popitem(last=False)
        return value

    def idents(self) -> list[str]:
        """What is stored, oldest first."""
        return list(self._slot()["packed"])
