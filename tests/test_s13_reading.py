"""How a question is read (issue 11, classes read from final13's blind run; fixtures in our own words under
tests/fixtures/s13-reading/):

- "up" in "if his offer is taken up" (or "set up", "up to") asks no rise: the amount he would pay is answered,
  not turned away as "no price rise";
- "no more than £1.35m" is stated as "no more than £1.35m", never as "more than £1.35m";
- "how many subscribers …?" is not answered by a sentence that counts nothing ("only one crowded network");
- "how much halloumi does Marlow Dairy make?" is not answered by sentences stating no figure at all;
- "who has replaced Tom Hale as chief executive?" is not answered by "chief executive Tom Hale stepped down": a
  sentence naming no one else names no successor;
- what a share sale raises is said as "will sell £90m of new shares"; the price of each new share ("priced at
  12 pence each") is not the total raised;
- a figure over many countries ("employs 52,000 people in more than 40 countries") does not answer a question
  asked of one country ("how many people does Verrin employ in the UK?"), though the sentence names the UK too;
- "who is the retailer's chief executive?" with no retailer named before asks which one, rather than giving any
  firm's chief executive; after a question naming the retailer it is that one's;
- "a profit of about £212m" is the firm's own profit ("about" is no owner), and "a full-year profit" is the
  year's, though the sentence dates a forecast to January;
- "how many short and medium-haul flights …?" counts flights (the first of two joined modifiers is not the
  counted thing), and "how many cars and trucks …?" counts both;
- "how much of its market value has X lost?" asks a share, which "70%" answers (no sum of money is needed),
  and the names before a relative clause ("the favourite of Main Street, which has lost …") do not
  own what the clause says;
- "since what year …?" is answered by a sentence giving a year the facts do not keep ("not one worker … has
  been laid off since 1962"), and "laying off" finds "laid off";
- "by how much did the Harlow say prices fell?" is not answered by what another body said ("the Castlemere
  said that house prices fell 0.3%"): the story's own figure leads;
- a name typed with two likely slips in a word of six letters or more ("Wexxcome" for "Wexcombe") is read as the
  stored name, as a lower-case word would be; a name the store lacks is named once ("Qwzzyx Rovers", not
  "Qwzzyx and Qwzzyx Rovers");
- "Anna Price, the company's founder, said …" just after a sentence naming Marlow Dairy names Marlow Dairy's
  founder: "who founded Marlow Dairy?" is answered by it, not turned away as "no founder";
- "where is Trelawn Sports based?" is answered by "… for the firm based in Salem, Oregon" in a story titled with
  the firm, though the sentence calls it only "the firm";
- "who is the club's biggest investor?" after a question about Wexcombe Rovers: "the club" stands for the
  name, which the answering sentence writes instead ("Wexcombe Rovers' largest investor"), so it is no word to find;
- "what did X and Y name as a main reason for combining?" asks a cause, answered by "cost savings … were a
  main driver for the merger";
- "where did X's shares close?" asks the level they closed at ("at 660 pence"), before the sentence giving only
  the move ("have closed down 12%");
- "what are interest rates at in the UK and in the eurozone?" asks each place: a story may answer for one of
  them, and each place gets its own sentence;
- "which Dorran Bank sales outlets does the deal cover?" asks outlets: "sales" names their kind, no sales
  figure is asked;
- "who has promised to buy the new stock?", a question of its own answered from the last answer's story, keeps
  the conversation's subject: "and when were its finances first restructured?" next is about Parkhurst Leisure;
- a short word in no dictionary right after an owner ("peru's qarn project") is a name the store lacks, and is
  said to be so;
- "where in Peru is Kestrel Mobile putting up its masts?" asks a place within Peru: "… its first masts in Peru"
  is no answer (asked without "in Peru", it is);
- "how much per share has Kelso Telecom offered …?" is not answered by quoted sentences giving no price for one
  share ("its $6bn takeover");
- "what did Tarrow Steel pay for Pennock Fittings?" is not answered by "Tarrow Steel bought … Pennock Fittings in
  1999" (no sum is said); when the story states the sum elsewhere ("… bought over three weeks for about $95m"), that
  sentence leads;
- "how many people does Velmont employ?" is not answered by "four million people read Velmont's news pages": a
  head count is said of staff, workers, jobs or with "employ";
- a lower-case word the store writes in lower case as often as capitalised ("century", beside "Century
  Pictures") is a word, not a name the question asks about.

Asked through `tradebrief ask --json` and (follow-ups) the console adapter, on every kind of store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.answers import NEEDS_WHICH
from bot.focus import analyse_focus
from bot.question import analyse
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, store_fixture, store_lexicons
from tests.test_followups import Clock, followup_service

FOLDER = ROOT / "tests" / "fixtures" / "s13-reading"

store = store_fixture("s13_reading", FOLDER)


def test_an_offer_taken_up_asks_no_rise(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "At most, how much does Ardley expect to pay for the rest of Wexcombe Rovers' shares "
                             "if his offer is fully taken up?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£1.35m" in answer["citations"][0]["quote"]


def test_no_more_than_is_never_more_than(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "At most, how much does Ardley expect to pay for the rest of Wexcombe Rovers' shares "
                             "if his offer is fully taken up?", capsys)
    assert answer["lead_kind"] == "synthesised", answer["answer"]
    assert answer["lead"] == "no more than £1.35m"
    assert answer["answer"].startswith("no more than £1.35m [1]")


def test_a_count_asked_is_not_answered_by_a_sentence_counting_nothing(store: str | Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many subscribers is Kestrel Mobile expected to sign up in its first year?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith("The stored articles mention Kestrel Mobile, but no count of subscribers")


def test_how_much_is_not_answered_by_sentences_with_no_figure(store: str | Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much halloumi does marlow dairy make each year?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith("The stored articles mention Marlow Dairy, but")


def test_a_successor_asked_is_someone_else(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Who has replaced Tom Hale as chief executive of Marlow Dairy?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    holder = ask_json(store, "who is marlow dairy's chief executive?", capsys)  # the holder asked: answered
    assert not holder["abstained"] and "Tom Hale" in holder["lead"], holder["answer"]


def test_what_a_share_sale_raises(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much is Parkhurst Leisure raising through its sale of new shares?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£90m" in answer["citations"][0]["quote"]


def test_a_figure_over_many_countries_is_not_one_countrys(store: str | Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many people does verrin employ in the uk?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert not answer["lead"] or "52,000" not in answer["lead"]
    worldwide = ask_json(store, "how many people does verrin employ?", capsys)  # asked of no country: answered
    assert not worldwide["abstained"], worldwide["answer"]
    assert "52,000" in worldwide["citations"][0]["quote"]


def test_an_owner_named_only_by_its_kind_is_asked_for(store: str | Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who is the retailer's chief executive?", capsys)
    assert answer["abstained"] and not answer["citations"], answer["answer"]
    assert answer["answer"] == NEEDS_WHICH.format("retailer")
    assert "Wendt" not in answer["answer"]  # (the carmaker's chief executive, said beside "retail sales")


@pytest.mark.parametrize("question", ["what profit does Hallam Stores expect?",
                                      "what annual profit does Hallam Stores now expect?"])
def test_a_profit_of_about_an_amount_is_the_firms_own(store: str | Path, capsys: pytest.CaptureFixture[str],
                                                     question: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£212m" in answer["citations"][0]["quote"]


def test_a_word_written_as_often_in_lower_case_is_no_name(store: str | Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    with store_lexicons(store) as lexicons:
        question = "by how much is the population expected to grow by the middle of the century?"
        assert analyse_focus(analyse(question), lexicons).entities == ()  # "21st Century" once, "century" once
        assert analyse_focus(analyse("what will the 21st Century network cost?"), lexicons).entities  # as written
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert "38%" in answer["citations"][0]["quote"]


def test_the_source_asked_is_whose_word_leads(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "By how much did the Harlow say Velden house prices fell in March?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "0.9%" in answer["citations"][0]["quote"]
    assert "Castlemere" not in answer["citations"][0]["quote"]


@pytest.mark.parametrize(("question", "counted"), [
    ("how many short and medium-haul flights did skyline air have to cancel?", ("short", "medium-haul", "flights")),
    ("how many cars and trucks did Brisk Motors sell in Asia?", ("cars", "trucks")),
    ("how many jobs will go?", ("jobs",)),
    ("how many b2b meetings were held?", ("b2b", "meetings")),
])
def test_what_a_count_counts(question: str, counted: tuple[str, ...]) -> None:
    assert analyse_focus(analyse(question), []).count_noun == counted


def test_joined_modifiers_of_a_count(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many short and medium-haul flights did skyline air have to cancel when the "
                             "presidential jet landed?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "41 short" in answer["citations"][0]["quote"]


def test_a_bare_year_answers_since_when(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Since what year has Tarrow Steel gone without laying off a worker?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "since 1962" in answer["citations"][0]["quote"]


def test_how_much_of_asks_a_share(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much of its stock market value has Pellmore Foods lost in just over a year?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert any("lost 70%" in c["quote"] for c in answer["citations"])


def test_a_name_with_two_slips_is_read_as_the_stored_one(store: str | Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much has Tom Ardley offered for the shares in Wexxcome Rovers he does not hold?",
                      capsys)
    assert "Wexcombe Rovers" in answer["read_as"], answer["answer"]
    assert not answer["abstained"], answer["answer"]
    assert "£1.1m" in answer["citations"][0]["quote"]


def test_a_name_the_store_lacks_is_named_once(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much has Tom Ardley offered for the shares in Qwzzyx Rovers he does not hold?",
                      capsys)
    assert answer["abstained"] and not answer["citations"]
    assert answer["answer"] == "The stored articles do not mention Qwzzyx Rovers."


def test_the_companys_founder_after_a_sentence_naming_it(store: str | Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who founded marlow dairy, britain's only halloumi maker?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Anna Price" in answer["citations"][0]["quote"]


def test_where_the_firm_is_based_without_its_name(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "where is trelawn sports based?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Salem, Oregon" in answer["citations"][0]["quote"]


def test_what_they_named_as_a_reason_is_a_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what did kelso telecom and brannagh networks name as a main reason for combining?",
                      capsys)
    assert not answer["abstained"], answer["answer"]
    assert "main driver for the merger" in answer["citations"][0]["quote"]


def test_where_shares_closed_is_a_level(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "where did dunmore oil shares close after the drilling update?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "at 660 pence" in answer["citations"][0]["quote"]


def test_each_place_asked_gets_its_sentence(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what are interest rates at in the uk and in the eurozone?", capsys)
    assert not answer["abstained"], answer["answer"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert any("2.25%" in q for q in quotes[:2]) and any("4.5%" in q for q in quotes[:2]), quotes


def test_sales_outlets_ask_no_sales(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which dorran bank sales outlets does the harlow life deal cover?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "high-street branches" in answer["citations"][0]["quote"]


def test_a_short_unknown_name_after_an_owner(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what is the latest cost estimate for peru's qarn project?", capsys)
    assert answer["abstained"] and not answer["citations"]
    assert answer["answer"] == "The stored articles do not mention qarn."


def test_where_in_a_country_asks_a_place_within_it(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Where in Peru is Kestrel Mobile putting up its first masts?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    anywhere = ask_json(store, "Where is Kestrel Mobile putting up its first masts?", capsys)
    assert not anywhere["abstained"] and "in Peru" in anywhere["citations"][0]["quote"], anywhere["answer"]


def test_a_price_per_share_asked_wants_one(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much per share has Kelso Telecom offered for Brannagh Networks?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_what_was_paid_wants_a_sum(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What did Tarrow Steel pay for Pennock Fittings in 1999?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    fee = ask_json(store, "What fee is Holt Vane being paid to advise Tom Ardley?", capsys)
    assert fee["abstained"] and fee["near_miss"], fee["answer"]
    paid = ask_json(store, "how much did Quorra Play pay for its Velmont stake?", capsys)
    assert not paid["abstained"], paid["answer"]
    assert "for about $95m" in paid["citations"][0]["quote"]


def test_a_head_count_is_said_of_staff(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many people does Velmont employ?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, FOLDER, Clock()) as service:
        yield service


async def test_the_retailer_after_a_question_naming_it(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("what annual profit does Hallam Stores now expect?")
    assert first is not None and "£212m" in first.split("[1]")[0], first
    assert "The stored articles mention" not in first, first
    boss = await console.handle("who is the retailer's chief executive?")
    assert boss is not None
    assert "The stored articles mention" not in boss and "Ruth Colby" in boss.split("[1]")[0], boss


async def test_the_club_stands_for_the_name_carried(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("what debts does Wexcombe Rovers have?")
    assert first is not None and "£9m" in first.split("[1]")[0], first
    assert "The stored articles mention" not in first, first
    investor = await console.handle("who is the club's biggest investor?")
    assert investor is not None
    assert "but nothing that answers this" not in investor, investor
    assert "Lisa Crane" in investor.split("[1]")[0], investor


async def test_a_question_answered_in_the_last_story_keeps_the_subject(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("How much is Parkhurst Leisure raising through its sale of new shares?")
    assert first is not None and "£90m" in first.split("[1]")[0], first
    buyers = await console.handle("who has promised to buy the new stock?")
    assert buyers is not None and "two biggest shareholders" in buyers.split("[1]")[0], buyers
    when = await console.handle("and when were its finances first restructured?")
    assert when is not None and "Parkhurst Leisure" in when.splitlines()[0], when
    assert "1998" in when.split("[1]")[0], when
