"""Issue 11's traps, each through `tradebrief ask --json` on a store of short articles written for them.

tests/fixtures/traps/ holds two companies' chief executives, an overall trade deficit beside a
bilateral one (and a monthly one), a profit drop asked about as a rise, a sector list beside an
unrelated "agreed" settlement, a count of B2B meetings beside a shareholders' meeting, and a takeover
price beside the price per share. Every answer must open with a claim that answers the question
asked, or quote, or abstain; never a confident claim about something else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store

TRAPS = ROOT / "tests" / "fixtures" / "traps"


@pytest.fixture(scope="module", params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """The traps ingested once per store (a TinyDB file, or a PostgreSQL database): its location."""
    yield from ingested_store(request, tmp_path_factory, "traps", [str(TRAPS)])


def ask(db: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return ask_json(db, question, capsys, max_citations=3)  # no padding: only what bears on the question


def titles(answer: dict[str, Any]) -> set[str]:
    return {c["title"] for c in answer["citations"]}


def test_the_chief_executive_of_the_firm_asked_about(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    veltro = ask(store, "Who is the chief executive of Veltro Foods?", capsys)
    assert not veltro["abstained"]
    assert "Oskar Brandt" in veltro["lead"] and "Marta Quell" not in veltro["answer"]
    assert titles(veltro) == {"Veltro Foods sets out plan to close two bakeries"}
    harbor = ask(store, "who is the chief executive of harbor lines?", capsys)
    assert harbor["lead_kind"] == "synthesised" and harbor["lead"].startswith("Marta Quell")
    assert "Oskar Brandt" not in harbor["answer"]


def test_overall_deficit_not_the_bilateral_or_monthly_one(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How big was Canada's trade deficit in 2023?", capsys)
    assert answer["lead_kind"] in ("synthesised", "quote")
    assert "$48.2bn" in answer["lead"]
    assert answer["citations"][0]["quote"].startswith("The gap between Canadian imports and exports")
    for wrong in ("$9.1bn", "$9.9bn", "$7.5bn", "$3.9bn"):
        assert wrong not in answer["lead"]


def test_a_drop_asked_as_a_rise_is_a_near_miss(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "By how much did Skyway Air's profit rise?", capsys)
    assert answer["abstained"] and answer["near_miss"] and answer["lead_kind"] == "none"
    assert answer["answer"].startswith("The stored articles mention Skyway Air, but no profit rise. Closest:")
    assert "£500m" not in answer["answer"] and "7%" not in answer["answer"]  # Brightbank's rise
    assert [c["title"] for c in answer["citations"]] == ["Skyway Air profit falls as fuel bill climbs"]


def test_sector_list_is_one_story_named(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "which sectors were agreed?", capsys)
    assert answer["lead_kind"] == "synthesised"
    assert answer["lead"].startswith("Ghana and Morocco (2025-03-18): ")
    for sector in ("fertiliser", "cocoa", "port logistics"):
        assert sector in answer["lead"]
    assert "energy" not in answer["lead"] and "financial" not in answer["lead"]  # the Volta settlement
    assert titles(answer) == {"Ghana and Morocco agree areas of industrial cooperation"}


def test_count_of_b2b_meetings_from_the_typed_fact(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How many B2B meetings were held?", capsys)
    assert answer["lead_kind"] == "synthesised" and answer["lead"].startswith("4 ")
    assert "B2B" in answer["lead"] and "5%" not in answer["answer"]
    assert "four business-to-business (B2B) meetings" in answer["citations"][0]["quote"]


def test_takeover_price_not_the_price_per_share(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Medwell pay for Corlan?", capsys)
    assert answer["lead"] == "$12.6bn" and answer["lead_kind"] == "synthesised"
    assert "$48" not in answer["lead"]
    assert answer["citations"][0]["quote"].startswith("Healthcare group Medwell has agreed to buy")


@pytest.mark.parametrize(
    ("typed", "read_as", "expected"),
    [
        ("who is the comerce minster?", "who is the commerce minister?", "Amina Qadir"),
        ("whch sectrs wer agred?", "which sectors were agreed?", "cocoa processing"),
    ],
)
def test_typos_are_read_against_the_store(
    store: str | Path, capsys: pytest.CaptureFixture[str], typed: str, read_as: str, expected: str
) -> None:
    answer = ask(store, typed, capsys)
    assert answer["read_as"] == read_as
    assert answer["answer"].startswith(f"Showing results for: {read_as}\n")
    assert expected in answer["lead"]


def test_names_and_numbers_are_never_corrected(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 2025 is a number and stays, though the store holds 2023 and 2024; "Medwel", a name the store
    # does not know, is read as the one stored name a slip away, and said so.
    answer = ask(store, "How much did Medwel pay for Corlan in 2025?", capsys)
    assert answer["read_as"] == "How much did Medwell pay for Corlan in 2025?"
    stored = ask(store, "Who chairs Skyway Air in 2023?", capsys)  # stored names are never changed
    assert stored["read_as"] == ""
    fixed = ask(store, "what did anlysts say about Medwel in 2025?", capsys)
    assert fixed["read_as"] == "what did analysts say about Medwell in 2025?"
    unchanged = ask(store, "Who is the chief executive of Veltro Foods?", capsys)
    assert unchanged["read_as"] == ""


def test_a_question_in_another_language_gets_one_line(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "¿Qué sectores acordaron Ghana y Marruecos?", capsys)
    assert answer["abstained"] and not answer["citations"]
    assert answer["answer"] == "Questions and articles are in English only; please ask in English."


def test_a_follow_up_without_a_conversation_asks_for_the_question(
    store: str | Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = ask(store, "who said that?", capsys)  # `tradebrief ask` is one-shot
    assert answer["abstained"] and "earlier question" in answer["answer"]


def test_a_firm_the_store_never_mentions_is_not_answered_with_another(
    store: str | Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = ask(store, "Who is the chief executive of Netflix?", capsys)
    assert answer["abstained"] and answer["answer"] == "The stored articles do not mention Netflix."
    assert "Marta Quell" not in answer["answer"] and "Oskar Brandt" not in answer["answer"]


def test_a_role_at_another_firm_is_not_the_answer(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    chair = ask(store, "Who chairs Skyway Air?", capsys)
    assert chair["lead"] == "Ruth Okafor (Skyway Air chairman)" and chair["lead_kind"] == "synthesised"
    # Harbor Lines' article names a chief executive, none a chairman: a near miss, not Skyway's chairman.
    harbor = ask(store, "Who is the chairman of Harbor Lines?", capsys)
    assert harbor["abstained"] and harbor["near_miss"] and "Ruth Okafor" not in harbor["answer"]


def test_accented_words_and_months_are_left_alone(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What did Medwell say about the façade of Corlan in January?", capsys)
    assert answer["read_as"] == ""  # "façade" is not respelt; "January" is a month, not an unknown firm
    assert "do not mention" not in answer["answer"]


def test_stories_are_grouped_newest_first_and_others_named(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "which sectors were agreed?", capsys)
    assert answer["lead"].startswith("Ghana and Morocco (2025-03-18): ")  # two stories answer about as well
    assert "dairy" not in answer["lead"]  # Kenya and Rwanda's sectors are never merged into the list
    also = [line for line in answer["answer"].splitlines() if line.startswith("Also in the store: ")]
    assert also and "“Kenya and Rwanda agree to cooperate on dairy and tea” (2024-11-05)" in also[0]
    assert "Ghana and Morocco agree" not in also[0]  # another report of the lead story is not another story


def test_a_why_question_opens_with_the_cause_not_the_restated_event(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Why did Tessaro Rail make a loss in 2022?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Tessaro Rail was hit in 2022 by a long strike")


def test_an_amount_asked_is_answered_with_the_amount_not_a_percentage_change(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "What was Norland's trade deficit with the Nordic Union in March?", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Norland's deficit with the Nordic Union fell to $2.3bn")


def test_its_with_nothing_to_stand_for_asks_whose(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One-shot, "its" refers to nothing: no firm's chief executive is offered as if it were the one meant."""
    answer = ask(store, "who is its chief executive?", capsys)
    assert answer["abstained"] and answer["lead_kind"] == "none" and not answer["citations"]
    assert "whose" in answer["answer"]
