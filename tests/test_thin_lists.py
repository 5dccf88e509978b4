"""A sector list is written only from a sentence that says more of the question than its names
(issue 11, item 2: a lead only when it answers; the table's "sector list in an unrelated story").

The trap: a budget critique whose answering sentence names no sector ("The biggest spending growth
areas are pensions … and the new coastguard service"), beside a sentence of the same story listing
industries that will be hurt if rates climb ("sectors such as housing, carmaking, farming and
tourism"), and a trade pact of the same country with its own list of sectors. A list gathered from the
sector facts stated the industries hurt by rates as the areas of spending growth. Now the list is
quoted, never synthesised, when its sentence shares little with the question: the answering sentence
leads when the story has it; otherwise the story's sentence saying more of the question. A question
saying no more than a verb besides its names and the kind ("pick") still gets its list.
Asked through `tradebrief ask --json` on fixtures in tests/fixtures/s9-lists/ (with the traps).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
THIN = ROOT / "tests" / "fixtures" / "s9-lists"

store = store_fixture("thin_lists", TRAPS, THIN)

HURT = ("housing", "automotive", "agriculture", "tourism")


def test_the_answering_sentence_leads_not_a_list_of_another_thing(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Which are the biggest areas of Iceland's spending growth, according to the budget critique?",
                      capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("The biggest spending growth areas are pensions")
    assert not any(s in answer["lead"] for s in HURT), answer["lead"]


def test_a_list_sentence_sharing_nothing_with_the_question_is_not_stated(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the sentence listing sectors ranks first; the story's sentence saying more of the question is quoted
    answer = ask_json(store, "which areas of Iceland's federal outlays grew most?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["lead"] == answer["citations"][0]["quote"]
    assert not any(s in answer["lead"] for s in HURT), answer["lead"]
    assert "federal budget" in answer["lead"]


@pytest.mark.parametrize("question", [
    "which sectors did iceland and chile pick for closer cooperation?",
    "which sectors did iceland and chile pick?",
])
def test_a_sector_list_sharing_the_question_is_still_written(
        store: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, question, capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert all(s in answer["lead"] for s in ("mining", "fisheries")), answer["lead"]
    assert answer["citations"][0]["quote"].startswith("Both sides named mining, fisheries and shipbuilding")
