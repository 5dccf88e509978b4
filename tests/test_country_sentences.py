"""In a story about several countries, a sentence about others is no answer about the one asked (issue 11,
item 2).

"how many people in india are at risk of falling into poverty after the tsunami" led with "A quarter of
a million Sri Lankans and 23,500 people in the Maldives are also facing poverty": within the leading
story, a sentence giving the asked kind of answer more surely (two counts of people) went before the one
naming India. A sentence naming only other countries no longer displaces it. Asked through `tradebrief
ask --json` on tests/fixtures/country-sentences/ (our own words), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

COUNTRIES = ROOT / "tests" / "fixtures" / "country-sentences"

store = store_fixture("country_sentences", COUNTRIES)


def test_the_sentence_about_the_asked_country_leads(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many people in uganda are at risk of falling into poverty after the drought", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "in Uganda just over a quarter of a million people" in answer["citations"][0]["quote"], answer["answer"]


def test_a_country_the_other_sentence_names_is_answered_from_it(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many people in rwanda are facing poverty", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "12,400 people in Rwanda" in answer["citations"][0]["quote"], answer["answer"]
