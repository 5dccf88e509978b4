"""How a question is read (issue 11, classes read in session 15; fixtures in our own words under
tests/fixtures/s15-reading/):

- "which cabinet member …?", "which US attorney …?", "which board member …?" ask for one person, as "which
  minister …?" does: the sentence naming someone ("Transport Secretary Hal Brennan … ordered a full inquiry")
  leads, not the story's opening sentence that names nobody.

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
