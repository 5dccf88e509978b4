"""Sending to Telegram within bounds: flood control honoured, network errors retried, long text split.

Every message the adapter writes goes through `Sender`, so the 4,096-character limit and the retry
rules hold on every path (answers, buttons, apologies, digests).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from .split import split_html

__all__ = ["RetryPolicy", "Sender", "retry_seconds"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try: `attempts` calls in all; flood waits longer than `max_wait` are not waited."""

    attempts: int = 4
    max_wait: float = 60.0
    backoff: float = 0.5  # first pause after a network error; doubles each time


def retry_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds (PTB 22 warns when reading it as an int)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Sender:
    """Bot API calls with bounded retries, and HTML messages cut to Telegram's limit."""

    def __init__(
        self,
        bot: Bot,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.policy = policy or RetryPolicy()
        self.sleep = sleep

    async def call(self, action: Callable[[], Awaitable[T]], what: str) -> T:
        """Run one Bot API call, waiting out flood control and retrying network errors (bounded)."""
        delay = self.policy.backoff
        for attempt in range(1, self.policy.attempts + 1):
            last = attempt == self.policy.attempts
            try:
                return await action()
            except RetryAfter as exc:
                wait = retry_seconds(exc)
                if last or wait > self.policy.max_wait:
                    raise
                log.warning("telegram %s: flood control, waiting %.1f s (attempt %d)", what, wait, attempt)
                await self.sleep(wait + 0.1)
            except BadRequest:
                raise  # our request is wrong: trying again cannot help
            except (TimedOut, NetworkError) as exc:
                if last:
                    raise
                log.warning("telegram %s: %s; retrying in %.1f s (attempt %d)", what, exc, delay, attempt)
                await self.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    async def send(
        self,
        chat_id: int | str,
        html_text: str,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
    ) -> list[Message]:
        """Send `html_text` as one or more messages; the markup goes on the last one."""
        parts = split_html(html_text)
        return await self.send_parts(chat_id, parts, reply_markup=reply_markup, reply_to=reply_to)

    async def send_parts(
        self,
        chat_id: int | str,
        parts: Sequence[str],
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
    ) -> list[Message]:
        sent: list[Message] = []
        for i, part in enumerate(parts):
            markup = reply_markup if i == len(parts) - 1 else None
            reply = (
                ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
                if reply_to is not None and i == 0
                else None
            )

            async def one(text: str = part, markup: InlineKeyboardMarkup | None = markup,
                          reply: ReplyParameters | None = reply) -> Message:
                return await self.bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup,
                    reply_parameters=reply, link_preview_options=_NO_PREVIEW,
                )

            sent.append(await self.call(one, "sendMessage"))
        return sent

    async def replace(self, chat_id: int | str, message_id: int, html_text: str) -> None:
        """Edit a message to hold `html_text` (dropping its buttons); overflow goes in new messages."""
        parts = split_html(html_text)
        if not parts:
            return

        async def edit() -> object:
            return await self.bot.edit_message_text(
                parts[0], chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
            )

        try:
            await self.call(edit, "editMessageText")
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                raise
        await self.send_parts(chat_id, parts[1:])
