"""How a question is read (issue 11, classes read in session 18; fixtures in our own words under
tests/fixtures/s18-reading/):

- a count asked of a thing that is also a name ("how many Rivos did Kell Motors sell?") is not answered by numbers
  that count something else: "nearly three times as many cars" is a multiple, "3,200 Rivo-workers" counts workers,
  "one in five cars sold … was a Rivo" is a share, "the Rivo Sport 1.4" is part of a model's name; and a count of
  the thing that says no sale ("a plant far too big for just 80,000 Rivos") does not answer how many were sold: the
  near miss is said;
- "used by millions of us every day" counts people, not the debit cards asked: the near miss is said.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.counting import counts_any
from bot.focus import analyse_focus
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture, store_lexicons

FOLDER = ROOT / "tests" / "fixtures" / "s18-reading"

store = store_fixture("s18_reading", FOLDER)


@pytest.mark.parametrize("question, asked", [
    pytest.param("How many Rivos did Kell Motors sell worldwide last year?", "rivos", id="a_count_of_a_named_thing"),
    pytest.param("how many debit cards are in use in sellia, according to payline?", "debit cards",
                 id="people_are_no_cards"),
])
def test_numbers_counting_other_things_are_a_near_miss(store: str | Path, capsys: pytest.CaptureFixture[str],
                                                       question: str, asked: str) -> None:
    answer = ask_json(store, question, capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert f"no count of {asked}" in answer["answer"].lower(), answer["answer"]


COUNTS = [
    pytest.param("Last year nearly three times as many cars were built.", False, id="a_multiple"),
    pytest.param("The cars were built by just 3,200 Rivo-workers.", False, id="a_compound_counts_its_last_part"),
    pytest.param("Almost one in five cars sold by the Kell group was a Rivo.", False, id="one_in_five_is_a_share"),
    pytest.param("Verdict says the Rivo Sport 1.4 holds its value best.", False, id="a_number_in_a_model_name"),
    pytest.param("Last year Kell Motors sold 95,000 Rivos.", True, id="a_count_of_rivos"),
    pytest.param("Kell sold 95,000 of them last year.", True, id="a_count_after_a_verb"),
]


@pytest.mark.parametrize("text, counts", COUNTS)
def test_what_a_number_counts(store: str | Path, text: str, counts: bool) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("How many Rivos did Kell Motors sell worldwide last year?"), lexicons)
    assert focus.count_noun, focus
    assert counts_any(text, focus) is counts, text


def test_millions_of_us_count_people(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        cards = analyse_focus(analyse("how many debit cards are in use in sellia?"), lexicons)
        people = analyse_focus(analyse("how many people use debit cards in sellia?"), lexicons)
    said = "Debit cards are used by millions of us every day."
    assert not counts_any(said, cards)
    assert counts_any(said, people)


def test_times_asked_are_counted(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("how many times oversubscribed was the Payline share sale?"), lexicons)
    assert counts_any("The share sale was eleven times oversubscribed.", focus)
