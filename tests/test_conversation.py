"""Conversation keys and memory: who shares a conversation, how long it is remembered, one-shot asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import MEMORY_SECONDS, Memory, Turn
from bot.models import Answer, Asker
from bot.storage_port import open_store
from bot.service import Tradebrief

STORY = (
    "Norway and Vietnam sign a seafood accord\nSource: Fjord Trade Notes\ndate 2025-03-02\n\n"
    "Norway and Vietnam signed a seafood accord in Hanoi on Monday.\n\n"
    "Norway will ship 40,000 tonnes of salmon a year to Vietnam under the accord.\n\n"
    "Fisheries Minister Marianne Sivertsen said the deal would open a growing market."
)


def test_conversation_key_separates_platform_place_thread_and_user() -> None:
    a = Asker("slack", "U1", "C1", team="T1", thread="111.1")
    assert a.conversation is not None
    assert a.conversation != Asker("slack", "U2", "C1", team="T1", thread="111.1").conversation
    assert a.conversation != Asker("slack", "U1", "C1", team="T1", thread="222.2").conversation
    assert a.conversation != Asker("telegram", "U1", "C1").conversation
    assert a.conversation == Asker("slack", "U1", "C1", team="T1", thread="111.1").conversation
    assert Asker("slack", "U1", "C1", one_shot=True).conversation is None


def test_memory_forgets_after_fifteen_minutes() -> None:
    now = [1000.0]
    memory = Memory(clock=lambda: now[0])
    memory.put("k", Turn(question="who leads it?"))
    memory.put(None, Turn(question="one-shot"))  # one-shot questions are not remembered
    now[0] += MEMORY_SECONDS - 1
    assert memory.get("k") is not None and memory.get("k").question == "who leads it?"
    assert memory.get(None) is None
    now[0] += 2
    assert memory.get("k") is None
    assert len(memory) == 0


def test_answer_dict_says_how_the_question_was_read() -> None:
    d = Answer("q", "text [1]", (), "extractive", False, read_as="who is the commerce minister",
               lead="Jam Kamal Khan", lead_kind="synthesised").to_dict()
    assert d["read_as"] == "who is the commerce minister"
    assert (d["lead"], d["lead_kind"], d["near_miss"]) == ("Jam Kamal Khan", "synthesised", False)
    assert Answer("q", "t", (), "extractive", True).to_dict()["lead_kind"] == "none"


async def test_service_passes_the_askers_conversation(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store)
    try:
        assert (await service.ingestor().ingest([str(path)])).stored
        service.retriever.refresh()
        chat = Asker("telegram", "5", "77")
        await service.ask("How much salmon will Norway ship to Vietnam?", chat)
        assert service.answerer.memory.get(chat.conversation) is not None
        slash = Asker("slack", "U1", "C1", one_shot=True)
        await service.ask("How much salmon will Norway ship to Vietnam?", slash)
        assert len(service.answerer.memory) == 1
    finally:
        await service.aclose()
        store.close()


@pytest.mark.parametrize("platform", ["console", "telegram", "slack"])
def test_non_slash_askers_keep_a_conversation(platform: str) -> None:
    assert Asker(platform, "u", "p").conversation is not None
