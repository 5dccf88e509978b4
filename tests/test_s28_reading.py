"""How a question is read (issue 11, classes read in session 28; fixtures in our own words under
tests/fixtures/s28-reading/):

- "how many staff does Tarrant Air have altogether, not counting the jobs that might go offshore?": "2,000 jobs" is
  the thing the question sets aside, so it is never stated as the answer, and the story's sentence counting its staff
  ("most of its 9,000 staff work") leads;
- "what do countries wanting to join the WTO have to do to get in?" asks what they do, not which countries: no
  country is stated as the answer;
- "when will the rest of Halberd's policyholders find out …?": "cut … for 2004" gives the year a rate holds for, not
  when anything happens, so "2004" is not stated as the answer;
- "how much did Harwick Leisure get when it sold the racecourse?" asks a price, and no sentence gives one;
- "how much does Oman expect to raise from selling its licences?": "raise the output of the Safah field" raises a
  level, no money, so the near miss is said;
- "who is the chief executive of Corran News & Media?": '"…," said chief executive Sir Liam Brody', in a sentence
  naming the firm, names the firm's own chief;
- an aside set off by dashes ("-- loans agreed but not yet paid out --") is one clause with the sentence around it;
- "what job cuts were announced while she was in charge?": announced plans to cut are what was asked;
- "to what did one big investment bank raise its target for Marlin Cruises' share price?": an investment bank is
  no investment, and "upped" is a rise;
- "what did Hollis Group's restructuring cost it?": "a $120m hit" is what it cost the firm;
- "how did March's Kessler reading compare with earlier years?" asks a comparison, in any words, not a level;
- "…, according to the report on Tarn Mining's profits?" names where the answer is told: no profit is asked;
- "what criteria will Oman's telecoms ministry use …?": "criteria including speed of roll-out, …" gives them;
- "how would a firm like Surfline save money …?": cutting costs is saving money;
- "what position will Ken Aso take …?": a title ("who will become chairman") is a position;
- "why did investors push shares higher after Anna Varga won the election?": "closed higher in response to Anna Varga's
  victory" gives as the cause only what the question says already, so the story's sentence giving one ("… also
  reflected relief that the close race had produced a clear winner") leads;
- "what is the daily circulation of Taifa Leo?": "in circulation for 40 years" says how long, no circulation; "the
  group's circulation revenues", set against what is asked, leave no group to name; "Keystone Bank" is a bank the
  store never names, though it writes "keystone" and names a Bank;
- "how much did Orbis Media pay Lough Air …?": a quote of what others were paid leaves out the party paid; asked a
  price, "its dividend payment" and "to cut costs" give none;
- "what did lending come to in May?" asks a sum ("fell to just over £21bn"), not a move ("fell 3%"); "what did
  Kaveri Pharma make from selling drug ingredients?": the sentence naming that business gives no figure, the next
  one goes on with it ("Sales there dropped … to 1.2bn rupees"), so it leads;
- "on what grounds has the regulator filed complaints …?" asks a cause, which the next sentence gives as its view
  ("It argues the prospectus … was muddled"); "the real reasons may be political" only announces reasons, which
  the quotation after it gives;
- a means an act would work by is a cause ("Reform could reduce poverty by aiding people with broken work records");
  a sentence referring back to the act told before ("In doing this, he argued, Kestrel Oil intended to …") goes on
  with its cause;
- a weekday says when ("on Thursday night"), unless a year is asked; where money "has gone" is said after "to"; what
  else a firm "also makes" answers "what else does it make?";
- follow-ups: "he" is the one person the last question was about when its answer named no one; "the firm" after a
  question about a person is the one firm the story's title names; "what had the company been accused of?" finds
  "allegations" in the story, and "the investigation" its "probe"; "under it" after a question about the UK's rule
  is the rule, not the UK; "what does it blame for the situation?" is led by the story's sentence giving the cause.

Asked through `tradebrief ask --json` on every kind of store, and the follow-ups through the console adapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nearmiss import _clauses
from bot.question import analyse
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import (Stores, ask_json, first_quote, measure_of, near_miss_said, ranked_stub, store_fixture,
                          store_retriever)

FOLDER = ROOT / "tests" / "fixtures" / "s28-reading"

store = store_fixture("s28_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("Who is the chief executive of Corran News & Media?", "said chief executive Sir Liam Brody",
                 id="the_chief_of_the_firm_named"),
    pytest.param("What value of mortgage approvals did the Building Societies Group report, as opposed to the Lenders' "
                 "Council's lending figures?", "£3.1bn", id="a_dashed_aside_is_no_clause_break"),
    pytest.param("To what did one big investment bank raise its target for Marlin Cruises' share price, as opposed to "
                 "where the shares actually traded?", "from £30 to £32.40", id="an_investment_bank_upped_a_target"),
    pytest.param("what did hollis group's ongoing restructuring cost it in the fourth quarter?", "$120m hit",
                 id="what_a_thing_cost_the_firm"),
    pytest.param("By how much has India's economy expanded in each of the past two years, according to the report on "
                 "Tarn Mining's profits?", "more than 7%", id="a_source_named_asks_no_measure"),
    pytest.param("What criteria will Oman's communications ministry use to choose the winners of the phone licences?",
                 "criteria including speed of roll-out", id="items_of_the_kind_asked_introduced"),
    pytest.param("how would a firm like surfline save money by owning alpen skis, according to analysts?",
                 "cut costs", id="cutting_costs_saves_money"),
    pytest.param("In which year was the government's racketeering case against the tobacco firms filed?", "in 1999",
                 id="a_weekday_gives_no_year"),
    pytest.param("Where has a lot of Arab money already gone instead, according to a Karachi broker?",
                 "gone to Malaysia and Indonesia", id="where_money_has_gone_is_said_after_to"),
    pytest.param("Why did investors push Ruritanian shares higher after Anna Varga won the election?",
                 "relief that the close race had produced a clear winner", id="the_question_s_own_premise_is_no_cause"),
    pytest.param("According to one Karachi broker, why has Arab money stopped going to the US?",
                 '"If you freeze Gulf savings after a terror attack', id="the_real_reasons_announced_then_given"),
    pytest.param("On what grounds has the Danish regulator filed complaints over Talvera's bond issue?",
                 "It argues the prospectus that came with the bonds was muddled", id="the_grounds_given_as_a_view"),
    pytest.param("how many staff does tarrant air have altogether, not counting the jobs that might go offshore?",
                 "most of its 9,000 staff work", id="the_count_not_set_aside"),
    pytest.param("What did Lenders' Council lending come to in May, as against a year earlier?",
                 "in May lending fell to just over £21bn", id="a_total_asked_is_a_sum"),
    pytest.param("What did Kaveri Pharma make from selling drug ingredients in the quarter, rather than from its "
                 "generics business?", "to 1.2bn rupees", id="the_amount_given_next"),
]


NEAR_MISSES = [
    pytest.param("How much did Harwick Leisure get when it sold the racecourse in 2001?", "no price",
                 id="what_a_seller_got_is_a_price"),
    pytest.param("How much does Oman expect to raise from selling its three new mobile licences?", "no proceeds",
                 id="raising_output_raises_no_money"),
    pytest.param("How much did Orbis Media pay Lough Air, the airline owned by former directors?", "no price",
                 id="what_others_were_paid"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


# Questions whose answer must not state the figure, date or name it would wrongly lead with
NOT_STATED = [
    pytest.param("how many staff does tarrant air have altogether, not counting the jobs that might go offshore?",
                 "2,000", id="the_count_set_aside"),
    pytest.param("When will the rest of Halberd's policyholders find out about their bonuses?", "2004",
                 id="a_year_a_rate_holds_for"),
    pytest.param("what do countries wanting to join the wto have to do to get in?", "Ruritania",
                 id="what_countries_do_is_no_country"),
]


@pytest.mark.parametrize("question, wrong", NOT_STATED)
def test_nothing_wrong_stated(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, wrong: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead_kind"] != "synthesised" or wrong not in answer["lead"], answer["answer"]


def test_a_post_asked_is_a_title(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what position will ken aso take once jim reid arrives at telstar kk?", capsys)
    assert not answer["abstained"], answer["answer"]


def test_a_comparison_asked_is_no_level(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How did March's Kessler reading compare with earlier years, rather than with June's?",
                      capsys)
    assert not answer["abstained"], answer["answer"]
    assert any("the best in 11 years" in c["quote"] for c in answer["citations"]), answer["answer"]


def test_what_countries_do_is_asked() -> None:
    assert analyse("what do countries wanting to join the wto have to do to get in?").kind != "party"
    assert analyse("which countries signed the accord?").kind == "party"
    assert analyse("what two countries agreed to the deal?").kind == "party"


def test_a_dashed_aside_is_one_clause() -> None:
    text = ("Figures showed the value of approvals -- loans agreed but not yet paid out -- stood 28% lower, at "
            "£3.1bn.")
    assert _clauses(text) == [text]
    assert len(_clauses("Profits rose, but sales fell.")) == 2


def test_raising_a_level_raises_no_money() -> None:
    from bot.focus import Focus

    focus = Focus(measure="proceeds")
    assert not focus.measure_in("Two projects aim to raise the output of the Safah field to 90,000 barrels per day.")
    assert focus.measure_in("The sale is expected to raise $2bn.")


async def test_he_is_the_one_person_asked_about(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "When was Marco Bellini due to unveil his plan to revive the economy?",
                                  "at what time was the meeting scheduled to start?",
                                  "and who was he presenting it to?")
    assert "1830 GMT" in opening(replies[1]), replies[1]
    assert opening(replies[2]).startswith("Showing results for: who was Marco Bellini presenting it to? He will "
                                          "present"), replies[2]


async def test_the_firm_after_a_person_is_the_story_s_firm(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER, "When did Anne Coyle's tenure at Veltra begin?",
                                  "and what job cuts were announced while she was in charge?",
                                  "which businesses did the firm sell off in that time?")
    assert opening(replies[1]).startswith("Showing results for: what job cuts were announced while Anne Coyle was in "
                                          "charge? Under Ms Coyle's tenure"), replies[1]
    assert opening(replies[2]).startswith("Showing results for: which businesses did Veltra sell off in that time? The "
                                          "firm's boat engine division"), replies[2]


async def test_accused_is_said_as_allegations(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "How much were Orvane and its former chief executive each fined by the AMF back in "
                                  "December?",
                                  "how long had the investigation behind those fines taken?",
                                  "And what had the company been accused of doing?")
    assert "2m euros" in opening(replies[0]), replies[0]
    assert "Those fines ended an 18-month probe" in opening(replies[1]).split(")", 1)[1][:45], replies[1]
    assert opening(replies[2]).startswith("Showing results for: what had Orvane been accused of doing? Those fines "
                                          "ended an 18-month probe into allegations"), replies[2]


def test_an_investment_bank_is_no_investment() -> None:
    assert measure_of("To what did one big investment bank raise its target for Marlin Cruises' share price?") == \
        "share price"
    assert measure_of("How much investment did the bank make in Poland?") == "investment"


def test_items_of_the_asked_kind_introduced() -> None:
    from bot.answers import _kind_named_first

    question = analyse("What criteria will Oman's telecoms ministry use to choose the winners of the licences?")
    assert _kind_named_first(question, "The ministry will base its choice on criteria including speed of roll-out.")
    assert not _kind_named_first(question, "Bids have been invited from local and foreign firms.")
    assert not _kind_named_first(analyse("What did the ministry say?"), "It named firms including Omantel.")


def test_a_follow_up_finds_the_story_s_sentence_in_other_words(store: str | Path) -> None:
    """"what had Orvane been accused of doing?": the last story's sentence saying "allegations" joins the evidence,
    as one saying "accused" would."""
    from bot.answers import Answerer

    with store_retriever(store) as retriever:
        article = next(a for a in retriever.store.articles() if a.title.startswith("Regulator files new complaints"))
        found = Answerer(retriever)._story_sentences(analyse("what had Orvane been accused of doing?"), article.id)
        texts = [retriever.store.sentence(sid).text for sid in found]
    assert any(text.startswith("Those fines ended an 18-month probe into allegations") for text in texts), texts


def test_a_paper_s_circulation_asked(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"in circulation for 40 years" says how long, not how many copies: the near miss is said; the Standard's own
    circulation, set against "the group's" revenues, is asked of the Standard, not of some group left unnamed."""
    near_miss_said(store, "What is the daily circulation of Taifa Leo, the Swahili paper Corran News & Media is buying "
                          "into?", "no circulation", capsys)
    quote = first_quote(store, "What has the smaller edition done to the Standard's own circulation, as opposed to the "
                               "group's circulation revenues?", capsys)
    assert "up by 15% to 180,000" in quote, quote


