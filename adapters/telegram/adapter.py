"""The Telegram adapter: python-telegram-bot run inside the process's one event loop.

Long polling by default; with `TELEGRAM_WEBHOOK_URL` set, updates arrive on the shared HTTP server
(`routes()`), each checked against the webhook secret. `deliver` sends digests for the scheduler.
The application is driven by hand (initialize, start, polling) rather than `run_polling()`, which
would take over the event loop the rest of the process shares.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, TelegramError
from telegram.constants import FloodLimit
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.config import Settings
from bot.errors import ConfigError, DeliveryFailed, TradebriefError
from bot.models import Digest
from bot.service import Tradebrief

from .handlers import Handlers
from .ordering import ChatOrderedProcessor
from .polling import TolerantUpdatesRequest
from .render import render_digest
from .sending import RetryPolicy, Sender
from .shelf import SourcesShelf
from .split import split_html

__all__ = ["TelegramAdapter", "ALLOWED_UPDATES", "SECRET_HEADER", "flood_limiter"]

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
_PERMANENT = ("chat not found", "user is deactivated", "bot was kicked", "bot was blocked", "have no rights")


def flood_limiter() -> AIORateLimiter:
    """python-telegram-bot's limiter at Telegram's published limits (it does not retry itself)."""
    return AIORateLimiter(
        overall_max_rate=FloodLimit.MESSAGES_PER_SECOND, overall_time_period=1,
        group_max_rate=FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP, group_time_period=60, max_retries=0,
    )


def _file_url(base_url: str) -> str:
    """python-telegram-bot's file URL for a Bot API base URL (".../bot" -> ".../file/bot")."""
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return base_url.rstrip("/") + "/file/bot"


