"""A quoted lead that lacks what was asked is followed by its story's sentence that gives it.

"Who is Latvia's pick to run its central bank?" is best matched by the story's opening sentence, which
names no one; the next sentence names the banker. The answer quotes the opening and cites the named person
beside it, instead of leaving the reader without a name. Asked through `tradebrief ask --json` on
tests/fixtures/supplied/ (issue 11: evidence that answers the question is cited).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

SUPPLIED = ROOT / "tests" / "fixtures" / "supplied"


store = store_fixture("supplied", SUPPLIED)


def test_the_person_a_quoted_lead_lacks_is_cited_from_its_story(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who is latvia's pick to run its central bank", capsys)
    assert not answer["abstained"], answer["answer"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert any(q.startswith("Marcus Tealby, vice chairman") for q in quotes), quotes
    assert not any("Dora Pell" in q for q in quotes), quotes


def test_the_cause_a_quoted_lead_lacks_is_cited_next(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "why is corran air dropping its oslo flights", capsys)
    assert not answer["abstained"], answer["answer"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert any("due to weak demand" in q for q in quotes[:2]), quotes
