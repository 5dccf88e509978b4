"""How a question is read (issue 11, classes read in session 37's blind set; fixtures in our own words under
tests/fixtures/s38-reading/).

Near misses a quoted sentence used to answer as if it held the fact:
- "What was Pellor Search's revenue for the whole of 2004?": "revenue almost doubled in the last three months of
  2004, passing $61m" gives a quarter's; the clause "passing $61m" says no period of its own, so it has its
  sentence's;
- "By what percentage did Corvin Airlines' pilots agree to cut their pay?": their pay is wages, not a price paid, a
  rival's crews' pay cut is the rival's, and terms settled "on pay" give no figure;
- "When did Ilkan Demir become Turkey's trade minister?": "…, said Trade Minister Ilkan Demir last week" dates what he
  said, not when he took the post.

Answers a near miss used to hide, or a lead used to miss: the quarter asked, its figure in a clause naming no period;
a rise said as a multiple ("almost doubled"); "the pay of" someone as wages; the sentence of the story saying the deed
whose time is asked, with a time ("… tried to merge three years ago", once answered "2007" from another sentence); a
sentence about its story's own firm ("Its $9m profit …") that names the firm set against it as well; an adverb of an
English word ("jokingly") read as how something was done, not as a name the store lacks; and, with a thing set aside ("apart from
brewing, …"), the sentence going beyond it leading over the one naming it.

Asked through `tradebrief ask --json`; where the small store cannot reproduce the realistic ranking, the rule is
called directly.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, measure_of, near_miss_said, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s38-reading"

store = store_fixture("s38_reading", FOLDER)


# Questions the store cannot answer, and what the near miss must say is missing
NEAR_MISSES = [
    pytest.param("What was Pellor Search's revenue for the whole of 2004?", "no sales for the whole of 2004",
                 id="a_quarter_is_no_whole_year"),
    pytest.param("By what percentage did Corvin Airlines' pilots agree to cut their pay?", "no figure for a pay cut",
                 id="their_pay_is_wages"),
    pytest.param("When did Ilkan Demir become Turkey's trade minister?", "nothing that answers this",
                 id="named_in_a_post_is_not_when_taken"),
]


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


# Questions the store does answer (each once answered with a near miss), and a word the answer's first line must hold
ANSWERS = [
    pytest.param("What was Pellor Search's revenue in the last three months of 2004?", "$61m",
                 id="the_quarter_in_a_clause_naming_no_period"),
    pytest.param("By how much did Pellor Search's revenue grow in the last three months of 2004?", "doubled",
                 id="a_rise_said_as_a_multiple"),
    pytest.param("By what percentage will the pay of Weston Air's pilots be cut?", "9%", id="the_pay_of_is_wages"),
    pytest.param("When had Harlan Stores and Brisco Stores last tried to merge?", "three years ago",
                 id="a_deed_dated_in_its_story"),
    pytest.param("What did Nadia Voss jokingly say the search market would keep doing through 2005?", "growing",
                 id="an_adverb_is_no_unknown_name"),
    pytest.param("What profit did Pellor Search make in the last three months of 2004, as opposed to the figure Kestrel "
                 "Search reported?", "$9m", id="its_own_figure_beside_the_one_set_against"),
]


@pytest.mark.parametrize("question, words", ANSWERS)
def test_answers(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"] and words in answer["answer"].split("\n")[0], answer["answer"]


def test_pay_is_wages_unless_paid() -> None:
    assert measure_of("By what percentage did the pilots agree to cut their pay?") == "wages"
    assert measure_of("How much did Glazer pay for his stake?") == "price"
    assert measure_of("What did the company pay for the stake?") == "price"


def test_a_post_taken_is_said() -> None:
    """"When did X become trade minister?" is not answered by a quote naming X in the post; one saying X took it is;
    a date asked of joining an index, or of what someone said, asks no post."""
    from tests.stores import quote_lacks_asked

    def lacks(question: str, quote: str) -> bool:
        return quote_lacks_asked(question, quote, "Turkey courts car makers")

    asked = "When did Ilkan Demir become Turkey's trade minister?"
    assert lacks(asked, '"We have the ports," said Trade Minister Ilkan Demir last week.')
    assert not lacks(asked, "Ilkan Demir became trade minister in March 2003.")
    assert not lacks(asked, "Mr Demir, appointed trade minister in 2003, said exports would rise.")
    assert not lacks("when did Varta Sugar join the index?", "Varta Sugar was a founding member of the index in 1935.")


def _ranked(text: str, score: float, position: int, story: str = "moravia") -> SimpleNamespace:
    hit = SimpleNamespace(article=SimpleNamespace(id=story), sentence=SimpleNamespace(text=text, position=position))
    return SimpleNamespace(hit=hit, score=score, entity=1.0, attribute=True, conflict="")


def test_past_the_thing_set_aside() -> None:
    """"Apart from brewing, which parts of the economy did the floods damage?": as the realistic store ranks such a
    story, the sentence naming brewing leads and the one going beyond it comes lower; it leads instead. A list naming
    the thing set aside among others is the answer itself, and a sentence going beyond it two stories away is not."""
    from bot.answers import _past_aside_first
    from bot.focus import Focus
    from bot.question import analyse

    query = analyse("Apart from brewing, which parts of the economy did the floods damage?")
    named = _ranked("Brewing is central to the region's economy, giving work to about 40,000 people.", 2.4, 2)
    other = _ranked("Insurers are still working out the cost of the floods.", 1.8, 1, story="insurers")
    beyond = _ranked("Yet the flood damage reaches orchards, road haulage and village shops as well.", 1.6, 4)
    assert _past_aside_first(query, Focus(), [named, other, beyond])[0] is beyond
    listed = _ranked("The floods hit farms, orchards and brewing, and damage is still being counted.", 2.4, 2)
    assert _past_aside_first(query, Focus(), [listed, other, beyond])[0] is listed
    far = _ranked("Yet the flood damage reaches orchards, road haulage and village shops as well.", 1.6, 9)
    assert _past_aside_first(query, Focus(), [named, other, far])[0] is named


def test_a_multiple_is_a_rise_and_says_how_much() -> None:
    """"Revenue nearly tripled in the fourth quarter of 2004" is a rise, and says by how much: the year it repeats from
    the question is not all it gives."""
    from dataclasses import replace

    from bot.focus import Focus
    from bot.nearmiss import _figures_given

    sales = replace(Focus(), measure="sales")
    assert sales.direction_of("The firm's revenue nearly tripled in the fourth quarter of 2004") == "rise"
    assert sales.direction_of("Its revenue doubled in a year") == "rise"
    asked = "By how much did Pellor Search's revenue grow in the fourth quarter of 2004?"
    assert not _figures_given(asked, "The firm's revenue nearly tripled in the fourth quarter of 2004")
    assert _figures_given(asked, "The firm reported its revenue for the fourth quarter of 2004")


def test_also_asked_past_the_thing_set_aside() -> None:
    """"Apart from Westbank, whom has Orsk Oil also accused?": the question says "also" itself, so the sentence of the
    leading story going beyond the lead ("… has also accused …") leads even when no sentence names the bank set aside;
    "as well as" only joins two things, and goes beyond nothing."""
    from bot.answers import _past_aside_first
    from bot.focus import Focus
    from bot.question import analyse

    query = analyse("Apart from Westbank, whom has Orsk Oil also accused over the sale of its refinery?")
    top = _ranked("Orsk Oil has dropped its claims against four banks it had accused over the refinery sale.", 4.2, 1, "orsk")
    other = _ranked("The refinery was sold to a little-known trading firm.", 3.3, 6, "orsk")
    also = _ranked("The company has also accused Neftegas and two smaller Russian firms.", 3.0, 3, "orsk")
    assert _past_aside_first(query, Focus(), [top, other, also])[0] is also
    joined = _ranked("The company accused Neftegas as well as two smaller Russian firms.", 3.0, 3, "orsk")
    assert _past_aside_first(query, Focus(), [top, other, joined])[0] is top


def test_a_clause_after_the_thing_set_aside_is_no_list() -> None:
    """The leading story's sentence naming the bank set aside, with a clause after it ("Westbank, which it blames for
    …"), is no list holding the answer; the sentence right after it going beyond it leads, however low both rank."""
    from bot.answers import _past_aside_first
    from bot.focus import Focus
    from bot.question import analyse

    query = analyse("Apart from Westbank, whom has Orsk Oil also accused over the sale of its refinery?")
    top = _ranked("Orsk Oil has dropped its claims against four banks it had accused over the refinery sale.", 4.2, 1, "orsk")
    fillers = [_ranked(f"The refinery was sold in the {n} round of bidding.", 3.3 - n / 10, 10 + n, "orsk") for n in range(6)]
    also = _ranked("The company has also accused Neftegas and two smaller Russian firms.", 3.0, 6, "orsk")
    named = _ranked("Orsk still has a complaint against Westbank, which it blames and wants to sue.", 2.8, 5, "orsk")
    assert _past_aside_first(query, Focus(), [top, *fillers, also, named])[0] is also


