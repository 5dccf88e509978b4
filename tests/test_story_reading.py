"""Within the story that leads, the sentence holding what is asked opens the answer (issue 11, item 2).

Every sentence of a story about a firm speaks of it ("its", "the company", a short name), so naming
the firm in full says little there: the question's other words found in the sentence itself ("its
other brands include …") decide, as long as the sentence keeps the kind of answer the leading one
gave (a count of the asked thing, a cause, a person in the asked role). A cause plainly given right
after the event ("… contributed to the rise") answers a why-question. A leading story's sentences holding an asked
word are candidates even when a crowd of other stories pushes them out of the search's first cut.
Asked through `tradebrief ask --json` on fixtures in tests/fixtures/story-reading/ (with the traps).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, first_quote, ingested_store, store_fixture

TRAPS = ROOT / "tests" / "fixtures" / "traps"
STORY = ROOT / "tests" / "fixtures" / "story-reading"
CROWD = 170  # more stories than the search's first cut (150) holding the question's commoner words


store = store_fixture("story_reading", TRAPS, STORY)


def _crowd(directory: Path, sentence: str) -> Path:
    for n in range(CROWD):
        (directory / f"haulier-{n:03d}.txt").write_text(
            f"Haulier number {n} warns customers\nSource: Depot Weekly\ndate 2024-03-{n % 28 + 1:02d}\n\n"
            + sentence.format(n=n) + "\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="module", params=KINDS)
def crowded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """The story fixtures among many short stories about other hauliers' logistics customers."""
    crowd = _crowd(tmp_path_factory.mktemp("crowd"),
                   "Haulier number {n} told its logistics customers that logistics rates for customers would rise.")
    yield from ingested_store(request, tmp_path_factory, "story_crowd", [str(STORY), str(crowd)])


@pytest.fixture(scope="module", params=KINDS)
def crowded_namesakes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """The story fixtures among many stories of a "Merrow Street" depot telling logistics customers
    about rates: the search ranks those above Merrow Logistics' own story, so the firm's story is read
    for what is asked (its customers) from the store's name index, not from the search's lead."""
    crowd = _crowd(tmp_path_factory.mktemp("crowd_bosses"),
                   "The Merrow Street depot of haulier number {n} told logistics customers that rates would rise.")
    yield from ingested_store(request, tmp_path_factory, "story_bosses", [str(STORY), str(crowd)])


def test_contributed_to_gives_a_cause(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "why was sorvia's harvest up in 2004", capsys)
    assert quote.startswith("Steady rains, wider use of fertiliser and better seed contributed")


def test_a_count_question_keeps_the_sentence_counting_the_thing(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The delivery sentence holds "aircraft" itself, but counts no aircraft ("a five-year period").
    quote = first_quote(store, "how many aircraft is skylark air getting from veltra", capsys)
    assert quote.startswith("Skylark Air has agreed to buy 24 planes")


def test_a_leading_story_is_read_whole_in_a_crowded_store(
        crowded: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(crowded, "who are merrow logistics' customers", capsys)
    assert quote.startswith("Its customers include Pennard Foods")


def test_a_list_question_is_answered_by_the_sentence_naming_the_asked_things(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The merger sentence lists three names too, but no brands.
    quote = first_quote(store, "what brands does kellan health make", capsys)
    assert "brand" in quote


def test_a_role_held_at_the_short_name_of_the_firm_answers(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Dunhallow" alone could be Dunhallow Rovers too, but in a report on Dunhallow Motors it is the carmaker.
    answer = ask_json(store, "who is the chief executive of dunhallow motors", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Oskar Lind" in answer["lead"]


def test_a_sentence_naming_another_year_does_not_displace_the_one_naming_the_asked_year(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "how much cocoa does tarvel want to produce by 2008", capsys)
    assert quote.startswith("Farm minister Ada Kole said the plan aimed to lift production"), quote


def test_the_asked_firms_stories_are_read_for_what_is_asked(
        crowded_namesakes: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(crowded_namesakes, "who are merrow logistics' customers", capsys)
    assert quote.startswith("Its customers include Pennard Foods")


def test_the_boss_is_the_chief_executive_named_in_the_text(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The sentence names the role in words only (no role was read into a fact): "boss" still finds it.
    answer = ask_json(store, "who is the boss of brisk rail", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Mr Fenwick" in answer["citations"][0]["quote"]


def test_a_count_placed_in_one_country_is_quoted_not_stated_as_the_whole(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    overall = ask_json(store, "how many customers does corlan mobile have", capsys)
    assert not overall["abstained"]
    assert overall["lead_kind"] == "quote" and overall["lead"].startswith("Although it has more than 9 million")
    in_chile = ask_json(store, "how many customers does corlan mobile have in chile", capsys)
    assert in_chile["lead_kind"] == "synthesised" and "9 million" in in_chile["lead"]
