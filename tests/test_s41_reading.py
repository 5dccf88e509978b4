"""How a question is read (issue 11, classes read in session 40's blind set; fixtures in our own words under
tests/fixtures/s41-reading/).

Near misses once quoted as if they answered:
- "what was the kolar worth against the euro when Malawi completed the switch?": a sentence with no amount in it ("lost close to half of its value")
  says no worth;
- "how large a fine was Margaret Oakes given?": "A former finance director at Halvard Aerospace has been given … a
  fine of $180,000" is the fine of the man the next sentence names, not hers;
- "what was Canada's trade with the 25 EU countries worth in 2004?": a sentence giving only 2003's worth is the
  closest, not the answer;
- "what is the daily circulation of the Kessel Post?": "in circulation for 48 years" gives a time, no circulation.

Answerable questions that were turned away:
- "which executive at Carrow Stockbrokers said …?": a lone "executive" names no post, so the firm's head of research
  answers;
- "how many companies …?" is answered by a count of firms;
- "how big a stake does Norbourse hold in Clearco?": when the leading story gives no part at all, another story's
  sentence giving the stake ("a one-third stake") leads, and a fraction written with a hyphen is a quantity;
- "how long would a trip from Stansford airport to the city centre take …?": the sentence saying what it "would take".

A wrong assertion: "how large is Veltra Telecom's debt now, after the reductions?" was answered with the debt of 2001; the
sentence after it, giving where the debt stands now, leads.

Asked through `tradebrief ask --json`; where the small store cannot reproduce the realistic ranking, the rule is
called directly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, near_miss_said, offline_answer, store_fixture, store_retriever

FOLDER = ROOT / "tests" / "fixtures" / "s41-reading"

store = store_fixture("s41_reading", FOLDER)


# Questions the store cannot answer, and what the near miss must say is missing
NEAR_MISSES = [
    pytest.param("What was the kolar worth against the euro when Malawi completed the switch?",
                 "the stored articles mention malawi", id="a_sentence_with_no_amount_gives_no_worth"),
    pytest.param("How large a fine was Margaret Oakes given?", "the stored articles mention margaret oakes, but no fine",
                 id="the_fine_of_the_man_named_next_is_not_hers"),
    pytest.param("What was Canada's trade with the 25 EU countries worth in 2004?", "the stored articles mention canada",
                 id="another_years_worth_is_the_closest"),
    pytest.param("What is the daily circulation of the Kessel Post?", "but no circulation",
                 id="years_in_circulation_are_no_circulation"),
]


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


# Questions the store answers, a word the answer's first line must hold and one it must not
ANSWERS = [
    pytest.param("How large is Veltra Telecom's debt now, after the reductions?", "31.2bn", "58bn",
                 id="the_level_now_follows_the_past_one"),
    pytest.param("what fine did Thomas Reeve receive?", "$180,000", "mention",
                 id="the_person_described_is_the_one_named_next"),
    pytest.param("Which executive at Carrow Stockbrokers said Danish shares still looked cheap?", "Lene Holm",
                 "mention", id="a_lone_executive_names_no_post"),
    pytest.param("How many companies did Prime Minister Anna Brekke say could see their sell-offs reviewed?", "1,200",
                 "mention", id="firms_count_companies"),
    pytest.param("How big a stake does Norbourse hold in Clearco?", "one-third stake", "mention",
                 id="a_fraction_with_a_hyphen_is_a_stake"),
    pytest.param("How long would a trip from Stansford airport to the city centre take on the new line?", "25 minutes",
                 "mention", id="the_time_a_trip_takes"),
]


@pytest.mark.parametrize("question, words, not_words", ANSWERS)
def test_answers(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str,
                 not_words: str) -> None:
    answer = ask_json(store, question, capsys)
    first = answer["answer"].split("\n")[0]
    assert not answer["abstained"] and words in first and not_words not in first, answer["answer"]


@pytest.mark.parametrize("question, quote, lacks", [
    pytest.param("What was the kolar worth against the euro when Malawi completed the switch?",
                 "Having lost close to half of its value during 2004, the dinar stops being legal tender this month, "
                 "though banks will exchange it until 2008.", True, id="no_amount_but_years"),
    pytest.param("How much is Marrow Media's stake in Kessel worth?",
                 "Danish publisher Marrow Media is buying a 30% stake in the Latvian newspaper group Kessel in a deal "
                 "worth 18m euros.", False, id="an_amount_is_a_worth"),
    pytest.param("What was the kolar trading at against the dollar?",
                 "Shops and firms must now price everything in kolars, which traded at 1,420 to the US dollar last "
                 "week.", False, id="the_rate_against_the_currency_asked"),
])
def test_a_worth_needs_an_amount(question: str, quote: str, lacks: bool) -> None:
    """The realistic store leads "what was the ariary worth against the euro …?" with a sentence whose only figures
    are years; the small store leads with the rate against the dollar, so the amount check is called directly."""
    from tests.stores import quote_lacks_asked

    assert quote_lacks_asked(question, quote) is lacks


def test_the_stake_another_story_gives(store: str | Path) -> None:
    """The realistic store ranks a story of talks first ("… is due to hold talks …", no part of anything) just above
    another story's sentence giving the stake; ranked so here, the stake leads."""
    ranking = [("Norbourse is due to hold talks", 2.86), ("Trades in Oslo are settled", 2.74)]
    with store_retriever(store) as retriever:
        answer = offline_answer(retriever, "How big a stake does Norbourse hold in Clearco?", ranking)
    assert not answer.abstained and answer.citations[0].quote.startswith("Trades in Oslo"), answer.text
