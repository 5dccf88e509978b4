"""How a question is read (issue 11, classes read in session 29; fixtures in our own words under
tests/fixtures/s29-reading/):

- "what position will Eva Lunde take once Per Holm arrives?": the post she moves to ("Ms Lunde, who will become
  deputy chair") leads over the sentence where she is only the one succeeded ("Mr Holm will succeed Eva Lunde as
  managing director": that post is his);

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s29-reading"

store = store_fixture("s29_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("what position will eva lunde take once per holm arrives at norrhavn norge?", "will become deputy chair",
                 id="the_post_the_person_moves_to"),
]


@pytest.mark.parametrize(("question", "words"), FIRST_QUOTES)
def test_first_citation(store: str, question: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert words in first_quote(store, question, capsys)
