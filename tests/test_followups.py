"""Follow-up questions read against the conversation's last turn: in the console chat and in Telegram.

"and for the UK?", "who said that?", "when?" and "and what about solar energy?" resolve against the
previous question of the same conversation for 15 minutes; other people, other chats and `ask` on
the command line (one-shot) do not share it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from adapters.telegram import TelegramAdapter
from adapters.telegram.sending import RetryPolicy
from bot.answers import Answerer
from bot.conversation import Memory
from bot.retrieval import Retriever
from bot.storage_port import open_store
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.fakes.telegram_api import TOKEN, FakeTelegram, make_message_update, parse_telegram_html
from tests.stores import Stores

TRAPS = ROOT / "tests" / "fixtures" / "traps"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextlib.asynccontextmanager
async def followup_service(tmp_path: Path, stores: Stores, folder: Path, clock: Clock) -> AsyncIterator[Tradebrief]:
    """A service over the articles of `folder` whose conversation memory runs on `clock`."""
    settings = stores.settings(tmp_path / "store.json", load_samples=False, rate_limit_per_minute=100)
    store = open_store(settings.store_location)
    retriever = Retriever(store)
    service = Tradebrief(settings, store, answerer=Answerer(retriever, memory=Memory(clock=clock)))
    service.retriever = retriever
    report = await service.ingestor().ingest([str(folder)])
    assert report.stored and not report.failed
    retriever.refresh()
    yield service
    await service.aclose()
    store.close()


@pytest.fixture
async def traps(tmp_path: Path, stores: Stores) -> AsyncIterator[tuple[Tradebrief, Clock]]:
    """A service over the trap articles whose conversation memory runs on a test clock."""
    clock = Clock()
    async with followup_service(tmp_path, stores, TRAPS, clock) as service:
        yield service, clock


async def test_console_follow_ups(traps: tuple[Tradebrief, Clock]) -> None:
    service, clock = traps
    console = ConsoleAdapter(service)
    first = await console.handle("How big was Canada's trade deficit in 2023?")
    assert first is not None and first.startswith("$48.2bn [1].")

    uk = await console.handle("and for the UK?")
    assert uk is not None
    assert uk.startswith("Showing results for: How big was the UK's trade deficit in 2023?\n£31.5bn [1].")
    assert "$48.2bn" not in uk

    minister = await console.handle("who is the commerce minister?")
    assert minister is not None and minister.startswith("Amina Qadir (Minister for Commerce) [1].")
    said = await console.handle("who said that?")
    assert said is not None and said.startswith("Amina Qadir (Minister for Commerce) [1].")
    when = await console.handle("when?")
    assert when is not None and when.startswith("Reported on 2025-03-18 [1].")

    sectors = await console.handle("which sectors were agreed?")
    assert sectors is not None and "cocoa processing" in sectors
    solar = await console.handle("and what about solar energy?")
    assert solar is not None
    assert solar.splitlines()[1] == "Ghana is also interested in Moroccan expertise in solar energy, the minister added. [1]"

    # Fifteen minutes later the conversation is forgotten: "who said that?" has nothing to refer to.
    clock.now += 15 * 60 + 1
    late = await console.handle("who said that?")
    assert late is not None and "earlier question" in late


async def test_follow_ups_are_per_conversation(traps: tuple[Tradebrief, Clock]) -> None:
    from bot.models import Asker

    service, _clock = traps
    alice, bob = Asker("telegram", "1", "1"), Asker("telegram", "2", "2")
    await service.ask("How much did Medwell pay for Corlan?", alice)
    other = await service.ask("who said that?", bob)
    assert other.abstained and "earlier question" in other.text
    follow = await service.ask("and for Harbor Lines?", alice)
    assert follow.read_as == "How much did Harbor Lines pay for Corlan?"
    assert follow.abstained and follow.near_miss  # Harbor Lines is stored; a price it paid for Corlan is not
    slash = await service.ask("who said that?", Asker("slack", "U1", "C1", one_shot=True))
    assert slash.abstained and "earlier question" in slash.text


@contextlib.asynccontextmanager
async def telegram_on(service: Tradebrief, stores: Stores) -> AsyncIterator[FakeTelegram]:
    """The Telegram adapter polling a fake Bot API server, over the traps' service."""
    async with FakeTelegram() as tg:
        service.settings = stores.settings(
            service.settings.db, telegram_token=TOKEN, telegram_base_url=tg.base_url,
            load_samples=False, rate_limit_per_minute=100,
        )
        adapter = TelegramAdapter(service, service.settings, poll_timeout=1, request_timeout=5,
                                  retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05))
        await adapter.start()
        try:
            yield tg
        finally:
            await adapter.stop()


