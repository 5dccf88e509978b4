"""The one HTTP server of a process: Slack events, the Telegram webhook and `/healthz`.

It is on the internet, so it must not be held open by people who connect and say nothing:

- a connection must deliver its request headers within `timeout` seconds, and an idle keep-alive
  connection is closed after the same time (aiohttp's keep-alive timer runs from the moment a
  connection is made, so it is also the header-read timeout);
- a request body must arrive within `timeout` seconds (408 otherwise, connection closed);
- at most `max_connections` are open: a new connection closes the oldest one that is not running
  a handler, so a thousand idle or trickling connections cannot keep a signed `/trade` out;
- nothing about a refused or dropped connection is logged per connection: one summary line a
  minute at most.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

__all__ = ["Endpoint"]

log = logging.getLogger(__name__)

_FD_RESERVE = 64  # descriptors left for the store, the index, outgoing HTTPS and the logs


def _fd_budget(wanted: int) -> int:
    """`wanted`, lowered so that open connections never exhaust the process's descriptors (the
    accept loop would then log an error a second)."""
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):  # pragma: no cover - non-POSIX
        return wanted
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, (soft - _FD_RESERVE) // 2))


class _Connections:
    """The protocol factory: makes aiohttp's handler for each new connection, first closing the
    oldest connection that is not running a handler when the cap is reached."""

    def __init__(self, server: web.Server, cap: int) -> None:
        self.server = server
        self.cap = cap
        self.busy: set[RequestHandler] = set()
        self.evicted = 0
        self._reported = 0
        self._last_report = -60.0
        # The accept loop makes several handlers before any is registered as a connection (that
        # happens a loop turn later), so those are counted here. A closed connection can stay
        # registered until its task ends; its transport is gone, and it is not counted.
        self._pending: dict[RequestHandler, float] = {}
        self._later: asyncio.TimerHandle | None = None

    def __call__(self) -> RequestHandler:
        now = time.monotonic()
        registered = self.server.connections
        present = set(registered)
        self._pending = {h: t for h, t in self._pending.items() if h not in present and now - t < 1.0}
        live = [h for h in registered if h.transport is not None]
        excess = len(live) + len(self._pending) + 1 - self.cap
        if excess > 0:
            self._close_oldest(live, excess)
            if self._later is None:  # a burst of accepts: check again once they are registered
                self._later = asyncio.get_running_loop().call_later(0.05, self._enforce)
        handler = self.server()
        self._pending[handler] = now
        return handler

    def _enforce(self) -> None:
        self._later = None
        live = [h for h in self.server.connections if h.transport is not None]
        if len(live) > self.cap:
            self._close_oldest(live, len(live) - self.cap)

    def _close_oldest(self, live: list[RequestHandler], count: int) -> None:
        for victim in [h for h in live if h not in self.busy][:count]:
            victim.force_close()
            self.evicted += 1
        self._report()

    def _report(self) -> None:
        now = time.monotonic()
        if now - self._last_report >= 60:
            log.warning("http: %d connections open, the cap: closing the oldest idle ones to make room "
                        "(%d closed since the last report)", self.cap, self.evicted - self._reported)
            self._reported, self._last_report = self.evicted, now


class _CappedSite(web.BaseSite):
    """A TCP site whose connections go through `_Connections`."""

    __slots__ = ("_host", "_port", "_factory", "bound_port")

    def __init__(self, runner: web.AppRunner, host: str, port: int, factory: _Connections) -> None:
        super().__init__(runner, backlog=128)  # asyncio accepts up to `backlog` at a time
        self._host, self._port, self._factory = host, port, factory
        self.bound_port = port

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self.bound_port}"

    async def start(self) -> None:
        await super().start()
        self._server = await asyncio.get_running_loop().create_server(
            self._factory, self._host, self._port, backlog=self._backlog, reuse_address=True
        )
        if self._server.sockets:
            self.bound_port = self._server.sockets[0].getsockname()[1]


class Endpoint:
    """`start()` serves `routes` plus `/healthz` on host:port; `stop()` closes everything."""

    def __init__(
        self,
        routes: Iterable[web.RouteDef],
        *,
        host: str,
        port: int,
        timeout: float = 10.0,
        max_connections: int = 256,
        max_body: int = 1_000_000,
    ) -> None:
        self.host, self.port = host, port
        self.timeout = timeout
        self.max_connections = _fd_budget(max_connections)
        self.app = web.Application(client_max_size=max_body, middlewares=[self._bounded])
        self.app.add_routes([web.get("/healthz", self._healthz), *routes])
        self._runner = web.AppRunner(self.app, access_log=None, keepalive_timeout=timeout, shutdown_timeout=1.0,
                                     lingering_time=1.0)
        self._connections: _Connections | None = None
        self._site: _CappedSite | None = None
        self._previous_handler: Any = None
        self._last_fd_warning = -60.0

    @property
    def bound_port(self) -> int:
        return self._site.bound_port if self._site else self.port

    @property
    def open_connections(self) -> int:
        return len(self._runner.server.connections) if self._runner.server else 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._previous_handler = loop.get_exception_handler()
        loop.set_exception_handler(self._loop_error)
        await self._runner.setup()
        assert self._runner.server is not None
        self._connections = _Connections(self._runner.server, self.max_connections)
        self._site = _CappedSite(self._runner, self.host, self.port, self._connections)
        await self._site.start()
        log.info("HTTP endpoints on %s:%d (at most %d connections, %g s to send a request)",
                 self.host, self.bound_port, self.max_connections, self.timeout)

    async def stop(self) -> None:
        await self._runner.cleanup()
        asyncio.get_running_loop().set_exception_handler(self._previous_handler)

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Out of descriptors, asyncio pauses accepting for a second and logs the error with a
        traceback each time: here that is one short line a minute."""
        if str(context.get("message", "")).startswith("socket.accept() out of system resource"):
            now = time.monotonic()
            if now - self._last_fd_warning >= 60:
                self._last_fd_warning = now
                log.warning("http: out of file descriptors; new connections wait (raise the open-files "
                            "limit or lower TRADEBRIEF_HTTP_MAX_CONNECTIONS)")
            return
        if self._previous_handler is not None:
            self._previous_handler(loop, context)
        else:
            loop.default_exception_handler(context)

    @staticmethod
    async def _healthz(_request: web.Request) -> web.Response:
        """Liveness only: an anonymous caller learns nothing about the store."""
        return web.json_response({"ok": True})

    @web.middleware
    async def _bounded(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.body_exists:
            try:
                async with asyncio.timeout(self.timeout):
                    await request.read()  # cached: handlers read it again for free
            except TimeoutError:
                response = web.Response(status=408, text="request body not received in time")
                response.force_close()
                return response
            except (ConnectionError, RuntimeError):  # closed (for the cap, or by the client):
                # aiohttp raises RuntimeError("Connection closed.") when the payload was cut off
                response = web.Response(status=400, text="connection lost")
                response.force_close()
                return response
        protocol = request.protocol
        assert self._connections is not None
        self._connections.busy.add(protocol)
        try:
            return await handler(request)
        finally:
            self._connections.busy.discard(protocol)
