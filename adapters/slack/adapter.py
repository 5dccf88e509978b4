"""The Slack adapter: the slash command, mentions and direct messages, through async Bolt.

Like the console adapter it is two translators and a thin runner: a Slack request becomes an
`Asker` and an intent of the core's command table (`bot.commands`, which also holds the one error
policy); the core's reply becomes Block Kit (`adapters.slack.render`). What is Slack's own is here:
the three-second ack, answers through the `response_url`, share/private, threads and ephemeral
refusals.

Slack wants a slash command acknowledged within three seconds, so the ack goes out first and the
answer follows through the command's `response_url`. Events (mentions, DMs) are acknowledged by Bolt
before the listener runs, and answered with `chat.postMessage`.
"""

from __future__ import annotations

import asyncio
import json
import random
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.signature import SignatureVerifier
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.commands import APOLOGY, Commands, Intent, Reply
from bot.config import Settings
from bot.errors import ConfigError, DeliveryFailed
from bot.brief import Brief
from bot.models import Asker, Digest
from bot.service import Tradebrief

from . import render
from .brief import brief_messages, upload_chart

__all__ = ["SlackAdapter", "build_client", "retry_handlers", "slack_asker", "PERMANENT_ERRORS", "APOLOGY"]

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
ACK_TEXT = "Looking that up…"
# Intents that may take longer than Slack's three seconds: acked first, answered via the response URL.
SLOW_ACKS = {"ask": ACK_TEXT, "digest": "Putting the digest together…", "add": "Adding that address…",
             "brief": "Putting the brief together…"}
MAX_RESPONSES = 5  # Slack accepts five posts to one response URL
# Errors after which a destination will never accept a digest again (the subscription is dropped).
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "not_authed",
    }
)
_LEADING_MENTION = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^<>]*)?>")
_SEEN_EVENTS = 2000  # event ids remembered, so Slack's redeliveries are answered once
_STOP_GRACE = 3.0  # seconds stop() waits for answers in flight (the runner stops everything in 4)
SOCKET_ATTEMPTS = 3  # tries to reach Slack for Socket Mode at start-up
SOCKET_CONNECT_TIMEOUT = 20.0  # seconds for the WebSocket itself once Slack answered


Sleep = Callable[[float], Awaitable[None]]


class RateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """Slack's 429: wait the Retry-After seconds (plus up to a second of jitter, as slack_sdk does)
    through an injectable `sleep`, then try again."""

    def __init__(self, *, max_retry_count: int = 3, sleep: Sleep = asyncio.sleep) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.sleep = sleep

    async def prepare_for_next_attempt_async(
        self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate-limit retry without a response")
        state.next_attempt_requested = True
        values = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), None)
        try:
            seconds = float((values[0] if isinstance(values, list) else values) or 1)
        except ValueError:
            seconds = 1.0
        await self.sleep(seconds + random.random())
        state.increment_current_attempt()


def retry_handlers(sleep: Sleep = asyncio.sleep) -> list[AsyncRetryHandler]:
    """Retries for Slack's 429 (honouring Retry-After), 5xx answers and dropped connections."""
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitRetry(max_retry_count=3, sleep=sleep),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]


def build_client(settings: Settings, sleep: Sleep = asyncio.sleep) -> AsyncWebClient:
    """The Web API client, pointed at `SLACK_API_BASE_URL` (a local fake in tests)."""
    base_url = (
        settings.slack_base_url if settings.slack_base_url.endswith("/") else settings.slack_base_url + "/"
    )
    return AsyncWebClient(
        token=settings.slack_bot_token, base_url=base_url, retry_handlers=retry_handlers(sleep)
    )


