"""How a question is read (issue 11, classes read in session 15; fixtures in our own words under
tests/fixtures/s15-reading/):

- "which cabinet member …?", "which US attorney …?", "which board member …?" ask for one person, as "which
  minister …?" does: the sentence naming someone ("Transport Secretary Hal Brennan … ordered a full inquiry")
  leads, not the story's opening sentence that names nobody;
- "GDP" asked is found where the news writes it out: "how large is Tavora's GDP?" is answered by "Tavora has gross
  domestic product of $820m", not turned away as covering none of the question;
- a total asked ("how much has the payroll fraud cost in total?") is not answered by an amount a month or each
  ("has cost it £2m a month"): the near miss is said; asked a month, the same sentence answers.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s15-reading"

store = store_fixture("s15_reading", FOLDER)


def test_which_cabinet_member_asks_a_person(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which cabinet member ordered an inquiry into the holiday rail chaos in sellia?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Hal Brennan" in answer["citations"][0]["quote"], answer["answer"]


def test_gdp_is_found_written_out(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how large is tavora's gdp?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$820m" in answer["citations"][0]["quote"], answer["answer"]


def test_an_amount_a_month_is_no_total(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = ask_json(store, "how much has the harlow payroll fraud cost in total?", capsys)
    assert total["abstained"] and total["near_miss"], total["answer"]
    monthly = ask_json(store, "how much does the harlow payroll fraud cost each month?", capsys)
    assert not monthly["abstained"] and "£2m a month" in monthly["citations"][0]["quote"], monthly["answer"]
