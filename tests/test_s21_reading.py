"""How a question is read (issue 11, classes read in session 21; fixtures in our own words under
tests/fixtures/s21-reading/):

- "at which sports finance summit … did Harlech Rovers' vice-chairman float a full listing?" asks one named thing of
  a kind: the sentence of the story naming a summit ("Speaking at the Pitchside sports finance summit in Doha, he
  said …") leads over the one reporting what he said, which has no word for a summit;
- "how many shareholders … does a firm need to fall under the Ormsby-Hale Act …?" asks no fall: "fall under" a law
  is to be covered by it, so "The Act also covers firms with more than 400 shareholders in Tarnland" answers rather
  than a near miss saying the store has no count.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s21-reading"

store = store_fixture("s21_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("how many shareholders in tarnland does a firm need to fall under the ormsby-hale act, even without "
                 "a listing?", "more than 400 shareholders", id="fall_under_a_law_asks_no_fall"),
    pytest.param("at which sports finance summit, and in which city, did harlech rovers' vice-chairman float a full "
                 "listing?", "Pitchside sports finance summit", id="the_kind_asked_named"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote
