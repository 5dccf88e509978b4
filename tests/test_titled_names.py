"""A person named after a title is a name of the store's own (issue 11, item 5: typos in names).

The store's name index took "Thailand Prime Minister Thaksin Shinawatra" as one name, so "Thaksin
Shinawtra" (a letter left out) matched no stored name and was answered "The stored articles do not
mention Shinawtra". The person after a run's last title word is a name too, and a slip in it is
corrected like any other. Asked through `tradebrief ask --json` on tests/fixtures/titled-names/ (our
own words), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.entities import _after_title
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TITLED = ROOT / "tests" / "fixtures" / "titled-names"

store = store_fixture("titled_names", TITLED)


def test_a_slip_in_a_titled_persons_name_is_corrected(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What did Ana Velosi put the cost of the floods at?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Ana Vellosi" in answer["read_as"], answer["answer"]
    assert "3bn crowns" in answer["citations"][0]["quote"]


@pytest.mark.parametrize(("run", "person"), [
    ("Farland Prime Minister Ana Vellosi", "Ana Vellosi"),
    ("General Motors Chairman Rick Wagoner", "Rick Wagoner"),
    ("Economist Intelligence Unit", ""),  # a name in its own right, not an economist
    ("Prime Minister of Pakistan", ""),
    ("Chief Executive Officer", ""),
    ("President Bush", ""),  # one word after the title: too little to be sure it is a whole name
])
def test_the_person_after_a_title(run: str, person: str) -> None:
    assert _after_title(run) == person