def test_the_grounds_of_a_criticism() -> None:
    """"Why have farmers attacked the new water rules?" asks the grounds of the criticism: the sentence stating it with
    them ("… attacked the rules saying …") leads over a nearly as good one giving why the rules were made; a question
    asking no criticism keeps its ranking."""
    from bot.answers import _grounds_first
    from bot.question import analyse

    made = _ranked("The ministry brought in the rules in a bid to stop rivers running dry.", 4.7, 1, "water")
    other = _ranked("Farm incomes fell last year.", 4.2, 2, "water")
    grounds = _ranked("Farmers have attacked the rules saying they could be forced to sell their herds.", 3.9, 3, "water")
    ranked = [made, other, grounds]
    assert _grounds_first(analyse("Why have farmers attacked the new water rules?"), ranked)[0] is grounds
    assert _grounds_first(analyse("Why did the ministry bring in the new water rules?"), ranked)[0] is made


def test_what_means_a_thing_causes_it() -> None:
    """"Soaring oil sales and a budget surplus mean Russian debt is no longer risky" gives the cause of what follows
    "mean"; "this means …" tells a consequence, and "is meant to" a purpose, no cause of the kind."""
    from bot.causes import cause_grade

    assert cause_grade("Rising gas sales and a budget surplus mean Borovian debt is no longer a risky bet.") == 3
    assert cause_grade("Higher costs meant profits were lower.") == 3
    assert cause_grade("This means the plant will close.") == 0
    assert cause_grade("The deal is meant to help exports.") < 3


def test_reordered_where_answers_run_them(store: str | Path) -> None:
    """Both reorderings as `Answerer._offline` runs them, over the fixture story's sentences ranked as the realistic
    store ranks such stories: the grounds of a criticism, a count within the span asked, a firm's last deal, and what
    goes beyond a thing set aside."""
    from tests.stores import offline_answer, store_retriever

    cases = [
        ("Why have farmers attacked Ostland's new water rules?",
         [("Ostland's farm ministry brought in", 4.7), ("Farm incomes in the east", 4.2), ("Farmers have attacked", 3.9)],
         "Farmers have attacked"),
        ("How many times in five months had Ruritanian interest rates gone up with the rise to 3.5%?",
         [("Ruritania's economy has done well", 4.52), ("Ruritanian interest rates are to rise", 4.39)],
         "Ruritanian interest rates are to rise"),
        ("What was Tolland's last major acquisition, according to the report on talk of its bid for Harrow Spirits?",
         [("Shares in drinks group Harrow", 3.43), ("Harrow shares in London", 3.11), ("Tolland's last major purchase", 2.33)],
         "Tolland's last major purchase"),
        ("Apart from brewing, which parts of the Moravian economy did the floods damage?",
         [("Brewing is central", 2.4), ("Insurers and local councils", 1.8), ("Yet the flood damage", 1.6)],
         "Yet the flood damage"),
    ]
    with store_retriever(store) as retriever:
        for question, ranking, first in cases:
            answer = offline_answer(retriever, question, ranking)
            assert answer.citations and answer.citations[0].quote.startswith(first), (question, answer.text)


def test_a_deed_dated_in_any_form() -> None:
    """The leading sentence saying the deed in another form ("bought" for "buy") with a time is the answer already; a
    time the question gives itself is scope, so no other sentence is sought for one."""
    from dataclasses import replace

    from bot.answers import _dated_in_story
    from bot.focus import Focus
    from bot.question import analyse

    firms = replace(Focus(), entities=("orsk oil", "kalm refining"), display=("Orsk Oil", "Kalm Refining"))
    bought = _ranked("Orsk Oil bought Kalm Refining in 2003 for $2bn.", 3.5, 4, "orsk")
    other = _ranked("Orsk agreed to buy its rival's stake on Tuesday, having been a director since 1984.", 3.2, 2, "orsk")
    assert _dated_in_story(analyse("When did Orsk Oil buy Kalm Refining?"), firms, [bought, other]) is None
    owns = _ranked("Orsk Oil owns Kalm Refining.", 3.5, 1, "orsk")
    assert _dated_in_story(analyse("When did Orsk Oil buy Kalm Refining?"), firms, [owns, bought]) is bought
    guidance = _ranked("Orsk Oil will give guidance for 2005 on 26 January.", 3.5, 3, "orsk")
    declined = _ranked("Orsk Oil declined to give guidance for the first quarter of 2005.", 3.4, 4, "orsk")
    asked = analyse("When will Orsk Oil give guidance for the first quarter of 2005?")
    assert _dated_in_story(asked, firms, [guidance, declined]) is None


def test_a_firm_of_the_kind_asked(store: str | Path) -> None:
    """"Which luxury fashion group beat Tolland to Glenbrae?", judged unanswerable by its words ("beat" is said as
    "lost out to"), is answered by the entity's sentence naming a firm by the question's words for its kind: "… but
    lost out to luxury fashion group Ostrava". A kind the sentence does not name so is no answer."""
    from bot.answers import Answerer, Judgement, _firm_of_kind_named
    from bot.focus import analyse_focus
    from bot.question import analyse
    from tests.stores import store_retriever, stored_ranked

    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        query = analyse("Which luxury fashion group beat Tolland to the Highland malt maker Glenbrae?")
        focus = answerer._spelled(analyse_focus(query, retriever.lexicons))
        ranked = [stored_ranked(retriever, "Two years ago Tolland", 3.46), stored_ranked(retriever, "Tolland owns", 2.6)]
        answer = answerer._offline(query, focus, ranked, Judgement(False, "evidence covers 55% of the question",
                                                                   ranked[0].hit.article), "")
    assert not answer.abstained and answer.citations[0].quote.startswith("Two years ago Tolland"), answer.text
    text = ranked[0].hit.sentence.text
    assert not _firm_of_kind_named(analyse("Which drinks group beat Tolland to Glenbrae?"), text)
    assert not _firm_of_kind_named(analyse("Which group beat Tolland to Glenbrae?"), text)


def test_a_price_with_another_currency_beside_it() -> None:
    """"How much was the transport contract … worth?": "the $325m (£170m) contract" prices the contract though a sum in
    another currency stands between; a sum before another thing does not."""
    from bot.focus import priced_amount

    assert priced_amount("contract", "Its withdrawal from the $325m (£170m) contract in May was the largest yet.")
    assert priced_amount("contract", "It won a $40m road contract.")
    assert not priced_amount("contract", "It lost $325m (£170m) in May on the contract.")


def test_a_count_within_the_span_asked() -> None:
    """"How many times in five months had Ruritanian rates gone up …?": a sentence nearly as good saying the same span
    ("… for the fourth time in five months") leads over one counting since a month; a span the question does not
    give changes nothing."""
    from bot.answers import _span_said_first
    from bot.question import analyse

    since = _ranked("Strong growth led the central bank to raise rates five times since June.", 4.5, 3, "bank")
    within = _ranked("Ruritanian interest rates are to rise for the fourth time in five months.", 4.4, 1, "rates")
    assert _span_said_first(analyse("How many times in five months had Ruritanian rates gone up?"), [since, within])[0] is within
    assert _span_said_first(analyse("How many times had Ruritanian rates gone up?"), [since, within])[0] is since
    assert _span_said_first(analyse("How many times in six months had Ruritanian rates gone up?"), [since, within])[0] is since


def test_since_when_said_further_down() -> None:
    """"Since when have Pelham fans opposed any takeover by Corder?": a start given in a clause ("since he first showed
    interest in the club in May 2003") by a sentence further down that says what the question says (opposed, takeover)
    leads over a lead giving no start; one further down saying a start of something else does not."""
    from bot.answers import _since_said_first
    from bot.question import analyse

    query = analyse("Since when have Pelham fans opposed any takeover by Corder?")
    top = _ranked("The fans' group Pelham Shareholders is strongly opposed to any takeover by Mr Corder.", 4.0, 3, "club")
    fillers = [_ranked(f"The club has {n} new players this season.", 3.5 - n / 10, 10 + n, "club") for n in range(5)]
    since = _ranked("They have opposed any takeover by Corder since he first showed interest in the club in May 2003.",
                    2.9, 8, "club")
    other = _ranked("The stadium has been full since the new stand opened in May 2003.", 3.0, 9, "club")
    assert _since_said_first(query, [top, *fillers, since])[0] is since
    assert _since_said_first(query, [top, *fillers, other])[0] is top


def test_an_acronym_written_out_in_the_evidence(store: str | Path) -> None:
    """An acronym the store never writes ("CBTR") is no unknown name when a story the question retrieves writes it out
    ("the Centre for Baltic Trade Research", "for" left out of the initials); letters no retrieved story spells are."""
    from bot.answers import Answerer
    from bot.question import analyse
    from tests.stores import store_retriever

    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        asked = analyse("According to the CBTR study, what is behind the growth of Baltic container traffic?")
        assert answerer._spelled_in_evidence(asked, "CBTR")
        assert not answerer._spelled_in_evidence(asked, "CBTX")
        assert not answerer._spelled_in_evidence(analyse("What did the CBTR say about Iranian mobile phones?"), "CBTR")
