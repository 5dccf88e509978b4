"""A month asked is a scope, typed in capitals or not (issue 11, item 2: a lead only when it answers).

"how many jobs did the us add in december", asked of a store whose only payroll sentence is about
January, had its lower-case month ignored and stated January's figure as December's. A month named
only as the baseline of a change ("8% in the year to June, down from 12% in February") still fits a
question about that month. Asked through `tradebrief ask --json` on tests/fixtures/month-scope/, on
every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

MONTH_SCOPE = ROOT / "tests" / "fixtures" / "month-scope"

store = store_fixture("month_scope", MONTH_SCOPE)


@pytest.mark.parametrize("question", ["how many jobs did farland add in april",
                                      "How many jobs did Farland add in April?"])
def test_another_months_figure_is_not_stated_as_the_asked_months(
        store: str | Path, capsys: pytest.CaptureFixture[str], question: str) -> None:
    answer = ask_json(store, question, capsys)
    assert "61,000" not in answer["lead"], answer["answer"]
    assert answer["lead_kind"] != "synthesised", answer["answer"]


def test_the_asked_month_as_a_changes_baseline_still_answers(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what was farland's industrial output growth in february", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "12% in February" in answer["citations"][0]["quote"]


@pytest.mark.parametrize(("question", "months"), [
    ("how many jobs did the us add in december", ("december",)),
    ("What was GDP in May 2004?", ("may",)),
    ("May the bank raise rates again?", ()),
    ("prices may rise in March", ("march",)),
    ("will they march on parliament", ()),
    ("sales in june and in august", ("june", "august")),
])
def test_months_are_read_in_either_case_but_not_from_verbs(question: str, months: tuple[str, ...]) -> None:
    from bot.focus import _months_asked

    assert _months_asked(question) == months
