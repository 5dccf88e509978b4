"""How a question is read (issue 11, classes read in session 36; fixtures in our own words under
tests/fixtures/s36-reading/):

- "…, as distinct from GDP growth for the quarter?" sets the quarter's growth against what is asked, as "as opposed
  to" does, so the sentence giving March's factory output answers, not the quarter's growth;
- "how many Corran members will get more than £80, rather than the total …?": the threshold the question writes picks
  out the sentence giving that sum ("90,000 savers getting more than £80") over the one giving the total; a figure
  the question writes must be the same figure in the sentence ("$53" is not "$53.09");
- "How many vans did Brenmark sell in Africa last year?": "In Africa, Halden sold close to 60,000 vans" is Halden's
  count (its subject read after the opening place); naming the part of the world asked about does not make the
  sentence about Brenmark (the near miss);
- "when was that?" after the answer "Doctors found a rare blood disorder in Ms Carrow in May last year …": the date is "May
  last year", the month said before the year named by its distance, not "last year" alone;
- "which liberal senator said …?": the words describing the one asked are kept when the store writes them as a name
  ("Ruth Olden, a Liberal Senator, said …" leads over her bare '"…," she said.');
- "who in the Tarnland cabinet described the budget as …?" asks who spoke: a lead in which nobody speaks yields to a
  sentence nearly as good in which a person does;
- a sum said in words ('will lose "tens of millions of pounds" in 2005') answers "what loss does Larkfield Air
  expect in 2005 …?", and a rank ("the third billion-dollar telecoms deal since March") answers how many: neither is
  the near miss.

Asked through `tradebrief ask --json` on every kind of store, and the follow-up through the console adapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.question import CONTRAST_HEAD, CONTRASTED
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, first_quote, near_miss_said, store_fixture, store_retriever

FOLDER = ROOT / "tests" / "fixtures" / "s36-reading"

store = store_fixture("s36_reading", FOLDER)


def test_as_distinct_from_sets_a_thing_against_what_is_asked(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "How much did Varnian factory output grow in March, as distinct from GDP growth for the quarter?"
    assert CONTRASTED.search(question) is not None
    assert CONTRAST_HEAD.match("As distinct from the quarter's growth, how much did output grow in March?") is not None
    quote = first_quote(store, question, capsys)
    assert quote.startswith("Separately, figures released on Friday"), quote


def test_a_threshold_written_in_the_question(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "how many corran members will get more than £80, rather than the total sharing the payout?",
                        capsys)
    assert quote.startswith("Members of the region's third biggest lender"), quote


def test_a_written_figure_is_that_figure_only() -> None:
    from bot.ranking import _figure_given_first
    from bot.question import analyse
    from tests.stores import ranked_stub

    question = analyse("what record did oil hit as crude went to $53?")
    close = ranked_stub("Crude futures rose to $53.09 a barrel before closing at $53.03.", 5.0, 0.5, True)
    exact = ranked_stub("Analysts had said crude could reach $53 a barrel this week.", 4.9, 0.5, True, article=None)
    exact.hit.article.id = close.hit.article.id
    assert _figure_given_first(question, [close, exact])[0] is exact
    other = ranked_stub("Crude closed at $52.90 a barrel on Friday.", 4.9, 0.5, True)
    other.hit.article.id = close.hit.article.id
    assert _figure_given_first(question, [close, other])[0] is close


def test_a_part_of_the_world_is_no_firm_named(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "How many vans did Brenmark sell in Africa last year?", "no count of vans", capsys)
    answer = ask_json(store, "How many vans did Halden sell in Africa last year?", capsys)
    assert not answer["abstained"] and "60,000" in answer["answer"].split("\n")[0], answer["answer"]


def test_a_month_before_last_year_is_the_date() -> None:
    from bot.composer import date_as_said

    assert date_as_said("She fell ill in May last year, weeks after taking charge.", "last year") == "May last year"
    assert date_as_said("Sales rose last year.", "last year") == "last year"
    assert date_as_said("It may last year after year.", "year") == "year"


async def test_when_was_that_gives_the_month(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER, "What did doctors find in Anna Carrow?",
                                  "when was that?")
    assert "blood disorder" in opening(replies[0]), replies[0]
    assert opening(replies[1]).startswith("May last year"), replies[1]


@pytest.mark.parametrize("question, words", [
    pytest.param("which liberal senator said she was pleased the treasury was bringing a lean budget?", "Ruth Olden",
                 id="the_described_one_is_a_stored_name"),
])
def test_who_said_is_answered_by_one_speaking(store: str | Path, capsys: pytest.CaptureFixture[str], question: str,
                                              words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert quote.startswith(words), quote


def test_a_person_speaking_over_nobody(store: str | Path) -> None:
    """Ranked as the realistic store ranks its like, a lead in which nobody speaks yields to a sentence nearly as good
    in which a person does; one further behind does not (and "who in the cabinet described …" asks who spoke)."""
    from bot.answers import Answerer
    from bot.question import analyse
    from tests.stores import stored_ranked

    question = analyse("Who in the Tarnland cabinet described the budget as the leanest so far?")
    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        ranked = [stored_ranked(retriever, "Yet this remains the leanest", 3.54),
                  stored_ranked(retriever, "Deputy Prime Minister Omar Vesk", 3.52)]
        answerer._quoter_first(question, ranked)
        assert ranked[0].hit.sentence.text.startswith("Deputy Prime Minister"), ranked[0].hit.sentence.text
        behind = [stored_ranked(retriever, "Yet this remains the leanest", 3.54),
                  stored_ranked(retriever, "Deputy Prime Minister Omar Vesk", 2.9)]
        answerer._quoter_first(question, behind)
        assert behind[0].hit.sentence.text.startswith("Yet this remains"), behind[0].hit.sentence.text


@pytest.mark.parametrize("question, words", [
    pytest.param("What loss does Larkfield Air expect in 2005 if it makes no savings?", "Without any savings",
                 id="a_sum_said_in_words"),
    pytest.param("How many billion-dollar telecoms deals since March would buying Corvel make?", "Buying Corvel",
                 id="a_count_said_by_rank"),
])
def test_said_otherwise_than_in_figures(store: str | Path, capsys: pytest.CaptureFixture[str], question: str,
                                        words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert quote.startswith(words), quote


def test_a_rank_is_a_count_in_the_quote() -> None:
    """A quoted lead counting by rank holds what "how many …?" asks; one with no count at all does not."""
    from bot.answers import _quote_lacks_asked
    from bot.focus import analyse_focus
    from bot.models import Answer, Citation
    from bot.question import analyse

    query = analyse("How many billion-dollar telecoms deals since October would a takeover of Corvel make?")
    focus = analyse_focus(query, [])

    def quoted(quote: str) -> Answer:
        cited = Citation(1, "s1", "a1", quote, "Bid talk lifts Corvel", "Harbour Wire", None, None)
        return Answer(question=query.text, text=f"{quote} [1]", citations=(cited,), mode="extractive", abstained=False,
                      lead=quote, lead_kind="quote")

    ranked = "A takeover of Corvel would be the fourth billion-dollar telecoms deal since October."
    assert not _quote_lacks_asked(query, focus, quoted(ranked))
    assert _quote_lacks_asked(query, focus, quoted("Shares in Corvel rose 9% on the bid talk."))
