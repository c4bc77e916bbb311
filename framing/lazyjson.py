"""Lists whose items are made while they are written out as JSON.

``json.dump(..., indent=2)`` (the pure-Python encoder, which any ``indent`` selects) tests a list
for emptiness with ``len`` and then iterates it: a :class:`Rows` answers both without holding its
items, so a report with hundreds of thousands of per-sentence rows is written row by row instead
of being built whole first (a 50 MB document's result dict took over 2 GB). The bytes written are
the same as for the equivalent list. Anything but ``len``, ``bool`` and iteration (indexing,
slicing, ``==``) sees an empty list: use :func:`rows` with ``lazy=False`` where the list is read.
"""
from __future__ import annotations

from typing import Callable, Iterable

__all__ = ["Rows", "rows"]


class Rows(list):
    """``count`` items made by ``make()`` each time the list is iterated."""

    def __init__(self, count: int, make: Callable[[], Iterable]):
        super().__init__()
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self):
        return iter(self._make())


def rows(count: int, make: Callable[[], Iterable], lazy: bool) -> list:
    """The items of ``make()`` as a :class:`Rows` (``lazy``) or a plain list."""
    return Rows(count, make) if lazy else list(make())
