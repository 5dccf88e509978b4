"""How a question is read (issue 11, classes read in session 26; fixtures in our own words under
tests/fixtures/s26-reading/):

- "which of Morimoto's companies has been delisted from the stock exchange?": the sentences naming Mr Morimoto say
  little of what is asked; "Hokuto Railways has been delisted …", in his story, says most of it without naming him,
  so it answers (before: no sentence among the best three covered enough, and the store "had nothing");
- "for how many years in a row has identity theft topped …?", "how many expansions in a row does the March reading
  make?": "the fifth year in a row" and "the 14th consecutive expansion" count the run by the rank of its latest, a
  figure and a count of the thing asked (before: a near miss, or the story's sentence with other figures first);
- "where did Marbella Parks' currently traded shares end up …?": "the company's currently traded stock" is its shares;
- "how much of their deposits have most Uruguayan savers got back, by the ADAU president's estimate?": "Mr Ferreyra
  estimated" is the word of ADAU, whose president the story names him, and "about half" is an amount;
- "why does the Harlow Budget Institute call cutting domestic spending a toothless remedy …?": the sentence giving
  the cause ("… is toothless because …") does not name the institute, but its story does among its best sentences;
- "what first-quarter 2005 sales figure did Norsk Radio forecast?": a figure is asked ("what … figure"), a year alone
  is none, and the fourth quarter's sales are another quarter's, so the near miss is said; "the final three months of
  2004 - … yet below its third quarter" still answers the fourth quarter;
- "at what annual rate did the US economy grow in the last quarter of 2004, by the Commerce Department's latest
  figure?": the department is the figure's source, so a sentence of its story need not name it; "the last quarter of
  2004" is the fourth, which "the July to September period" is not; "expanding" says a rise; and "more than expected, at
  an annual rate … in the last quarter of 2004" keeps its period (an expectation is no baseline);
- "what has helped revive the Tamarin Exchange's fortunes …?": the doer of the deed is asked, so the story's sentence
  saying the deed after its doer ("A recovery … has helped revive its fortunes") leads over one that does not;
- "where was he taken away?" after a question answered with Mr Morimoto (through the console adapter): the story's
  sentence saying all the question asks but his name answers, over the story's sentences naming him;
- "how long will the Balkan gas pipeline … be?": a length is asked, so the story's sentence giving one ("The 650km
  pipeline …") leads over the one approving it;
- "where does the Balkan gas pipeline start and end?": a route is asked (its "end" is no level), and "from the
  Bulgarian port of Varna, across Macedonia, to the Albanian port of Durres" says it;
- "how did Linkly's underlying profit do in Westbridge's fourth quarter?": the sentence giving the profit as
  Linkly's leads over one giving it as Westbridge's ("Westbridge's fourth quarter profits came in …");
- "why does Harrow & Hale think the housing market remains sound?": the sentence quoting the view gives no cause;
  the bare quotation after it goes on with the lender's grounds, so it leads;
- "how much money is the European Union putting into the Balkan gas pipeline?": money put in is an investment, which
  "an $900m gas pipeline" (the project's cost) is not, so the near miss is said; "Kestrel Bank has pumped a further
  $300m into its Polish unit" states it;
- "what share of the world's cocoa does Ghana produce?": a share asked, and the sentences give an output but no
  part of a whole, so the near miss is said;
- "by how much did Chile's tourist revenues rise in 2003?": "Over the year exports climbed 16% and tourist revenues
  were up by 25%" gives the year of a story opening with 2004, so no sentence about Chile gives 2003's rise and the
  near miss is said (asked of 2004, it answers);
- "how fast did Paysafe's revenue grow in Auctionly's October-to-December quarter?": "Auctionly's net revenue … rose"
  is the revenue of the other name asked, so the near miss is said (asked of Auctionly, it answers);
- "what was the average house price in the North East …?": a region asked, and the sentences give other places'
  prices or the whole country's, so the near miss is said.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, first_quote, near_miss_said, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s26-reading"

store = store_fixture("s26_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("Which of Morimoto's companies has been delisted from the stock exchange?",
                 "Hokuto Railways has been delisted", id="a_sentence_of_the_story_saying_what_is_asked"),
    pytest.param("For how many years in a row has identity theft topped the Maple Consumer Bureau's complaint list?",
                 "the fifth year in a row", id="a_run_counted_by_its_rank"),
    pytest.param("How many expansions in a row does the March reading of the Tamarack Supply Institute's factory index "
                 "make?", "the 14th consecutive expansion", id="a_run_s_rank_first"),
    pytest.param("Where did Marbella Parks' currently traded shares end up after the news, as opposed to the price of "
                 "the new shares?", "currently traded stock tumbled", id="shares_called_stock"),
    pytest.param("Why does the Harlow Budget Institute call cutting domestic spending a toothless remedy for the "
                 "deficit?", "far too small to close the gap", id="a_cause_in_the_story_of_the_body"),
    pytest.param("What did Caspian Oil earn in the fourth quarter of 2003?", "up from $2.8bn a year ago",
                 id="another_quarter_named_beside_the_one_asked"),
    pytest.param("Why does Harrow & Hale think the housing market remains sound?", "Interest rates and joblessness",
                 id="a_view_s_grounds_in_the_quote_after_it"),
    pytest.param("At what annual rate did the US economy grow in the last quarter of 2004, by the Commerce Department's "
                 "latest figure?", "3.6% in the last quarter of 2004", id="a_source_s_latest_figure"),
    pytest.param("By how much did Chile's tourist revenues rise in 2004?", "tourist revenues were up by 25%",
                 id="for_the_year_of_the_story_asked"),
    pytest.param("What was Auctionly's net revenue for the October-to-December quarter?", "net revenue for the quarter",
                 id="the_measure_of_the_name_asked"),
    pytest.param("How long will the Balkan gas pipeline approved by Albania, Bulgaria and Macedonia be?",
                 "The 650km pipeline", id="a_length_asked"),
    pytest.param("Where does the Balkan gas pipeline start and end?", "from the Bulgarian port of Varna",
                 id="a_route_asked"),
    pytest.param("How did Linkly's underlying profit do in Westbridge's fourth quarter?",
                 "Linkly's underlying profit before one-off items rose 6%", id="the_measure_of_the_owner_asked_first"),
    pytest.param("What has helped revive the Tamarin Exchange's fortunes since the bubble burst?",
                 "has helped revive its fortunes", id="the_doer_of_the_deed_asked"),
]


NEAR_MISSES = [
    pytest.param("What first-quarter 2005 sales figure did Norsk Radio forecast?", "no sales",
                 id="a_figure_asked_and_another_quarter_given"),
    pytest.param("What was the average house price in the North East in November, according to the ONS?", "no price",
                 id="a_region_asked"),
    pytest.param("How much money is the European Union putting into the Balkan gas pipeline?", "no investment",
                 id="money_put_in_is_no_project_s_cost"),
    pytest.param("What share of the world's cocoa does Ghana produce?", "no output", id="a_share_asked_an_amount_given"),
    pytest.param("By how much did Chile's tourist revenues rise in 2003?", "no sales rise", id="for_the_year_of_the_story"),
    pytest.param("How fast did Paysafe's revenue grow in Auctionly's October-to-December quarter?", "no sales rise",
                 id="the_measure_of_the_other_name_asked"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


def test_money_put_in_is_stated(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much money has Kestrel Bank put into its Polish unit?", capsys)
    assert answer["answer"].startswith("$300m [1]."), answer["answer"]


def test_a_body_s_president_speaks_for_it(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much of their deposits have most Uruguayan savers got back, by the ADAU president's "
                             "estimate?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert any("about half their deposits" in c["quote"] for c in answer["citations"]), answer["answer"]


def test_a_stretch_of_months_names_nothing() -> None:
    from bot.entities import keeps_name

    def count(word: str) -> int:
        return 10

    def lower(word: str) -> int:
        return 0

    assert not keeps_name("october-to-december", 4, count, lower)
    assert not keeps_name("july-september", 4, count, lower)
    assert keeps_name("hokuto railways", 4, count, lower)


@pytest.mark.parametrize("question, thing", [
    ("How long will the Balkan oil pipeline approved by Albania be?", "the Balkan oil pipeline"),
    ("How long will the Balkan oil pipeline be?", "the Balkan oil pipeline"),
    ("Where did the ISEQ close?", ""),
    ("How many people were questioned for the BBC World Service economic poll?", "the BBC World Service economic poll"),
])
def test_the_thing_a_name_describes_after_an_auxiliary(question: str, thing: str) -> None:
    from bot.conversation import _attributive

    name = "Balkan" if "Balkan" in question else "ISEQ" if "ISEQ" in question else "BBC World Service"
    assert _attributive(name, question) == thing


@pytest.mark.parametrize("text, number", [
    ("What first-quarter 2005 sales figure was forecast?", "1"),
    ("profits in the fourth quarter", "4"),
    ("its Q3 results", "3"),
    ("sales in the last quarter", ""),
    ("growth in the last quarter of 2004", "4"),
    ("in the July to September period", "3"),
    ("annual sales", ""),
])
def test_the_number_of_a_quarter(text: str, number: str) -> None:
    from bot.focus import _quarter_no

    assert _quarter_no(text) == number


def test_about_half_is_an_amount() -> None:
    from bot.nearmiss import _QUANTITY

    assert _QUANTITY.search("Few savers have got back more than about half their deposits")
    assert _QUANTITY.search("Roughly half the staff will go")
    assert not _QUANTITY.search("The other half of the deal fell through")


def _ranked(text: str, article: str, entity: float, coverage: float, detail: float) -> SimpleNamespace:
    sentence = SimpleNamespace(text=text)
    hit = SimpleNamespace(sentence=sentence, article=SimpleNamespace(id=article), coverage=coverage, detail=detail)
    return SimpleNamespace(hit=hit, entity=entity, conflict="", score=1.0, attribute=True)


def test_a_story_s_sentence_gives_a_figure_asked_only_with_one() -> None:
    """A sentence of the entity's story not naming it answers a figure question only when it holds a figure: "In
    2001, the company set up a fund …" gives no sum put into the fund (on the realistic store that question is a
    near miss)."""
    from bot.answers import _story_tells
    from bot.focus import analyse_focus
    from bot.question import analyse

    query = analyse("How much money did Carrow Building put into the compensation fund it set up in 2001?")
    focus = analyse_focus(query, [])
    top = _ranked("Carrow Building chairwoman Edith Marsh said the plan was affordable.", "a", 1.0, 0.3, 0.0)
    fund = _ranked("In 2001, the company set up a fund to compensate victims.", "a", 0.5, 0.6, 0.8)
    paid = _ranked("In 2001, the company put $90m into a fund to compensate victims.", "a", 0.5, 0.6, 0.8)
    elsewhere = _ranked("In 2001, another firm put $90m into a fund to compensate victims.", "b", 0.5, 0.6, 0.8)
    assert _story_tells(query, focus, [top, fund]) is None
    assert _story_tells(query, focus, [top, paid]) is paid
    assert _story_tells(query, focus, [top, elsewhere]) is None
    share = analyse("What share of its savings did Carrow Building put into the compensation fund it set up in 2001?")
    assert _story_tells(share, analyse_focus(share, []), [top, paid]) is None
    half = _ranked("In 2001, the company put half its savings into a fund to compensate victims.", "a", 0.5, 0.6, 0.8)
    assert _story_tells(share, analyse_focus(share, []), [top, half]) is half


@pytest.mark.parametrize("asked, text, unsaid", [
    ("North East", "The average house price fell slightly to £181,000.", True),
    ("North East", "The ONS data showed prices of £190,100 in England and £140,200 in Wales.", True),
    ("North East", "The North East showed the fastest inflation.", False),
    ("North East", "Prices across the region rose 25%.", False),
    ("South Africa", "New vehicle sales jumped 22% to 449,603.", False),
])
def test_a_region_asked_must_be_named(asked: str, text: str, unsaid: bool) -> None:
    """A region's figure is not another place's or the whole country's (a sentence may call it "the region"); a
    country ("South Africa") is no region."""
    from bot.nearmiss import _region_unsaid

    assert _region_unsaid(SimpleNamespace(display=(asked,)), text) is unsaid


@pytest.mark.parametrize("text, conflict", [
    ("The economy expanded at an annual rate of 3.9% in the July to September period.", "another quarter"),
    ("Growth was 4% in the third quarter of 2004.", "another quarter"),
    ("The economy grew at an annual rate of 3.6% in the last quarter of 2004.", ""),
    ("Spending rose 5% in the third quarter, up from just 1.6% in the fourth.", ""),
    ("It earned $3.6bn for the final three months of 2004 - up from $2.8bn a year ago but below its third quarter.", ""),
])
def test_a_quarter_asked_by_number(text: str, conflict: str) -> None:
    """Asked of "the last quarter of 2004" (the fourth), a sentence naming only another quarter, by number or by its
    months, is out of scope; one naming the three months it speaks of may be the quarter asked."""
    from bot.focus import analyse_focus
    from bot.question import analyse

    focus = analyse_focus(analyse("At what annual rate did the US economy grow in the last quarter of 2004?"), [])
    assert focus.scope_conflict(text) == conflict


async def test_a_follow_up_answered_by_a_sentence_saying_all_it_asks(tmp_path: Path, stores: Stores) -> None:
    """"where was he taken away?" after a question answered with Mr Morimoto: the story's sentence saying all of it
    but his name ("He was taken away in a police car, outside a hotel he owns in Sapporo") answers, over the
    sentences naming him that say nothing of it."""
    replies = await console_chain(tmp_path, stores, FOLDER,
                                  "Which Japanese tycoon, once one of the richest men in Asia, was arrested on Thursday?",
                                  "where was he taken away?")
    assert "Morimoto" in opening(replies[0]), replies[0]
    assert "Sapporo" in opening(replies[1]), replies[1]


def test_a_story_s_sentence_saying_all_a_follow_up_asks_leads() -> None:
    """(On the realistic store "where was he taken away?" after a question answered with Mr Tsutsumi quoted a sentence
    naming him that says nothing of it.) Among the story's sentences, one saying all the follow-up asks but the
    name it carries leads, though the name makes up most of the question's weight."""
    from bot.ranking import _story_first

    def ranked(sid: str, text: str, score: float, coverage: float, detail: float) -> SimpleNamespace:
        sentence = SimpleNamespace(id=sid, text=text)
        hit = SimpleNamespace(sentence=sentence, article=SimpleNamespace(id="a"), coverage=coverage, detail=detail)
        return SimpleNamespace(hit=hit, score=score, attribute=True, conflict="")

    named = ranked("a:5", "Mr Morimoto's fall follows the arrests of other executives in Japan.", 3.39, 0.55, 0.0)
    said = ranked("a:2", "He was taken away in a police car, outside a hotel he owns in Sapporo.", 2.9, 0.45, 1.0)
    other = ranked("b:1", "Goods were taken away by road.", 2.0, 0.45, 1.0)
    other.hit.article = SimpleNamespace(id="b")
    assert _story_first([named, said, other], "a", "where was Morimoto taken away?")[0] is said
    assert _story_first([named, other], "a", "where was Morimoto taken away?")[0] is named
