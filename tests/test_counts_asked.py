""""How many …?" is carried by a sentence that may count the thing, not one that only names it (issue 11, item 2).

"How many new mortgages were approved in the UK in November?" led with "The UK's biggest mortgage lender
said prices rose 15.1% over the whole of 2004": the counted word ("mortgage") was enough to carry the
attribute, with no number there that could count anything (a share and a year). A sentence carries a
count only with a number that may be one. Asked through `tradebrief ask --json` on
tests/fixtures/counts-asked/ (our own words), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ranking import _A_COUNT
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

COUNTS = ROOT / "tests" / "fixtures" / "counts-asked"

store = store_fixture("counts_asked", COUNTS)


def test_a_count_leads_over_a_sentence_naming_the_thing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many new mortgages were approved in Portugal in November?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "64,000 new home loans" in answer["citations"][0]["quote"], answer["answer"]


@pytest.mark.parametrize(("text", "count"), [
    ("prices rose 15.1% over the whole of 2004", False),
    ("lending rose by £7.1bn in December", False),
    ("a $4m deal", False),
    ("new loans rose to 83,000", True),
    ("three new plants", True),
    ("2,004 units were sold", True),
])
def test_what_may_be_a_count(text: str, count: bool) -> None:
    assert bool(_A_COUNT.search(text)) is count
