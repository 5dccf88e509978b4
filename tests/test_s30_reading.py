"""How a question is read (issue 11, classes read in session 30; fixtures in our own words under
tests/fixtures/s30-reading/):

- "how long could the EU's inquiry into Norsk Aero's state aid take?": the story's sentence giving a stretch of time
  ("The inquiry may run for as long as 14 months") leads over its opening, which gives none;
- "since when?" after a sentence saying "since August last year": the one date said in two parts ("August", "last
  year") is the answer, not "no date";
- a follow-up asking a kind of answer within the last story ("since when have the rules … been in place?") is
  answered by the story's sentence giving that kind and speaking of most of what is asked ("since new rules for
  measuring it came in during 2001"), not by the first one giving a date ("easing slowly since March 2004");
- "where were the new fares first tried out?" as a follow-up: the story's sentence telling the trial in retrieval's
  word for it ("trialled … on tickets from Port Amara") speaks of what is asked;
- "by when do analysts expect …?" asks a date, like "when …?".

Asked through `tradebrief ask --json` on every kind of store, and the follow-ups through the console adapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answers import Answerer
from bot.focus import analyse_focus
from bot.question import analyse
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, first_quote, ranked_stub, store_fixture, store_retriever

FOLDER = ROOT / "tests" / "fixtures" / "s30-reading"

store = store_fixture("s30_reading", FOLDER)


def dated_stub(text: str, score: float, detail: float, article: str) -> Any:
    """A ranked sentence (`ranked_stub`) whose facts a kind-of-answer rule reads (none: its words say the date)."""
    stub = ranked_stub(text, score, detail, True, article=article)
    stub.hit.facts = []
    return stub


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("how long could the eu's inquiry into norsk aero's state aid take?", "may run for as long as 14 months",
                 id="a_stretch_of_time_asked"),
]


@pytest.mark.parametrize(("question", "words"), FIRST_QUOTES)
def test_first_citation(store: str, question: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert words in first_quote(store, question, capsys)


async def test_since_when_a_date_said_in_two_parts(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER, "where has skybrisa been testing cheaper fares?",
                                  "since when?")
    assert "testing cheaper fares since August last year" in opening(replies[0]), replies[0]
    assert replies[1].startswith("August last year [1]."), replies[1]


def test_the_story_sentence_speaking_of_most_of_what_is_asked(store: str) -> None:
    """Ranked as the realistic store ranked such a follow-up: a sentence giving no date first, then two giving one."""
    question = analyse("since when have the current rules for measuring unemployment been in place?")
    ranked = [dated_stub("The agency measures unemployment in the five largest cities of Brisa, home to most of its "
                         "people.", 2.32, 0.54, "b"),
              dated_stub("The jobless rate has been easing slowly since March 2004, when unemployment peaked at 12.9%.",
                         1.67, 0.27, "b"),
              dated_stub("The figures mark the first time that unemployment has dipped under 10% since new rules for "
                         "measuring it came in during 2001.", 1.85, 0.78, "b")]
    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        focus = analyse_focus(question, retriever.lexicons)
        led = answerer._kind_in_story(question, focus, ranked, "b")
    assert led[0] is ranked[2]


def test_a_trial_told_in_retrievals_word_for_it(store: str) -> None:
    question = analyse("where were the new fares first tried out?")
    ranked = [dated_stub("The airline says no one-way economy fare will now cost more than $399, and no first-class "
                         "fare more than $499.", 2.41, 0.68, "s"),
              dated_stub("SkyBrisa's new SkyFares were trialled from August last year on tickets from Port Amara.",
                         2.24, 0.22, "s")]
    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        focus = analyse_focus(question, retriever.lexicons)
        led = answerer._kind_in_story(question, focus, ranked, "s")
    assert led[0] is ranked[1]


@pytest.mark.parametrize("question", ["By when do analysts expect another upgrade of Brisa's credit rating?",
                                      "until when will the inquiry run?", "when will the inquiry end?"])
def test_by_when_asks_a_date(question: str) -> None:
    from bot.ranking import _asked
    from bot.focus import Focus

    assert _asked(analyse(question), Focus()).kind == "date"
