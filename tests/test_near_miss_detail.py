"""Near misses whose asked fact no typed attribute names, and quotes about another firm (issue 11, item 7).

A question names a stored firm and asks something of it; when no sentence of the store about that firm carries
what is asked ("who owns …", "when is … expected to open"), or the best sentence is about another firm in the
same story ("The Brandt plant … employs 1,800 staff" asked of Voskamp Lifting), the answer says the firm is
mentioned but the fact is not, and quotes the closest sentence only after that line. The same questions asked
of the firm the store does report on are answered; and when another firm's sentence would lead, the asked
firm's own sentence that carries the fact leads instead. Asked through `tradebrief ask --json` on
tests/fixtures/s8-nearmiss/ (and the trap fixtures).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store, store_fixture

FIXTURES = ROOT / "tests" / "fixtures" / "s8-nearmiss"


store = store_fixture("s8_nearmiss", FIXTURES)


def ask(db: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return ask_json(db, question, capsys)


def near_miss_on(answer: dict[str, Any], name: str) -> None:
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith(f"The stored articles mention {name}, but "), answer["answer"]


def test_another_firms_staff_count_is_no_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many staff does voskamp lifting employ", capsys)
    near_miss_on(answer, "Voskamp Lifting")
    assert "1,800" not in answer["answer"]


def test_the_firm_whose_staff_are_reported_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how many staff does the brandt plant employ", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "1,800" in answer["answer"]


def test_another_firms_fine_is_no_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how big a fine did helmond mortgage have to pay", capsys)
    near_miss_on(answer, "Helmond Mortgage")
    assert "$90m" not in answer["answer"]


def test_the_fined_firm_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how big a fine did garver home loans have to pay", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "$90m" in answer["answer"]


def test_an_owner_never_reported_is_a_near_miss(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Who owns the Larkfield Galleries?", capsys)
    near_miss_on(answer, "Larkfield Galleries")
    assert "Closest: " in answer["answer"]  # the closest sentence, after the line saying what is missing


def test_a_reported_owner_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Who owns the Brenton Arcade?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Ostrava Estates" in answer["citations"][0]["quote"]


def test_another_projects_opening_date_is_no_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "When is the Harwell tram line expected to open to passengers?", capsys)
    near_miss_on(answer, "Harwell")
    assert "2027" not in answer["answer"]


def test_a_reported_opening_date_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "When is the Delby Link expected to open to passengers?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2027" in answer["answer"]


def test_an_offer_for_another_firm_is_no_offer_for_this_one(store: str | Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Kestrel Media's only stored offer is for Kestrel Vision; Pinto Games is named in its story on games makers."""
    answer = ask(store, "how much is kestrel media offering for pinto games", capsys)
    near_miss_on(answer, "Kestrel Media and Pinto Games")
    assert not answer["answer"].split("Closest: ")[0].count("1.5")


def test_the_offer_made_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much is kestrel media offering for kestrel vision", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "1.5 of its own shares" in answer["answer"]


def test_a_sentence_naming_the_firm_by_its_short_name_is_its_own(store: str | Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """"Castle Trust is …, but Norland Savings has some foreign shareholders …" opens with another bank, yet
    names Norland Savings Bank by its short name: it is about the bank asked about too."""
    answer = ask(store, "how much of norland savings bank is foreign owned", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "4.5%" in answer["citations"][0]["quote"]


def test_where_a_firm_is_based_needs_a_place(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"… is based on interviews with managers of 140 hotels in 18 countries" says no place for the firm."""
    answer = ask(store, "Where is Trelawn Research based?", capsys)
    near_miss_on(answer, "Trelawn Research")


def test_a_firms_seat_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Where is Ferncroft Hotels based?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Dublin-based" in answer["citations"][0]["quote"]


def test_another_models_price_is_no_price_it_will_sell_for(store: str | Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "what price will volker motors' crossover sell for", capsys)
    near_miss_on(answer, "Volker Motors")
    assert "no crossover price" in answer["answer"]
    assert "£9,000" not in answer["answer"] and "£12,400" not in answer["answer"]


def test_a_models_reported_price_is_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "how much did a new volker pixie cost when it was launched", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£9,000" in answer["answer"]


@pytest.fixture(scope="module", params=KINDS)
def traps(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """The trap fixtures of tests/test_traps.py, ingested once per store."""
    yield from ingested_store(request, tmp_path_factory, "s8_traps", [str(ROOT / "tests" / "fixtures" / "traps")])


def test_the_firms_own_sentence_leads_over_another_firms(traps: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On the trap fixtures, "Medwell will pay $48 for each Corlan share" ranked first for the price per
    share Brackwell pays for Ardmoor: the sentence of Ardmoor's own story that gives it leads instead."""
    answer = ask(traps, "what price per share is Brackwell paying for Ardmoor?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "410p a share" in answer["citations"][0]["quote"]
    assert "Medwell" not in answer["answer"]
