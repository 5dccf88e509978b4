"""How a question is read (issue 11, classes read in session 31; fixtures in our own words under
tests/fixtures/s31-reading/):

- "what did sweden's finance minister say …?": a sentence in which that minister speaks by role alone ("Sweden's
  finance minister has said the world faced …") is the minister's word; it is not passed over for another quotation
  that names him;
- "where would he seek action on it?" after that question: "he" is the minister the last question asked about by
  role, when its answer named nobody, and "it" is none of the several countries it named ("unless the US worked with
  Europe and Asia"), nor the one whose minister is asked about; it is left to the story;
- "which newspaper reported …?": a lead saying only that something was reported yields to the sentence of its story
  (or of another report of it about as good) naming the paper, though retrieval ranked it low or left it out; the one
  saying most of what was reported, when several name papers;
- "which years does the claim cover?": a lead naming years ("for the 2001-2003 period") names the things asked, so no
  other story's sentence naming years is sought;
- "how big a stake did Orlan Capital hold …?": a sentence naming the stake but not its size yields to its story's
  sentence giving it ("a one-fifth stake");
- "how many people besides Carlo Venti …?": "Mr Venti and 14 others" counts the people asked about;
- follow-ups: "on what allegations?" asks what the story's act rests on, not a narrowing of the last question's
  count; "where is the buyer based?" stays in a story in which a firm "agreed to buy";
- "which … executive, rather than the union officials, said …?": a leading quotation said by "she" yields to the
  sentence just before it naming the executive; a lead naming no speaker yields to a quotation in one of the next two
  sentences said by one fitting the words asked ("said vice-chairman Arun Mehta");
- "…, as opposed to Euronext, which declined to comment?": the relative clause is set against too; "axing" jobs is a
  cut; "weighing up" asks no rise; "since when …?" asks a date, not an amount of the sales named; a scope ("in
  value") or a year ("as against 2014") set against is not asked;
- "why did Sweden's environment agency say …?" is answered by the agency's own word; a why-question's sentence
  restating it just below a lead giving another cause yields to the next sentence when that one gives a cause ("They
  are hoping that … will make …", a purpose); a spokeswoman for another centre speaks of that centre (near miss);
- "what did oleg marin tell the court …?": "Mr Marin said …" is his word; "where did ravi kapoor tell investors …?"
  is answered by the sentence placing him ("told the conference in Denver"); his bare quotation going on after one
  that names him at its end leads when it says more of what is asked;
- "which carmaker has led the US hybrid market …?" is led by the sentence in which a name does that deed ("Kaito Motors
  has led the market so far"); "what would the costs … include?" by the next sentence saying what "this would
  include"; "what … had Tessel Systems been forecast to make …?" asks what was expected, however many words name the
  firm, and the story's sentence giving the forecast leads over the outcome; "whose shares in Cirrus …?" is led by
  the sentence naming whose they are ("Telmar's shares in Cirrus").

Asked through `tradebrief ask --json` on every kind of store, and the follow-ups through the console adapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.conversation import Turn, _deeds_of, _is_subject, _role_asked, _stays_in_story, resolve_followup
from bot.focus import Focus
from bot.lists import _years_given, read_list
from bot.question import analyse
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, first_quote, near_miss_said, store_fixture, store_retriever, stored_ranked

FOLDER = ROOT / "tests" / "fixtures" / "s31-reading"

store = store_fixture("s31_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("what did sweden's finance minister say the world faced unless the us worked with europe and asia "
                 "on exchange rates?", 'the world faced "a currency war"', id="a_role_speaking_unnamed"),
    pytest.param("which newspaper reported the back-tax demand on volgaz's nuclear unit?",
                 "The Morskaya Gazette newspaper reported", id="the_paper_named_later_in_the_story"),
    pytest.param("which newspaper reported that two liaoning savings bank officials in dalian had vanished?",
                 "the Eastern Morning Post reported", id="the_paper_named_after_a_comma"),
    pytest.param("Which newspaper carried the report of Corvel Bank's merger talks with Pacifica Bancorp?",
                 "the Sunday Herald's report", id="the_paper_named_in_another_report"),
    pytest.param("how big a stake did orlan capital hold in volga beer?", "has a one-fifth stake",
                 id="the_size_of_a_stake"),
    pytest.param("how many people besides carlo venti are prosecutors seeking to have indicted?",
                 "Mr Venti and 14 others", id="others_counted_beside_one_named"),
    pytest.param("By how much did Scaldis's sales by volume grow in 2004, rather than its sales in value?",
                 "its sales by volume grew 40% in 2004", id="a_scope_set_against_is_not_asked"),
    pytest.param("What would Norland's contribution to the EU budget reach by 2020, as against 2014?",
                 "nearly 7bn euros by 2020", id="a_year_set_against_is_not_asked"),
    pytest.param("What quarterly net profit had Tessel Systems been forecast to make, rather than what it actually "
                 "reported?", "Forecasts had put its profit at 2.9bn rupees", id="the_forecast_not_the_outcome"),
    pytest.param("Whose shares in Cirrus was Vantage reportedly weighing up buying at the time of the bond issue?",
                 "Telmar's shares in Cirrus", id="whose_they_are_named"),
    pytest.param("Which carmaker has led the US hybrid market so far, rather than Sunaro?",
                 "Kaito Motors has led the market so far", id="the_doer_of_the_deed_asked"),
    pytest.param("What would the costs of Norland's EU membership include?", "This would include large farm subsidies",
                 id="what_it_includes_goes_on_from_the_lead"),
    pytest.param("Since when has Kestrel Stores suspended firearms sales in its Ohio stores?",
                 "suspend firearms sales in its Ohio stores in 2003", id="since_when_asks_no_amount"),
    pytest.param("what did oleg marin tell the court there were in the case against him?",
                 'Mr Marin said there were "glaring gaps"', id="the_person_asked_speaks_by_surname"),
    pytest.param("where did ravi kapoor tell investors the merged company would have to cut thousands of jobs?",
                 "Mr Kapoor told the conference in Denver", id="the_place_of_a_speech"),
    pytest.param("What does Sir Colm Daly say Harbour Media's plain goal is in every market it serves?",
                 '"Our plain goal at Harbour Media', id="his_words_go_on_after_a_quote_naming_him"),
    pytest.param("What share of the Harbour Gazette's editorial staff do the 60 job cuts amount to?",
                 "15% of its editorial staff", id="axing_jobs_is_a_cut"),
    pytest.param("Why did Sweden's environment agency say the 12 projects had to stop?",
                 "none of the 12 projects had properly assessed", id="the_body_asked_gives_its_reasons"),
    pytest.param("Which Gazette executive, rather than the union officials, said reporters are the heart of the "
                 "paper?", "Gazette executive Lena Strand said", id="she_said_after_her_name"),
    pytest.param("Which Tessel Systems vice-chairman, rather than the Coastline Securities analyst, said staff "
                 "turnover had to be brought under control?", "said vice-chairman Arun Mehta",
                 id="the_quotation_after_a_lead_naming_no_speaker"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


async def test_he_is_the_minister_asked_by_role(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "what did sweden's finance minister say the world faced unless the us worked with "
                                  "europe and asia on exchange rates?",
                                  "where would he seek action on it?",
                                  "and when does that meeting take place?")
    assert opening(replies[1]).startswith("Showing results for: where would Sweden's finance minister seek action on "
                                          "it? Mr Marek plans to raise the issue"), replies[1]
    assert "February meeting" in opening(replies[2]), replies[2]


async def test_the_years_of_the_claim_in_its_story(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "which newspaper reported the back-tax demand on volgaz's nuclear unit?",
                                  "and which years does the claim cover?")
    assert "for the 2001-2003 period" in opening(replies[1]), replies[1]
    assert "1999, 2000 and 2001" not in replies[1], replies[1]


async def test_on_what_allegations_asks_the_story(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "how many people besides carlo venti are prosecutors seeking to have indicted?",
                                  "on what allegations?")
    assert "for alleged false accounting" in opening(replies[1]), replies[1]
    assert "no count" not in replies[1], replies[1]


async def test_the_buyer_is_the_one_that_agreed_to_buy(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "how big a stake did orlan capital hold in volga beer?",
                                  "where is the buyer based?")
    assert opening(replies[1]).startswith("The Ghent-based brewer said"), replies[1]


def test_an_owner_is_not_the_subject() -> None:
    assert _is_subject("Turkey", "how much does turkey want to borrow?")
    assert not _is_subject("France", "what did france's finance minister say?")


def test_the_role_asked_stands_for_he() -> None:
    turn = Turn(question="what did france's finance minister say the world faced?", display=("France", "US"))
    assert _role_asked(turn) == "France's finance minister"
    assert _role_asked(Turn(question="what did France say?", display=("France",))) == ""
    followed = Turn(question="what did france's finance minister say the world faced unless the us worked with "
                             "europe and asia?", display=("France", "US", "Europe", "Asia"))
    assert resolve_followup("where would he seek action on it?", followed, [], "")[0] == \
        "where would France's finance minister seek action on it?"


def test_grounds_asked_stay_in_the_story() -> None:
    turn = Turn(question="how many people are prosecutors seeking to have indicted?", kind="figure", article_id="a")
    assert resolve_followup("on what allegations?", turn, [], "")[1] == "story"
    assert resolve_followup("in which year?", turn, [], "")[1] != "story"


def test_a_doer_named_for_its_deed() -> None:
    assert _deeds_of("buyer") == ("buy",)
    assert _deeds_of("bidder") == ("bidd", "bid")
    assert _deeds_of("deal") == ()


def test_years_named_in_a_sentence() -> None:
    ask = read_list(analyse("which years does the claim cover?"), Focus())
    assert ask is not None
    assert _years_given(ask, "It faces a claim for the 2001-2003 period.")
    assert not _years_given(ask, "It faces a claim for an earlier period.")


def test_the_paper_saying_most_of_what_was_reported(store: str | Path) -> None:
    """Of two papers a story names, the one reporting what the question says was reported ("the Eastern Morning Post
    reported"), not the first ("a report in the Northern Times said … list abroad")."""
    from bot.answers import _publication_first

    question = analyse("which newspaper reported that two liaoning savings bank officials in dalian had vanished?")
    with store_retriever(store) as retriever:
        lead = stored_ranked(retriever, "Two senior officials at Liaoning Savings Bank", 3.0)
        led = _publication_first(question, [lead], retriever.store)
    assert led[0].hit.sentence.text.startswith("The two men both worked"), led[0].hit.sentence.text


@pytest.mark.parametrize("question, lead_words, named", [
    pytest.param("Which Gazette executive, rather than the union officials, said reporters are the heart of the "
                 "paper?", '"Reporters are the heart', "Gazette executive Lena Strand said", id="she_said"),
    pytest.param("Which Tessel Systems vice-chairman, rather than the Coastline Securities analyst, said staff "
                 "turnover had to be brought under control?", "A worry pointed out by Tessel",
                 '"Getting that under control is a priority," said vice-chairman', id="said_two_sentences_on"),
])
def test_the_speaker_named_beside_the_lead(store: str | Path, question: str, lead_words: str, named: str) -> None:
    """"Which … executive, rather than …, said …?": a leading quotation said by "she" yields to the sentence before
    it naming her; a lead naming no speaker, to the quotation two sentences on said by the vice-chairman asked about."""
    from bot.answers import Answerer

    with store_retriever(store) as retriever:
        ranked = [stored_ranked(retriever, lead_words, 3.0)]
        Answerer(retriever)._quoter_first(analyse(question), ranked)
    assert ranked[0].hit.sentence.text.startswith(named), ranked[0].hit.sentence.text


def test_the_buyer_of_a_story_of_buying() -> None:
    story = "Brewing group Scaldis has agreed to buy a stake in Volga Beer. The Ghent-based brewer said it was pleased."
    assert _stays_in_story("where is the buyer based?", story)
    assert not _stays_in_story("where is the lender based?", story)


def test_another_centres_shoppers_are_no_count_of_the_one_asked(store: str | Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """"a spokeswoman for the St Ninian's Shopping Centre in Leith said about 180,000 shoppers …" counts another
    centre's shoppers, in the story of the Harbour Centre asked about: the near miss is said."""
    near_miss_said(store, "how many shoppers visited the harbour centre on the last saturday before christmas?",
                   "no count of shoppers", capsys)


def test_the_restated_question_below_a_lead_giving_another_cause(store: str | Path) -> None:
    """"why are many newspapers investing in presses …?": under a lead giving the cause of something else ("the job
    cuts are needed to pay for …"), a sentence about as good saying far more of the question ("Many papers are
    spending heavily on new presses that can print more colour pages") is where the story goes on to say why."""
    from bot.answers import _restated_then_told
    from bot.focus import analyse_focus

    question = analyse("Why are many newspapers investing in presses that print more colour pages?")
    with store_retriever(store) as retriever:
        focus = analyse_focus(question, retriever.lexicons)
        lead = stored_ranked(retriever, "The Gazette says the job cuts", 2.16, 0.30)
        restating = stored_ranked(retriever, "Many papers are spending heavily", 2.12, 0.85)
        led = _restated_then_told(question, focus, [lead, restating], retriever.store)
    assert led[0].hit.sentence.text.startswith("They are hoping that colour on more pages"), led[0].hit.sentence.text
    # (but not when the sentence after it gives no cause either: "The retailers' trade body will publish …")
    question = analyse("Why did shops across the country report strong trade on the last Saturday before Christmas?")
    with store_retriever(store) as retriever:
        focus = analyse_focus(question, retriever.lexicons)
        lead = stored_ranked(retriever, "Harbour Centre, the city's biggest mall", 2.5, 0.30)
        restating = stored_ranked(retriever, "Shops across the country reported", 2.4, 0.9)
        kept = _restated_then_told(question, focus, [lead, restating], retriever.store)
    assert kept[0] is lead, kept[0].hit.sentence.text


def test_a_hope_is_a_purpose() -> None:
    from bot.causes import cause_grade

    assert cause_grade("They are hoping that colour on more pages will win over advertisers.") >= 2
    assert cause_grade("They are hoping for a quiet year.") == 0
    assert cause_grade("Retailers had hoped that lower interest rates would tempt shoppers back.") == 0
    assert cause_grade("Weaker spending is likely to have convinced the bank to hold rates.") == 3


def test_a_relative_clause_after_an_aside_is_set_against() -> None:
    terms = analyse("How did the German bidder describe its talks with the LSE, as opposed to Euronext, which declined "
                    "to comment?").terms
    assert "declined" not in terms and "comment" not in terms
    assert "deal" in analyse("Which minister, rather than the vice president, told Reuters about the deal?").terms


def test_axing_is_a_cut() -> None:
    from bot.nearmiss import _plain_direction

    assert _plain_direction("The paper is axing 60 newsroom jobs.") == "fall"


def test_weighing_up_asks_no_rise() -> None:
    from bot.focus import analyse_focus

    assert analyse_focus(analyse("Whose shares was Vivendi weighing up buying?"), []).direction == ""
    assert analyse_focus(analyse("By how much have sales picked up?"), []).direction == "rise"


def test_a_place_describing_the_body_speaking_is_no_other_body() -> None:
    from bot.nearmiss import anothers_subject

    focus = Focus(entities=("harbour centre",), display=("Harbour Centre",))
    question = "how many shoppers visited the harbour centre?"
    other = "A spokeswoman for the St Ninian's Shopping Centre said 9,000 shoppers came."
    assert anothers_subject(question, focus, other, lambda name: False) == "St Ninian's Shopping Centre"
    placed = "A spokeswoman for the Leith-based centre said 9,000 shoppers came."
    assert anothers_subject(question, focus, placed, lambda name: True) == ""


def test_the_speaker_asked() -> None:
    from bot.conversation import asked_speaker

    assert asked_speaker("why did china's environment agency say the projects had to stop?") == ("environment", "agency")
    assert asked_speaker("why does stelios say he has every right to use the name?") == ()
    assert asked_speaker("what did the prosecutor say?") == ("prosecutor",)
    assert asked_speaker("what does Jose Rangel say the reform is not against: under which year's law can the state "
                         "seize farms?") == ()



def test_a_time_setting_opening_asks_nothing() -> None:
    """"even before the fuel price rise, what had been fuelling anger …?" asks a cause; the opening only sets the
    time, so no price rise is asked."""
    from bot.focus import analyse_focus

    focus = analyse_focus(analyse("even before the fuel price rise, what had been fuelling anger in the poorest towns?"),
                          [])
    assert focus.why and focus.measure == "" and focus.direction == ""
    assert analyse_focus(analyse("what had been fuelling anger in the poorest towns?"), []).why
    assert analyse_focus(analyse("even before the fuel price rise, how much had prices gone up?"), []).direction == "rise"
    assert analyse_focus(analyse("even before the fuel price rise, how many shops had closed?"), []).direction == ""
