"""How a question is read (issue 11, classes read in session 22; fixtures in our own words under
tests/fixtures/s22-reading/):

- "who chairs the IFS's factory survey?" asks a role at a body: "… said IFS survey chairman Nils Fenwick" names the
  body just before the role (a word or two between), so the person holds the role asked and the answer opens with
  the name, though the stored role is the bare "chairman";
- "what record did Tarnland diesel futures hit as crude went above $61?" asks a record: the sentence of the story
  saying one ("… to a record high of $1.7320 a gallon") leads over one matching only the question's setting
  ("… crude futures jumped to $61.20 …"); a value asked by its kind ("what level …?", "what deadline …?") is not
  read so, since the sentence giving it need not say the word.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s22-reading"

store = store_fixture("s22_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("what record did tarnland diesel futures hit as crude went above $61?", "a record high of $1.7320",
                 id="the_thing_asked_said"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


def test_a_body_named_before_the_role(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Who chairs the IFS's factory survey?", capsys)
    assert answer["answer"].startswith("Nils Fenwick (chairman) [1]"), answer["answer"]
