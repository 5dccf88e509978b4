"""The whole story counts, not only the sentence (issue 11, item 3: stories, not soup).

The sentence that answers often leaves the story's subject to its title and to the sentences around
it ("Under the agreement, pay rises by 4%" in a story about the Grennock dock workers), while a
sentence of another story may repeat more of the question's words ("the agreement gives workers a pay
rise of 5%", said of sailmakers). How much of the question the whole story holds is part of a
sentence's score, so the story about what is asked leads (without it the two sentences tie, and a tie
between stories goes to the newer one, the sailmakers'). Asked through `tradebrief ask --json` on
tests/fixtures/whole-story/, on every kind of store (the in-process index and PostgreSQL read a
story's words differently).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

WHOLE_STORY = ROOT / "tests" / "fixtures" / "whole-story"

store = store_fixture("whole_story", WHOLE_STORY)


@pytest.mark.parametrize("question", ["what pay rise did the dock workers get under the agreement?",
                                      "How much does pay rise for dock workers under the agreement?"])
def test_the_story_about_what_is_asked_leads_over_a_closer_sentence_elsewhere(
        store: str | Path, capsys: pytest.CaptureFixture[str], question: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    first = answer["citations"][0]
    assert first["title"] == "Grennock strike ends", answer["answer"]
    assert "4%" in first["quote"] and "5%" not in answer["lead"]


def test_a_question_the_other_story_is_about_still_gets_that_story(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what pay rise did the sailmakers get under the agreement?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["title"] == "Orrin sailmakers settle"
    assert "5%" in answer["citations"][0]["quote"]
