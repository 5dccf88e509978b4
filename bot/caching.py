"""Bounded in-memory caches: when full, the oldest entry goes, not the whole cache.

The store and the retriever keep per-article and per-sentence caches that the event loop and the
index-building worker thread both use. Writes take a lock; reads do not, which is why the policy is
first-in first-out: a FIFO read is a plain dictionary lookup (an LRU read reorders entries, so it would
need the lock too). The answer path reads these caches about a thousand times a question, so the read is
the built-in `dict.get` itself: cachetools' FIFOCache, used before, costs two Python calls per read,
about 0.3 ms a question. A dictionary keeps its insertion order, so the oldest entry is its first.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Generic, TypeVar

__all__ = ["BoundedCache", "compiled"]

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most `maxsize` entries; adding one more evicts the oldest entry (a replaced value counts as new)."""

    __slots__ = ("_data", "_lock", "_maxsize", "get")

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("a bounded cache holds at least one entry")
        self._data: dict[K, V] = {}
        self._lock = threading.Lock()
        self._maxsize = maxsize
        self.get = self._data.get  # (no lock: a read is one dictionary lookup, atomic under the GIL)

    @property
    def maxsize(self) -> int:
        return self._maxsize

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            self._data.pop(key, None)
            while len(self._data) >= self._maxsize:
                del self._data[next(iter(self._data))]
            self._data[key] = value

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)


@functools.lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled, kept for the next question. Answering builds patterns from the names and words asked, a
    few hundred over a few hundred questions; the `re` module keeps only 512, so with these in it, it kept evicting
    and recompiling its own (about half a millisecond each)."""
    return re.compile(pattern, flags)
