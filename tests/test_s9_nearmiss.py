"""Must-abstain questions that were answered with a loosely related quote (issue 11, item 7; session 9).

Classes: a name with a number the store never writes ("Covid-19"-like) and a capitalised title whose words are
all stored but which the store never writes ("… Reduction Act"-like) are said to be missing; a "when will …"
question answered by a sentence that gives no time at all, and a yes/no question about a plan ("is X planning
to raise …?") answered by a sentence that does not carry the planned action, are near misses, unless a sentence
about the entity does carry it (then that one leads). Answerable twins check nothing stored is turned away.
Asked through `tradebrief ask --json` on tests/fixtures/s9-nearmiss/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

FIXTURES = ROOT / "tests" / "fixtures" / "s9-nearmiss"


store = store_fixture("s9_nearmiss", FIXTURES)


def ask(db: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return ask_json(db, question, capsys)


def test_a_numbered_name_the_store_never_writes_is_missing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How badly did the Grippa-7 epidemic hit Kestland retail sales?", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention Grippa-7" in answer["answer"]
    assert "1998" not in answer["answer"]


def test_a_stored_numbered_name_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How many Skyliner-400 jets has Marlow Air ordered?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "14" in answer["answer"]


def test_a_title_the_store_never_writes_is_missing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # every word is stored ("clean", "harbours", "act" is not needed): the title itself is not
    answer = ask(store, "What does the Kestland Clean Harbours Act set aside for ports?", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention" in answer["answer"] and "Clean Harbours Act" in answer["answer"]
    assert not answer["citations"]


def test_a_title_the_store_writes_in_lower_case_is_known(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What will the Port Renewal Fund pay for?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("The government said its port renewal fund")


def test_when_answered_by_a_sentence_giving_no_time_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "When will Tarvia complete the move of its ministry computers to open-source software?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "but no date for this" in answer["answer"]


def test_when_answered_with_a_time_stands(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "When will Norlund finish its metro line?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2027" in answer["answer"]


def test_a_plan_the_sentence_does_not_carry_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "is velden re planning to raise its premiums after the storm?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "Velden Re, but no plan to raise its premiums" in answer["answer"]


def test_the_sentence_carrying_the_asked_plan_leads(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Is Fulmar Foods planning to sell its bakery arm, according to its chief executive?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("She rejected reports"), answer["answer"]


def test_a_countrys_rate_asked_where_no_sentence_states_one_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what was fiji's economic growth rate in 2024", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "2.5%" not in answer.get("lead", "")


def test_a_countrys_rate_stated_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what was samoa's economic growth rate in 2024", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2.5%" in answer["answer"]


def test_an_index_reading_no_sentence_about_the_firm_states_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the sentence holding the index's words and an amount ("a fifth of the workforce") is not about the institute
    answer = ask(store, "What reading did the Halden Institute's optimism index reach in March?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_an_index_reading_stated_of_the_firm_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What level did the Marsh Group's consumer mood index reach in March?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "98.6" in answer["answer"]


def test_a_market_share_no_sentence_about_the_firm_states_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what's corven bank's market share", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "4%" not in answer["answer"] and "12%" not in answer["answer"]


def test_a_market_share_stated_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what's pellow bank's market share", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "12%" in answer["answer"]


def test_an_expectation_asked_is_answered_by_one(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many visitors was the Tamsin Gallery expecting on its opening day?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "9,000" in answer["answer"]


def test_what_happened_is_not_answered_by_an_expectation(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many visitors did the Tamsin Gallery have on its opening day?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_a_role_is_held_at_the_name_beside_it(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "the Tabriz strike" says what the quote was about; the economist is Kelso Capital's
    answer = ask(store, "Who is the Kelso Capital energy economist quoted on the Tabriz strike?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Ida Moss" in answer["answer"]


def test_a_role_the_name_beside_it_lacks_is_a_near_miss(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Who is the Kelso Capital chief executive quoted on the Tabriz strike?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_a_percentage_an_account_pays_is_its_rate(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What rate does the Kestrel Bonus account pay?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "3.9%" in answer["answer"]


def test_a_percentage_paid_is_no_rate_charged(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What rate does Tolland Building Society charge on its mortgages?", capsys)
    assert answer["abstained"], answer["answer"]
    assert "4.1%" not in answer.get("lead", "")


def test_a_title_named_after_a_country_the_store_never_writes_is_missing(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What did the Fiji Agreement commit the islands to?", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention Fiji Agreement" in answer["answer"]


def test_an_agreement_the_store_writes_of_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What did the tourism agreement between Fiji and Samoa cover?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "airport staff" in answer["answer"]


def test_when_asked_of_nothing_stored_by_name_and_answered_with_no_time_abstains(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "when will the new coins replace the old paper notes?", capsys)
    assert answer["abstained"], answer["answer"]
    assert not answer["citations"]


def test_a_plan_reported_in_another_verb_of_its_kind_is_carried(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "is orwell insurance planning to cut jobs?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("The insurer also said it would reduce its workforce")


def test_when_the_sentence_giving_the_time_leads(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "When will Corran Ferries move its passenger terminal to the east quay?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("The new terminal is due to open next spring"), answer["answer"]


def test_a_year_no_story_about_the_firm_tells_of_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much steel did Halvard Steel make in 1998?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "2.1m" not in answer.get("lead", "")


def test_a_year_the_story_tells_of_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much steel did Halvard Steel make in 2024?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2.1m tonnes" in answer["answer"]


def test_what_year_answered_by_a_sentence_giving_no_time_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "In what year will Tarvia finish moving its ministry computers to open-source software?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_what_year_answered_with_one_stands(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What year will Norlund finish its metro line?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2027" in answer["answer"]


def test_a_share_of_a_market_no_sentence_about_the_firm_states_is_a_near_miss(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what is corven bank's share of the mortgage market?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "4%" not in answer.get("lead", "")
