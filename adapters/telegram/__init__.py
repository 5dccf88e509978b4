"""Telegram adapter: python-telegram-bot in the shared event loop, translating to and from the core."""

import os

# Opt in now to python-telegram-bot's announced change (time periods as timedelta): without it,
# PTB 22 warns each time it builds a RetryAfter from a 429, and our code reads either form.
os.environ.setdefault("PTB_TIMEDELTA", "1")

# ruff: noqa: E402 - the setting above must precede the first use of python-telegram-bot

from .adapter import ALLOWED_UPDATES, SECRET_HEADER, TelegramAdapter
from .render import RenderedAnswer, esc, link, render_answer, render_digest
from .split import TELEGRAM_LIMIT, split_html

__all__ = [
    "ALLOWED_UPDATES",
    "SECRET_HEADER",
    "TELEGRAM_LIMIT",
    "RenderedAnswer",
    "TelegramAdapter",
    "esc",
    "link",
    "render_answer",
    "render_digest",
    "split_html",
]
