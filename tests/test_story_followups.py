"""Follow-up classes of a conversation's story, on articles of tests/fixtures/story-followups (our own words).

- A question naming no firm, person or country stays in the story the last answer came from: "how many
  people work on the ranch?" after a question about the Pendry Foods ranch is answered from that story,
  not with a jobless total of another story that matches its words better; and when the story lacks it,
  a figure from an unrelated story is never stated (quoted at most).
- "and kelvar gold's deputy chairman?" after "who is peru's mining minister?": another owner with another
  attribute, asked the same way; "what did he say about the decision?" then reads "he" as that person.
- "what did the prosecutor say about …?" is answered by the sentence in which the prosecutor speaks (then
  "who said that?" names her); "what did Brisk Metals say about …?" by Brisk Metals' words, not another
  firm's; but a firm speaks through its people, so a sentence naming no speaker is not passed over for
  any sentence in which the firm "said" something.
- "he" after an answer quoting a sentence that names one person ("The trial of Ramon Vidal, the chairman
  of …") is that person, though the store's facts file him under later sentences; "since when has he been
  chairman?" is answered by the story's sentence giving a date ("Since taking over the chairmanship in
  1991, he …"), "how old is he?" by the one giving an age; with no one spoken of, "he" is asked about.
- "which court?" narrows the last question, and the story's sentence naming a court answers.
- "why?" after "how many jobs will go at Morrow Motors?" reads "Why will jobs go at morrow motors?"; "why
  did it fall?" after "what was ostby group's profit last year?" asks why the profit fell, not the firm.
- "who is the leader in the market?" after a question about a firm: read as about that firm it finds no such
  role, so it is answered as written, from the story.
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

STORIES = ROOT / "tests" / "fixtures" / "story-followups"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, STORIES, Clock()) as service:
        yield service


async def test_a_question_naming_nobody_stays_in_the_story_and_never_states_another_storys_figure(
        service: Tradebrief) -> None:
    # one-shot, the jobless story matches "people" and "work" best; in a conversation about a ranch, or
    # about a mine whose story gives no count, its total is never stated as theirs
    asker = Asker("console", "local", "ranch")
    await service.ask("what did the prosecutor say about the pendry foods ranch?", asker)
    staff = await service.ask("how many people work on the ranch?", asker)
    assert "3.4 million" not in staff.text
    # the story's sentence giving a count of workers, before one sharing its words with a figure of another
    # kind ("60% of the ranch")
    assert staff.citations[0].quote.startswith("The company said the farm gives jobs to 240 workers")
    asker = Asker("console", "local", "mine")
    await service.ask("who is the chairman of dorrick mining?", asker)
    miners = await service.ask("how many people work at the mine?", asker)
    assert "3.4 million" not in miners.text
    assert all("Tallow" in c.title for c in miners.citations)


async def test_what_did_a_role_say_is_answered_by_the_sentence_in_which_it_speaks(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    said = await console.handle("what did the prosecutor say about the pendry foods ranch?")
    assert said is not None
    assert said.startswith('"The boundaries on file do not match the land being farmed," district prosecutor Ines Varga')
    who = await console.handle("who said that?")
    assert who is not None and who.startswith("Ines Varga (prosecutor) [1].")


async def test_what_did_a_firm_say_is_its_own_words_not_another_partys(service: Tradebrief) -> None:
    asker = Asker("console", "local", "firm")
    brisk = await service.ask("what did brisk metals say about tamsin's valuation of orla nickel?", asker)
    assert brisk.citations[0].quote.startswith("Brisk Metals said it doubted the report")
    # a firm speaks through its people: a sentence naming no speaker is not passed over for any "said"
    dorrick = await service.ask("what did dorrick mining say about selling the tallow mine?", asker)
    assert not dorrick.citations[0].quote.startswith("Separately, Dorrick Mining said its copper output")


async def test_which_analyst_is_the_one_of_the_last_story(service: Tradebrief) -> None:
    asker = Asker("telegram", "61", "61")
    await service.ask("how much is the offer for harwick stores?", asker)
    analyst = await service.ask("which analyst backed the price?", asker)
    assert analyst.citations[0].quote.startswith('"It is a fair price for a chain that has lost its way," said Nora Quist')


async def test_a_subject_guessed_for_a_question_naming_nobody_is_dropped_when_it_finds_nothing(
        service: Tradebrief) -> None:
    # read as Harwick's leader, nothing answers (the sentence names a finance director); as written, it does
    asker = Asker("console", "local", "leader")
    await service.ask("how much is the offer for harwick stores?", asker)
    leader = await service.ask("who is the leader in the market?", asker)
    assert not leader.abstained
    assert leader.citations[0].quote.startswith("The retailer has little debt")
    assert "Dalton Electric" in leader.lead


async def test_and_another_owners_attribute_then_he(service: Tradebrief, stores: Stores) -> None:
    async with telegram_on(service, stores) as tg:
        for n, question in enumerate(["who is peru's mining minister?", "and kelvar gold's deputy chairman?",
                                      "what did he say about the decision?"], start=1):
            await tg.push_update(make_message_update(question, chat_id=62, user_id=62))
            await tg.wait_for(lambda c, n=n: len(tg.sent(62, method="sendMessage")) >= n)
        texts = [parse_telegram_html(c.text) for c in tg.sent(62, method="sendMessage")]
    deputy = next(t for t in texts if "deputy chairman?" in t.partition("\n")[0])
    assert deputy.partition("\n")[0] == "Showing results for: who is kelvar gold's deputy chairman?"
    assert deputy.partition("\n")[2].strip().startswith("Otto Brenner")
    said = next(t for t in texts if "about the decision?" in t.partition("\n")[0])
    assert said.partition("\n")[0] == "Showing results for: what did Otto Brenner say about the decision?"
    assert said.partition("\n")[2].strip().startswith('"We are dismayed that the ministry has made such a decision,"')


async def test_he_is_the_person_the_quoted_answer_names(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    chairman = await console.handle("who is the chairman of castel bank?")
    assert chairman is not None and "Ramon Vidal" in chairman.split("\n")[0]
    since = await console.handle("since when has he been chairman?")
    assert since is not None
    assert since.startswith("Showing results for: since when has Vidal been chairman?\n")
    # the story's sentence giving a date, though it calls him "he" and speaks of the "chairmanship"
    assert since.split("\n")[1].startswith("Since taking over the chairmanship in 1991, he has turned Castel Bank")
    # "he" is still Vidal, though the last answer's sentence named no one
    age = await console.handle("how old is he?")
    assert age is not None
    assert age.startswith("Showing results for: how old is Vidal?\nMr Vidal, 68, denies any wrongdoing.")


async def test_which_thing_narrows_the_last_question(service: Tradebrief) -> None:
    asker = Asker("console", "local", "court")
    await service.ask("what is ramon vidal accused of?", asker)
    court = await service.ask("which court?", asker)
    assert court.read_as == "what is ramon vidal accused of: which court?"
    # the story's sentence naming the court, not another story's court, nor "arriving at court"
    assert court.citations[0].quote.startswith("The case is being heard by the Lisbon criminal court")


async def test_he_with_no_one_spoken_of_asks_who(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    age = await console.handle("how old is he?")
    assert age is not None and age.startswith("That asks about “he” or “she” without saying who")
    one_shot = await service.ask("how old is he?", Asker("slack", "U1", "C1", one_shot=True))
    assert one_shot.abstained and not one_shot.citations


async def test_why_after_how_many_things_will_go(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("how many jobs will go at morrow motors?")
    why = await console.handle("why?")
    assert why is not None and why.startswith("Showing results for: Why will jobs go at morrow motors?\n")


def test_reading_another_owners_attribute() -> None:
    minister = Turn(question="who is peru's mining minister", kind="person", entities=("peru",), display=("Peru",),
                    parties=("Peru",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and kelvar gold's deputy chairman?", minister, []) == (
        "who is kelvar gold's deputy chairman?", "entity")
    chairman = Turn(question="who is the chairman of castel bank", kind="person", entities=("castel bank",),
                    display=("Castel Bank",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and dorrick mining's chief executive?", chairman, []) == (
        "who is dorrick mining's chief executive?", "entity")
    profit = Turn(question="what was brennor's net profit in 2023", kind="figure", entities=("brennor",),
                  display=("Brennor",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and tolmark's revenue?", profit, []) == ("what was tolmark's revenue in 2023?", "entity")
    # a possessive without an attribute is no swap of the attribute
    assert "'s?" not in resolve_followup("and tolmark's?", profit, [])[0][:-1]


def test_a_question_naming_nobody_reads_against_the_story() -> None:
    ranch = Turn(question="what did the prosecutor say about the pendry foods ranch", entities=("pendry foods",),
                 display=("Pendry Foods",), article_id="a", sentence_id="a:1")
    story = "Officials move against Pendry Foods ranch\nInspectors say the ranch lies idle."
    assert resolve_followup("how many people work on the ranch?", ranch, [], story) == (
        "how many people work on the ranch?", "story")
    assert resolve_followup("why was the ranch idle?", ranch, [], story)[1] == "story"
    # "the deal" is no thing of this story
    assert resolve_followup("when was the deal signed?", ranch, [], story)[1] == ""
    # nothing it asks is in the story: a question of its own
    assert resolve_followup("how many people voted in the election?", ranch, [], story)[1] == ""


async def test_it_that_rose_or_fell_is_the_amount_asked_about(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("what was ostby group's profit last year?")
    why = await console.handle("why did it fall?")
    assert why is not None and why.startswith("Showing results for: why did ostby group's profit fall?\n")
