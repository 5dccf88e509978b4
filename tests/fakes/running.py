"""Running bots for end-to-end tests: the real adapters over a store with the seed article.

`telegram_bot(...)` starts the Telegram adapter (long polling) against a `FakeTelegram`;
`slack_bot(...)` starts the Slack adapter in HTTP mode behind the runner's shared HTTP server,
pointed at a `FakeSlack`, and posts signed requests to it. Settings overrides go by field name.
`db` is the store's location: a TinyDB path, or a postgresql:// URL (`stores.location(path)`).
"""

from __future__ import annotations

import contextlib
import io
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from adapters.runner import Runner
from adapters.slack import SlackAdapter
from adapters.telegram import TelegramAdapter
from adapters.telegram.sending import RetryPolicy
from bot.service import Tradebrief
from bot.storage_port import open_store
from tests.stores import settings_at

from .slack_api import SIGNING_SECRET, FakeSlack, sign
from .telegram_api import FakeTelegram, make_message_update

__all__ = ["RunningSlack", "RunningTelegram", "slack_bot", "telegram_bot"]


async def _service(db: str | Path, articles: list[Path], answerer: Any, **overrides: Any) -> Tradebrief:
    settings = settings_at(db, load_samples=False, **overrides)
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store, answerer=answerer(store) if answerer else None)
    if articles:
        report = await service.ingestor().ingest([str(a) for a in articles])
        assert not report.failed, report
        service.retriever.refresh()
    return service


@dataclass
class RunningTelegram:
    adapter: TelegramAdapter
    service: Tradebrief
    tg: FakeTelegram

    async def say(self, text: str | None, **kwargs: Any) -> int:
        """A user's message (see `make_message_update` for chat, user and type); its update id."""
        return await self.tg.push_update(make_message_update(text, **kwargs))


@contextlib.asynccontextmanager
async def telegram_bot(
    tg: FakeTelegram, db: str | Path, articles: list[Path], *, answerer: Any = None, **overrides: Any
) -> AsyncIterator[RunningTelegram]:
    """The Telegram adapter polling `tg`; `answerer(store)` replaces the core's answerer if given."""
    options = {"telegram_token": tg.token, "telegram_base_url": tg.base_url, "rate_limit_per_minute": 100}
    service = await _service(db, articles, answerer, **{**options, **overrides})
    adapter = TelegramAdapter(service, service.settings, poll_timeout=1, request_timeout=5,
                              retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05))
    try:
        await adapter.start()
        yield RunningTelegram(adapter, service, tg)
    finally:
        await adapter.stop()
        await service.aclose()
        service.store.close()


@dataclass
class RunningSlack:
    base: str
    adapter: SlackAdapter
    service: Tradebrief
    fake: FakeSlack
    http: aiohttp.ClientSession

    async def post(
        self, body: str, content_type: str, *, secret: str = SIGNING_SECRET, path: str = "/slack/events"
    ) -> tuple[int, str]:
        """POST `body` signed with `secret`; the status and the response text."""
        headers = {"Content-Type": content_type, **sign(body, secret=secret)}
        data = io.BytesIO(body.encode())  # aiohttp warns about large raw bytes bodies
        async with self.http.post(self.base + path, data=data, headers=headers) as response:
            return response.status, await response.text()


@contextlib.asynccontextmanager
async def slack_bot(
    fake: FakeSlack, db: str | Path, articles: list[Path], *, answerer: Any = None, **overrides: Any
) -> AsyncIterator[RunningSlack]:
    """The Slack adapter (HTTP mode) behind the runner's server, talking to `fake`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = {
        "slack_bot_token": fake.bot_token, "slack_signing_secret": SIGNING_SECRET, "slack_base_url": fake.api_url,
        "http_host": "127.0.0.1", "http_port": port,
    }
    service = await _service(db, articles, answerer, **{**options, **overrides})
    adapter = SlackAdapter(service, service.settings)
    runner = Runner(service.settings, service, [adapter])
    await runner.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield RunningSlack(f"http://127.0.0.1:{port}", adapter, service, fake, http)
    finally:
        await runner.stop()
