"""Which stored sentence comes first, on the trap fixtures (tests/fixtures/traps), through `ask --json`.

- a sentence that refers back to the firm ("The firm, which supplies …") is about the firm the
  sentence before it names, so it can answer a question about that firm;
- a sentence that goes on from a good one ("This is because …") is cited even when it shares no
  word with the question;
- a "which banks …" question is answered by the sentence that lists names, not by one that merely
  repeats the question's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_traps import ask, store  # noqa: F401  (the module-scoped trap store fixture)


def test_the_firm_sentence_answers_for_the_firm_named_before_it(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "What charge rise does Portalis Water want?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("The firm, which supplies the coastal towns")
    assert "38%" in answer["answer"]


def test_the_sentence_giving_the_cause_after_the_one_about_the_recall_is_cited(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Why is Corvane recalling its scooters?", capsys)
    assert not answer["abstained"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert any(q.startswith("This is because of a fault in the brake cables") for q in quotes)


def test_which_banks_is_answered_by_the_sentence_naming_them(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Which banks are advising Ostrel Exchange?", capsys)
    assert not answer["abstained"]
    first = answer["citations"][0]["quote"]
    assert "Kessler Hart and Amberly Capital" in first