def test_a_bank_the_store_never_names(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"Keystone Bank": the store writes "keystone" and names banks, but never this one."""
    answer = ask_json(store, "Which bank took over the deposits of Keystone Bank after it failed?", capsys)
    assert answer["abstained"] and answer["answer"] == "The stored articles do not mention Keystone Bank.", answer



def test_a_weekday_says_when() -> None:
    """"on Thursday night" answers "when was he due to unveil …?" as a date would, but not "in which year …?"."""
    from bot.ranking import _Asked

    sentence = ranked_stub("Prime Minister Marco Bellini will unveil plans on Thursday night in Rome.", 3.0, 0.5, True)
    sentence.hit.facts = []
    when = _Asked("date", query=analyse("When was Marco Bellini due to unveil his plan?"))
    year = _Asked("date", query=analyse("In which year was Marco Bellini due to unveil his plan?"))
    assert when.strength(None, sentence) > 0
    assert year.strength(None, sentence) == 0


def test_what_else_it_also_does() -> None:
    """"what else does Alpen Skis make?": the story's sentence saying it "also makes" golf clubs leads over one
    nearly as good saying something else of it."""
    from bot.answers import _also_done_first

    question = analyse("Apart from skis, what else does Alpen Skis make?")
    top = ranked_stub("Analysts believe other sports firms may now look closely at Alpen Skis.", 2.90, 0.0, True,
                      article="a")
    also = ranked_stub("Buyers were sought for Alpen Skis, which also makes golf clubs and ski wear.", 2.88, 0.0, True,
                       article="a")
    assert _also_done_first(question, [top, also])[0] is also
    assert _also_done_first(analyse("What does Alpen Skis make?"), [top, also])[0] is top


def test_the_payee_asked_must_be_named(store: str | Path) -> None:
    """"how much did Orbis Media pay Lough Air …?": a quote of what the directors' children were paid leaves out the
    party paid, so it is no answer; the quote naming Lough Air is one."""
    from bot.answers import _party_unsaid
    from bot.focus import analyse_focus
    from bot.models import Answer, Citation

    question = analyse("How much did Orbis Media pay Lough Air, the airline owned by former directors?")
    with store_retriever(store) as retriever:
        focus = analyse_focus(question, retriever.lexicons)
        article = next(a for a in retriever.store.articles() if a.title == "Orbis Media settles disclosure case")

        def quoted(text: str) -> Answer:
            cited = Citation(n=1, sentence_id=f"{article.id}:3", article_id=article.id, quote=text, title=article.title,
                             source="Harbour Wire", url=None, published=None)
            return Answer(question=question.text, text=f"{text} [1]", citations=(cited,), mode="extractive",
                          abstained=False, lead=text, lead_kind="quote")

        assert _party_unsaid(question, focus, quoted("Shareholders were never told that the children earned from "
                                                     "$50,000 to $120,000 a year."), retriever.store)
        named = quoted("Orbis Media also failed to disclose payments to Lough Air, an airline owned by two former "
                       "Orbis directors.")
        assert not _party_unsaid(question, focus, named, retriever.store)


def test_a_dividend_payment_and_costs_cut_are_no_price() -> None:
    """Asked what employees pay for a unit, "halving its dividend payment to 17 cents a share" and "to cut costs" say
    no price; "paid $40m for the unit" does."""
    from bot.focus import Focus

    focus = Focus(measure="price")
    assert not focus.measure_in("The broker said it was halving its dividend payment to 17 cents a share.")
    assert not focus.measure_in("As part of its efforts to cut costs, the firm will shed 3,000 jobs, saving $360m.")
    assert focus.measure_in("The managers paid $40m for the unit.")
    assert Focus(measure="savings").measure_in("As part of its efforts to cut costs, the firm will shed 3,000 jobs.")


def test_under_it_is_no_country() -> None:
    """"when will the first reports under it come out?" after "when is that rule expected?" asked about the UK: "it"
    is the rule, so it is left to the story; "how much does it export?" still asks of the UK."""
    from bot.conversation import Turn, resolve_followup

    turn = Turn(question="when is that rule expected?", kind="date", entities=("uk",), display=("UK",), article_id="a")
    assert resolve_followup("and when will the first reports under it come out?", turn, [], "")[0] == \
        "when will the first reports under it come out?"
    assert resolve_followup("how much does it export?", turn, [], "")[0] == "how much does UK export?"


async def test_what_it_blames_in_the_story(tmp_path: Path, stores: Stores) -> None:
    """"what does it blame for the situation?": in the last answer's story, the sentence giving the cause ("The forum
    blames this on a 2003 law") leads over one sharing more words and giving none ("Calling itself 'dismayed' by the
    situation …")."""
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "What does the Pension Savers Forum want parliament to change at the Pension "
                                  "Guarantee Board instead of a taxpayer bail-out?",
                                  "what does it blame for the situation?")
    assert "change the way the Pension Guarantee Board is funded" in opening(replies[0]), replies[0]
    assert "The forum blames this on a 2003 law" in opening(replies[1]), replies[1]


