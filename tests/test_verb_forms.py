"""A question's verb is read as written: one form of an irregular verb meets a sentence in another
("sell" and "sold"), and "how much did it raise" asks for money raised, not for the shares sold.

The stemmer keeps "sell" and "sold" apart, so "what did Brackwater Mills sell for" was answered by the sentence
saying "selling" instead of the one saying what it was sold for. Asked through `tradebrief ask --json` on
tests/fixtures/verb-forms/ (issue 11: the first citation answers the question asked).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.retrieval import EXPANSIONS, IRREGULAR_VERBS
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

FORMS = ROOT / "tests" / "fixtures" / "verb-forms"


store = store_fixture("verb_forms", FORMS)


def test_a_past_tense_sentence_answers_a_present_tense_question(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what did brackwater mills sell for", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$640m" in answer["citations"][0]["quote"], answer["answer"]


def test_how_much_a_sale_raised_is_asked_not_the_shares(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much does corrib exchange hope to raise from selling its own shares", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$80m" in answer["citations"][0]["quote"], answer["answer"]
    assert "12 cents" not in answer["lead"] and "3%" not in answer["lead"], answer["answer"]


def test_raising_rates_is_not_money_raised(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much did tallis software raise its prices", capsys)
    assert "$80m" not in answer["lead"], answer["answer"]


def test_every_form_of_a_verb_expands_to_the_others() -> None:
    for forms in IRREGULAR_VERBS:
        for form in forms:
            assert set(forms) - {form} <= set(EXPANSIONS[form]), form
