"""A list question's lead is the sentence listing things of the asked kind (issue 11, item 2: the first
claim answers the question asked; the table's "which sectors were agreed?" row).

Traps, each a story whose best-matching sentence is not the list asked for:
- "which manufacturing sectors grew?": the sector the question names (manufacturing) is the kind asked,
  not an item; the items are in "They included the furniture, paper, plastics and chemicals sectors",
  which goes on from the sentence before it (it shares no word of the question itself and still lists).
- "what metals does Peru's review cover?": a series of countries ("Firms from Canada, Australia, Japan
  and Switzerland …") lists places, not metals; the story's series of metals leads.
- "which UK retailers said Christmas was disappointing?": a quote holding several names without
  listing them ("… as Bank of England governor Miles Hale said …, said Tom Avery, an analyst at Fenwood
  Research") yields to the story's sentence joining names into a list ("Pellbrook, Harwick Stores …").
- "which companies were in the delegation that visited the Audit Board?": the sentence naming them in
  another story says "delegation" and "visited" only in the sentence it goes on from ("It was led by …").
- "which flood-hit countries took up the offer?" is a list of countries, as "which countries …" is.
- "what are small firms' biggest worries?" asks for several things, as "which worries …" does (not
  "what were BP's profits?", one figure).
- "which European ministers …?": "French Finance Minister Alain Moreau and Spanish Economy Minister …"
  names people, though its first words are countries' adjectives.
- "what record highs has gold hit?": "a fresh record high of $2,431" gives the thing asked, a figure; a
  sentence of the story naming people is no list of record highs.
- "under what conditions …?": the best sentence says "several strict conditions"; the one after it lists
  them ("These include …").
- "What did Varno Industries sell for?": a sector word in a firm's name ("Industries") asks no sectors.
Asked through `tradebrief ask --json` on fixtures in tests/fixtures/s9-lists/ (with the traps).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
LISTS = ROOT / "tests" / "fixtures" / "s9-lists"

store = store_fixture("list_leads", TRAPS, LISTS)


def test_the_sector_the_question_names_is_no_item(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which manufacturing sectors grew in march according to the survey?", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert all(s in answer["lead"] for s in ("furniture", "paper", "plastics", "chemicals")), answer["lead"]
    assert "manufacturing" not in answer["lead"], answer["lead"]
    assert answer["citations"][0]["quote"].startswith("They included the furniture")


def test_a_series_of_countries_does_not_list_other_things(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what metals does peru's review of foreign mining licences cover?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("The review will cover copper, zinc and silver")


def test_names_joined_into_a_list_lead_before_a_sentence_merely_holding_names(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which uk retailers said christmas was disappointing?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("Pellbrook, Harwick Stores, Tanbury and Corrin Home")


def test_a_sentence_going_on_from_the_one_before_names_the_items_of_another_story(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "It was led by … and included representatives of Kelvar, Dunmore Optics and Ralston Foods": it
    # says "delegation" and "visited" only in the sentence before it, which it goes on from
    answer = ask_json(store, "which companies were in the trade council delegation that visited the audit board?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("It was led by Mira Osei")
    assert "Kelvar" in answer["lead"]


def test_countries_asked_with_a_word_before_them_are_a_country_list(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "which flood-hit countries …" asks for countries as "which countries …" does
    answer = ask_json(store, "which flood-hit countries took up the corvel fund offer?", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert answer["lead"] == "Bangladesh, Nepal and Bhutan"


def test_what_are_someones_things_is_a_list_question(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "what are small firms' biggest worries …?" asks for several things: the sentence listing them leads
    answer = ask_json(store, "what are small firms' biggest worries according to the harlan survey?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("Their biggest worries are not interest rates but red tape")


def test_people_named_after_their_countrys_adjective_are_items(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "French Finance Minister Alain Moreau and Spanish Economy Minister Lucia Vidal": names, though
    # "French" and "Spanish" are countries' adjectives
    answer = ask_json(store, "which european ministers voiced worries about the euro's strength?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("French Finance Minister Alain Moreau")


def test_a_sentence_giving_the_asked_thing_as_a_figure_answers(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "a fresh record high of $2,431" gives the record high asked for; the story's sentence naming people
    # beside "gold" lists no record highs
    answer = ask_json(store, "what record highs has gold hit in recent weeks?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("Gold was trading at $2,410 an ounce")


def test_the_sentence_listing_what_the_lead_describes_comes_first(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "… if a country meets several strict conditions." then "These include carrying out costly pension
    # reforms, …": the conditions are in the sentence after the one that matches the question best
    answer = ask_json(store, "Under what conditions does Lind say deficits above 3% should be allowed?", capsys)
    assert answer["lead_kind"] == "quote", answer
    assert answer["citations"][0]["quote"].startswith("These include carrying out costly pension reforms")
    assert answer["citations"][1]["quote"].startswith("Deficits should be allowed to go above 3%")


def test_a_sector_word_in_a_firms_name_asks_no_sectors(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Varno Industries" is a firm: "what did Varno Industries sell for?" asks no list of industries, and
    # the story's sectors ("chemicals and plastics") are not stated as its answer
    answer = ask_json(store, "What did Varno Industries sell for?", capsys)
    assert answer["lead_kind"] != "synthesised", answer
    assert "chemicals" not in answer["lead"]
    # typed in lower case, the name is the store's own ("varno industries"): still no list of its sectors
    answer = ask_json(store, "what did varno industries sell for?", capsys)
    assert answer["lead_kind"] != "synthesised", answer
    # asked in words, the sectors are still listed
    answer = ask_json(store, "Which sectors are the Varno brothers fighting over?", capsys)
    assert answer["lead_kind"] == "synthesised", answer
    assert "chemicals and plastics" in answer["lead"]
