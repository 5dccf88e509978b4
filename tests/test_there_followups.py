"""Follow-ups that point at the last question's place (issue 11, item 6), and a measure asked as a noun
written as a verb in the story (final8's chain v-f11, read after its blind start run):

- "and how much did it export there?" after "How much did the US import from China in October?":
  "there" is China (the last question's place the new one does not name), "it" the US, and the
  sentence "… exporting a little under $3bn" answers it: "exporting" says exports as "exported" does.

Asked through the console adapter on tests/fixtures/there-followups/ (our own words), on every kind of
store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.conversation import Turn, resolve_followup
from bot.focus import Focus
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.stores import Stores
from tests.test_followups import Clock, followup_service

THERE = ROOT / "tests" / "fixtures" / "there-followups"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, THERE, Clock()) as service:
        yield service


async def test_there_is_the_last_questions_place(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    imported = await console.handle("How much did Canada import from Mexico in October?")
    assert imported is not None and "$9bn" in imported.splitlines()[0]
    exported = await console.handle("and how much did it export there?")
    assert exported is not None
    first, second = exported.splitlines()[:2]
    assert first == "Showing results for: how much did Canada export to Mexico?"
    assert "exporting a little under $2bn" in second, exported


@pytest.mark.parametrize(("question", "read"), [
    ("how much did it export there?", "how much did Canada export to Mexico?"),
    ("what did it sell there?", "what did Canada sell to Mexico?"),
    ("how many people work there?", "how many people work in Mexico?"),
    ("is there a deficit?", "is there a deficit?"),  # the "there" of being is no place
])
def test_what_there_stands_for(question: str, read: str) -> None:
    turn = Turn(question="How much did Canada import from Mexico in October?", kind="figure",
                entities=("canada", "mexico"), display=("Canada", "Mexico"), parties=("Canada", "Mexico"))
    assert resolve_followup(question, turn, [])[0] == read


def test_a_measure_written_as_a_verb() -> None:
    focus = Focus(measure="exports")
    assert focus.measure_in("Canada imported $9bn of goods, exporting a little under $2bn.")
    assert Focus(measure="imports").measure_in("importing almost $9bn of goods")
