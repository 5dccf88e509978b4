"""What a conversation remembers between questions, so a follow-up can be read against it.

Each conversation (a key such as "telegram::<chat>::<user>", built by `Asker.conversation`) keeps
the last question as it was read, its focus and the story that answered it, for 15 minutes. The
clock is injectable so tests need not wait. The memory is bounded (least recently used keys go).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cachetools import TTLCache

__all__ = ["Turn", "Memory", "MEMORY_SECONDS"]

MEMORY_SECONDS = 15 * 60
MAX_CONVERSATIONS = 10_000


@dataclass(frozen=True, slots=True)
class Turn:
    """One answered question, as remembered for the next one."""

    question: str  # as read (typos corrected, follow-up resolved)
    kind: str = "general"  # the question's kind (figure, person, sector, ...)
    entities: tuple[str, ...] = ()  # focus entities (names) of the question
    attribute: str = ""  # the wanted attribute ("chief executive", "profit", ...)
    article_id: str | None = None  # the story that answered it
    sentence_id: str | None = None  # the sentence that answered it
    parties: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


class Memory:
    """The last turn of each conversation, forgotten after `ttl` seconds."""

    def __init__(self, ttl: float = MEMORY_SECONDS, clock: Callable[[], float] = time.monotonic,
                 maxsize: int = MAX_CONVERSATIONS) -> None:
        self._cache: TTLCache[str, Turn] = TTLCache(maxsize=maxsize, ttl=ttl, timer=clock)
        self._lock = threading.Lock()

    def get(self, key: str | None) -> Turn | None:
        if key is None:
            return None
        with self._lock:
            return self._cache.get(key)

    def put(self, key: str | None, turn: Turn) -> None:
        if key is None:
            return
        with self._lock:
            self._cache[key] = turn

    def forget(self, key: str) -> None:
        with self._lock:
            self._cache.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            self._cache.expire()
            return len(self._cache)
