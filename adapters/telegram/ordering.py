"""Concurrent update handling that keeps each chat's updates in order.

python-telegram-bot handles updates one at a time unless `concurrent_updates` is set, and then in
any order. One at a time, a slow answer (an LLM taking seconds) holds up every other chat. In any
order, two questions typed quickly in one private chat can be answered the wrong way round (private
answers do not quote the question), and `/subscribe` then `/unsubscribe` could pass each other.

`ChatOrderedProcessor` runs up to `limit` updates at once, but a chat's updates strictly one after
another, in the order Telegram sent them. A chat waiting for its previous update takes no slot, so
one busy chat cannot fill the slots and stall the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["ChatOrderedProcessor"]

# PTB's own semaphore (in `process_update`) only caps the tasks waiting here; ours does the bounding.
_WAITING_CAP = 10_000


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most `limit` updates in progress; within one chat, one at a time and in arrival order."""

    def __init__(self, limit: int = 32) -> None:
        super().__init__(max_concurrent_updates=_WAITING_CAP)
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # chat id -> (lock, updates holding or waiting)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:  # nothing to keep in order with
            async with self._slots:
                await coroutine
            return
        lock, users = self._chats.get(chat.id) or (asyncio.Lock(), 0)
        self._chats[chat.id] = (lock, users + 1)
        try:
            # PTB starts update tasks in arrival order and asyncio locks are first come, first
            # served, so a chat's updates take the lock in the order Telegram sent them.
            async with lock, self._slots:
                await coroutine
        finally:
            lock, users = self._chats[chat.id]
            if users <= 1:
                del self._chats[chat.id]
            else:
                self._chats[chat.id] = (lock, users - 1)

    @property
    def busy_chats(self) -> int:
        """Chats with an update in progress or waiting (for tests and diagnostics)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for the update tasks themselves."""
