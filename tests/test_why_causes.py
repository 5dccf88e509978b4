"""Why-questions open with the sentence of the leading story that explains the asked event (issue 11).

News gives a cause in many ways besides "because": "mistakes … had forced the move", "The main reason
is …". A cause of something else does not answer: a purpose explains an action, not a change ("a
purchase aimed at taking the firm into northern Europe" is no reason for profits to stall), and a
sentence reporting the other direction ("boosted … to a record high") explains another event than the
asked slide. A sentence naming the event's words without reporting the asked fall ("in the spotlight
after signing a deal") gives way to the cause; of two reports of one event about as good, the one that
gives its cause answers. Asked through `tradebrief ask --json` on tests/fixtures/why-causes/ (own words).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

WHY = ROOT / "tests" / "fixtures" / "why-causes"


store = store_fixture("why_causes", WHY)


def test_a_verb_of_causing_gives_the_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the topic sentence repeats the question's words; the cause is "… had forced the move"
    quote = first_quote(store, "why is kessling doughnuts restating its accounts", capsys)
    assert quote.startswith("Kessling said mistakes in how it valued"), quote


def test_the_main_reason_answers_why(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why did business confidence in morvane fall in february", capsys)
    assert "The main reason is probably" in quote, quote


def test_a_purpose_is_no_cause_of_a_change(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why have ostrava pumps' profits stalled", capsys)
    assert quote.startswith("Profits at Ostrava Pumps"), quote
    assert "aimed at" not in quote


def test_a_cause_of_the_other_direction_does_not_answer(store: str | Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why did pellow mining shares slide", capsys)
    assert quote.startswith("Shares in Pellow Mining slid 9%"), quote


def test_a_sentence_not_reporting_the_asked_fall_gives_way_to_its_cause(store: str | Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # "in the spotlight after signing a deal" names the deal but reports no fall of the shares
    quote = first_quote(store, "why have harrow software's shares fallen since the quintel deal", capsys)
    assert quote.startswith("Its shares are down 15%"), quote


def test_of_two_reports_of_one_event_the_one_giving_its_cause_answers(store: str | Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why has the lindmark central bank left interest rates unchanged", capsys)
    assert quote.startswith("Borrowing costs stayed on hold amid worries"), quote


def test_a_why_question_in_the_askers_own_words_is_answered_by_the_cause(store: str | Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # "earnings shrinking" is not how the story puts it; the sentence blaming the fall in profits answers
    quote = first_quote(store, "why are brenna cars' earnings shrinking", capsys)
    assert quote.startswith("The carmaker blamed the fall in profits"), quote


@pytest.mark.parametrize(("question", "opening"), [
    ("what forced kessling doughnuts to restate its accounts", "Kessling said mistakes in how it valued"),
    ("what hurt business confidence in morvane in february", '"The main reason is probably'),
    ("what is behind the fall in brenna cars' earnings", "The carmaker blamed the fall in profits"),
])
def test_a_cause_asked_as_what_did_it_is_a_why_question(store: str | Path, capsys: pytest.CaptureFixture[str],
                                                        question: str, opening: str) -> None:
    # "what hurt …", "what forced …", "what is behind …" ask for the cause as a why-question does
    quote = first_quote(store, question, capsys)
    assert quote.startswith(opening), quote
