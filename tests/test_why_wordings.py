"""Why-questions asked and answered in more of the ways news writes them (issue 11, session 9).

A cause asked without "why" ("what was mainly responsible for the fall in …?", "what reasons did … give?",
"what got … growing?") is a why-question; a cause said with a participle of causing (", driving the chains
to …"), a verb of causing whose object is the asked event ("… hit shares in Oslund"), "responsible for", or
an event that "came after" another, is the answer, before the sentence that only restates the event.
Asked through `tradebrief ask --json` on tests/fixtures/s9-why/ (own words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

WHY = ROOT / "tests" / "fixtures" / "s9-why"


store = store_fixture("s9_why", WHY)


def first_quote(location: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> str:
    answer = ask_json(location, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead_kind"] == "quote", answer["answer"]
    return answer["citations"][0]["quote"]


def test_responsible_for_is_a_cause_asked_and_said(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "what was mainly responsible for the fall in veldria's factory output", capsys)
    assert quote.startswith("A steep drop in quarrying"), quote


def test_a_participle_of_causing_gives_the_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why are norland coffee chains moving into tea", capsys)
    assert quote.startswith("Imported coffee carries a heavy duty"), quote


def test_what_came_after_stays_first_in_its_story(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no name asked: the newest of tied stories would go first, but never reorder the leading story's cause
    quote = first_quote(store, "what gave the finance minister an extra £1.4bn of headroom under the borrowing rule?",
                        capsys)
    assert quote.startswith("The extra headroom came after"), quote


def test_a_verb_of_causing_with_the_asked_object(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "what knocked shares in oslund on tuesday", capsys)
    assert quote.startswith("Falling timber prices"), quote