async def test_telegram_follow_up(traps: tuple[Tradebrief, Clock], stores: Stores) -> None:
    service, _clock = traps
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("How big was Canada's trade deficit in 2023?", chat_id=77, user_id=77))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "48.2bn" in c.text)
        await tg.push_update(make_message_update("and for the UK?", chat_id=77, user_id=77))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "31.5bn" in c.text)
        texts = [parse_telegram_html(c.text) for c in tg.sent(77, method="sendMessage")]
        follow = next(t for t in texts if "31.5bn" in t)
        assert follow.startswith("Showing results for: How big was the UK's trade deficit in 2023?")
        # Another person in another chat asking the same fragment gets no borrowed context.
        await tg.push_update(make_message_update("who said that?", chat_id=88, user_id=88))
        [reply] = await tg.wait_sent(88)
        assert "earlier question" in parse_telegram_html(reply.text)


async def test_a_new_topic_after_a_person_question_is_not_glued_onto_it() -> None:
    """'what about tariffs on steel?' after 'who is …?' is read as its own question."""
    from bot.conversation import Turn, resolve_followup

    turn = Turn(question="who is the commerce minister of Pakistan?", kind="person", entities=(), parties=("Pakistan",),
                story_parties=("Pakistan",), article_id="a", sentence_id="a:1")
    read, kind = resolve_followup("what about tariffs on steel?", turn, [])
    assert "commerce minister" not in read and "tariffs on steel" in read and kind == ""
    sectors = Turn(question="which sectors were agreed?", kind="sector", entities=(), parties=(), story_parties=("Pakistan",),
                   article_id="a", sentence_id="a:1")
    assert resolve_followup("and what about forestry?", sectors, []) == ("which sectors were agreed: forestry?", "topic")


async def test_its_is_the_last_subject_and_the_answer_is_about_it(traps: tuple[Tradebrief, Clock]) -> None:
    """"who is its chief executive?" asks about the firm of the last question, never another firm's
    chief executive; when the store has none for that firm, it says so (a near miss)."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    await console.handle("How much profit did Harbor Lines make?")
    boss = await console.handle("who is its chief executive?")
    assert boss is not None
    assert boss.startswith("Showing results for: who is Harbor Lines's chief executive?\nMarta Quell")
    # "it" still means Harbor Lines one question later: a question naming nobody keeps the subject
    vessels = await console.handle("how many vessels will it order?")
    assert vessels is not None and vessels.startswith("Showing results for: how many vessels will Harbor Lines order?")

    second = ConsoleAdapter(service)
    service.answerer.memory.forget(second.asker.conversation or "")
    await second.handle("How much profit did Skyway Air make?")
    missing = await second.handle("who is its chief executive?")
    assert missing is not None
    assert missing.startswith("Showing results for: who is Skyway Air's chief executive?\n"
                              "The stored articles mention Skyway Air, but no chief executive.")
    assert "Quell" not in missing and "Brandt" not in missing


async def test_a_subject_is_kept_after_an_abstention(traps: tuple[Tradebrief, Clock]) -> None:
    from bot.models import Asker

    service, _clock = traps
    asker = Asker("telegram", "5", "5")
    rise = await service.ask("By how much did Skyway Air's profit rise?", asker)
    assert rise.abstained and rise.near_miss
    chair = await service.ask("who is its chairman?", asker)
    assert chair.read_as == "who is Skyway Air's chairman?" and chair.lead.startswith("Ruth Okafor")
    # an unanswered question leaves no sentence behind to attribute or date
    await service.ask("By how much did Skyway Air's profit rise?", asker)
    when = await service.ask("when?", asker)
    assert when.abstained and "nothing to refer to" in when.text


async def test_a_pronoun_after_a_name_of_the_question_is_that_name(traps: tuple[Tradebrief, Clock]) -> None:
    """"What did Skyway Air say about its fares?" after a Harbor Lines question: "its" is Skyway Air's."""
    from bot.models import Asker

    service, _clock = traps
    asker = Asker("telegram", "6", "6")
    await service.ask("How much profit did Harbor Lines make?", asker)
    fares = await service.ask("What did Skyway Air say about its fares?", asker)
    assert fares.read_as == "" and "Harbor Lines" not in fares.text
    assert fares.citations[0].quote == "Skyway Air chairman Ruth Okafor said fares would rise only modestly."


