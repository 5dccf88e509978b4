"""How a question is read (issue 11, classes read in session 20; fixtures in our own words under
tests/fixtures/s20-reading/):

- a story may misspell the name it is about ("Denver-based Pellanwoth is said to be …" in a report that spells
  Pellanworth right elsewhere): one letter dropped, added or swapped in a long one-word name, in a story the name
  index ties to it, still names it, so "where's Pellanworth based?" is answered from that sentence;
- "what could Vessa be valued at if its shares price at the top of the range?" asks a value: the trailing condition
  only says when it would hold, so the shares it names are not the measure asked, and "… that would leave the whole
  business valued at as much as 180m euros" answers rather than the share sale;
- "In November, Dunmore Bank forecast a 6% fall in property prices in 2005 …": an opening month dates the saying,
  and with the asked year in the sentence the forecast is of that year, no part of it (checked as the reading,
  `Focus.scope_conflict`: the small fixture store answers either way); without the year the month still is a part
  of the year; "what was January's rise if car sales are left out?" keeps its condition, which narrows what is asked;
- whether the store answers at all is judged on sentences about the question's own names: "what fall in home prices
  is Kestrel Economics forecasting for 2005?" is not made answerable by Dunmore Bank's forecast in another story,
  which would then be quoted for Kestrel's; the near miss is said;
- "… start trials in April, ahead of launching faster services nationally from the autumn": beside a season,
  a sentence's single calendar date may date another step, so "when does Velcom plan to launch …?" is not answered
  "April" but quoted;
- "what products were in big demand in Taiwan in January …?" asks products: the sentence introducing items as
  products ("… with products such as flat-screen TVs in high demand") answers, and the sectors another sentence
  lists ("cars, chemicals and electronic goods") are not stated as the products asked;
- a place the store writes only as the head of a compound ("director of Harrogate-based consulting group
  Forgemark") is stored: the question naming "the Harrogate consultancy" is answered, not told the store never
  mentions Harrogate;
- "when did the Lindell Foundation pay the tax demand?" asks when it paid, no price: the sentence saying it "paid
  the money in March" answers rather than a near miss saying there is no price;
- "what's dyson making in profit these days": after "what's" the word is the verb's subject, so a name the store
  never writes is told as such ("The stored articles do not mention dyson."), not searched for as a word, which
  on the realistic store quoted another carmaker's profit;
- "how many harlow bank jobs will go in the united states?" places the count in a country: a clause naming no
  country ("Harlow Bank … is to cut 1,900 jobs") in a story that names that country beside others is the whole
  firm's figure, and a year or a percentage ("The US, source of 41% of profit in the first half of 2004, …") counts no
  jobs, so the near miss is said ("no jobs in the United States"); a story whose title names the place is about the
  firm there ("Pellmore names new boss for Japan arm"), so "how many customers did Pellmore lose in Japan?" is
  answered;
- "how many harlow bank jobs …": the name read first is whose the jobs are, and jobs are counted;
- "… will go in investment banking": a sentence of the story saying the part in the question's words ("About 800
  of the posts to be cut are in investment banking") goes first, so the whole firm's 1,900 is not stated;
- "… went up 6% globally, while they climbed by 19% in Peru.": the place closing the sentence is read without its full
  stop, so the sentence is not taken for a worldwide figure standing in for Peru's;
- "The Act comes into force in mid-2006." in a story on the Tarnland Audit Act speaks of it: a name ending in a word
  like "Act" is called by it after "The" (checked as the reading, `Focus.short_named`);
- "which low-cost countries are given as examples of …?" is passive: "given as examples …" is no subject the story
  must say, so the countries listed answer;
- "which farm products does the Ostra Trade Council say are hit hard …?": a sentence about the council introducing
  items as products ("… the trade of products such as sugar and wheat") answers, though it shares few words;
- "how far did brannholt shares fall in frankfurt …?": a market report gives a listed firm's move without the word
  shares ("In Frankfurt, Brannholt fell 3.1% to 12.40 euros", "… with Castlemere dropping 2.4%"), and that
  sentence carries the shares' fall;
- "by how much did Harwood Tobacco's shares rise …?": a clause whose every figure comes with another firm's name and
  a move ("… with Corbel rising 4% and Tamsin showing gains of 3.5%") gives none of Harwood's, so the near miss is
  said;
- "what will Pelham Steel charge per tonne of steel after its 8% price increase?" asks a price each, which is a
  figure (a sentence must give an amount), and the trailing "after its … increase" asks no rise, so the near miss
  says "no price" (not "no price rise", which the store does report);
- follow-ups: "… due there this time?" after a question about an appearance "at Alpenhof" goes there, not to the
  country named as whose vice president it was; "only one senior official" counts officials; "who reported that?"
  asks who the cited sentence says reported it ("reports from the Tarnland Treasury and the Southern Development
  Bank have said"); and "… hope the new talks will produce a deal?" asks a time, no output;
- "which news agency did Niall Farren tell …?" asks one agency: "news" is no plural, so the question is no list
  question and the story's list of names does not lead;
- "what risks did the economist say French growth remained open to?" asks what was said, which may be a view of what
  is to come ("a growth that will remain fragile …"): the question does not ask only what happened (checked as the
  reading, `answers._asks_past`: the small fixture store answers either way);
- "why does the Ostra Trade Council say 1.8 billion people … face hunger?": the sentence saying so opens "As a
  result," and the cause is the one before it ("Tariffs and farm aid badly warp the market …"), which leads;
- "…, according to Tellis's chief executive?" asks the boss's view: the sentence in which he gives it ("He insisted
  the contract was clear: …") leads over the firm's own statement ("Tellis also said …");
- "Name the four garment factories that shut in Marenland." asks a list, so the sentence naming them ("… the four
  factories were Alder Garments, Birch Knitwear, …") leads;
- "when does Dunmore Bank's Nina Holm expect any rate rise to come?" asks a named person's view: a sentence in which
  she gives it, by name or as "she" after one naming her ("However, she added, any rate increase …"), is the one to
  lead (checked as the reading, `question.view_said`: the small fixture store answers either way).

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.answers import _asks_past
from bot.focus import analyse_focus
from bot.question import analyse, view_said
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, first_quote, near_miss_said, store_fixture, store_lexicons

FOLDER = ROOT / "tests" / "fixtures" / "s20-reading"

store = store_fixture("s20_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("where's pellanworth based?", "Denver-based", id="a_name_misspelt_in_its_story"),
    pytest.param("what products were in big demand in taiwan in january, helping the home electronics market?",
                 "flat-screen TVs", id="the_kind_asked_introduced"),
    pytest.param("Which director of the Harrogate consultancy Forgemark described the ore price rise as new ground?",
                 "Tom Reddan", id="a_place_written_in_a_compound"),
    pytest.param("When did the Lindell Foundation pay the Marenland tax demand?", "paid the money in March",
                 id="when_paid_asks_no_price"),
    pytest.param("how many harlow bank jobs will go in investment banking", "About 800", id="the_part_asked_said"),
    pytest.param("How many customers did Pellmore lose in Japan in January?", "40,000 customers",
                 id="a_story_titled_with_the_place"),
    pytest.param("By how much did copper prices rise in Peru in March, rather than globally?", "by 19% in Peru",
                 id="a_place_before_the_full_stop"),
    pytest.param("Which low-cost countries are given as examples of where help desks get moved?", "Vietnam",
                 id="a_passive_question_has_no_subject"),
    pytest.param("which farm products does the ostra trade council say are hit hard by subsidies and high tariffs?",
                 "sugar and wheat", id="products_introduced_answer"),
    pytest.param("Which news agency did Niall Farren tell that it was too early to say what he would do after leaving?",
                 "Harbour news agency", id="news_is_no_plural"),
    pytest.param("Why does the Ostra Trade Council say 1.8 billion people in poorer nations who live off the land "
                 "face hunger?", "badly warp the market", id="the_cause_before_as_a_result"),
    pytest.param("Under the contract, who should shoulder the production tax, according to Tellis's chief executive?",
                 "He insisted", id="the_boss_s_view"),
    pytest.param("Name the four garment factories that shut in Marenland.", "Alder Garments", id="name_the_asks_a_list"),
    pytest.param("What could Vessa be valued at if its shares price at the top of the range, rather than the sum it "
                 "hopes to raise?", "valued at as much as 180m euros", id="a_condition_names_no_measure"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


@pytest.mark.parametrize("text, conflict", [
    pytest.param("In November, Dunmore Bank forecast a 6% fall in property prices in 2005.", "",
                 id="a_month_dating_the_saying"),
    pytest.param("In November, property prices fell 1.2%, Dunmore Bank said.", "part of the year, not the year",
                 id="a_month_s_own_figure"),
])
def test_an_opening_month_dates_the_saying(store: str | Path, text: str, conflict: str) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("What fall in property prices did Dunmore Bank forecast for 2005?"), lexicons)
    assert focus.scope_conflict(text) == conflict


def test_a_condition_that_narrows_is_kept(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        assert analyse_focus(analyse("what was january's rise if car sales are left out?"), lexicons).measure == "sales"
        assert analyse_focus(analyse("What could Vessa be valued at if its shares price at the top of the range?"),
                             lexicons).measure == "price"


def test_another_s_forecast_makes_no_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "what fall in home prices is kestrel economics forecasting for 2005?",
                   "nothing that answers this", capsys)


def test_a_date_beside_a_season_is_quoted(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "When does Velcom plan to launch faster broadband nationally?", capsys)
    assert not answer["abstained"] and answer["answer"].startswith("To keep up with demand"), answer["answer"]


def test_the_subject_after_what_s(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what's dyson making in profit these days", capsys)
    assert answer["abstained"] and answer["answer"] == "The stored articles do not mention dyson.", answer["answer"]


def test_a_count_placed_in_a_country(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "how many harlow bank jobs will go in the united states?", "no jobs in the united states",
                   capsys)


def test_the_count_after_a_name(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        assert analyse_focus(analyse("how many harlow bank jobs will go?"), lexicons).count_noun == ("jobs",)


def test_the_act_stands_for_its_name(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("When does the Tarnland Audit Act come into force?"), lexicons)
    story = SimpleNamespace(id=next(iter(focus.entity_articles)))
    assert focus.short_named(0, "The Act comes into force in mid-2006.", story)
    assert not focus.short_named(0, "The Act of Settlement is older.", story)


@pytest.mark.parametrize("question, words", [
    pytest.param("how far did brannholt shares fall in frankfurt on the ore news?", "Brannholt fell 3.1%",
                 id="the_firm_s_move"),
    pytest.param("how far did castlemere's shares drop, as against brannholt's fall in frankfurt?",
                 "Castlemere dropping 2.4%", id="the_move_in_a_with_clause"),
])
def test_a_listed_firm_s_move_is_its_shares(store: str | Path, capsys: pytest.CaptureFixture[str], question: str,
                                            words: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"] and any(words in c["quote"] for c in answer["citations"]), answer["answer"]


def test_figures_with_other_names(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "By how much did Harwood Tobacco's shares rise after the court threw out the government's "
                          "case?", "no shares rise", capsys)


def test_a_figure_the_question_gives(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "What will Pelham Steel charge per tonne of steel after its 8% price increase?",
                   "but no price.", capsys)


async def test_there_is_the_place_the_last_question_was_at(tmp_path: Path, stores: Stores) -> None:
    _, later = await console_chain(tmp_path, stores, FOLDER,
                                   "Which Tarnland vice president made a surprise appearance at Alpenhof a year ago?",
                                   "how many senior officials from President Vance's new administration are due there "
                                   "this time?")
    assert "due at Alpenhof this time" in later, later
    assert "only one senior official" in later and "but no" not in later, later


async def test_who_reported_that(tmp_path: Path, stores: Stores) -> None:
    _, _, who = await console_chain(tmp_path, stores, FOLDER,
                                    "Which bank plans to stop charging transfer fees for some customers?",
                                    "by how much has the cost of sending money home dropped?", "who reported that?")
    assert "only the Tarnland Treasury and the Southern Development Bank" in opening(who), who


def test_a_deal_produced_is_no_output(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("over what period does ada brisk hope the new talks will produce a deal?"), lexicons)
    assert focus.measure == ""


@pytest.mark.parametrize("question, listing", [
    pytest.param("Which news agency did Niall Farren tell that it was too early to say?", False, id="news"),
    pytest.param("which firms has it bought?", True, id="firms"),
])
def test_a_singular_ending_in_s(question: str, listing: bool) -> None:
    assert analyse(question).wants_list is listing


@pytest.mark.parametrize("question, past", [
    pytest.param("What risks did the Velden Partners economist say French growth remained open to?", False,
                 id="what_was_said"),
    pytest.param("How much did French growth slow last year?", True, id="what_happened"),
])
def test_what_was_said_may_be_a_view(question: str, past: bool) -> None:
    assert _asks_past(analyse(question)) is past


@pytest.mark.parametrize("question", ["When does Dunmore Bank's Nina Holm expect any rate rise to come?",
                                      "when does dunmore bank's Nina Holm expect any rate rise to come?"])
def test_a_named_person_s_view(question: str) -> None:
    said = view_said(question)
    assert said is not None
    assert said.search("However, she added, any rate increase was unlikely to happen until later this year.")
    assert said.search("Nina Holm said she was surprised.")
    assert not said.search("The decision to keep interest rates at 4% was passed 6-1 by the board, minutes show.")
