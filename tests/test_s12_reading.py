"""How a question is read (issue 11, classes read from final11's failures; fixtures in our own words under
tests/fixtures/s12-reading/):

- a quarter written as its months ("in the October-to-December period") is a quarter, and a figure set beside
  the year before's ("$410m …, down from $585m in the fourth quarter of 2003") is the asked year's: asked what
  a firm earned in the last three months of 2004, that amount answers, not the sentence giving only the fall
  in per cent; what a firm "earned" asks an amount;
- a sentence opening with a bare title and a name ("Director Odile Ferrand says …", "Boss Pieter Claeys blames …")
  right after sentences on a firm names that firm's head, as "it" would refer back to it;
- an acronym asked ("the HCA") is also the name its own stories spell it out as ("the Harbour Conduct Authority
  (HCA)"), so a sentence naming only the full name is about it;
- a cause is also said as "affected by", "hurt over the past year by", "reaping the benefits of", and a motive as
  "would find it easier to";
- follow-ups: "and in the same quarter of 2003?" asks the last question with its year swapped (its span kept);
  "and over the whole year?" after a month asks it of the whole year; "how much will that save?" asks what the
  sentence just quoted said ("a move which should let it save $150m"), not another saving in the story;
  "his government" after a question about a country's minister is that country's government;
  "and what was it before?" asks the last question before (its "now" dropped); "how much is that deal worth?" is
  about the deal, not about what the last sentence said;
- words the news writes otherwise are searched for too: "set aside" as "allocated", "market value" as "valued" or
  "capitalisation", "jobless" as "unemployment", "hurt" as "affected", "runs" as "chief";
- "This is due largely to the faltering economy, which shrank …" gives the shrinking economy as the cause of what
  the sentence before said, no cause of it; "German Economy minister X" names no "German Economy";
- "the ghanaian trade minister": a stored country's adjective is no unknown name, though no story writes it;
- "which Varn Capital economist said …?" is answered by the sentence naming the firm, the role and a person the
  question does not name, in a story holding most of the question, though the quote is worded otherwise;
- a share price asked ("how high did X's share price go?") is what its shares traded at ("shares touched 14.20
  euros"), a level, not a deal's price nor a per cent change;
- "before seasonal adjustment" (unadjusted) and "seasonally adjusted" are scopes: the other kind of figure is out
  of scope, and the story's figure of the asked kind leads;
- "16% out of work" gives an unemployment rate, as "unemployment" would;
- "which brewers have invested in X's beer industry?" lists firms, not sectors: the word "industry" does not make
  it a sector question;
- what "had been expected" is asked apart from the outcome: a sentence with no expectation in it is out of scope
  (never "3,000 jobs" stated for the 4,000 job losses that had been expected);
- "and by when must the group agree?" after a question naming Tarsk Card and Tarsk Group: "the group" is Tarsk
  Group, and a question word after a preposition makes a question of its own; "and in december alone?" after a
  question about the whole year asks the month;
- "which Harrow Securities analyst …?" asks for one person: "Securities" is a word of a name, not a plural
  asking for a list, so no list-like sentence of the story replaces the analyst's.

Asked through `tradebrief ask --json` and (follow-ups) the console adapter, on every kind of store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.causes import asked_event, cause_grade
from bot.entities import _names_in
from bot.focus import spelled_out
from bot.question import analyse
from tests.conftest import ROOT
from bot.retrieval import EXPANSIONS
from bot.service import Tradebrief
from tests.stores import Stores, ask_json, store_fixture
from tests.test_followups import Clock, followup_service

FOLDER = ROOT / "tests" / "fixtures" / "s12-reading"

store = store_fixture("s12_reading", FOLDER)


def test_a_quarter_written_as_months_beside_its_baseline(store: str | Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What did Brannock Tractors earn in the last three months of 2004?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$410m" in answer["citations"][0]["quote"]


def test_the_whole_year_is_still_the_whole_year(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What did Brannock Tractors earn in 2004 as a whole?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$1.9bn" in answer["citations"][0]["quote"]


def test_which_name_securities_analyst_asks_one_person(store: str | Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Which Harrow Securities analyst predicted a rival offer for Keld Mining and its "
                             "shareholders?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Joel Brandt" in answer["citations"][0]["quote"]


def test_a_title_opening_a_sentence_after_the_firm_is_its_head(store: str | Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Who is the director of the French cloth maker Valmont-Tissage?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Odile Ferrand" in answer["lead"]
    assert answer["citations"][0]["quote"].startswith("Director Odile Ferrand")


def test_who_runs_takes_a_boss_named_after_the_firm(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who runs the belgian rope maker hollensteg?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Pieter Claeys" in answer["lead"]


def test_a_title_after_another_firm_is_not_this_ones(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Hollensteg is named only after Valmont-Tissage's director: she is not Hollensteg's
    answer = ask_json(store, "Who is the director of Hollensteg?", capsys)
    assert "Ferrand" not in answer["lead"], answer["answer"]


def test_an_acronym_asked_is_the_name_it_stands_for(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the HCA's own story spells it out ("The Harbour Conduct Authority (HCA)"); Talvik's names only the full name
    answer = ask_json(store, "How much did Talvik Shipping pay the HCA to settle charges over its cargo figures?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$40m" in answer["citations"][0]["quote"]
    assert answer["lead_kind"] != "synthesised" or "40m" in answer["lead"]


def test_spelled_out_needs_the_name_written_twice_or_before_the_acronym() -> None:
    assert spelled_out("HCA", ["The Harbour Conduct Authority (HCA) fined them."]) == "Harbour Conduct Authority"
    assert spelled_out("ODPM", ["the Office of the Deputy Prime Minister said", "the Office of the Deputy Prime "
                                "Minister's figures"]) == "Office of the Deputy Prime Minister"
    assert spelled_out("HCA", ["Henry Carter Associates said so."]) == ""  # once, in passing: no proof
    assert spelled_out("US", ["United States and United States"]) == ""  # two letters: too many readings


@pytest.mark.parametrize("sentence, grade", [
    ("Its wine sales have been affected by the weak economy and by a ban on drinking at work.", 3),
    ("The chairman pointed out that the group was reaping the benefits of its spending on new mines.", 3),
    ("Margins were hurt over the past year by dearer fuel.", 3),
    ("Mr Odell said the team would find it easier to raise money by having one owner.", 2),
    ("Its wine sales were affected, the firm said on Monday.", 0),  # no cause said
])
def test_more_ways_of_saying_a_cause(sentence: str, grade: int) -> None:
    assert cause_grade(sentence) == grade


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, FOLDER, Clock()) as service:
        yield service


async def test_the_same_quarter_of_another_year(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("What did Brannock Tractors earn in the last three months of 2004?")
    assert first is not None and "$410m" in first.splitlines()[0], first
    again = await console.handle("and in the same quarter of 2003?")
    assert again is not None
    flat = " ".join(again.split())
    assert "earn in the last three months of 2003" in flat, again  # the year swapped, the span kept
    assert "$585m" in flat.split("[1]")[0] or "$585m" in flat.split("[2]")[0], again


async def test_the_whole_year_after_a_month(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("How much did shoppers in Denmark spend at retailers in December?")
    assert first is not None and "9.2bn" in first.splitlines()[0], first
    year = await console.handle("and over the whole year?")
    assert year is not None
    assert "98bn crowns" in " ".join(year.split()).split("[2]")[0], year


async def test_what_that_does_asks_the_sentence_just_quoted(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("What is Corvane Insurance cutting its dividend to?")
    assert first is not None and "20 cents" in first.splitlines()[0], first
    saving = await console.handle("how much will that save?")
    assert saving is not None
    assert "$150m" in " ".join(saving.split()).split("[1]")[0], saving  # the dividend's saving, not the job cuts'


async def test_his_government_is_his_countrys(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("who is ghana's trade minister?")
    assert first is not None and "Kwame Asante" in first.splitlines()[0], first
    spend = await console.handle("how much will his government spend subsidising seed and fertiliser?")
    assert spend is not None
    flat = " ".join(spend.split())
    assert "Ghana's government" in flat, spend
    lead = flat.split("[1]")[0]
    assert "2.2m" in lead or "20bn cedis" in lead, spend


async def test_what_was_it_before_asks_the_earlier_figure(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("How long is the average induction for a call centre worker now?")
    assert first is not None and "18 days" in first.splitlines()[0], first
    before = await console.handle("and what was it before?")
    assert before is not None
    assert "from 30 to just 18 days" in " ".join(before.split()).split("[1]")[0], before



def test_set_aside_is_found_as_allocated(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much has been set aside for the Harbour Line?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£2bn" in answer["citations"][0]["quote"]


@pytest.mark.parametrize("asked, reported", [("aside", "allocated"), ("earmarked", "allocated"), ("value", "valued"),
                                             ("value", "capitalisation"), ("jobless", "unemployment"),
                                             ("hurt", "affected"), ("runs", "chief"), ("staff", "employees")])
def test_words_news_writes_otherwise(asked: str, reported: str) -> None:
    assert reported in EXPANSIONS[asked]


def test_the_asked_event_given_as_a_cause_is_no_cause_of_it() -> None:
    query = analyse("Why did the Valdorian economy shrink in the last quarter of 2004?")
    asked = asked_event(query.terms, ["valdorian"], ("2004",), query.text)
    # the sentence explains the one before it by the shrinking economy: no cause of the shrinking
    assert asked.grade("This is due largely to the faltering Valdorian economy, which shrank 0.2% in the last "
                       "quarter of 2004.") == 0
    assert asked.grade("The economy shrank because consumers cut their spending.") == 3


def test_a_portfolio_before_minister_is_no_name() -> None:
    found = [name for name, _ in _names_in('"Not before 2006," German Economy minister Wolfgang Clement said.')]
    assert "German Economy" not in found and "Wolfgang Clement" in found
    # a firm before another word keeps its name
    assert "Scottish Power" in [name for name, _ in _names_in("A Scottish Power spokesman said prices would rise.")]


def test_a_stored_countrys_adjective_is_no_unknown_name(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no fixture writes "Ghanaian"; Ghana is stored
    answer = ask_json(store, "what did the ghanaian trade minister say about cotton output?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Kwame Asante" in answer["citations"][0]["quote"]


def test_which_role_at_a_firm_said_what_is_worded_otherwise(store: str | Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # the quote shares few words with the question; its story holds the rest, the sentence the firm, role and person
    answer = ask_json(store, "Which Varn Capital economist said the strong October hiring gave the central bank "
                             "licence to lift interest rates?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Tomas Rield" in answer["citations"][0]["quote"]


def test_a_share_price_is_what_the_shares_traded_at(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How high did Pellam Games' share price go on the bid talk?", capsys)
    assert not answer["abstained"], answer["answer"]  # no deal price is stored: the shares' price answers
    assert "14.20 euros" in answer["citations"][0]["quote"]
    assert answer["lead_kind"] != "synthesised" or "14.20" in answer["lead"]


def test_before_seasonal_adjustment_is_the_unadjusted_figure(store: str | Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Before seasonal adjustment, how many people were out of work in Denmark in March?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "171,500" in answer["citations"][0]["quote"]
    assert "162,000" not in answer["lead"]  # never the adjusted figure stated as the unadjusted one


def test_seasonally_adjusted_is_still_the_adjusted_figure(store: str | Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many people were out of work in Denmark in March, seasonally adjusted?", capsys)
    assert "162,000" in answer["citations"][0]["quote"]


def test_out_of_work_is_unemployment(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What is the unemployment rate among young people in Portugal?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "16% out of work" in answer["citations"][0]["quote"]


@pytest.mark.parametrize("question, kind", [
    ("Which brewers have invested in Vietnam's beer industry in the past two years?", "general"),
    ("which companies in the steel industry cut jobs?", "general"),
    ("which sectors were agreed?", "sector"),
    ("which industries did the two countries pick?", "sector"),
    ("what products does the group make in Vietnam?", "sector"),
])
def test_a_list_of_firms_in_an_industry_is_no_sector_list(question: str, kind: str) -> None:
    query = analyse(question)
    assert query.kind == kind and query.wants_list


def test_brewers_in_an_industry_are_listed(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Which brewers have invested in Vietnam's beer industry in the past two years?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Kirin, Tuborg and Castlemaine" in answer["citations"][0]["quote"]


async def test_that_deal_is_a_deal_not_the_last_sentence(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("what stake is sundal energy buying in rajmahal oil?")
    assert first is not None and "26%" in first.splitlines()[0], first
    worth = await console.handle("and how much is that deal worth?")
    assert worth is not None
    assert "£12.5m" in " ".join(worth.split()).split("[1]")[0], worth


def test_what_had_been_expected_is_not_the_outcome(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many job losses had been expected before Varden Software announced its cuts?", capsys)
    assert not answer["abstained"], answer["answer"]
    # the 3,000 cut is the outcome: never stated as what had been expected
    assert not (answer["lead_kind"] == "synthesised" and "3,000" in answer["lead"]), answer["answer"]
    assert any("4,000 job losses had been expected" in c["quote"] for c in answer["citations"]), answer["answer"]


async def test_the_group_is_the_firm_named_a_group(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("How big a rescue plan do Tarsk Card's creditors want Tarsk Group to sign up to?")
    assert first is not None and "$600m" in first.splitlines()[0], first
    when = await console.handle("and by when must the group agree?")
    assert when is not None
    flat = " ".join(when.split())
    assert "by when must Tarsk Group agree" in flat, when  # "the group" is Tarsk Group, not Tarsk Card
    assert "until Friday" in flat.split("[1]")[0], when


async def test_a_month_alone_after_the_whole_year(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    first = await console.handle("How much did shoppers in Denmark spend at retailers over the whole year?")
    assert first is not None and "98bn" in first, first
    month = await console.handle("and in december alone?")
    assert month is not None
    flat = " ".join(month.split())
    assert "spend at retailers in december?" in flat.lower(), month  # the month asked, the whole year dropped
    assert "9.2bn crowns" in flat.split("[1]")[0], month