async def test_who_said_that_names_the_person_not_the_firm(traps: tuple[Tradebrief, Clock]) -> None:
    service, _clock = traps
    console = ConsoleAdapter(service)
    # a quotation whose speaker is "he": the person is read back from the sentence before it
    await console.handle("What did Lumen Steel say about its order books?")
    said = await console.handle("who said that?")
    assert said is not None and said.startswith(
        "Piet Varga (Lumen Steel chief executive) [1][2].\n"
        "\"Our order books will stay thin until the car plants restart,\" he said. [1]\n"
        "Lumen Steel chief executive Piet Varga spoke to investors in Rotterdam on Wednesday. [2]")
    # the quotation has no date of its own: the report's date is given
    when = await console.handle("when?")
    assert when is not None and when.startswith("Reported on 2024-06-12 [1].")
    # a relative date is given with the report's date
    await console.handle("How much will Lumen Steel's orders from carmakers fall?")
    when = await console.handle("when?")
    assert when is not None and when.startswith("this year, in a report dated 2024-06-12 [1].")

    # a firm speaking is no person: none is made up
    await console.handle("How much will Orvik Ports pay for the Kestrel terminal?")
    firm = await console.handle("who said that?")
    assert firm is not None and firm.startswith("The stored sentence names no person, only Orvik Ports: ")
    assert "Dahl" not in firm

    # the quotation among the cited sentences, when the first names no speaker
    await console.handle("What did Orvik Ports say about the price?")
    dahl = await console.handle("who said that?")
    assert dahl is not None and dahl.startswith("Lena Dahl (Orvik Ports finance director) [1].")


