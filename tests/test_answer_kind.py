"""Within the leading story, the sentence giving the asked KIND of answer opens the answer (issue 11).

A story's topic sentence names the entity and repeats the question's words, yet often holds no
answer of the kind asked: "how many lorries" wants a count of lorries ("about 2,400 lorries"), not
"hundreds of lorries"; "how many seats" a count of seats ("a 45,000-seater arena"); "who is X's pick
to run …" a person's name; "who is X's chief executive" the person in that role, not the chief
medical officer; "which Kestrel Research analyst said …" a sentence naming someone the question does not
("said Ilse Marrow from Kestrel Research"), not one naming nobody. Asked through `tradebrief ask --json` on fixtures in tests/fixtures/answer-kind/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
KIND = ROOT / "tests" / "fixtures" / "answer-kind"


store = store_fixture("answer_kind", TRAPS, KIND)


def first_quote(location: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict:
    answer = ask_json(location, question, capsys)
    assert not answer["abstained"], answer["answer"]
    return answer


def test_a_count_beats_a_vague_number_of_the_same_thing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = first_quote(store, "how many lorries were pledged as loan security by brannock ferries' predecessors", capsys)
    assert answer["citations"][0]["quote"].startswith("About 2,400 lorries")
    assert "Hundreds" not in answer["lead"]


def test_a_hyphenated_count_counts_the_thing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = first_quote(store, "how many seats will dunmore rovers' new arena have", capsys)
    assert "45,000-seater" in answer["citations"][0]["quote"]


def test_who_is_answered_by_a_sentence_naming_a_person(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = first_quote(store, "who is osterfeld's pick to run its central bank", capsys)
    assert answer["citations"][0]["quote"].startswith("Tomas Welland")


def test_the_asked_role_beats_another_chief(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = first_quote(store, "who is calloway pharma's chief executive", capsys)
    assert "Hallorin" in answer["lead"]
    assert "Oduya" not in answer["lead"]


def test_a_role_with_another_qualifier_is_another_post(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Norway's natural resources minister leads the country's own story; the economy minister is asked.
    answer = first_quote(store, "who is norway's economy minister", capsys)
    assert answer["citations"][0]["quote"].startswith("Economy minister Petra Lind")


def test_a_role_named_with_several_words_is_asked_whole(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "natural resources" narrows the role: a story with more of the question's words naming some other
    # minister does not answer it
    answer = first_quote(store, "who is norway's natural resources minister", capsys)
    assert "Ivo Marek" in answer["citations"][0]["quote"]


def test_what_does_it_charge_asks_for_an_amount(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "what does X charge?" names no figure word, yet an amount answers it, not the sentence repeating "charges"
    answer = first_quote(store, "what does dornby water charge households", capsys)
    assert "£420" in answer["citations"][0]["quote"]


def test_which_analyst_is_answered_by_a_sentence_naming_one(store: str | Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    # "which Kestrel Research analyst …" wants a person: the sentence repeating the question's words names
    # nobody; the one naming the analyst (without the word "analyst") answers
    answer = first_quote(store, "Which Kestrel Research analyst said the Harlow Ports terminal deal looked cheap?", capsys)
    assert "Ilse Marrow" in answer["citations"][0]["quote"], answer["citations"][0]["quote"]