class TelegramAdapter:
    """Holds the core by composition and translates between it and Telegram."""

    name = "telegram"

    def __init__(
        self,
        service: Tradebrief,
        settings: Settings,
        *,
        poll_timeout: float = 10.0,
        request_timeout: float = 20.0,
        retry: RetryPolicy | None = None,
        shelf: SourcesShelf | None = None,
        rate_limiter: AIORateLimiter | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not settings.telegram_token:
            raise ConfigError("TELEGRAM_BOT_TOKEN: not set")
        self.service = service
        self.settings = settings
        self.poll_timeout = poll_timeout
        self.webhook_mode = bool(settings.telegram_webhook_url)
        self.webhook_path = urlsplit(settings.telegram_webhook_url).path.rstrip("/") or DEFAULT_WEBHOOK_PATH
        self._secret = settings.telegram_webhook_secret
        builder = (
            ApplicationBuilder()
            .token(settings.telegram_token)
            .base_url(settings.telegram_base_url)
            .base_file_url(_file_url(settings.telegram_base_url))
            .connect_timeout(request_timeout)
            .read_timeout(request_timeout)
            .write_timeout(request_timeout)
            .pool_timeout(request_timeout)
            # getUpdates through a client that skips malformed updates instead of stalling on them;
            # PTB adds the long-poll timeout to its read timeout.
            .get_updates_request(TolerantUpdatesRequest(
                connection_pool_size=1, connect_timeout=request_timeout, read_timeout=request_timeout,
                write_timeout=request_timeout, pool_timeout=request_timeout,
            ))
            # One slow answer must not hold up other chats, and one chat's updates stay in order.
            .concurrent_updates(ChatOrderedProcessor(32))
            # Telegram's flood limits (30 messages a second, 20 a minute per group) hold for every
            # send, digest fan-out included; flood-control answers are retried by `Sender`.
            .rate_limiter(rate_limiter or flood_limiter())
        )
        if self.webhook_mode:
            builder = builder.updater(None)
        self.application: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self.sender = Sender(self.application.bot, retry, sleep=sleep)  # sleep: flood waits, backoff
        self.shelf = shelf if shelf is not None else SourcesShelf()
        self.handlers = Handlers(service, self.sender, self.shelf)
        self.handlers.register(self.application)
        self._running = False
        self._initialized = False

    # ---- lifecycle --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Connect (getMe), register the commands, then poll or set the webhook."""
        bot = self.application.bot
        try:
            await self.application.initialize()
        except InvalidToken:
            await bot.shutdown()  # close the HTTP clients PTB opened before asking getMe
            raise ConfigError("TELEGRAM_BOT_TOKEN: Telegram refused this token") from None
        except TelegramError as exc:
            await bot.shutdown()
            where = self.settings.telegram_base_url
            raise TradebriefError(f"cannot reach the Telegram Bot API at {where}: {self._scrub(str(exc))}") from None
        self._initialized = True
        try:
            await self.sender.call(lambda: bot.set_my_commands(Handlers.bot_commands()), "setMyCommands")
        except TelegramError as exc:  # the bot works without the menu; say so and go on
            log.warning("could not register the Telegram command list: %s", self._scrub(str(exc)))
        await self.application.start()
        if self.webhook_mode:
            if not self._secret:
                self._secret = secrets.token_urlsafe(32)
                log.info("TELEGRAM_WEBHOOK_SECRET is not set: generated a random webhook secret for this run")
            await self.sender.call(
                lambda: bot.set_webhook(
                    self.settings.telegram_webhook_url,
                    secret_token=self._secret,
                    allowed_updates=ALLOWED_UPDATES,
                ),
                "setWebhook",
            )
            log.info("Telegram webhook set; updates are taken on %s", " and ".join(self._webhook_paths()))
        else:
            assert self.application.updater is not None
            await self.application.updater.start_polling(
                timeout=max(1, int(self.poll_timeout)), allowed_updates=ALLOWED_UPDATES, bootstrap_retries=3
            )
        self._running = True
        mode = "webhook" if self.webhook_mode else "polling"
        log.info("Telegram bot @%s is running (%s)", bot.username, mode)

    async def stop(self) -> None:
        """Stop taking updates, let handlers in flight finish, close the HTTP clients."""
        if not self._initialized:
            return
        self._running = False
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        self._initialized = False

    @property
    def running(self) -> bool:
        return self._running

    # ---- webhook ----------------------------------------------------------------------------------
    def routes(self) -> list[web.RouteDef]:
        """The webhook endpoints for the shared HTTP server (none in polling mode)."""
        if not self.webhook_mode:
            return []
        return [web.post(path, self._on_webhook) for path in self._webhook_paths()]

    def _webhook_paths(self) -> list[str]:
        """The documented local path, and the public URL's own path when no proxy rewrites it."""
        return list(dict.fromkeys([DEFAULT_WEBHOOK_PATH, self.webhook_path]))

    async def _on_webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            log.warning("telegram webhook call without the secret header from %s", request.remote)
            return web.Response(status=401, text="missing secret token")
        if not self._secret or not hmac.compare_digest(given.encode(), self._secret.encode()):
            log.warning("telegram webhook call with a wrong secret from %s", request.remote)
            return web.Response(status=403, text="wrong secret token")
        if not self._running:
            return web.Response(status=503, text="not running")
        try:
            data = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError):
            log.warning("telegram webhook: body is not JSON; ignored")
            return web.Response(status=400, text="body is not JSON")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            log.warning("telegram webhook: not an update (no update_id); ignored")
            return web.Response(status=400, text="not an update")
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # a malformed update must not make Telegram resend it for ever
            log.warning("telegram webhook: malformed update %s ignored: %s", data.get("update_id"), exc)
            return web.Response(status=200)
        await self.application.update_queue.put(update)
        return web.Response(status=200)

    # ---- digests ----------------------------------------------------------------------------------
    async def deliver(self, place: str, digest: Digest) -> None:
        """Send a digest to a chat; `DeliveryFailed(permanent=True)` when the chat is gone for good."""
        if not self._running:
            raise DeliveryFailed("the Telegram adapter is not running", permanent=False)
        await self.resume(place, tuple(split_html(render_digest(digest))))

    async def resume(self, place: str, parts: tuple[str, ...]) -> None:
        """Send `parts` in order. When one fails, `DeliveryFailed.pending` holds it and the ones
        after it, so a retry sends only those: a part that arrived is never sent twice."""
        if not self._running:
            raise DeliveryFailed("the Telegram adapter is not running", permanent=False, pending=parts)
        chat_id: int | str = int(place) if re.fullmatch(r"-?\d+", place) else place
        for i, part in enumerate(parts):
            try:
                await self._send_part(chat_id, place, part)
            except DeliveryFailed as exc:
                exc.pending = parts[i:]
                raise

    async def _send_part(self, chat_id: int | str, place: str, part: str) -> None:
        try:
            await self.sender.send_parts(chat_id, [part])
        except Forbidden as exc:
            raise DeliveryFailed(f"Telegram chat {place}: {exc.message}", permanent=True) from None
        except ChatMigrated as exc:
            raise DeliveryFailed(
                f"Telegram chat {place} became supergroup {exc.new_chat_id}; subscribe again there",
                permanent=True,
            ) from None
        except BadRequest as exc:
            permanent = any(reason in exc.message.lower() for reason in _PERMANENT)
            raise DeliveryFailed(f"Telegram chat {place}: {exc.message}", permanent=permanent) from None
        except TelegramError as exc:
            raise DeliveryFailed(f"Telegram chat {place}: {self._scrub(str(exc))}", permanent=False) from None

    def _scrub(self, text: str) -> str:
        return text.replace(self.settings.telegram_token, "***") if self.settings.telegram_token else text