def test_where_money_has_gone_is_after_to() -> None:
    from bot.ranking import _TO_PLACE, PLACE_AT, _places_asked

    assert _places_asked("where has a lot of arab money already gone instead?", PLACE_AT) is _TO_PLACE
    assert _places_asked("where was the deal signed?", PLACE_AT) is PLACE_AT


def test_a_firm_s_businesses_are_its_divisions_and_units(store: str | Path) -> None:
    """"which businesses did Veltra sell off?": "The firm's boat engine division and rail signals unit were also sold"
    says what is asked of the firm, in other words."""
    from bot.answers import Answerer
    from bot.focus import analyse_focus
    from bot.nearmiss import detail_share
    from bot.retrieval import stems

    question = analyse("which businesses did Veltra sell off in that time?")
    text = "The firm's boat engine division and rail signals unit were also sold."
    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        wanted, alternatives = answerer._asked_beyond_names(question, analyse_focus(question, retriever.lexicons))
    # (the businesses, the selling: all that is asked but "that time")
    assert detail_share(wanted, alternatives, set(stems(text)), text.lower()) > 0.5


def test_the_means_an_act_would_work_by_is_a_cause() -> None:
    from bot.causes import cause_grade

    assert cause_grade("Reform could reduce poverty by aiding people with broken work records.") >= 2
    assert cause_grade("The index rose by 5% on Friday.") == 0


def test_by_doing_so_goes_on_with_the_cause(store: str | Path) -> None:
    """"why had Kestrel Oil moved money into two Texas bank accounts?": the lead tells the act with no cause; the next
    sentence of its story, which retrieval may leave out, refers back to it ("In doing this, he argued, Kestrel Oil
    intended to …") and gives one, so it leads."""
    from types import SimpleNamespace

    from bot.answers import _cause_given_next

    question = analyse("Why, according to the lender's lawyer, had Kestrel Oil moved money into two Texas bank "
                       "accounts?")
    with store_retriever(store) as retriever:
        article = next(a for a in retriever.store.articles() if a.title == "Lender says oil firm's US case is a sham")
        act = next(s for s in retriever.store.sentences(article.id) if s.text.startswith("Its lawyer, Dan Okafor"))
        hit = SimpleNamespace(sentence=act, article=article, score=3.0, coverage=0.7, party_match=0.0,
                              type_match=False, detail=0.6, facts=[])
        top = SimpleNamespace(hit=hit, score=3.3, entity=0.8, attribute=True, conflict="")
        led = _cause_given_next(question, SimpleNamespace(why=True), [top], retriever.store)
    led_text = led[0].hit.sentence.text
    assert led_text.startswith("In doing this, he argued, Kestrel Oil intended"), led_text


def test_a_figure_of_the_thing_set_aside_is_not_stated() -> None:
    from bot.composer import _set_against

    question = analyse("how many staff does tarrant air have altogether, not counting the jobs that might go offshore?")
    assert _set_against(question, "2,000 jobs")
    assert not _set_against(question, "9,000 staff")
    assert not _set_against(analyse("how many staff does tarrant air have?"), "2,000 jobs")
