"""A price asked per share is never answered with what the offer values the whole firm at (issue 11,
item 2: a lead only when it answers).

"At what price per share is Glazer's offer for Manchester United pitched?" was answered "about £800m"
from "Reports have put the offer at 300p per share, which would value Manchester United at about
£800m". A figure stated for a per-share question must be written per share ("300p per share", "$20 a
share", "45 cents each"); otherwise the sentence is quoted. Asked through `tradebrief ask --json` on
tests/fixtures/per-share/ (our own words), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.composer import _per_share_figure
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

PER_SHARE = ROOT / "tests" / "fixtures" / "per-share"

store = store_fixture("per_share", PER_SHARE)


def test_the_firms_value_is_not_stated_as_the_price_per_share(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "At what price per share is the offer for Tarrow Mills pitched?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£310m" not in answer["lead"] or answer["lead_kind"] == "quote", answer["answer"]
    assert "420p per share" in answer["citations"][0]["quote"]


@pytest.mark.parametrize(("value", "text", "per_share"), [
    ("300p", "the offer at 300p per share, which would value the club at about £800m", True),
    ("£800m", "the offer at 300p per share, which would value the club at about £800m", False),
    ("$20", "it paid $20 a share in cash", True),
    ("45 cents", "a dividend of 45 cents each", True),
])
def test_what_is_written_per_share(value: str, text: str, per_share: bool) -> None:
    assert _per_share_figure(value, text) is per_share
