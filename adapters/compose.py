"""The composition root: settings -> store -> service (with its LLM and extractors) -> adapters.

Everything is built here and handed over by constructor; nothing is attached to a built object
afterwards. The command line (`adapters/cli.py`) and the runner (`adapters/runner.py`) call these
functions; tests call them with their fakes (an `httpx.AsyncClient` for the LLM, a fake clock).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import httpx

from bot.config import Settings
from bot.feedpoll import FeedPoller
from bot.ingest.pipeline import FactExtractor
from bot.scheduler import Deliverer, Scheduler
from bot.service import LanguageModel, Tradebrief, offline_facts
from bot.storage_port import open_store

__all__ = ["open_service", "chat_adapters", "deliverers", "background_jobs", "Job"]

log = logging.getLogger(__name__)

Job = Callable[[asyncio.Event], Awaitable[None]]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def open_service(
    settings: Settings,
    *,
    readonly: bool = False,
    llm_http: httpx.AsyncClient | None = None,
    clock: Callable[[], datetime] = _utcnow,
) -> Tradebrief:
    """A ready `Tradebrief` on the configured store (taking the writer lock unless read-only), with
    the LLM and its fact extractor when one is configured. `llm_http` is the LLM's HTTP client
    (tests pass one on a fake server); by default the `openai` package makes its own."""
    store = open_store(settings.store_location, readonly=readonly)
    llm: LanguageModel | None = None
    extractors: list[FactExtractor] = [offline_facts]
    if settings.llm_enabled:
        from bot.llm import LLMClient, OpenAIAnswerer

        if settings.database_url:  # the daily cap is a counter in the database, shared by every worker
            client = LLMClient(settings, http_client=llm_http, clock=clock, shared_count=store)
        else:
            usage = store.path.with_name(store.path.name + ".llm-calls.json")  # type: ignore[attr-defined]
            client = LLMClient(settings, http_client=llm_http, clock=clock, usage_path=usage)
        answerer = OpenAIAnswerer(client)
        llm = answerer
        extractors.append(answerer.fact_extractor)
        log.info("LLM answers on: model %s at %s", settings.llm_model, settings.openai_base_url or "the OpenAI API")
    return Tradebrief(settings, store, llm=llm, extractors=extractors, clock=clock)


def chat_adapters(settings: Settings, service: Tradebrief) -> list[Any]:
    """The chat adapters whose tokens are set."""
    adapters: list[Any] = []
    if settings.telegram_enabled:
        from adapters.telegram import TelegramAdapter

        adapters.append(TelegramAdapter(service, settings))
    if settings.slack_mode:
        from adapters.slack import SlackAdapter

        adapters.append(SlackAdapter(service, settings))
    return adapters


def deliverers(service: Tradebrief, adapters: Iterable[Any], *, console: Any = None) -> list[Deliverer]:
    """The adapters that deliver digests, plus the console printer when none is named console."""
    found: list[Deliverer] = [a for a in adapters if isinstance(a, Deliverer)]
    if not any(a.name == "console" for a in found):
        from adapters.console import ConsoleAdapter

        found.append(console or ConsoleAdapter(service))
    return found


def background_jobs(service: Tradebrief, adapters: Iterable[Any]) -> list[Job]:
    """The digest scheduler and the feed poller for `tradebrief run`; each stops when its event is set.
    On PostgreSQL one job: the same two, run only while this worker holds the scheduler lock."""
    poller = FeedPoller(service)
    fresh_enough = min(300.0, poller.interval)

    async def refresh_feeds() -> None:
        await poller.poll_all(max_age=fresh_enough)

    scheduler = Scheduler(service, deliverers(service, adapters), before_send=refresh_feeds)
    jobs: list[Job] = [scheduler.run, poller.run]
    if service.settings.database_url:
        # several workers may share the database: only the holder of the scheduler lock runs these
        from bot.pg.leader import Leader

        return [Leader(service.settings.database_url, jobs, poll=service.settings.lock_poll_seconds).run]
    return jobs
