"""One process, one asyncio event loop: the core, every configured adapter, the scheduler and feeds.

This module is the only place that knows which adapters exist; the core never imports a chat SDK.
Adapters follow a small protocol (`start`, `stop`, optional `routes` for the shared HTTP server and
`deliver` for digests). SIGINT/SIGTERM stop intake, let in-flight work finish (within
`STOP_BUDGET` seconds for every part together, even while an adapter is still connecting), flush
the store and exit 0; a second signal stops at once.
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

__all__ = ["Adapter", "Runner", "run", "STOP_BUDGET"]

STOP_BUDGET = 4.0  # seconds from SIGTERM to exit, for every part together (the promise is 5)

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

    async def stop(self, budget: float = STOP_BUDGET) -> None:
        """Stop every part within `budget` seconds: background jobs get a moment to finish, then
        are cancelled; answers in flight get what is left; the store is flushed last."""
        self.stopping.set()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + budget

        def left(share: float) -> float:
            return max(0.1, min(share, deadline - loop.time()))

        pending = [t for t in self._tasks if not t.done()]
        if pending:
            _, late = await asyncio.wait(pending, timeout=left(budget * 0.3))
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=left(0.5))
        for task in self._tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                log.error("background job failed while stopping: %s", type(task.exception()).__name__)
        if self._http:
            await self._bounded(self._http.stop(), left(1.0), "the HTTP endpoint")
        for adapter in reversed(self.adapters):
            await self._bounded(adapter.stop(), left(budget * 0.4), f"the {adapter.name} adapter")
        await self._bounded(self.service.aclose(), left(1.0), "the service")
        self.service.store.close()

    @staticmethod
    async def _bounded(work: Awaitable[None], seconds: float, what: str) -> None:
        try:
            await asyncio.wait_for(work, timeout=seconds)
        except TimeoutError:
            log.warning("%s did not stop within %.1f s; left behind", what, seconds)
        except Exception as exc:  # stopping is best effort: the next part must still stop
            log.error("%s failed to stop cleanly: %s", what, type(exc).__name__)


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
    main = asyncio.current_task()
    signals = 0

    def on_signal() -> None:  # the first asks every part to stop; a second one stops at once
        nonlocal signals
        signals += 1
        runner.stopping.set()
        if signals > 1 and main is not None:
            main.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, on_signal)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-POSIX
            pass
    starting = asyncio.create_task(runner.start())
    stop_asked = asyncio.create_task(runner.stopping.wait())
    try:
        await asyncio.wait({starting, stop_asked}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():  # a signal while an adapter was still connecting
            starting.cancel()
            await asyncio.wait({starting})
        elif starting.exception() is not None:
            stop_asked.cancel()
            await runner.stop()
            raise starting.exception()  # type: ignore[misc]
        console_task: asyncio.Task[None] | None = None
        if not runner.stopping.is_set() and console and not adapters and sys.stdin.isatty():
            from adapters.console import ConsoleAdapter

            console_task = asyncio.create_task(ConsoleAdapter(service, on_quit=runner.stopping.set).run())
        elif not adapters:
            log.info("no chat tokens set and no terminal: running digests and feeds only (Ctrl-C to stop)")
        await stop_asked
        if console_task and not console_task.done():
            console_task.cancel()
        await runner.stop()
    except asyncio.CancelledError:  # the second signal
        log.warning("stopped at once on a second signal")
        service.store.close()
        return 130
    log.info("stopped cleanly")
    return 0
