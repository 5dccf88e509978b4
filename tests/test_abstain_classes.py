"""Near misses and unknown names said as such, and answerable questions not turned away (issue 11, item 7).

Classes found on a realistic store: a measure the store writes as a name ("GDP") taken for the owner of the
fact; a stretch of time ("after three years") taken for the asked amount; "The bank also …" in a story about
another bank taken for the asked bank's; a speaker ("the NTC said regional exports …") taken for the owner;
"how much more" answered only by a sum; the price of one model taken for another's; a sum right before the
thing asked about ("a $2.4bn gas pipeline") not read as its cost; a name the store lacks respelt into another
by two unrelated letters; the plural of a stored word, and rare English the store never uses; a name the store
writes with "'s" typed without it; "raise" of money read as a rise; a figure's measure read across a comma.
Asked through `tradebrief ask --json` on tests/fixtures/abstain-s6/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

FIXTURES = ROOT / "tests" / "fixtures" / "abstain-s6"


store = store_fixture("abstain_s6", FIXTURES)


def ask(db: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return ask_json(db, question, capsys)


def test_a_measure_written_as_a_name_is_not_whose_it_is(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what's uzbekistan's gdp growth", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "mention Uzbekistan, but no GDP growth" in answer["answer"]
    assert "1.4%" not in answer["answer"] and "1.9%" not in answer["answer"]


def test_a_stretch_of_time_is_no_dividend(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how big a dividend per share is harlow telecom paying", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "0.40 euros" not in answer["answer"]


def test_the_bank_in_another_banks_story_is_that_bank(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did fenwick trust's net income fall last year", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "2% fall" not in answer["answer"]
    assert "Fenwick Trust, but no profit fall" in answer["answer"]


def test_a_speaker_does_not_own_the_figure(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Nordic exports reach in 2004?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$210bn" in answer["answer"]


def test_how_much_more_is_answered_by_a_percentage(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much more will Kessler Steel pay for coking coal?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("Shares in Danish group Mollby fell")


def test_another_models_price_is_no_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much will vintner motors' crossover cost", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "no crossover price" in answer["answer"]
    assert "£9,000" not in answer["answer"]


def test_a_sum_before_the_thing_is_its_cost(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much will the adriatic gas pipeline cost", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$2.4bn" in answer["answer"]


def test_a_name_is_not_respelt_by_two_unrelated_letters(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many daily users does zortel have", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention zortel" in answer["answer"]
    assert "10 million" not in answer["answer"]


def test_the_plural_of_a_stored_word_is_known(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "which broadsheets have gone tabloid and seen sales climb", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Daily Courier" in answer["answer"]


def test_rare_english_the_store_never_uses_is_said_to_be_missing(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did the uk furlough scheme cost in total", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention furlough" in answer["answer"]
    assert "£2.3bn" not in answer["answer"]


def test_a_name_written_with_its_s_is_respelt_from_a_slip(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "who runs gundyrs", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Mara Lint" in answer["answer"]


def test_money_raised_is_no_rise(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much money did the tpc share offer raise", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "31bn rupees" in answer["answer"]


def test_charge_as_the_verb_asks_a_price(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what does portugal's existing mobile operator charge", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("The new operator planned to offer contracts")


def test_another_qualifier_of_the_role_is_another_role(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "who is gundry's chief financial officer", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "no chief financial officer" in answer["answer"]


def test_a_fall_asked_where_the_store_reports_a_rise_is_said(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did fenwick trust's net income fall last year", capsys)
    assert "but no profit fall; the closest reports a rise" in answer["answer"], answer["answer"]


def test_the_owner_of_a_role_the_store_lacks_is_said_to_be_missing(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "who is the chief executive of vexo", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention vexo" in answer["answer"]
    assert "Mara Lint" not in answer["answer"]


def test_a_subject_the_store_writes_only_in_another_word_is_unknown(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many daily users does sky have", capsys)
    assert answer["abstained"], answer["answer"]
    assert "do not mention sky" in answer["answer"]
    assert "10 million" not in answer["answer"]


def test_paying_in_fines_asks_a_fine(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did marlin pharma pay in fines", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "845 pence" not in answer["answer"] and "$2.5m" not in answer["answer"]
    dorner = ask(store, "how much did dorner chemicals pay in fines", capsys)
    assert not dorner["abstained"] and "$2.5m" in dorner["answer"], dorner["answer"]


def test_the_closest_sentence_names_the_firm_not_only_the_country(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "why did gundry's quit the german chemicals market in chile", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "Dorner" not in answer["answer"]


def test_a_count_in_another_firms_clause_is_not_the_firms(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many branches does ashby bank have", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["lead"] != "3,000 branches" and "no count of branches" in answer["answer"]


def test_initials_another_firm_goes_by_are_no_alias(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many jobs is grove mining cutting", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "5,000" not in answer["answer"]


def test_a_country_in_the_firms_name_is_not_where_the_fact_is_asked(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many jobs has irish sealink cut", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "900 jobs" in answer["answer"]


def test_a_sum_of_money_is_no_count(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many passengers did skyhop air carry last year", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "900m euros" not in answer["answer"]


def test_its_after_an_opening_phrase_is_the_storys_subject(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what is weiss auto's annual profit", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "1.2bn euros" not in answer["answer"]


def test_a_count_is_not_stated_of_a_subject_its_sentence_never_names(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many jobs is the union cutting", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    assert "900" not in answer.get("lead", "")
    ferry = ask(store, "how many jobs is the ferry firm cutting", capsys)
    assert not ferry["abstained"] and "900 jobs" in ferry["answer"], ferry["answer"]
    # the carmaker's story names the union too, but only as the party protesting the carmaker's cuts
    carmaker = ask(store, "how many jobs is the carmaker cutting", capsys)
    assert not carmaker["abstained"] and "5,000 jobs" in carmaker["lead"], carmaker["answer"]


def test_a_firm_described_at_the_start_is_the_storys_subject(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did kaito's profit rise", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "30%" not in answer["answer"]


def test_a_figure_is_not_stated_of_a_subject_its_story_never_names(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what dividend is the union paying", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    assert "0.40 euros" not in answer.get("lead", "")


def test_a_stake_is_not_the_price_of_a_takeover(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what stake does pellow holdings hold in arden foods", capsys)
    assert not answer["abstained"], answer["answer"]
    assert not (answer["lead_kind"] == "synthesised" and "£300m" in answer["lead"]), answer["answer"]
    assert answer["citations"][0]["quote"].startswith("Pellow Holdings holds a 22% stake")


def test_a_yardsticks_own_figure_is_its_own(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what's velden soft's market value", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$9.5bn" in answer["answer"]
