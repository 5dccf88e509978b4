"""A why-question is answered by the sentence giving the cause, in the ways news writes one. A purpose
counts: "the cuts are needed to pay for new presses" says why jobs go. Asked through `tradebrief ask --json`
on tests/fixtures/causes/ (issue 11: the first citation answers the question asked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

CAUSES = ROOT / "tests" / "fixtures" / "causes"


store = store_fixture("causes", CAUSES)


def test_a_purpose_answers_why(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "why is the harlow gazette axing reporters", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "needed to pay for" in answer["citations"][0]["quote"], answer["answer"]
