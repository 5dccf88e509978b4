"""What a question asks of whom, read without turning answerable questions away (issue 11, item 7:
near misses only when the fact is truly missing).

Three false near misses of the realistic store, each reproduced on tests/fixtures/asked-of-whom/ (our
own words) and asked through `tradebrief ask --json`, on every kind of store:

- "What rate does the FirstSaver account pay?" against "the FirstSaver, which pays 5.25%": a
  percentage is a rate, though the sentence never says "rate";
- "who is the chief currency strategist at UBS quoted on asian central banks buying euros": the role
  is the firm's next to it (UBS); "Asian" only says which occasion, so a sentence about UBS's
  strategist that never names Asia still answers;
- "which bank employs ross walker, …?" asks for the employer, not a head count ("no jobs").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

ASKED = ROOT / "tests" / "fixtures" / "asked-of-whom"

store = store_fixture("asked_of_whom", ASKED)


@pytest.mark.parametrize(("question", "quoted"), [
    ("What rate does the Crestline SaverPlus account pay?", "Crestline SaverPlus, which pays 4.75%"),
    ("who is the chief currency strategist at Kelvin Bank quoted on asian central banks buying euros",
     "Ivo Marsh, chief currency strategist at Kelvin Bank"),
    ("which bank employs ivo marsh, the strategist quoted on the euro?", "chief currency strategist at Kelvin Bank"),
])
def test_answerable_questions_are_not_near_misses(
        store: str | Path, capsys: pytest.CaptureFixture[str], question: str, quoted: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"] and not answer["near_miss"], answer["answer"]
    assert quoted in answer["citations"][0]["quote"], answer["answer"]


def test_a_rate_the_store_lacks_is_still_a_near_miss(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What rate does Kelvin Bank charge on mortgages?", capsys)
    assert answer["abstained"], answer["answer"]
