"""Which stored sentence comes first, on the trap fixtures (tests/fixtures/traps), through `ask --json`.

- a sentence that refers back to the firm ("The firm, which supplies …") is about the firm the
  sentence before it names, so it can answer a question about that firm;
- a sentence that goes on from a good one ("This is because …") is cited even when it shares no
  word with the question;
- a "which banks …" question is answered by the sentence that lists names;
- "who will replace …" by the sentence naming the successor, not the one naming the holder;
- "why …" by the sentence whose subject is the cause ("a wet spring had hit sales");
- an annual total given beside a month's figure is not "part of the year";
- "how much …" is not answered by a sentence holding no figure at all;
- "eleven months" in a question finds "11 month" in a sentence;
- a list question answers from its best story, opening with the sentence of it that lists the items
  (a list of names, or a sentence naming several firms besides the one asked about);
- "how many vehicles …" finds the sentence counting "units" among the firm's sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_traps import ask, store  # noqa: F401  (the module-scoped trap store fixture)


def test_the_firm_sentence_answers_for_the_firm_named_before_it(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "What charge rise does Portalis Water want?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("The firm, which supplies the coastal towns")
    assert "38%" in answer["answer"]


def test_the_sentence_giving_the_cause_after_the_one_about_the_recall_is_cited(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Why is Corvane recalling its scooters?", capsys)
    assert not answer["abstained"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert any(q.startswith("This is because of a fault in the brake cables") for q in quotes)


def test_which_banks_is_answered_by_the_sentence_naming_them(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Which banks are advising Ostrel Exchange?", capsys)
    assert not answer["abstained"]
    first = answer["citations"][0]["quote"]
    assert "Kessler Hart and Amberly Capital" in first


def test_who_will_replace_is_answered_by_the_successor_not_the_holder(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Who will replace Brenmoor's chief executive?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Ms Varga is to be replaced by Tomas Reel")
    assert "Ilse Varga" not in answer["lead"]


def test_why_prefers_the_cause_said_as_the_subject_of_the_sentence(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Why did Quillon's sales fall?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("A wet spring and weaker demand in France had hit sales")


def test_an_annual_total_beside_a_month_answers_the_whole_year(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "What were Estoria's exports for the whole of 2023?", capsys)
    assert not answer["abstained"]
    assert any("$52.6bn" in c["quote"] for c in answer["citations"])  # not "part of the year" because of "December"


def test_how_much_is_not_answered_by_a_sentence_without_a_figure(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "How much did Pellan pay for Corby Mills?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("The £310m deal gives the bakery group six mills")


def test_a_number_written_out_in_the_question_matches_it_in_figures(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "What was Tarvane's trade surplus over the first eleven months?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("The 11 month surplus had reached $14.2bn")


def test_a_list_question_opens_with_the_sentence_of_the_story_that_names_the_items(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "Which firms are suing Halbrook?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Those taking Halbrook to court include Merrow Steel")


def test_which_companies_opens_with_the_sentence_naming_several_of_them(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """"which Kenyan companies …": the sentence naming the firms (not joined as "A and B"), not the one
    introducing the bid; "which kenyan companies" is a list though an adjective stands before the noun."""
    answer = ask(store, "which kenyan companies does dalmore want to buy", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("It plans to buy Rift Valley Cement (RVC)")


def test_how_many_cars_finds_the_sentence_counting_units(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """"how many vehicles …": a sentence of the firm's story counting "units" shares no word with the
    question; it is found among the firm's sentences that name the counted thing in news words."""
    answer = ask(store, "how many vehicles did brantor motors sell in 2023", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Deliveries rose 3.5% to 410,000 units")
