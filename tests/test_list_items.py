"""List questions of named things: the sentences naming the items answer, not the one naming the kind
(issue 11, item 3: stories, not soup).

A story often first describes what was asked ("… to a Danish and a Korean company", "by two banks
that later became part of …") and names the items in later sentences, one each or together. The
answer opens with those sentences, each cited, in story order, under the story they come from; the
describing sentence follows. A name the question sets aside ("besides Castellan") is not an item.
Asked through `tradebrief ask --json` on fixtures in tests/fixtures/lists/ (with the traps).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
LISTS = ROOT / "tests" / "fixtures" / "lists"


store = store_fixture("list_items", TRAPS, LISTS)


def test_items_named_one_a_sentence_after_the_kind_lead_each_cited(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which firms won the first harbour dredging contracts at velmora", capsys)
    assert not answer["abstained"]
    quotes = [c["quote"] for c in answer["citations"]]
    # each item with its own citation, in story order; the sentence naming only "a Danish and a
    # Korean company" comes after them, never first
    assert quotes[0].startswith("Korea's Hanmoa Marine is said to have won"), quotes
    assert quotes[1].startswith("A Danish company, named Skolde Works"), quotes
    assert any("a Danish and a Korean company" in q for q in quotes[2:]), quotes
    assert answer["lead_kind"] == "quote" and answer["lead"].startswith("Korea's Hanmoa Marine")
    # one story, and the answer says which
    assert len({c["article_id"] for c in answer["citations"]}) == 1
    assert answer["answer"].splitlines()[0].startswith("From “Velmora port shares slide after dredging award”")


def test_the_sentence_naming_the_two_banks_leads_not_the_one_counting_them(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "which two banks that became part of orlan bank took harvests as security", capsys)
    quotes = [c["quote"] for c in answer["citations"]]
    assert quotes[0].startswith("Pellow Bank and Marsh Cross Bank are the two lenders"), quotes
    assert any(q.startswith("Crop harvests were taken as security") for q in quotes[1:]), quotes


def test_a_name_set_aside_does_not_lead(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the sentence naming Castellan holds more of the question's words ("weighing", "foreign warships")
    answer = ask_json(store, "which foreign warship builders is the brenna navy weighing besides castellan", capsys)
    quotes = [c["quote"] for c in answer["citations"]]
    assert quotes[0].startswith("But the Brenna Navy is also studying offers from overseas yards"), quotes
    assert "Castellan" not in quotes[0]


def test_a_lead_naming_none_of_them_yields_to_the_sentence_naming_them(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the last sentence holds most of the question's words ("possible buyers for Tallis Skis") but no name
    answer = ask_json(store, "which firms have been named as possible buyers of tallis skis", capsys)
    quotes = [c["quote"] for c in answer["citations"]]
    assert quotes[0].startswith("Kelda Sports and Brightpeak have previously been mentioned"), quotes


def test_a_story_that_never_says_the_asked_kind_yields_to_one_that_does(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a newer story of the same ministry's case against a chemicals firm answers as well by the words,
    # but never says "timber": the timber story names the firms accused, and the other is only named
    answer = ask_json(store, "which timber companies were accused in the trade ministry case", capsys)
    quotes = [c["quote"] for c in answer["citations"]]
    assert quotes[0].startswith("Among the firms accused were Harwick Timber"), quotes
    assert {c["title"] for c in answer["citations"]} == {"Ministry presses timber price case"}
    assert "Also in the store: “Drelling settles ministry charges”" in answer["answer"]


def test_a_lead_opening_with_a_stored_name_names_an_item(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Vellacom" is a name the store knows, though it opens the sentence: the lead names an item already
    answer = ask_json(store, "which danish ventures in kestria have run into trouble", capsys)
    assert answer["citations"][0]["quote"].startswith("Vellacom's mobile licence deal is the second Danish venture")


def test_a_country_list_names_neither_the_asked_country_nor_others_of_another_matter(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the deal is Chile's with Peru; Ecuador and Bolivia are only in a hope of a fuel bank one day
    answer = ask_json(store, "Which countries has Peru signed fuel deals with?", capsys)
    assert answer["lead_kind"] == "synthesised"
    items = answer["lead"].split(":", 1)[-1]  # (the story is named on a line of its own)
    assert "Chile" in items and "Peru" not in items, answer["lead"]
    assert "Ecuador" not in items and "Bolivia" not in items, answer["lead"]


def test_a_lead_naming_none_yields_to_another_story_naming_them(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the newer story holds more of the question's words but names no firm; the lawsuit's story names
    # them, and is the one answer (the other story is not mixed into its citations)
    answer = ask_json(store, "which firms did calder shipping sue over the dunmore terminal sale", capsys)
    first = answer["citations"][0]
    assert first["quote"].startswith("Calder Shipping is suing three companies - Brayton Ports"), first
    assert answer["answer"].splitlines()[0].startswith("From “Calder takes terminal buyers to court”")
    assert {c["title"] for c in answer["citations"]} == {"Calder takes terminal buyers to court"}


def test_areas_no_sector_fact_holds_are_answered_by_the_sentence_listing_them(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no sector fact is stored for "paperless customs" or "data rules": the story's sentence listing
    # them, and saying what the upgrade adds, leads over its topic sentence
    answer = ask_json(store, "what new areas does the upgraded norvik-calla free trade pact cover", capsys)
    assert answer["citations"][0]["quote"].startswith("The upgrade adds chapters on paperless customs"), answer
    assert answer["lead_kind"] == "quote"
