"""An amount asked for a year is answered by the sentence giving that year's amount (issue 11, the
"How big was the US trade deficit in 2004?" row): a sentence repeating the question's words whose only
amount is the previous year's record ("18% above 2003's shortfall of $71.3bn") does not lead over the
one giving 2004's ("$84.2bn in 2004"). Asked through `tradebrief ask --json` on
tests/fixtures/amount-year/ beside the trap fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
AMOUNTS = ROOT / "tests" / "fixtures" / "amount-year"


store = store_fixture("amount_year", TRAPS, AMOUNTS)


def test_the_asked_years_amount_leads_over_a_baseline_years(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how big was chile's trade deficit in 2004", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("The gap between Chile's exports"), answer["answer"]
    assert "71.3bn" not in answer["lead"], answer["answer"]


@pytest.mark.parametrize("asked", ["what's", "what is"])
def test_whats_asks_for_an_amount_like_what_is(
        asked: str, store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, f"{asked} ostra motors' stake in celda after the 2003 capital raising", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "10%" in answer["citations"][0]["quote"], answer["answer"]