async def test_questions_about_the_last_story(traps: tuple[Tradebrief, Clock]) -> None:
    """A question naming nobody that points back ("who else", "the deal") is answered from the last
    answer's story first; one that does not point back is answered on its own."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    await console.handle("How much will Orvik Ports pay for the Kestrel terminal?")
    rival = await console.handle("who else was in the running?")
    assert rival is not None and rival.startswith("Rival operator Nordhaven was also in the running for the terminal. [1]")
    signed = await console.handle("when was the deal signed?")
    assert signed is not None and signed.startswith(
        "Showing results for: when was the deal signed? (about Orvik Ports)\nThe deal was signed on 30 July")
    sectors = await console.handle("which sectors were agreed?")
    assert sectors is not None and "cocoa processing" in sectors and "Orvik" not in sectors


async def test_telegram_pronoun_follow_up(traps: tuple[Tradebrief, Clock], stores: Stores) -> None:
    service, _clock = traps
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("How much profit did Harbor Lines make?", chat_id=55, user_id=55))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "840m" in c.text)
        await tg.push_update(make_message_update("who is its chief executive?", chat_id=55, user_id=55))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "Quell" in c.text)
        texts = [parse_telegram_html(c.text) for c in tg.sent(55, method="sendMessage")]
        follow = next(t for t in texts if "Quell" in t)
        assert follow.startswith("Showing results for: who is Harbor Lines's chief executive?\n\nMarta Quell")


def test_reading_pronouns_and_swaps() -> None:
    from bot.conversation import Turn, resolve_followup

    firm = Turn(question="How much profit did Harbor Lines make?", kind="figure", entities=("harbor lines",),
                display=("Harbor Lines",), article_id="a", sentence_id="a:1")
    assert resolve_followup("who is its chief executive?", firm, []) == ("who is Harbor Lines's chief executive?", "topic")
    assert resolve_followup("and how many ships will it buy?", firm, []) == ("how many ships will Harbor Lines buy?", "topic")
    assert resolve_followup("it is expected to grow?", firm, [])[1] != "topic"  # an "it" that stands for nothing
    person = Turn(question="who runs Harbor Lines?", kind="person", entities=("harbor lines",), display=("Harbor Lines",),
                  person="Marta Quell", article_id="a", sentence_id="a:2")
    assert resolve_followup("what did she say about her crews?", person, [])[0] == "what did Marta Quell say about her crews?"
    assert resolve_followup("what is his salary?", person, [])[0] == "what is Marta Quell's salary?"
    deficit = Turn(question="How big was the US trade deficit in 2023?", kind="figure", parties=("US",),
                   article_id="a", sentence_id="a:1")
    assert resolve_followup("and for the UK?", deficit, []) == ("How big was the United Kingdom trade deficit in 2023?", "entity")
    story = "Orvik Ports agrees to buy a terminal. The deal was signed on 30 July."
    assert resolve_followup("when was the deal signed?", firm, [], story) == ("when was the deal signed?", "story")
    assert resolve_followup("when was the treaty signed?", firm, [], story) == ("when was the treaty signed?", "")


async def test_a_carried_subject_is_asserted_only_from_sentences_naming_it(traps: tuple[Tradebrief, Clock]) -> None:
    """"how much was offered for the terminal?" in Orvik Ports' story: the only offer figure is a
    rival's, so it is quoted, never written as Orvik Ports' own figure."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    await console.handle("Which port is Orvik Ports buying a terminal in?")
    cost = await console.handle("how much will the terminal cost?")
    assert cost is not None and cost.startswith(
        "Showing results for: how much will the terminal cost? (about Orvik Ports)\n€410m [1].")
    offered = await console.handle("how much was offered for the terminal?")
    assert offered is not None and "€380m [1]." not in offered
    assert offered.splitlines()[1] == "Nordhaven had offered €380m for the terminal, according to people close to the talks. [1]"


async def test_its_is_the_subject_of_the_last_question(traps: tuple[Tradebrief, Clock]) -> None:
    """"How much will Corlan cost Medwell?" then "what does it make?": "it" is Corlan, the subject
    of the question, not the name written first; and a name is taken whole as the question wrote it."""
    from bot.conversation import written_subjects

    assert written_subjects("How much of United Breweries will S&N buy?", ("united", "s&n"), ("United", "S&N")) == (
        ("s&n", "united"), ("S&N", "United Breweries"))
    service, _clock = traps
    console = ConsoleAdapter(service)
    await console.handle("How much will Corlan cost Medwell?")
    who = await console.handle("what does it make?")
    assert who is not None and who.startswith("Showing results for: what does Corlan make?")


async def test_why_and_who_said_read_against_the_last_answer(traps: tuple[Tradebrief, Clock]) -> None:
    from bot.conversation import _why_of

    service, _clock = traps
    console = ConsoleAdapter(service)
    await console.handle("By how much did Skyway Air's profit fall?")
    why = await console.handle("why?")
    assert why is not None and why.startswith("Showing results for: Why did Skyway Air's profit fall?\n"
                                              "Budget carrier Skyway Air reported a fall in annual profit")
    assert "£40m [1]." not in why  # a cause is asked for, not the figure again
    assert _why_of("which sectors were agreed?") == "Why were sectors agreed?"
    assert _why_of("How many jobs will Oracle cut?") == "Why will Oracle cut jobs?"
    assert _why_of("Who will become chief executive of Renault?") == ""  # no clean reading: asked in full

    # a person named in what was reported is not who reported it
    await console.handle("What was reported about the Ghent rolling mill?")
    said = await console.handle("who said that?")
    assert said is not None and said.startswith("The stored sentence does not say who said it: ")
    assert "Piet Varga (" not in said


