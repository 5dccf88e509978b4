"""How a question is read (issue 11, classes read in session 27; fixtures in our own words under
tests/fixtures/s27-reading/):

- "which Brazilian minister opened the Campo Expo 2005 farm fair?": the sentence saying so gives the minister only
  by the role ("Brazil's agriculture minister has opened …"); the next one opens with his name as its speaker
  ("Roberto Valente said …"), which the story goes on to call "Mr Valenti", so it leads and names him, and a later
  "he" is him. A firm opening the next sentence ("Andes Copper said …") names no minister.

Asked through `tradebrief ask --json` on every kind of store, and the follow-up through the console adapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s27-reading"

store = store_fixture("s27_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("Which Brazilian minister opened the Campo Expo 2005 farm fair?", "Roberto Valente said",
                 id="a_role_s_holder_named_next"),
    pytest.param("Which Chilean minister opened the copper forum in Santiago?", "Chile's mining minister has opened",
                 id="a_firm_opening_the_next_sentence_is_no_holder"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


async def test_the_holder_named_next_is_he(tmp_path: Path, stores: Stores) -> None:
    """"what did he say …?" after the minister's question is asked of the person named next, so his own sentence
    answers."""
    replies = await console_chain(tmp_path, stores, FOLDER, "Which Brazilian minister opened the Campo Expo 2005 farm fair?",
                                  "what did he say foreign machinery makers could make use of in Brazil?")
    assert "Roberto Valente" in opening(replies[0]), replies[0]
    assert "cheap land" in opening(replies[1]), replies[1]


def test_a_person_by_surname_one_letter_off() -> None:
    from bot.answers import _a_person
    from bot.models import Fact

    facts = [Fact(id="f1", article_id="a", type="person", value="Valenti", sentence_ids=("a:5",), attrs={"title": "Mr"})]
    assert _a_person("Roberto Valente", facts)
    assert not _a_person("Andes Copper", facts)
    assert not _a_person("Roberto Vela", facts)
