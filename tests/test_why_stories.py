"""Why-questions answered from the story that holds them (issue 11, session 9).

A change going on ("what got the economy growing again?") is explained by a cause, not by what is needed
to keep it going; an action asked ("why is the airline dropping its flights?") by the sentence saying the
decision's cause outright rather than a quote's passing "as we have enjoyed …"; another story's report of
the asked event that gives its cause goes before a round-up restating the event; a cause in a story holding
much less of the question than the best story gives way to that story's own; and a why-question whose
cause shares few of its words is answered when the leading story holds most of the question, instead of
being turned away because no one sentence does; one led by a story that never speaks of the asked event
(none of its words but the names, nor the asked direction) is not answered from it. Asked through `tradebrief ask --json` on
tests/fixtures/s9-why/ (own words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

WHY = ROOT / "tests" / "fixtures" / "s9-why"


store = store_fixture("s9_why_stories", WHY)


def first_quote(location: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> str:
    answer = ask_json(location, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead_kind"] == "quote", answer["answer"]
    return answer["citations"][0]["quote"]


def test_a_change_going_on_is_explained_by_a_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "what got tarnland's economy growing again in 2004", capsys)
    assert "thanks to a strong revival in tin mining" in quote, quote


def test_an_action_is_explained_by_its_stated_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why is corran air dropping its velmar flights", capsys)
    assert quote.startswith("The airline described the decision as commercial, taken because"), quote


def test_another_story_giving_the_cause_goes_first(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why did penmoor assurance cut its bonus rates", capsys)
    assert quote.startswith("Penmoor blamed weak share prices"), quote


def test_the_story_holding_the_question_answers(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no one sentence holds enough of the question's words; the story does, and its cause sentence leads
    quote = first_quote(store, "why are some traders reading kestrel's early bond sale as a sign of trouble", capsys)
    assert quote.startswith("The sale was brought forward because"), quote


def test_a_story_not_holding_the_question_does_not(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the same story holds the name and a few words (a sign, trouble, pits), not the asked event: no answer
    answer = ask_json(store, "why are some traders reading kestrel's new pits as a sign of trouble", capsys)
    assert answer["abstained"], answer["answer"]


def test_a_cause_in_a_story_about_something_else_gives_way(store: str | Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # "the main reasons behind the increase" in a story on money sent home holds less of the question than
    # the story of the vote, whose "She argued that …" gives the asked reasons
    quote = first_quote(store, "what reasons did voss give for voting for an increase", capsys)
    assert quote.startswith("She argued that spending in the shops"), quote


def test_a_story_never_speaking_of_the_event_explains_nothing(store: str | Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # Kettleby's only story says nothing of jobs or cuts: the name is stored, the asked event is not
    answer = ask_json(store, "why is kettleby cutting jobs", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_the_asked_direction_counts_as_speaking_of_it(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "harvest" is not in Tarnland's story, but the rise asked ("up") is: it speaks of the asked event
    answer = ask_json(store, "why was tarnland's harvest up in 2004", capsys)
    assert not answer["abstained"], answer["answer"]