def test_reading_objects_periods_and_articles() -> None:
    from bot.conversation import Turn, resolve_followup

    deal = Turn(question="How much did Medwell pay for Corlan?", kind="figure", entities=("medwell", "corlan"),
                display=("Medwell", "Corlan"), article_id="a", sentence_id="a:1")
    # "it" as the subject is the payer; as an object, the thing bought
    assert resolve_followup("where is it based?", deal, [])[0] == "where is Medwell based?"
    assert resolve_followup("who made it?", deal, [])[0] == "who made Corlan?"
    share = Turn(question="What share of Norland's trade did China account for in 2004?", kind="figure",
                 parties=("China",), article_id="a", sentence_id="a:1")
    assert resolve_followup("and in 2003?", share, []) == (
        "What share of Norland's trade did China account for in 2003?", "entity")
    assert resolve_followup("and the US?", share, [])[0] == "What share of Norland's trade did the United States account for in 2004?"


async def test_pronouns_that_nothing_fits_are_not_guessed(traps: tuple[Tradebrief, Clock]) -> None:
    """"its" with nothing to stand for (one-shot, or after a question about two countries) asks whose,
    instead of answering with some firm's chief executive; "they" after two countries is both."""
    from bot.answers import NEEDS_WHOSE
    from bot.models import Asker

    service, _clock = traps
    alone = await service.ask("who is its chief executive?", Asker("slack", "U9", "C9", one_shot=True))
    assert alone.abstained and alone.text == NEEDS_WHOSE
    asker = Asker("telegram", "7", "7")
    await service.ask("Which sectors did Ghana and Morocco agree on?", asker)
    its = await service.ask("who is its chief executive?", asker)
    assert its.abstained and its.text == NEEDS_WHOSE
    they = await service.ask("which sectors are they interested in?", asker)
    assert they.read_as == "which sectors are Ghana and Morocco interested in?"


def test_a_story_follow_up_is_about_the_story_only_when_the_story_speaks_of_it() -> None:
    from bot.conversation import Turn, resolve_followup

    firm = Turn(question="How much will Orvik Ports pay for the Kestrel terminal?", kind="figure",
                entities=("orvik ports",), display=("Orvik Ports",), article_id="a", sentence_id="a:1")
    story = "Orvik Ports agrees to buy Baltic terminal. The deal was signed on 30 July in Gdansk."
    assert resolve_followup("how much is the deal worth?", firm, [], story)[1] == "story"
    # "the deal" is in the story, but the unemployment rate is not: a question of its own
    assert resolve_followup("what is the deal on unemployment benefits?", firm, [], story)[1] == ""


def test_wh_fragments_narrow_the_last_question() -> None:
    from bot.conversation import Turn, resolve_followup

    turn = Turn(question="How many B2B meetings were held?", kind="figure", article_id="a", sentence_id="a:1")
    assert resolve_followup("between which countries?", turn, []) == (
        "How many B2B meetings were held: between which countries?", "topic")
    assert resolve_followup("in which month?", turn, []) == ("in which month?", "when")
    assert resolve_followup("which countries met?", turn, [])[1] == ""  # a question of its own


async def test_and_another_name_keeps_the_kind_of_figure_asked(traps: tuple[Tradebrief, Clock], stores: Stores) -> None:
    """"and Brackwood?" after a question answered in tonnes is answered in tonnes: the sentence
    naming Brackwood with a tonnage, not the one that repeats more of the question's words."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    first = await console.handle("How much butter does Norvale churn?")
    assert first is not None and "42,000 tonnes" in first.splitlines()[0]
    second = await console.handle("and Brackwood?")
    assert second is not None
    assert second.startswith("Showing results for: How much butter does Brackwood churn?\n")
    assert "18,000 tonnes" in second.splitlines()[1]
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("How much butter does Norvale churn?", chat_id=61, user_id=61))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "42,000" in c.text)
        await tg.push_update(make_message_update("and Brackwood?", chat_id=61, user_id=61))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "Brackwood" in c.text)
        reply = parse_telegram_html(tg.sent(61, method="sendMessage")[-1].text)
        lines = [line for line in reply.splitlines() if line]
        assert lines[0] == "Showing results for: How much butter does Brackwood churn?"
        assert lines[1].startswith("Brackwood makes 18,000 tonnes")


async def test_a_pronoun_is_the_last_firm_and_the_askers_own_words_find_the_answer(
        traps: tuple[Tradebrief, Clock], stores: Stores) -> None:
    """"its" before a country written in lower case ("its uk bowling alleys") is still the last
    firm; "it" as the object of what a named country does ("has Spain asked it to pay") is the last
    firm too, not Spain. The answer is found by the asker's own words (the alleys), not by the
    firm's name alone, which every sentence of its story repeats."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    chair = await console.handle("who chairs Fennick Leisure?")
    assert chair is not None and chair.startswith("Otto Brandvik")
    alleys = await console.handle("what are its uk bowling alleys worth?")
    assert alleys is not None
    assert alleys.startswith("Showing results for: what are Fennick Leisure's uk bowling alleys worth?\n")
    assert "£20m and £25m" in alleys.splitlines()[1]
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("who chairs Fennick Leisure?", chat_id=62, user_id=62))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "Brandvik" in c.text)
        await tg.push_update(make_message_update("what levy has Spain asked it to pay?", chat_id=62, user_id=62))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "levy" in c.text)
        reply = parse_telegram_html(tg.sent(62, method="sendMessage")[-1].text)
        lines = [line for line in reply.splitlines() if line]
        assert lines[0] == "Showing results for: what levy has Spain asked Fennick Leisure to pay?"
        assert "4%" in lines[1]


async def test_and_in_a_country_keeps_the_firm_and_finds_the_sentence_about_there(
        traps: tuple[Tradebrief, Clock]) -> None:
    """"and in the us?" after a question about a firm: the same question about the firm, in the
    US ("the us" is no pronoun); the firm is not swapped for a country."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    first = await console.handle("How much did Grendale Foods' turnover slip last year?")
    assert first is not None and "3%" in first.splitlines()[0]
    us = await console.handle("and in the us?")
    assert us is not None
    assert us.startswith("Showing results for: How much did Grendale Foods' turnover slip last year in the US?\n")
    assert us.splitlines()[1].startswith("In the US, Grendale Foods turnover climbed 6%")


async def test_a_question_naming_nobody_is_asked_of_the_last_story_when_its_words_meet_there(
        traps: tuple[Tradebrief, Clock], stores: Stores) -> None:
    """"which chief executive resigned?" after a question about Tallis Mining: the story says its
    chief executive's resignation; another story's "chief executive … resigned" is not the answer."""
    service, _clock = traps
    async with telegram_on(service, stores) as tg:
        await tg.push_update(make_message_update("who is the chairwoman of Tallis Mining?", chat_id=63, user_id=63))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "Varga" in c.text)
        await tg.push_update(make_message_update("which chief executive resigned?", chat_id=63, user_id=63))
        await tg.wait_for(lambda c: c.method == "sendMessage" and "resign" in c.text)
        reply = parse_telegram_html(tg.sent(63, method="sendMessage")[-1].text)
        assert "Colm Breen" in reply.split("Sources")[0] and "Dara Voss" not in reply
    # and one-shot (no conversation) the same words find the other story
    alone = await service.answerer.answer("which chief executive resigned?")
    assert "Dara Voss" in alone.text


async def test_and_another_firm_is_not_answered_by_the_last_firms_sentence(traps: tuple[Tradebrief, Clock]) -> None:
    """"and Marrow?" after Ostvik's net income: Marrow's own figure, said in other words ("pre-tax
    earnings"), not Ostvik's sentence (which repeats the question's words) nor Marrow's forecast."""
    service, _clock = traps
    console = ConsoleAdapter(service)
    first = await console.handle("what was Ostvik's net income last year?")
    assert first is not None and "310m euros" in first.splitlines()[0]
    marrow = await console.handle("and Marrow?")
    assert marrow is not None
    assert marrow.startswith("Showing results for: what was Marrow's net income last year?\n")
    assert "96m euros" in marrow.splitlines()[1] and "Ostvik" not in marrow.splitlines()[1]
