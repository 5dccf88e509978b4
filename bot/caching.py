"""Bounded in-memory caches (cachetools): when full, the oldest entry goes, not the whole cache.

The store and the retriever keep per-article and per-sentence caches that the event loop and the
index-building worker thread both use. cachetools caches are not thread-safe on their own, so
writes take a lock; reads do not, which is why the policy is first-in first-out: a FIFO read is a
plain dictionary lookup (an LRU read reorders entries, so it would need the lock too, and it costs
about seven times as much on the answer path, which reads a cache some 600 times a question).
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

from cachetools import FIFOCache

__all__ = ["BoundedCache"]

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most `maxsize` entries; adding one more evicts the oldest entry."""

    __slots__ = ("_cache", "_lock")

    def __init__(self, maxsize: int) -> None:
        self._cache: FIFOCache[K, V] = FIFOCache(maxsize=maxsize)
        self._lock = threading.Lock()

    @property
    def maxsize(self) -> int:
        return int(self._cache.maxsize)

    def get(self, key: K) -> V | None:
        try:  # no lock: a read is one dictionary lookup, atomic under the GIL
            return self._cache[key]
        except KeyError:  # absent, or evicted by another thread a moment ago
            return None

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            self._cache[key] = value

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._cache.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._cache

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)
