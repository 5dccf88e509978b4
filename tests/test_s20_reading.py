"""How a question is read (issue 11, classes read in session 20; fixtures in our own words under
tests/fixtures/s20-reading/):

- a story may misspell the name it is about ("Denver-based Pellanwoth is said to be …" in a report that spells
  Pellanworth right elsewhere): one letter dropped, added or swapped in a long one-word name, in a story the name
  index ties to it, still names it, so "where's Pellanworth based?" is answered from that sentence.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s20-reading"

store = store_fixture("s20_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("where's pellanworth based?", "Denver-based", id="a_name_misspelt_in_its_story"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote
