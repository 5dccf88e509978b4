"""Classes of follow-up that used to fail, on articles of tests/fixtures/followups (our own words):

- "who founded it?" after "how much will Kestova Air raise from its IPO?": "it" is the firm, not the
  IPO it owns; and a role given as a passive verb ("founded by Lidia Marsh") answers it;
- "and in IT?" after "how many … jobs will go in retail banking": the phrase after the same
  preposition is swapped, and the last story's sentence naming it answers;
- "what stake is it buying?": a stake written without the word ("agreed to buy 40% of Lumara"),
  about the subject, beats another party's "stake" in the same story; "who is it buying them
  from?": "them" is the shares the conversation spoke of, and the story's sentence naming a party
  after "from" answers;
- "and its revenue?" after "what was Brennor Telecom's annual profit?", "and the chairman?" after "who is
  its chief executive?": the same subject, the attribute swapped for another of its kind;
- "and before?": the same question, in the past ("Previously, passengers could claim …");
- "what levy per tonne does Ostria want it to pay?" with "it" read as Veltro Oil: a story that never
  names Veltro Oil (Ostria's gas imports) is no answer, however well it matches the other words.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.conversation import Turn, resolve_followup
from bot.models import Asker
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.fakes.telegram_api import make_message_update, parse_telegram_html
from tests.stores import Stores
from tests.test_followups import Clock, followup_service, telegram_on

FOLLOWUPS = ROOT / "tests" / "fixtures" / "followups"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, FOLLOWUPS, Clock()) as service:
        yield service


async def test_it_is_the_firm_not_the_thing_it_owns(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("how much is kestova air expected to raise from its ipo")
    founder = await console.handle("who founded it?")
    assert founder is not None
    assert founder.startswith("Showing results for: who founded Kestova Air?\n"
                              "Kestova, which was founded by former cargo pilot Lidia Marsh")
    started = await console.handle("when did it start flying?")
    assert started is not None
    assert started.startswith("Showing results for: when did Kestova Air start flying?\n")
    assert "since it began flying in 2001" in started


async def test_and_in_a_phrase_swaps_the_phrase_after_that_preposition(service: Tradebrief, stores: Stores) -> None:
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("how many tolmark bank jobs will go in retail banking",
                                                 chat_id=41, user_id=41))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 41)
        await tg.push_update(make_message_update("and in IT?", chat_id=41, user_id=41))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "tolmark bank jobs will go in IT" in c.text)
        texts = [parse_telegram_html(c.text) for c in tg.sent(41, method="sendMessage")]
        follow = next(t for t in texts if "will go in IT?" in t)
        header, _, body = follow.partition("\n")
        assert header == "Showing results for: how many tolmark bank jobs will go in IT?"
        assert body.strip().startswith("Some 900 of the jobs to go are in retail banking, with IT and marketing losing")


async def test_a_pronouns_subject_owns_the_stake_and_them_is_the_shares(service: Tradebrief) -> None:
    asker = Asker("console", "local", "me")
    await service.ask("how much will castaldi spirits pay for its lumara shares", asker)
    stake = await service.ask("what stake is it buying?", asker)
    assert stake.read_as == "what stake is Castaldi Spirits buying?"
    assert stake.citations[0].quote.startswith("Castaldi Spirits of Verona has agreed to buy 40% of Lumara")
    seller = await service.ask("who is it buying them from?", asker)
    assert seller.read_as == "who is Castaldi Spirits buying the lumara shares from?"
    # a party asked for after a stranded "from": the story's sentence naming one after "from" leads
    assert seller.citations[0].quote == "The Italian distiller will acquire the shares from the Ostria City Investment Office."


async def test_a_pronouns_firm_is_answered_from_a_story_naming_it(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("who is veltro oil's new chief executive?")
    levy = await console.handle("what levy per tonne does ostria want it to pay?")
    assert levy is not None
    header, _, body = levy.partition("\n")
    assert header == "Showing results for: what levy per tonne does ostria want Veltro Oil to pay?"
    assert "Veltro Oil shares slide on levy warning" in body.split("Sources:")[1].split("[2]")[0]
    assert "gas" not in body.split("Sources:")[0]


async def test_and_its_attribute_asks_the_same_subject_for_another_attribute(service: Tradebrief) -> None:
    asker = Asker("telegram", "52", "52")
    await service.ask("what was brennor telecom's annual profit?", asker)
    revenue = await service.ask("and its revenue?", asker)
    assert revenue.read_as == "what was brennor telecom's annual revenue?"
    assert revenue.citations[0].quote.startswith("Brennor's revenue climbed 5% to 1.4bn euros")
    console = ConsoleAdapter(service)
    await console.handle("who is brennor telecom's chief executive?")
    chair = await console.handle("and the chairman?")
    assert chair is not None
    assert chair.startswith("Showing results for: who is brennor telecom's chairman?\nTomas Reyes (chairman) [1].")


async def test_and_for_a_name_already_asked_about_narrows_the_question(service: Tradebrief) -> None:
    """"and for the rest of Lumara?" names no new firm: the buyer is not replaced by the firm bought."""
    asker = Asker("telegram", "53", "53")
    await service.ask("how much will castaldi spirits pay for lumara?", asker)
    rest = await service.ask("and for the rest of lumara?", asker)
    assert rest.read_as == "how much will castaldi spirits pay for lumara: rest of lumara?"


async def test_and_in_a_year_replaces_last_year(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("what was brennor telecom's profit last year?")
    earlier = await console.handle("and in 2022?")
    assert earlier is not None
    assert earlier.startswith("Showing results for: what was brennor telecom's profit in 2022?\n")


async def test_and_before_asks_the_same_question_before(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("how much can rail passengers in ostria claim for delays?")
    before = await console.handle("and before?")
    assert before is not None
    header, _, body = before.partition("\n")
    assert header == "Showing results for: how much can rail passengers in ostria claim for delays: previously?"
    assert body.startswith("Previously, passengers could claim between 5 and 15 krona")


def test_reading_swapped_phrases_and_owned_things() -> None:
    jobs = Turn(question="how many jobs will Tolmark cut in marketing", kind="figure", entities=("tolmark",),
                display=("Tolmark",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and in IT?", jobs, []) == ("how many jobs will Tolmark cut in IT?", "entity")
    # a phrase holding the subject's name is not swapped as a phrase
    paid = Turn(question="how much did Medwell pay for Corlan", kind="figure", entities=("medwell", "corlan"),
                display=("Medwell", "Corlan"), article_id="a", sentence_id="a:1")
    assert resolve_followup("and for its debt?", paid, [])[0] != "how much did Medwell pay for its debt?"
    # "it" as an object is the second name, unless the question wrote that as the subject's own
    assert resolve_followup("who sold it?", paid, [])[0] == "who sold Corlan?"
    raise_ = Turn(question="how much did Kestova raise from its IPO", kind="figure", entities=("kestova", "ipo"),
                  display=("Kestova", "IPO"), article_id="a", sentence_id="a:1")
    assert resolve_followup("who founded it?", raise_, [])[0] == "who founded Kestova?"
    # an attribute swapped for another of its kind only where the last question owned one, not for a verb
    assert resolve_followup("and its debt?", raise_, [])[0] != "how much did Kestova debt from its IPO?"
    profit = Turn(question="what was Brennor's net profit in 2023", kind="figure", entities=("brennor",),
                  display=("Brennor",), article_id="a", sentence_id="a:1")
    assert resolve_followup("what about its sales?", profit, []) == ("what was Brennor's sales in 2023?", "topic")
    assert resolve_followup("and its chairman?", profit, [])[0] != "what was Brennor's net chairman in 2023?"
    last = Turn(question="how much did Brennor earn last year", kind="figure", entities=("brennor",),
                display=("Brennor",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and in 2021?", last, []) == ("how much did Brennor earn in 2021?", "entity")
