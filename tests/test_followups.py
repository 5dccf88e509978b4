"""Follow-up questions read against the conversation's last turn: in the console chat and in Telegram.

"and for the UK?", "who said that?", "when?" and "and what about solar energy?" resolve against the
previous question of the same conversation for 15 minutes; other people, other chats and `ask` on
the command line (one-shot) do not share it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from adapters.telegram import TelegramAdapter
from adapters.telegram.sending import RetryPolicy
from bot.answers import Answerer
from bot.config import load_settings
from bot.conversation import Memory
from bot.retrieval import Retriever
from bot.service import Tradebrief
from bot.store import Store
from tests.conftest import ROOT
from tests.fakes.telegram_api import TOKEN, FakeTelegram, make_message_update, parse_telegram_html

TRAPS = ROOT / "tests" / "fixtures" / "traps"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def traps(tmp_path: Path) -> AsyncIterator[tuple[Tradebrief, Clock]]:
    """A service over the trap articles whose conversation memory runs on a test clock."""
    settings = load_settings(None, db=tmp_path / "store.json", load_samples=False, rate_limit_per_minute=100)
    store = Store(settings.db)
    clock = Clock()
    retriever = Retriever(store)
    service = Tradebrief(settings, store, answerer=Answerer(retriever, memory=Memory(clock=clock)))
    service.retriever = retriever
    report = await service.ingestor().ingest([str(TRAPS)])
    assert report.stored and not report.failed
    retriever.refresh()
    yield service, clock
    await service.aclose()
    store.close()


async def test_console_follow_ups(traps: tuple[Tradebrief, Clock]) -> None:
    service, clock = traps
    console = ConsoleAdapter(service)
    first = await console.handle("How big was Canada's trade deficit in 2023?")
    assert first is not None and first.startswith("$48.2bn [1].")

    uk = await console.handle("and for the UK?")
    assert uk is not None
    assert uk.startswith("Showing results for: How big was UK's trade deficit in 2023?\n£31.5bn [1].")
    assert "$48.2bn" not in uk

    minister = await console.handle("who is the commerce minister?")
    assert minister is not None and minister.startswith("Amina Qadir (Minister for Commerce) [1].")
    said = await console.handle("who said that?")
    assert said is not None and said.startswith("Amina Qadir [1].")
    when = await console.handle("when?")
    assert when is not None and when.startswith("Reported on 2025-03-18 [1].")

    sectors = await console.handle("which sectors were agreed?")
    assert sectors is not None and "cocoa processing" in sectors
    solar = await console.handle("and what about solar energy?")
    assert solar is not None
    assert solar.splitlines()[1] == "Ghana is also interested in Moroccan expertise in solar energy, the minister added. [1]"

    # Fifteen minutes later the conversation is forgotten: "who said that?" has nothing to refer to.
    clock.now += 15 * 60 + 1
    late = await console.handle("who said that?")
    assert late is not None and "earlier question" in late


async def test_follow_ups_are_per_conversation(traps: tuple[Tradebrief, Clock]) -> None:
    from bot.models import Asker

    service, _clock = traps
    alice, bob = Asker("telegram", "1", "1"), Asker("telegram", "2", "2")
    await service.ask("How much did Medwell pay for Corlan?", alice)
    other = await service.ask("who said that?", bob)
    assert other.abstained and "earlier question" in other.text
    follow = await service.ask("and for Harbor Lines?", alice)
    assert follow.read_as == "How much did Harbor Lines pay for Corlan?"
    assert follow.abstained and follow.near_miss  # Harbor Lines is stored; a price it paid for Corlan is not
    slash = await service.ask("who said that?", Asker("slack", "U1", "C1", one_shot=True))
    assert slash.abstained and "earlier question" in slash.text


async def test_telegram_follow_up(traps: tuple[Tradebrief, Clock]) -> None:
    service, _clock = traps
    async with FakeTelegram() as tg:
        service.settings = load_settings(
            None, db=service.settings.db, telegram_token=TOKEN, telegram_base_url=tg.base_url,
            load_samples=False, rate_limit_per_minute=100,
        )
        adapter = TelegramAdapter(service, service.settings, poll_timeout=1, request_timeout=5,
                                  retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05))
        await adapter.start()
        try:
            await tg.push_update(make_message_update("How big was Canada's trade deficit in 2023?", chat_id=77, user_id=77))
            await tg.wait_for(lambda c: c.method == "sendMessage" and "48.2bn" in c.text)
            await tg.push_update(make_message_update("and for the UK?", chat_id=77, user_id=77))
            await tg.wait_for(lambda c: c.method == "sendMessage" and "31.5bn" in c.text)
            texts = [parse_telegram_html(c.text) for c in tg.sent(77, method="sendMessage")]
            follow = next(t for t in texts if "31.5bn" in t)
            assert follow.startswith("Showing results for: How big was UK's trade deficit in 2023?")
            # Another person in another chat asking the same fragment gets no borrowed context.
            await tg.push_update(make_message_update("who said that?", chat_id=88, user_id=88))
            [reply] = await tg.wait_sent(88)
            assert "earlier question" in parse_telegram_html(reply.text)
        finally:
            await adapter.stop()


async def test_a_new_topic_after_a_person_question_is_not_glued_onto_it() -> None:
    """'what about tariffs on steel?' after 'who is …?' is read as its own question."""
    from bot.conversation import Turn, resolve_followup

    turn = Turn(question="who is the commerce minister of Pakistan?", kind="person", entities=(), parties=("Pakistan",),
                story_parties=("Pakistan",), article_id="a", sentence_id="a:1")
    read, kind = resolve_followup("what about tariffs on steel?", turn, [])
    assert "commerce minister" not in read and "tariffs on steel" in read and kind == ""
    sectors = Turn(question="which sectors were agreed?", kind="sector", entities=(), parties=(), story_parties=("Pakistan",),
                   article_id="a", sentence_id="a:1")
    assert resolve_followup("and what about forestry?", sectors, []) == ("which sectors were agreed: forestry?", "topic")
