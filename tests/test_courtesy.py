"""Chat wording around a question is not part of it (issue 11, item 5: informal wording).

"hi, can you tell me …, please?" is answered as the question inside it: the greeting, the request and
the thanks are taken off before the question is read, so "Please" and "I'd" (written as names in a
stored quote) are not read as firms the store holds. Asked through `tradebrief ask --json` on
tests/fixtures/courtesy/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.courtesy import plain_question
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

COURTESY = ROOT / "tests" / "fixtures" / "courtesy"

store = store_fixture("courtesy", COURTESY)


@pytest.mark.parametrize(("typed", "plain"), [
    ("hi, can you tell me who runs Selby Ferries please?", "who runs Selby Ferries?"),
    ("Hello there, do you know how many passengers Selby Ferries carried??", "how many passengers Selby Ferries carried?"),
    ("i'd like to know what Dunmore Bank made in 2004.", "what Dunmore Bank made in 2004?"),
    ("quick question: who is Dunmore Bank's chief executive? thanks!", "who is Dunmore Bank's chief executive?"),
    ("WHO RUNS SELBY FERRIES?", "who runs selby ferries?"),
    ("please tell me about Dunmore Bank's profit", "Dunmore Bank's profit"),
    ("why arent Selby Ferries sailing?", "why aren't Selby Ferries sailing?"),
    ("Why doesnt the bank open more branches, and who wont say?", "Why doesn't the bank open more branches, and who won't say?"),
    ("which ferries cant sail and which didnt?", "which ferries can't sail and which didn't?"),
])
def test_the_wording_around_a_question_is_taken_off(typed: str, plain: str) -> None:
    assert plain_question(typed) == plain


@pytest.mark.parametrize("kept", ["thanks", "Hello", "please", "Well-known firms?", "Hey Jude sales?",
                                  "and for the UK?", "who said that?",
                                  # a name ending in a closing word's letters is no closing word: "ta", "please"
                                  "Who is the chief executive of Delta?", "what did Malta export?", "who runs Vista?",
                                  "why did the merger displease?"])
def test_a_question_that_is_only_courtesy_or_holds_none_is_left_alone(kept: str) -> None:
    assert plain_question(kept) == kept


@pytest.mark.parametrize(("typed", "plain", "wanted"), [
    ("Who is the chief executive of Selby Ferries, please?", "Who is the chief executive of Selby Ferries?", "Marlow"),
    ("hi, i'd like to know how much profit Dunmore Bank made in 2004.",
     "How much profit did Dunmore Bank make in 2004?", "£412m"),
])
def test_a_courteous_question_gets_the_plain_questions_answer(
        store: str | Path, capsys: pytest.CaptureFixture[str], typed: str, plain: str, wanted: str) -> None:
    expected = ask_json(store, plain, capsys)
    assert not expected["abstained"] and wanted in expected["lead"], expected["answer"]
    answer = ask_json(store, typed, capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead"] == expected["lead"]
    assert [c["quote"] for c in answer["citations"]][:1] == [c["quote"] for c in expected["citations"]][:1]


def test_a_contraction_typed_without_its_apostrophe_is_not_respelt_into_a_stored_word(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the store writes "agent" (a travel agent sells Selby's tickets): "arent" is one letter from it
    typed = ask_json(store, "why arent Selby Ferries running as many crossings this winter?", capsys)
    assert "agent" not in typed["read_as"], typed["read_as"]
    written = ask_json(store, "why aren't Selby Ferries running as many crossings this winter?", capsys)
    assert typed["lead"] == written["lead"] and not typed["abstained"], typed["answer"]
