"""The console adapter: typed lines in, plain text out, through the core's commands."""

from __future__ import annotations

import io

from adapters.console import ConsoleAdapter
from bot.commands import UNSUBSCRIBED
from bot.service import Tradebrief


async def chat(service: Tradebrief, *lines: str) -> str:
    out = io.StringIO()
    await ConsoleAdapter(service, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out).run()
    return out.getvalue()


async def test_a_conversation_in_the_terminal(service: Tradebrief) -> None:
    article = service.store.articles()[0]
    text = await chat(
        service, "/help", "which sectors were agreed?", f"/facts {article.id[:8]}", "/subscribe 07:30",
        "/unsubscribe", "/frobnicate", "/quit", "never read",
    )
    assert text.startswith("Tradebrief — I know 1 article")
    assert "/quit: leave the chat" in text and "/feeds: the news feeds polled" in text
    assert "Sources:\n[1]" in text
    assert "party   Pakistan" in text
    assert "Subscribed: daily at 07:30" in text and UNSUBSCRIBED in text
    assert "I don't know /frobnicate. /help lists what I can do." in text
    assert "never read" not in text


async def test_end_of_input_ends_the_chat_quietly(service: Tradebrief) -> None:
    text = await chat(service)
    assert text.endswith("> ")
