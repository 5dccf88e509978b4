"""How a question is read (issue 11, classes read in session 17; fixtures in our own words under
tests/fixtures/s17-reading/):

- a firm whose name is also a word ("Harvest") and is asked in lower case ("what annual profit does harvest now
  expect to report?") is not recognised as a name, yet its story's title names it: the story's "The clothing
  retailer said it now expected …" is said of it, so the figure answers rather than being turned away as said
  of someone else; the conversation then keeps that name as its subject, so "who is the retailer's chief
  executive?" asks Harvest's, and "what did she say …" asks the person that answer named (asked through the
  console adapter).

Asked through `tradebrief ask --json` and the console adapter on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, store_fixture
from tests.test_followups import Clock, followup_service

FOLDER = ROOT / "tests" / "fixtures" / "s17-reading"

store = store_fixture("s17_reading", FOLDER)


async def console_chain(tmp_path: Path, stores: Stores, *questions: str) -> list[str]:
    """The console adapter's replies to `questions`, asked in turn in one conversation, each on one line."""
    replies = []
    async with followup_service(tmp_path, stores, FOLDER, Clock()) as service:
        console = ConsoleAdapter(service)
        for question in questions:
            reply = await console.handle(question)
            assert reply is not None, question
            replies.append(" ".join(reply.split()))
    return replies


def opening(reply: str) -> str:
    """What a reply opens with, before its first citation mark."""
    return reply.split("[1]")[0]


def test_a_lower_case_firm_named_by_its_story_title(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what annual profit does harvest now expect to report?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£212m" in answer["citations"][0]["quote"], answer["answer"]


async def test_the_retailer_after_a_lower_case_firm(tmp_path: Path, stores: Stores) -> None:
    profit, boss, said = await console_chain(tmp_path, stores,
                                             "what annual profit does harvest now expect to report?",
                                             "who is the retailer's chief executive?",
                                             "what did she say was wrong with the women's ranges?")
    assert "£212m" in opening(profit), profit
    assert "Dana Moreau" in opening(boss), boss
    assert "too close to what we sold" in opening(said), said
