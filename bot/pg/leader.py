"""One worker at a time runs the digest scheduler and the feed poller: a PostgreSQL advisory lock.

Every `tradebrief run` worker sharing a database runs `Leader.run`. It keeps one connection of its
own and tries `pg_try_advisory_lock` every `poll` seconds; the worker that gets it starts the jobs
and checks its connection every `poll` seconds. The lock belongs to that connection's session, so
when the worker dies (or its connection does) the server releases it and another worker takes it
at its next try: the schedule moves within `poll` seconds plus the server's notice of the dead
connection (at once for a killed process; TCP keepalives bound it for a lost host). Should two
workers overlap for a moment, the sent-digest log's unique key still sends each digest once.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Sequence

import psycopg

from ..feedpoll import pause
from . import SCHEDULER_LOCK

__all__ = ["Leader"]

log = logging.getLogger(__name__)

Job = Callable[[asyncio.Event], Awaitable[None]]


class Leader:
    """Runs `jobs` only while this process holds the advisory lock `key` on `url`'s database."""

    def __init__(self, url: str, jobs: Sequence[Job], *, poll: float = 15.0, key: int = SCHEDULER_LOCK,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.url = url
        self.jobs = list(jobs)
        self.poll = poll
        self.key = key
        self.sleep = sleep
        self.leading = asyncio.Event()

    async def _connect(self) -> psycopg.AsyncConnection[object]:
        return await psycopg.AsyncConnection.connect(
            self.url, autocommit=True, connect_timeout=10, application_name=f"tradebrief-leader-{os.getpid()}",
            keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3,
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: wait for the lock, run the jobs while holding it, start over if lost."""
        while not stop.is_set():
            try:
                await self._round(stop)
            except (psycopg.Error, OSError) as exc:
                log.warning("scheduler lock: %s; trying again in %.0f s", str(exc).strip().splitlines()[0]
                            if str(exc).strip() else type(exc).__name__, self.poll)
            await pause(self.sleep, stop, self.poll)

    async def _round(self, stop: asyncio.Event) -> None:
        async with await self._connect() as conn:
            while not stop.is_set():
                row = await (await conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,))).fetchone()
                if row and row[0]:
                    break
                await pause(self.sleep, stop, self.poll)
            if stop.is_set():
                return
            log.info("this worker holds the scheduler lock: it sends the digests and polls the feeds")
            inner = asyncio.Event()
            tasks = [asyncio.create_task(job(inner)) for job in self.jobs]
            self.leading.set()
            try:
                while not stop.is_set():
                    await pause(self.sleep, stop, self.poll)
                    await conn.execute("SELECT 1")  # raises when the connection (and so the lock) is gone
                    for task in tasks:
                        if task.done() and not task.cancelled() and task.exception() is not None:
                            log.error("a scheduled job stopped", exc_info=task.exception())
            finally:
                self.leading.clear()
                inner.set()
                done, pending = await asyncio.wait(tasks, timeout=10) if tasks else (set(), set())
                for task in pending:
                    task.cancel()
                if not stop.is_set():
                    log.warning("lost the scheduler lock; digests and feeds stop here until it is taken again")
