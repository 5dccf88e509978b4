"""How a question is read (issue 11, classes read in session 21; fixtures in our own words under
tests/fixtures/s21-reading/):

- "at which sports finance summit … did Harlech Rovers' vice-chairman float a full listing?" asks one named thing of
  a kind: the sentence of the story naming a summit ("Speaking at the Pitchside sports finance summit in Doha, he
  said …") leads over the one reporting what he said, which has no word for a summit;
- "how many shareholders … does a firm need to fall under the Ormsby-Hale Act …?" asks no fall: "fall under" a law
  is to be covered by it, so "The Act also covers firms with more than 400 shareholders in Tarnland" answers rather
  than a near miss saying the store has no count;
- "which two sectors have done particularly well on the Dunport exchange this week?": the sentence of the exchange's
  story listing sectors ("Energy and telecoms stocks did particularly well …") answers, though it shares few of the
  question's words (it was told the store has no two sectors); and a list is said to be the story's two parties'
  only when the story is about both: a country named in passing (the US, twice, in a report naming Kenya six times)
  is no party to it, so the story's title names whose list it is.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.composer import _story_label
from bot.models import Article, Fact
from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s21-reading"

store = store_fixture("s21_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("how many shareholders in tarnland does a firm need to fall under the ormsby-hale act, even without "
                 "a listing?", "more than 400 shareholders", id="fall_under_a_law_asks_no_fall"),
    pytest.param("Which two sectors have done particularly well on the Dunport exchange this week?",
                 "Energy and telecoms stocks", id="sectors_listed_in_the_entity_s_story"),
    pytest.param("at which sports finance summit, and in which city, did harlech rovers' vice-chairman float a full "
                 "listing?", "Pitchside sports finance summit", id="the_kind_asked_named"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


def _story(parties: dict[str, int]) -> tuple[Article, list[Fact]]:
    article = Article(id="a1", title="Dunport shares reach a record high", source="Quayside Wire", url=None,
                      published="2005-01-12", ingested_at="2005-01-12T00:00:00+00:00", content_hash="x",
                      language="en", body="")
    facts = [Fact(id=f"f{i}", article_id="a1", type="party", value=name,
                  sentence_ids=tuple(f"a1:{j}" for j in range(1, n + 1)))
             for i, (name, n) in enumerate(parties.items())]
    return article, facts


@pytest.mark.parametrize("parties, label", [
    pytest.param({"Pakistan": 5, "Belarus": 4}, "Pakistan and Belarus (2005-01-12)", id="a_story_about_both"),
    pytest.param({"Kenya": 6, "United States": 2}, "“Dunport shares reach a record high” (2005-01-12)",
                 id="a_country_named_in_passing"),
])
def test_whose_list(parties: dict[str, int], label: str) -> None:
    assert _story_label(*_story(parties)) == label