class _NoTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment even when it is given a client, then warns
    that the token is unused. We give it the client on purpose (our base URL and retries), so that
    one warning says nothing; every other Bolt log line passes."""

    notice = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.notice


_bolt_log = logging.getLogger("slack_bolt.tradebrief")
_bolt_log.addFilter(_NoTokenNotice())


def slack_asker(user: object, channel: object, team: object, *, private: bool, thread: object = "",
                one_shot: bool = False) -> Asker:
    """The one way a Slack request becomes an `Asker`."""
    return Asker(platform="slack", user_id=str(user or ""), place=str(channel or ""), is_private=private,
                 team=str(team or ""), thread=str(thread or ""), one_shot=one_shot)


def _api_error(exc: SlackApiError) -> str:
    """Slack's error code (`channel_not_found`...) or the HTTP status when there is none."""
    response = exc.response
    error = response.get("error") if response is not None and isinstance(response.data, dict) else None
    return str(error or f"http_{getattr(response, 'status_code', '?')}")


class SlackAdapter:
    """Serves Slack in Socket Mode (app token) or HTTP mode (signing secret, `routes()`)."""

    name = "slack"

    def __init__(
        self, service: Tradebrief, settings: Settings, *, client: AsyncWebClient | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """`sleep` waits out Slack's Retry-After (a test passes one that records the waits)."""
        if settings.slack_mode is None:
            raise ConfigError(
                "SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is needed for Slack"
            )
        self.service = service
        self.settings = settings
        self.mode: str = settings.slack_mode
        self.command = settings.slack_command
        self.commands = Commands(service, prefix=f"{self.command} ")
        self._sleep = sleep
        self.client = client or build_client(settings, sleep)
        self.bot_user_id: str | None = None
        self.app = AsyncApp(
            client=self.client,
            signing_secret=settings.slack_signing_secret,
            request_verification_enabled=self.mode == "http",
            name="tradebrief",
            # Bolt gives each of its loggers the root level unless given one; under "slack_bolt"
            # they stay at WARNING (bot.logs), so a refused request's body is never logged.
            logger=_bolt_log,
        )
        self._verifier = SignatureVerifier(settings.slack_signing_secret) if self.mode == "http" else None
        self.app.command(self.command)(self._on_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.error(self._on_error)
        self._socket: AsyncSocketModeHandler | None = None
        self._inflight: set[asyncio.Task[Any]] = set()
        self._seen: OrderedDict[str, None] = OrderedDict()

    # ---- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        """Check the bot token once, then connect Socket Mode (HTTP mode waits for `routes()`).
        Socket Mode tries `SOCKET_ATTEMPTS` times, one log line each, then gives up with a clear
        error: the library's own loop would retry for ever with a traceback each time."""
        await self._check_auth()
        if self.mode == "socket":
            await self._reach_socket_mode()
            handler = AsyncSocketModeHandler(self.app, self.settings.slack_app_token)
            try:
                await asyncio.wait_for(handler.connect_async(), timeout=SOCKET_CONNECT_TIMEOUT)
            except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
                await handler.close_async()
                reason = _api_error(exc) if isinstance(exc, SlackApiError) else type(exc).__name__
                raise ConfigError(f"Slack Socket Mode could not connect ({reason}); check the network "
                                  "and SLACK_APP_TOKEN (xapp-…, with connections:write)") from None
            self._socket = handler

    async def _reach_socket_mode(self) -> None:
        """`apps.connections.open` answered, or ConfigError after bounded attempts."""
        delay = 1.0
        for attempt in range(1, SOCKET_ATTEMPTS + 1):
            try:
                await self.client.apps_connections_open(app_token=self.settings.slack_app_token)
                return
            except SlackApiError as exc:  # Slack answered: retrying will not change its mind
                raise ConfigError(f"Slack refused SLACK_APP_TOKEN (apps.connections.open: {_api_error(exc)}); "
                                  "it must be an app-level token (xapp-…) with connections:write") from None
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                if attempt == SOCKET_ATTEMPTS:
                    raise ConfigError(f"Slack unreachable: Socket Mode gave up after {SOCKET_ATTEMPTS} attempts "
                                      f"({type(exc).__name__}); check the network or SLACK_API_BASE_URL") from None
                log.warning("Slack unreachable for Socket Mode (attempt %d of %d: %s); retrying in %g s",
                            attempt, SOCKET_ATTEMPTS, type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay *= 2

    async def stop(self) -> None:
        """Stop taking requests, then let answers already in flight finish (bounded)."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        pending = {t for t in self._inflight if not t.done() and t is not asyncio.current_task()}
        if pending:
            _, late = await asyncio.wait(pending, timeout=_STOP_GRACE)
            for task in late:
                task.cancel()

    def routes(self) -> list[web.RouteDef]:
        """`POST /slack/events` for the runner's HTTP server (HTTP mode only)."""
        return [web.post(EVENTS_PATH, self._http)] if self.mode == "http" else []

    async def _http(self, request: web.Request) -> web.Response:
        """Verify the signature before Bolt sees anything (Bolt would log a refused body), then
        refuse bodies Bolt cannot take (JSON that is not an object); one log line each, no body."""
        body = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not (timestamp.isascii() and timestamp.isdigit()) or not signature:
            log.info("slack: refused a request to %s without valid signature headers", EVENTS_PATH)
            return web.Response(status=401, text="unsigned request")
        if self._verifier is None or not self._verifier.is_valid(body, timestamp, signature):
            log.info("slack: refused a request to %s with a bad or stale signature", EVENTS_PATH)
            return web.Response(status=401, text="bad signature")
        if request.content_type == "application/json":
            try:
                shape_ok = isinstance(json.loads(body), dict)
            except (ValueError, UnicodeDecodeError):
                shape_ok = False
            if not shape_ok:
                log.info("slack: ignored a malformed request to %s", EVENTS_PATH)
                return web.Response(status=400, text="malformed request")
        try:
            bolt_request = await to_bolt_request(request)
        except ValueError:  # a body that is neither JSON nor a form
            log.info("slack: ignored a malformed request to %s", EVENTS_PATH)
            return web.Response(status=400, text="malformed request")
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))

    async def _check_auth(self) -> None:
        """One `auth.test`: remember the bot's user id, or say in one line why Slack refused."""
        try:
            result = await self.client.auth_test()
        except SlackApiError as exc:
            log.error(
                "Slack refused SLACK_BOT_TOKEN at start (auth.test: %s); Slack replies will fail",
                _api_error(exc),
            )
            return
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.error("Slack Web API unreachable at start (auth.test: %s)", type(exc).__name__)
            return
        self.bot_user_id = result.get("user_id")
        log.info(
            "Slack: signed in as %s in %s (%s mode)",
            result.get("user", "?"),
            result.get("team", "?"),
            self.mode,
        )

    @contextmanager
    def _busy(self) -> Iterator[None]:
        """Mark the current task as an answer in flight, so `stop()` can wait for it."""
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._inflight.discard(task)

    def _first_time(self, event_id: str | None) -> bool:
        """False for an event Slack delivers again (after a slow ack or a reconnect)."""
        if not event_id:
            return True
        if event_id in self._seen:
            return False
        self._seen[event_id] = None
        while len(self._seen) > _SEEN_EVENTS:
            self._seen.popitem(last=False)
        return True

    # ---- translator: slash command --------------------------------------------------------------
    async def _on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        with self._busy():
            await self._command(ack, command)

    async def _command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        channel = str(command.get("channel_id") or "")
        asker = slack_asker(
            command.get("user_id"), channel, command.get("team_id"),
            private=channel.startswith("D") or command.get("channel_name") == "directmessage",
            one_shot=True,  # a slash command has no conversation to follow up in
        )
        text = render.plain_from_slack(str(command.get("text") or ""))
        response_url = str(command.get("response_url") or "")
        try:
            refused = self.commands.refusal(asker)
            if refused is not None:
                await self._ack(ack, render.notice_message(refused.text))
                return
            shared = self._share_default
            word, _, rest = text.partition(" ")
            if word.lower() in ("share", "private"):
                shared, text = word.lower() == "share", rest.strip()
            if not text:
                await self._ack(ack, render.notice_message(self._hint()))
                return
            intent = self.commands.parse(text, bare=True)
            if intent.name not in SLOW_ACKS:
                await self._ack(ack, self._render(await self.commands.run(intent, asker)))
                return
            shared = shared and intent.name in ("ask", "brief")
            # A shared answer arrives in the channel; a private one replaces the "looking" line.
            if shared:
                await ack()
            else:
                await self._ack(ack, render.notice_message(SLOW_ACKS[intent.name]))
            await self._run_via_url(response_url, asker, intent, shared=shared)
        except Exception:
            log.exception(
                "slack: %s from %s in %s failed before the ack", self.command, asker.user_id, channel
            )
            await self._ack(ack, render.notice_message(APOLOGY))

    def _render(self, reply: Reply, *, asked_by: str | None = None) -> render.Message:
        return render.reply_message(
            reply, command=self.command, share_by_default=self._share_default, asked_by=asked_by
        )

    @property
    def _share_default(self) -> bool:
        return self.settings.slack_share_by_default

    def _hint(self) -> str:
        c = self.command
        return f"Type a question after {c}, e.g. `{c} which sectors were agreed?` (`{c} help` for more)."

    @staticmethod
    async def _ack(ack: AsyncAck, message: render.Message) -> None:
        """Ack with an ephemeral message; a second call (after an error) is harmless."""
        if ack.response is None:
            await ack(text=message["text"], blocks=message["blocks"])

    async def _run_via_url(self, response_url: str, asker: Asker, intent: Intent, *, shared: bool) -> None:
        """Run a slow intent after the ack; its reply (or refusal, or apology) goes to the response URL."""
        reply = await self.commands.run(intent, asker)
        if reply.brief is not None and not reply.failed:
            await self._brief_via_url(response_url, asker, reply.brief, shared=shared)
            return
        message = self._render(reply, asked_by=asker.user_id if shared else None)
        await self._respond(response_url, message, in_channel=shared and not reply.failed, replace=not shared)

    async def _brief_via_url(self, response_url: str, asker: Asker, brief: Brief, *, shared: bool) -> None:
        """A brief in one or more messages to the response URL. Its chart is uploaded only where the
        brief is seen by all (shared, or a direct message): an upload is never private."""
        uploaded = False
        if brief.chart is not None and (shared or asker.is_private):
            uploaded = await upload_chart(self.client, asker.place, brief)
        messages = brief_messages(brief, chart_uploaded=uploaded)
        if len(messages) > MAX_RESPONSES:
            log.warning("slack: a brief of %d messages was cut to %d", len(messages), MAX_RESPONSES)
        for i, message in enumerate(messages[:MAX_RESPONSES]):
            await self._respond(response_url, message, in_channel=shared, replace=not shared and i == 0)

    async def _respond(
        self, url: str, message: render.Message, *, in_channel: bool = False, replace: bool = True
    ) -> bool:
        """POST a message to a command's response URL; a refusal is logged, never raised."""
        if not url:
            log.error("slack: no response_url to answer %s", self.command)
            return False
        payload = {
            **message,
            "response_type": "in_channel" if in_channel else "ephemeral",
            "replace_original": replace,
        }
        try:
            response = await AsyncWebhookClient(url, retry_handlers=retry_handlers(self._sleep)).send_dict(payload)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.error("slack: could not reach the response URL (%s)", type(exc).__name__)
            return False
        if response.status_code != 200:
            log.error(
                "slack: the response URL refused the reply (%s %s)", response.status_code, response.body[:200]
            )
            return False
        return True

    # ---- translator: mentions and direct messages -------------------------------------------------
    async def _on_mention(
        self, event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        if not self._first_time(body.get("event_id")):
            return
        channel, user, ts = event.get("channel"), event.get("user"), event.get("ts")
        if not (channel and user and ts):
            log.info("slack: ignored a mention without channel, user or ts")
            return
        text = _LEADING_MENTION.sub("", str(event.get("text") or ""))
        text = render.plain_from_slack(text, bot_user_id=context.bot_user_id or self.bot_user_id)
        asker = slack_asker(
            user, channel, event.get("team") or body.get("team_id"),
            private=event.get("channel_type") == "im" or str(channel).startswith("D"),
            thread=event.get("thread_ts") or ts,
        )
        with self._busy():
            await self._converse(asker, text, thread_ts=str(event.get("thread_ts") or ts))

    async def _on_message(
        self, event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        # Only what a person typed in a DM with the bot: no edits, joins or other bots' posts.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        if not self._first_time(body.get("event_id")):
            return
        channel, user = event.get("channel"), event.get("user")
        if not (channel and user):
            log.info("slack: ignored a direct message without channel or user")
            return
        text = render.plain_from_slack(
            str(event.get("text") or ""), bot_user_id=context.bot_user_id or self.bot_user_id
        )
        asker = slack_asker(
            user, channel, event.get("team") or body.get("team_id"), private=True, thread=event.get("thread_ts"),
        )
        thread_ts = event.get("thread_ts")
        with self._busy():
            await self._converse(asker, text, thread_ts=str(thread_ts) if thread_ts else None)

    async def _converse(self, asker: Asker, text: str, *, thread_ts: str | None) -> None:
        """A mention or DM: any command typed bare, or a question; refusals go only to the person who asked."""
        try:
            if not text:
                refused = self.commands.refusal(asker)
                if refused is not None:
                    await self._tell(asker, refused.text, thread_ts)
                    return
                message = render.notice_message(
                    "Ask me a question, e.g. “which sectors were agreed?” (or type help)."
                )
            else:
                reply = await self.commands.handle(text, asker, bare=True)
                if reply.error == "user":
                    await self._tell(asker, reply.text, thread_ts)
                    return
                if reply.brief is not None:
                    uploaded = await upload_chart(self.client, asker.place, reply.brief, thread_ts=thread_ts)
                    for message in brief_messages(reply.brief, chart_uploaded=uploaded):
                        await self._post(asker.place, message, thread_ts)
                    return
                message = self._render(reply)
        except Exception:
            log.exception("slack: answering %s in %s failed", asker.user_id, asker.place)
            message = render.notice_message(APOLOGY)
        await self._post(asker.place, message, thread_ts)

    async def _tell(self, asker: Asker, line: str, thread_ts: str | None) -> None:
        """A one-line refusal or hint: ephemeral in a channel, a plain reply in a DM."""
        if asker.is_private:
            await self._post(asker.place, render.notice_message(line), thread_ts)
            return
        message = render.notice_message(line)
        try:
            await self.client.chat_postEphemeral(
                channel=asker.place, user=asker.user_id, thread_ts=thread_ts, **message
            )
        except SlackApiError as exc:
            log.error("slack: chat.postEphemeral to %s failed (%s)", asker.place, _api_error(exc))
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.error("slack: chat.postEphemeral to %s failed (%s)", asker.place, type(exc).__name__)

    async def _post(self, channel: str, message: render.Message, thread_ts: str | None) -> None:
        try:
            await self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message
            )
        except SlackApiError as exc:
            log.error("slack: chat.postMessage to %s failed (%s)", channel, _api_error(exc))
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.error("slack: chat.postMessage to %s failed (%s)", channel, type(exc).__name__)

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        """Bolt's last resort: anything our listeners did not catch becomes one log line."""
        kind = body.get("command") or (body.get("event") or {}).get("type") or body.get("type") or "request"
        log.error("slack: unhandled error in %s: %s", kind, type(error).__name__)

    # ---- digests --------------------------------------------------------------------------------
    async def deliver(self, place: str, digest: Digest) -> None:
        """Post a digest to a channel or DM; `DeliveryFailed(permanent=True)` when it never will arrive."""
        message = render.digest_message(digest)
        try:
            await self.client.chat_postMessage(
                channel=place, unfurl_links=False, unfurl_media=False, **message
            )
        except SlackApiError as exc:
            error = _api_error(exc)
            raise DeliveryFailed(
                f"Slack refused the digest for {place}: {error}", permanent=error in PERMANENT_ERRORS
            ) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise DeliveryFailed(f"Slack unreachable delivering to {place}: {type(exc).__name__}") from None
