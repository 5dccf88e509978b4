"""A movement asked in one verb is found in another (issue 11, item 1: the right sentence is found).

"Why did wool prices drop?" is answered by "Wool prices have fallen by 7%, driven down by …": the
story says "fallen", not "drop". Each verb of a direction brings the commonest past forms of the
others into the search, so the sentence is found among many that repeat the asker's own verb
("buyers expect wool prices to drop"). Asked through `tradebrief ask --json` on
tests/fixtures/movement-words/ among a crowd of such market reports. A firm that "grew its sales" had its sales rise, and "sales
jumping 18%" reports that rise.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.focus import analyse_focus
from bot.question import analyse
from bot.retrieval import EXPANSIONS
from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store

MOVES = ROOT / "tests" / "fixtures" / "movement-words"
CROWD = 170  # more reports than the search's first cut (150), each holding "wool", "prices" and "drop"


@pytest.fixture(scope="module", params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    crowd = tmp_path_factory.mktemp("wool_crowd")
    for n in range(CROWD):
        (crowd / f"wool-market-{n:03d}.txt").write_text(
            f"Wool market report {n}\nSource: Fleece Weekly\ndate 2006-03-{n % 28 + 1:02d}\n\n"
            f"Buyers at market {n} expect wool prices to drop later in the year.\n", encoding="utf-8")
    yield from ingested_store(request, tmp_path_factory, "movement_words", [str(MOVES), str(crowd)])


def test_a_fall_asked_as_a_drop_finds_the_sentence_saying_fallen(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "why did wool prices drop 7%?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"].startswith("Wool prices have fallen by 7%, driven down by a mild spring")


@pytest.mark.parametrize(("asked", "reported"), [("drop", "fallen"), ("slump", "fell"), ("plunging", "dropped"),
                                                 ("climb", "rose"), ("soars", "increased"), ("jumping", "risen")])
def test_each_verb_of_a_direction_brings_the_others_past_forms(asked: str, reported: str) -> None:
    assert reported in EXPANSIONS[asked]
    assert not {"rose", "risen", "jumped"} & set(EXPANSIONS["drop"]) and not {"fell", "fallen"} & set(EXPANSIONS["climb"])


def test_sales_grown_are_a_rise_of_sales_and_jumping_reports_it(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "by how much did brisk outfitters grow its december sales", capsys)
    assert not answer["abstained"] and not answer["near_miss"], answer["answer"]
    assert "18% at Brisk Outfitters" in answer["citations"][0]["quote"]


@pytest.mark.parametrize(("question", "measure", "direction"), [
    ("by how much did brisk outfitters grow its december sales", "sales", "rise"),
    ("how much did china grow its exports", "exports", "rise"),
    ("how much did the economy grow in 2004", "growth", ""),
])
def test_grow_before_a_measure_asks_a_rise_of_it(question: str, measure: str, direction: str) -> None:
    focus = analyse_focus(analyse(question), [])
    assert (focus.measure, focus.direction) == (measure, direction)
