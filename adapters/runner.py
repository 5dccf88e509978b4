"""One process, one asyncio event loop: the core, every configured adapter, the scheduler and feeds.

This module is the only place that knows which adapters exist; the core never imports a chat SDK.
Adapters follow a small protocol (`start`, `stop`, optional `routes` for the shared HTTP server and
`deliver` for digests). SIGINT/SIGTERM stop intake, let in-flight work finish, flush the store and
exit 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from adapters.compose import background_jobs, chat_adapters, open_service
from adapters.endpoint import Endpoint
from bot.app import load_samples, settle_heap
from bot.config import Settings
from bot.service import Tradebrief

__all__ = ["Adapter", "Runner", "run"]

log = logging.getLogger(__name__)


@runtime_checkable
class Adapter(Protocol):
    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@runtime_checkable
class Routed(Protocol):
    """An adapter that serves HTTP requests on the shared server (Slack or Telegram webhooks)."""

    def routes(self) -> list[web.RouteDef]: ...


class Runner:
    """Starts and stops the parts of one process in order."""

    def __init__(self, settings: Settings, service: Tradebrief, adapters: list[Any]) -> None:
        self.settings = settings
        self.service = service
        self.adapters = adapters
        self.stopping = asyncio.Event()
        self.background: list[Callable[[asyncio.Event], Awaitable[None]]] = []
        self._http: Endpoint | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def _start_http(self) -> None:
        routes = [route for a in self.adapters if isinstance(a, Routed) for route in a.routes()]
        if not routes:
            return
        self._http = Endpoint(routes, host=self.settings.http_host, port=self.settings.http_port,
                              timeout=self.settings.http_timeout,
                              max_connections=self.settings.http_max_connections)
        await self._http.start()

    async def start(self) -> None:
        for adapter in self.adapters:
            await adapter.start()
            log.info("%s adapter started", adapter.name)
        await self._start_http()
        for job in self.background:
            self._tasks.append(asyncio.create_task(job(self.stopping)))

    async def stop(self) -> None:
        self.stopping.set()
        for task in self._tasks:
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
            except Exception:  # a background job's failure must not block shutdown
                log.exception("background job failed while stopping")
        if self._http:
            await self._http.stop()
        for adapter in reversed(self.adapters):
            try:
                await adapter.stop()
            except Exception:
                log.exception("%s adapter failed to stop cleanly", adapter.name)
        await self.service.aclose()
        self.service.store.close()


async def run(settings: Settings, *, console: bool = True) -> int:
    """Run until a signal (or the console's /quit); return the exit status."""
    service = open_service(settings)
    await load_samples(service)
    await asyncio.to_thread(service.retriever.warm)
    adapters = chat_adapters(settings, service)
    settle_heap()  # after the adapters' libraries are imported: full collections stop holding the loop
    runner = Runner(settings, service, adapters)
    runner.background.extend(background_jobs(service, adapters))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, runner.stopping.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-POSIX
            pass
    await runner.start()
    console_task: asyncio.Task[None] | None = None
    if console and not adapters and sys.stdin.isatty():
        from adapters.console import ConsoleAdapter

        console_task = asyncio.create_task(ConsoleAdapter(service, on_quit=runner.stopping.set).run())
    elif not adapters:
        log.info("no chat tokens set and no terminal: running digests and feeds only (Ctrl-C to stop)")
    await runner.stopping.wait()
    if console_task and not console_task.done():
        console_task.cancel()
    await runner.stop()
    log.info("stopped cleanly")
    return 0
