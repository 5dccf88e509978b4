""""Who owns / bought / sued X?" asks who did something, not who holds a post (issue 11, items 2 and 7).

On the realistic store "Who owns Gerrard, the firm whose chief economist commented on UK growth?" was
answered "Simon Rubinsohn (chief economist at Gerrard)": any person of the firm was taken for its owner,
and a "whose chief economist" describing the firm was read as the role asked for. A person is stated
only when the sentence makes them the doer ("bought by …", "X bought …"); when no sentence of the
firm's stories says the act at all, the answer is a near miss ("our own view" is no owning). And in a
conversation, "journalists" typed in lower case is not the store's "Journalists" (a sentence-initial
word), so "it" in "who bought it last year?" is the paper. Asked through `tradebrief ask --json` and
the console adapter on tests/fixtures/who-did/ (our own words), on every kind of store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.service import Tradebrief
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, store_fixture
from tests.test_followups import Clock, followup_service

WHO_DID = ROOT / "tests" / "fixtures" / "who-did"

store = store_fixture("who_did", WHO_DID)


@pytest.mark.parametrize("question", [
    "who owns Brannock?",
    "Who owns Brannock, the firm whose chief economist commented on Farland's growth?",
])
def test_a_person_of_the_firm_is_not_stated_as_its_owner(
        store: str | Path, capsys: pytest.CaptureFixture[str], question: str) -> None:
    answer = ask_json(store, question, capsys)
    assert "Helena Marsh" not in answer["lead"], answer["answer"]
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith("The stored articles mention Brannock"), answer["answer"]


def test_the_role_asked_outright_is_still_answered(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who is the chief economist at Brannock?", capsys)
    assert answer["lead_kind"] == "synthesised" and "Helena Marsh" in answer["lead"], answer["answer"]


def test_who_bought_is_answered_from_the_sentence_saying_it(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who bought the Wexford Gazette last year?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "bought by the Ferris brothers" in answer["citations"][0]["quote"]
    assert "Otto Brandt" not in answer["lead"] or answer["lead_kind"] == "quote"


@pytest.fixture
async def service(tmp_path: Path, stores: Stores) -> AsyncIterator[Tradebrief]:
    async with followup_service(tmp_path, stores, WHO_DID, Clock()) as service:
        yield service


async def test_it_after_counting_journalists_is_the_paper(service: Tradebrief) -> None:
    console = ConsoleAdapter(service)
    assert await console.handle("why is the wexford gazette cutting journalists") is not None
    count = await console.handle("how many journalists do its two titles employ?")
    assert count is not None and "260 journalists" in count
    buyer = await console.handle("who bought it last year?")
    assert buyer is not None
    assert buyer.startswith("Showing results for: who bought Wexford Gazette last year?\n"), buyer
    assert "bought by the Ferris brothers" in buyer


@pytest.mark.parametrize(("deed", "name", "done"), [
    ("bought", "Otto Brandt", False),  # previously owned by him: not the buyer
    ("bought", "Ferris", True),
    ("bought", "Philip Green", True),
    ("owns", "Azim Premji", True),
    ("owns", "Helena Marsh", False),
])
def test_the_doer_is_the_name_beside_the_act(deed: str, name: str, done: bool) -> None:
    from bot.focus import did_deed

    sentences = {
        "Otto Brandt": "The Gazette was bought by the Ferris brothers last year, having previously been owned by Otto Brandt.",
        "Ferris": "The Gazette was bought by the Ferris brothers last year, having previously been owned by Otto Brandt.",
        "Philip Green": "Philip Green bought the chain in 2002.",
        "Azim Premji": "The firm, which is 84% owned by Azim Premji, reported a rise in sales.",
        "Helena Marsh": '"This is consistent with our own view," said Helena Marsh, chief economist at Brannock.',
    }
    assert did_deed(deed, sentences[name], name) is done


async def test_a_country_named_beside_the_firm_does_not_widen_the_search(tmp_path: Path, stores: Stores) -> None:
    """The near-miss check reads every article of the firm asked about; a country in the question, named by
    more stories than it reads (MAX_ENTITY_ARTICLES), used to switch the check off altogether."""
    from bot.answers import MAX_ENTITY_ARTICLES

    folder = tmp_path / "articles"
    folder.mkdir()
    economy = (WHO_DID / "brannock-economy.txt").read_text(encoding="utf-8").replace("Farland", "Portugal")
    (folder / "brannock-economy.txt").write_text(economy, encoding="utf-8")
    for i in range(MAX_ENTITY_ARTICLES + 1):
        (folder / f"portugal-{i:02d}.txt").write_text(
            f"Portugal port traffic note {i}\nSource: Capital Wire\ndate 2006-01-{i % 28 + 1:02d}\n\n"
            f"Analysts commented that growth in Portugal's port traffic reached {2 + i % 5}% in week {i}.\n",
            encoding="utf-8")
    async with followup_service(tmp_path / "db", stores, folder, Clock()) as service:
        reply = await ConsoleAdapter(service).handle(
            "Who owns Brannock, the firm whose chief economist commented on Portugal's growth?")
    assert reply is not None and reply.startswith("The stored articles mention Brannock"), reply
