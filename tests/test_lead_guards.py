"""A synthesised lead is written only when it answers; otherwise the sentence is quoted (issue 11, item 2).

Classes found on a new held-out set: a date stated for "how long"; a minister of another country
stated as the asked country's; a name the store lacks respelt into a two-letter word ("byd" read as "by") and then
answered with another firm's sales. Asked through `tradebrief ask --json` on tests/fixtures/lead-guards/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

GUARDS = ROOT / "tests" / "fixtures" / "lead-guards"


store = store_fixture("lead_guards", GUARDS)


def test_how_long_is_not_answered_with_a_date(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how long was corvin dale jailed for", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    assert not answer["lead"].startswith("1991")


def test_another_countrys_minister_is_not_stated_as_the_asked_ones(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who is brazil's oil minister", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    norway = ask_json(store, "who is norway's oil minister", capsys)
    assert not norway["abstained"] and "Terje Vik" in norway["answer"]


def test_an_unknown_name_is_not_respelt_into_a_two_letter_word(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many electric cars did byd sell last year", capsys)
    assert answer["abstained"] and "80,000" not in answer["answer"], answer["answer"]
    assert answer.get("read_as", "") == ""


def test_apiece_after_the_conversions_is_a_price_per_share(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what price per share is marlow textiles paying in the buyback", capsys)
    assert not answer["abstained"], answer["answer"]
    quote = answer["citations"][0]["quote"]
    assert quote.startswith("Under the plan, 20 million shares will be bought back at 410 rupees"), quote


def test_a_market_capitalisation_says_what_a_firm_is_worth(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what is tarrow games worth on the stock market", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("Tarrow Games has a stock market capitalisation")


def test_a_relative_time_is_quoted_not_stated_as_the_date(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "when did tarvik steel's output fall", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    assert answer["lead"] != "last quarter", answer["answer"]


def test_a_figure_is_not_stated_from_a_sentence_sharing_only_the_name(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Halden's story gives what it pays for Ribbonly, never what Halden itself is worth: the $310m
    # may be quoted, but is not stated as Halden's value
    answer = ask_json(store, "what could a stand-alone halden foods be worth", capsys)
    assert answer["abstained"] or answer["lead_kind"] != "synthesised", answer["answer"]
    assert not answer["lead"].startswith("$310m")
    paid = ask_json(store, "how much is halden foods paying for ribbonly", capsys)
    assert paid["lead_kind"] == "synthesised" and paid["lead"] == "$310m", paid["answer"]
