"""Rendered sources waiting behind a "Show sources" button.

Telegram allows at most 64 bytes of callback data, far too little for the sources themselves, so
the button carries a short random key and the rendered sources wait here. The shelf is bounded in
size and age: a restart or an old answer means the key is gone and the user is asked to ask again.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SOURCES_PREFIX", "ShelvedSources", "SourcesShelf", "parse_sources_key"]

SOURCES_PREFIX = "src:"
_KEY = re.compile(r"src:([A-Za-z0-9_-]{8})")


def parse_sources_key(data: str | None) -> str | None:
    """The shelf key in a button's callback data, or None when the data is not ours."""
    match = _KEY.fullmatch(data or "")
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ShelvedSources:
    chat_id: int
    base: str  # the HTML of the message the button sits on, without the hint line
    sources: str  # the rendered numbered sources
    at: float

    @property
    def expanded(self) -> str:
        return f"{self.base}\n\n{self.sources}" if self.base else self.sources


class SourcesShelf:
    """At most `capacity` entries, each kept `ttl` seconds; the oldest leave first."""

    def __init__(
        self, capacity: int = 2000, ttl: float = 48 * 3600, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = capacity
        self.ttl = ttl
        self.clock = clock
        self._items: OrderedDict[str, ShelvedSources] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def put(self, chat_id: int, base: str, sources: str) -> str:
        """Keep the sources; return the callback data for the button (≤ 64 bytes)."""
        self._expire()
        key = secrets.token_urlsafe(6)
        while key in self._items:  # pragma: no cover - 48 random bits
            key = secrets.token_urlsafe(6)
        self._items[key] = ShelvedSources(chat_id, base, sources, self.clock())
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return SOURCES_PREFIX + key

    def get(self, key: str, chat_id: int) -> ShelvedSources | None:
        """The entry for `key` if it is still here and belongs to `chat_id`."""
        self._expire()
        entry = self._items.get(key)
        if entry is None or entry.chat_id != chat_id:
            return None
        return entry

    def discard(self, key: str) -> None:
        self._items.pop(key, None)

    def _expire(self) -> None:
        now = self.clock()
        while self._items:
            key, entry = next(iter(self._items.items()))
            if now - entry.at < self.ttl:
                break
            self._items.popitem(last=False)
