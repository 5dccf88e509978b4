"""A list of countries asked with a stance ("which countries turned down the offer?") names only the
countries of clauses taking that stance (issue 11, item 2: a lead only when it answers).

The trap: the story's best-matching sentences are about countries that accepted the offer ("Morocco,
Peru and Ghana accepted the Tamsin Group offer"); only a later sentence, sharing hardly a word with the
question, says which rejected it. A list gathered from every sentence naming countries asserted the
opposite of the story. A story where no country takes the asked stance gets no list at all: its best
sentence is quoted. "Exports declined by 3%" and "declined to comment" refuse nothing.
Asked through `tradebrief ask --json` on fixtures in tests/fixtures/party-lists/ (with the traps).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
PARTY_LISTS = ROOT / "tests" / "fixtures" / "party-lists"

store = store_fixture("party_lists", TRAPS, PARTY_LISTS)

ACCEPTED = ("Morocco", "Peru", "Ghana")
REJECTED = ("Chile", "Vietnam")


@pytest.mark.parametrize("question", [
    "which countries turned down the tamsin group repayment pause",
    "which countries did not take up the tamsin group offer",
])
def test_countries_that_refused_are_listed_not_those_that_accepted(
        store: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, question, capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert all(c in answer["lead"] for c in REJECTED), answer["lead"]
    assert not any(c in answer["lead"] for c in ACCEPTED), answer["lead"]
    # the sentence saying so is the first citation, and the list names the story it comes from
    assert answer["citations"][0]["quote"].startswith("Chile and Vietnam have however rejected the offer")
    assert answer["answer"].splitlines()[0] == "From “Ghana 'turns away repayment pause'” (2024-03-12):"


def test_countries_that_accepted_are_listed_without_a_fall_or_a_refusal_to_comment(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which countries accepted the tamsin group offer", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert all(c in answer["lead"] for c in ACCEPTED), answer["lead"]
    assert not any(c in answer["lead"] for c in REJECTED), answer["lead"]
    assert answer["citations"][0]["quote"].startswith("Morocco, Peru and Ghana accepted")


def test_no_country_taking_the_stance_no_list(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Bolivia, Ecuador and Paraguay are only studying the credit line: none rejected it
    answer = ask_json(store, "which countries rejected the brevik fund fuel credit line", capsys)
    assert not answer["abstained"]
    assert answer["lead_kind"] == "quote", answer
    assert answer["lead"] == answer["citations"][0]["quote"]


def test_a_list_without_a_stance_is_still_written(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which countries are studying the brevik fund fuel credit line", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert answer["lead"] == "Bolivia, Ecuador and Paraguay"


def test_countries_only_of_the_clause_and_sentences_saying_what_was_asked(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "employs 9,000 staff in Kenya alone, and has large farms in Chile, …": Kenya is no farm country;
    # "Tarvo Foods was formed … with Dutch grower Ossel" says nothing of farms but the firm's name
    answer = ask_json(store, "which countries does tarvo foods have large farms in", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert answer["lead"] == "Chile, Peru and Spain"


def test_the_country_saying_whose_the_asked_firm_is_is_no_item(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Shares in Danish shipping firm Harlow Lines …": Denmark is Harlow's country, not a bidder's
    answer = ask_json(store, "which country's firm might bid for harlow lines", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert answer["lead"] == "Germany"


def test_one_country_asked_two_in_the_sentence_it_is_quoted(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which country became the biggest buyer of melka tea in 2023", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("Egypt overtook Pakistan to become the biggest buyer")


def test_a_bloc_is_no_country(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "tabled by Spain and Italy after the last G8 meeting" under "Several EU ministers …": the EU and
    # the G8 are no countries
    answer = ask_json(store, "which countries tabled the ship fuel levy plan", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert answer["lead"] == "Spain and Italy"
