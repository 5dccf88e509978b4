"""Concurrent updates, in order per chat: a slow answer holds up its own chat only.

The Telegram adapter handles up to 32 updates at once (`adapters/telegram/ordering.py`): another
chat is answered while one waits on a slow answer (an LLM, say), and two questions typed quickly
in one chat are answered in the order they were asked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from adapters.telegram.ordering import ChatOrderedProcessor
from bot.answers import Answerer
from bot.models import Answer, Filters
from bot.retrieval import Retriever
from bot.store import Store
from tests.fakes.running import telegram_bot
from tests.fakes.telegram_api import FakeTelegram, parse_telegram_html
from tests.stores import Stores


class HeldWhenAsked(Answerer):
    """The real answerer; a question starting with "slowly:" is held until the test lets it go."""

    made: list["HeldWhenAsked"] = []

    def __init__(self, store: Store) -> None:
        super().__init__(Retriever(store))
        self.release = asyncio.Event()
        HeldWhenAsked.made.append(self)

    async def answer(self, question: str, filters: Filters | None = None, *,
                     conversation: str | None = None) -> Answer:
        if question.startswith("slowly:"):
            await self.release.wait()
        return await super().answer(question.removeprefix("slowly:").strip(), filters)


@pytest.fixture
async def tg() -> Any:
    async with FakeTelegram() as fake:
        yield fake


async def test_one_chat_in_order_other_chats_meanwhile(tg: FakeTelegram, tmp_path: Path, seed_path: Path, stores: Stores) -> None:
    HeldWhenAsked.made.clear()
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path], answerer=HeldWhenAsked) as bot:
        [answerer] = HeldWhenAsked.made
        await bot.say("slowly: which sectors were agreed?", chat_id=1, user_id=1)
        await bot.say("Who is Pakistan's minister for commerce?", chat_id=1, user_id=1)
        await bot.say("Who is Pakistan's minister for commerce?", chat_id=2, user_id=2)
        # Chat 2 is answered while chat 1's first answer is still held (were it waiting behind
        # chat 1, this would never come), and chat 1's second question waits behind its first.
        [other] = await tg.wait_sent(2)
        assert not tg.sent(1)
        answerer.release.set()
        first, second = await tg.wait_sent(1, count=2)
        processor = bot.adapter.application.update_processor
        assert isinstance(processor, ChatOrderedProcessor) and processor.limit == 32
        await asyncio.sleep(0.05)
        assert processor.busy_chats == 0  # nothing kept once a chat is quiet
    assert "tractor" in parse_telegram_html(first.text)  # the slow answer first, as it was asked first
    assert "Jam Kamal Khan" in parse_telegram_html(second.text)
    assert "Jam Kamal Khan" in parse_telegram_html(other.text)
