"""Later turns of a conversation that used to be turned away or answered from the wrong place, on the
articles of tests/fixtures/followups-s8 (our own words):

- "how old is he?" after a "who" question answered by a quoted sentence naming two people: "he" is the
  one the question did not name (the witness, not the accused), and an age, which belongs to the person,
  is taken from whichever story gives it; "and korver?" then asks the other man's age; with no age
  stored, the answer says so instead of quoting a sentence about the person;
- "who said that?" gives the speaker's whole name though the stored fact kept only the first word;
- "it" stands for no person: "which country won't back it?" after a question about a minister's fund;
- "what is her job?" asks who the person the last answer named is; "nobody" names no one;
- "her firm" after "who runs Pellway Payments?" is Pellway Payments, not a firm of hers;
- "its" after a question about a country borrowing from the IMF is the country's, the subject of the verb;
- "and its chief financial officer?" swaps one role for another, however the words before it narrow it;
- "and who chairs norrland?" is a question of its own, not the last one about another firm;
- a question naming something the last story names ("what had Harbour Street expected?") is answered
  from that story first, and not with the sentence just quoted when another there answers as well;
- "and for the full year?" after a question about the last quarter of a year asks the same of the year;
- "how many factory jobs went in that quarter?" is answered from the last story's sentence carrying a
  count of workers, though it shares few of the question's words.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.models import Asker
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.fakes.telegram_api import make_message_update, parse_telegram_html
from tests.stores import Stores
from tests.test_followups import Clock, followup_service, telegram_on

TURNS = ROOT / "tests" / "fixtures" / "followups-s8"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, TURNS, Clock()) as service:
        yield service


async def test_he_is_the_person_the_answer_named_and_his_age_comes_from_any_story(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    witness = await console.handle("who is the prosecution's star witness against piet korver")
    assert witness is not None and witness.startswith("The prosecution's star witness, former Corvane finance chief Oskar")
    age = await console.handle("how old is he?")
    assert age is not None
    assert age.startswith("Showing results for: how old is Oskar Dalby?\nMr Dalby, 44, pleaded guilty")
    other = await console.handle("and korver?")
    assert other is not None
    assert other.startswith("Showing results for: how old is Korver?\nMr Korver, 61, faces")


async def test_who_said_that_names_the_speaker_in_full(service: Tradebrief, stores: Stores) -> None:
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("what did bellmoor say about its takings so far this christmas",
                                                 chat_id=61, user_id=61))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 61 and "3% up" in c.text)
        await tg.push_update(make_message_update("who said that?", chat_id=61, user_id=61))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 61 and "Spokeswoman)" in c.text)
        texts = [parse_telegram_html(c.text) for c in tg.sent(61, method="sendMessage")]
        speaker = next(t for t in texts if "Spokeswoman)" in t)
        assert speaker.startswith("Mina Jones (Spokeswoman) [1][2].")


async def test_it_stands_for_no_person(service: Tradebrief) -> None:
    asker = Asker("console", "local", "s8-it")
    await service.ask("how much a year did ferran oakes want his harbour renewal fund to raise?", asker)
    backing = await service.ask("which country won't back it?", asker)
    assert backing.read_as == "which country won't back Harbour Renewal Fund?"
    assert "Oakes" not in backing.read_as
    assert backing.citations and backing.citations[0].quote.startswith("Veland says it will not back the Harbour Renewal Fund")


async def test_her_job_is_who_the_named_person_is(service: Tradebrief, stores: Stores) -> None:
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("what did the government announce on forced retirement?",
                                                 chat_id=62, user_id=62))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 62 and "barred from 2027" in c.text)
        await tg.push_update(make_message_update("who said nobody would be made to work longer than they wished",
                                                 chat_id=62, user_id=62))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 62 and len(tg.sent(62, method="sendMessage")) >= 2)
        await tg.push_update(make_message_update("what is her job?", chat_id=62, user_id=62))
        await tg.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 62 and len(tg.sent(62, method="sendMessage")) >= 3)
        said, job = [parse_telegram_html(c.text) for c in tg.sent(62, method="sendMessage")][1:3]
        # "nobody" names no one: the crane driver's "Nobody would work longer …" is not the answer
        assert said.startswith("Employment Secretary Rhona Vale said staff would not be forced")
        header, _, body = job.partition("\n")
        assert header == "Showing results for: who is Rhona Vale?"
        assert body.strip().startswith("Employment Secretary Rhona Vale said")


async def test_her_firm_is_the_firm_asked_about(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("who runs pellway payments")
    rise = await console.handle("how big a rise in online card fraud has her firm seen this year?")
    assert rise is not None
    assert rise.startswith("Showing results for: how big a rise in online card fraud has Pellway Payments seen this year?\n"
                           "\"We have seen an 18% rise")


async def test_its_is_the_country_the_last_question_made_its_subject(service: Tradebrief) -> None:
    asker = Asker("telegram", "63", "63")
    await service.ask("how much does peru want to borrow from the imf in the new deal", asker)
    loan = await service.ask("how big is its current loan agreement?", asker)
    assert loan.read_as == "how big is Peru's current loan agreement?"
    assert loan.citations[0].quote.startswith("Peru's current 9.5bn crown loan agreement")


async def test_and_a_narrowed_role_swaps_the_role(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("who was ardent bank's chief executive")
    cfo = await console.handle("and its chief financial officer?")
    assert cfo is not None
    assert cfo.startswith("Showing results for: who was ardent bank's chief financial officer?\nTessa Quill")


async def test_and_with_a_question_word_a_verb_and_a_name_is_a_question_of_its_own(service: Tradebrief) -> None:
    asker = Asker("console", "local", "s8-chair")
    await service.ask("what stake in the varn field is kelso gas said to want?", asker)
    chair = await service.ask("and who chairs norrland?", asker)
    assert chair.read_as == "who chairs norrland?"
    assert chair.lead.startswith("Erik Vass")


async def test_a_name_the_last_story_holds_keeps_the_question_in_that_story(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("how many jobs did the ostrian economy add in march?")
    expected = await console.handle("what had harbour street expected")
    assert expected is not None
    assert expected.startswith("The 42,000 new jobs were twice the 21,000 figure that Harbour Street analysts")


async def test_a_count_asked_of_that_quarter_is_answered_from_the_last_story(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("how many people were out of work in the last three months of 2024")
    factory = await console.handle("how many factory jobs went in that quarter")
    assert factory is not None
    assert "The manufacturing sector kept shrinking, with 21,000 workers laid off during the quarter. [1]" in factory
    assert "I found nothing" not in factory


async def test_and_for_the_full_year_swaps_the_span_of_the_year(service: Tradebrief) -> None:
    asker = Asker("telegram", "64", "64")
    await service.ask("what was lindqvist steel's net profit in the last quarter of 2024", asker)
    year = await service.ask("and for the full year?", asker)
    assert year.read_as == "what was lindqvist steel's net profit in the full year of 2024?"
    assert year.citations[0].quote.startswith("For the full year, net profit rose 9% to 410m crowns")


async def test_how_old_with_no_age_stored_says_so(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    await console.handle("who was ardent bank's chief executive")
    age = await console.handle("how old is he?")
    assert age is not None
    assert age.startswith("Showing results for: how old is Lorne Fell?\nThe stored articles mention Lorne Fell, but no age.")


async def test_how_old_is_answered_by_the_sentence_giving_the_age(service: Tradebrief) -> None:
    """Asked in one go, the age stands in a story that names the man only as "Mr Dalby": it leads over the
    story naming him in full without an age."""
    age = await service.ask("how old is oskar dalby?", Asker("slack", "U8", "C8", one_shot=True))
    assert age.citations[0].quote.startswith("Mr Dalby, 44, pleaded guilty")


async def test_an_age_is_found_among_many_mentions_of_the_person(service: Tradebrief) -> None:
    """"how old is halvor greve?": the one sentence giving his age ("Mr Greve, 58, …") shares only his surname
    with the question, among dozens naming him in full; it is looked for in his stories and answers."""
    age = await service.ask("how old is halvor greve?", Asker("slack", "U8", "C8", one_shot=True))
    assert age.citations[0].quote.startswith("Mr Greve, 58, has agreed to stay")


async def test_a_story_clearly_better_than_the_last_one_still_answers(service: Tradebrief) -> None:
    """"how many corvane executives were charged?" names Corvane, which the last story names too; but that story
    only counts "four executives who took part", while another says how many were charged."""
    console = ConsoleAdapter(service)
    await console.handle("who is the prosecution's star witness against piet korver")
    charged = await console.handle("how many corvane executives were charged?")
    assert charged is not None
    assert "He is one of seven Corvane executives charged in the case. [1]" in charged


async def test_they_is_no_one_man_and_the_name_of_the_thing_is_the_sentence_naming_it(service: Tradebrief) -> None:
    """"they" after a question about President Marten is not Marten (the government wants the yard back): the
    question stays in the story, where the sentence naming the shipyard ("The shipyard, Skarvik, …") answers
    "what's the name of the shipyard …?"."""
    console = ConsoleAdapter(service)
    await console.handle("how many sales does dag holm want to review")
    await console.handle("and how many did marten say would be examined?")
    name = await console.handle("what's the name of the shipyard they most want back?")
    assert name is not None
    assert "Marten" not in name.partition("\n")[0]
    assert name.startswith("The shipyard, Skarvik, is one of the busiest in the region. [1]")
