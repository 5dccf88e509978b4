"""How a question is read (issue 11, classes read in session 25; fixtures in our own words under
tests/fixtures/s25-reading/):

- "what does the Kessel Relief Federation see as the biggest health challenges …?": the sentence giving them closes
  its quote with "the aid agency was quoted as saying", so its speaker is the body the sentence before names (that
  sentence's words count as nearby), and a body is no person whose view is asked ("Relief Federation" read as a first
  name and a surname had put the sentence naming the body first);
- "to what level did initial US jobless claims jump in the latest labor department report?": the department is the
  figure's source, not its owner, and the story names it only in lower case, where the name index cannot see it; the
  sentence giving the level answers rather than a near miss;
- "who is the Harbour Bank spokeswoman quoted on the missing discs?": "Maria Fenwick, a spokeswoman for the
  Boston-based bank, told …" names a person (a role at a body described, not named), and the place describing the
  bank names no other body, so she is the bank's spokeswoman;
- "… Harbour Bank's lost discs, how many are army and civilian staff …?": discs lost are mislaid, no fall is asked;
- "apart from Gen Varga's, whose accounts were involved …?": "apart" sets a part aside and asks nothing of the bank;
- "what fine had a US court ordered Kestrel Bank to pay?": "On that occasion, it was made to pay a $12m fine"
  goes on from the sentence naming the bank and the court ("a US court", in lower case, which the name index misses),
  so it answers, and its figure is stated ("it" after "On that occasion," refers back);
- "how are some Gabon finance ministry staff said to have boosted their pay?" asks the means, like a why-question:
  no rise in jobs is asked;
- "how much oil does Morocco produce a day?": the country does what is measured, and no sentence about it gives an
  output, so the near miss is said (asked of India, the sentence answers);
- "by how much did Japan's industrial output change in November?": the sentence giving October's fall is out of the
  month's scope and "Analysts had been forecasting a 0.3% rise" is a forecast, so the near miss is said (asked of
  October, the fall answers);
- "how much would Varno Games' planned 19.9% stake in Tarn Studios cost?": the sentence's only figure is the one the
  question gives, so it says no price and the near miss is said;
- "how much compensation is Harbour Bank paying the customers whose details were on the lost discs?": the bank's
  $300m to settle a trading inquiry is paid in a story holding less than half of what the discs' story holds of the
  question's other words, so it is no price of what is asked and the near miss is said (asked of the inquiry, it
  answers);
- "…, according to the CTPR model?": "Centre for Trade Policy Research" is one name ("for" joins a body's name after
  the noun such names start with), so its initials are no name the store lacks.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, first_quote, measure_of, near_miss_said, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s25-reading"

store = store_fixture("s25_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("What does the Kessel Relief Federation see as the biggest health challenges after the floods?",
                 "cholera and dysentery", id="a_body_quoted_as_saying"),
    pytest.param("To what level did initial US jobless claims jump in the latest labor department report?",
                 "jumped to 341,000", id="a_level_from_a_source_in_lower_case"),
    pytest.param("Of the people affected by Harbour Bank's lost discs, how many are army and civilian staff at the "
                 "defence ministry?", "About 400,000 army and civilian staff", id="lost_things_ask_no_fall"),
    pytest.param("Apart from Gen Varga's, whose accounts were involved when Kestrel Bank pleaded guilty in a US court?",
                 "the government of Chad", id="apart_from_asks_nothing"),
    pytest.param("What fine had a US court ordered Kestrel Bank to pay?", "a $12m fine", id="on_that_occasion_it"),
    pytest.param("How are some Gabon finance ministry staff said to have boosted their pay?",
                 "forged their grade", id="the_means_asked"),
    pytest.param("How much oil does India produce a day?", "about 800,000 barrels", id="a_country_s_output"),
    pytest.param("By how much did Japan's industrial output change in October?", "dropped 1.2% in October",
                 id="output_in_the_month_asked"),
    pytest.param("Why does raising the tax rate in Kazakhstan make managers hide more income, according to the CTPR "
                 "model?", "undeclared income", id="initials_of_a_body_named_with_for"),
    pytest.param("How much have Harbour Bank units agreed to pay to settle the share trading inquiry?",
                 "a total of $300m", id="a_sum_paid_in_the_story_asked"),
]


NEAR_MISSES = [
    pytest.param("How much oil does Morocco produce a day?", "no output", id="a_country_doing_the_measured_thing"),
    pytest.param("By how much did Japan's industrial output change in November?", "no output",
                 id="a_forecast_and_another_month"),
    pytest.param("How much would Varno Games' planned 19.9% stake in Tarn Studios cost?", "no stake",
                 id="only_the_figure_asked"),
    pytest.param("How much compensation is Harbour Bank paying the customers whose details were on the lost discs?",
                 "no price", id="a_sum_paid_in_another_story"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


def test_a_spokeswoman_for_a_body_described(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Who is the Harbour Bank spokeswoman quoted on the missing discs?", capsys)
    assert not answer["abstained"] and "Maria Fenwick" in answer["answer"].splitlines()[0], answer["answer"]


def test_a_figure_said_on_that_occasion_is_stated(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What fine had a US court ordered Kestrel Bank to pay?", capsys)
    assert answer["answer"].startswith("$12m [1]."), answer["answer"]


def test_a_role_at_a_body_described_is_a_person_fact() -> None:
    from bot.facts.people import _TITLE_WORD_RE, _person_facts

    text = '"We believe the discs are lost," Maria Fenwick, a spokeswoman for the Boston-based bank, told a paper.'
    low = text.lower()
    titles = [(m.start(), m.end(), m.group()) for m in _TITLE_WORD_RE.finditer(low)]
    assert [(name, attrs) for _, name, _, attrs in _person_facts(text, low, titles)] == [
        ("Maria Fenwick", {"role": "spokeswoman for the Boston-based bank"})]


def test_lost_things_and_losses() -> None:
    from bot.focus import analyse_focus
    from bot.question import analyse

    assert analyse_focus(analyse("How many of the people on Harbour Bank's lost discs are soldiers?"), []).direction == ""
    assert analyse_focus(analyse("How many jobs were lost at the plant?"), []).direction == "fall"
    assert measure_of("How much did the bank lose last year?") == "loss"


def test_the_means_of_a_deed_is_asked_like_a_cause() -> None:
    from bot.focus import analyse_focus
    from bot.question import analyse

    assert analyse_focus(analyse("How are some ministry staff said to have boosted their pay?"), []).why
    assert analyse_focus(analyse("How was the bank able to beat its rival to the deal?"), []).why
    assert not analyse_focus(analyse("How did exports perform in January?"), []).why
    assert not analyse_focus(analyse("How much did staff pay rise?"), []).why


@pytest.mark.parametrize("question, text, given", [
    ("How much would its planned 19.9% stake cost?", "It said it planned to buy 19.9% of the firm.", True),
    ("How much would its planned 19.9% stake cost?", "It will pay $40m for 19.9% of the firm.", False),
    ("What was the 2004 profit?", "Profit was 5.2bn in 2004.", False),
    ("What was the 2004 profit?", "The firm made no profit.", False),
    ("How many B2B meetings were held?", "Three B2B meetings were held.", False),
])
def test_a_sentence_giving_only_the_question_s_figures(question: str, text: str, given: bool) -> None:
    from bot.nearmiss import _figures_given

    assert _figures_given(question, text) is given


def test_for_joins_a_body_s_name_only() -> None:
    from bot.entities import NAME_RE

    assert [m.group() for m in NAME_RE.finditer("A study from the Centre for Trade Policy Research says")] == [
        "A", "Centre for Trade Policy Research"]
    assert [m.group() for m in NAME_RE.finditer("Bid for Yukos fails")] == ["Bid", "Yukos"]


def test_a_country_doing_the_measured_thing_owns_it() -> None:
    """On the realistic store "how much oil does Algeria produce a day?" was answered by India's output: the only
    sentence about another country carries the measure, so the country asked lacks it."""
    from dataclasses import replace
    from types import SimpleNamespace

    from bot.answers import _country_lacks
    from bot.focus import analyse_focus
    from bot.question import analyse

    hit = SimpleNamespace(sentence=SimpleNamespace(text="India produces about 800,000 barrels of oil per day."),
                          article=SimpleNamespace(id="india", title="India seeks oil fields abroad"), facts=[],
                          before=None)
    india = SimpleNamespace(hit=hit, score=3.0, entity=0.0, attribute=True, conflict="")
    for country, lacks in (("Morocco", True), ("India", False)):
        query = analyse(f"How much oil does {country} produce a day?")
        focus = replace(analyse_focus(query, []), entities=(country.lower(),), display=(country,))
        assert _country_lacks(query, focus, [india]) is lacks, country
