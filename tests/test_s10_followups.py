"""Follow-up turns that stay with the conversation's story (issue 11, item 6; classes read from the failing
chains of final5-final8, fixtures in our own words):

- a question opened by "and" that names nobody goes on with the last story ("and how much follows later?"),
  however few of that story's words it uses, and so does one after a follow-up the story could not answer;
- "and in february?" after a question about March asks the same of February: the last story's sentence
  naming February answers, not another story's figure "in the year to February";
- "what year was that?" asks the date of the last answer, like "when was that?";
- a firm whose name holds a nationality ("Danish Mutual") is swapped for a firm, not kept as a place;
- "what about Lindqvist Re, how much does it expect in claims?": the name put first is what "it" stands for;
- a person named in full once is "Dr Okafor" after that: the sentence calling her so speaks of her.

Asked through the console adapter on tests/fixtures/s10-followups/, on every kind of store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.conversation import Turn, resolve_followup
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.stores import Stores
from tests.test_followups import Clock, followup_service

FOLDER = ROOT / "tests" / "fixtures" / "s10-followups"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, FOLDER, Clock()) as service:
        yield service


async def chain(service: Tradebrief, *questions: str) -> list[str]:
    console = ConsoleAdapter(service)
    replies = []
    for question in questions:
        reply = await console.handle(question)
        assert reply is not None
        replies.append(" ".join(reply.split()))  # (the console wraps its lines)
    return replies


async def test_and_naming_nobody_stays_in_the_story(service: Tradebrief) -> None:
    paid, later = await chain(service, "How much is Norvale paying Brightwater to end the alliance?",
                              "and how much follows later?")
    assert paid.startswith("90m euros"), paid
    assert later.startswith("Showing results for: how much follows later? (about Norvale) Brightwater is to get a further 40m euros"), later


async def test_after_an_unanswered_follow_up_the_story_is_kept(service: Tradebrief) -> None:
    replies = await chain(service, "How much will Corvin Rail pay to settle the claim?",
                          "how many staff will the firm lay off?", "and how much follows later?")
    assert replies[0].startswith("12m pounds"), replies
    assert "Corvin Rail" in replies[1] and "[1]" not in replies[1], replies  # (the story cannot say)
    assert "A further 5m pounds is to follow within a year" in replies[2].split("[1]")[0], replies


async def test_another_month_is_asked_of_the_same_story(service: Tradebrief) -> None:
    march, february = await chain(service, "how much did industrial production rise in march?", "and in february?")
    assert "0.4%" in march.split("[1]")[0], march
    assert february.startswith("Showing results for: how much did industrial production rise in february? "
                               "The statistics office said"), february


async def test_what_year_was_that(service: Tradebrief) -> None:
    who, year = await chain(service, "Under which president did Velmora's previous government try to cut fuel subsidies?",
                            "what year was that?")
    assert "Tomas Ardel" in who.split("[1]")[0], who
    assert year.startswith("2001 [1]."), year


@pytest.mark.parametrize("question", ["what year was that?", "in what month was it?", "which day was that?",
                                      "when was that?"])
def test_a_date_asked_of_the_last_answer(question: str) -> None:
    turn = Turn(question="who cut the subsidies?", article_id="a", sentence_id="a:1")
    assert resolve_followup(question, turn, [])[1] == "when"


async def test_a_firm_named_with_a_nationality_is_swapped_for_a_firm(service: Tradebrief) -> None:
    danish, hamburg = await chain(service, "what does danish mutual think total flood claims will come to?",
                                  "and hamburg mutual's exposure?")
    assert "$4bn" in danish.split("[1]")[0], danish
    assert hamburg.startswith("Showing results for: what does Hamburg Mutual think total flood claims will come to? "
                              "Hamburg Mutual, the region's second-largest reinsurer, said its own exposure"), hamburg


async def test_a_name_put_first_is_what_it_stands_for(service: Tradebrief) -> None:
    replies = await chain(service, "what does danish mutual think total flood claims will come to?",
                          "what about lindqvist re, how much does it expect in claims?")
    assert replies[1].startswith("Showing results for: how much does lindqvist re expect in claims? "
                                 "A spokesman for Lindqvist Re estimated"), replies[1]


async def test_a_person_called_by_title_and_surname(service: Tradebrief) -> None:
    who, said = await chain(service, "who heads the marlow institute's health programme?",
                            "and how did she describe the action employers are taking?")
    assert who.startswith("Amara Okafor"), who
    assert said.startswith("Showing results for: how did Amara Okafor describe the action employers are taking? "
                           "Dr Okafor described"), said


async def test_it_is_the_thing_a_name_described(service: Tradebrief) -> None:
    whose, called = await chain(service, "whose idea was the harlow foods buy-back?", "what did his sister call it?")
    assert "Piet Vos" in whose.split("[1]")[0], whose
    assert called.startswith("Showing results for: what did his sister call the Harlow Foods buy-back? "
                             "His sister Marta Vos, the deputy chairman, said"), called


@pytest.mark.parametrize(("last", "question", "read"), [
    ("what was the jobless rate?", "and in october?", "what was the jobless rate in october?"),
    ("how much did output rise in November?", "and in october?", "how much did output rise in october?"),
    ("how much did output rise in november?", "and in may?", "how much did output rise in May?"),
    ("how much may output rise in november?", "and in june?", "how much may output rise in june?"),
])
def test_a_month_typed_in_lower_case(last: str, question: str, read: str) -> None:
    turn = Turn(question=last, kind="figure", article_id="a", sentence_id="a:1")
    assert resolve_followup(question, turn, []) == (read, "entity")


async def test_and_who_runs_it(service: Tradebrief) -> None:
    paid, runs = await chain(service, "How much will Corvin Rail pay to settle the claim?", "and who runs it?")
    assert paid.startswith("12m pounds"), paid
    assert runs.startswith("Showing results for: who runs Corvin Rail? Dana Holt"), runs


@pytest.mark.parametrize(("display", "person", "read"), [
    ("Glazer", "Glazer", "when does it expire?"),  # "it" is no person: left for the story to answer
    ("Ford", "Bill Ford", "when does Ford expire?"),  # a firm that shares a surname is still the firm
])
def test_it_is_no_person(display: str, person: str, read: str) -> None:
    turn = Turn(question="what did the board say about the offer?", entities=(display.lower(),), display=(display,),
                person=person, article_id="a", sentence_id="a:2")
    assert resolve_followup("and when does it expire?", turn, [])[0] == read
