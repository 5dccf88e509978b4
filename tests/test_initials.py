"""A firm known by two initials, typed in lower case ("bp", "gm"), is that firm (issue 11, items 1-2).

The store writes such names in capitals only. Read as a plain word they named nobody, and "how much
did dl earn in 2004?" was answered with another industry's earnings. Two-letter English words ("it",
"us", "ok") and country codes ("uk") are not read as firms. Asked through `tradebrief ask --json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

INITIALS = ROOT / "tests" / "fixtures" / "initials"


store = store_fixture("initials", INITIALS)


def test_lower_case_initials_are_the_firm(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much did dl earn in 2004", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2.1bn" in answer["lead"] and "5.5bn" not in answer["answer"]
    assert answer["citations"][0]["quote"].startswith("Shipping group DL has reported")


def test_a_two_letter_word_is_not_read_as_a_firm(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much did it earn in 2004", capsys)
    assert "DL" not in answer.get("read_as", "") and "mention DL" not in answer["answer"]
    assert not answer["citations"] or not answer["citations"][0]["quote"].startswith("Shipping group DL")
